// Settings round trip and a keyboard-only walk through the window.
import { expect, test } from './app-fixture';

test.describe('settings', () => {
  test('every change applies at once, persists in the app and survives closing and reopening the view', async ({
    openApp,
  }) => {
    const app = await openApp();
    const page = app.page;
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('region', { name: 'Settings' })).toBeVisible();

    await page.getByRole('switch', { name: 'When a task is done' }).uncheck();
    await page.getByRole('switch', { name: 'Play a sound' }).uncheck();
    await page.getByRole('switch', { name: 'Download results automatically' }).check();
    await page.getByRole('switch', { name: 'Open at login' }).check();
    await page.getByRole('spinbutton', { name: /Requests per minute/ }).fill('30');
    await page.getByRole('spinbutton', { name: /Requests per minute/ }).press('Enter');
    await page.getByRole('spinbutton', { name: /Finished tasks to keep/ }).fill('120');
    await page.getByRole('spinbutton', { name: /Finished tasks to keep/ }).press('Enter');
    await page.getByRole('textbox', { name: 'Show/hide shortcut' }).fill('Alt+Shift+R');
    await page.getByRole('textbox', { name: 'Show/hide shortcut' }).press('Enter');
    app.platform.nextChosenFolder = '/tmp/rodin-results';
    await page.getByRole('button', { name: 'Choose…' }).click();
    await expect(page.locator('.folder-path')).toHaveText('/tmp/rodin-results');
    await page.getByRole('radio', { name: 'Dark' }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.getByRole('radio', { name: 'Custom' }).check();
    await page.getByRole('textbox', { name: 'Custom API base URL' }).fill(`${app.sim.baseUrl}/`);
    await page.getByRole('textbox', { name: 'Custom API base URL' }).press('Enter');

    await expect
      .poll(() => app.snapshot().settings)
      .toMatchObject({
        notifyOnDone: false,
        notificationSound: false,
        autoDownload: true,
        launchAtLogin: true,
        pollBudgetPerMinute: 30,
        historySize: 120,
        shortcutToggleWindow: 'Alt+Shift+R',
        downloadFolder: '/tmp/rodin-results',
        theme: 'dark',
        baseUrl: app.sim.baseUrl,
      });
    expect(app.platform.launchAtLogin).toContain(true);

    // Out of range numbers are refused in place, not sent.
    await page.getByRole('spinbutton', { name: /Requests per minute/ }).fill('500');
    await page.getByRole('spinbutton', { name: /Requests per minute/ }).press('Enter');
    await expect(page.getByRole('spinbutton', { name: /Requests per minute/ })).toHaveValue('30');

    await page.keyboard.press('Escape');
    await expect(page.getByRole('region', { name: 'Settings' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('switch', { name: 'When a task is done' })).not.toBeChecked();
    await expect(page.getByRole('spinbutton', { name: /Requests per minute/ })).toHaveValue('30');
    await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
    await expect(page.getByRole('radio', { name: 'Custom' })).toBeChecked();
    await expect(page.getByText('api.hyper3d.com')).toBeVisible();
    await expect(page.getByText('hyperhuman.deemos.com')).toBeVisible();

    await page.getByRole('radio', { name: 'System' }).check();
    await expect.poll(() => app.snapshot().settings.theme).toBe('system');
  });

  test('the key can be removed from settings, after a confirmation', async ({ openApp }) => {
    const app = await openApp();
    await app.page.getByRole('button', { name: 'Settings' }).click();
    await expect(app.page.getByTestId('key-status')).toContainText(app.sim.apiKey.slice(-4));
    await app.page.getByRole('button', { name: 'Remove key' }).click();
    await app.page.getByRole('button', { name: 'Really remove the key?' }).click();
    await expect(app.page.getByTestId('key-status')).toContainText('No key set');
    await expect.poll(() => app.snapshot().key.present).toBe(false);
  });
});

test.describe('keyboard', () => {
  async function tabTo(page: import('@playwright/test').Page, name: RegExp | string, max = 30): Promise<void> {
    for (let i = 0; i < max; i += 1) {
      await page.keyboard.press('Tab');
      const label = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() : '';
      });
      if (typeof name === 'string' ? label === name : name.test(label)) return;
    }
    throw new Error(`Tab never reached ${String(name)}`);
  }

  test('everything can be done from the keyboard, with a visible focus ring', async ({ openApp }) => {
    const app = await openApp();
    const page = app.page;
    const task = app.sim.addTask({ label: 'Keyboard cube', queueMs: 600_000 });

    // Add: Tab into the field, type, Enter.
    await tabTo(page, 'Generation response, subscription key or task UUID');
    await page.keyboard.insertText(JSON.stringify(task.generationResponse));
    await page.keyboard.press('Enter');
    await expect(app.row('Keyboard cube')).toHaveCount(1);

    // Rename: Tab to the label, Enter, type, Enter; focus returns to the label.
    await tabTo(page, /Keyboard cube/);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('textbox', { name: 'Task name' })).toBeFocused();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText('Keyed cube');
    await page.keyboard.press('Enter');
    await expect(app.row('Keyed cube')).toHaveCount(1);
    await expect(page.locator('button.label')).toBeFocused();

    // Row actions appear when the row holds focus; remove, then Undo (focus moves to it).
    await tabTo(page, 'Copy subscription key');
    await expect(app.row('Keyed cube').locator('.row-actions')).toHaveCSS('opacity', '1');
    await tabTo(page, 'Remove');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(app.row('Keyed cube')).toHaveCount(1);

    // Pause from the header, settings open and close with Escape, focus comes back to the settings button.
    await page.locator('#add-input').focus();
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByRole('button', { name: 'Settings' })).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByRole('button', { name: 'Pause checking' })).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.locator('.banner[data-problem="paused"]')).toBeVisible();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Settings' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Back to tasks' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.locator('#api-key-input')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('region', { name: 'Settings' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Settings' })).toBeFocused();

    // Escape with nothing open asks the app to hide the window.
    await page.keyboard.press('Escape');
    await expect.poll(() => app.platform.hideCount).toBe(1);
  });
});
