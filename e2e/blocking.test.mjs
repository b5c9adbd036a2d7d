// Blocking that nothing slips past: every runtime insertion vector is held by the guard, before
// the wasm has started (its response delayed) and after; held and inert elements run once, in
// document order, after consent; per-processor granularity; queued API calls.
//
// Run: node --test e2e/   (needs pkg/web from `cargo xtask build`)

import assert from 'node:assert/strict';
import { useE2E, waitUntil } from './lib/browser.mjs';
import {
  openPage, widgetStarted, ranVia, thirdPartyRequests, assertNothingFromThirdParty,
  heldInDocumentOrder, waitForRuns, assertRanOnceInOrder,
} from './lib/blocking.mjs';

const e2e = useE2E();
/** Long enough that the vectors surely run before the widget starts (asserted, not assumed). */
const WASM_DELAY_MS = 1500;

for (const when of ['before', 'after']) {
  e2e.test(`every runtime insertion vector, used ${when} the wasm started, is neither fetched nor run before consent, then runs once in document order`, async (session) => {
    const { page } = session;
    e2e.servers.setWasmDelay(when === 'before' ? WASM_DELAY_MS : 0);
    try {
      await openPage(session, 'vectors.html');
      if (when === 'after') await widgetStarted(session);
      const { started, names } = await page.evaluate(() => {
        const started = window.__widgetStarted === true;
        for (const name of window.vectorNames) window.vectors[name]('intercom');
        return { started, names: window.vectorNames };
      });
      assert.equal(started, when === 'after', `the vectors ran ${when} the widget started`);
      assert.ok(names.length >= 8, 'every vector is exercised');
      await widgetStarted(session);
      await session.observe();
      await assertNothingFromThirdParty(session);
      const held = await heldInDocumentOrder(page);
      assert.deepEqual([...held].sort(), [...names].sort(), 'each vector left one held script');

      await page.evaluate(() => window.kaitenConsent.acceptAll());
      const expected = held.map((via) => `intercom:${via}`);
      await waitForRuns(page, expected);
      await session.observe();
      await assertRanOnceInOrder(page, expected);
      for (const via of names) {
        const fetched = session.thirdPartyBrowserRequests().filter((r) => r.url.endsWith(`.js?via=${via}`));
        assert.equal(fetched.length, 1, `${via} fetched once`);
      }
      assert.equal(await page.locator('script[data-kc-held]').count(), 0, 'nothing is left held');
    } finally {
      e2e.servers.setWasmDelay(0);
    }
  });
}

e2e.test('after consent, runtime insertions of a granted processor run at once and those of a refused one stay held', async (session) => {
  const { page } = session;
  await openPage(session, 'vectors.html');
  await widgetStarted(session);
  await page.evaluate(() => window.kaitenConsent.set({ intercom: true }));
  await page.evaluate(() => {
    window.vectors.append('intercom');
    window.vectors.setAttribute('wootric');
    window.vectors.contextualFragment('analytics');
  });
  await waitForRuns(page, ['intercom:append']);
  await session.observe();
  assert.deepEqual((await ranVia(page)).sort(), ['intercom', 'intercom:append'], 'only intercom ran (the widget\'s and the page\'s)');
  assert.deepEqual(thirdPartyRequests(session, 'wootric'), []);
  assert.deepEqual(thirdPartyRequests(session, 'analytics'), []);
  assert.deepEqual((await heldInDocumentOrder(page)).sort(), ['contextualFragment', 'setAttribute']);
});

e2e.test('inert tags, iframes and images are revived after consent, once, in document order, attributes kept; a placeholder stands in for a blocked iframe', async (session) => {
  const { page } = session;
  await openPage(session, 'static.html');
  await widgetStarted(session);
  await session.observe();
  await assertNothingFromThirdParty(session);
  const placeholder = page.locator('[data-kc-placeholder="intercom"]');
  assert.match(await placeholder.textContent(), /^Intercom: this content is blocked/);

  await page.evaluate(() => window.kaitenConsent.acceptAll());
  const external = ['intercom:inert-1', 'wootric:inert-2', 'intercom:inert-4'];
  await waitForRuns(page, [...external, 'inline:inert-3']);
  await session.observe();
  await assertRanOnceInOrder(page, external);
  await assertRanOnceInOrder(page, ['inline:inert-3']);
  assert.equal(await page.locator('script[data-extra="kept"][src*="inert-1"]').count(), 1, 'attributes are kept');
  assert.equal(await page.locator('script[type="text/plain"]').count(), 0, 'no inert script is left');
  assert.equal(await placeholder.count(), 0, 'the placeholder is gone');
  assert.equal(thirdPartyRequests(session, 'via=iframe').length, 1, 'the iframe loaded once');
  assert.equal(thirdPartyRequests(session, 'via=img').length, 1, 'the image loaded once');

  // A later decision revives nothing twice.
  await page.evaluate(() => window.kaitenConsent.set({ analytics: true, intercom: true, wootric: true }));
  await session.observe();
  await assertRanOnceInOrder(page, external);
});

e2e.test('per-processor granularity: granting Intercom revives only Intercom\'s tags', async (session) => {
  const { page } = session;
  await openPage(session, 'static.html');
  await widgetStarted(session);
  await page.evaluate(() => window.kaitenConsent.set({ intercom: true }));
  await waitForRuns(page, ['intercom:inert-1', 'intercom:inert-4', 'inline:inert-3']);
  await session.observe();
  assert.deepEqual(thirdPartyRequests(session, 'wootric'), [], 'nothing from Wootric');
  assert.deepEqual(thirdPartyRequests(session, 'analytics'), [], 'nothing from Google Analytics');
  assert.equal(await page.locator('img[data-processor="wootric"][data-src]').count(), 1, 'the Wootric image is still inert');
  assert.equal(await page.locator('[data-kc-placeholder]').count(), 0, 'the Intercom iframe has loaded');

  // Inert tags added later: a granted processor's is revived at once, a refused one's stays inert.
  await page.evaluate((tp) => {
    for (const [id, via] of [['intercom', 'late'], ['wootric', 'late']]) {
      const s = document.createElement('script');
      s.type = 'text/plain';
      s.dataset.processor = id;
      s.dataset.src = `${tp}/${id}.js?via=${via}`;
      document.body.append(s);
    }
  }, session.thirdPartyOrigin);
  await waitForRuns(page, ['intercom:late']);
  await session.observe();
  assert.deepEqual(thirdPartyRequests(session, 'wootric'), [], 'still nothing from Wootric');
});

e2e.test('a plain processor tag in the HTML, after a page script removed an earlier script, does not run before consent and runs once after (the preload scanner may fetch it: use inert tags)', async (session) => {
  const { page } = session;
  await openPage(session, 'parser.html');
  await widgetStarted(session);
  await session.observe();
  assert.equal(await page.evaluate(() => window.__earlierRan && !document.getElementById('earlier')), true, 'the earlier script ran and was removed');
  assert.deepEqual(await ranVia(page), [], 'it did not run');
  assert.deepEqual(await heldInDocumentOrder(page), ['parser']);
  await page.evaluate(() => window.kaitenConsent.acceptAll());
  await waitForRuns(page, ['intercom:parser']);
  await session.observe();
  await assertRanOnceInOrder(page, ['intercom:parser']);
});

e2e.test('API calls made before the wasm started are queued and replayed; whenGranted resolves once granted', async (session) => {
  const { page } = session;
  e2e.servers.setWasmDelay(WASM_DELAY_MS);
  try {
    await openPage(session, 'vectors.html');
    const startedEarly = await page.evaluate(() => {
      window.__granted = [];
      window.kaitenConsent.whenGranted('wootric').then(() => window.__granted.push('wootric'));
      window.kaitenConsent.set({ wootric: true });
      return window.__widgetStarted === true;
    });
    assert.equal(startedEarly, false, 'the calls were made before the widget started');
    await widgetStarted(session);
    await waitUntil(() => page.evaluate(() => window.__granted.length === 1), { message: 'whenGranted to resolve' });
    await waitForRuns(page, ['wootric']);
    await session.observe();
    assert.deepEqual(await ranVia(page), ['wootric']);
    // After start: pending until granted, then resolved.
    const pending = await page.evaluate(() => {
      let done = false;
      window.__intercomGranted = window.kaitenConsent.whenGranted('intercom').then(() => { done = true; });
      return new Promise((resolve) => setTimeout(() => resolve(done), 200));
    });
    assert.equal(pending, false, 'whenGranted waits while not granted');
    await page.evaluate(() => window.kaitenConsent.acceptAll());
    await page.evaluate(() => window.__intercomGranted);
  } finally {
    e2e.servers.setWasmDelay(0);
  }
});

e2e.test('under a nonce CSP the guard and the widget work, inserted and revived scripts carry the nonce, and a tag without one stays refused', async (session) => {
  const { page } = session;
  e2e.servers.setHtmlHeaders({ 'Content-Security-Policy': "script-src 'nonce-e2e-nonce' 'wasm-unsafe-eval'; object-src 'none'" });
  try {
    await openPage(session, 'nonce.html');
    await widgetStarted(session);
    await session.observe();
    await assertNothingFromThirdParty(session);
    await page.evaluate(() => window.kaitenConsent.acceptAll());
    await waitForRuns(page, ['analytics', 'intercom', 'wootric', 'intercom:nonce']);
    await session.observe();
    assert.ok(!(await ranVia(page)).includes('intercom:no-nonce'), 'a tag without the nonce is not given one');
    assert.equal(await page.evaluate(() => document.querySelector('script[src*="via=nonce"]').nonce), 'e2e-nonce');
  } finally {
    e2e.servers.setHtmlHeaders({});
  }
});
