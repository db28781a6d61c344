// Where the renderer page is and whether a URL is that page: used by the IPC sender check and navigation guards.
import { RENDERER_HOST, RENDERER_INDEX_URL, RENDERER_SCHEME } from './renderer-protocol';

export interface RendererLocation {
  /** What the window loads: app://rodin/index.html, or the dev server in development. */
  pageUrl: string;
  /** The electron-vite dev server (ELECTRON_RENDERER_URL), only when running unpackaged in development. */
  devServerUrl?: string;
}

/** The caller passes a dev server only when unpackaged (see dev-switches.ts). */
export function rendererLocation(devServerUrl?: string): RendererLocation {
  return devServerUrl ? { pageUrl: devServerUrl, devServerUrl } : { pageUrl: RENDERER_INDEX_URL };
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
  if (location.devServerUrl) {
    const dev = new URL(location.devServerUrl);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.origin === dev.origin;
  }
  return (
    parsed.protocol === `${RENDERER_SCHEME}:` &&
    parsed.host === RENDERER_HOST &&
    !parsed.username &&
    !parsed.password &&
    parsed.pathname === new URL(RENDERER_INDEX_URL).pathname
  );
}

/**
 * The Origin header the page's own cross-origin requests carry (e.g. the 3D view fetching its model): app://rodin
 * (a standard scheme has a real origin), or the dev server's own origin.
 */
export function rendererOrigin(location: RendererLocation): string {
  const url = new URL(location.devServerUrl ?? location.pageUrl);
  // Built by hand: Node's URL gives a custom scheme an opaque origin, Chromium gives a standard scheme a real one.
  return `${url.protocol}//${url.host}`;
}
