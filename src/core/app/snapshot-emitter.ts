// Pushes snapshots to listeners, coalesced on the clock so a burst of changes becomes one push.
import type { Clock, TimerHandle } from '../clock';
import type { AppSnapshot } from '../../shared/snapshot';
import { createListeners } from './listeners';

/** Snapshots are pushed at most this often: a burst of changes becomes one push. */
export const SNAPSHOT_COALESCE_MS = 100;

export interface SnapshotEmitter {
  /** Something the snapshot shows has changed: push a fresh one soon. */
  changed(): void;
  onSnapshot(listener: (snapshot: AppSnapshot) => void): () => void;
  /** No pushes after this. */
  stop(): void;
}

export function createSnapshotEmitter(deps: { clock: Clock; snapshot: () => AppSnapshot }): SnapshotEmitter {
  const { clock } = deps;
  const listeners = createListeners<AppSnapshot>();
  let timer: TimerHandle | undefined;
  let stopped = false;
  return {
    changed() {
      if (stopped || timer !== undefined) return;
      timer = clock.setTimeout(() => {
        timer = undefined;
        listeners.emit(deps.snapshot());
      }, SNAPSHOT_COALESCE_MS);
    },
    onSnapshot: (listener) => listeners.add(listener),
    stop() {
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
    },
  };
}
