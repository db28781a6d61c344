// Playwright fixture: the built window in Chromium, its `window.rodin` backed by the real app controller in this process,
// talking over real HTTP to the Rodin simulator on 127.0.0.1. Time runs fast (a scaled clock) so tasks finish quickly.
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppController } from '../../src/core/app/app-controller';
import { wrapHandlers } from '../../src/core/app/ipc-result';
import { createSimDemo } from '../../src/core/app/sim-demo';
import {
  createMemoryKeyStore,
  createMemoryStore,
  createRecordingPlatform,
  type RecordingPlatform,
} from '../support/memory-adapters';
import type { AppController } from '../../src/core/app/types';
import type { Clock } from '../../src/core/clock';
import { startSimulator, type Simulator } from '../../src/core/sim/simulator';
import { createPreviewRegistry, servePreview } from '../../src/main/window/preview-protocol';
import type { Settings } from '../../src/shared/settings';
import type { AppSnapshot } from '../../src/shared/snapshot';
import { installBridge, type PageBridge } from './bridge-harness';
import { startStaticServer, type StaticServer } from './static-server';

/** A clock running `speed` times faster than real time, shared by the controller and the simulator. */
export function createScaledClock(speed: number): Clock {
  const origin = Date.now();
  return {
    now: () => origin + (Date.now() - origin) * speed,
    setTimeout: (fn, ms) => setTimeout(fn, Math.max(0, ms / speed)),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

export interface AppOptions {
  /** Store the simulator's key before start (default true). */
  withKey?: boolean;
  settings?: Partial<Settings>;
  /** Clock speed-up (default 10: a 3 s simulated generation takes 0.3 s). */
  speed?: number;
  colorScheme?: 'light' | 'dark';
}

export interface RodinApp {
  page: Page;
  sim: Simulator;
  controller: AppController;
  platform: RecordingPlatform;
  bridge: PageBridge;
  clock: Clock;
  /** Every channel the window invoked, in order. */
  calls: { channel: string; request: unknown }[];
  snapshot(): AppSnapshot;
  /** Adds a simulator task and pastes its generation response into the window, as a user would. */
  pasteTask(script?: Parameters<Simulator['addTask']>[0]): Promise<ReturnType<Simulator['addTask']>>;
  row(label: string): ReturnType<Page['locator']>;
}

interface Fixtures {
  openApp: (options?: AppOptions) => Promise<RodinApp>;
}

interface WorkerFixtures {
  server: StaticServer;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startStaticServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  openApp: async ({ page, server }, use) => {
    const cleanups: (() => Promise<void>)[] = [];
    // The strict CSP must hold in every test: a refused inline style or script is a failure, not a warning.
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await use(async (options: AppOptions = {}) => {
      const clock = createScaledClock(options.speed ?? 10);
      const sim = await startSimulator({ now: () => clock.now() });
      cleanups.push(() => sim.stop());
      const downloadRoot = mkdtempSync(join(tmpdir(), 'rodin-window-'));
      cleanups.push(() => Promise.resolve(rmSync(downloadRoot, { recursive: true, force: true })));
      // Previews and models go through the app's real rodin-preview handler; the page reaches it on its own origin
      // (CSP 'self'), as Chromium here cannot load the custom scheme itself.
      const previews = createPreviewRegistry();
      const previewBase = `${server.url}rodin-preview/`;
      await page.route(`${previewBase}**`, async (route) => {
        const response = await servePreview(previews, route.request().url().replace(previewBase, 'rodin-preview://'), [
          downloadRoot,
        ]);
        await route.fulfill({
          status: response.status,
          headers: Object.fromEntries(response.headers),
          body: Buffer.from(await response.arrayBuffer()),
        });
      });
      const platform = createRecordingPlatform({
        downloadRoot,
        previewUrl: (taskId, folder, file) =>
          previews.urlFor(taskId, folder, file)?.replace('rodin-preview://', previewBase),
      });
      const demo = createSimDemo({ now: () => clock.now() });
      cleanups.push(() => demo.stop());
      const controller = await createAppController({
        clock,
        fetch: globalThis.fetch,
        keyStore: createMemoryKeyStore(options.withKey === false ? undefined : sim.apiKey, 'memory', sim.baseUrl),
        store: createMemoryStore({ settings: { baseUrl: sim.baseUrl, autoDownload: false, ...options.settings } }),
        platform,
        startDemo: () => demo.startDemo(),
      });
      cleanups.unshift(() => controller.shutdown());
      const invoke = wrapHandlers(controller.handlers);
      const calls: RodinApp['calls'] = [];
      if (options.colorScheme) await page.emulateMedia({ colorScheme: options.colorScheme });
      await page.setViewportSize({ width: 380, height: 560 });
      const bridge = await installBridge(page, (channel, request) => {
        calls.push({ channel, request });
        return (invoke as (c: string, r: unknown) => ReturnType<typeof invoke>)(channel, request);
      });
      const off = controller.onSnapshot((s) => void bridge.push(s));
      cleanups.unshift(() => Promise.resolve(off()));
      await page.goto(server.url);
      await expect(page.locator('main.app:not(.loading)')).toBeVisible();

      const app: RodinApp = {
        page,
        sim,
        controller,
        platform,
        bridge,
        clock,
        calls,
        snapshot: () => controller.snapshot(),
        async pasteTask(script) {
          const task = sim.addTask(script);
          await page.locator('#add-input').fill(JSON.stringify(task.generationResponse));
          await page.locator('#add-input').press('Enter');
          return task;
        },
        row: (label) => page.locator('li.row').filter({ has: page.locator('.label-text', { hasText: label }) }),
      };
      return app;
    });
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    expect(cspViolations, 'CSP violations').toEqual([]);
    expect(pageErrors, 'uncaught errors in the window').toEqual([]);
  },
});

export { expect };
