// The IPC contract: every channel with its request and response type. The compiler checks that every channel has a
// handler in main and is allowed by the preload. Responses are results, never thrown errors, so they survive the bridge.
import type { AppSnapshot, TaskView } from './snapshot';
import type { GenerationImage, GenerationParams } from './generation';
import type { Settings, SettingsPatch } from './settings';

export interface IpcError {
  /** Stable code: INVALID_PAYLOAD, FORBIDDEN_SENDER, NOT_FOUND, UNAUTHORIZED, a Rodin code, … */
  code: string;
  message: string;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export interface AddTasksResult {
  added: Pick<TaskView, 'id' | 'label'>[];
  duplicates: Pick<TaskView, 'id' | 'label'>[];
  /** Why parts of the text were not understood, one sentence each. */
  rejected: string[];
}

export type TaskId = { id: string };

export interface RemoveResult {
  /** How long "Undo" can bring the task back (decided by the core; the window offers Undo exactly this long). */
  undoMs: number;
}

export interface GenerationSubmitRequest {
  /** Made fresh by the window for each confirmed submission: the same id is never sent to Rodin twice. */
  attemptId: string;
  params: GenerationParams;
}

/** What the tray's "New generation from clipboard" put into the form. */
export interface GenerationDraft {
  prompt?: string;
  images: GenerationImage[];
  /** Why part of the clipboard was left out (too large, not an image…). */
  note?: string;
}

export interface IpcContract {
  'app:get-snapshot': { request: void; response: AppSnapshot };
  'tasks:add-text': { request: { text: string }; response: AddTasksResult };
  'tasks:remove': { request: TaskId; response: RemoveResult };
  'tasks:undo-remove': { request: TaskId; response: void };
  'tasks:rename': { request: TaskId & { label: string }; response: void };
  'tasks:retry-now': { request: TaskId; response: void };
  'tasks:download': { request: TaskId; response: void };
  'tasks:open-folder': { request: TaskId; response: void };
  'tasks:copy': { request: TaskId & { what: 'subscription-key' | 'task-uuid' | 'model-path' }; response: void };
  /** The task's model file (main finds it; the window never names a path): open it, show it, drag it out. */
  'tasks:open-model': { request: TaskId; response: void };
  'tasks:show-model': { request: TaskId; response: void };
  'tasks:drag-model': { request: TaskId; response: void };
  'tasks:mark-seen': { request: { ids: string[] }; response: void };
  'polling:pause': { request: void; response: void };
  'polling:resume': { request: void; response: void };
  'polling:check-now': { request: void; response: void };
  'key:set': { request: { key: string }; response: { balance: number } };
  'key:clear': { request: void; response: void };
  'balance:refresh': { request: void; response: { balance: number } };
  'settings:update': { request: SettingsPatch; response: Settings };
  'settings:choose-download-folder': { request: void; response: string | null };
  'notifications:pause': { request: { minutes: number }; response: void };
  'notifications:resume': { request: void; response: void };
  'demo:start': { request: void; response: void };
  'window:hide': { request: void; response: void };
  'generation:submit': { request: GenerationSubmitRequest; response: Pick<TaskView, 'id' | 'label'> };
  'generation:take-draft': { request: void; response: GenerationDraft | null };
}

export type IpcChannel = keyof IpcContract;
export type IpcRequest<C extends IpcChannel> = IpcContract[C]['request'];
export type IpcResponse<C extends IpcChannel> = IpcContract[C]['response'];

/** Push channel: main → window, the whole snapshot each time something changed. */
export const SNAPSHOT_CHANNEL = 'app:snapshot';

/** Every invoke channel, checked both ways: a channel missing here or a stray name fails to compile. */
export const IPC_CHANNELS = [
  'app:get-snapshot',
  'tasks:add-text',
  'tasks:remove',
  'tasks:undo-remove',
  'tasks:rename',
  'tasks:retry-now',
  'tasks:download',
  'tasks:open-folder',
  'tasks:copy',
  'tasks:open-model',
  'tasks:show-model',
  'tasks:drag-model',
  'tasks:mark-seen',
  'polling:pause',
  'polling:resume',
  'polling:check-now',
  'key:set',
  'key:clear',
  'balance:refresh',
  'settings:update',
  'settings:choose-download-folder',
  'notifications:pause',
  'notifications:resume',
  'demo:start',
  'window:hide',
  'generation:submit',
  'generation:take-draft',
] as const satisfies readonly IpcChannel[];

type Missing = Exclude<IpcChannel, (typeof IPC_CHANNELS)[number]>;
// If this line fails to compile, a channel in IpcContract is missing from IPC_CHANNELS.
export const ALL_CHANNELS_LISTED: [Missing] extends [never] ? true : Missing = true;

/** One handler per channel: a map of this type fails to compile when a channel lacks a handler. */
export type IpcHandlers = {
  [C in IpcChannel]: (request: IpcRequest<C>) => Promise<IpcResponse<C>>;
};

/** What the preload exposes as `window.rodin`. */
export interface RodinBridge {
  invoke<C extends IpcChannel>(channel: C, request: IpcRequest<C>): Promise<IpcResult<IpcResponse<C>>>;
  onSnapshot(listener: (snapshot: AppSnapshot) => void): () => void;
}

export function isIpcChannel(value: unknown): value is IpcChannel {
  return typeof value === 'string' && (IPC_CHANNELS as readonly string[]).includes(value);
}
