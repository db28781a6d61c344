import { describe, expect, it } from 'vitest';
import {
  LONE_TASK_UUID_REASON,
  MAX_INPUT_CHARS,
  parseTaskInput,
  parseTaskLink,
} from '../../../src/core/input/parse-task-input';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A JWT-shaped subscription key like the ones Rodin (and our simulator) hand out. */
const makeKey = (sub: string) =>
  `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, iat: 1_700_000_000 })}.${Buffer.from(`sig-${sub}`).toString('base64url')}`;

const KEY_A = makeKey('task-a');
const KEY_B = makeKey('task-b');
const KEY_C = makeKey('task-c');
const UUID_A = '0b7f5c1e-3a59-4f0e-9d8e-2c1b4a6f7e01';
const UUID_B = '5d2e9a44-81c3-4b7a-a0f6-93e1c2d4b5f6';
const JOB_UUIDS = ['11111111-2222-4333-8444-555555555555', '66666666-7777-4888-9999-aaaaaaaaaaaa'];

const response = (uuid: string, key: string, extra: Record<string, unknown> = {}) => ({
  error: null,
  message: 'Submitted.',
  uuid,
  jobs: { uuids: JOB_UUIDS, subscription_key: key },
  ...extra,
});

describe('parseTaskInput: generation responses', () => {
  it('reads the task UUID, the subscription key and the prompt as label', () => {
    const text = JSON.stringify(response(UUID_A, KEY_A, { prompt: '  A red teapot  ' }));
    expect(parseTaskInput(text)).toEqual({
      tasks: [{ subscriptionKey: KEY_A, taskUuid: UUID_A, label: 'A red teapot' }],
      rejected: [],
    });
  });

  it('finds a pretty-printed response wrapped in other text, even after a stray brace', () => {
    const text = `Here is what the API said {oops:\n\n${JSON.stringify(response(UUID_A, KEY_A), null, 2)}\nThanks!`;
    expect(parseTaskInput(text).tasks).toEqual([{ subscriptionKey: KEY_A, taskUuid: UUID_A }]);
  });

  it('finds several responses in one text, in order', () => {
    const text = [
      `first: ${JSON.stringify(response(UUID_A, KEY_A))}`,
      `an array: ${JSON.stringify([response(UUID_B, KEY_B), { other: 1 }])}`,
    ].join('\n');
    expect(parseTaskInput(text).tasks).toEqual([
      { subscriptionKey: KEY_A, taskUuid: UUID_A },
      { subscriptionKey: KEY_B, taskUuid: UUID_B },
    ]);
  });

  it('shortens a long prompt to an 80-character single-line label', () => {
    const prompt = `A  castle\n${'on a hill '.repeat(20)}`;
    const [task] = parseTaskInput(JSON.stringify(response(UUID_A, KEY_A, { prompt }))).tasks;
    expect(task?.label?.length).toBeGreaterThan(70);
    expect(task?.label?.length).toBeLessThanOrEqual(80);
    expect(task?.label).toMatch(/^A castle on a hill .*…$/);
  });

  it('still finds the key when a brace inside the prompt breaks the JSON around it', () => {
    const text = `{"uuid":"${UUID_A}","prompt":"smile :-}","jobs":{"uuids":[],"subscription_key":"${KEY_A}"}`;
    expect(parseTaskInput(text).tasks.map((t) => t.subscriptionKey)).toEqual([KEY_A]);
  });

  it('takes the key from a subscription_key field that is not JSON (a Python dict)', () => {
    const key = 'sim-subscription-0123456789';
    const text = `{'uuid': '${UUID_A}', 'jobs': {'uuids': [], 'subscription_key': '${key}'}}`;
    expect(parseTaskInput(text).tasks).toEqual([{ subscriptionKey: key }]);
  });

  it('refuses a response whose subscription_key is not a key', () => {
    const { tasks, rejected } = parseTaskInput(JSON.stringify(response(UUID_A, 'no')));
    expect(tasks).toEqual([]);
    expect(rejected).toEqual(['The JSON holds a subscription_key that is not a valid key.']);
  });

  it('never lets parsed JSON change objects in the process', () => {
    const text = `{"__proto__":{"polluted":true},"uuid":"${UUID_A}","jobs":{"subscription_key":"${KEY_A}"}}`;
    expect(parseTaskInput(text).tasks).toHaveLength(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseTaskInput: bare keys and flags', () => {
  it('accepts a bare subscription key', () => {
    expect(parseTaskInput(`  ${KEY_A}\n`)).toEqual({ tasks: [{ subscriptionKey: KEY_A }], rejected: [] });
  });

  it('accepts several keys in prose, including one ending a sentence', () => {
    const text = `keys: ${KEY_A}, and "${KEY_B}"; last one is ${KEY_C}.`;
    expect(parseTaskInput(text).tasks.map((t) => t.subscriptionKey)).toEqual([KEY_A, KEY_B, KEY_C]);
  });

  it('collapses duplicates and keeps the details any copy carried', () => {
    const text = `${KEY_A}\n${JSON.stringify(response(UUID_A, KEY_A, { prompt: 'Teapot' }))}\n${KEY_A}`;
    expect(parseTaskInput(text).tasks).toEqual([{ subscriptionKey: KEY_A, taskUuid: UUID_A, label: 'Teapot' }]);
  });

  it('ignores eyJ tokens whose first part is not a JWT header', () => {
    const notAKey = `${b64({ hello: 'world' })}.${b64({ a: 1 })}.c2ln`;
    expect(parseTaskInput(`value ${notAKey}`)).toEqual({
      tasks: [],
      rejected: [expect.stringMatching(/^Nothing recognisable/)],
    });
  });

  it('says when a key looks cut off', () => {
    const cut = KEY_A.split('.').slice(0, 2).join('.');
    expect(parseTaskInput(cut).rejected).toEqual([expect.stringMatching(/cut off/)]);
  });

  it('pairs --key and --task as typed on a command line', () => {
    const text = `rodin-jobs watch --key ${KEY_A} --task ${UUID_A} --task=${UUID_B} --key="${KEY_B}" --key ${KEY_C}`;
    expect(parseTaskInput(text)).toEqual({
      tasks: [
        { subscriptionKey: KEY_A, taskUuid: UUID_A },
        { subscriptionKey: KEY_B, taskUuid: UUID_B },
        { subscriptionKey: KEY_C },
      ],
      rejected: [],
    });
  });

  it('reads key and task from a rodin-tray link inside the text', () => {
    const text = `open rodin-tray://add?key=${KEY_A}&task=${UUID_A} please`;
    expect(parseTaskInput(text).tasks).toEqual([{ subscriptionKey: KEY_A, taskUuid: UUID_A }]);
  });
});

describe('parseTaskInput: rejections', () => {
  it('refuses a task UUID alone, saying the subscription key is needed', () => {
    expect(parseTaskInput(UUID_A)).toEqual({ tasks: [], rejected: [LONE_TASK_UUID_REASON] });
    expect(parseTaskInput(`--task ${UUID_A}`)).toEqual({ tasks: [], rejected: [LONE_TASK_UUID_REASON] });
    expect(LONE_TASK_UUID_REASON).toMatch(/task UUID alone can't be watched: the status needs the subscription key/);
  });

  it('reports a lone task UUID next to a usable key, but not the job UUIDs of a response', () => {
    expect(parseTaskInput(`${KEY_A}\n${UUID_B}`)).toEqual({
      tasks: [{ subscriptionKey: KEY_A }],
      rejected: [LONE_TASK_UUID_REASON],
    });
    expect(parseTaskInput(JSON.stringify(response(UUID_A, KEY_A))).rejected).toEqual([]);
  });

  it.each([
    ['', /empty/],
    [' \n\t ', /empty/],
    ['hello world, nothing to see', /^Nothing recognisable/],
    ['{"jobs":[{"uuid":"x","status":"Done"}]}', /^Nothing recognisable/],
  ])('refuses %j with a reason', (text, reason) => {
    const result = parseTaskInput(text);
    expect(result.tasks).toEqual([]);
    expect(result.rejected).toEqual([expect.stringMatching(reason)]);
  });

  it('refuses text longer than the limit without looking inside', () => {
    const result = parseTaskInput(`${KEY_A} ${'x'.repeat(MAX_INPUT_CHARS)}`);
    expect(result.tasks).toEqual([]);
    expect(result.rejected).toEqual([expect.stringMatching(/too long/)]);
  });
});

describe('parseTaskInput: megabytes of text', () => {
  it('finds keys at the start, middle and end of several megabytes of noise', () => {
    const noise = 'lorem {ipsum} "dolor" sit amet, eyJ not a key. '.repeat(60_000); // ≈ 2.9 MB
    const text = `${KEY_A}\n${noise}${JSON.stringify(response(UUID_B, KEY_B))}${noise}--key ${KEY_C}`;
    expect(text.length).toBeGreaterThan(5_000_000);
    expect(parseTaskInput(text).tasks).toEqual([
      { subscriptionKey: KEY_A },
      { subscriptionKey: KEY_B, taskUuid: UUID_B },
      { subscriptionKey: KEY_C },
    ]);
  });

  it.each([
    ['fields inside braces', '{"subscription_key"} '.repeat(50_000)],
    ['unclosed braces', '{'.repeat(1_000_000)],
    ['nested braces around many fields', `${'{"subscription_key":1,"a":'.repeat(40_000)}${'}'.repeat(40_000)}`],
    ['repeated eyJ', 'eyJ'.repeat(400_000)],
    ['dotted eyJ runs', 'eyJa.'.repeat(200_000)],
    ['repeated flags', '--key --task '.repeat(80_000)],
    ['UUID-like runs', '0b7f5c1e-3a59-'.repeat(80_000)],
  ])('handles %s without finding anything', (_name, text) => {
    const result = parseTaskInput(text);
    expect(result.tasks).toEqual([]);
    expect(result.rejected.length).toBeGreaterThan(0);
  });
});

describe('parseTaskLink', () => {
  it('reads key, task and label from a rodin-tray://add link', () => {
    const link = `rodin-tray://add?key=${KEY_A}&task=${UUID_A}&label=${encodeURIComponent('My  chair\n')}`;
    expect(parseTaskLink(link)).toEqual({
      tasks: [{ subscriptionKey: KEY_A, taskUuid: UUID_A, label: 'My chair' }],
      rejected: [],
    });
  });

  it('pairs repeated keys and tasks by position', () => {
    const link = `rodin-tray://add?key=${KEY_A}&task=${UUID_A}&key=${KEY_B}&task=${UUID_B}`;
    expect(parseTaskLink(link).tasks).toEqual([
      { subscriptionKey: KEY_A, taskUuid: UUID_A },
      { subscriptionKey: KEY_B, taskUuid: UUID_B },
    ]);
  });

  it.each([
    ['not a url', /not a valid URL/],
    [`https://example.com/add?key=${KEY_A}`, /Only rodin-tray:\/\//],
    [`rodin-tray://remove?key=${KEY_A}`, /only rodin-tray:\/\/add/],
    ['rodin-tray://add?label=x', /no key=/],
    [`rodin-tray://add?task=${UUID_A}`, /task UUID alone/],
    ['rodin-tray://add?key=%20bad%20', /not a valid subscription key/],
  ])('refuses %j with a reason', (link, reason) => {
    const result = parseTaskLink(link);
    expect(result.tasks).toEqual([]);
    expect(result.rejected).toEqual([expect.stringMatching(reason)]);
  });
});
