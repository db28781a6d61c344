import { describe, expect, it } from 'vitest';
import { popoverPosition } from '../../../src/main/window/popover-position';

const size = { width: 300, height: 400 };

describe('popoverPosition', () => {
  it('hangs below a macOS menu-bar icon, centred on it', () => {
    const workArea = { x: 0, y: 25, width: 1440, height: 875 };
    const tray = { x: 1000, y: 0, width: 24, height: 24 };
    expect(popoverPosition(tray, size, workArea)).toEqual({ x: 862, y: 29 });
  });

  it('stands above an icon in a bottom taskbar (Windows default)', () => {
    const workArea = { x: 0, y: 0, width: 1920, height: 1040 };
    const tray = { x: 1700, y: 1045, width: 24, height: 30 };
    expect(popoverPosition(tray, size, workArea)).toEqual({ x: 1562, y: 636 });
  });

  it('stays inside the screen when the icon is near the right edge', () => {
    const workArea = { x: 0, y: 25, width: 1440, height: 875 };
    const tray = { x: 1420, y: 0, width: 20, height: 24 };
    const { x } = popoverPosition(tray, size, workArea);
    expect(x + size.width).toBeLessThanOrEqual(1440);
  });

  it('goes beside a taskbar on the right', () => {
    const workArea = { x: 0, y: 0, width: 1860, height: 1080 };
    const tray = { x: 1870, y: 900, width: 40, height: 24 };
    expect(popoverPosition(tray, size, workArea)).toEqual({ x: 1556, y: 676 });
  });

  it('falls back to the top-right corner when the tray reports empty bounds (many Linux panels)', () => {
    const workArea = { x: 0, y: 32, width: 1920, height: 1048 };
    expect(popoverPosition({ x: 0, y: 0, width: 0, height: 0 }, size, workArea)).toEqual({ x: 1616, y: 36 });
  });

  it('respects a work area on a second display with an offset origin', () => {
    const workArea = { x: 1920, y: 0, width: 1280, height: 984 };
    const tray = { x: 3100, y: 990, width: 24, height: 30 };
    const position = popoverPosition(tray, size, workArea);
    expect(position.x).toBeGreaterThanOrEqual(1920);
    expect(position.x + size.width).toBeLessThanOrEqual(3200);
    expect(position.y + size.height).toBeLessThanOrEqual(984);
  });
});
