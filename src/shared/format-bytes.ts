// Byte counts for people, the same in the window and the CLI: "512 B", "1.5 KB", "23 MB", "1.2 GB" (pure).

/** Binary units; one decimal below 10 of a unit, whole numbers above, where the decimal stops being news. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
