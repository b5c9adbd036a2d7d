// The widget as the loader across decisions: each processor loads once, one failing processor
// does not stop the others, withdrawal switches a processor off and removes what it stored, open
// tabs stay in step, and a click made the moment the banner appears registers.
//
// Run: node --test e2e/   (needs pkg/web from `cargo xtask build`)

import assert from 'node:assert/strict';
import { useE2E, hooks, waitUntil } from './lib/browser.mjs';
import {
  openPage, widgetStarted, ranVia, thirdPartyRequests, waitForRuns,
  cookieNames, heldInDocumentOrder, OTHER_TAB_MS,
} from './lib/blocking.mjs';

const e2e = useE2E();
const ALL = ['analytics', 'intercom', 'wootric'];
const GA_COOKIES = ['_ga', '_gid'];
const INTERCOM_COOKIES = ['intercom-id-demo', 'intercom-session-demo'];
const WOOTRIC_COOKIES = ['NPS_demo1234_last_seen', 'NPS_demo1234_surveyed'];
const MEASUREMENT_ID = 'G-E2E';

e2e.test('accept, save the same choices, accept again: each processor is fetched and run exactly once', async (session) => {
  const { page } = session;
  await openPage(session, 'vectors.html');
  await widgetStarted(session);
  await page.evaluate(() => window.kaitenConsent.acceptAll());
  await page.evaluate(() => window.kaitenConsent.set({ analytics: true, intercom: true, wootric: true }));
  await page.evaluate(() => window.kaitenConsent.acceptAll());
  await waitForRuns(page, ALL);
  await session.observe();
  // The widget inserts them async: each once, in any order.
  assert.deepEqual((await ranVia(page)).sort(), ALL);
  for (const id of ALL) {
    assert.equal(thirdPartyRequests(session, `/${id}.js`).length, 1, `${id}.js fetched once`);
  }
});

e2e.test('a 404 analytics script does not stop Intercom and Wootric', async (session) => {
  const { page } = session;
  await openPage(session, 'vectors.html', '?analytics=/missing-analytics.js');
  await widgetStarted(session);
  await page.evaluate(() => window.kaitenConsent.acceptAll());
  await waitForRuns(page, ['intercom', 'wootric']);
  await session.observe();
  assert.deepEqual((await ranVia(page)).sort(), ['intercom', 'wootric']);
  assert.equal(thirdPartyRequests(session, '/missing-analytics.js').length, 1, 'the broken script was tried');
});

e2e.test('withdrawal calls each off-switch, deletes the cookies (path variants too) and storage, stops further loads and says a reload completes it', async (session) => {
  const { page, context } = session;
  await openPage(session, 'vectors.html', `?analytics=/analytics.js%3Fid%3D${MEASUREMENT_ID}`);
  await widgetStarted(session);
  await page.evaluate(() => window.kaitenConsent.acceptAll());
  await waitForRuns(page, ALL);
  await waitUntil(async () => {
    const names = await cookieNames(session);
    return [...GA_COOKIES, ...INTERCOM_COOKIES, ...WOOTRIC_COOKIES].every((n) => names.includes(n));
  }, { message: 'the stand-ins to set their cookies' });
  // A copy of _ga on this page's path, as a script on a deeper path would leave it.
  await page.evaluate(() => { document.cookie = '_ga=deep; path=/e2e-pages; max-age=600'; });
  await waitUntil(async () => (await cookieNames(session)).filter((n) => n === '_ga').length === 2, { message: 'the second _ga' });
  assert.equal(await page.evaluate(() => localStorage.getItem('intercom.intercom-state-demo')), '{}');

  // The person withdraws with the preferences open: their status line (built when they first
  // open) says what a reload completes.
  await page.evaluate(() => { window.kaitenConsent.showPreferences(); window.kaitenConsent.withdraw('analytics'); });
  // document.cookie writes reach the browser's cookie store (what CDP reads) asynchronously.
  const gone = (list) => waitUntil(async () => {
    const now = await cookieNames(session);
    return list.every((n) => !now.includes(n)) && now;
  }, { timeout: 2000, message: `${list.join(', ')} to be deleted` });
  let names = await gone(GA_COOKIES);
  assert.ok(INTERCOM_COOKIES.every((n) => names.includes(n)), 'Intercom cookies stay');
  const ga = await page.evaluate((id) => ({
    disabled: window[`ga-disable-${id}`],
    stopped: window.__stopped_analytics,
    updates: window.dataLayer.filter((a) => a[0] === 'consent').map((a) => [a[1], a[2].analytics_storage, a[2].ad_storage]),
  }), MEASUREMENT_ID);
  assert.equal(ga.disabled, true, 'the GA disable flag is set');
  assert.equal(ga.stopped, true, 'the stand-in saw the denied consent update');
  // The guard denies every key; the widget then signals the keys its processors declare (here
  // Kaiten's analytics_storage) at start, on acceptance and on withdrawal.
  assert.deepEqual(ga.updates, [['default', 'denied', 'denied'], ['update', 'denied', undefined], ['update', 'granted', undefined], ['update', 'denied', undefined]]);
  const status = page.locator('[data-kc="status"]');
  assert.match(await status.textContent(), /Reload the page/);
  assert.equal(await status.getAttribute('role'), 'status');

  await page.evaluate(() => { window.kaitenConsent.withdraw('intercom'); window.kaitenConsent.withdraw('wootric'); });
  names = await gone([...INTERCOM_COOKIES, ...WOOTRIC_COOKIES]);
  assert.ok(names.includes('kaiten_consent'), 'the decision itself stays');
  // localStorage is cleaned up once the withdrawal's frame is painted.
  await waitUntil(() => page.evaluate(() => localStorage.getItem('intercom.intercom-state-demo') === null), { timeout: 2000, message: 'Intercom storage removed' });
  assert.deepEqual(await page.evaluate(() => [window.__stopped_intercom, window.__stopped_wootric]), [true, true]);

  // Further loads stop: the page inserting them again is held, and not fetched.
  const before = session.thirdPartyBrowserRequests().length;
  await page.evaluate(() => { window.vectors.append('analytics'); window.vectors.append('intercom'); });
  await session.observe();
  assert.equal(session.thirdPartyBrowserRequests().length, before, 'nothing more from the third party');
  assert.deepEqual(await heldInDocumentOrder(page), ['append', 'append']);
  // The next visit loads nothing.
  await page.reload({ waitUntil: 'domcontentloaded' });
  await widgetStarted(session);
  await session.observe();
  assert.deepEqual(await ranVia(page), []);
  assert.equal((await context.cookies()).filter((c) => c.name.startsWith('_ga')).length, 0);
});

e2e.test('with reloadOnWithdraw the page reloads after a withdrawal', async (session) => {
  const { page } = session;
  await openPage(session, 'vectors.html', '?reload=1');
  await widgetStarted(session);
  await page.evaluate(() => window.kaitenConsent.acceptAll());
  await waitForRuns(page, ALL);
  const navigated = page.waitForEvent('framenavigated', { timeout: 5000 });
  await page.evaluate(() => window.kaitenConsent.withdraw('intercom'));
  await navigated;
  await widgetStarted(session);
  await waitForRuns(page, ['analytics', 'wootric']);
  await session.observe();
  assert.deepEqual((await ranVia(page)).sort(), ['analytics', 'wootric'], 'after the reload intercom stays off');
});

e2e.test('a decision in one tab reaches the other open tab within a second, both ways', async (session) => {
  const { page, context } = session;
  const other = await context.newPage();
  await openPage(session, 'vectors.html');
  await other.goto(`${session.origin}/e2e-pages/vectors.html`, { waitUntil: 'domcontentloaded' });
  await widgetStarted(session);
  await widgetStarted(session, other);
  await page.evaluate(() => window.kaitenConsent.acceptAll());
  const at = Date.now();
  await waitUntil(() => other.evaluate(() => window.kaitenConsent.isGranted('intercom')), { timeout: OTHER_TAB_MS, message: 'the other tab to learn the decision' });
  assert.ok(Date.now() - at <= OTHER_TAB_MS);
  await waitForRuns(other, ALL, 'the other tab to load the processors');
  await waitForRuns(page, ['intercom'], 'the first tab to run Intercom');

  await other.evaluate(() => window.kaitenConsent.withdraw('intercom'));
  await waitUntil(() => page.evaluate(() => window.__stopped_intercom === true), { timeout: OTHER_TAB_MS, message: 'the first tab to switch Intercom off' });
  assert.equal(await page.evaluate(() => window.kaitenConsent.isGranted('intercom')), false);
  await other.close();
});

e2e.test('a click made the moment the banner appears registers (wasm delayed too)', async (session) => {
  const { page } = session;
  e2e.servers.setWasmDelay(800);
  try {
    await page.goto(`${session.origin}/`, { waitUntil: 'domcontentloaded' });
    const banner = page.locator(hooks.banner);
    await banner.waitFor({ state: 'visible', timeout: 10_000 });
    await banner.locator(hooks.action('accept-all')).click();
    await waitForRuns(page, ALL);
    assert.ok((await cookieNames(session)).includes('kaiten_consent'), 'the decision was stored');
  } finally {
    e2e.servers.setWasmDelay(0);
  }
});
