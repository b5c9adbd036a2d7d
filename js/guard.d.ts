// Shipped as kaiten-consent-guard.d.ts, so `kaiten-consent/kaiten-consent-guard.js` resolves with
// types under every TypeScript module resolution.
/**
 * The guard is a classic script for its own `<script>` tag, first in `<head>` (or inlined: see
 * `kaiten-consent-guard.inline.json`). It exports nothing: import it only for its URL (a bundler's
 * `?url`) or its text, not to run it, since as a module it runs too late to hold anything.
 */
export {};
