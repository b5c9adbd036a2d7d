// Faults: the wasm cannot load or start, the browser's storage misbehaves, the network or a
// processor fails, the widget's own code panics, the clock is wrong. In every case nothing
// consent-based is fetched or runs without a decision, the host page stays usable, and the
// console says what went wrong.
//
// Run: node --test e2e/faults.test.mjs   (needs pkg/web from `cargo xtask build`)

import assert from 'node:assert/strict';
import { useE2E, waitUntil, sleep } from './lib/browser.mjs';
import { thirdPartyRequests, waitForRuns, ranVia } from './lib/blocking.mjs';
import {
  openFaultPage, assertFailedClosed, assertHostUsable, assertConsoleSays,
  bannerVisible, widgetMounted, standInConfig, recordErrorsAndLayoutShift, shiftClockFromUrl,
} from './lib/faults.mjs';

const e2e = useE2E();
const WASM = '**/kaiten_consent_bg.wasm';
const DID_NOT_START = /kaiten-consent: the widget did not start, so no consent-based script will load/;

/**
 * While the widget is down, the page keeps doing what a Kaiten page does: it inserts a processor
 * script itself and calls the guard's API stub. The script must stay held and no call may throw.
 */
async function useStubWhileWidgetDown(session) {
  const { page, thirdPartyOrigin } = session;
  const result = await page.evaluate((tp) => {
    const script = document.createElement('script');
    script.src = `${tp}/intercom.js?via=page`;
    document.head.appendChild(script);
    const api = window.kaitenConsent;
    const thrown = [];
    for (const [name, arg] of [['acceptAll'], ['rejectAll'], ['set', { intercom: true }], ['withdraw', 'intercom']]) {
      try { api[name](arg); } catch (error) { thrown.push(`${name}: ${error}`); }
    }
    let settled = false;
    try { api.whenGranted('intercom').then(() => { settled = true; }); } catch (error) { thrown.push(`whenGranted: ${error}`); }
    window.__settled = () => settled;
    return { held: script.type === 'text/plain' && script.hasAttribute('data-kc-held'), thrown };
  }, thirdPartyOrigin);
  assert.deepEqual(result.thrown, [], 'the stub threw');
  assert.ok(result.held, 'the page\'s processor script is held by the guard');
  return {
    async assertStillHeld() {
      assert.equal(await page.locator('script[data-kc-held]').count(), 1, 'the held script stays held');
      assert.equal(await page.evaluate(() => window.__settled()), false, 'whenGranted never resolves');
    },
  };
}

const loadFailures = [
  {
    name: 'the wasm answers 404',
    route: (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found\n' }),
    says: [/failed to fetch Wasm: 404/],
  },
  {
    name: 'the wasm URL answers with an HTML page (a single-page app\'s fallback route)',
    route: (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>App</title>' }),
    says: [/CompileError/],
  },
  {
    name: 'the wasm fails to compile (garbage bytes served as application/wasm)',
    route: (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('this is not wasm at all, just bytes') }),
    says: [/CompileError/],
  },
  {
    name: 'WebAssembly is undefined',
    setup: () => { delete window.WebAssembly; },
    says: [/WebAssembly is not defined/],
  },
  {
    name: "the page's CSP lacks 'wasm-unsafe-eval'",
    headers: { 'Content-Security-Policy': "script-src 'self'" },
    says: [/wasm-unsafe-eval|unsafe-eval/],
  },
];

for (const fault of loadFailures) {
  e2e.test(`${fault.name}: nothing loads, held scripts stay held, the stub does not throw, the page works, the console says why`, async (session) => {
    const { context, page } = session;
    if (fault.route) await context.route(WASM, fault.route);
    if (fault.headers) e2e.servers.setHtmlHeaders(fault.headers);
    try {
      await openFaultPage(session, { setup: fault.setup });
      const stub = await useStubWhileWidgetDown(session);
      await assertFailedClosed(session, [DID_NOT_START, ...fault.says]);
      assert.equal(await widgetMounted(page), false, 'no widget DOM');
      await stub.assertStillHeld();
    } finally {
      e2e.servers.setHtmlHeaders({});
    }
  });
}

e2e.test('the browser refuses constructed stylesheets (new CSSStyleSheet() throws): start throws KaitenConsentError mount_failed with the browser\'s error as cause, nothing loads, the page works, the console says why', async (session) => {
  const { page } = session;
  await openFaultPage(session, {
    setup: () => {
      window.CSSStyleSheet = function CSSStyleSheet() {
        throw new TypeError('Illegal constructor (e2e: no constructed stylesheets)');
      };
    },
  });
  const stub = await useStubWhileWidgetDown(session);
  await assertFailedClosed(session, [
    DID_NOT_START,
    /kaiten-consent: could not mount the widget \(it needs Shadow DOM and constructed stylesheets\); nothing consent-based will load\. The cause: TypeError: Illegal constructor \(e2e: no constructed stylesheets\)/,
  ]);
  assert.equal(await widgetMounted(page), false, 'no widget DOM');
  await stub.assertStillHeld();
  const thrown = await page.evaluate(async () => {
    const { KaitenConsent } = await import('/pkg/web/kaiten_consent.js');
    try {
      KaitenConsent.start({});
      return null;
    } catch (error) {
      return { name: error.name, code: error.code, message: error.message, cause: String(error.cause) };
    }
  });
  assert.deepEqual(thrown, {
    name: 'KaitenConsentError',
    code: 'mount_failed',
    message: "kaiten-consent: could not mount the widget (it needs Shadow DOM and constructed stylesheets); nothing consent-based will load (the cause is this error's `cause`)",
    cause: 'TypeError: Illegal constructor (e2e: no constructed stylesheets)',
  });
});

e2e.test('the wasm never arrives: scripts stay held, stub calls are queued without throwing, the page works', async (session) => {
  const { context, page } = session;
  await context.route(WASM, () => {}); // never answered
  await openFaultPage(session, { waitForEmbed: false });
  await page.waitForLoadState('load').catch(() => {});
  const stub = await useStubWhileWidgetDown(session);
  await assertFailedClosed(session, []);
  assert.equal(await page.evaluate(() => window.__embedDone), undefined, 'the snippet is still waiting');
  assert.equal(await page.evaluate(() => window.__kaitenConsentGuard.q.length), 5, 'the five calls are queued');
  await stub.assertStillHeld();
});

e2e.test('the wasm is served with a wrong MIME type: the glue falls back and warns, the widget works and still loads nothing before consent', async (session) => {
  const { context, page } = session;
  await context.route(WASM, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
  });
  await openFaultPage(session);
  await waitUntil(() => bannerVisible(page), { message: 'the banner' });
  await session.observe();
  assert.deepEqual(session.thirdPartyBrowserRequests(), []);
  assertConsoleSays(session, /application\/wasm/);
  await assertHostUsable(page);
  await page.evaluate(() => window.kaitenConsent.acceptAll());
  await waitForRuns(page, ['analytics', 'intercom', 'wootric']);
});

// The one real way found to make the widget's Rust panic: page code that a decision runs
// synchronously (a revived inline inert script, a vendor's off-switch, a synthetic click from
// either) calling back into the API while the widget applies that decision. Each such call used
// to hit a RefCell already borrowed: "panicked at src/web/api.rs … RefCell already mutably
// borrowed", a RuntimeError thrown into the page's script. Now reads answer from the loader's
// gate, and calls that would need the busy widget are logged no-ops.
e2e.test('page code run by a decision may call the API back: no panic, the answers are the decision in force, the widget keeps working', async (session) => {
  const { page } = session;
  await openFaultPage(session);
  await page.evaluate(() => {
    window.__calls = {};
    const inert = document.createElement('script');
    inert.type = 'text/plain';
    inert.dataset.processor = 'wootric';
    inert.textContent = `
      const api = window.kaitenConsent;
      window.__calls.isGranted = api.isGranted('wootric');
      api.whenGranted('wootric').then(() => { window.__calls.whenGranted = true; });
      try { api.state(); } catch (error) { window.__calls.state = error.name + ' ' + error.code; }
      api.showPreferences();
      document.querySelector('[data-kc="root"]').shadowRoot
        .querySelector('[data-kc="banner"] [data-kc-action="settings"]').click();
      window.__calls.done = true;`;
    document.body.append(inert);
  });
  await page.evaluate(() => window.kaitenConsent.acceptAll());
  await waitForRuns(page, ['analytics', 'intercom', 'wootric']);
  await waitUntil(() => page.evaluate(() => window.__calls.whenGranted === true), { message: 'whenGranted from the revived script' });
  assert.deepEqual(await page.evaluate(() => window.__calls), { isGranted: true, state: 'KaitenConsentError busy', whenGranted: true, done: true });

  // An off-switch that asks the API, as a vendor's shutdown hook might.
  await page.evaluate(() => {
    window.Intercom = (command) => { window.__calls[command] = window.kaitenConsent.isGranted('intercom'); };
  });
  await page.evaluate(() => window.kaitenConsent.withdraw('intercom'));
  assert.equal(await page.evaluate(() => window.__calls.shutdown), false, 'the off-switch sees the withdrawal');

  const text = session.consoleText();
  assert.doesNotMatch(text, /panicked|RuntimeError|pageerror/);
  assertConsoleSays(session, /kaiten-consent: (showPreferences|a click on the widget) was called while the widget was applying a decision/);
  // Later calls work as usual, state() included.
  assert.equal(await page.evaluate(() => window.kaitenConsent.state().choices.intercom), false);
  assert.deepEqual(await page.evaluate(() => ['analytics', 'intercom', 'wootric'].map((id) => window.kaitenConsent.isGranted(id))), [true, false, true]);
  await page.evaluate(() => window.kaitenConsent.showPreferences());
  await page.locator('[data-kc="preferences"]').waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await page.evaluate(() => window.kaitenConsent.rejectAll());
  assert.equal(await page.evaluate(() => window.kaitenConsent.isGranted('wootric')), false);
  await assertHostUsable(page);
});

/** Accepts with a real click on the banner and waits until the three stand-ins ran. */
async function acceptAllByClick(page) {
  await page.locator('[data-kc="banner"] [data-kc-action="accept-all"]').click();
  await waitForRuns(page, ['analytics', 'intercom', 'wootric']);
}

e2e.test('document.cookie throws: no stored decision applies, nothing loads, the console says so; a decision still applies to this page', async (session) => {
  const { page } = session;
  await openFaultPage(session, {
    setup: () => {
      const refuse = () => { throw new DOMException('cookies are off in this sandbox', 'SecurityError'); };
      Object.defineProperty(Document.prototype, 'cookie', { configurable: true, get: refuse, set: refuse });
    },
  });
  await waitUntil(() => bannerVisible(page), { message: 'the banner' });
  await assertFailedClosed(session, /kaiten-consent: document\.cookie threw when read/);
  await acceptAllByClick(page);
  assertConsoleSays(session, /kaiten-consent: the browser refused the consent cookie; the decision holds for this page only/);
  assert.equal(await bannerVisible(page), false);
});

e2e.test('cookies disabled (CDP Emulation.setDocumentCookieDisabled): the decision holds for this page only, the next page asks again and loads nothing', async (session) => {
  const { context, page } = session;
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setDocumentCookieDisabled', { disabled: true });
  await openFaultPage(session);
  await waitUntil(() => bannerVisible(page), { message: 'the banner' });
  await assertFailedClosed(session, []);
  await acceptAllByClick(page);
  assertConsoleSays(session, /the browser refused the consent cookie; the decision holds for this page only/);
  const mark = session.requests.length;
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.__embedDone === true);
  await waitUntil(() => bannerVisible(page), { message: 'the banner after reload' });
  await session.observe();
  assert.deepEqual(session.requests.slice(mark).filter((r) => r.url.startsWith(session.thirdPartyOrigin)), [], 'third party after reload');
  assert.deepEqual(await ranVia(page), []);
});

e2e.test('localStorage throws: the widget works, a withdrawal still switches the processor off and says its keys could not be removed', async (session) => {
  const { page } = session;
  await openFaultPage(session, {
    setup: () => {
      Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('storage is off', 'SecurityError'); } });
    },
  });
  await waitUntil(() => bannerVisible(page), { message: 'the banner' });
  await assertFailedClosed(session, []);
  await acceptAllByClick(page);
  await page.evaluate(() => window.kaitenConsent.withdraw('intercom'));
  assert.equal(await page.evaluate(() => window.__stopped_intercom), true, 'Intercom was shut down');
  assert.equal(await page.evaluate(() => window.kaitenConsent.isGranted('intercom')), false);
  // Storage is cleaned up once the withdrawal's frame is painted.
  const says = /kaiten-consent: localStorage threw when opened; a withdrawn processor's stored keys could not be removed/;
  await waitUntil(() => says.test(session.consoleText()), { message: 'the localStorage warning' });
  assertConsoleSays(session, says);
  assert.doesNotMatch(session.consoleText(), /panicked|pageerror/);
  await assertHostUsable(page);
});

e2e.test('storage quota exceeded (Web Storage throws QuotaExceededError, the cookie jar at its 180-cookie limit): the decision is stored and honoured on the next page', async (session) => {
  const { context, page, origin } = session;
  const url = new URL(origin);
  await context.addCookies(Array.from({ length: 180 }, (_, i) => ({
    name: `filler${i}`, value: 'x'.repeat(20), domain: url.hostname, path: '/',
  })));
  await openFaultPage(session, {
    setup: () => {
      Storage.prototype.setItem = function () { throw new DOMException('quota exceeded', 'QuotaExceededError'); };
    },
  });
  await waitUntil(() => bannerVisible(page), { message: 'the banner' });
  await assertFailedClosed(session, []);
  await acceptAllByClick(page);
  const names = (await context.cookies(origin)).map((c) => c.name);
  assert.ok(names.includes('kaiten_consent'), 'the consent cookie survived the full jar');
  await page.reload({ waitUntil: 'domcontentloaded' });
  await waitForRuns(page, ['analytics', 'intercom', 'wootric']);
  assert.equal(await bannerVisible(page), false, 'no banner: the decision was read back');
  assert.doesNotMatch(session.consoleText(), /panicked|refused the consent cookie/);
});

e2e.test('the consent endpoint (config.proofUrl) is down: the decision still applies and is stored, no unhandled rejection, the page works', async (session) => {
  const { context, page, thirdPartyOrigin } = session;
  const proofRequests = [];
  await context.route('**/consent-proof', (route) => { proofRequests.push(route.request().url()); return route.abort('connectionrefused'); });
  await context.addInitScript(recordErrorsAndLayoutShift);
  await openFaultPage(session, { config: standInConfig(thirdPartyOrigin, { proofUrl: '/consent-proof' }) });
  await waitUntil(() => bannerVisible(page), { message: 'the banner' });
  await assertFailedClosed(session, []);
  await acceptAllByClick(page);
  await session.observe();
  assert.ok((await context.cookies()).some((c) => c.name === 'kaiten_consent'), 'the decision is stored');
  assert.equal(await page.evaluate(() => window.kaitenConsent.isGranted('intercom')), true);
  assert.deepEqual(await page.evaluate(() => window.__e2eErrors), [], 'unhandled rejections or errors');
  assert.doesNotMatch(session.consoleText(), /panicked|Uncaught/);
  await assertHostUsable(page);
});

e2e.test('a processor script that throws and one that 404s: the others load once granted, the widget keeps working', async (session) => {
  const { context, page, thirdPartyOrigin } = session;
  await context.route('**/throws.js', (route) => route.fulfill({
    contentType: 'text/javascript',
    body: "window.__threw = true; throw new Error('the processor script broke');",
  }));
  await openFaultPage(session, {
    config: {
      scripts: {
        analytics: `${thirdPartyOrigin}/throws.js`,
        intercom: `${thirdPartyOrigin}/intercom.js`,
        wootric: `${thirdPartyOrigin}/missing.js`,
      },
    },
  });
  await waitUntil(() => bannerVisible(page), { message: 'the banner' });
  await assertFailedClosed(session, []);
  await page.locator('[data-kc="banner"] [data-kc-action="accept-all"]').click();
  await waitForRuns(page, ['intercom']);
  await waitUntil(() => page.evaluate(() => window.__threw === true), { message: 'the throwing script ran' });
  await session.observe();
  assert.equal(thirdPartyRequests(session, 'missing.js').length, 1, 'the 404 script was asked for once');
  assertConsoleSays(session, /the processor script broke/);
  // The widget still answers and decides.
  await page.evaluate(() => window.kaitenConsent.showPreferences());
  await page.locator('[data-kc="preferences"]').waitFor({ state: 'visible' });
  await page.locator('[data-kc-processor="intercom"]').uncheck();
  await page.locator('[data-kc="preferences"] [data-kc-action="save"]').click();
  assert.equal(await page.evaluate(() => window.kaitenConsent.isGranted('intercom')), false);
  assert.equal(await page.evaluate(() => window.__stopped_intercom), true);
  assert.doesNotMatch(session.consoleText(), /panicked/);
});

e2e.test('the wasm is delayed 10 s: no third-party request meanwhile, the app is usable, then the banner shifts the layout by at most 0.1', async (session) => {
  const { context, page } = session;
  await context.addInitScript(recordErrorsAndLayoutShift);
  e2e.servers.setWasmDelay(10_000);
  try {
    await openFaultPage(session, { waitForEmbed: false });
    await assertHostUsable(page);
    const held = await page.evaluate((tp) => {
      const script = document.createElement('script');
      script.src = `${tp}/intercom.js?via=page`;
      document.body.appendChild(script);
      return script.hasAttribute('data-kc-held');
    }, session.thirdPartyOrigin);
    assert.ok(held, 'the page\'s processor script is held while the wasm is on its way');
    assert.equal(await page.evaluate(() => window.__embedDone), undefined, 'the widget has not started yet');
    assert.deepEqual(session.thirdPartyBrowserRequests(), [], 'third party while waiting');
    await page.waitForFunction(() => window.__embedDone === true, null, { timeout: 20_000 });
    await waitUntil(() => bannerVisible(page), { message: 'the banner' });
    await session.observe();
    assert.deepEqual(session.thirdPartyBrowserRequests(), [], 'third party before a decision');
    const cls = await page.evaluate(() => window.__cls);
    assert.ok(cls <= 0.1, `cumulative layout shift ${cls} > 0.1`);
    assert.deepEqual(await page.evaluate(() => window.__e2eErrors), []);
    await assertHostUsable(page);
  } finally {
    e2e.servers.setWasmDelay(0);
  }
});

// The client clock years off. Decided: shift Date in the page (an init script reading
// ?clockDays=), not CDP virtual time: the widget reads Date.now, and the cookie's lifetime is
// Max-Age, which the browser counts on its own clock. A decision must neither count for years
// nor crash; where it cannot be trusted the user is asked again.
const YEARS = 3650;
for (const [name, decidedAt, readAt] of [
  ['decided with the clock 10 years ahead, read with the right clock', YEARS, 0],
  ['decided with the right clock, read with the clock 10 years ahead', 0, YEARS],
  ['decided with the clock 10 years behind, read with the right clock', -YEARS, 0],
  ['decided with the right clock, read with the clock 10 years behind', 0, -YEARS],
]) {
  e2e.test(`clock years off, ${name}: the next page asks again and loads nothing`, async (session) => {
    const { context, page } = session;
    await context.addInitScript(shiftClockFromUrl);
    await openFaultPage(session, { query: `?clockDays=${decidedAt}` });
    await waitUntil(() => bannerVisible(page), { message: 'the banner' });
    await acceptAllByClick(page);
    assert.ok((await context.cookies()).some((c) => c.name === 'kaiten_consent'), 'the decision is stored');
    const mark = session.requests.length;
    await openFaultPage(session, { query: `?clockDays=${readAt}` });
    await waitUntil(() => bannerVisible(page), { message: 'the banner on the next page' });
    await session.observe();
    assert.deepEqual(session.requests.slice(mark).filter((r) => r.url.startsWith(session.thirdPartyOrigin)).map((r) => r.url), []);
    assert.deepEqual(await ranVia(page), []);
    assert.doesNotMatch(session.consoleText(), /panicked|pageerror/);
    await assertHostUsable(page);
  });
}
