// `cookieDomain` (issue 14): one decision shared across the subdomains of a product. Chromium
// resolves every *.kaiten.test (and *.example.co.uk, for a public suffix) to the first-party
// server on loopback, which serves its pages for any Host, so app.kaiten.test and
// www.kaiten.test are two sites' subdomains on one port. A decision made on one applies on the
// other; a withdrawal or reset on one reaches the other; a host-only decision cookie left from
// before the config had `cookieDomain` gives way to the shared one and is deleted; a
// `cookieDomain` that does not fit the page fails closed.
//
// Run: node --test e2e/cookie-domain.test.mjs   (needs pkg/web from `cargo xtask build`)

import assert from 'node:assert/strict';
import { useE2E, waitUntil } from './lib/browser.mjs';
import { hookShown } from './lib/api.mjs';
import { OTHER_TAB_MS, ranVia, waitForRuns } from './lib/blocking.mjs';

const e2e = useE2E({
  launchArgs: ['--host-resolver-rules=MAP *.kaiten.test 127.0.0.1, MAP *.example.co.uk 127.0.0.1'],
});
const SHARED = { cookieDomain: 'kaiten.test' };
const APP = 'app.kaiten.test';
const WWW = 'www.kaiten.test';

/** The first-party origin of this session under `host` (same scheme and port). */
function originOn(session, host) {
  const url = new URL(session.origin);
  url.hostname = host;
  return url.origin;
}

/**
 * Opens the API page on `host` in `page` and starts the widget with `extra` config; returns the
 * error `start` threw as `{ name, code, message }`, or null.
 */
async function startOn(session, page, host, extra) {
  await page.goto(`${originOn(session, host)}/e2e-pages/api.html`, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.__apiReady === true, null, { timeout: 10_000 });
  return page.evaluate((extra) => {
    try {
      window.__api.start(extra);
      return null;
    } catch (error) {
      return { name: error.name, code: error.code, message: error.message };
    }
  }, extra);
}

function state(page) {
  return page.evaluate(() => window.kaitenConsent.state());
}

/** The decision cookies the browser holds, as `domain=value` (`.kaiten.test`: the shared one). */
async function decisionCookies(session) {
  return (await session.context.cookies())
    .filter((c) => c.name === 'kaiten_consent')
    .map((c) => `${c.domain}=${c.value}`)
    .sort();
}

async function decisionCookieDomains(session) {
  return (await decisionCookies(session)).map((c) => c.split('=')[0]);
}

e2e.test('a decision made on app.kaiten.test applies on www.kaiten.test: no banner, the consented processor loads, the refused ones do not', async (session) => {
  const { page: app, context } = session;
  assert.equal(await startOn(session, app, APP, SHARED), null);
  const otherAppTab = await context.newPage();
  assert.equal(await startOn(session, otherAppTab, APP, SHARED), null);
  assert.equal(await hookShown(app, 'banner'), true, 'the first visit asks');

  await app.evaluate(() => window.kaitenConsent.set({ analytics: true }));
  await waitForRuns(app, ['analytics']);
  assert.deepEqual(await decisionCookieDomains(session), ['.kaiten.test'], 'one cookie, for the domain');
  await waitUntil(async () => (await state(otherAppTab)).decided, { timeout: OTHER_TAB_MS, message: 'the other app tab to apply the decision' });

  const www = await context.newPage();
  assert.equal(await startOn(session, www, WWW, SHARED), null);
  await waitForRuns(www, ['analytics'], 'the consented processor to load on www');
  assert.equal(await hookShown(www, 'banner'), false, 'www does not ask again');
  const onWww = await state(www);
  assert.deepEqual([onWww.decided, onWww.source], [true, 'stored']);
  assert.deepEqual(onWww.choices, { analytics: true, intercom: false, wootric: false });
  await session.observe();
  assert.deepEqual(await ranVia(www), ['analytics'], 'only the consented processor ran on www');
  await www.close();
  await otherAppTab.close();
});

e2e.test('a withdrawal on www reaches app; a reset on www deletes the shared cookie and the host-only one left from before', async (session) => {
  const { page: app, context } = session;
  assert.equal(await startOn(session, app, APP, SHARED), null);
  await app.evaluate(() => window.kaitenConsent.acceptAll());
  const www = await context.newPage();
  assert.equal(await startOn(session, www, WWW, SHARED), null);
  assert.equal((await state(www)).choices.intercom, true);
  await www.evaluate(() => window.kaitenConsent.withdraw('intercom'));
  assert.deepEqual(await decisionCookieDomains(session), ['.kaiten.test']);

  assert.equal(await startOn(session, app, APP, SHARED), null);
  assert.deepEqual((await state(app)).choices, { analytics: true, intercom: false, wootric: true },
    'app applies the withdrawal made on www');

  // A host-only cookie of the same name, as www's widget wrote before the config shared it.
  await context.addCookies([{ name: 'kaiten_consent', value: 'left-from-before', url: `${originOn(session, WWW)}/` }]);
  assert.deepEqual(await decisionCookieDomains(session), ['.kaiten.test', WWW]);
  await www.evaluate(() => window.kaitenConsent.reset());
  assert.deepEqual(await decisionCookies(session), [], 'no decision cookie is left, shared or host-only');

  assert.equal(await startOn(session, app, APP, SHARED), null);
  assert.equal((await state(app)).decided, false, 'app asks again');
  assert.equal(await hookShown(app, 'banner'), true);
  await www.close();
});

e2e.test('a host-only decision left from before gives way to the shared one, and is deleted', async (session) => {
  const { page: www, context } = session;
  // Before the config had cookieDomain, the person accepted everything on www.
  assert.equal(await startOn(session, www, WWW, {}), null);
  await www.evaluate(() => window.kaitenConsent.acceptAll());
  assert.deepEqual(await decisionCookieDomains(session), [WWW]);
  // With it, they refuse everything on app: the shared decision.
  const app = await context.newPage();
  assert.equal(await startOn(session, app, APP, SHARED), null);
  assert.equal((await state(app)).decided, false, 'app never saw www\'s host-only decision');
  await app.evaluate(() => window.kaitenConsent.rejectAll());
  assert.deepEqual(await decisionCookieDomains(session), ['.kaiten.test', WWW]);

  // www now reads two decision cookies: the shared one wins, the host-only one goes.
  const fresh = await context.newPage();
  assert.equal(await startOn(session, fresh, WWW, SHARED), null);
  const onWww = await state(fresh);
  assert.equal(onWww.decided, true);
  assert.deepEqual(onWww.choices, { analytics: false, intercom: false, wootric: false });
  assert.deepEqual(await decisionCookieDomains(session), ['.kaiten.test']);
  await session.observe();
  assert.deepEqual(await ranVia(fresh), [], 'nothing the old host-only decision granted ran');
  await app.close();
  await fresh.close();
});

for (const [what, host, cookieDomain, message] of [
  ['not a parent of the page\'s host', WWW, 'other.test',
    'config.cookieDomain: "other.test" is not the page\'s host "www.kaiten.test" nor a parent of it'],
  ['a partial label match', WWW, 'n.test',
    'config.cookieDomain: "n.test" is not the page\'s host "www.kaiten.test" nor a parent of it'],
  ['a public suffix (the browser refuses the probe cookie)', 'shop.example.co.uk', 'co.uk',
    'config.cookieDomain: "co.uk" is a public suffix: the browser refuses cookies for it'],
  ['a single label', WWW, 'test', 'config.cookieDomain: expected a lowercase domain name of two labels or more'],
]) {
  e2e.test(`a cookieDomain that is ${what} fails closed: invalid_config naming cookieDomain, nothing mounted or loaded`, async (session) => {
    const { page } = session;
    const thrown = await startOn(session, page, host, { cookieDomain });
    assert.equal(thrown?.name, 'KaitenConsentError');
    assert.equal(thrown.code, 'invalid_config');
    assert.ok(thrown.message.includes(message), thrown.message);
    await session.observe();
    assert.ok(session.consoleText().includes(message), 'the console says it too');
    assert.equal(await page.evaluate(() => document.querySelector('[data-kc="root"]')), null, 'nothing mounted');
    assert.deepEqual(session.thirdPartyBrowserRequests().map((r) => r.url), [], 'nothing loaded');
    assert.deepEqual((await session.context.cookies()).map((c) => c.name), [], 'no probe or decision cookie is left');
  });
}
