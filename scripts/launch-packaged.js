#!/usr/bin/env node
// CI only: starts the packaged app once (demo mode, which opens the window) and checks the window shows the renderer
// from app://rodin. Playwright's _electron cannot attach here (the fuses turn off --inspect and run-as-node), so it
// connects to Chromium's DevTools port instead: a Chromium switch no fuse touches.
// Usage: node scripts/launch-packaged.js <path to the packaged executable>
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const executable = process.argv[2];
if (!executable) {
  console.error('usage: node scripts/launch-packaged.js <packaged executable>');
  process.exit(2);
}
const port = 9333;
const home = mkdtempSync(join(tmpdir(), 'rodin-packaged-'));
// A fresh HOME/APPDATA so the run never touches a real profile (RODIN_TRAY_USER_DATA is ignored when packaged).
const env = { ...process.env, HOME: home, APPDATA: home, XDG_CONFIG_HOME: home };
const app = spawn(executable, ['--demo', `--remote-debugging-port=${port}`], { env, stdio: 'inherit' });

let failure;
try {
  let browser;
  for (let attempt = 0; !browser; attempt++) {
    try {
      browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    } catch (error) {
      if (attempt > 60) throw error;
      await new Promise((done) => setTimeout(done, 1000));
    }
  }
  const deadline = Date.now() + 60_000;
  let page;
  while (!page && Date.now() < deadline) {
    page = browser
      .contexts()
      .flatMap((c) => c.pages())
      .find((p) => p.url().startsWith('app://rodin/'));
    if (!page) await new Promise((done) => setTimeout(done, 500));
  }
  if (!page) throw new Error('no window with app://rodin/ appeared');
  await page.locator('main.app:not(.loading)').waitFor({ timeout: 30_000 });
  console.log(`The packaged window shows the renderer at ${page.url()}`);
  await browser.close();
} catch (error) {
  failure = error;
} finally {
  app.kill();
}
if (failure) {
  console.error(failure);
  process.exit(1);
}
