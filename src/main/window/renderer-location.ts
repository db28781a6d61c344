// Where the renderer page is and whether a URL is that page: used by the IPC sender check and navigation guards.
import { pathToFileURL } from 'node:url';

export interface RendererLocation {
  /** file:// URL of out/renderer/index.html in the bundle. */
  fileUrl: string;
  /** The electron-vite dev server (ELECTRON_RENDERER_URL), only when running unpackaged in development. */
  devServerUrl?: string;
}

export function rendererLocation(rendererIndexPath: string, devServerUrl?: string): RendererLocation {
  return { fileUrl: pathToFileURL(rendererIndexPath).href, ...(devServerUrl ? { devServerUrl } : {}) };
}

/** The page's own URL, ignoring the hash and query the window may use for its own routing. */
export function isRendererUrl(url: string | undefined, location: RendererLocation): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'file:') {
    const expected = new URL(location.fileUrl);
    return parsed.host === expected.host && parsed.pathname === expected.pathname;
  }
  if (location.devServerUrl) {
    const dev = new URL(location.devServerUrl);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.origin === dev.origin;
  }
  return false;
}

/**
 * The Origin header the page's own cross-origin requests carry (e.g. the 3D view fetching its model): a file:// page
 * has an opaque origin, sent as "null"; the dev server sends its own origin.
 */
export function rendererOrigin(location: RendererLocation): string {
  return location.devServerUrl ? new URL(location.devServerUrl).origin : 'null';
}
