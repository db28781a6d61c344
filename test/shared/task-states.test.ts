// Walks the state table and checks that every place showing or counting states follows it, so a new state is one row
// in src/shared/task-states.ts plus what the compiler points at; and that nobody spells the state list out again.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderLiveView } from '../../src/cli/watch/live-view';
import { buildSnapshot } from '../../src/core/app/build-snapshot';
import { decideFinishNotifications } from '../../src/core/notify/finish-notifications';
import type { Task } from '../../src/core/tasks/task';
import { buildTrayMenu } from '../../src/main/tray/tray-menu';
import { trayIconState, trayTitle, trayTooltip } from '../../src/main/tray/tray-state';
import { parseStoredTasks } from '../../src/main/store/task-schema';
import { finishAnnouncements } from '../../src/renderer/state/announce';
import { groupTasks } from '../../src/renderer/state/group-tasks';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import {
  isFinished,
  outcomeOf,
  statesInGroup,
  TASK_GROUP_NAMES,
  TASK_GROUPS,
  TASK_STATE_NAMES,
  TASK_STATES,
  type TaskState,
} from '../../src/shared/task-states';
import { makeSnapshot, makeTaskView } from '../main/snapshot-fixtures';

const NOW = 1_700_000_000_000;
const ROOT = join(import.meta.dirname, '../..');

function task(state: TaskState, extra: Partial<Task> = {}): Task {
  return {
    subscriptionKey: `eyJhbGciOiJIUzI1NiJ9.${state}.sig`,
    label: `A ${state} chair`,
    jobs: [],
    state,
    addedAt: NOW - 90_000,
    ...(isFinished(state) ? { finishedAt: NOW } : {}),
    notified: false,
    ...extra,
  };
}

describe.each(TASK_STATE_NAMES)('the %s state, from its row in the table', (state) => {
  const row = TASK_STATES[state];

  it('is stored and loaded back after a restart', () => {
    const { tasks, invalid } = parseStoredTasks([JSON.parse(JSON.stringify(task(state)))]);
    expect(invalid).toBe(0);
    expect(tasks[0]?.state).toBe(state);
  });

  it('is counted in the snapshot', () => {
    const snapshot = buildSnapshot({
      tasks: [task(state)],
      polling: { paused: false },
      key: { present: true, source: 'memory' },
      settings: DEFAULT_SETTINGS,
      notices: [],
      now: NOW,
      demo: false,
      unseen: new Set(),
    });
    expect(snapshot.counts[state]).toBe(1);
    expect(Object.values(snapshot.counts).reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('has its own group in the tray menu, titled with its word', () => {
    const view = makeTaskView({ state, label: 'Stool' });
    const labels = buildTrayMenu(makeSnapshot({ tasks: [view] })).map((item) => item.label);
    expect(labels).toContain(`${row.word} (1)`);
    expect(labels[0]).toBe(`1 ${row.word.toLowerCase()}`);
  });

  it('is listed in its window section', () => {
    const groups = groupTasks([makeTaskView({ state })]);
    expect(groups.map((g) => [g.key, g.title])).toEqual([[row.group, TASK_GROUPS[row.group].title]]);
  });

  it('shows its word and sign in the CLI', () => {
    const lines = renderLiveView(
      { tasks: [task(state)], status: { paused: false, inFlight: 0 }, now: NOW },
      { width: 100, color: false, frame: 0 },
    );
    expect(lines[0]).toContain(`1 ${row.word.toLowerCase()}`);
    expect(lines[1]).toContain(`${row.glyph} ${row.word}`);
  });

  it('has a colour in the window', () => {
    const css = readFileSync(join(ROOT, 'src/renderer/styles.css'), 'utf8');
    expect(css).toContain(`.state-${state} .state-word`);
  });

  it('counts as running in the tray exactly while it can still change', () => {
    const snapshot = makeSnapshot({ tasks: [makeTaskView({ state, unseen: isFinished(state) })] });
    expect(trayTitle(snapshot)).toBe(row.finished ? '' : '1');
    expect(trayIconState(snapshot)).toBe(row.finished ? 'attention' : 'running');
    expect(trayTooltip(snapshot)).toBe(row.finished ? '1 finished' : `1 ${row.word.toLowerCase()}`);
  });

  it(
    row.finished
      ? 'is announced, and notified by its outcome, when a task reaches it'
      : 'is neither announced nor notified',
    () => {
      const before = makeSnapshot({ tasks: [makeTaskView({ id: 't1', label: 'Stool', state: 'waiting' })] });
      const after = makeSnapshot({ tasks: [makeTaskView({ id: 't1', label: 'Stool', state })] });
      const finished = [task(state)];
      const onlyDone = { notifyOnDone: true, notifyOnFailed: false, notificationSound: false };
      const onlyFailed = { notifyOnDone: false, notifyOnFailed: true, notificationSound: false };
      const outcome = outcomeOf(state);
      if (!row.finished) {
        expect(outcome).toBeUndefined();
        expect(finishAnnouncements(before, after)).toEqual([]);
        const all = { ...onlyDone, notifyOnFailed: true };
        expect(decideFinishNotifications({ finished, settings: all, now: NOW })).toEqual([]);
        return;
      }
      expect(finishAnnouncements(before, after)).toEqual([`Stool ${(row as { news: string }).news}.`]);
      expect(outcome === 'success' || outcome === 'failure').toBe(true);
      const wanted = outcome === 'success' ? onlyDone : onlyFailed;
      const unwanted = outcome === 'success' ? onlyFailed : onlyDone;
      const [n] = decideFinishNotifications({ finished, settings: wanted, now: NOW });
      expect(n?.title).toBe(`${row.word}: A ${state} chair`);
      expect(decideFinishNotifications({ finished, settings: unwanted, now: NOW })).toEqual([]);
    },
  );
});

describe('the window sections', () => {
  it('each hold at least one state, and only states that agree on being finished', () => {
    for (const group of TASK_GROUP_NAMES) {
      const states = statesInGroup(group);
      expect(states.length).toBeGreaterThan(0);
      for (const state of states) expect(TASK_STATES[state].finished).toBe(TASK_GROUPS[group].finished);
    }
  });
});

/** Every .ts/.tsx file under a folder. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const NAMES = TASK_STATE_NAMES.join('|');
// Two state names side by side in a list or union ('done', 'failed' / 'done' | 'failed'), or two comparisons joined
// (state === 'failed' || state === 'canceled'). Download statuses share two words with states, so a match counts only
// when it holds a word no download status has.
const LIST = new RegExp(`'(${NAMES})'\\s*[,|]\\s*'(${NAMES})'`, 'g');
const JOINED = new RegExp(`[=!]== '(${NAMES})'\\s*(\\|\\||&&)[^;\\n]*[=!]== '(${NAMES})'`);
const TASK_ONLY = /'(waiting|generating|canceled)'/;

function spellsStatesOut(text: string): boolean {
  const lists = [...text.matchAll(LIST)].some((m) => TASK_ONLY.test(m[0]));
  const joins = text.split('\n').some((line) => JOINED.test(line) && TASK_ONLY.test(line));
  return lists || joins;
}

describe('one home for the state list', () => {
  it('no source file but the table lists states or spells out "is finished" itself', () => {
    const offenders = sourceFiles(join(ROOT, 'src'))
      .filter((path) => !path.endsWith(join('shared', 'task-states.ts')))
      .filter((path) => spellsStatesOut(readFileSync(path, 'utf8')))
      .map((path) => relative(ROOT, path));
    expect(offenders).toEqual([]);
  });

  it('the guard above catches a re-spelled list (checked on samples, so it cannot pass by matching nothing)', () => {
    expect(spellsStatesOut("if (was === 'done' || was === 'failed' || was === 'canceled') continue;")).toBe(true);
    expect(spellsStatesOut("const ORDER = ['generating', 'waiting', 'done'];")).toBe(true);
    expect(spellsStatesOut("type TaskState = 'waiting' | 'generating' | 'done';")).toBe(true);
    expect(spellsStatesOut("status: 'pending' | 'downloading' | 'done' | 'failed';")).toBe(false);
  });
});
