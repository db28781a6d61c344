// Which Rodin service the app talks to: the configured one, or the demo's local simulator while the demo runs.
import { createRodinClient } from '../rodin/client';
import { originOf } from '../secrets/bound-key';
import type { RodinClient } from '../rodin/types';
import type { TaskInput } from '../tasks/task';
import type { TaskTracker } from '../tasks/task-tracker';

export interface DemoConnection {
  baseUrl: string;
  apiKey: string;
  /** Tasks the demo service knows about, to watch at once (kept in memory, never persisted). */
  tasks?: TaskInput[];
}

export interface RodinConnection {
  client(): RodinClient;
  /** The origin of the configured base URL (the demo's is not it). */
  configuredOrigin(): string;
  /** A client for the configured service with another key (to verify a key before storing it). */
  clientFor(getApiKey: () => string | undefined): RodinClient;
  /** The demo's in-memory key while the demo runs. */
  demoKey(): string | undefined;
  isDemo(): boolean;
  isDemoTask(subscriptionKey: string): boolean;
  /** The configured base URL changed: switch to it, unless the demo runs (then false, and nothing changes). */
  useConfiguredBaseUrl(): boolean;
  /** Switches to the demo's service and watches its tasks. */
  enterDemo(connection: DemoConnection): void;
  /** Back to the configured service; the demo's tasks leave the list. */
  leaveDemo(): void;
}

export function createRodinConnection(deps: {
  fetch: typeof fetch;
  tracker: TaskTracker;
  baseUrl: () => string;
  /** The key a client may send to `origin`, asked at each request: undefined keeps the key from going there. */
  getApiKey: (origin: string) => string | undefined;
}): RodinConnection {
  let demo: { apiKey: string; baseUrl: string; keys: Set<string> } | undefined;

  function makeClient(baseUrl: string, getApiKey?: () => string | undefined): RodinClient {
    const origin = originOf(baseUrl);
    return createRodinClient({ baseUrl, fetch: deps.fetch, getApiKey: getApiKey ?? (() => deps.getApiKey(origin)) });
  }

  // Built on first use: the settings that give the base URL may be wired up after this connection.
  let client: RodinClient | undefined;

  return {
    client: () => (client ??= makeClient(deps.baseUrl())),
    configuredOrigin: () => originOf(deps.baseUrl()),
    clientFor: (getApiKey) => makeClient(deps.baseUrl(), getApiKey),
    demoKey: () => demo?.apiKey,
    isDemo: () => demo !== undefined,
    isDemoTask: (key) => demo?.keys.has(key) ?? false,
    useConfiguredBaseUrl() {
      if (demo) return false;
      client = makeClient(deps.baseUrl());
      return true;
    },
    enterDemo(connection) {
      // The demo key lives in memory only: it must never replace the user's key in the keychain.
      const entered = { apiKey: connection.apiKey, baseUrl: connection.baseUrl, keys: new Set<string>() };
      demo = entered;
      client = makeClient(connection.baseUrl);
      for (const input of connection.tasks ?? []) {
        if (deps.tracker.add(input).added) entered.keys.add(input.subscriptionKey);
      }
    },
    leaveDemo() {
      if (!demo) return;
      const keys = demo.keys;
      demo = undefined;
      for (const key of keys) deps.tracker.remove(key);
      client = makeClient(deps.baseUrl());
    },
  };
}
