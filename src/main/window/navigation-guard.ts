// The window never navigates away from our page and never opens another window; allowed links go to the browser.
import { isAllowedExternalUrl } from './external-url';
import { isRendererUrl, type RendererLocation } from './renderer-location';

/** The few WebContents members the guard needs, so tests can hand in a recorder. */
export interface GuardedContents {
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate' | 'will-attach-webview',
    listener: (event: { preventDefault(): void; url?: string }, url?: string) => void,
  ): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export function attachNavigationGuards(
  contents: GuardedContents,
  options: { location: RendererLocation; openExternal: (url: string) => void },
): void {
  const blockForeign = (event: { preventDefault(): void; url?: string }, url?: string): void => {
    if (!isRendererUrl(url ?? event.url, options.location)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  contents.on('will-frame-navigate', blockForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // A link with target=_blank is the only way a sandboxed page can ask for the browser; honour it for known hosts.
    if (isAllowedExternalUrl(url)) options.openExternal(url);
    return { action: 'deny' };
  });
}
