// Renderer tests in Debian's Chromium (never a downloaded browser) and the Electron end-to-end spec.
import { defineConfig } from '@playwright/test';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test',
  testMatch: ['renderer/**/*.spec.ts', 'e2e/**/*.spec.ts'],
  timeout: 30_000,
  workers: 2,
  // CI shares two cores with the whole suite: one retry absorbs a click that lands mid-re-render; the report still
  // lists such a test as flaky.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  outputDir: 'test-results/playwright',
  use: {
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
