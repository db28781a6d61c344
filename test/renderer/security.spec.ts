// Text from the API, the clipboard or the user is rendered as text: nothing in it runs, nothing becomes markup.
import { expect, test } from './app-fixture';
import { installBridge, recordingInvoke } from './bridge-harness';
import { makeSnapshot, makeTask } from './fixture-snapshots';
import { startStaticServer } from './static-server';

const PAYLOAD = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(2)</script>';

test.describe('untrusted text', () => {
  test('labels typed by the user and pasted text never execute or create elements', async ({ openApp }) => {
    const app = await openApp();
    const dialogs: string[] = [];
    app.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await app.pasteTask({ label: 'Innocent', queueMs: 600_000 });
    await app.row('Innocent').locator('button.label').click();
    await app.page.getByRole('textbox', { name: 'Task name' }).fill(PAYLOAD);
    await app.page.getByRole('textbox', { name: 'Task name' }).press('Enter');
    await expect(app.page.locator('.label-text')).toHaveText(PAYLOAD);

    // Pasted nonsense containing markup comes back in the parser's message, as text.
    await app.page.locator('#add-input').fill(`${SCRIPT}${PAYLOAD}`);
    await app.page.locator('#add-input').press('Enter');
    await expect(app.page.locator('.add-message')).toBeVisible();

    await app.page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await expect(app.page.locator('img[src="x"], .app script')).toHaveCount(0);
  });

  test('API error messages, download errors and notices with markup are shown as text', async ({ page }) => {
    const server = await startStaticServer();
    try {
      const now = Date.now();
      const snapshot = makeSnapshot(
        now,
        [
          makeTask(1, now, 'failed', {
            label: PAYLOAD,
            lastError: { code: 'X', message: `${SCRIPT} ${PAYLOAD}`, at: now },
          }),
          makeTask(2, now, 'done', { label: SCRIPT, download: { status: 'failed', error: PAYLOAD } }),
          makeTask(3, now, 'waiting', { label: 'w', lastError: { code: 'Y', message: PAYLOAD, at: now } }),
        ],
        {
          notices: [PAYLOAD],
          problem: { kind: 'unreachable', message: PAYLOAD },
        },
      );
      const { invoke } = recordingInvoke(() => snapshot);
      await installBridge(page, invoke);
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(server.url);
      await expect(page.locator('li.row')).toHaveCount(3);
      await expect(page.locator('.row-error .error-text').first()).toContainText(PAYLOAD);
      await expect(page.locator('.download.error-text')).toContainText(PAYLOAD);
      await expect(page.locator('.banner[data-problem="unreachable"]')).toContainText(PAYLOAD);
      await page.waitForTimeout(300);
      expect(dialogs).toEqual([]);
      await expect(page.locator('img[src="x"]')).toHaveCount(0);
      await expect(page.locator('#app script')).toHaveCount(0);
    } finally {
      await server.close();
    }
  });

  test('the page carries the strict Content Security Policy, and it refuses inline script', async ({ page }) => {
    const server = await startStaticServer();
    try {
      const { invoke } = recordingInvoke(() => makeSnapshot(Date.now(), []));
      await installBridge(page, invoke);
      await page.goto(server.url);
      const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      const ran = await page.evaluate(() => {
        const s = document.createElement('script');
        s.textContent = 'window.__inlineRan = true';
        document.body.append(s);
        return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
      });
      expect(ran).toBe(false);
      await expect(page.locator('.empty')).toBeVisible();
    } finally {
      await server.close();
    }
  });
});
