// How the window is served: through the app:// handler (here behind a loopback server), never from file://.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { expect, test } from './app-fixture';
import { installBridge, recordingInvoke } from './bridge-harness';
import { makeSnapshot } from './fixture-snapshots';
import { RENDERER_DIR, startStaticServer } from './static-server';
import { cspOfPage } from '../../src/main/window/renderer-protocol';

test.describe('the served page', () => {
  test('arrives with the page CSP as a response header, its module script and stylesheet applied', async ({ page }) => {
    const server = await startStaticServer();
    try {
      const { invoke } = recordingInvoke(() => makeSnapshot(Date.now(), []));
      await installBridge(page, invoke);
      const assets: { url: string; type: string | undefined; csp: string | undefined }[] = [];
      page.on('response', (r) => {
        const headers = r.headers();
        assets.push({ url: r.url(), type: headers['content-type'], csp: headers['content-security-policy'] });
      });
      const response = await page.goto(server.url);
      const metaCsp = cspOfPage(readFileSync(join(RENDERER_DIR, 'index.html'), 'utf8'));
      expect(metaCsp).toContain("default-src 'self'");
      expect(response?.headers()['content-security-policy']).toBe(metaCsp);
      await expect(page.locator('.empty')).toBeVisible();
      // The stylesheet applied: the app's own layout, not the browser's default margins.
      expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
      const script = assets.find((a) => a.url.endsWith('.js'));
      const style = assets.find((a) => a.url.endsWith('.css'));
      expect(script?.type).toBe('text/javascript; charset=utf-8');
      expect(style?.type).toBe('text/css; charset=utf-8');
      expect(script?.csp).toBe(metaCsp);
      expect((await page.request.get(`${server.url}assets/nothing-here.js`)).status()).toBe(404);
    } finally {
      await server.close();
    }
  });

  // On record: why the app serves app:// instead of loadFile. With the fuse grantFileProtocolExtraPrivileges off,
  // Electron's file:// is Chromium's, and Chromium blocks a file:// page's module script and stylesheet by CORS.
  test('opened from file:// the window stays empty, its script blocked by CORS', async ({ page }) => {
    const { invoke } = recordingInvoke(() => makeSnapshot(Date.now(), []));
    await installBridge(page, invoke);
    const messages: string[] = [];
    page.on('console', (m) => messages.push(m.text()));
    await page.goto(pathToFileURL(join(RENDERER_DIR, 'index.html')).href);
    await page.waitForTimeout(1000);
    expect(messages.join('\n')).toMatch(/blocked by CORS policy/);
    expect(await page.locator('#app').innerHTML()).toBe('');
  });
});
