// The Vite plugin (`kaiten-consent/vite`): serves the guard in development and emits it next to
// index.html in a build, under its own name. The guard must stay a classic, synchronous script,
// first in <head>, so it runs before any module: it is never bundled. With `hosts`, the plugin
// also writes that <script> tag first in <head>.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const GUARD = 'kaiten-consent-guard.js';
const guardFile = fileURLToPath(new URL(`./${GUARD}`, import.meta.url));

/** The plugin; `hosts` are the guard's `data-hosts` (the processors' script hosts). */
export default function kaitenConsent({ hosts } = {}) {
  let base = '/';
  return {
    name: 'kaiten-consent-guard',
    configResolved(config) {
      base = config.base;
    },
    configureServer(server) {
      server.middlewares.use(`/${GUARD}`, (_request, response) => {
        response.setHeader('Content-Type', 'text/javascript');
        response.end(fs.readFileSync(guardFile));
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: GUARD, source: fs.readFileSync(guardFile) });
    },
    transformIndexHtml() {
      if (!hosts) return [];
      return [{
        tag: 'script',
        attrs: { src: `${base}${GUARD}`, 'data-hosts': hosts.join(' ') },
        injectTo: 'head-prepend',
      }];
    },
  };
}
