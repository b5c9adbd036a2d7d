// setLanguage in every engine: it rewords the open preferences in place, keeping the dialog open,
// focus on the same switch and the switch as the user left it, and Escape then returns focus to
// the reworded Settings button. (The Global Privacy Control note: gpc.test.mjs.)
//
// Run: E2E_ENGINE=chromium|firefox|webkit node --test e2e/engines/texts.test.mjs   (webkit under xvfb-run -a)

import assert from 'node:assert/strict';
import { useEngine, waitInPage, widget } from '../lib/engines/index.mjs';
import { partShown, partHidden, switchOn, focusedHook, widgetStarted } from '../lib/engines/page.mjs';

const e2e = useEngine();

/** The text of the element at `selector` in the widget's shadow root, or null. */
function widgetText(selector) {
  const element = document.querySelector('[data-kc="root"]')?.shadowRoot?.querySelector(selector);
  return element?.checkVisibility() ? element.textContent : null;
}

e2e.test('setLanguage rewords the open preferences in place: still open, focus and the unsaved switch kept, Escape returns to Settings', async (session) => {
  const { tab } = session;
  await session.open('/e2e-pages/static.html');
  await waitInPage(tab, widgetStarted, undefined, { message: 'the widget to start' });
  await waitInPage(tab, partShown, 'banner', { message: 'the banner' });
  await tab.click(widget.action('banner', 'settings'));
  await waitInPage(tab, partShown, 'preferences', { message: 'the preferences' });
  await tab.click(widget.processor('intercom'));
  assert.equal(await tab.evaluate(focusedHook), 'preferences:intercom');

  await tab.evaluate(() => window.kaitenConsent.setLanguage('ru'));

  assert.equal(await tab.evaluate(() => document.querySelector('[data-kc="root"]').lang), 'ru');
  assert.equal(await tab.evaluate(partShown, 'preferences'), true, 'still open');
  assert.equal(await tab.evaluate(widgetText, '[data-kc="preferences"] h2'), 'Настройки конфиденциальности');
  assert.equal(await tab.evaluate(focusedHook), 'preferences:intercom', 'focus on the same switch');
  assert.equal(await tab.evaluate(switchOn, 'intercom'), true, 'the unsaved choice is kept');
  assert.equal(await tab.evaluate(switchOn, 'analytics'), false);

  await tab.press('Escape');
  await waitInPage(tab, partHidden, 'preferences', { message: 'the preferences to close' });
  // Focus returns in the dialog's `close` event, a task after it hides.
  const deadline = Date.now() + 2000;
  while (await tab.evaluate(focusedHook) !== 'banner:settings' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal(await tab.evaluate(focusedHook), 'banner:settings');
  assert.equal(await tab.evaluate(widgetText, '[data-kc="banner"] [data-kc-action="accept-all"]'), 'Принять все');
});
