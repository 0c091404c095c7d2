// A small static file server for dist/pwa: used by `npm start` and by the
// end-to-end tests (which mount the app under a sub-path to prove that the
// build works from any folder of any host).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { contentSecurityPolicy } from '../pwa/content-security-policy.js';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon',
};

/** The PWA's policy as a header, with `frame-ancestors`, which its <meta> copy cannot carry. */
const CSP = contentSecurityPolicy();

/**
 * Serves `root` under the URL prefix `mount` (e.g. "/apps/authenticator/").
 * On `localhost` unless told otherwise, not 127.0.0.1: WebAuthn (passkey
 * unlock) needs a domain name, and browsers treat localhost as one and as a
 * secure context (issue 14).
 * @param {{ root: string, mount?: string, port?: number, host?: string }} options
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startStaticServer({ root, mount = '/', port = 0, host = 'localhost' }) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(mount)) {
      res.writeHead(404).end('Not found');
      return;
    }
    let file = normalize(join(root, path.slice(mount.length)));
    if (!file.startsWith(normalize(root + sep)) && file !== normalize(root)) {
      res.writeHead(403).end('Forbidden');
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        // The service worker script must always be checked for updates.
        'cache-control': file.endsWith('sw.js') ? 'no-cache' : 'public, max-age=0',
        // On every response: a worker (the service worker, the QR decoder, the import reader)
        // gets its policy from its own script's response, not from the page.
        'content-security-policy': CSP,
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('Not found');
    }
  });
  await new Promise((resolve) => server.listen(port, host, () => resolve(undefined)));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}${mount}`,
    // Closing also drops open keep-alive connections, so a test that stops the server
    // (to be offline) is not kept waiting by a browser that holds one.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
