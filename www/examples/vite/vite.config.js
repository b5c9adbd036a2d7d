// Vite config for the bundler example. In an app that installed the package from npm
// (`npm install kaiten-consent`), the plugin is `import kaitenConsent from 'kaiten-consent/vite'`
// and the alias goes away.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import kaitenConsent from '../../../pkg/web/vite.js';

/** The package `cargo xtask build` writes; in an app, node_modules/kaiten-consent. */
const PACKAGE = fileURLToPath(new URL('../../../pkg/web', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative URLs: the build works wherever it is served from.
  base: './',
  resolve: {
    alias: [{ find: /^kaiten-consent(?=\/|$)/, replacement: PACKAGE }],
  },
  // Serves the guard in development and emits it next to index.html, never bundled: it must run
  // first, as a classic script (index.html has its tag).
  plugins: [kaitenConsent()],
});
