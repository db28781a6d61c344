// 'electron' for the built bundle running in a child Node: the shared fake (../electron-fake.ts), reporting what the
// app did to the parent test over the fork IPC channel; the parent drives the app ('second-instance', IPC, quit).
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { createFakeElectron, fakeRecord, fakeState } from '../electron-fake.ts';

const appPath = resolve(process.env.FAKE_ELECTRON_APP_PATH ?? process.cwd());
// `electron <appPath>` in development: Electron sets this, and the app registers its protocol handler differently.
process.defaultApp = true;

function send(message, then) {
  if (process.send) process.send(message, then);
  else then?.();
}

const electron = createFakeElectron({
  appPath,
  paths: {
    appData: resolve(appPath, 'fake-app-data'),
    userData: resolve(process.env.FAKE_ELECTRON_USER_DATA ?? appPath, 'fake-user-data'),
    downloads: resolve(appPath, 'fake-downloads'),
    temp: process.env.TMPDIR ?? '/tmp',
  },
  isPackaged: process.env.FAKE_ELECTRON_PACKAGED === '1',
  // Electron exits once quitting is no longer prevented; the parent gets the final record first.
  onQuit: () => send({ type: 'quit', record: fakeRecord() }, () => process.exit(0)),
});

// Electron's own loop keeps a tray app alive with nothing scheduled; Node would exit, so hold it open until quit.
setInterval(() => undefined, 1 << 30);

process.on('message', (message) => {
  if (message?.cmd === 'second-instance') electron.app.emit('second-instance', {}, message.argv, process.cwd());
  else if (message?.cmd === 'quit') electron.app.quit();
  else if (message?.cmd === 'invoke') {
    // As the preload would: ipcRenderer.invoke from a frame at `senderUrl`.
    const handler = fakeState.ipcHandlers.get(message.channel);
    void Promise.resolve(handler?.({ senderFrame: { url: message.senderUrl } }, message.request)).then((result) =>
      send({ type: 'invoked', id: message.id, result }),
    );
  } else if (message?.cmd === 'protocol-get') {
    // As Chromium would: a request for a URL of a scheme the app handles goes to its protocol.handle handler.
    const handler = fakeState.protocolHandlers.get(new URL(message.url).protocol.slice(0, -1));
    void Promise.resolve(handler ? handler(new Request(message.url)) : new Response(null, { status: 404 }))
      .then(async (response) => ({
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: await response.text(),
      }))
      .then((result) => send({ type: 'protocol-got', id: message.id, result }));
  } else if (message?.cmd === 'report') {
    const record = fakeRecord();
    // CommonJS modules the app pulled in (keytar comes through a dynamic import in the ESM bundle).
    record.commonJsModules = Object.keys(createRequire(import.meta.url).cache).filter((key) =>
      key.includes('node_modules'),
    );
    send({ type: 'report', record });
  }
});

export const {
  app,
  Tray,
  BrowserWindow,
  Notification,
  nativeTheme,
  Menu,
  nativeImage,
  screen,
  ipcMain,
  protocol,
  session,
  net,
  safeStorage,
  powerMonitor,
  globalShortcut,
  clipboard,
  shell,
  dialog,
} = electron;
export default electron;
