// The Vite plugin of kaiten-consent (vite.js).
import type { Plugin } from 'vite';

export interface KaitenConsentViteOptions {
  /**
   * The guard's `data-hosts`: the hosts of the processors' scripts. Given, the plugin writes the
   * guard's `<script>` first in `<head>`; left out, the page writes it itself.
   */
  readonly hosts?: readonly string[];
}

/** Serves the guard in development and emits it beside index.html in a build. */
export default function kaitenConsent(options?: KaitenConsentViteOptions): Plugin;
