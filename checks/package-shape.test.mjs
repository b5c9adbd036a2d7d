// The packed package as the ecosystem's tools see it: publint (the package.json against the files
// packed) and Are the Types Wrong (every export resolving to JavaScript and to types, under
// TypeScript's node10, node16 from CJS and ESM, and bundler resolutions). Generic over whatever
// `exports` the packed package.json declares.
//
// Run: node --test checks/   (needs pkg/web from `cargo xtask build`)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { REPO_ROOT, pack, run, targets } from './packed.mjs';

let packed;
before(async () => { packed = await pack(); });
after(() => packed && fs.rmSync(packed.folder, { recursive: true, force: true }));

test('publint: no error and no warning in the packed tarball', async (t) => {
  const bytes = fs.readFileSync(packed.tarball);
  const { messages } = await publint({
    // No pkgDir: publint unpacks the tarball itself and lints the files in it.
    pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
    level: 'suggestion',
    strict: true,
  });
  const lines = messages.map((m) => `${m.type}: ${formatMessage(m, packed.manifest)}`);
  for (const line of lines) t.diagnostic(line);
  assert.deepEqual(lines.filter((line) => !line.startsWith('suggestion:')), []);
});

// Two findings are accepted, nothing else:
// - cjs-resolves-to-esm: the package is ESM only ("type": "module", as wasm-bindgen's web glue
//   is), so require() from CommonJS reaching it is inherent; CJS code uses import().
// - exports that are assets, not modules (the .wasm, for a bundler's `?url`): no module
//   resolution resolves them, so attw is not asked about them. JSON exports are still checked.
test('attw: every JS export resolves to JavaScript and types under every resolution', async (t) => {
  const assets = Object.entries(packed.manifest.exports ?? {})
    .filter(([, value]) => targets(value).every((f) => !/\.([cm]?js|json)$/.test(f)))
    .map(([subpath]) => subpath);
  t.diagnostic(`not checked (assets): ${assets.join(', ') || 'none'}`);
  const args = [
    path.join(REPO_ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js'), packed.tarball,
    '--no-definitely-typed', '--no-color', '--format', 'table-flipped',
    '--ignore-rules', 'cjs-resolves-to-esm',
  ];
  if (assets.length > 0) args.push('--exclude-entrypoints', ...assets);
  try {
    await run(process.execPath, args, { cwd: packed.folder });
  } catch (error) {
    assert.fail(`attw found problems:\n${error.stdout}${error.stderr}`);
  }
});
