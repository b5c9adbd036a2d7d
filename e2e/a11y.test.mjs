// axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa, best-practice) over the whole demo page,
// the widget's open shadow root included: zero violations with the banner shown, with the
// preferences open and with the notice open, in light and dark, in English and Russian; and with
// the entry point shown after a decision.
//
// Run: node --test e2e/   (needs pkg/web from `cargo xtask build`)

import assert from 'node:assert/strict';
import { useE2E } from './lib/browser.mjs';
import { ui, usePageLanguage, visitAndWaitForBanner, axeViolations, describeViolations } from './lib/ui.mjs';

const e2e = useE2E();

async function assertNoViolations(page, state) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${state}: axe found\n${describeViolations(violations)}`);
}

for (const lang of ['en', 'ru']) {
  for (const scheme of ['light', 'dark']) {
    e2e.test(`axe: banner, preferences and notice have no violations (${lang}, ${scheme})`, async (session) => {
      const { page } = session;
      await page.emulateMedia({ colorScheme: scheme });
      await usePageLanguage(session, lang);
      await visitAndWaitForBanner(session);
      assert.equal(await page.locator(ui.root).getAttribute('lang'), lang);
      await assertNoViolations(page, 'banner');

      await page.locator(ui.in('banner', 'settings')).click();
      await page.locator(ui.preferences).waitFor({ state: 'visible' });
      await assertNoViolations(page, 'preferences');

      await page.locator(ui.in('preferences', 'open-notice')).click();
      await page.locator(ui.notice).waitFor({ state: 'visible' });
      await assertNoViolations(page, 'notice over preferences');

      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await page.locator(ui.in('banner', 'open-notice')).click();
      await page.locator(ui.notice).waitFor({ state: 'visible' });
      await assertNoViolations(page, 'notice from the banner');
    });
  }
}

e2e.test('axe: the entry point after a decision has no violations', async (session) => {
  const { page } = session;
  await visitAndWaitForBanner(session);
  await page.locator(ui.in('banner', 'reject-all')).click();
  await page.locator(ui.entry).waitFor({ state: 'visible' });
  await assertNoViolations(page, 'entry point');
});
