// The npm package `cargo xtask build` leaves in pkg/web: `npm pack` would publish the wasm, the
// glue, its types, the guard, its types and its inline form, the package's own JS entries, the
// README, the guide pages it links (docs/) and both licences, and every `exports` target is in it.
// The guide ships without the bench tables, and every relative link of a shipped page leads to a
// shipped file.
// (That the package runs is shown by the examples: examples.test.mjs loads it from
// `<script type="module">`, vite.test.mjs through a bundler.)
//
// Run: node --test e2e/   (needs pkg/web from `cargo xtask build`)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pack, targets } from '../checks/packed.mjs';

/** The package as npm packs it (checks/packed.mjs), and its files, relative and sorted. */
let packed;
let files;
before(async () => {
  packed = await pack();
  files = fs.readdirSync(packed.unpacked, { recursive: true })
    .filter((f) => fs.statSync(path.join(packed.unpacked, f)).isFile())
    .map((f) => f.split(path.sep).join('/'))
    .sort();
});
after(() => packed && fs.rmSync(packed.folder, { recursive: true, force: true }));

test('npm pack lists the wasm, the glue, its types, the guard, its types and its inline form, the README and the licences', async () => {
  for (const file of [
    'kaiten_consent_bg.wasm', 'kaiten_consent.js', 'kaiten_consent.d.ts', 'kaiten-consent-guard.js', 'kaiten-consent-guard.d.ts',
    'kaiten-consent-guard.inline.json', 'README.md', 'LICENSE-MIT', 'LICENSE-APACHE', 'package.json',
  ]) {
    assert.ok(files.includes(file), `${file} is not in the package: ${files.join(', ')}`);
  }
});

test('package.json: metadata filled in, every exports target packed, the guard marked as a side effect', async () => {
  const { manifest } = packed;
  for (const key of ['name', 'version', 'description', 'license', 'repository', 'homepage', 'keywords']) {
    assert.ok(manifest[key], `package.json has no ${key}`);
  }
  assert.equal(manifest.license, 'MIT OR Apache-2.0');
  assert.equal(manifest.type, 'module');
  assert.deepEqual(manifest.exports['.'], { types: './index.d.ts', default: './index.js' });
  for (const framework of ['react', 'vue', 'vite']) {
    assert.deepEqual(manifest.exports[`./${framework}`], { types: `./${framework}.d.ts`, default: `./${framework}.js` });
    assert.equal(manifest.peerDependenciesMeta[framework].optional, true, `${framework} is an optional peer`);
  }
  assert.equal(manifest.exports['./kaiten-consent-guard.js'], './kaiten-consent-guard.js');
  assert.equal(manifest.exports['./kaiten-consent-guard.inline.json'], './kaiten-consent-guard.inline.json');
  for (const target of targets(manifest.exports)) {
    assert.ok(files.includes(target.replace(/^\.\//, '')), `exports target ${target} is not packed`);
  }
  assert.ok(manifest.sideEffects.includes('./kaiten-consent-guard.js'), 'a bundler could drop the guard');
  assert.ok(manifest.sideEffects.includes('./index.js'), 'a bundler could skip what the entry adds to the class');
});

/** The relative link targets (no anchor) of `[text](target)` in `markdown`, outside code. */
function relativeLinks(markdown) {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)]
    .map(([, target]) => target.split('#')[0])
    .filter((target) => target && !target.includes(':'));
}

test('the guide ships with the README: docs pages, no bench tables, no broken relative link', async () => {
  const pages = files.filter((f) => f.endsWith('.md'));
  for (const page of ['README.md', 'docs/configuration.md', 'docs/api.md', 'docs/blocking.md', 'docs/csp.md',
    'docs/frameworks.md', 'docs/testing.md']) {
    assert.ok(files.includes(page), `${page} is not in the package: ${files.join(', ')}`);
  }
  assert.ok(!files.includes('docs/building.md'), 'docs/building.md (build internals, bench tables) is packed');
  for (const file of files.filter((f) => /\.(md|json|js|ts)$/.test(f))) {
    const text = fs.readFileSync(path.join(packed.unpacked, file), 'utf8');
    for (const marker of ['bench:begin', 'host-speed:begin', 'browser-support:begin']) {
      assert.ok(!text.includes(marker), `${file} ships the generated "${marker}" tables`);
    }
  }
  for (const page of pages) {
    const text = fs.readFileSync(path.join(packed.unpacked, page), 'utf8');
    for (const target of relativeLinks(text)) {
      const file = path.posix.normalize(path.posix.join(path.posix.dirname(page), target));
      assert.ok(files.includes(file), `${page} links ${target}, which is not in the package`);
    }
  }
});
