import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildWindowOptions } from '../../../src/main/window/window-options';
import { isAllowedExternalUrl } from '../../../src/main/window/external-url';
import { attachNavigationGuards, type GuardedContents } from '../../../src/main/window/navigation-guard';
import { isRendererUrl, rendererLocation, rendererOrigin } from '../../../src/main/window/renderer-location';

describe('window options', () => {
  const prefs = buildWindowOptions({ preloadPath: '/app/out/preload/index.cjs' }).webPreferences ?? {};

  it('isolates the page: context isolation, sandbox, no Node integration, web security on', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads the CommonJS preload, as sandboxed preloads require', () => {
    expect(prefs.preload).toMatch(/\.cjs$/);
  });

  it('starts hidden and out of the taskbar, as a popover should', () => {
    const options = buildWindowOptions({ preloadPath: '/p.cjs' });
    expect(options).toMatchObject({ show: false, skipTaskbar: true, frame: false });
  });
});

describe('openExternal allowlist', () => {
  it.each(['https://hyper3d.ai/', 'https://developer.hyper3d.ai/docs', 'https://www.hyper3d.ai/pricing'])(
    'lets %s through',
    (url) => expect(isAllowedExternalUrl(url)).toBe(true),
  );

  it.each([
    'http://hyper3d.ai/',
    'https://evil.example/',
    'https://hyper3d.ai@evil.example/',
    'https://user:pw@hyper3d.ai/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
    'https://hyper3d.ai.evil.example/',
    'https://hyper3d.ai:8443/',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));
});

describe('navigation guards', () => {
  const location = rendererLocation();

  function fakeContents() {
    const listeners = new Map<string, (event: { preventDefault(): void; url?: string }, url?: string) => void>();
    let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
    const contents: GuardedContents = {
      on: (event, listener) => listeners.set(event, listener),
      setWindowOpenHandler: (handler) => {
        openHandler = handler;
      },
    };
    return {
      contents,
      navigate(event: string, url: string) {
        const preventDefault = vi.fn();
        listeners.get(event)?.({ preventDefault }, url);
        return preventDefault.mock.calls.length > 0;
      },
      open: (url: string) => openHandler?.({ url }),
    };
  }

  it('blocks navigating the window to any other page', () => {
    const fake = fakeContents();
    attachNavigationGuards(fake.contents, { location, openExternal: vi.fn() });
    expect(fake.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fake.navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(fake.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
  });

  it('lets the window reload its own page', () => {
    const fake = fakeContents();
    attachNavigationGuards(fake.contents, { location, openExternal: vi.fn() });
    expect(fake.navigate('will-navigate', 'app://rodin/index.html#settings')).toBe(false);
    expect(fake.navigate('will-navigate', 'app://rodin/assets/evil.html')).toBe(true);
  });

  it('refuses webviews', () => {
    const fake = fakeContents();
    attachNavigationGuards(fake.contents, { location, openExternal: vi.fn() });
    expect(fake.navigate('will-attach-webview', '')).toBe(true);
  });

  it('denies every new window, sending only allowlisted links to the browser', () => {
    const fake = fakeContents();
    const openExternal = vi.fn();
    attachNavigationGuards(fake.contents, { location, openExternal });
    expect(fake.open('https://hyper3d.ai/pricing')).toEqual({ action: 'deny' });
    expect(fake.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://hyper3d.ai/pricing']]);
  });
});

describe('renderer page identity', () => {
  const bundled = rendererLocation();

  it('recognises the bundled page, with or without a hash', () => {
    expect(isRendererUrl('app://rodin/index.html', bundled)).toBe(true);
    expect(isRendererUrl('app://rodin/index.html#settings', bundled)).toBe(true);
  });

  it('refuses other files, remote pages, and the dev server unless in development', () => {
    expect(isRendererUrl('app://rodin/other.html', bundled)).toBe(false);
    expect(isRendererUrl('app://elsewhere/index.html', bundled)).toBe(false);
    expect(isRendererUrl('app://user@rodin/index.html', bundled)).toBe(false);
    // The old file:// page is no longer ours: a window that somehow got there must not reach IPC.
    expect(isRendererUrl('file:///app/out/renderer/index.html', bundled)).toBe(false);
    expect(isRendererUrl('https://evil.example/index.html', bundled)).toBe(false);
    expect(isRendererUrl('http://localhost:5173/', bundled)).toBe(false);
    expect(isRendererUrl(undefined, bundled)).toBe(false);
  });

  it("names the origin the page's own requests carry: app://rodin for the bundle, the dev server's in development", () => {
    expect(rendererOrigin(bundled)).toBe('app://rodin');
    expect(rendererOrigin(rendererLocation('http://localhost:5173/x'))).toBe('http://localhost:5173');
  });

  it('accepts the dev server origin only when one is configured', () => {
    const dev = rendererLocation('http://localhost:5173');
    expect(isRendererUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isRendererUrl('http://localhost:5174/', dev)).toBe(false);
  });
});

describe('content security policy of the renderer page', () => {
  it('has a strict CSP meta: default-src self, no inline or eval scripts', () => {
    let html: string;
    try {
      html = readFileSync('src/renderer/index.html', 'utf8');
    } catch {
      throw new Error('src/renderer/index.html is missing: the window helper has not written it yet');
    }
    const match = /<meta\s+http-equiv=["']Content-Security-Policy["']\s+content="([^"]+)"/i.exec(html);
    expect(match, 'a Content-Security-Policy meta tag').not.toBeNull();
    const csp = match?.[1] ?? '';
    const directives = new Map(
      csp
        .split(';')
        .map((part) => part.trim().split(/\s+/))
        .filter((words) => words[0])
        .map((words) => [words[0] as string, words.slice(1)]),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const scriptSrc = directives.get('script-src') ?? directives.get('default-src') ?? [];
    expect(scriptSrc.every((source) => source === "'self'")).toBe(true);
    expect(directives.get('object-src') ?? directives.get('default-src')).toEqual(
      expect.arrayContaining([expect.stringMatching(/'none'|'self'/)]),
    );
  });
});
