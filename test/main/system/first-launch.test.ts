import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shouldShowOnFirstLaunch, takeFirstLaunch } from '../../../src/main/system/first-launch';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('first launch', () => {
  it('shows the window once on Linux, where stock GNOME has no tray', () => {
    const userData = mkdtempSync(join(tmpdir(), 'rodin-first-'));
    dirs.push(userData);
    expect(takeFirstLaunch(userData, 'linux')).toBe(true);
    expect(takeFirstLaunch(userData, 'linux')).toBe(false);
  });

  it('stays in the tray on macOS and Windows, whose menu bar and taskbar always show it', () => {
    expect(shouldShowOnFirstLaunch('darwin', false)).toBe(false);
    expect(shouldShowOnFirstLaunch('win32', false)).toBe(false);
  });
});
