// "Pause notifications for N minutes": when the pause ends, and a timer so a snapshot goes out at that moment.
import type { Clock, TimerHandle } from '../clock';

export interface NotificationPause {
  pause(minutes: number): void;
  resume(): void;
  /** When the pause ends, or undefined when notifications are not paused. */
  until(): number | undefined;
  stop(): void;
}

export function createNotificationPause(deps: { clock: Clock; changed: () => void }): NotificationPause {
  const { clock } = deps;
  let pausedUntil: number | undefined;
  let timer: TimerHandle | undefined;
  return {
    pause(minutes) {
      pausedUntil = clock.now() + minutes * 60_000;
      if (timer !== undefined) clock.clearTimeout(timer);
      // The snapshot drops the pause when it ends; this makes sure a snapshot goes out then.
      timer = clock.setTimeout(() => {
        timer = undefined;
        pausedUntil = undefined;
        deps.changed();
      }, minutes * 60_000);
      deps.changed();
    },
    resume() {
      pausedUntil = undefined;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      deps.changed();
    },
    until: () => pausedUntil,
    stop() {
      if (timer !== undefined) clock.clearTimeout(timer);
    },
  };
}
