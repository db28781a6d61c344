// Window benchmark: the built renderer in Chromium with 1,000 tasks; times how long applying one snapshot change takes
// (script, style and layout, until the DOM is settled). Target: p95 ≤ 16 ms, one frame at 60 Hz.
import { chromium } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { firstLoadScripts } from './bundle-bench';
import { installBridge, recordingInvoke } from '../test/renderer/bridge-harness';
import { makeSnapshot, makeTask, manyTasks } from '../test/renderer/fixture-snapshots';
import { RENDERER_DIR, startStaticServer } from '../test/renderer/static-server';
import type { AppSnapshot, TaskView } from '../src/shared/snapshot';
import { loadavg } from 'node:os';

const TASKS = 1000;
const UPDATES = 200;
const TARGET_MS = 16;
const BUNDLE_LIMIT_KB = 150;

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? Number.NaN;
}

/** The first load only: the 3D viewer's chunk is fetched later, when a model is shown (see bundle-bench.ts). */
function rendererJsGzipKb(): number {
  let bytes = 0;
  for (const f of firstLoadScripts()) bytes += gzipSync(readFileSync(join(RENDERER_DIR, f))).length;
  return bytes / 1024;
}

/** One change a live app would push: progress, a finish that moves a row between groups, a rename, a new task. */
type Change =
  | { kind: 'progress' | 'finish' | 'rename'; at: number; now: number; label: string }
  | { kind: 'add'; task: TaskView; now: number };

function changes(count: number, start: number, now: number): Change[] {
  return Array.from({ length: count }, (_, k): Change => {
    const n = start + k;
    const at = (n * 37) % TASKS;
    const t = now + n * 1000;
    const kinds = ['progress', 'finish', 'rename'] as const;
    const kind = kinds[n % 4];
    if (kind) return { kind, at, now: t, label: `Renamed ${n}` };
    return { kind: 'add', task: makeTask(TASKS + n, t, 'waiting', { addedAt: t }), now: t };
  });
}

export async function runRendererBench(): Promise<{ lines: string[]; p95Ms: number }> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    const reason = 'renderer bench skipped: out/renderer is not built (run `npx electron-vite build`).';
    console.warn(reason);
    return { lines: [reason], p95Ms: Number.NaN };
  }
  if (!existsSync(executablePath)) {
    const reason = `renderer bench skipped: no Chromium at ${executablePath} (set CHROMIUM_PATH).`;
    console.warn(reason);
    return { lines: [reason], p95Ms: Number.NaN };
  }
  const server = await startStaticServer();
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 380, height: 560 } });
    const snapshot = makeSnapshot(Date.now(), manyTasks(TASKS, Date.now()));
    const { invoke } = recordingInvoke(() => snapshot);
    await installBridge(page, invoke);
    const t0 = Date.now();
    await page.goto(server.url);
    await page
      .locator('li.row')
      .nth(TASKS - 1)
      .waitFor({ state: 'attached' });
    const firstRenderMs = Date.now() - t0;

    // Runs inside the page. Each change starts from a structured clone of the last snapshot, as IPC delivers it (no
    // shared object identity), then times: push, Preact's render (queued as a microtask), forced style and layout.
    // The wait for the next frame is left out: headless Chromium on a busy machine schedules frames erratically.
    const applyAll = (list: Change[]): Promise<number[]> =>
      page.evaluate(async (items) => {
        const w = window as unknown as { __benchBase: AppSnapshot };
        const out: number[] = [];
        for (const c of items) {
          const snap = structuredClone(w.__benchBase);
          snap.now = c.now;
          if (c.kind === 'add') {
            snap.tasks = [c.task, ...snap.tasks.slice(0, -1)];
          } else {
            const t = snap.tasks[c.at];
            if (t && c.kind === 'progress') {
              t.state = 'generating';
              t.jobsDone = (t.jobsDone + 1) % (t.jobsTotal + 1);
              t.generatingSince = c.now - 5000;
            } else if (t && c.kind === 'finish') {
              t.state = 'done';
              t.jobsDone = t.jobsTotal;
              t.finishedAt = c.now;
              t.unseen = true;
            } else if (t) {
              t.label = c.label;
            }
          }
          w.__benchBase = snap;
          const start = performance.now();
          window.__rodinPush?.(snap);
          await Promise.resolve();
          await Promise.resolve();
          void document.querySelector('.scroll')?.scrollHeight;
          void document.body.getBoundingClientRect();
          out.push(performance.now() - start);
          // Let the browser paint and breathe between updates, as it would between real snapshots.
          await new Promise((r) => setTimeout(r, 5));
        }
        return out;
      }, list);

    await page.evaluate((s) => {
      (window as unknown as { __benchBase: AppSnapshot }).__benchBase = s;
    }, snapshot);
    await applyAll(changes(20, 0, snapshot.now)); // warm-up: JIT and style caches
    const times = await applyAll(changes(UPDATES, 20, snapshot.now));
    const rows = await page.locator('li.row').count();
    if (rows !== TASKS) throw new Error(`expected ${TASKS} rows after the updates, found ${rows}`);
    times.sort((a, b) => a - b);
    const p50 = percentile(times, 50);
    const p95 = percentile(times, 95);
    const max = times[times.length - 1] ?? Number.NaN;
    const kb = rendererJsGzipKb();
    return {
      lines: [
        `renderer: ${TASKS} tasks, first render ${firstRenderMs} ms (page load included)`,
        `renderer: ${UPDATES} snapshot updates: p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${max.toFixed(2)} ms (target p95 ≤ ${TARGET_MS} ms: ${p95 <= TARGET_MS ? 'met' : 'MISSED'})`,
        `renderer: machine load average ${loadavg()[0]?.toFixed(1)} during the run (timings scale with it)`,
        `renderer: first-load JavaScript ${kb.toFixed(1)} KB gzipped (limit ${BUNDLE_LIMIT_KB} KB: ${kb <= BUNDLE_LIMIT_KB ? 'met' : 'MISSED'})`,
      ],
      p95Ms: p95,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
