// Two open tabs whose pages are on different notice revisions (issue 16): one still runs the old
// page while the host has published a new notice. A decision made in one tab reaches the other
// (BroadcastChannel) but is never applied there as if made under that page's revision: the
// other tab stops what its own decision granted and asks, stores nothing over the decision, and
// leaves the cookies of what that decision grants alone. Under Global Privacy Control the two
// tabs do not overwrite each other's refusal without end.
//
// Run: node --test e2e/revision.test.mjs   (needs pkg/web from `cargo xtask build`)

import assert from 'node:assert/strict';
import { useE2E, waitUntil, PROCESSOR_IDS } from './lib/browser.mjs';
import { assertValidRecord, consentCookie, hookShown, openApiPage } from './lib/api.mjs';
import { OTHER_TAB_MS, cookieNames, ranVia, waitForRuns } from './lib/blocking.mjs';

const e2e = useE2E();
const INTERCOM_COOKIES = ['intercom-id-demo', 'intercom-session-demo'];

/** Opens the API page in `page` and starts the widget with the notice at `revision`. */
async function openOnRevision(session, page, revision) {
  await openApiPage(session, { page });
  await page.evaluate((revision) => window.__api.start({ revision }), revision);
}

function state(page) {
  return page.evaluate(() => window.kaitenConsent.state());
}

function click(page, layer, action) {
  return page.locator(`[data-kc="${layer}"] [data-kc-action="${action}"]`).click();
}

/** The revision the consent cookie holds (`1~<revision>~…`). */
async function storedRevision(session) {
  return Number((await consentCookie(session))?.split('~')[1]);
}

/** Consent records the endpoint received since `mark`. */
function recordsSince(mark) {
  return e2e.servers.consentLog.slice(mark);
}

e2e.test('a decision another tab made under a newer revision ends this tab\'s own as on a withdrawal; the banner asks under this tab\'s revision', async (session) => {
  const { page: old, context } = session;
  const mark = e2e.servers.consentLog.length;
  await openOnRevision(session, old, 1);
  await click(old, 'banner', 'accept-all');
  await waitForRuns(old, PROCESSOR_IDS, 'the old tab to run the processors');

  // The new notice is published; a new tab opens on it and asks again: the stored decision was
  // made under the old one.
  const fresh = await context.newPage();
  await openOnRevision(session, fresh, 2);
  assert.equal(await hookShown(fresh, 'banner'), true);
  assert.equal((await state(fresh)).decided, false);
  await click(fresh, 'banner', 'reject-all');
  assert.equal(await storedRevision(session), 2);

  // The old tab hears of it: its own decision ends, its processors are switched off, and it asks.
  await waitUntil(() => hookShown(old, 'banner'), { timeout: OTHER_TAB_MS, message: 'the old tab to ask again' });
  const after = await state(old);
  assert.equal(after.decided, false);
  assert.equal(after.revision, 1, 'still the notice this tab shows');
  assert.deepEqual(after.choices, { analytics: false, intercom: false, wootric: false });
  assert.deepEqual(await old.evaluate(() => [window.__stopped_analytics, window.__stopped_intercom, window.__stopped_wootric]), [true, true, true]);
  await session.observe();
  assert.equal(await storedRevision(session), 2, 'the new tab\'s decision is not overwritten');
  assert.deepEqual(recordsSince(mark).map((r) => [r.body.revision, r.body.action]), [[1, 'accept_all'], [2, 'reject_all']],
    'only the two decisions the person made were recorded');

  // A decision the person makes in the old tab is recorded under the notice that tab shows.
  await click(old, 'banner', 'reject-all');
  const [entry] = await waitUntil(() => {
    const sent = recordsSince(mark).slice(2);
    return sent.length > 0 && sent;
  }, { message: 'the old tab\'s record' });
  assertValidRecord(entry.body);
  assert.deepEqual([entry.body.revision, entry.body.action], [1, 'reject_all']);
  await fresh.close();
});

e2e.test('a tab still asking under the old revision loads nothing when a tab on the new one accepts all, and leaves its processors\' cookies alone', async (session) => {
  const { page: old, context } = session;
  const oldRequests = [];
  old.on('request', (request) => oldRequests.push(request.url()));
  await openOnRevision(session, old, 1);
  assert.equal(await hookShown(old, 'banner'), true);

  const fresh = await context.newPage();
  await openOnRevision(session, fresh, 2);
  await click(fresh, 'banner', 'accept-all');
  await waitForRuns(fresh, PROCESSOR_IDS, 'the new tab to run the processors');
  await waitUntil(async () => {
    const names = await cookieNames(session);
    return INTERCOM_COOKIES.every((name) => names.includes(name));
  }, { message: 'Intercom\'s cookies' });
  // Another decision there, with Intercom's cookies set: one that still grants Intercom.
  await fresh.evaluate(() => window.kaitenConsent.withdraw('wootric'));

  await session.observe();
  assert.equal(await hookShown(old, 'banner'), true, 'the old tab still asks');
  const after = await state(old);
  assert.equal(after.decided, false);
  assert.deepEqual(after.choices, { analytics: false, intercom: false, wootric: false });
  for (const id of PROCESSOR_IDS) {
    assert.equal(await old.evaluate((id) => window.kaitenConsent.isGranted(id), id), false, `${id} granted in the old tab`);
  }
  assert.deepEqual(await ranVia(old), [], 'a stand-in ran in the old tab');
  assert.deepEqual(oldRequests.filter((url) => new URL(url).origin === session.thirdPartyOrigin), [], 'the old tab\'s requests to the third party');
  const names = await cookieNames(session);
  assert.ok(INTERCOM_COOKIES.every((name) => names.includes(name)), `what the new tab grants keeps its cookies: ${names}`);
  assert.equal(await storedRevision(session), 2);
  await fresh.close();
});

e2e.test('under Global Privacy Control two tabs on different revisions each refuse once and do not overwrite each other', async (session) => {
  const { page: old, context } = session;
  await context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
  });
  const mark = e2e.servers.consentLog.length;
  await openOnRevision(session, old, 1);
  assert.equal((await state(old)).action, 'gpc');

  const fresh = await context.newPage();
  await openOnRevision(session, fresh, 2);
  const refusal = await state(fresh);
  assert.deepEqual([refusal.action, refusal.revision], ['gpc', 2], 'the new revision refuses again for the user');

  // The old tab hears the new tab's refusal: it stops and asks rather than refusing again over
  // it (which the new tab would hear, and so on).
  await waitUntil(() => hookShown(old, 'banner'), { timeout: OTHER_TAB_MS, message: 'the old tab to ask' });
  await session.observe();
  const sent = recordsSince(mark);
  assert.deepEqual(sent.map((r) => [r.body.revision, r.body.action]), [[1, 'gpc'], [2, 'gpc']], 'one refusal per tab');
  assert.equal(await storedRevision(session), 2);
  assert.equal((await consentCookie(session)).split('~')[4], refusal.consentId, 'the new tab\'s refusal stays stored');
  assert.equal((await state(fresh)).consentId, refusal.consentId);
  await fresh.close();
});
