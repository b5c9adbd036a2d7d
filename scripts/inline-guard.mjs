// Writes the guard as text to inline in a page, with its CSP hash (run by `cargo xtask build`):
// `<guard>.inline.json` next to `<guard>.js`, `{ "text", "cspHash" }`. A server-rendered page puts
// `<script data-hosts="…">{text}</script>` first in <head> and `cspHash` ('sha256-…') in its
// `script-src`; the hash covers exactly `text`, so the page must insert it byte for byte.
//
// The text is the shipped guard without its leading `/*! … */` comment, whose embedding example
// contains `</script>`, which would end an inline script early. The build fails if what is left
// could not sit between `<script>` and `</script>` unchanged.
//
//   node scripts/inline-guard.mjs <dir>/kaiten-consent-guard.js

import crypto from 'node:crypto';
import fs from 'node:fs';
import process from 'node:process';

const HEADER = /^\/\*![\s\S]*?\*\/\n?/;
/** What the HTML parser would read as the end of the script, or as a comment it must balance. */
const NOT_INLINABLE = /<\/script|<!--|<script/i;

const [file] = process.argv.slice(2);
if (!file || !file.endsWith('.js')) {
  console.error('usage: node scripts/inline-guard.mjs <dir>/kaiten-consent-guard.js');
  process.exit(2);
}
const text = fs.readFileSync(file, 'utf8').replace(HEADER, '').trim();
const bad = NOT_INLINABLE.exec(text);
if (bad) {
  console.error(`scripts/inline-guard.mjs: ${file} contains "${bad[0]}" (at ${bad.index}), so it cannot be inlined in <script>`);
  process.exit(1);
}
const cspHash = `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const out = file.replace(/\.js$/, '.inline.json');
fs.writeFileSync(out, `${JSON.stringify({ text, cspHash }, null, 2)}\n`);
