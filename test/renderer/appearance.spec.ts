// Theme and motion: the window follows the system colour scheme unless the user picked one, and honours reduced motion.
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { installBridge, recordingInvoke } from './bridge-harness';
import { showcaseSnapshot } from './fixture-snapshots';
import { startStaticServer, type StaticServer } from './static-server';

let server: StaticServer;
test.beforeAll(async () => {
  server = await startStaticServer();
});
test.afterAll(async () => {
  await server.close();
});

async function open(page: Page, theme: 'system' | 'light' | 'dark'): Promise<void> {
  const snapshot = { ...showcaseSnapshot(Date.now()), settings: { ...DEFAULT_SETTINGS, theme } };
  await installBridge(page, recordingInvoke(() => snapshot).invoke);
  await page.goto(server.url);
  await expect(page.locator('li.row').first()).toBeVisible();
}

const background = (page: Page): Promise<string> =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test.describe('appearance', () => {
  test('follows the system colour scheme when the theme is "system"', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await open(page, 'system');
    const dark = await background(page);
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await background(page);
    expect(dark).toBe('rgb(27, 27, 31)');
    expect(light).toBe('rgb(244, 244, 247)');
  });

  test('a chosen theme wins over the system colour scheme', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await open(page, 'light');
    expect(await background(page)).toBe('rgb(244, 244, 247)');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    expect(await background(page)).toBe('rgb(27, 27, 31)');
  });

  test('stops the spinning and sweeping animations when reduced motion is asked for', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await open(page, 'system');
    const spin = await page
      .locator('.spin')
      .first()
      .evaluate((el) => getComputedStyle(el).animationIterationCount);
    expect(spin).toBe('1');
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    const spinning = await page
      .locator('.spin')
      .first()
      .evaluate((el) => getComputedStyle(el).animationIterationCount);
    expect(spinning).toBe('infinite');
  });
});
