// The controller's Platform on Electron: confirmations, clipboard, shell, folder dialog, login item, preview URLs
// and file drags.
import { app, clipboard, dialog, nativeImage, shell } from 'electron';
import { join } from 'node:path';
import type { WebContents } from 'electron';
import type { Platform } from '../core/app/types';
import { setLinuxAutostart } from './system/linux-autostart';
import { setLoginItem } from './system/login-item';
import type { PreviewRegistry } from './window/preview-protocol';

export interface ElectronPlatformOptions {
  hideWindow: () => void;
  previews: PreviewRegistry;
  /** The window's webContents, the only page that can ask for a drag (IPC checks the sender is our page). */
  dragSource: () => Pick<WebContents, 'startDrag'> | undefined;
  /** A PNG shown under the cursor while dragging (must not be empty on macOS). */
  dragIconPath: string;
  /** Something the user must do for a change to take effect (approve the login item on macOS 13+). */
  onNotice?: (message: string) => void;
}

/** Size of the drag image: the app icon is 512 px, far too big under a cursor. */
const DRAG_ICON_SIZE = 64;

export function createElectronPlatform(options: ElectronPlatformOptions): Platform {
  return {
    async confirm(question) {
      // Cancel is the default and the answer to Esc: a stray Enter never says yes.
      const { response } = await dialog.showMessageBox({
        type: 'question',
        title: 'Rodin Tray',
        message: question.message,
        detail: question.detail,
        buttons: [question.confirmLabel, 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      });
      return response === 0;
    },
    copyText(text) {
      // Fire and forget: the menu item or button has nothing to wait for, and a failure leaves the clipboard as it was.
      clipboard.writeText(text).catch(() => undefined);
    },
    async openPath(path) {
      const error = await shell.openPath(path);
      if (error) throw Object.assign(new Error(`It could not be opened: ${error}`), { code: 'OPEN_FAILED' });
    },
    showItemInFolder(path) {
      shell.showItemInFolder(path);
    },
    startDrag(path) {
      // Electron's documented pattern: the page cancels its own dragstart and main starts the OS drag for it.
      const icon = nativeImage.createFromPath(options.dragIconPath).resize({ width: DRAG_ICON_SIZE });
      options.dragSource()?.startDrag({ file: path, icon });
    },
    async chooseFolder() {
      const result = await dialog.showOpenDialog({
        title: 'Folder for downloaded results',
        properties: ['openDirectory', 'createDirectory'],
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    hideWindow: options.hideWindow,
    defaultDownloadRoot: () => join(app.getPath('downloads'), 'Rodin'),
    setLaunchAtLogin(enabled) {
      // Linux has no login-item API in Electron: an XDG autostart entry does the same job there.
      if (process.platform === 'linux') {
        void setLinuxAutostart(enabled).catch(() => undefined);
        return;
      }
      const notice = setLoginItem(app, enabled);
      if (notice) options.onNotice?.(notice);
    },
    previewUrl: (taskId, folder, file) => options.previews.urlFor(taskId, folder, file),
  };
}
