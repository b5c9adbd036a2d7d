// The blocking tests of blocking.test.mjs, unchanged, with the guard inlined in every page under
// a hash policy (`script-src 'sha256-…' 'self' 'wasm-unsafe-eval' <third party>`), as a
// server-rendered page embeds it: each also checks that the guard file was never fetched and that
// the inline guard's policy reported no violation.
//
// Run: node --test e2e/   (needs pkg/web from `cargo xtask build`)

import { embedGuardInline } from './lib/browser.mjs';

embedGuardInline();
await import('./blocking.test.mjs');
