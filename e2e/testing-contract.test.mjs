// The testing contract docs/testing.md promises app developers ("Testing your app"): each seed
// block is read from that page and run as written against the demo, so the documentation cannot drift
// from what works. A seed means the banner is never painted (checked on every animation frame)
// and the processors load, or stay blocked, as it says.
//
// Run: node --test e2e/   (needs pkg/web from `cargo xtask build`)

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useE2E, hooks, REPO_ROOT, PROCESSOR_IDS } from './lib/browser.mjs';
import { assertNothingFromThirdParty, ranVia } from './lib/blocking.mjs';

const e2e = useE2E();
const AsyncFunction = (async () => {}).constructor;

/** docs/testing.md's tested blocks: `<!-- e2e/testing-contract.test.mjs runs this block: NAME -->` + a js fence. */
function documentedBlocks() {
  const page = fs.readFileSync(path.join(REPO_ROOT, 'docs/testing.md'), 'utf8');
  const pattern = /<!-- e2e\/testing-contract\.test\.mjs runs this block: ([^>]+?) -->\n```js\n([\s\S]*?)```/g;
  return Object.fromEntries([...page.matchAll(pattern)].map(([, name, code]) => [name, code]));
}
const BLOCKS = documentedBlocks();

/** Runs a documented block with the names a Playwright test has in scope. */
function runBlock(name, session) {
  const code = BLOCKS[name];
  assert.ok(code, `docs/testing.md has no block "${name}" (found: ${Object.keys(BLOCKS).join(', ')})`);
  return new AsyncFunction('context', 'page', 'baseURL', code)(session.context, session.page, session.origin);
}

async function visitAndSettle(session) {
  await session.visit();
  await session.page.waitForFunction(() => typeof window.kaitenConsent?.isGranted === 'function', null, { timeout: 10_000 });
}

async function assertBannerNeverPainted(session) {
  assert.equal((await session.probe()).bannerFirstVisibleAt, null, 'the banner was painted in a frame');
  assert.equal(await session.page.locator(hooks.banner).isVisible(), false);
}

async function assertAllLoadedOnce(session) {
  await session.page.waitForFunction((ids) => ids.every((id) => window[`__ran_${id}`] >= 1), PROCESSOR_IDS, { timeout: 10_000 });
  await session.observe();
  assert.deepEqual((await ranVia(session.page)).sort(), PROCESSOR_IDS);
  const granted = await session.page.evaluate((ids) => ids.map((id) => window.kaitenConsent.isGranted(id)), PROCESSOR_IDS);
  assert.deepEqual(granted, PROCESSOR_IDS.map(() => true));
}

e2e.test('docs/testing.md has the three tested blocks', () => {
  assert.deepEqual(Object.keys(BLOCKS).sort(), ['cookie accept', 'cookie reject', 'queued acceptAll']);
});

e2e.test('seeded cookie, accept: no banner, every processor loads once', async (session) => {
  await runBlock('cookie accept', session);
  await visitAndSettle(session);
  await assertAllLoadedOnce(session);
  await assertBannerNeverPainted(session);
});

e2e.test('seeded cookie, reject: no banner, nothing consent-based loads', async (session) => {
  await runBlock('cookie reject', session);
  await visitAndSettle(session);
  await session.observe();
  await assertNothingFromThirdParty(session);
  await assertBannerNeverPainted(session);
  assert.equal(await session.page.evaluate(() => window.kaitenConsent.isGranted('analytics')), false);
});

e2e.test('queued acceptAll through the guard: no banner, every processor loads, and the decision is stored for the next page', async (session) => {
  await runBlock('queued acceptAll', session);
  await visitAndSettle(session);
  await assertAllLoadedOnce(session);
  await assertBannerNeverPainted(session);

  const cookie = (await session.context.cookies()).find((c) => c.name === 'kaiten_consent');
  assert.match(cookie?.value ?? '', /~accept_all~analytics:1\.intercom:1\.wootric:1$/);
});

e2e.test('without a seed the banner shows in an automated browser', async (session) => {
  assert.equal(await session.page.evaluate(() => navigator.webdriver), true, 'this is an automated browser');
  await session.visit();
  await session.page.locator(hooks.banner).waitFor({ state: 'visible', timeout: 10_000 });
});
