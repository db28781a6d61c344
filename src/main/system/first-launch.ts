// The first launch on Linux opens the window once: stock GNOME shows no tray icon without the AppIndicator
// extension, and a tray app that shows nothing looks like one that failed to start.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MARKER = 'first-launch-shown';

export function shouldShowOnFirstLaunch(platform: NodeJS.Platform, shownBefore: boolean): boolean {
  return platform === 'linux' && !shownBefore;
}

/** True once per data folder on Linux; leaves a marker file so later launches stay in the tray. */
export function takeFirstLaunch(userData: string, platform: NodeJS.Platform): boolean {
  const marker = join(userData, MARKER);
  if (!shouldShowOnFirstLaunch(platform, existsSync(marker))) return false;
  try {
    writeFileSync(marker, '');
  } catch {
    // A folder we cannot write to shows the window again next time, which is harmless.
  }
  return true;
}
