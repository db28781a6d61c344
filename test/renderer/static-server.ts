// Serves the built window (out/renderer) on 127.0.0.1 for Playwright and the renderer benchmark, through the app's own
// app:// protocol handler: each request is handed to it as app://rodin/<path>, so what Chromium gets here (files,
// MIME types, 404s, the CSP header) is exactly what the packaged app's window gets.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createRendererHandler, RENDERER_ORIGIN, type RendererHandler } from '../../src/main/window/renderer-protocol';

export const RENDERER_DIR = resolve(import.meta.dirname, '../../out/renderer');

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export function assertRendererBuilt(): void {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(
      `The window is not built: ${RENDERER_DIR}/index.html is missing. Run \`npx electron-vite build\` first.`,
    );
  }
}

async function pass(handler: RendererHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const response = await handler(new Request(`${RENDERER_ORIGIN}${req.url ?? '/'}`, { method: req.method ?? 'GET' }));
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

export async function startStaticServer(root = RENDERER_DIR): Promise<StaticServer> {
  assertRendererBuilt();
  const handler = createRendererHandler(root);
  const server: Server = createServer((req, res) => {
    pass(handler, req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
