// The routes the main process uses (tray "Show", notification click): "#settings" and "#task=<id>" in the page hash.
import { expect, test } from './app-fixture';
import { parseHashRoute } from '../../src/renderer/state/hash-route';

test.describe('hash routes from the main process', () => {
  test('parses settings and task routes, and ignores anything else', () => {
    expect(parseHashRoute('#settings')).toEqual({ kind: 'settings' });
    expect(parseHashRoute('#task=0123abcd')).toEqual({ kind: 'task', id: '0123abcd' });
    expect(parseHashRoute('#task="><img src=x>')).toBeUndefined();
    expect(parseHashRoute('')).toBeUndefined();
  });

  test('opens the settings, and later shows a task row focused, when the hash asks for them', async ({ openApp }) => {
    const app = await openApp();
    const added = await app.pasteTask({ label: 'Routed teapot', queueMs: 600_000 });
    const id = app.snapshot().tasks.find((t) => t.label === 'Routed teapot')?.id;
    expect(added.subscriptionKey).toBeTruthy();
    expect(id).toBeTruthy();

    await app.page.evaluate(() => (location.hash = 'settings'));
    await expect(app.page.locator('.settings')).toBeVisible();

    await app.page.evaluate((taskId) => (location.hash = `task=${taskId}`), id);
    await expect(app.page.locator('.settings')).toHaveCount(0);
    await expect(app.row('Routed teapot')).toBeFocused();
    // The hash is cleared, so the same route can be asked for again.
    expect(await app.page.evaluate(() => location.hash)).toBe('');
  });
});
