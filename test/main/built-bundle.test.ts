// Smoke test of the BUILT app: out/main/index.js runs in a child Node with a recording fake 'electron' (a resolve hook)
// against the simulator, so bundling, ESM/CJS interop, externalised deps and import.meta.url paths are exercised.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { IPC_CHANNELS } from '../../src/shared/ipc';
import { startSimulator, type Simulator } from '../../src/core/sim/simulator';
import { newestMtime } from '../support/newest-mtime';

const root = resolve(import.meta.dirname, '../..');
const out = join(root, 'out');
const mainBundle = join(out, 'main', 'index.js');
const preloadBundle = join(out, 'preload', 'index.cjs');
const rendererPage = join(out, 'renderer', 'index.html');
const register = join(import.meta.dirname, 'bundle-fixtures', 'register.js');

/** What fake-electron.js records; JSON over the fork channel. */
interface Recorded {
  singleInstanceLock: number;
  userDataSet: [string, string][];
  schemes: { scheme: string; privileges?: Record<string, boolean> }[];
  permissionHandlers: Record<string, boolean>;
  requests: string[];
  protocols: string[];
  trays: { images: string[]; tooltip: string; contextMenus: number; destroyed: boolean }[];
  menus: number;
  lastMenu: { label?: string; submenu?: { label?: string }[] }[];
  ipcHandles: string[];
  windows: {
    options: { webPreferences: Record<string, unknown> };
    loadedFile?: string;
    loadedUrl?: string;
    shown: number;
    windowOpenHandler?: boolean;
  }[];
  notifications: { title: string; body: string; icon?: string; shown: boolean }[];
  fetches: string[];
  quitCalls: number;
  beforeQuitPrevented: number;
  quitCompleted: boolean;
  commonJsModules?: string[];
}

// A missing or stale bundle would make this a test of yesterday's code: build it (about two seconds).
function ensureBuilt(): void {
  const missing = [mainBundle, preloadBundle, rendererPage].some((file) => !existsSync(file));
  const stale = !missing && newestMtime(join(root, 'src')) > statSync(mainBundle).mtimeMs;
  if (!missing && !stale) return;
  console.warn(`built-bundle: out/ is ${missing ? 'missing' : 'older than src/'}; running electron-vite build`);
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`);
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

let simulator: Simulator;
let userData: string;
let child: ChildProcess | undefined;
let output = '';
let exitCode: number | null | undefined;
let finalRecord: Recorded | undefined;
const reports: ((record: Recorded) => void)[] = [];
const taskLabel = 'Bundle smoke chair';

interface Served {
  status: number;
  headers: Record<string, string>;
  body: string;
}
const served = new Map<number, (result: Served) => void>();

/** Asks the app's own protocol handler for `url`, as the window's Chromium would. */
function protocolGet(url: string): Promise<Served> {
  return new Promise((done, fail) => {
    const id = served.size + 1;
    served.set(id, done);
    if (!child?.send({ cmd: 'protocol-get', url, id })) fail(new Error(`the app is not running:\n${output}`));
  });
}

function report(): Promise<Recorded> {
  return new Promise((done, fail) => {
    reports.push(done);
    if (!child?.send({ cmd: 'report' })) fail(new Error(`the app is not running:\n${output}`));
  });
}

beforeAll(async () => {
  ensureBuilt();
  // Download links redirect, as links behind a storage front do: Electron's net.fetch cannot hand a redirect back.
  simulator = await startSimulator({ scenario: 'empty', redirectDownloads: true });
  userData = mkdtempSync(join(tmpdir(), 'rodin-bundle-'));
  // The app reads its base URL from settings, as in test/e2e/app.spec.ts.
  writeFileSync(
    join(userData, 'settings.json'),
    JSON.stringify({
      version: 1,
      settings: { baseUrl: simulator.baseUrl, autoDownload: true, downloadFolder: join(userData, 'downloads') },
    }),
  );
  child = fork(mainBundle, [], {
    cwd: root,
    execArgv: ['--import', register],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      ...process.env,
      RODIN_API_KEY: simulator.apiKey,
      RODIN_TRAY_USER_DATA: userData,
      // Where `electron <root>` would put app.getAppPath(); the fake's default userData must not be used.
      FAKE_ELECTRON_APP_PATH: root,
      FAKE_ELECTRON_USER_DATA: join(userData, 'wrong-user-data'),
      RODIN_TRAY_TEST_HOOKS: '',
      RODIN_DEMO: '',
      ELECTRON_RENDERER_URL: '',
    },
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.on('exit', (code) => (exitCode = code));
  child.on('message', (message: { type: string; record?: Recorded; id?: number; result?: Served }) => {
    if (message.type === 'report' && message.record) reports.shift()?.(message.record);
    if (message.type === 'protocol-got' && message.result) served.get(message.id!)?.(message.result);
    if (message.type === 'quit') finalRecord = message.record;
  });
  // Boot is done once start() has registered IPC, which comes after the tray.
  await until(
    'the app to register its IPC handlers',
    async () => {
      if (exitCode !== undefined) throw new Error(`the app exited (${exitCode}) during boot:\n${output}`);
      return (await report()).ipcHandles.length >= IPC_CHANNELS.length || undefined;
    },
    15_000,
  );
}, 60_000);

afterAll(async () => {
  if (child && exitCode === undefined) child.kill('SIGKILL');
  await simulator?.stop();
  if (userData) rmSync(userData, { recursive: true, force: true });
});

describe('the built main bundle under a fake Electron', () => {
  it('boots: one instance lock, the privileged app and preview schemes, our userData folder and every IPC channel', async () => {
    const record = await report();
    expect(record.singleInstanceLock).toBe(1);
    expect(record.userDataSet).toEqual([['userData', userData]]);
    expect(record.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      // The 3D view fetch()es models from the preview scheme, cross-origin from app://rodin.
      {
        scheme: 'rodin-preview',
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
      },
    ]);
    expect([...record.protocols].sort()).toEqual(['app', 'rodin-preview']);
    expect(record.permissionHandlers).toEqual({ request: true, check: true, device: true });
    expect([...record.ipcHandles].sort()).toEqual([...IPC_CHANNELS].sort());
  });

  it('loads the externalised CommonJS keytar through the dynamic import in the bundle', async () => {
    const record = await report();
    expect(record.commonJsModules?.some((path) => /node_modules[\\/]keytar[\\/]/.test(path))).toBe(true);
  });

  it('creates one tray whose icon file exists on disk, with a tooltip and a context menu', async () => {
    const record = await report();
    expect(record.trays).toHaveLength(1);
    const tray = record.trays[0]!;
    expect(tray.images.length).toBeGreaterThan(0);
    for (const image of tray.images) expect(existsSync(image), `tray icon ${image}`).toBe(true);
    expect(tray.tooltip).toBeTruthy();
    expect(record.menus).toBeGreaterThan(0);
    expect(record.lastMenu.length).toBeGreaterThan(0);
  });

  it('opens a secure window with the bundled preload and the built page when a second instance starts plainly', async () => {
    child!.send({ cmd: 'second-instance', argv: [process.execPath, root] });
    const record = await until(
      'the window',
      async () => {
        const current = await report();
        return current.windows.length > 0 ? current : undefined;
      },
      5_000,
    );
    expect(record.windows).toHaveLength(1);
    const window = record.windows[0]!;
    const prefs = window.options.webPreferences;
    expect(prefs.preload).toBe(preloadBundle);
    expect(existsSync(String(prefs.preload))).toBe(true);
    expect(window.loadedUrl).toBe('app://rodin/index.html');
    expect(window.loadedFile).toBeUndefined();
    expect(window.shown).toBeGreaterThan(0);
    expect(window.windowOpenHandler).toBe(true);
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('serves the built page and every script, stylesheet and asset it references from its app:// handler', async () => {
    const page = await protocolGet('app://rodin/index.html');
    expect(page.status).toBe(200);
    expect(page.body).toBe(readFileSync(rendererPage, 'utf8'));
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const references = [...page.body.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]!);
    expect(references.length).toBeGreaterThanOrEqual(2);
    for (const reference of references) {
      const asset = await protocolGet(`app://rodin/${reference}`);
      expect(asset.status, reference).toBe(200);
      expect(asset.headers['content-type'], reference).toMatch(/^(text\/javascript|text\/css|image\/)/);
    }
    expect((await protocolGet('app://rodin/../main/index.js')).status).toBe(404);
  });

  it('watches a task handed over with --add on the simulator until done, and notifies', async () => {
    const task = simulator.addTask({ label: taskLabel, jobs: 2, queueMs: 300, queueLength: 1, generateMs: 700 });
    child!.send({
      cmd: 'second-instance',
      argv: [process.execPath, root, '--add', JSON.stringify(task.generationResponse)],
    });
    const record = await until(
      'the Done notification',
      async () => {
        const current = await report();
        return current.notifications.some((n) => n.title === `Done: ${taskLabel}` && n.shown) ? current : undefined;
      },
      20_000,
    );
    // The app asked the simulator with the env key (no 401s): status while queued, again until done.
    const requests = simulator.requests();
    const statusCalls = requests.filter((request) => request.path === '/v2/status');
    expect(statusCalls.length).toBeGreaterThanOrEqual(2);
    // Apart from the download links' deliberate 302s, every answer was a success.
    const answers = requests.filter((request) => !request.path.startsWith('/redirect/'));
    expect(answers.every((request) => request.status >= 200 && request.status < 300)).toBe(true);
    expect(record.fetches.some((url) => url.startsWith(simulator.baseUrl))).toBe(true);
    const done = record.notifications.find((n) => n.title === `Done: ${taskLabel}`)!;
    expect(existsSync(done.icon!)).toBe(true);
  });

  it('downloads the results through redirecting links on net.fetch as Electron documents it', async () => {
    const downloads = join(userData, 'downloads');
    const files = await until(
      'the downloaded results',
      () => {
        if (!existsSync(downloads)) return undefined;
        const found = readdirSync(downloads, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
        return found.length > 0 && !found.some((f) => f.name.includes('.part')) ? found : undefined;
      },
      20_000,
    );
    expect(files.length).toBeGreaterThan(0);
    const record = await report();
    // Every hop went through net.request: first the redirecting link, then the file it pointed to.
    expect(record.requests.some((url) => url.includes('/redirect/files/'))).toBe(true);
    expect(record.requests.some((url) => /\/files\//.test(url) && !url.includes('/redirect/'))).toBe(true);
  });

  it('flushes the task to tasks.json on quit, then exits', async () => {
    child!.send({ cmd: 'quit' });
    await until('the app to exit', () => (exitCode !== undefined ? true : undefined), 10_000);
    expect(exitCode).toBe(0);
    // Saved synchronously in before-quit: the quit is never refused (macOS logout and restart).
    expect(finalRecord?.beforeQuitPrevented).toBe(0);
    expect(finalRecord?.quitCompleted).toBe(true);
    expect(finalRecord?.trays[0]?.destroyed).toBe(true);
    const tasks = readFileSync(join(userData, 'tasks.json'), 'utf8');
    expect(tasks).toContain(taskLabel);
  });

  it('never writes the API key to its output or its files', () => {
    expect(output).not.toContain(simulator.apiKey);
    for (const file of readdirSync(userData, { recursive: true, withFileTypes: true })) {
      if (!file.isFile()) continue;
      expect(readFileSync(join(file.parentPath, file.name), 'utf8'), file.name).not.toContain(simulator.apiKey);
    }
  });
});
