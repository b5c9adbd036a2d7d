// Global Privacy Control made visible, in every engine: with the signal on and no decision, the
// widget refuses for the user and shows no banner, and the entry point and the preferences say
// the signal was honoured and what it kept off. Firefox sends the signal for real (its
// `privacy.globalprivacycontrol.enabled` setting); Chromium and WebKit have no such setting, so
// there the test page sets `navigator.globalPrivacyControl` before the widget starts (start.js,
// `gpc=1`), and the run says so.
//
// Run: E2E_ENGINE=chromium|firefox|webkit node --test e2e/engines/gpc.test.mjs   (webkit under xvfb-run -a)

import assert from 'node:assert/strict';
import { useEngine, waitInPage } from '../lib/engines/index.mjs';
import { partShown } from '../lib/engines/page.mjs';

const e2e = useEngine({ firefoxPrefs: { 'privacy.globalprivacycontrol.enabled': true } });

/** The text of the element at `selector` in the widget's shadow root, if shown. */
function widgetText(selector) {
  const element = document.querySelector('[data-kc="root"]')?.shadowRoot?.querySelector(selector);
  return element?.checkVisibility() ? element.textContent : null;
}

/** Whether the page sees the browser's own signal: on, and from the browser's own getter. */
function nativeSignal() {
  const getter = Object.getOwnPropertyDescriptor(Navigator.prototype, 'globalPrivacyControl')?.get;
  return navigator.globalPrivacyControl === true && String(getter).includes('[native code]');
}

e2e.test('Global Privacy Control honoured: the entry point and the preferences say so and name what stays off', async (session) => {
  const { tab } = session;
  if (session.engine === 'firefox') {
    await session.open('/e2e-pages/static.html');
    assert.equal(await tab.evaluate(nativeSignal), true, 'Firefox sends the signal itself');
  } else {
    session.note(`Global Privacy Control set by the page: ${session.engine} has no setting for it`);
    await session.open('/e2e-pages/static.html?gpc=1');
  }
  await waitInPage(tab, partShown, 'entry', { message: 'the entry point (GPC refused for the user)' });
  assert.equal(await tab.evaluate(partShown, 'banner'), false, 'no banner');
  assert.equal(await tab.evaluate(() => window.kaitenConsent.state().action), 'gpc');
  assert.equal(await tab.evaluate(widgetText, '[data-kc="entry"] .gpc'), 'Global Privacy Control honoured');
  await tab.click(['[data-kc="root"]', '[data-kc="entry"]']);
  await waitInPage(tab, partShown, 'preferences', { message: 'the preferences' });
  assert.equal(
    await tab.evaluate(widgetText, '[data-kc="preferences"] p.gpc'),
    'Your browser\'s Global Privacy Control signal is on, so these services stay off: '
      + 'Google Analytics, Intercom and Wootric. You can still turn one on here.',
  );
});
