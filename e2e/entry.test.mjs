// The package's main entry (issue 17): `startConsent` loads the wasm from the package's own URL
// and starts in one call, and rejects with a `KaitenConsentError` (`load_failed`, the browser's
// error as `cause`) when the wasm cannot load, failing closed; every error the widget throws is an
// instance of the exported class; methods work destructured; `state()` is the same frozen object
// until the state changes (and is the change event's detail); `kaiten-consent:show` and `…:hide`
// say when each layer opens and closes.
//
// Run: node --test e2e/entry.test.mjs   (needs pkg/web from `cargo xtask build`)

import assert from 'node:assert/strict';
import { useE2E } from './lib/browser.mjs';
import { ui } from './lib/ui.mjs';

const e2e = useE2E();

async function openEntryPage(session) {
  const { page } = session;
  await page.goto(`${session.origin}/e2e-pages/entry.html`, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.__entry?.module);
}

e2e.test('startConsent loads the wasm from the package and starts in one call', async (session) => {
  const { page } = session;
  const mark = e2e.servers.firstPartyRequests.length;
  await openEntryPage(session);
  const started = await page.evaluate(async () => {
    const { startConsent, KaitenConsent } = window.__entry.module;
    window.kaitenConsent = await startConsent({ scripts: window.__entry.scripts });
    return window.kaitenConsent instanceof KaitenConsent;
  });
  assert.equal(started, true);
  await page.locator(ui.banner).waitFor({ state: 'visible' });
  const wasm = e2e.servers.firstPartyRequests.slice(mark).filter((r) => r.path.endsWith('kaiten_consent_bg.wasm'));
  assert.equal(wasm.length, 1, 'the wasm, fetched once');
});

e2e.test('a wasm that cannot load rejects with load_failed and its cause, says why, and nothing consent-based loads', async (session) => {
  const { page } = session;
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.route('**/kaiten_consent_bg.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: 'not wasm' }));
  await openEntryPage(session);
  const rejected = await page.evaluate(async () => {
    const { startConsent, KaitenConsentError } = window.__entry.module;
    // The page queues a call on the guard's stub, as app code may before the widget is up.
    window.kaitenConsent.acceptAll();
    try {
      await startConsent({ scripts: window.__entry.scripts });
      return null;
    } catch (error) {
      return {
        typed: error instanceof KaitenConsentError && error instanceof Error,
        name: error.name,
        code: error.code,
        cause: error.cause?.name,
        message: error.message,
      };
    }
  });
  assert.deepEqual(
    { typed: rejected?.typed, name: rejected?.name, code: rejected?.code },
    { typed: true, name: 'KaitenConsentError', code: 'load_failed' },
  );
  assert.equal(rejected.cause, 'CompileError', 'the browser\'s error is the cause');
  assert.ok(errors.some((e) => e.includes('could not be loaded')), `said on the console: ${errors.join('\n')}`);
  await page.locator('#page-button').click({ timeout: 2000 });
  await page.waitForTimeout(500);
  assert.deepEqual(session.thirdPartyServerRequests().map((r) => r.path), [], 'nothing consent-based loads, the queued acceptAll included');
  assert.equal(await page.locator(ui.root).count(), 0);
});

e2e.test('every error is a KaitenConsentError instance, from start, from a method and from a rejected promise', async (session) => {
  const { page } = session;
  await openEntryPage(session);
  const seen = await page.evaluate(async () => {
    const { startConsent, KaitenConsent, KaitenConsentError } = window.__entry.module;
    const kinds = [];
    try { await startConsent({ revision: 0 }); } catch (error) { kinds.push([error instanceof KaitenConsentError, error.code]); }
    try { KaitenConsent.start({ cookieName: '' }); } catch (error) { kinds.push([error instanceof KaitenConsentError, error.code]); }
    const consent = await startConsent({ scripts: window.__entry.scripts });
    try { consent.setLanguage('fr'); } catch (error) { kinds.push([error instanceof KaitenConsentError, error.code]); }
    const pending = consent.whenGranted('analytics');
    consent.destroy();
    kinds.push(['running after destroy', window.__entry.module.runningConsent()]);
    try { await pending; } catch (error) { kinds.push([error instanceof KaitenConsentError, error.code]); }
    try { consent.state(); } catch (error) { kinds.push([error instanceof KaitenConsentError, error.code]); }
    return kinds;
  });
  assert.deepEqual(seen, [
    [true, 'invalid_config'],
    [true, 'invalid_config'],
    [true, 'invalid_argument'],
    ['running after destroy', null],
    [true, 'destroyed'],
    [true, 'destroyed'],
  ]);
});

e2e.test('methods work destructured, and state() is one frozen object until the state changes', async (session) => {
  const { page } = session;
  await openEntryPage(session);
  const result = await page.evaluate(async () => {
    const { startConsent, runningConsent, onRunningConsent } = window.__entry.module;
    let heardRunning = 0;
    onRunningConsent(() => { heardRunning += 1; });
    const consent = await startConsent({ scripts: window.__entry.scripts });
    window.kaitenConsent = consent;
    const running = runningConsent() === consent && heardRunning === 1;
    const { state, acceptAll, isGranted, onChange } = consent;
    const details = [];
    document.addEventListener('kaiten-consent:change', (event) => details.push(event.detail));
    const heard = [];
    onChange((snapshot) => heard.push(snapshot));
    const before = state();
    const same = state() === before && Object.isFrozen(before);
    acceptAll();
    const after = state();
    return {
      running,
      same,
      changed: after !== before,
      stable: state() === after,
      detail: details[0] === after,
      listener: heard[0] === after,
      granted: isGranted('intercom'),
    };
  });
  assert.deepEqual(result, { running: true, same: true, changed: true, stable: true, detail: true, listener: true, granted: true });
});

e2e.test('kaiten-consent:show and :hide name each layer as it opens and closes, and a listener may call the API', async (session) => {
  const { page } = session;
  await openEntryPage(session);
  await page.evaluate(async () => {
    window.kaitenConsent = await window.__entry.module.startConsent({ scripts: window.__entry.scripts });
  });
  await page.locator(ui.banner).waitFor({ state: 'visible' });
  await page.locator(ui.in('banner', 'settings')).click();
  await page.locator(ui.preferences).waitFor({ state: 'visible' });
  await page.locator(ui.in('preferences', 'open-notice')).click();
  await page.locator(ui.notice).waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.locator(ui.in('banner', 'reject-all')).click();
  await page.locator(ui.entry).waitFor({ state: 'visible' });
  await page.evaluate(() => window.kaitenConsent.showBanner());
  await page.evaluate(() => window.kaitenConsent.destroy());
  const layers = await page.evaluate(() => window.__entry.layers);
  assert.deepEqual(layers, [
    'show banner starting',
    'show preferences asking',
    'show notice asking',
    'hide notice asking',
    'hide preferences asking',
    'hide banner decided',
    'show banner decided',
    'hide banner destroyed',
  ]);
});
