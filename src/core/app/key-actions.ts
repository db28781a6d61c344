// The API key and what is known about it: load, verify-then-set, clear, balance, and the key requests use.
import type { Clock } from '../clock';
import { describeError } from '../rodin/describe-error';
import { AuthError, RodinError, UsageError } from '../rodin/errors';
import { keyHint, validateApiKey } from '../secrets/api-key';
import type { BoundKey } from '../secrets/bound-key';
import type { KeyStatus } from '../../shared/snapshot';
import { AppError } from './app-error';
import { keyOriginDeclined, keyOriginPending, keyOriginQuestion } from './key-origin-question';
import type { RodinConnection } from './rodin-connection';
import type { KeyStore } from '../secrets/key-store';
import type { Platform } from './types';

/** The key part of the snapshot. */
export interface KeyView {
  key: KeyStatus;
  keyRejected: boolean;
  keychainProblem?: string;
  /** The base URL's host is not the one the key was verified with: the key stays home until the user says so. */
  keyOriginProblem?: string;
  balance?: { credits: number; at: number };
}

export interface KeyActions {
  /** Reads the key from the store (at start, and after a clear that leaves an env key). */
  load(): Promise<void>;
  /** The key requests to the current service use: the demo's while it runs, else the stored one if bound there. */
  getApiKey(): string | undefined;
  /**
   * The key a request to `origin` may carry: the demo's while the demo runs (never the user's key), else the
   * stored key only when `origin` is the one it is bound to. Otherwise none: the request fails before it is sent.
   */
  keyFor(origin: string): string | undefined;
  /**
   * When the configured origin is not the key's, asks the user once (a native dialog in main) whether the key
   * may go there. Yes rebinds the key and resumes checking; no keeps the key home and says why. True if rebound.
   */
  confirmOrigin(): Promise<boolean>;
  set(raw: string): Promise<{ balance: number }>;
  clear(): Promise<void>;
  refreshBalance(): Promise<number>;
  /** Another service is in use: what the previous one said about the key (balance, rejection) no longer holds. */
  forgetVerdict(): void;
  /** A request succeeded, so the key works whatever an earlier call said. */
  keyWorks(): void;
  view(): KeyView;
}

export function createKeyActions(deps: {
  clock: Clock;
  keyStore: KeyStore;
  connection: Pick<RodinConnection, 'client' | 'clientFor' | 'configuredOrigin' | 'demoKey' | 'isDemo' | 'leaveDemo'>;
  platform: Pick<Platform, 'confirm'>;
  /** The key changed: polling may resume for tasks a previous key could not check. */
  keyChanged: () => void;
  changed: () => void;
}): KeyActions {
  const { clock, keyStore, connection } = deps;
  let stored: BoundKey | undefined;
  /** Origins the user said no to, so the question is asked once, not at every settings change or restart. */
  const declined = new Set<string>();
  let asking: Promise<boolean> | undefined;
  let keyStatus: KeyStatus = { present: false, source: 'none' };
  let keychainProblem: string | undefined;
  let keyRejected = false;
  let balance: { credits: number; at: number } | undefined;

  function keyFor(origin: string): string | undefined {
    const demoKey = connection.demoKey();
    if (demoKey !== undefined) return demoKey;
    return stored && (stored.origin === origin || fromEnv()) ? stored.key : undefined;
  }

  /**
   * RODIN_API_KEY is set for one launch by the user, like the CLI's --base-url: their explicit choice, so it goes
   * to the configured host without a question. What is protected is the key saved in the keychain.
   */
  function fromEnv(): boolean {
    return keyStatus.source === 'env';
  }

  function getApiKey(): string | undefined {
    return connection.isDemo() ? connection.demoKey() : keyFor(connection.configuredOrigin());
  }

  /** The origin the key is kept from, when the configured one is not the key's (the demo never uses the key). */
  function blockedOrigin(): string | undefined {
    if (!stored || connection.isDemo() || fromEnv()) return undefined;
    const origin = connection.configuredOrigin();
    return origin === stored.origin ? undefined : origin;
  }

  async function rebind(bound: BoundKey, origin: string): Promise<void> {
    await keyStore.set(bound.key, origin);
    stored = { key: bound.key, origin };
    keyStatus = { ...keyStatus, origin };
  }

  async function ask(origin: string): Promise<boolean> {
    const bound = stored;
    if (!bound) return false;
    // A dialog that cannot be shown is no yes: the key stays home and the window keeps saying why.
    const yes = await deps.platform.confirm(keyOriginQuestion(bound.origin, origin)).catch(() => false);
    // The key or the base URL may have changed while the dialog was open: then this answer is about nothing.
    if (stored !== bound || blockedOrigin() !== origin) return false;
    if (!yes) {
      declined.add(origin);
      deps.changed();
      return false;
    }
    await rebind(bound, origin);
    deps.keyChanged();
    deps.changed();
    void refreshBalance().catch(() => undefined);
    return true;
  }

  function confirmOrigin(): Promise<boolean> {
    const origin = blockedOrigin();
    if (!origin || declined.has(origin)) return Promise.resolve(false);
    asking ??= ask(origin).finally(() => {
      asking = undefined;
    });
    return asking;
  }

  async function load(): Promise<void> {
    try {
      stored = await keyStore.get();
      keychainProblem = undefined;
    } catch (error) {
      stored = undefined;
      keychainProblem = `The system keychain could not be read (${error instanceof Error ? error.name : 'error'}); set the key again to keep it for this session.`;
    }
    try {
      keyStatus = await keyStore.status();
    } catch {
      keyStatus = stored
        ? { present: true, source: 'memory', hint: keyHint(stored.key), origin: stored.origin }
        : { present: false, source: 'none' };
    }
  }

  async function refreshBalance(): Promise<number> {
    if (!getApiKey()) throw new AppError('NO_KEY', 'Set your Rodin API key first.');
    try {
      const credits = await connection.client().checkBalance();
      balance = { credits, at: clock.now() };
      keyRejected = false;
      return credits;
    } catch (error) {
      if (error instanceof AuthError) keyRejected = true;
      throw error;
    } finally {
      deps.changed();
    }
  }

  async function set(raw: string): Promise<{ balance: number }> {
    let candidate: string;
    try {
      candidate = validateApiKey(raw);
    } catch (error) {
      throw new AppError('INVALID_KEY', error instanceof UsageError ? error.message : 'That API key cannot be used.');
    }
    // Verify before storing: a rejected key must never replace a working one. It is bound to the origin it was
    // verified with: typing the key in while that host is shown is the user's yes.
    const origin = connection.configuredOrigin();
    const probe = connection.clientFor(() => candidate);
    let credits: number;
    try {
      credits = await probe.checkBalance();
    } catch (error) {
      if (error instanceof AuthError) {
        throw new AppError('UNAUTHORIZED', 'Rodin rejected this API key, so it was not saved; check it and try again.');
      }
      const reason = error instanceof RodinError ? describeError(error) : 'The key could not be checked.';
      throw new AppError(error instanceof RodinError ? error.code : 'INTERNAL', `The key was not saved. ${reason}`);
    }
    await keyStore.set(candidate, origin);
    connection.leaveDemo();
    stored = { key: candidate, origin };
    declined.clear();
    keychainProblem = undefined;
    try {
      keyStatus = await keyStore.status();
    } catch {
      keyStatus = { present: true, source: 'memory', hint: keyHint(candidate), origin };
    }
    keyRejected = false;
    balance = { credits, at: clock.now() };
    deps.keyChanged();
    deps.changed();
    return { balance: credits };
  }

  async function clear(): Promise<void> {
    await keyStore.clear();
    connection.leaveDemo();
    stored = undefined;
    declined.clear();
    balance = undefined;
    keyRejected = false;
    try {
      keyStatus = await keyStore.status();
    } catch {
      keyStatus = { present: false, source: 'none' };
    }
    // An env key (RODIN_API_KEY) survives a clear of the keychain: keep using whatever the store still gives.
    if (keyStatus.present) await load();
    deps.keyChanged();
    deps.changed();
  }

  return {
    load,
    getApiKey,
    keyFor,
    confirmOrigin,
    set,
    clear,
    refreshBalance,
    forgetVerdict() {
      balance = undefined;
      keyRejected = false;
    },
    keyWorks() {
      keyRejected = false;
    },
    view() {
      const demoKey = connection.demoKey();
      const blocked = blockedOrigin();
      const keyOriginProblem =
        blocked && stored
          ? declined.has(blocked)
            ? keyOriginDeclined(stored.origin, blocked)
            : keyOriginPending(blocked)
          : undefined;
      return {
        key: demoKey !== undefined ? { present: true, source: 'memory', hint: keyHint(demoKey) } : keyStatus,
        keyRejected,
        ...(keychainProblem ? { keychainProblem } : {}),
        ...(keyOriginProblem ? { keyOriginProblem } : {}),
        ...(balance ? { balance } : {}),
      };
    },
  };
}
