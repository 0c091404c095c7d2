// `npm start`: serves the built PWA on localhost and tells a person how to load
// the built extension. (`npm run build` has already run.)
import { resolve } from 'node:path';
import { startStaticServer } from './static-server.js';

const port = Number(process.env.PORT ?? 5173);
const server = await startStaticServer({ root: resolve('dist/pwa'), mount: '/', port, host: process.env.HOST ?? '127.0.0.1' });

console.log(`
The authenticator PWA is served at:  ${server.url}

The portal extension is built in:     ${resolve('dist/extension')}   (Chrome, Edge)
                                      ${resolve('dist/firefox')}     (Firefox)
To load it in Chrome:
  1. Open chrome://extensions and switch on "Developer mode" (top right).
  2. Click "Load unpacked" and choose the folder above.
  3. Click the extension's toolbar button (pin it from the puzzle-piece menu) to open the portal.
In Firefox: open about:debugging#/runtime/this-firefox, "Load Temporary Add-on...",
and pick dist/firefox/manifest.json.

Press Ctrl+C to stop.`);

process.on('SIGINT', async () => {
  await server.close();
  process.exit(0);
});
