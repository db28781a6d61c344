import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createRendererHandler,
  cspOfPage,
  rendererFileOf,
  type RendererHandler,
} from '../../../src/main/window/renderer-protocol';

const CSP = "default-src 'self'; img-src 'self' data: rodin-preview:; style-src 'self'; script-src 'self'";
const PAGE = `<!doctype html><html><head>
<meta
  http-equiv="Content-Security-Policy"
  content="${CSP}"
/>
<script type="module" crossorigin src="./assets/index.js"></script></head><body></body></html>`;

let base: string;
let root: string;
let handler: RendererHandler;

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'rodin-renderer-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), PAGE);
  writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'notes.txt'), 'not a type the window uses');
  writeFileSync(join(base, 'secret.js'), 'the key');
  symlinkSync(join(base, 'secret.js'), join(root, 'assets', 'link.js'));
  handler = createRendererHandler(root);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the app:// window handler', () => {
  it('serves the page at / and /index.html as HTML with the page CSP as a header', async () => {
    for (const url of ['app://rodin/', 'app://rodin/index.html', 'app://rodin/index.html?x=1#settings']) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CSP);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toBe(PAGE);
    }
  });

  it('serves module scripts and stylesheets with their MIME types', async () => {
    const script = await get('app://rodin/assets/index.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    const style = await get('app://rodin/assets/index.css');
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await get('app://rodin/assets/index.js', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it.each([
    ['a missing file', 'app://rodin/assets/missing.js'],
    ['a parent folder, encoded', 'app://rodin/assets/..%2f..%2fsecret.js'],
    ['dots, encoded', 'app://rodin/%2e%2e%2fsecret.js'],
    ['a backslash, encoded', 'app://rodin/assets/..%5c..%5csecret.js'],
    ['a NUL byte', 'app://rodin/assets/index.js%00.css'],
    ['a broken escape', 'app://rodin/assets/%E0%A4%A.js'],
    ['an empty segment', 'app://rodin/assets//index.js'],
    ['a link pointing out of the folder', 'app://rodin/assets/link.js'],
    ['a file type the window does not use', 'app://rodin/assets/notes.txt'],
    ['a folder', 'app://rodin/assets'],
    ['another host', 'app://evil/index.html'],
    ['a port', 'app://rodin:8080/index.html'],
    ['another scheme', 'file:///etc/passwd'],
  ])('answers 404 for %s', async (_what, url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('the key');
  });

  it('answers 404 to anything but GET and HEAD', async () => {
    expect((await get('app://rodin/index.html', 'POST')).status).toBe(404);
  });

  it('sends a CSP that allows nothing when the page has none, rather than no CSP', async () => {
    const bare = join(base, 'bare');
    mkdirSync(bare);
    writeFileSync(join(bare, 'index.html'), '<!doctype html><p>no policy');
    const response = await createRendererHandler(bare)(new Request('app://rodin/index.html'));
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
  });
});

describe('renderer URL parsing', () => {
  it('names files under the root, decoding each segment once', () => {
    expect(rendererFileOf('app://rodin/assets/a%20b.js')).toBe('assets/a b.js');
    expect(rendererFileOf('app://rodin/assets/%252e%252e.js')).toBe('assets/%2e%2e.js');
    expect(rendererFileOf('app://rodin')).toBe('index.html');
  });

  it('reads the CSP from a meta tag whatever its layout', () => {
    expect(cspOfPage(PAGE)).toBe(CSP);
    expect(cspOfPage(`<meta content="default-src 'self'" http-equiv='Content-Security-Policy'>`)).toBe(
      "default-src 'self'",
    );
    expect(cspOfPage('<meta name="viewport" content="x">')).toBeUndefined();
  });
});
