// Minifies wasm-bindgen's JS glue in place for release builds (run by `cargo xtask build`).
//
// The glue is one shim per import plus the API class with its doc comments; the comments and
// the whitespace were a third of its gzip size. The doc comments stay in kaiten_consent.d.ts,
// where editors read them. Uses the oxc minifier that rolldown (a Vite dependency, pinned in
// package-lock.json) ships: compress and mangle local names; exports, property names and the
// import object's keys are left alone, so the module's interface does not change. The leading
// `/* @ts-self-types="…" */` comment (how Deno finds the types) is kept.
//
//   node scripts/minify.mjs <file.js>…

import fs from 'node:fs';
import process from 'node:process';
import { minifySync } from 'rolldown/experimental';

const SELF_TYPES = /^\/\* @ts-self-types="[^"]*" \*\/\n/;

for (const file of process.argv.slice(2)) {
  const source = fs.readFileSync(file, 'utf8');
  const result = minifySync(file, source, { module: true, compress: true, mangle: true });
  if (result.errors.length > 0) {
    console.error(`scripts/minify.mjs: ${file}:`, result.errors);
    process.exit(1);
  }
  const header = source.match(SELF_TYPES)?.[0] ?? '';
  fs.writeFileSync(file, `${header}${result.code}`);
}
