// App-wide problems in the window: each banner says what is wrong and offers the fix; the empty state teaches.
import { expect, test } from './app-fixture';

test.describe('problems and first use', () => {
  test('without a key, the empty state teaches and setting the key shows the balance', async ({ openApp }) => {
    const app = await openApp({ withKey: false });
    const banner = app.page.locator('.banner[data-problem="no-key"]');
    await expect(banner).toBeVisible();
    await expect(app.page.locator('.empty')).toContainText('generation response or subscription key');
    await expect(app.page.locator('.empty')).toContainText('Set your API key');
    await expect(app.page.getByRole('button', { name: 'Try the demo' })).toBeVisible();

    await app.page.locator('.empty').getByRole('button', { name: 'Set key' }).click();
    const input = app.page.locator('#api-key-input');
    await expect(input).toBeFocused();
    await expect(input).toHaveAttribute('type', 'password');
    await input.fill(app.sim.apiKey);
    await input.press('Enter');
    await expect(app.page.locator('.settings .note.tone-success')).toContainText('Balance: 212.5 credits');
    // The field forgets the key at once, and no snapshot ever carries it.
    await expect(input).toHaveValue('');
    expect(JSON.stringify(app.snapshot())).not.toContain(app.sim.apiKey);
    await app.page.keyboard.press('Escape');
    await expect(app.page.locator('.banner[data-problem="no-key"]')).toHaveCount(0);
    await expect(app.page.locator('.chip-balance')).toContainText('212.5 credits');
  });

  test('a rejected key shows a banner whose button leads to replacing the key, which recovers', async ({ openApp }) => {
    const app = await openApp({ speed: 20 });
    app.sim.setFault({ kind: 'unauthorized' });
    await app.pasteTask({ label: 'Blocked', queueMs: 0, generateMs: 20_000 });
    const banner = app.page.locator('.banner[data-problem="key-rejected"]');
    await expect(banner).toBeVisible({ timeout: 15_000 });
    await expect(banner).toContainText('rejected');
    await banner.getByRole('button', { name: 'Replace key' }).click();
    const input = app.page.locator('#api-key-input');
    await expect(input).toBeFocused();

    await input.fill('not-the-right-key-0000');
    await input.press('Enter');
    await expect(app.page.locator('.settings .note.tone-error')).not.toBeEmpty();

    app.sim.setFault(null);
    await input.fill(app.sim.apiKey);
    await app.page.getByRole('button', { name: 'Replace', exact: true }).click();
    await expect(app.page.locator('.settings .note.tone-success')).toContainText('Balance');
    await app.page.keyboard.press('Escape');
    await expect(banner).toHaveCount(0);
    await expect(app.row('Blocked')).toHaveClass(/state-done/, { timeout: 20_000 });
  });

  test('going offline shows the offline banner, and coming back removes it', async ({ openApp }) => {
    const app = await openApp();
    app.controller.setOnline(false);
    const banner = app.page.locator('.banner[data-problem="offline"]');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('Offline');
    app.controller.setOnline(true);
    await expect(banner).toHaveCount(0);
  });

  test('throttling says until when, as a wall-clock time', async ({ openApp }) => {
    const app = await openApp({ speed: 1 });
    app.sim.setFault({ kind: 'rate-limited', retryAfterSeconds: 600 });
    await app.pasteTask({ label: 'Slow down', queueMs: 600_000 });
    const banner = app.page.locator('.banner[data-problem="throttled"]');
    await expect(banner).toBeVisible({ timeout: 15_000 });
    await expect(banner).toContainText(/next check at \d\d:\d\d:\d\d/);
  });

  test('pausing from the header shows a paused banner and resuming clears it', async ({ openApp }) => {
    const app = await openApp();
    await app.page.getByRole('button', { name: 'Pause checking' }).click();
    await expect(app.page.locator('.banner[data-problem="paused"]')).toBeVisible();
    expect(app.snapshot().polling.paused).toBe(true);
    await app.page.locator('.banner').getByRole('button', { name: 'Resume' }).click();
    await expect(app.page.locator('.banner[data-problem="paused"]')).toHaveCount(0);
    await app.page.getByRole('button', { name: 'Check now' }).click();
    await expect(app.page.locator('.toast')).toContainText('Checking all tasks now');
  });

  test('"Try the demo" fills the list with simulated tasks', async ({ openApp }) => {
    const app = await openApp({ withKey: false });
    await app.page.getByRole('button', { name: 'Try the demo' }).click();
    await expect(app.page.locator('.chip-demo')).toBeVisible();
    await expect(app.page.locator('li.row')).toHaveCount(5);
  });
});
