// Routes the main process asks for through the page hash ("#settings", "#task=<id>"): a tray "Show" or a notification click.
// "#new=<n>" opens the new-generation form with the draft main prepared (a new n each time, so it fires twice).
export type HashRoute = { kind: 'settings' } | { kind: 'new' } | { kind: 'task'; id: string };

export function parseHashRoute(hash: string): HashRoute | undefined {
  const route = hash.replace(/^#/, '');
  if (route === 'settings') return { kind: 'settings' };
  if (/^new(=\d{1,9})?$/.test(route)) return { kind: 'new' };
  const task = /^task=([A-Za-z0-9_-]{1,64})$/.exec(route);
  return task?.[1] ? { kind: 'task', id: task[1] } : undefined;
}
