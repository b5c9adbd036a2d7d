// The package as npm would publish it: `npm pack` of pkg/web (from `cargo xtask build`) into a
// temporary folder, unpacked beside the tarball. The checks judge this, not pkg/web, so a file
// missing from `files` fails them as it would fail an installer.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PACKAGE_DIR = path.join(REPO_ROOT, 'pkg/web');
export const run = promisify(execFile);

/** Packs pkg/web into a new folder under `parent`: { folder, tarball, unpacked, manifest }. */
export async function pack(parent = os.tmpdir()) {
  assert.ok(fs.existsSync(path.join(PACKAGE_DIR, 'package.json')), 'pkg/web is missing: run cargo xtask build');
  fs.mkdirSync(parent, { recursive: true });
  const folder = fs.mkdtempSync(path.join(parent, 'kaiten-consent-pack-'));
  const { stdout } = await run(
    'npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', folder],
    { cwd: PACKAGE_DIR, env: { ...process.env, npm_config_update_notifier: 'false' } },
  );
  const tarball = path.join(folder, JSON.parse(stdout)[0].filename);
  const unpacked = path.join(folder, 'package');
  await run('tar', ['-xzf', tarball, '-C', folder]);
  const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
  return { folder, tarball, unpacked, manifest };
}

/** Every file an `exports` value can resolve to, whatever its conditions: ["./a.js", …]. */
export function targets(value) {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(targets);
  if (value && typeof value === 'object') return Object.values(value).flatMap(targets);
  return [];
}

/** The `exports` subpaths whose targets are JavaScript modules: [".", "./react", …]. */
export function moduleExports(manifest) {
  return Object.entries(manifest.exports ?? {})
    .filter(([, value]) => targets(value).some((t) => /\.[cm]?js$/.test(t)))
    .map(([subpath]) => subpath);
}
