// The whole app under Playwright's Electron driver, watching a task on the simulator until it is done.
// Runs where the Electron binary exists; elsewhere it skips and says why.
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSimulator, type Simulator } from '../../src/core/sim/simulator';
import { findElectronBinary } from '../../scripts/electron-binary.js';

const root = resolve(import.meta.dirname, '../..');
const electronPath = findElectronBinary();

interface TasksSnapshot {
  tasks: { label: string; state: string }[];
}

interface HookState {
  notifications: { title: string; body: string }[];
  trayMenu: { label?: string; submenu?: unknown[] }[];
  states: string[];
}

test.describe('Rodin Tray app', () => {
  test.skip(!electronPath, 'Electron binary not installed here (node_modules/electron/dist is missing)');
  if (!electronPath) {
    console.warn(
      'SKIP test/e2e/app.spec.ts: Electron binary not installed here (node_modules/electron/path.txt or dist/ is missing; ' +
        'set ELECTRON_MIRROR or ELECTRON_CUSTOM_DIR and run `node node_modules/electron/install.js` to get it).',
    );
  }

  let simulator: Simulator;
  let userData: string;
  let app: ElectronApplication | undefined;

  test.beforeEach(async () => {
    simulator = await startSimulator({ scenario: 'empty' });
    userData = mkdtempSync(join(tmpdir(), 'rodin-e2e-'));
    // The app reads its base URL from settings: point it at the simulator, and keep downloads out of the way.
    writeFileSync(
      join(userData, 'settings.json'),
      JSON.stringify({
        version: 1,
        settings: { baseUrl: simulator.baseUrl, autoDownload: false, downloadFolder: join(userData, 'downloads') },
      }),
    );
  });

  test.afterEach(async () => {
    await app?.close().catch(() => undefined);
    await simulator.stop();
    rmSync(userData, { recursive: true, force: true });
  });

  test('a task added with --add goes from Waiting to Done, raises a notification and shows in the tray menu', async () => {
    test.setTimeout(120_000);
    const task = simulator.addTask({ label: 'E2E chair', jobs: 2, queueMs: 8_000, queueLength: 1, generateMs: 4_000 });
    app = await electron.launch({
      executablePath: electronPath,
      args: [root, '--add', JSON.stringify(task.generationResponse)],
      env: {
        ...process.env,
        RODIN_API_KEY: simulator.apiKey,
        RODIN_TRAY_USER_DATA: userData,
        RODIN_TRAY_TEST_HOOKS: '1',
      },
    });

    const read = (): Promise<HookState> =>
      app!.evaluate(() => {
        // Runs inside the app's main process, where RODIN_TRAY_TEST_HOOKS=1 put this object.
        const hooks = (globalThis as unknown as { __rodinTrayTest: HookState & { snapshot(): TasksSnapshot } })
          .__rodinTrayTest;
        return {
          notifications: hooks.notifications,
          trayMenu: hooks.trayMenu,
          states: hooks.snapshot().tasks.map((t) => `${t.label}:${t.state}`),
        };
      });

    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          const state = await read();
          for (const entry of state.states) seen.add(entry);
          return state.states;
        },
        { timeout: 90_000, intervals: [500] },
      )
      .toContain('E2E chair:done');
    expect([...seen]).toContain('E2E chair:waiting');

    const final = await read();
    expect(final.notifications.map((n) => n.title)).toContain('Done: E2E chair');
    expect(final.trayMenu.some((item) => item.label?.endsWith('E2E chair — done'))).toBe(true);
  });
});
