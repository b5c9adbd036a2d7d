// Minifies the shipped JS in place for release builds (run by `cargo xtask build`): wasm-bindgen's
// glue and the package's main entry (ES modules) and, with --script, the guard (a classic script).
//
// The glue is one shim per import plus the API class with its doc comments; the comments and the
// whitespace were a third of its gzip size. The doc comments stay in kaiten_consent.d.ts, where
// editors read them. Uses the oxc minifier that rolldown (a Vite dependency, pinned in
// package-lock.json) ships: compress, and mangle local names; exports, globals, property names and
// the import object's keys are left alone, so what a page or bundler sees does not change. A
// leading `/* @ts-self-types="…" */` (how Deno finds the types) or `/*! … */` (the guard's
// embedding note) comment is kept.
//
//   node scripts/minify.mjs [--script] <file.js>…

import fs from 'node:fs';
import process from 'node:process';
import { minifySync } from 'rolldown/experimental';

const KEPT_HEADER = /^\/\*(?: @ts-self-types="[^"]*" |![\s\S]*?)\*\/\n/;

const args = process.argv.slice(2);
const module = args[0] !== '--script';
for (const file of module ? args : args.slice(1)) {
  const source = fs.readFileSync(file, 'utf8');
  const result = minifySync(file, source, { module, compress: true, mangle: true });
  if (result.errors.length > 0) {
    console.error(`scripts/minify.mjs: ${file}:`, result.errors);
    process.exit(1);
  }
  const header = source.match(KEPT_HEADER)?.[0] ?? '';
  fs.writeFileSync(file, `${header}${result.code}`);
}
