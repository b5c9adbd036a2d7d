// The package's main entry in every engine (issue 17): `startConsent` loads and starts in one
// call; errors are instances of the exported `KaitenConsentError`; methods work destructured;
// `state()` is one object until the state changes; and `kaiten-consent:show` / `:hide` name each
// layer as it opens and closes.
//
// Run: E2E_ENGINE=chromium|firefox|webkit node --test e2e/engines/entry.test.mjs   (webkit under xvfb-run -a)

import assert from 'node:assert/strict';
import { useEngine, waitInPage, widget } from '../lib/engines/index.mjs';
import { partShown, partHidden } from '../lib/engines/page.mjs';

const e2e = useEngine();

/** Whether the entry page's module is loaded. */
function entryReady() {
  return Boolean(window.__entry?.module);
}

/** Starts the widget through `startConsent`, in a page task; the page records how it went. */
function start() {
  setTimeout(async () => {
    try {
      window.kaitenConsent = await window.__entry.module.startConsent({ scripts: window.__entry.scripts });
      window.__started = 'started';
    } catch (error) {
      window.__started = `${error.name} ${error.code}`;
    }
  });
}

e2e.test('startConsent starts the widget; its errors are KaitenConsentError instances; methods work destructured; state() is stable', async (session) => {
  const { tab } = session;
  await session.open('/e2e-pages/entry.html');
  await waitInPage(tab, entryReady, undefined, { message: 'the entry module' });
  await tab.evaluate(start);
  await waitInPage(tab, () => window.__started, undefined, { message: 'startConsent to settle' });
  assert.equal(await tab.evaluate(() => window.__started), 'started');
  await waitInPage(tab, partShown, 'banner', { message: 'the banner' });

  const checks = await tab.evaluate(() => {
    const { KaitenConsentError } = window.__entry.module;
    const consent = window.kaitenConsent;
    const { state, isGranted } = consent;
    const before = state();
    let typed = false;
    try {
      consent.setLanguage('fr');
    } catch (error) {
      typed = error instanceof KaitenConsentError && error.code === 'invalid_argument';
    }
    return { stable: state() === before && Object.isFrozen(before), typed, granted: isGranted('intercom') };
  });
  assert.deepEqual(checks, { stable: true, typed: true, granted: false });
});

e2e.test('kaiten-consent:show and :hide name the banner and the preferences as they open and close', async (session) => {
  const { tab } = session;
  await session.open('/e2e-pages/entry.html');
  await waitInPage(tab, entryReady, undefined, { message: 'the entry module' });
  await tab.evaluate(start);
  await waitInPage(tab, partShown, 'banner', { message: 'the banner' });
  await tab.click(widget.action('banner', 'settings'));
  await waitInPage(tab, partShown, 'preferences', { message: 'the preferences' });
  await tab.press('Escape');
  await waitInPage(tab, partHidden, 'preferences', { message: 'the preferences to close' });
  await tab.click(widget.action('banner', 'reject-all'));
  await waitInPage(tab, partShown, 'entry', { message: 'the entry point' });
  await waitInPage(tab, () => window.__entry.layers.length >= 4, undefined, { message: 'four layer events' });
  assert.deepEqual(await tab.evaluate(() => window.__entry.layers), [
    'show banner starting',
    'show preferences asking',
    'hide preferences asking',
    'hide banner decided',
  ]);
});
