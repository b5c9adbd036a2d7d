// The JS API from the page, as an app calls it: every method, the change event and onChange
// with the same snapshot as state(), sources, reset, errors, and destroy() taking the widget
// down while the guard goes back to holding.

import assert from 'node:assert/strict';
import { useE2E, waitUntil } from './lib/browser.mjs';
import { consentCookie, events, hookShown, openApiPage } from './lib/api.mjs';
import { ranVia, waitForRuns } from './lib/blocking.mjs';

const e2e = useE2E();
const PROCESSORS = ['analytics', 'intercom', 'wootric'];

e2e.test('every method, with a change event and onChange call carrying the state() snapshot', async (session) => {
  const { page } = session;
  await openApiPage(session);
  const initial = await page.evaluate(() => {
    window.__api.listen();
    const consent = window.__api.start();
    window.__seen = [];
    // A listener that throws does not stop the widget or the listeners after it.
    consent.onChange(() => { throw new Error('listener bug'); });
    window.__unsubscribe = consent.onChange((snapshot) => window.__seen.push(snapshot));
    return consent.state();
  });
  assert.deepEqual(initial, {
    decided: false, action: null, source: null, consentId: null, decidedAt: null, expiresAt: null,
    revision: 1, language: 'en', gpc: false, choices: { analytics: false, intercom: false, wootric: false },
  });
  assert.equal(await hookShown(page, 'banner'), true);

  // Each deciding call: one event and one onChange call, the same frozen object as detail and
  // argument, equal to state() right after; source "api".
  const step = (call) => page.evaluate(async (call) => {
    const consent = window.kaitenConsent;
    const before = window.__api.events.length;
    new Function('consent', call)(consent);
    const fired = window.__api.events.slice(before);
    const snapshot = consent.state();
    const last = window.__seen[window.__seen.length - 1];
    return {
      fired: fired.length,
      isCustomEvent: fired[0]?.isCustomEvent,
      sameObject: fired[0]?.detail === last,
      frozen: Object.isFrozen(last) && Object.isFrozen(last.choices),
      detail: fired[0]?.detail,
      snapshot,
      granted: Object.fromEntries(['analytics', 'intercom', 'wootric'].map((id) => [id, consent.isGranted(id)])),
    };
  }, call);

  let result = await step('consent.acceptAll()');
  assert.equal(result.fired, 1);
  assert.ok(result.isCustomEvent && result.sameObject && result.frozen);
  assert.deepEqual(result.detail, result.snapshot);
  assert.equal(result.snapshot.action, 'accept_all');
  assert.equal(result.snapshot.source, 'api');
  assert.equal(result.snapshot.decided, true);
  assert.match(result.snapshot.consentId, /^[A-Za-z0-9_-]{22}$/);
  assert.match(result.snapshot.decidedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const lifetime = Date.parse(result.snapshot.expiresAt) - Date.parse(result.snapshot.decidedAt);
  assert.equal(lifetime, 182 * 86_400_000);
  assert.ok(Math.abs(Date.parse(result.snapshot.decidedAt) - Date.now()) < 60_000);
  assert.deepEqual(result.granted, { analytics: true, intercom: true, wootric: true });
  assert.deepEqual(result.snapshot.choices, result.granted);
  await waitForRuns(page, PROCESSORS);
  assert.equal(await hookShown(page, 'banner'), false);
  assert.ok((await consentCookie(session)).includes('~accept_all~'));
  assert.ok(session.consoleText().includes('an onChange listener threw'), session.consoleText());
  // whenGranted: resolves at once for a granted processor.
  assert.equal(await page.evaluate(() => window.kaitenConsent.whenGranted('wootric').then(() => 'resolved')), 'resolved');

  result = await step('consent.rejectAll()');
  assert.equal(result.fired, 1);
  assert.deepEqual(result.detail, result.snapshot);
  assert.equal(result.snapshot.action, 'reject_all');
  assert.deepEqual(result.granted, { analytics: false, intercom: false, wootric: false });

  // whenGranted pending until set() grants it.
  await page.evaluate(() => {
    window.__granted = false;
    window.kaitenConsent.whenGranted('intercom').then(() => { window.__granted = true; });
  });
  assert.equal(await page.evaluate(() => window.__granted), false);
  result = await step("consent.set({ intercom: true, analytics: 'yes' })");
  assert.equal(result.snapshot.action, 'custom');
  assert.equal(result.snapshot.source, 'api');
  assert.deepEqual(result.snapshot.choices, { analytics: false, intercom: true, wootric: false });
  await waitUntil(() => page.evaluate(() => window.__granted), { message: 'whenGranted to resolve' });

  result = await step("consent.withdraw('intercom')");
  assert.equal(result.fired, 1);
  assert.equal(result.snapshot.action, 'withdraw');
  assert.deepEqual(result.snapshot.choices, { analytics: false, intercom: false, wootric: false });

  // Nothing changes: no event.
  result = await step("consent.withdraw('intercom')");
  assert.equal(result.fired, 0);

  // Dialogs and banner.
  await page.evaluate(() => window.kaitenConsent.showBanner());
  assert.equal(await hookShown(page, 'banner'), true);
  await page.evaluate(() => window.kaitenConsent.showPreferences());
  assert.equal(await hookShown(page, 'preferences'), true);
  await page.keyboard.press('Escape');
  await page.evaluate(() => window.kaitenConsent.showNotice());
  assert.equal(await hookShown(page, 'notice'), true);
  await page.keyboard.press('Escape');

  // Unsubscribed: the event still fires, the listener is not called.
  const seen = await page.evaluate(() => { window.__unsubscribe(); window.__unsubscribe(); return window.__seen.length; });
  result = await step('consent.acceptAll()');
  assert.equal(result.fired, 1);
  assert.equal(await page.evaluate(() => window.__seen.length), seen);

  // reset(): cookie gone, processors stopped as on withdrawal, banner back, an undecided event.
  result = await step('consent.reset()');
  assert.equal(result.fired, 1);
  assert.deepEqual(result.detail, result.snapshot);
  assert.equal(result.snapshot.decided, false);
  assert.equal(result.snapshot.source, null);
  assert.deepEqual(result.granted, { analytics: false, intercom: false, wootric: false });
  assert.equal(await consentCookie(session), null);
  assert.equal(await hookShown(page, 'banner'), true);
  assert.deepEqual(await page.evaluate(() => [window.__stopped_intercom, window.__stopped_wootric]), [true, true]);
  assert.deepEqual((await session.context.cookies()).map((c) => c.name).filter((n) => /^(_ga|_gid|intercom|NPS_)/.test(n)), []);

  // On the next load the banner asks again.
  await openApiPage(session);
  const next = await page.evaluate(() => window.__api.start().state());
  assert.equal(next.decided, false);
  assert.equal(await hookShown(page, 'banner'), true);
});

e2e.test('a decision through the banner, the preferences or a stored cookie says where it came from', async (session) => {
  const { page } = session;
  await openApiPage(session);
  await page.evaluate(() => window.__api.start());
  await page.locator('[data-kc="banner"] [data-kc-action="accept-all"]').click();
  assert.equal(await page.evaluate(() => window.kaitenConsent.state().source), 'banner');
  await page.evaluate(() => window.kaitenConsent.showPreferences());
  await page.locator('[data-kc="preferences"] [data-kc-action="save"]').click();
  const saved = await page.evaluate(() => window.kaitenConsent.state());
  assert.equal(saved.source, 'preferences');
  assert.equal(saved.action, 'custom');
  // Read back on the next page: "stored", with the same id; a change event at start tells
  // listeners that were there first.
  await openApiPage(session);
  const stored = await page.evaluate(() => {
    window.__api.listen();
    return window.__api.start().state();
  });
  assert.equal(stored.source, 'stored');
  assert.equal(stored.consentId, saved.consentId);
  const fired = await events(page);
  assert.equal(fired.length, 1);
  assert.deepEqual(fired[0].detail, stored);
});

e2e.test('an invalid config throws a KaitenConsentError listing every issue, and nothing loads', async (session) => {
  const { page, thirdPartyOrigin } = session;
  await openApiPage(session);
  const thrown = await page.evaluate(() => {
    try {
      window.__api.KaitenConsent.start(window.__api.config({ revision: 0, language: 'fr', proofUrl: 'http://elsewhere.example/log', colour: 'red' }));
      return null;
    } catch (error) {
      return { isError: error instanceof Error, name: error.name, code: error.code, message: error.message };
    }
  });
  assert.ok(thrown, 'start threw');
  assert.equal(thrown.isError, true);
  assert.equal(thrown.name, 'KaitenConsentError');
  assert.equal(thrown.code, 'invalid_config');
  for (const path of ['revision', 'language', 'proofUrl', 'colour']) {
    assert.ok(thrown.message.includes(path), `the message names ${path}: ${thrown.message}`);
  }
  // Fails closed: no widget, and the guard holds a processor script the page inserts.
  assert.equal(await page.evaluate(() => document.querySelector('[data-kc="root"]')), null);
  await page.evaluate((origin) => {
    const script = document.createElement('script');
    script.src = `${origin}/analytics.js?via=after-invalid`;
    document.head.append(script);
  }, thirdPartyOrigin);
  await session.observe();
  assert.deepEqual(session.thirdPartyServerRequests(), []);
  assert.deepEqual(await ranVia(page), []);
  // The other error codes are named errors too.
  const codes = await page.evaluate(async () => {
    const consent = window.__api.start();
    const invalidId = await consent.whenGranted('Not An Id').catch((e) => [e.name, e.code]);
    const notAFunction = (() => { try { consent.onChange('nope'); } catch (e) { return [e.name, e.code]; } })();
    return { invalidId, notAFunction };
  });
  assert.deepEqual(codes, {
    invalidId: ['KaitenConsentError', 'invalid_id'],
    notAFunction: ['KaitenConsentError', 'invalid_argument'],
  });
});

e2e.test('destroy() takes the widget down, rejects pending whenGranted, and the guard holds again until the next start', async (session) => {
  const { page, thirdPartyOrigin } = session;
  await openApiPage(session);
  const outcome = await page.evaluate(async () => {
    const consent = window.__api.start();
    const listened = [];
    consent.onChange((s) => listened.push(s));
    const pending = consent.whenGranted('wootric').then(() => 'resolved', (e) => [e.name, e.code]);
    consent.set({ analytics: true });
    // The widget inserts analytics once the decision's frame is painted; a destroy() before
    // that cancels the load (tests/web_loader.rs), so this one waits for it.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    consent.destroy();
    consent.destroy(); // again: nothing
    const after = {};
    for (const call of ['state', 'acceptAll', 'rejectAll', 'reset', 'showBanner', 'showPreferences', 'showNotice']) {
      try { consent[call](); after[call] = 'returned'; } catch (e) { after[call] = `${e.name}:${e.code}`; }
    }
    for (const [call, arg] of [['isGranted', 'analytics'], ['whenGranted', 'analytics'], ['set', {}], ['withdraw', 'analytics'], ['onChange', () => {}]]) {
      try { consent[call](arg); after[call] = 'returned'; } catch (e) { after[call] = `${e.name}:${e.code}`; }
    }
    return {
      pending: await pending,
      after,
      host: document.querySelector('[data-kc="root"]') !== null,
      placeholders: document.querySelectorAll('[data-kc-placeholder]').length,
      listened: listened.length,
    };
  });
  assert.deepEqual(outcome.pending, ['KaitenConsentError', 'destroyed']);
  for (const [call, result] of Object.entries(outcome.after)) {
    assert.equal(result, 'KaitenConsentError:destroyed', `${call} after destroy`);
  }
  assert.equal(outcome.host, false);
  assert.equal(outcome.placeholders, 0);
  assert.equal(outcome.listened, 1);
  await waitForRuns(page, ['analytics']);

  // The guard holds again: a processor script inserted now is neither fetched nor run ...
  await page.evaluate((origin) => {
    const script = document.createElement('script');
    script.src = `${origin}/wootric.js?via=after-destroy`;
    document.body.append(script);
  }, thirdPartyOrigin);
  await session.observe();
  assert.deepEqual(session.thirdPartyServerRequests().filter((r) => r.path.includes('after-destroy')), []);
  assert.equal(await page.evaluate(() => document.querySelectorAll('script[data-kc-held]').length), 1);
  // ... and a new start with consent revives it.
  await page.evaluate(() => window.__api.start().acceptAll());
  await waitUntil(async () => (await ranVia(page)).includes('wootric:after-destroy'), { timeout: 10_000, message: 'the held script to run after the new start' });
  await session.observe();
  // The new widget does not insert again what the destroyed one inserted: analytics ran once.
  assert.deepEqual((await ranVia(page)).filter((entry) => entry === 'analytics'), ['analytics']);
});
