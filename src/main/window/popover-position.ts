// Where the popover window goes: next to the tray icon, on the side away from the taskbar, inside the screen.
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

const GAP = 4;

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, Math.max(min, max)));
}

/**
 * The taskbar side is inferred from where the tray icon sits in the work area (the work area excludes the taskbar).
 * Linux trays often report empty bounds; then the window goes to the top-right corner, where most panels live.
 */
export function popoverPosition(trayBounds: Rect, windowSize: Size, workArea: Rect): { x: number; y: number } {
  const right = workArea.x + workArea.width;
  const bottom = workArea.y + workArea.height;
  const maxX = right - windowSize.width - GAP;
  const maxY = bottom - windowSize.height - GAP;
  if (trayBounds.width === 0 && trayBounds.height === 0) {
    return { x: Math.round(Math.max(workArea.x, maxX)), y: Math.round(workArea.y + GAP) };
  }

  const centerX = trayBounds.x + trayBounds.width / 2;
  const centerY = trayBounds.y + trayBounds.height / 2;
  let x: number;
  let y: number;
  if (trayBounds.y + trayBounds.height <= workArea.y + GAP) {
    // Taskbar or menu bar on top: hang below the icon.
    x = centerX - windowSize.width / 2;
    y = workArea.y + GAP;
  } else if (trayBounds.y >= bottom - GAP) {
    // Taskbar at the bottom (Windows default): stand above the icon.
    x = centerX - windowSize.width / 2;
    y = maxY;
  } else if (trayBounds.x >= right - GAP) {
    // Taskbar on the right.
    x = maxX;
    y = centerY - windowSize.height / 2;
  } else if (trayBounds.x + trayBounds.width <= workArea.x + GAP) {
    x = workArea.x + GAP;
    y = centerY - windowSize.height / 2;
  } else {
    // Icon inside the work area (auto-hiding taskbars): below it if it is in the upper half, else above it.
    x = centerX - windowSize.width / 2;
    y =
      centerY < workArea.y + workArea.height / 2
        ? trayBounds.y + trayBounds.height + GAP
        : trayBounds.y - windowSize.height - GAP;
  }
  return {
    x: Math.round(clamp(x, workArea.x + GAP, maxX)),
    y: Math.round(clamp(y, workArea.y + GAP, maxY)),
  };
}
