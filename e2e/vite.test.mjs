// The bundler example (www/examples/vite/): built with Vite into a temporary folder, served on
// loopback, and driven like the demo. The package comes in through `import … from
// 'kaiten-consent'`; the wasm is Vite's hashed asset, nothing is loaded from pkg/ at run time.
//
// Run: node --test e2e/   (needs pkg/web from `cargo xtask build`, and `vite` from npm ci)

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { useE2E, hooks, REPO_ROOT, PROCESSOR_IDS } from './lib/browser.mjs';
import { ranVia, assertNothingFromThirdParty } from './lib/blocking.mjs';

const EXAMPLE = path.join(REPO_ROOT, 'www/examples/vite');
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'kaiten-consent-vite-'));
const PREFIX = '/vite-build/';
const e2e = useE2E({ mounts: [{ prefix: PREFIX, dir: OUT }] });

before(async () => {
  await build({
    configFile: path.join(EXAMPLE, 'vite.config.js'),
    build: { outDir: OUT, emptyOutDir: true },
    logLevel: 'warn',
  });
});

after(() => fs.rmSync(OUT, { recursive: true, force: true }));

async function openBuiltApp(session) {
  await session.page.goto(`${session.origin}${PREFIX}`, { waitUntil: 'domcontentloaded' });
  const banner = session.page.locator(hooks.banner);
  await banner.waitFor({ state: 'visible', timeout: 10_000 });
  return banner;
}

/** Everything the page fetched from the first party came out of the build, none of it from pkg/. */
function assertServedFromTheBuild(session) {
  const firstParty = session.requests.filter((r) => new URL(r.url).origin === session.origin);
  const paths = firstParty.map((r) => new URL(r.url).pathname);
  assert.deepEqual(paths.filter((p) => !p.startsWith(PREFIX)), [], 'requests outside the build');
  assert.ok(paths.includes(`${PREFIX}kaiten-consent-guard.js`), `the guard was loaded: ${paths.join(', ')}`);
  assert.ok(paths.some((p) => /\/assets\/kaiten_consent_bg-[\w-]+\.wasm$/.test(p)), `the hashed wasm asset was loaded: ${paths.join(', ')}`);
}

e2e.test('Vite build: the banner shows, Reject all loads nothing consent-based', async (session) => {
  const banner = await openBuiltApp(session);
  await banner.locator(hooks.action('reject-all')).click();
  await banner.waitFor({ state: 'hidden', timeout: 5000 });
  await session.observe();

  await assertNothingFromThirdParty(session);
  assert.equal(await session.page.evaluate(() => window.kaitenConsent.isGranted('analytics')), false);
  assertServedFromTheBuild(session);
});

e2e.test('Vite build: Accept all loads each stand-in processor once from the third-party origin', async (session) => {
  const banner = await openBuiltApp(session);
  await session.observe();
  await assertNothingFromThirdParty(session);

  await banner.locator(hooks.action('accept-all')).click();
  await banner.waitFor({ state: 'hidden', timeout: 5000 });
  await session.page.waitForFunction((ids) => ids.every((id) => window[`__ran_${id}`] === 1), PROCESSOR_IDS, { timeout: 10_000 });
  await session.observe();

  assert.deepEqual((await ranVia(session.page)).sort(), PROCESSOR_IDS);
  const served = session.thirdPartyServerRequests().map((r) => r.path);
  for (const id of PROCESSOR_IDS) assert.ok(served.includes(`/${id}.js`), `the third party served /${id}.js`);
  const panel = await session.statusPanel();
  for (const id of PROCESSOR_IDS) assert.equal(panel[id].state, 'loaded', `${id} status`);
  assertServedFromTheBuild(session);
});
