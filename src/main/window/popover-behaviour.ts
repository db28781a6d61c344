// Timing decisions of the popover window, kept apart from Electron so they are tested as plain functions.

/** A click this soon after a blur-hide is the click that caused the blur (menubar#274). */
export const BLUR_CLICK_MS = 300;

/** Crash loops are broken by reopening a crashed window at most once a minute. */
export const RECREATE_INTERVAL_MS = 60_000;

export function isClickAfterBlurHide(hiddenByBlurAt: number | undefined, now: number): boolean {
  return hiddenByBlurAt !== undefined && now - hiddenByBlurAt < BLUR_CLICK_MS;
}

/**
 * What to do when the renderer process is gone: reopen the window at once, or wait until the user opens it again.
 * A clean exit is not a crash; a second crash within a minute of the last reopening waits.
 */
export function rendererRecovery(
  reason: string,
  lastRecreatedAt: number | undefined,
  now: number,
): 'recreate' | 'wait' {
  if (reason === 'clean-exit') return 'wait';
  if (lastRecreatedAt !== undefined && now - lastRecreatedAt < RECREATE_INTERVAL_MS) return 'wait';
  return 'recreate';
}
