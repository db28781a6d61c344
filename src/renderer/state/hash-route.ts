// Routes the main process asks for through the page hash ("#settings", "#task=<id>"): a tray "Show" or a notification click.
export type HashRoute = { kind: 'settings' } | { kind: 'task'; id: string };

export function parseHashRoute(hash: string): HashRoute | undefined {
  const route = hash.replace(/^#/, '');
  if (route === 'settings') return { kind: 'settings' };
  const task = /^task=([A-Za-z0-9_-]{1,64})$/.exec(route);
  return task?.[1] ? { kind: 'task', id: task[1] } : undefined;
}
