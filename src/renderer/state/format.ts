// Small, pure text formatters for the window: relative times, plurals; durations, bytes and credits are shared.

/** "just now", "5 min ago", "3 h ago", "2 d ago". */
export function formatAgo(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} d ago`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const countFormat = new Intl.NumberFormat('en-US');

/** "12,345": counts of vertices, triangles, … */
export function formatCount(n: number): string {
  return countFormat.format(n);
}
