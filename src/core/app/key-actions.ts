// The API key and what is known about it: load, verify-then-set, clear, balance, and the key requests use.
import type { Clock } from '../clock';
import { describeError } from '../rodin/describe-error';
import { AuthError, RodinError, UsageError } from '../rodin/errors';
import { keyHint, validateApiKey } from '../secrets/api-key';
import type { KeyStatus } from '../../shared/snapshot';
import { AppError } from './app-error';
import type { RodinConnection } from './rodin-connection';
import type { KeyStore } from '../secrets/key-store';

/** The key part of the snapshot. */
export interface KeyView {
  key: KeyStatus;
  keyRejected: boolean;
  keychainProblem?: string;
  balance?: { credits: number; at: number };
}

export interface KeyActions {
  /** Reads the key from the store (at start, and after a clear that leaves an env key). */
  load(): Promise<void>;
  /** The key requests use: the demo's while it runs, else the stored one (read once, kept in memory). */
  getApiKey(): string | undefined;
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
  connection: Pick<RodinConnection, 'client' | 'clientFor' | 'demoKey' | 'leaveDemo'>;
  /** The key changed: polling may resume for tasks a previous key could not check. */
  keyChanged: () => void;
  changed: () => void;
}): KeyActions {
  const { clock, keyStore, connection } = deps;
  let apiKey: string | undefined;
  let keyStatus: KeyStatus = { present: false, source: 'none' };
  let keychainProblem: string | undefined;
  let keyRejected = false;
  let balance: { credits: number; at: number } | undefined;

  function getApiKey(): string | undefined {
    const demoKey = connection.demoKey();
    return demoKey !== undefined ? demoKey : apiKey;
  }

  async function load(): Promise<void> {
    try {
      apiKey = await keyStore.get();
      keychainProblem = undefined;
    } catch (error) {
      apiKey = undefined;
      keychainProblem = `The system keychain could not be read (${error instanceof Error ? error.name : 'error'}); set the key again to keep it for this session.`;
    }
    try {
      keyStatus = await keyStore.status();
    } catch {
      keyStatus = apiKey
        ? { present: true, source: 'memory', hint: keyHint(apiKey) }
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
    // Verify before storing: a rejected key must never replace a working one.
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
    await keyStore.set(candidate);
    connection.leaveDemo();
    apiKey = candidate;
    keychainProblem = undefined;
    try {
      keyStatus = await keyStore.status();
    } catch {
      keyStatus = { present: true, source: 'memory', hint: keyHint(candidate) };
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
    apiKey = undefined;
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
      return {
        key: demoKey !== undefined ? { present: true, source: 'memory', hint: keyHint(demoKey) } : keyStatus,
        keyRejected,
        ...(keychainProblem ? { keychainProblem } : {}),
        ...(balance ? { balance } : {}),
      };
    },
  };
}
