// Proof of consent: every decision's consent record reaches POST /consent-log, valid against
// docs/consent-record.schema.json; a failed send stays in the localStorage outbox, is beaconed
// on pagehide and sent again with the same id on the next load; the server keeps one per id.

import assert from 'node:assert/strict';
import { useE2E, waitUntil } from './lib/browser.mjs';
import { assertValidRecord, consentCookie, openApiPage } from './lib/api.mjs';

const e2e = useE2E();
const OUTBOX = 'kaiten-consent.outbox';


/** Waits for `count` POSTs of record `id` with `status`; returns them. */
async function posted(id, status, count = 1) {
  return waitUntil(() => {
    const found = e2e.servers.consentLog.filter((e) => e.status === status && e.id === id);
    return found.length >= count && found;
  }, { timeout: 10_000, message: `${count} POST(s) of ${id} answered ${status}` });
}

function outbox(page) {
  return page.evaluate((key) => localStorage.getItem(key), OUTBOX);
}

e2e.test('each decision sends a valid consent record saying how and where it was made', async (session) => {
  const { page } = session;
  await openApiPage(session);
  await page.evaluate(() => window.__api.start());
  await page.locator('[data-kc="banner"] [data-kc-action="accept-all"]').click();
  const banner = await page.evaluate(() => window.kaitenConsent.state());
  await page.evaluate(() => window.kaitenConsent.showPreferences());
  await page.locator('[data-kc="preferences"] [data-kc-action="save"]').click();
  const preferences = await page.evaluate(() => window.kaitenConsent.state());
  const api = await page.evaluate(() => { window.kaitenConsent.set({ wootric: true }); return window.kaitenConsent.state(); });
  const withdraw = await page.evaluate(() => { window.kaitenConsent.withdraw('wootric'); return window.kaitenConsent.state(); });

  for (const [snapshot, source] of [[banner, 'banner'], [preferences, 'preferences'], [api, 'api'], [withdraw, 'api']]) {
    const [entry] = await posted(snapshot.consentId, 204);
    assertValidRecord(entry.body);
    assert.equal(entry.contentType, 'application/json');
    assert.equal(entry.duplicate, false);
    assert.deepEqual(entry.body, {
      schemaVersion: 2,
      id: snapshot.consentId,
      decidedAt: snapshot.decidedAt,
      expiresAt: snapshot.expiresAt,
      revision: 1,
      noticeHash: entry.body.noticeHash,
      language: 'en',
      action: snapshot.action,
      source,
      choices: snapshot.choices,
    });
    assert.match(entry.body.noticeHash, /^[0-9a-f]{64}$/, 'SHA-256 of the texts shown');
  }
  assert.equal(withdraw.action, 'withdraw');
  // The cookie carries the same hash, spelled the same way.
  const [last] = await posted(withdraw.consentId, 204);
  assert.ok((await consentCookie(session)).startsWith(`2~1~${last.body.noticeHash}~en~${withdraw.consentId}~`),
    await consentCookie(session));
  // Confirmed records leave the outbox.
  await waitUntil(async () => (await outbox(page)) === null, { message: 'the outbox to empty' });
  // No other field could carry personal data: the schema allows none, and each record is the
  // same shape. Reset sends none (nothing was decided).
  const before = e2e.servers.consentLog.length;
  await page.evaluate(() => window.kaitenConsent.reset());
  await session.observe();
  assert.equal(e2e.servers.consentLog.length, before);
});

e2e.test('a decision on the host\'s own processor list is sent as schema 1, its FNV-1a notice hash in 8 digits, as the cookie stores it', async (session) => {
  const { page } = session;
  await openApiPage(session);
  const id = await page.evaluate(() => {
    window.__api.start({
      scripts: {},
      processors: [{
        id: 'hotjar', basis: 'consent', name: 'Hotjar', purpose: 'Heatmaps', dataShared: 'Clicks',
        recipient: 'Hotjar Ltd', location: 'Malta', privacyUrl: 'https://www.hotjar.com/privacy/',
      }],
    }).acceptAll();
    return window.kaitenConsent.state().consentId;
  });
  const [entry] = await posted(id, 204);
  assertValidRecord(entry.body);
  assert.equal(entry.body.schemaVersion, 1);
  assert.match(entry.body.noticeHash, /^[0-9a-f]{8}$/);
  assert.deepEqual(entry.body.choices, { hotjar: true });
  const cookie = await consentCookie(session);
  assert.ok(cookie.startsWith(`1~1~${entry.body.noticeHash}~en~${id}~`), cookie);
});

e2e.test('a failed send is beaconed on pagehide and sent again on the next load with the same id; the server keeps it once', async (session) => {
  const { page } = session;
  e2e.servers.setConsentLogFailure(503);
  try {
    await openApiPage(session);
    const id = await page.evaluate(() => { window.__api.start().acceptAll(); return window.kaitenConsent.state().consentId; });
    const [failed] = await posted(id, 503);
    assert.equal(failed.contentType, 'application/json');
    const queued = await outbox(page);
    assert.ok(queued?.includes(id), `the record waits in the outbox: ${queued}`);
    // The browser reads the 503 after the server logged it: wait for the warning it leads to.
    await waitUntil(async () => session.consoleText().includes('sent again on the next page load'),
      { message: 'the console to say the record will be sent again' });

    // Leaving the page hands the outbox to sendBeacon (which cannot tell whether it worked).
    await openApiPage(session);
    const beaconed = await posted(id, 503, 2);
    assert.match(beaconed[1].contentType, /^text\/plain/);
    assert.equal(await outbox(page), queued, 'still queued');

    // The endpoint is back: the next start sends the very same record.
    e2e.servers.setConsentLogFailure(0);
    await page.evaluate(() => window.__api.start());
    const [delivered] = await posted(id, 204);
    assert.equal(delivered.raw, failed.raw, 'byte for byte the record that failed');
    assertValidRecord(delivered.body);
    assert.equal(delivered.duplicate, false);
    await waitUntil(async () => (await outbox(page)) === null, { message: 'the outbox to empty' });

    // A copy that arrives again (e.g. a beacon and a fetch both got through) is acknowledged and
    // not kept twice.
    await page.evaluate(([key, record]) => localStorage.setItem(key, record), [OUTBOX, delivered.raw]);
    await openApiPage(session);
    await page.evaluate(() => window.__api.start());
    const [again, second] = await posted(id, 204, 2);
    assert.equal(again.duplicate, false);
    assert.equal(second.duplicate, true);
    assert.deepEqual(e2e.servers.consentRecords.get(id), delivered.body);
    assert.equal([...e2e.servers.consentRecords.keys()].filter((k) => k === id).length, 1);
    await waitUntil(async () => (await outbox(page)) === null, { message: 'the outbox to empty again' });

    // Nothing is pending: the next load sends nothing.
    const count = e2e.servers.consentLog.length;
    await openApiPage(session);
    await page.evaluate(() => window.__api.start());
    await session.observe();
    assert.equal(e2e.servers.consentLog.length, count);
  } finally {
    e2e.servers.setConsentLogFailure(0);
  }
});

e2e.test('with storage that throws, the record is still sent once and the console says why it is not kept', async (session) => {
  const { page, context } = session;
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('storage blocked', 'SecurityError'); },
    });
  });
  await openApiPage(session);
  const id = await page.evaluate(() => { window.__api.start().rejectAll(); return window.kaitenConsent.state().consentId; });
  const [entry] = await posted(id, 204);
  assertValidRecord(entry.body);
  assert.equal(entry.body.action, 'reject_all');
  assert.ok(session.consoleText().includes('localStorage is unavailable'), session.consoleText());
  assert.equal(await page.evaluate(() => window.kaitenConsent.state().decided), true);
});
