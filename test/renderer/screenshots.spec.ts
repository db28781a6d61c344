// Light and dark screenshots of the main states, saved under test-results/screenshots/ for review and the README.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './app-fixture';
import { installBridge, recordingInvoke } from './bridge-harness';
import { showcaseSnapshot } from './fixture-snapshots';
import { startStaticServer } from './static-server';

const DIR = 'test-results/screenshots';
mkdirSync(DIR, { recursive: true });

test.use({ deviceScaleFactor: 2 });

async function shoot(page: Page, name: string): Promise<void> {
  await page.mouse.move(1, 1);
  // Hide the blinking caret and freeze nothing else: what is saved is what a user sees.
  await page.screenshot({ path: `${DIR}/${name}.png`, caret: 'hide', animations: 'disabled' });
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} screenshots`, () => {
    test(`first run, no key (${scheme})`, async ({ openApp }) => {
      const app = await openApp({ withKey: false, colorScheme: scheme });
      await expect(app.page.locator('.empty')).toBeVisible();
      await shoot(app.page, `empty-${scheme}`);
    });

    test(`the demo running (${scheme})`, async ({ openApp }) => {
      const app = await openApp({ colorScheme: scheme, speed: 10 });
      await app.page.getByRole('button', { name: 'Try the demo' }).click();
      await expect(app.page.locator('.group-done')).toBeVisible({ timeout: 20_000 });
      await shoot(app.page, `demo-${scheme}`);
    });

    test(`key rejected (${scheme})`, async ({ openApp }) => {
      const app = await openApp({ colorScheme: scheme, speed: 20 });
      app.sim.setFault({ kind: 'unauthorized' });
      await app.pasteTask({ label: 'Wooden chair', queueMs: 600_000 });
      await expect(app.page.locator('.banner[data-problem="key-rejected"]')).toBeVisible({ timeout: 15_000 });
      await app.page.locator('#add-input').blur();
      await shoot(app.page, `key-rejected-${scheme}`);
    });

    test(`settings (${scheme})`, async ({ openApp }) => {
      const app = await openApp({ colorScheme: scheme });
      await app.page.getByRole('button', { name: 'Settings' }).click();
      await expect(app.page.getByRole('region', { name: 'Settings' })).toBeVisible();
      await app.page.getByRole('button', { name: 'Back to tasks' }).blur();
      await shoot(app.page, `settings-${scheme}`);
    });

    test(`every kind of row (${scheme})`, async ({ page }) => {
      // A hand-made snapshot: previews and download progress take the simulator a while to reach.
      const server = await startStaticServer();
      try {
        const snapshot = showcaseSnapshot(Date.now());
        await installBridge(page, recordingInvoke(() => snapshot).invoke);
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width: 380, height: 560 });
        await page.goto(server.url);
        await expect(page.locator('li.row')).toHaveCount(snapshot.tasks.length);
        await shoot(page, `rows-${scheme}`);
        await page.locator('.scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
        await shoot(page, `rows-bottom-${scheme}`);
      } finally {
        await server.close();
      }
    });
  });
}
