// Sleep and network changes reach the controller: suspend pauses, resume and coming online check at once.
import type { AppController } from '../../core/app/types';

export interface PowerMonitorLike {
  on(event: 'suspend' | 'resume', listener: () => void): unknown;
  removeListener(event: 'suspend' | 'resume', listener: () => void): unknown;
}

export interface PowerWatchOptions {
  powerMonitor: PowerMonitorLike;
  /** Electron's net.isOnline(): a cheap local check, no request goes out. */
  isOnline: () => boolean;
  controller: Pick<AppController, 'suspend' | 'resume' | 'setOnline'>;
  intervalMs?: number;
}

export function watchPower(options: PowerWatchOptions): () => void {
  const { controller } = options;
  const onSuspend = () => controller.suspend();
  const onResume = () => controller.resume();
  options.powerMonitor.on('suspend', onSuspend);
  options.powerMonitor.on('resume', onResume);

  let online = options.isOnline();
  controller.setOnline(online);
  // Electron has no online/offline event in the main process; polling the local state is free.
  const timer = setInterval(() => {
    const now = options.isOnline();
    if (now === online) return;
    online = now;
    controller.setOnline(now);
  }, options.intervalMs ?? 5_000);
  timer.unref?.();

  return () => {
    clearInterval(timer);
    options.powerMonitor.removeListener('suspend', onSuspend);
    options.powerMonitor.removeListener('resume', onResume);
  };
}
