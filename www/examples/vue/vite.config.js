// Vite config for the Vue example. In an app that installed the package from npm, the plugin is
// `import kaitenConsent from 'kaiten-consent/vite'` and the alias goes away.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import kaitenConsent from '../../../pkg/web/vite.js';

const PACKAGE = fileURLToPath(new URL('../../../pkg/web', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: {
    alias: [{ find: /^kaiten-consent(?=\/|$)/, replacement: PACKAGE }],
  },
  // The plugin writes the guard's tag first in <head>.
  plugins: [vue(), kaitenConsent({ hosts: ['127.0.0.2'] })],
});
