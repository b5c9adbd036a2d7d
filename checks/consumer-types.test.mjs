// The shipped .d.ts files as an app sees them: a consumer project that has the packed tarball
// under node_modules/kaiten-consent imports the package by name, and `tsc --noEmit --strict`
// (its tsconfig.json, written here; without skipLibCheck, so the package's own .d.ts are checked
// too) accepts it under each module resolution an app may use. The consumer imports every JS export of the packed
// package.json, and runs e2e/types/usage.ts (every member of the API, with its
// `@ts-expect-error` lines) through `import … from 'kaiten-consent'`.
//
// The consumer sits in target/ so that optional peers an export's types import (react, vue,
// vite) resolve from the repository's devDependencies, as from an app's own.
//
// Run: node --test checks/   (needs pkg/web from `cargo xtask build`)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, moduleExports, pack, run } from './packed.mjs';

const TSC = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
const USAGE = path.join(REPO_ROOT, 'e2e/types/usage.ts');
const USAGE_IMPORT = "from '../../pkg/web/index.js';";

let packed;
let consumer;
before(async () => {
  packed = await pack(path.join(REPO_ROOT, 'target'));
  consumer = path.join(packed.folder, 'consumer');
  fs.mkdirSync(path.join(consumer, 'node_modules'), { recursive: true });
  fs.renameSync(packed.unpacked, path.join(consumer, 'node_modules', packed.manifest.name));
  fs.writeFileSync(path.join(consumer, 'package.json'), '{ "private": true, "type": "module" }\n');
  // `types: []`: no @types package from the folders above, so only what the files import counts.
  // `lib`: ES2022 as the README's browsers have it, and esnext.disposable, which the README asks
  // of a TypeScript app for the `[Symbol.dispose]()` wasm-bindgen declares.
  fs.writeFileSync(path.join(consumer, 'tsconfig.json'), `${JSON.stringify({
    compilerOptions: {
      noEmit: true, strict: true, target: 'es2022', lib: ['es2022', 'dom', 'esnext.disposable'], types: [],
    },
    files: ['exports.ts', 'usage.ts'],
  }, null, 2)}\n`);

  const subpaths = moduleExports(packed.manifest);
  assert.ok(subpaths.includes('.'), `the package has no "." export: ${JSON.stringify(packed.manifest.exports)}`);
  const specifier = (subpath) => packed.manifest.name + subpath.slice(1);
  fs.writeFileSync(path.join(consumer, 'exports.ts'), [
    '// Every JS export of the packed package.json, imported by name.',
    ...subpaths.map((subpath, i) => `import * as export${i} from '${specifier(subpath)}';`),
    `export const all = [${subpaths.map((_, i) => `export${i}`).join(', ')}];`,
    '',
  ].join('\n'));

  const usage = fs.readFileSync(USAGE, 'utf8');
  assert.equal(usage.split(USAGE_IMPORT).length, 2, `${USAGE} no longer imports ${USAGE_IMPORT}`);
  fs.writeFileSync(path.join(consumer, 'usage.ts'), usage.replace(USAGE_IMPORT, `from '${packed.manifest.name}';`));
});
after(() => packed && fs.rmSync(packed.folder, { recursive: true, force: true }));

for (const [module, moduleResolution] of [['esnext', 'bundler'], ['node16', 'node16'], ['nodenext', 'nodenext']]) {
  test(`tsc --strict --module ${module} --moduleResolution ${moduleResolution}: a consumer importing kaiten-consent by name`, async () => {
    const args = [TSC, '-p', '.', '--module', module, '--moduleResolution', moduleResolution];
    try {
      await run(process.execPath, args, { cwd: consumer });
    } catch (error) {
      assert.fail(`tsc refused the consumer:\n${error.stdout}${error.stderr}`);
    }
  });
}
