// electron-store as the ConfFactory in the app: conf with Electron's userData folder and version.
import ElectronStore from 'electron-store';
import type { ConfFactory } from './conf-document';

export const electronConfFactory: ConfFactory = ({ cwd, name }) =>
  new ElectronStore<Record<string, unknown>>({ name, cwd });
