// The one table of task states: every word, group, order, outcome and icon the app, the tray and the CLI show for a
// state comes from here. A new state is one row here plus whatever the compiler then points at (see docs/architecture.md).

/** How a finished state counts: for notification toggles (done vs failed) and the CLI's exit code. */
export type TaskOutcome = 'success' | 'failure';

/** How the state is coloured where colours are picked by meaning (the CLI; the window's CSS uses `.state-<name>`). */
export type TaskTone = 'quiet' | 'busy' | 'good' | 'bad' | 'muted';

interface StateRow {
  /** The state's name for people: row labels, tray group titles, CLI columns ("Done"). */
  word: string;
  /** The window section the state is listed under (see TASK_GROUPS). */
  group: keyof typeof TASK_GROUPS;
  /** Whether the task can still change: finished tasks are no longer polled. */
  finished: boolean;
  /** For finished states: what the finish means for notifications and exit codes. */
  outcome?: TaskOutcome;
  /** For finished states: the sentence tail a screen reader hears, "<label> is done." */
  news?: string;
  /** The window's icon for the state (src/renderer/components/icons.tsx draws one per name). */
  icon: string;
  /** The CLI's one-character sign for the state (generating animates instead). */
  glyph: string;
  tone: TaskTone;
}

/**
 * Window sections, in the order they are shown. Finished sections sort by when tasks finished, active ones by when
 * they were added. Canceled tasks sit with the failed ones: both need the user's attention and neither will finish.
 */
export const TASK_GROUPS = {
  generating: { title: 'Generating', finished: false },
  waiting: { title: 'Waiting', finished: false },
  done: { title: 'Done', finished: true },
  failed: { title: 'Failed', finished: true },
} as const;

/** Rows in display order: the tray menu, its counts line and the CLI list states in this order. */
export const TASK_STATES = {
  generating: {
    word: 'Generating',
    group: 'generating',
    finished: false,
    icon: 'generating',
    glyph: '◐',
    tone: 'busy',
  },
  waiting: { word: 'Waiting', group: 'waiting', finished: false, icon: 'waiting', glyph: '○', tone: 'quiet' },
  done: {
    word: 'Done',
    group: 'done',
    finished: true,
    outcome: 'success',
    news: 'is done',
    icon: 'done',
    glyph: '✔',
    tone: 'good',
  },
  failed: {
    word: 'Failed',
    group: 'failed',
    finished: true,
    outcome: 'failure',
    news: 'failed',
    icon: 'failed',
    glyph: '✖',
    tone: 'bad',
  },
  canceled: {
    word: 'Canceled',
    group: 'failed',
    finished: true,
    outcome: 'failure',
    news: 'was canceled',
    icon: 'canceled',
    glyph: '⊘',
    tone: 'muted',
  },
} as const satisfies Record<
  string,
  StateRow & ({ finished: false } | { finished: true; outcome: TaskOutcome; news: string })
>;

export type TaskState = keyof typeof TASK_STATES;
export type TaskGroupKey = keyof typeof TASK_GROUPS;
export type FinishedTaskState = {
  [S in TaskState]: (typeof TASK_STATES)[S]['finished'] extends true ? S : never;
}[TaskState];
export type ActiveTaskState = Exclude<TaskState, FinishedTaskState>;
/** Icon names the states need; the window's icon set must draw each. */
export type TaskStateIcon = (typeof TASK_STATES)[TaskState]['icon'];

/** Every state in display order; a tuple so zod's enum and exhaustive records can be built from it. */
export const TASK_STATE_NAMES = Object.keys(TASK_STATES) as [TaskState, ...TaskState[]];
export const TASK_GROUP_NAMES = Object.keys(TASK_GROUPS) as [TaskGroupKey, ...TaskGroupKey[]];

export function isFinished(state: TaskState): state is FinishedTaskState {
  return TASK_STATES[state].finished;
}

export function isActive(state: TaskState): state is ActiveTaskState {
  return !TASK_STATES[state].finished;
}

/** The outcome of a finished state; undefined while the task can still change. */
export function outcomeOf(state: TaskState): TaskOutcome | undefined {
  const row: StateRow = TASK_STATES[state];
  return row.outcome;
}

export function stateWord(state: TaskState): string {
  return TASK_STATES[state].word;
}

/** A zero for every state: the start of a count per state. */
export function zeroCounts(): Record<TaskState, number> {
  return Object.fromEntries(TASK_STATE_NAMES.map((s) => [s, 0])) as Record<TaskState, number>;
}

/** The states listed in one window section, in display order. */
export function statesInGroup(group: TaskGroupKey): TaskState[] {
  return TASK_STATE_NAMES.filter((s) => TASK_STATES[s].group === group);
}
