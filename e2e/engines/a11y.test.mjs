// axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa, best-practice) over the whole demo page,
// the widget's open shadow root included, in every engine: zero violations with the banner shown,
// with the preferences open and with the notice open over them, in English and Russian (the
// colour schemes are Chromium's e2e/a11y.test.mjs's: no other driver can emulate them).
//
// Run: E2E_ENGINE=chromium|firefox|webkit node --test e2e/engines/a11y.test.mjs   (webkit under xvfb-run -a)

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../lib/browser.mjs';
import { useEngine, widget, waitInPage } from '../lib/engines/index.mjs';
import { partShown } from '../lib/engines/page.mjs';
import { AXE_TAGS, describeViolations, runAxe } from '../lib/ui.mjs';

const e2e = useEngine();
const AXE_SOURCE = fs.readFileSync(path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

async function assertNoViolations(tab, state) {
  const violations = await tab.evaluate(runAxe, AXE_TAGS);
  assert.equal(violations.length, 0, `${state}: axe found\n${describeViolations(violations)}`);
}

/** In the page: starts the widget again in `language`, as a page in that language would. */
async function restartIn(language) {
  const { KaitenConsent } = await import('/pkg/web/kaiten_consent.js');
  window.kaitenConsent.destroy();
  window.kaitenConsent = KaitenConsent.start({ language });
  return document.querySelector('[data-kc="root"]').getAttribute('lang');
}

e2e.test('axe: the banner, the preferences and the notice have no violations, in English and Russian', async (session) => {
  const { tab } = session;
  await session.open('/');
  await waitInPage(tab, partShown, 'banner', { message: 'the banner' });
  // The demo has no Content-Security-Policy, so axe's source can be evaluated as it is (a <script>
  // would need the first-party server to serve node_modules).
  await tab.evaluate((source) => { (0, eval)(source); }, AXE_SOURCE);
  assert.equal(await tab.evaluate(() => typeof window.axe?.run), 'function', 'axe is in the page');

  for (const language of ['en', 'ru']) {
    if (language !== 'en') {
      assert.equal(await tab.evaluate(restartIn, language), language, 'the widget says its language');
      await waitInPage(tab, partShown, 'banner', { message: `the banner (${language})` });
    }
    await assertNoViolations(tab, `banner (${language})`);

    await tab.click(widget.action('banner', 'settings'));
    await waitInPage(tab, partShown, 'preferences', { message: 'the preferences' });
    await assertNoViolations(tab, `preferences (${language})`);

    await tab.click(widget.action('preferences', 'open-notice'));
    await waitInPage(tab, partShown, 'notice', { message: 'the notice' });
    await assertNoViolations(tab, `notice over the preferences (${language})`);
  }

  // The zero is not for want of looking: a nameless button in the widget's shadow root is found.
  await tab.evaluate(() => {
    const notice = document.querySelector('[data-kc="root"]').shadowRoot.querySelector('[data-kc="notice"]');
    notice.append(document.createElement('button'));
  });
  const found = await tab.evaluate(runAxe, AXE_TAGS);
  assert.deepEqual(found.map((v) => v.id), ['button-name'], describeViolations(found));
});
