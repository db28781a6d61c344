// The core's fetch on Electron's network stack (system proxies and certificates apply, as in the user's browser).
//
// Electron documents net.fetch as built on net.request with the Request's redirect mode, and net.request's 'manual'
// mode as "cancelled unless request.followRedirect is invoked synchronously during the redirect event": so
// net.fetch(url, { redirect: 'manual' }) rejects with "Redirect was cancelled" (electron/electron#43715) instead of
// returning the 3xx as Node's fetch does. The downloader needs that 3xx: it checks every hop (https only, no
// credentials) before connecting to it. Of the ways to keep that check under Electron we take net.request and its
// 'redirect' event, per request: a session-wide webRequest.onBeforeRedirect cannot cancel, a session-wide
// onBeforeRequest would judge every request of the app (the window's included) by one rule, and 'follow' would
// connect to the next hop before we saw it. So a 'manual' request goes through net.request, stops at the redirect
// event and hands back the 3xx with its Location; the core's loop (one loop for Node and Electron) decides the rest.
// Everything else goes to net.fetch. Only http(s) passes: net.fetch would also read file: and our own app:// pages.
import type { Net } from 'electron';
import { Readable } from 'node:stream';

/** The two members of Electron's `net` used here; tests hand in the shared fake, which follows the same docs. */
export type NetLike = Pick<Net, 'fetch' | 'request'>;

const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted.', 'AbortError');
}

/** A body-less request that stops at the first redirect and returns it, as Node's fetch does for 'manual'. */
function fetchStoppingAtRedirect(net: NetLike, request: Request): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    if (request.signal.aborted) return reject(abortError(request.signal));
    const req = net.request({ url: request.url, method: request.method, redirect: 'manual' });
    for (const [name, value] of request.headers) req.setHeader(name, value);
    let settled = false;
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      done();
    };
    request.signal.addEventListener(
      'abort',
      () => {
        settle(() => reject(abortError(request.signal)));
        req.abort();
      },
      { once: true },
    );
    req.on('redirect', (status, _method, url, headers) => {
      const responseHeaders = new Headers();
      for (const [name, values] of Object.entries(headers))
        for (const value of values) responseHeaders.append(name, value);
      responseHeaders.set('location', url);
      settle(() => resolve(new Response(null, { status, headers: responseHeaders })));
      // Not following: the request ends here; the caller checks the next hop and asks for it anew.
      req.abort();
    });
    req.on('response', (message) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(message.headers)) {
        headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const body =
        NULL_BODY_STATUS.has(message.statusCode) || request.method === 'HEAD'
          ? null
          : (Readable.toWeb(message as unknown as Readable) as ReadableStream<Uint8Array>);
      settle(() =>
        resolve(new Response(body, { status: message.statusCode, statusText: message.statusMessage, headers })),
      );
    });
    req.on('error', (error) => settle(() => reject(error)));
    req.end();
  });
}

export function createElectronFetch(net: NetLike): typeof fetch {
  return async (input, init) => {
    const request = new Request(input instanceof URL ? input.href : input, init);
    const { protocol } = new URL(request.url);
    if (protocol !== 'https:' && protocol !== 'http:') {
      throw new TypeError(`Refused to fetch a ${protocol} URL: the app talks to web servers only.`);
    }
    if (request.redirect !== 'manual') return net.fetch(request);
    if (request.body) throw new TypeError("redirect: 'manual' is supported for requests without a body only.");
    return fetchStoppingAtRedirect(net, request);
  };
}
