/** Build-time values vite.config.ts writes into the extension's code (`define`). */
interface ImportMetaEnv {
  /** Acme Authenticator's address, from `PWA_URL` at build time (checked by `parsePwaUrl`). */
  readonly PWA_URL: string;
}
