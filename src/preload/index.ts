// The preload: exposes window.rodin (see bridge.ts) and nothing else to the sandboxed page.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('rodin', createBridge(ipcRenderer));
