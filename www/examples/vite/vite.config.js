// Vite config for the bundler example. In an app that installed the package from npm
// (`npm install kaiten-consent`) the alias goes away; the guard plugin stays.
import { defineConfig } from 'vite';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package `cargo xtask build` writes; in an app, node_modules/kaiten-consent. */
const PACKAGE = fileURLToPath(new URL('../../../pkg/web/', import.meta.url));
const GUARD = 'kaiten-consent-guard.js';

/**
 * Serves and emits the guard under its own name next to index.html. It must stay a classic,
 * synchronous script first in <head>, so it is not bundled: it runs before any module.
 */
function kaitenConsentGuard() {
  const read = () => fs.readFileSync(path.join(PACKAGE, GUARD));
  return {
    name: 'kaiten-consent-guard',
    configureServer(server) {
      server.middlewares.use(`/${GUARD}`, (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript');
        res.end(read());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: GUARD, source: read() });
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative URLs: the build works wherever it is served from.
  base: './',
  resolve: {
    alias: [{ find: /^kaiten-consent(?=\/|$)/, replacement: PACKAGE.replace(/\/$/, '') }],
  },
  plugins: [kaitenConsentGuard()],
});
