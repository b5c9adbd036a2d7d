// A decision's expiry in a tab left open (issue 16): Playwright's clock (`page.clock`) moves the
// page's time past the 182-day lifetime without a reload. The widget's own timer ends the grant,
// and so does the window getting focus back after a sleep in which no timer ran: the processors'
// off-switches are called, their cookies deleted, nothing more loads, the banner asks again, and
// no consent record is sent (nothing was decided), except the refusal Global Privacy Control
// makes for the user.
//
// Run: node --test e2e/expiry.test.mjs   (needs pkg/web from `cargo xtask build`)

import assert from 'node:assert/strict';
import { useE2E, waitUntil, PROCESSOR_IDS } from './lib/browser.mjs';
import { assertValidRecord, hookShown, openApiPage } from './lib/api.mjs';
import { cookieNames, waitForRuns } from './lib/blocking.mjs';

const e2e = useE2E();
const DAY_MS = 86_400_000;
const LIFETIME_MS = 182 * DAY_MS;
/** What the stand-ins set (scripts/serve.mjs), named in Kaiten's config. */
const PROCESSOR_COOKIES = ['_ga', '_gid', 'intercom-id-demo', 'intercom-session-demo', 'NPS_demo1234_last_seen', 'NPS_demo1234_surveyed'];
const NONE_GRANTED = { analytics: false, intercom: false, wootric: false };

/** Accepts all as a person does, with the banner's button. */
function clickAcceptAll(page) {
  return page.locator('[data-kc="banner"] [data-kc-action="accept-all"]').click();
}

/**
 * Opens the API page on Playwright's clock (installed before the page loads, running from now),
 * starts the widget and accepts all with `accept(page)`; returns the state once every stand-in
 * ran and set its cookies.
 */
async function acceptUnderClock(session, accept = clickAcceptAll) {
  const { page } = session;
  await page.clock.install({ time: Date.now() });
  await openApiPage(session);
  await page.evaluate(() => window.__api.start());
  await accept(page);
  await waitForRuns(page, PROCESSOR_IDS);
  await waitUntil(async () => {
    const names = await cookieNames(session);
    return PROCESSOR_COOKIES.every((name) => names.includes(name));
  }, { message: 'the stand-ins to set their cookies' });
  await session.observe();
  // A marker a reload would lose.
  await page.evaluate(() => { window.__sameDocument = true; });
  return page.evaluate(() => window.kaitenConsent.state());
}

function state(page) {
  return page.evaluate(() => window.kaitenConsent.state());
}

function stopped(page) {
  return page.evaluate(() => [window.__stopped_analytics, window.__stopped_intercom, window.__stopped_wootric]);
}

/** Asserts what a grant that ended leaves: off-switches called, cookies gone, no reload. */
async function assertSwitchedOff(session) {
  const { page } = session;
  assert.deepEqual(await stopped(page), [true, true, true], 'every off-switch was called');
  await waitUntil(async () => {
    const names = await cookieNames(session);
    return PROCESSOR_COOKIES.every((name) => !names.includes(name));
  }, { timeout: 2000, message: 'the processors\' cookies to be deleted' });
  assert.ok((await cookieNames(session)).includes('kaiten_consent'), 'the browser keeps the cookie to its own Max-Age');
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');
}

/** Asserts that a processor script the page inserts now is held and never fetched. */
async function assertNothingMoreLoads(session) {
  const { page } = session;
  const before = session.thirdPartyServerRequests().length;
  await page.evaluate((origin) => {
    const script = document.createElement('script');
    script.src = `${origin}/intercom.js?via=after-expiry`;
    document.head.append(script);
  }, session.thirdPartyOrigin);
  await session.observe();
  assert.deepEqual(session.thirdPartyServerRequests().slice(before).map((r) => r.path), [], 'third-party server requests');
  assert.equal(await page.evaluate(() => window.__via_log.includes('intercom:after-expiry')), false);
}

e2e.test('a tab left open past the expiry: its own timer switches the processors off, nothing more loads, the banner asks again, no record is sent', async (session) => {
  const { page } = session;
  const accepted = await acceptUnderClock(session);
  assert.equal(Date.parse(accepted.expiresAt) - Date.parse(accepted.decidedAt), LIFETIME_MS);
  const records = e2e.servers.consentLog.length;

  // A day before the expiry the decision holds.
  await page.clock.fastForward(LIFETIME_MS - DAY_MS);
  await session.observe();
  assert.equal((await state(page)).decided, true);
  assert.equal(await hookShown(page, 'banner'), false);
  assert.deepEqual(await stopped(page), [undefined, undefined, undefined]);

  // Past it, the timer the widget set ends the grant.
  await page.clock.fastForward(DAY_MS);
  await waitUntil(() => hookShown(page, 'banner'), { message: 'the banner to ask again' });
  const expired = await state(page);
  assert.equal(expired.decided, false);
  assert.deepEqual(expired.choices, NONE_GRANTED);
  assert.equal(await page.evaluate(() => window.kaitenConsent.isGranted('intercom')), false);
  await assertSwitchedOff(session);
  await assertNothingMoreLoads(session);
  assert.equal(e2e.servers.consentLog.length, records, 'an expiry sends no consent record');

  // The next decision is made on the page's clock, with a lifetime of its own.
  await page.locator('[data-kc="banner"] [data-kc-action="reject-all"]').click();
  const [entry] = await waitUntil(() => {
    const sent = e2e.servers.consentLog.slice(records);
    return sent.length > 0 && sent;
  }, { message: 'the new decision\'s record' });
  assertValidRecord(entry.body);
  assert.equal(entry.body.action, 'reject_all');
  assert.ok(Date.parse(entry.body.decidedAt) >= Date.parse(accepted.expiresAt), entry.body.decidedAt);
  assert.equal(Date.parse(entry.body.expiresAt) - Date.parse(entry.body.decidedAt), LIFETIME_MS);
});

e2e.test('a machine that slept past the expiry: no timer runs, and the window getting the focus back ends the grant at once', async (session) => {
  const { page, context } = session;
  await acceptUnderClock(session);
  // Focus as a real window has it: Playwright otherwise tells every page it has the focus.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
  const other = await context.newPage();
  await other.bringToFront();

  // The sleep: the page's clock jumps past the expiry, and no timer fires.
  const now = await page.evaluate(() => Date.now());
  await page.clock.setSystemTime(now + LIFETIME_MS + DAY_MS);
  await session.observe();
  assert.equal((await state(page)).decided, true, 'no timer ran, so nothing noticed yet');
  assert.deepEqual(await stopped(page), [undefined, undefined, undefined]);

  // The person comes back to the window: its focus event checks at once.
  await page.bringToFront();
  await waitUntil(() => hookShown(page, 'banner'), { timeout: 2000, message: 'the banner to ask again' });
  assert.deepEqual((await state(page)).choices, NONE_GRANTED);
  await assertSwitchedOff(session);
  await assertNothingMoreLoads(session);
  await other.close();
});

e2e.test('the page becoming visible again checks the expiry at once (visibilitychange, dispatched: headless Chromium keeps every page visible)', async (session) => {
  const { page } = session;
  await acceptUnderClock(session);
  const now = await page.evaluate(() => Date.now());
  await page.clock.setSystemTime(now + LIFETIME_MS + DAY_MS);
  await session.observe();
  assert.equal((await state(page)).decided, true);
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await waitUntil(() => hookShown(page, 'banner'), { timeout: 2000, message: 'the banner to ask again' });
  await assertSwitchedOff(session);
});

e2e.test('under Global Privacy Control an expired opt-in becomes a refusal made for the user: off-switches, a gpc record, no banner', async (session) => {
  const { page, context } = session;
  await context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
  });
  // No banner asks under the signal: the person opts in through the preferences.
  const accepted = await acceptUnderClock(session, async (page) => {
    await page.evaluate(() => window.kaitenConsent.showPreferences());
    await page.locator('[data-kc="preferences"] [data-kc-action="accept-all"]').click();
  });
  assert.equal(accepted.gpc, true);
  assert.equal(accepted.action, 'accept_all', 'an explicit opt-in under the signal stands');
  const records = e2e.servers.consentLog.length;

  await page.clock.fastForward(LIFETIME_MS);
  const refusal = await waitUntil(async () => {
    const now = await state(page);
    return now.action === 'gpc' && now;
  }, { message: 'the refusal made for the user' });
  assert.deepEqual(refusal.choices, NONE_GRANTED);
  assert.equal(await hookShown(page, 'banner'), false, 'the signal answers instead of the banner');
  await assertSwitchedOff(session);
  const [entry] = await waitUntil(() => {
    const sent = e2e.servers.consentLog.slice(records);
    return sent.length > 0 && sent;
  }, { message: 'the refusal\'s record' });
  assertValidRecord(entry.body);
  assert.equal(entry.body.id, refusal.consentId);
  assert.deepEqual([entry.body.action, entry.body.source], ['gpc', 'gpc']);
  await session.observe();
  assert.equal(e2e.servers.consentLog.length, records + 1, 'one record');
});
