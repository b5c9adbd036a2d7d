// Withdrawal in every engine: switching processors off in the preferences calls each one's
// off-switch, deletes its cookies (a copy on a deeper path too) and storage, and holds whatever
// the page inserts next; and open tabs stay in step, a decision in one reaching the other within
// a second. Cookies are judged by `document.cookie`, the network by the servers' logs.
//
// Run: E2E_ENGINE=chromium|firefox|webkit node --test e2e/engines/withdrawal.test.mjs   (webkit under xvfb-run -a)

import assert from 'node:assert/strict';
import { OTHER_TAB_MS } from '../lib/blocking.mjs';
import { useEngine, widget, waitInPage } from '../lib/engines/index.mjs';
import { partShown, partHidden, ranVia, widgetStarted, cookieNames, granted, switchOn, preferencesStatus } from '../lib/engines/page.mjs';

const e2e = useEngine();
const ALL = ['analytics', 'intercom', 'wootric'];
const GA_COOKIES = ['_ga', '_gid'];
const INTERCOM_COOKIES = ['intercom-id-demo', 'intercom-session-demo'];
const WOOTRIC_COOKIES = ['NPS_demo1234_last_seen', 'NPS_demo1234_surveyed'];
const MEASUREMENT_ID = 'G-E2E';

const everyRan = (ids) => ids.every((id) => (window.__via_log ?? []).includes(id));

async function openVectors(session, tab = session.tab, query = '') {
  await session.open(`/e2e-pages/vectors.html${query}`, tab);
  await waitInPage(tab, widgetStarted, undefined, { message: 'the widget to start' });
}

/** Waits until none of `names` is in `document.cookie`; returns the names left. */
function cookiesGone(tab, names) {
  return waitInPage(tab, (gone) => {
    const now = document.cookie.split(';').map((pair) => pair.trim().split('=')[0]);
    return gone.every((name) => !now.includes(name)) && now.sort();
  }, names, { timeout: 2000, message: `${names.join(', ')} to be deleted` });
}

/** Turns the switches of `ids` in the open preferences and saves, with real clicks. */
async function toggleAndSave(tab, ids) {
  for (const id of ids) await tab.click(widget.processor(id));
  await tab.click(widget.action('preferences', 'save'));
}

e2e.test('withdrawal in the preferences calls each off-switch, deletes the cookies (path copies too) and storage, and holds further loads', async (session) => {
  const { tab } = session;
  await openVectors(session, tab, `?analytics=/analytics.js%3Fid%3D${MEASUREMENT_ID}`);
  await waitInPage(tab, partShown, 'banner', { message: 'the banner' });
  await tab.click(widget.action('banner', 'accept-all'));
  await waitInPage(tab, everyRan, ALL, { message: 'every stand-in to run' });
  const stored = [...GA_COOKIES, ...INTERCOM_COOKIES, ...WOOTRIC_COOKIES];
  await waitInPage(tab, (names) => names.every((name) => document.cookie.split(';').some((pair) => pair.trim().startsWith(`${name}=`))), stored, { message: 'the stand-ins to set their cookies' });
  // A copy of _ga on this page's path, as a script on a deeper path would leave it.
  await tab.evaluate(() => { document.cookie = '_ga=deep; path=/e2e-pages; max-age=600'; });
  assert.equal((await tab.evaluate(cookieNames)).filter((name) => name === '_ga').length, 2, 'two copies of _ga');
  assert.equal(await tab.evaluate(() => localStorage.getItem('intercom.intercom-state-demo')), '{}');

  await tab.click([widget.root, '[data-kc="entry"]']);
  await waitInPage(tab, partShown, 'preferences', { message: 'the preferences' });
  for (const id of ALL) assert.equal(await tab.evaluate(switchOn, id), true, `${id} shows on`);
  await toggleAndSave(tab, ['analytics']);
  let names = await cookiesGone(tab, GA_COOKIES);
  assert.ok(INTERCOM_COOKIES.every((name) => names.includes(name)), `Intercom's cookies stay: ${names.join(', ')}`);
  const ga = await tab.evaluate((id) => ({
    disabled: window[`ga-disable-${id}`],
    stopped: window.__stopped_analytics,
    updates: window.dataLayer.filter((a) => a[0] === 'consent').map((a) => [a[1], a[2].analytics_storage ?? null, a[2].ad_storage ?? null]),
  }), MEASUREMENT_ID);
  assert.equal(ga.disabled, true, 'the GA disable flag is set');
  assert.equal(ga.stopped, true, 'the stand-in saw the denied consent update');
  // The guard's defaults, then the keys the processors declare: at start, on acceptance, on withdrawal.
  assert.deepEqual(ga.updates, [['default', 'denied', 'denied'], ['update', 'denied', null], ['update', 'granted', null], ['update', 'denied', null]]);
  const status = await tab.evaluate(preferencesStatus);
  assert.match(status.text, /Reload the page/, 'the status line says what a reload completes');
  assert.equal(status.role, 'status');

  await toggleAndSave(tab, ['intercom', 'wootric']);
  names = await cookiesGone(tab, [...INTERCOM_COOKIES, ...WOOTRIC_COOKIES]);
  assert.ok(names.includes('kaiten_consent'), 'the decision itself stays');
  // localStorage is cleaned up once the withdrawal's frame is painted.
  await waitInPage(tab, () => localStorage.getItem('intercom.intercom-state-demo') === null, undefined, { timeout: 2000, message: "Intercom's storage removed" });
  assert.deepEqual(await tab.evaluate(() => [window.__stopped_intercom, window.__stopped_wootric]), [true, true]);
  assert.deepEqual(await Promise.all(ALL.map((id) => tab.evaluate(granted, id))), [false, false, false]);

  // Further loads stop: the page inserting them again is held, and the third party hears nothing.
  await session.observe();
  const before = session.thirdPartyRequests().length;
  await tab.evaluate(() => { window.vectors.append('analytics'); window.vectors.append('intercom'); });
  await session.observe();
  assert.deepEqual(session.thirdPartyRequests().slice(before).map((r) => r.path), [], 'third-party requests after the withdrawal');
  const held = await tab.evaluate(() => [...document.querySelectorAll('script[data-kc-held]')]
    .map((s) => /via=([^&]*)/.exec(decodeURIComponent(s.getAttribute('src')))?.[1] ?? s.getAttribute('src')));
  assert.deepEqual(held, ['append', 'append']);

  // The next visit loads nothing and finds no processor cookie.
  await tab.reload();
  await waitInPage(tab, widgetStarted, undefined, { message: 'the widget to start again' });
  await session.observe();
  assert.deepEqual(await tab.evaluate(ranVia), []);
  assert.deepEqual((await tab.evaluate(cookieNames)).filter((name) => stored.includes(name)), []);
});

e2e.test('a decision in one tab reaches the other open tab within a second: its banner hides and its processors follow, both ways', async (session) => {
  const { tab } = session;
  const other = await session.newTab();
  await openVectors(session, tab);
  await openVectors(session, other);
  await waitInPage(other, partShown, 'banner', { message: "the other tab's banner" });

  await tab.click(widget.action('banner', 'accept-all'));
  const decidedAt = Date.now();
  await waitInPage(other, granted, 'intercom', { timeout: OTHER_TAB_MS, message: 'the other tab to learn the decision' });
  const learnedIn = Date.now() - decidedAt;
  assert.ok(learnedIn <= OTHER_TAB_MS, `the other tab learned it in ${learnedIn} ms`);
  await waitInPage(other, partHidden, 'banner', { timeout: OTHER_TAB_MS, message: "the other tab's banner to hide" });
  await waitInPage(other, everyRan, ALL, { message: 'the other tab to load the processors' });
  await waitInPage(tab, everyRan, ALL, { message: 'the first tab to load the processors' });

  await other.evaluate(() => window.kaitenConsent.withdraw('intercom'));
  const withdrawnAt = Date.now();
  await waitInPage(tab, () => window.__stopped_intercom === true, undefined, { timeout: OTHER_TAB_MS, message: 'the first tab to switch Intercom off' });
  assert.ok(Date.now() - withdrawnAt <= OTHER_TAB_MS);
  assert.equal(await tab.evaluate(granted, 'intercom'), false);
  assert.equal(await tab.evaluate(granted, 'wootric'), true, 'the rest of the decision stands');
});
