// The authenticator's Content Security Policy (issue 11, 12a), in one place: the
// build writes it into index.html as a <meta> tag (vite.config.ts), and our own
// server (scripts/static-server.js: `npm start` and the end-to-end tests) sends it
// as a header on every response, the service worker's script included.
//
// A <meta> policy cannot carry `frame-ancestors` (CSP3 §6.4.2: it is ignored
// there), so a static host must add the header itself to stop the app being
// framed (clickjacking): send `Content-Security-Policy: <contentSecurityPolicy()>`
// on every response, e.g. in Netlify's or Cloudflare Pages' `_headers`
// (`/*` then `  Content-Security-Policy: ...`), nginx `add_header`, or Apache
// `Header set`. Hosts that cannot set headers (GitHub Pages) get every
// directive but that one.
//
// What the built app needs, and nothing more:
// - script-src 'self' 'wasm-unsafe-eval': our modules, and hash-wasm's Argon2id
//   and scrypt (the vault's and encrypted imports' key derivation), compiled with
//   WebAssembly.compile. No inline script or eval: Vite emits none, and
//   workbox-window registers sw.js by URL.
// - style-src 'self' (from default-src): our CSS files. Preact sets `style` props
//   through the CSSOM (el.style.setProperty), which CSP does not restrict.
// - img-src 'self' blob:: icons, and the chosen QR image shown from a blob: URL
//   (ImagePanel). No data: URL is used anywhere, so none is allowed.
// - worker-src 'self': the QR decoder's and the import's module workers and the
//   service worker, all files of the build (no blob: workers). A worker's own
//   policy comes from its script's response header, so a static host that sets
//   none leaves the workers without one; ours sends it on every response.
// - connect-src 'self': the service worker's precache fetches; nothing leaves the
//   origin (a future sync server would have to be added here, by its origin).
// - manifest-src 'self'; object-src 'none'; base-uri 'none' (no <base> can move
//   our relative URLs); form-action 'self' (forms are handled in script, never
//   posted elsewhere); frame-ancestors 'none' (header only, see above).

/** @type {ReadonlyArray<readonly [string, string]>} */
const DIRECTIVES = [
  ['default-src', "'self'"],
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  ['img-src', "'self' blob:"],
  ['worker-src', "'self'"],
  ['connect-src', "'self'"],
  ['manifest-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'self'"],
  ['frame-ancestors', "'none'"],
];

/** Directives a <meta> policy ignores (CSP3 §6.4.2), so the meta tag leaves them out. */
const HEADER_ONLY = new Set(['frame-ancestors']);

/**
 * The policy as a header value, or, with `{ meta: true }`, as the content of a
 * `<meta http-equiv="Content-Security-Policy">` tag (without header-only directives).
 * @param {{ meta?: boolean }} [options]
 * @returns {string}
 */
export function contentSecurityPolicy({ meta = false } = {}) {
  return DIRECTIVES.filter(([name]) => !(meta && HEADER_ONLY.has(name)))
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}
