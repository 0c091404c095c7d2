/**
 * Acme Authenticator's address, fixed when the extension is built: vite.config.ts
 * reads `PWA_URL`, checks it (shared/family/pwa-address.ts) and writes it here
 * as `import.meta.env.PWA_URL`. Default: http://localhost:5173/, where `npm start`
 * serves the PWA.
 */

/** Where Acme Authenticator is published: the portal's install link and install QR code. */
export const PWA_URL: string = import.meta.env.PWA_URL;

/** The authenticator's name, as its web app manifest gives it (vite.config.ts, `name`). */
export const ACME_AUTHENTICATOR = 'Acme Authenticator';
