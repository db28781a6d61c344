// A recording stand-in for Electron's main-process API, for running the built bundle under plain Node.
// Mirrors test/main/electron-fake.ts in plain ESM (no vitest in the child); what the app does is sent to the parent
// over the fork IPC channel, and the parent drives the app ('second-instance', tray click, quit) the same way.
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const appPath = resolve(process.env.FAKE_ELECTRON_APP_PATH ?? process.cwd());
// `electron <appPath>` in development: Electron sets this, and the app registers its protocol handler differently.
process.defaultApp = true;

const record = {
  singleInstanceLock: 0,
  userDataSet: [],
  schemes: [],
  protocols: [],
  trays: [],
  menus: 0,
  lastMenu: [],
  ipcHandles: [],
  ipcOn: [],
  windows: [],
  notifications: [],
  fetches: [],
  quitCalls: 0,
  beforeQuitPrevented: 0,
  switches: [],
  quitCompleted: false,
};

function send(message) {
  if (process.send) process.send(message);
}

function labels(template) {
  return template.map((item) => ({
    label: item.label,
    type: item.type,
    submenu: Array.isArray(item.submenu) ? labels(item.submenu) : undefined,
  }));
}

const paths = new Map([
  ['appData', resolve(appPath, 'fake-app-data')],
  ['userData', resolve(process.env.FAKE_ELECTRON_USER_DATA ?? appPath, 'fake-user-data')],
  ['downloads', resolve(appPath, 'fake-downloads')],
  ['temp', process.env.TMPDIR ?? '/tmp'],
]);

class FakeApp extends EventEmitter {
  isPackaged = false;
  dock = { hide() {} };
  commandLine = {
    appendSwitch(name, value) {
      record.switches.push([name, value]);
    },
  };
  #ready = Promise.resolve();
  requestSingleInstanceLock() {
    record.singleInstanceLock += 1;
    return true;
  }
  whenReady() {
    return this.#ready;
  }
  isReady() {
    return true;
  }
  setPath(name, value) {
    record.userDataSet.push([name, value]);
    paths.set(name, value);
  }
  getPath(name) {
    const value = paths.get(name);
    if (!value) throw new Error(`fake electron: no path for ${name}`);
    return value;
  }
  getAppPath() {
    return appPath;
  }
  getVersion() {
    return '0.1.0';
  }
  getName() {
    return 'rodin-tray';
  }
  setAsDefaultProtocolClient() {
    return true;
  }
  getLoginItemSettings() {
    return { openAtLogin: false };
  }
  setLoginItemSettings() {}
  quit() {
    record.quitCalls += 1;
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit('before-quit', event);
    if (event.defaultPrevented) {
      record.beforeQuitPrevented += 1;
      return;
    }
    this.emit('will-quit', event);
    this.emit('quit');
    record.quitCompleted = true;
    // Electron exits once quitting is no longer prevented; the parent gets the final record first.
    if (process.send) process.send({ type: 'quit', record }, () => process.exit(0));
    else process.exit(0);
  }
  exit() {
    this.quit();
  }
}

export const app = new FakeApp();
// Electron's own loop keeps a tray app alive with nothing scheduled; Node would exit, so hold it open until quit.
setInterval(() => undefined, 1 << 30);

class FakeImage {
  constructor(path) {
    this.path = path;
    this.template = false;
  }
  setTemplateImage(on) {
    this.template = on;
  }
  isEmpty() {
    return false;
  }
}

export const nativeImage = {
  createFromPath: (path) => new FakeImage(path),
  createEmpty: () => new FakeImage(''),
};

export class Tray extends EventEmitter {
  constructor(image) {
    super();
    this.entry = { images: [image?.path], tooltip: '', title: '', contextMenus: 0, destroyed: false };
    record.trays.push(this.entry);
    Tray.last = this;
  }
  setImage(image) {
    this.entry.images.push(image?.path);
  }
  setToolTip(text) {
    this.entry.tooltip = text;
  }
  setTitle(text) {
    this.entry.title = text;
  }
  setContextMenu() {
    this.entry.contextMenus += 1;
  }
  popUpContextMenu() {}
  getBounds() {
    return { x: 1000, y: 0, width: 24, height: 24 };
  }
  destroy() {
    this.entry.destroyed = true;
  }
}

export const Menu = {
  buildFromTemplate(template) {
    record.menus += 1;
    record.lastMenu = labels(template);
    return { template };
  },
};

export const nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false, themeSource: 'system' });

class FakeWebContents extends EventEmitter {
  constructor(entry) {
    super();
    this.entry = entry;
  }
  setWindowOpenHandler(handler) {
    this.entry.windowOpenHandler = typeof handler === 'function';
  }
  isDevToolsFocused() {
    return false;
  }
  executeJavaScript(code) {
    this.entry.executed.push(code);
    return Promise.resolve();
  }
  send(channel) {
    this.entry.sent.push(channel);
  }
  isDestroyed() {
    return false;
  }
}

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.entry = { options, loadedFile: undefined, loadedUrl: undefined, shown: 0, executed: [], sent: [] };
    this.webContents = new FakeWebContents(this.entry);
    this.visible = false;
    record.windows.push(this.entry);
  }
  loadFile(file) {
    this.entry.loadedFile = file;
    return Promise.resolve();
  }
  loadURL(url) {
    this.entry.loadedUrl = url;
    return Promise.resolve();
  }
  show() {
    this.visible = true;
    this.entry.shown += 1;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return false;
  }
  getBounds() {
    return { x: 0, y: 0, width: 380, height: 560 };
  }
  setPosition() {}
  setBounds(bounds) {
    this.entry.bounds = bounds;
  }
  static getAllWindows() {
    return [];
  }
}

export class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options) {
    super();
    this.entry = { title: options.title, body: options.body, icon: options.icon, shown: false };
    record.notifications.push(this.entry);
  }
  show() {
    this.entry.shown = true;
    send({ type: 'notification', notification: this.entry });
  }
  close() {}
}

export const ipcMain = {
  handle(channel) {
    record.ipcHandles.push(channel);
  },
  removeHandler() {},
  on(channel) {
    record.ipcOn.push(channel);
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    record.schemes.push(...schemes.map((s) => s.scheme));
  },
  handle(scheme) {
    record.protocols.push(scheme);
  },
};

export const net = {
  // Chromium's fetch in the real app; Node's here, which talks to the same 127.0.0.1 simulator.
  fetch(input, init) {
    record.fetches.push(String(input));
    return globalThis.fetch(input, init);
  },
  isOnline: () => true,
};

export const safeStorage = {
  isEncryptionAvailable: () => false,
  getSelectedStorageBackend: () => 'basic_text',
  encryptString: () => Buffer.alloc(0),
  decryptString: () => '',
};

export const powerMonitor = new EventEmitter();
export const globalShortcut = { register: () => true, unregister() {}, unregisterAll() {}, isRegistered: () => false };
export const clipboard = { readText: () => '', writeText() {} };
export const shell = {
  openPath: () => Promise.resolve(''),
  openExternal: () => Promise.resolve(),
  showItemInFolder() {},
};
export const dialog = { showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }) };
export const screen = {
  getDisplayNearestPoint: () => ({ workArea: { x: 0, y: 25, width: 1440, height: 875 } }),
  getPrimaryDisplay: () => ({ workArea: { x: 0, y: 25, width: 1440, height: 875 } }),
};

process.on('message', (message) => {
  if (message?.cmd === 'second-instance') app.emit('second-instance', {}, message.argv, process.cwd());
  else if (message?.cmd === 'quit') app.quit();
  else if (message?.cmd === 'report') {
    // CommonJS modules the app pulled in (keytar comes through a dynamic import in the ESM bundle).
    record.commonJsModules = Object.keys(createRequire(import.meta.url).cache).filter((key) =>
      key.includes('node_modules'),
    );
    send({ type: 'report', record });
  }
});

const electron = {
  app,
  nativeImage,
  Tray,
  Menu,
  nativeTheme,
  BrowserWindow,
  Notification,
  ipcMain,
  protocol,
  net,
  safeStorage,
  powerMonitor,
  globalShortcut,
  clipboard,
  shell,
  dialog,
  screen,
};
export default electron;
