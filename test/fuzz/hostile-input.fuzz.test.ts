import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/app/app-error';
import { ipcSchemas } from '../../src/core/app/ipc-schemas';
import { validatedHandler } from '../../src/core/app/validated-handler';
import { planDownloads, RESULT_EXTENSIONS } from '../../src/core/download/download-plan';
import { downloadTaskResults } from '../../src/core/download/downloader';
import { parseTaskInput, parseTaskLink } from '../../src/core/input/parse-task-input';
import {
  balanceResponseSchema,
  downloadResponseSchema,
  generationResponseSchema,
  statusResponseSchema,
} from '../../src/core/rodin/response-schemas';
import type { IpcChannel } from '../../src/shared/ipc';

// Property-based fuzzing of every door hostile input comes through. Each block prints how many cases it tried.

// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const KEY = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

function report(what: string, cases: number): void {
  console.log(`fuzz: ${what}: ${cases} cases`);
}

/** Text that looks a little like what users paste: keys, JSON, links, junk and control characters. */
const pasteLike = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.json({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify({ uuid: v, jobs: { subscription_key: KEY, uuids: v } })),
  fc
    .array(fc.constantFrom(KEY, '{', '}', '[', ']', '"', 'eyJ', '.', ',', ':', ' ', '\n', 'rodin-tray://add?key='), {
      maxLength: 200,
    })
    .map((parts) => parts.join('')),
);

describe('fuzz: the clipboard and link parser', () => {
  it('never throws on random text and JSON shapes, and only returns plausible tasks', () => {
    let cases = 0;
    fc.assert(
      fc.property(pasteLike, (text) => {
        cases++;
        for (const parsed of [parseTaskInput(text), parseTaskLink(text)]) {
          for (const task of parsed.tasks) {
            // Keys are kept tolerant (the service's format may change) but never carry spaces or controls.
            expect(task.subscriptionKey).toMatch(/^[A-Za-z0-9_.-]{8,4096}$/);
            if (task.label !== undefined) expect(task.label).not.toMatch(CONTROL);
          }
          for (const reason of parsed.rejected) expect(typeof reason).toBe('string');
        }
      }),
      { numRuns: 3000 },
    );
    report('parser, random text and JSON', cases);
  });

  it('reads megabyte inputs in linear time (no hang on deep or repetitive text)', () => {
    let cases = 0;
    const timeFor = (text: string) => {
      const started = performance.now();
      parseTaskInput(text);
      return performance.now() - started;
    };
    for (const unit of ['{"a":', '[', `${KEY} `, 'eyJ.', '"\\u00', 'x'.repeat(7) + '\n']) {
      const small = unit.repeat(Math.ceil(1_000_000 / unit.length));
      const big = unit.repeat(Math.ceil(4_000_000 / unit.length));
      // The fastest of a few runs, so a busy machine does not decide the result.
      const t1 = Math.min(timeFor(small), timeFor(small), timeFor(small));
      const t4 = Math.min(timeFor(big), timeFor(big));
      cases += 5;
      // Four times the input: linear is ~4x, quadratic would be ~16x. Below 2 ms nothing can be told apart.
      expect(t4, `4 MB of ${JSON.stringify(unit)}`).toBeLessThan(Math.max(12 * t1, 200));
    }
    report('parser, megabyte inputs', cases);
  });
});

describe('fuzz: response schemas', () => {
  const schemas = {
    status: statusResponseSchema,
    download: downloadResponseSchema,
    balance: balanceResponseSchema,
    generation: generationResponseSchema,
  };
  /** Bodies near the real shapes, so validation gets past the first field as often as it fails. */
  const nearShapes = fc.oneof(
    fc.jsonValue({ maxDepth: 5 }),
    fc.record({
      jobs: fc.array(fc.record({ uuid: fc.string(), status: fc.string(), queue_length: fc.jsonValue() })),
    }),
    fc.record({ list: fc.array(fc.record({ url: fc.string(), name: fc.string({ unit: 'binary' }) })) }),
    fc.record({ balance: fc.oneof(fc.double(), fc.string()) }),
    fc.record({
      uuid: fc.string({ unit: 'binary' }),
      jobs: fc.record({ uuids: fc.array(fc.string()), subscription_key: fc.string() }),
      message: fc.option(fc.string({ unit: 'binary' })),
    }),
  );

  it('never throw, and what passes holds no control characters in the strings we show', () => {
    let cases = 0;
    fc.assert(
      fc.property(nearShapes, (body) => {
        cases++;
        for (const [name, schema] of Object.entries(schemas)) {
          const result = schema.safeParse(body);
          if (!result.success) continue;
          const shown = JSON.stringify(result.data, (key, value: unknown) => (key === 'url' ? undefined : value));
          expect(JSON.parse(shown) as unknown, name).toBeDefined();
          for (const text of stringsIn(JSON.parse(shown))) expect(text, name).not.toMatch(CONTROL);
        }
      }),
      { numRuns: 3000 },
    );
    report('response schemas', cases);
  });
});

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

describe('fuzz: IPC payload validation', () => {
  it('every channel either refuses a payload with INVALID_PAYLOAD or hands over one its schema accepts', async () => {
    let cases = 0;
    const channels = Object.keys(ipcSchemas) as IpcChannel[];
    const payloads = fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.record({
        id: fc.oneof(
          fc.string(),
          fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 16, maxLength: 16 }),
        ),
      }),
      fc.record({ text: fc.string(), key: fc.string(), url: fc.webUrl(), minutes: fc.integer(), label: fc.string() }),
      fc.dictionary(
        fc.constantFrom('theme', 'baseUrl', 'pollBudgetPerMinute', '__proto__', 'constructor'),
        fc.jsonValue(),
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...channels), payloads, async (channel, payload) => {
        cases++;
        let seen: unknown;
        const handler = validatedHandler(channel, (request) => {
          seen = request;
          return undefined;
        });
        try {
          await handler(payload as never);
          expect(ipcSchemas[channel].safeParse(seen).success).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe('INVALID_PAYLOAD');
          expect(seen).toBeUndefined();
        }
      }),
      { numRuns: 4000 },
    );
    report(`IPC payloads over ${channels.length} channels`, cases);
  });
});

describe('fuzz: download-list entries', () => {
  const folder = path.resolve('/results/task');
  const names = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc
      .array(
        fc.constantFrom('..', '.', '/', '\\', 'C:', 'con', 'nul', '~', ' ', '\u0000', 'a', '.glb', '.exe', '\u202e'),
        {
          maxLength: 12,
        },
      )
      .map((parts) => parts.join('')),
    fc.constantFrom(...RESULT_EXTENSIONS).map((ext) => `../../${ext}.${ext}`),
  );
  const urls = fc.oneof(
    fc.webUrl({ withQueryParameters: true }),
    fc.string(),
    fc.constantFrom(
      'file:///etc/passwd',
      'http://127.0.0.1/x',
      'http://example.com/x',
      'javascript:alert(1)',
      'https://u:p@h/x',
    ),
  );

  it('plans only names directly inside the task folder, and only allowed links', () => {
    let cases = 0;
    fc.assert(
      fc.property(fc.array(fc.record({ name: names, url: urls }), { maxLength: 30 }), fc.boolean(), (list, http) => {
        cases++;
        const plan = planDownloads(list, new Set(), { allowPlainHttp: http });
        expect(plan.files.length + plan.refused.length).toBe(list.length);
        for (const file of plan.files) {
          const full = path.join(folder, file.name);
          expect(path.dirname(full)).toBe(folder);
          expect(file.name).not.toMatch(/^\.|[/\\]/);
          expect(['https:', ...(http ? ['http:'] : [])]).toContain(file.url.protocol);
        }
      }),
      { numRuns: 3000 },
    );
    report('download-list entries, planned', cases);
  });

  describe('written to disk', () => {
    let server: Server;
    let origin: string;
    let root: string;
    beforeAll(async () => {
      root = await mkdtemp(path.join(tmpdir(), 'rodin-fuzz-'));
      server = createServer((_req, res) => res.writeHead(200, { 'content-length': 2 }).end('ok'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(root, { recursive: true, force: true });
    });

    it('never writes anything outside the task folder, whatever the names', async () => {
      let cases = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(names, { minLength: 1, maxLength: 8 }), async (list) => {
          cases++;
          const caseRoot = await mkdtemp(path.join(root, 'case-'));
          const folder = path.join(caseRoot, 'task');
          const client = {
            baseUrl: `${origin}/api`,
            downloadList: () => Promise.resolve(list.map((name, i) => ({ name, url: `${origin}/f${i}` }))),
          };
          await downloadTaskResults({ client, fetch, taskUuid: 't', folder }).catch(() => undefined);
          const outside = (await readdir(caseRoot)).filter((entry) => entry !== 'task');
          expect(outside).toEqual([]);
        }),
        { numRuns: 60 },
      );
      report('download-list entries, written', cases);
    });
  });
});
