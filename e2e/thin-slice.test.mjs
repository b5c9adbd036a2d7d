// The thin slice, end to end in Chromium: the banner asks first, nothing from a third party loads
// before a decision, accept-all and reject-all do what they say, and the decision is remembered
// in a first-party cookie.
//
// Run: node --test e2e/   (needs pkg/web from `cargo xtask build`)

import assert from 'node:assert/strict';
import { useE2E, hooks, waitUntil, PROCESSOR_IDS } from './lib/browser.mjs';

const e2e = useE2E();

const DAY_SECONDS = 86_400;
const LIFETIME_DAYS = 182;
const ALL_RAN_ONCE = Object.fromEntries(PROCESSOR_IDS.map((id) => [`__ran_${id}`, 1]));

/** Waits until the demo has started the widget (it sets window.kaitenConsent). */
async function widgetStarted(session) {
  await session.page.waitForFunction(() => window.kaitenConsent, null, { timeout: 10_000 });
}

async function bannerShown(session) {
  const banner = session.page.locator(hooks.banner);
  await banner.waitFor({ state: 'visible', timeout: 10_000 });
  return banner;
}

/** Clicks a banner button and waits for the banner to go away. */
async function decide(session, action) {
  const banner = await bannerShown(session);
  await banner.locator(hooks.action(action)).click();
  await banner.waitFor({ state: 'hidden', timeout: 5000 });
}

async function waitForAllRan(session) {
  await session.page.waitForFunction(
    (ids) => ids.every((id) => window[`__ran_${id}`] >= 1),
    PROCESSOR_IDS,
    { timeout: 10_000 },
  );
}

function numericMarkers(markers) {
  return Object.fromEntries(Object.entries(markers).filter(([key]) => key !== '__ran_log'));
}

async function assertNothingFromThirdParty(session) {
  assert.deepEqual(session.thirdPartyBrowserRequests(), [], 'the browser requested something from the third-party origin');
  assert.deepEqual(session.thirdPartyServerRequests(), [], 'the third-party server received requests');
  assert.deepEqual(await session.ranMarkers(), {}, 'a third-party stand-in ran');
}

async function assertStatuses(session, state) {
  const panel = await session.statusPanel();
  assert.deepEqual(Object.keys(panel).sort(), PROCESSOR_IDS);
  for (const [id, { state: shown, text }] of Object.entries(panel)) {
    assert.equal(shown, state, `status panel: ${id} is ${shown}`);
    assert.match(text, new RegExp(`: ${state}$`), `status panel text for ${id}`);
  }
}

/** Asserts that the banner was never painted in the current document (checked every frame). */
async function assertBannerNeverPainted(session) {
  const { bannerFirstVisibleAt } = await session.probe();
  assert.equal(bannerFirstVisibleAt, null, 'the banner was painted in at least one frame');
  assert.equal(await session.page.locator(hooks.banner).isVisible(), false, 'the banner is visible');
}

e2e.test('first visit shows the banner with accept, reject and settings, and loads no third party', async (session) => {
  await session.visit();
  const banner = await bannerShown(session);

  const inOpenShadowRoot = await session.page.evaluate(({ root, banner }) => {
    const host = document.querySelector(root);
    return Boolean(host?.shadowRoot?.querySelector(banner));
  }, { root: hooks.root, banner: hooks.banner });
  assert.ok(inOpenShadowRoot, 'the banner is inside the open shadow root of [data-kc="root"]');

  for (const action of ['accept-all', 'reject-all', 'settings']) {
    const button = banner.locator(hooks.action(action));
    assert.equal(await button.count(), 1, `one ${action} button`);
    assert.ok(await button.isVisible(), `${action} is visible`);
  }

  await session.observe();
  await assertNothingFromThirdParty(session);
  await assertStatuses(session, 'blocked');
  assert.ok(await banner.isVisible(), 'the banner stays until a decision');
});

e2e.test('a decision click paints its frame before any processor script is inserted or run', async (session) => {
  const { page } = session;
  await session.visit();
  await bannerShown(session);
  await page.evaluate(() => {
    const seen = () => ({
      inserted: document.querySelectorAll('script[data-processor][src]:not([type])').length,
      ran: (window.__ran_log || []).length,
    });
    // The click bubbles from the widget's shadow root to the document: this listener runs
    // after the widget's handler, and its frame callback in the frame that shows the decision.
    document.addEventListener('click', () => {
      window.__atClick = seen();
      requestAnimationFrame(() => { window.__inFrame = seen(); });
    }, { once: true });
  });
  await decide(session, 'accept-all');
  await waitForAllRan(session);
  const { atClick, inFrame, after } = await page.evaluate(() => ({
    atClick: window.__atClick,
    inFrame: window.__inFrame,
    after: document.querySelectorAll('script[data-processor][src]:not([type])').length,
  }));
  assert.deepEqual(atClick, { inserted: 0, ran: 0 }, 'nothing inserted in the click handler');
  assert.deepEqual(inFrame, { inserted: 0, ran: 0 }, 'nothing inserted before the decision\'s frame');
  assert.ok(after >= PROCESSOR_IDS.length, `the processor scripts are inserted afterwards (${after})`);
});

e2e.test('accept all hides the banner and runs each processor once, only after the click', async (session) => {
  await session.visit();
  await bannerShown(session);
  await assertNothingFromThirdParty(session);

  await decide(session, 'accept-all');
  await waitForAllRan(session);
  await session.observe();

  const markers = await session.ranMarkers();
  assert.deepEqual(numericMarkers(markers), ALL_RAN_ONCE);
  assert.deepEqual([...markers.__ran_log].sort(), PROCESSOR_IDS);
  await assertStatuses(session, 'loaded');
  assert.equal(await session.page.evaluate(() => window.kaitenConsent.isGranted('analytics')), true);

  const { lastClickAt } = await session.probe();
  assert.ok(lastClickAt, 'the click was recorded');
  const browserSide = session.thirdPartyBrowserRequests();
  const serverSide = session.thirdPartyServerRequests();
  for (const id of PROCESSOR_IDS) {
    assert.ok(serverSide.some((r) => r.method === 'GET' && r.path === `/${id}.js`), `server served /${id}.js`);
    assert.ok(serverSide.some((r) => r.path === `/beacon/${id}`), `server received the ${id} beacon`);
  }
  for (const r of browserSide) assert.ok(r.at >= lastClickAt, `browser requested ${r.url} before the click`);
  for (const r of serverSide) assert.ok(r.at >= lastClickAt, `server received ${r.path} before the click`);
});

e2e.test('reject all hides the banner and nothing from a third party ever loads', async (session) => {
  await session.visit();
  await decide(session, 'reject-all');
  await session.observe();

  await assertNothingFromThirdParty(session);
  await assertStatuses(session, 'blocked');
  assert.equal(await session.page.evaluate(() => window.kaitenConsent.isGranted('analytics')), false);

  // The demo sends proof of the refusal to its own server (first party), which logs it.
  const id = await session.page.evaluate(() => window.kaitenConsent.state().consentId);
  await waitUntil(() => e2e.servers.consentLog.some((entry) => entry.id === id), { message: 'the consent record at /consent-log' });
  const entry = e2e.servers.consentLog.find((e) => e.id === id);
  assert.equal(entry.status, 204);
  assert.equal(entry.body.action, 'reject_all');
  assert.equal(entry.body.source, 'banner');
  assert.deepEqual(entry.body.choices, { analytics: false, intercom: false, wootric: false });
});

e2e.test('after accept all, a reload shows no banner and runs all three processors', async (session) => {
  await session.visit();
  await decide(session, 'accept-all');
  await waitForAllRan(session);
  await session.networkIdle();

  const reloadAt = Date.now();
  await session.page.reload({ waitUntil: 'load' });
  await widgetStarted(session);
  await waitForAllRan(session);
  await session.observe();

  await assertBannerNeverPainted(session);
  assert.deepEqual(numericMarkers(await session.ranMarkers()), ALL_RAN_ONCE);
  await assertStatuses(session, 'loaded');
  const afterReload = session.thirdPartyServerRequests().filter((r) => r.at >= reloadAt);
  for (const id of PROCESSOR_IDS) {
    assert.ok(afterReload.some((r) => r.path === `/${id}.js`), `server served /${id}.js after the reload`);
  }
});

e2e.test('after reject all, a reload shows no banner and loads nothing from a third party', async (session) => {
  await session.visit();
  await decide(session, 'reject-all');
  await session.networkIdle();

  await session.page.reload({ waitUntil: 'load' });
  await widgetStarted(session);
  await session.observe();

  await assertBannerNeverPainted(session);
  assert.ok(await session.page.locator(hooks.root).count(), 'the widget is mounted');
  assert.equal(await session.page.evaluate(() => window.kaitenConsent.isGranted('analytics')), false);
  await assertNothingFromThirdParty(session);
  await assertStatuses(session, 'blocked');
});

for (const action of ['accept-all', 'reject-all']) {
  e2e.test(`${action} is stored in the first-party cookie kaiten_consent (SameSite=Lax, path /, 182 days)`, async (session) => {
    await session.visit();
    const decidedAt = Date.now();
    await decide(session, action);

    const cookie = await waitUntil(
      async () => (await session.context.cookies(session.origin)).find((c) => c.name === 'kaiten_consent'),
      { message: 'the kaiten_consent cookie' },
    );
    const everywhere = (await session.context.cookies()).filter((c) => c.name === 'kaiten_consent');
    assert.equal(everywhere.length, 1, 'exactly one kaiten_consent cookie in the browser');

    assert.equal(cookie.domain, new URL(session.origin).hostname, 'set for the first-party host');
    assert.equal(cookie.path, '/');
    assert.equal(cookie.sameSite, 'Lax');
    assert.notEqual(cookie.value, '');
    const expectedExpiry = decidedAt / 1000 + LIFETIME_DAYS * DAY_SECONDS;
    assert.ok(cookie.expires > 0, 'a persistent cookie, not a session cookie');
    const offDays = Math.abs(cookie.expires - expectedExpiry) / DAY_SECONDS;
    assert.ok(offDays <= 1, `expires ${new Date(cookie.expires * 1000).toISOString()}, ${offDays.toFixed(2)} days off ${LIFETIME_DAYS} days`);
  });
}
