// What the widget says comes from the config in force (issue 14): a host's own processor list is
// what the banner and the notice name; a host's own wording replaces the widget's per language,
// and bad wording fails closed with every issue and its path; a Global Privacy Control refusal
// (or opt-in) is said on the entry point and in the preferences, with no axe violation; and
// setLanguage rewords every built layer in place. Writes docs/screenshots.md's custom-list and GPC
// screenshots.
//
// Run: node --test e2e/texts.test.mjs   (needs pkg/web from `cargo xtask build`)

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useE2E, REPO_ROOT } from './lib/browser.mjs';
import { openApiPage, events, hookShown } from './lib/api.mjs';
import { ui, focusedHook, axeViolations, describeViolations } from './lib/ui.mjs';

const e2e = useE2E();
const SCREENSHOTS = path.join(REPO_ROOT, 'docs/screenshots');

/** Google Analytics, Intercom and Hotjar: a host's list with no Wootric. */
const HOTJAR_LIST = [
  {
    id: 'analytics', basis: 'consent', name: 'Google Analytics',
    purpose: { en: 'Analytics: measures how the product is used.', ru: 'Аналитика: как используется продукт.' },
    dataShared: 'Technical data', recipient: 'Google LLC', location: 'USA',
    privacyUrl: 'https://policies.google.com/privacy',
  },
  {
    id: 'intercom', basis: 'consent', name: 'Intercom',
    purpose: { en: 'Support chat: write to our support team.', ru: 'Чат поддержки.' },
    dataShared: 'Profile data', recipient: 'Intercom, Inc.', location: 'USA',
    privacyUrl: 'https://www.intercom.com/legal/privacy',
  },
  {
    id: 'hotjar', basis: 'consent', name: 'Hotjar',
    purpose: { en: 'Heatmaps: shows where people click and scroll.', ru: 'Тепловые карты: где нажимают и прокручивают.' },
    dataShared: 'Clicks and scrolling', recipient: 'Hotjar Ltd', location: 'Malta',
    privacyUrl: 'https://www.hotjar.com/legal/policies/privacy/',
  },
];

/** The text of the element `selector` finds in the widget's shadow root. */
function widgetText(page, selector) {
  return page.evaluate((selector) => {
    const root = document.querySelector('[data-kc="root"]').shadowRoot;
    return root.querySelector(selector)?.textContent ?? null;
  }, selector);
}

async function startWith(session, extra) {
  await openApiPage(session);
  await session.page.evaluate((extra) => { window.__api.listen(); window.__api.start(extra); }, extra);
}

/** Loads the demo board (a whole page, for axe) and restarts its widget in `language`. */
async function demoIn(session, language) {
  const { page } = session;
  await session.visit();
  await page.waitForFunction(() => window.kaitenConsent);
  await page.evaluate(async (language) => {
    const { KaitenConsent } = await import('/pkg/web/kaiten_consent.js');
    window.kaitenConsent.destroy();
    window.kaitenConsent = KaitenConsent.start({ language });
  }, language);
}

/** Turns Global Privacy Control on in every page of the session. */
async function useGpc(session) {
  await session.context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
  });
}

e2e.test('a host list with Hotjar instead of Wootric: the banner and the notice name Hotjar and never Wootric', async (session) => {
  const { page } = session;
  await page.setViewportSize({ width: 900, height: 720 });
  await startWith(session, { processors: HOTJAR_LIST, scripts: {} });
  const banner = page.locator(ui.banner);
  await banner.waitFor({ state: 'visible' });
  const items = await page.locator(`${ui.banner} li`).allTextContents();
  assert.deepEqual(items, [
    'Google Analytics — Analytics: measures how the product is used.',
    'Intercom — Support chat: write to our support team.',
    'Hotjar — Heatmaps: shows where people click and scroll.',
  ]);
  assert.ok(!(await banner.textContent()).includes('Wootric'));
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await banner.screenshot({ path: path.join(SCREENSHOTS, 'banner-custom-en-light.png') });

  await page.locator(ui.in('banner', 'open-notice')).click();
  await page.locator(ui.notice).waitFor({ state: 'visible' });
  const notice = await widgetText(page, ui.notice);
  assert.match(notice, /consent to Google Analytics, Intercom and Hotjar at any time/);
  assert.ok(!notice.includes('consent to Google Analytics, Intercom and Wootric'));
});

e2e.test('a host wording replaces the widget\'s in its language, as text, and the rest stays', async (session) => {
  const { page } = session;
  await startWith(session, {
    language: 'ru',
    texts: { ru: { acceptAll: 'Согласиться', bannerTitle: '<b>Куки</b>' }, en: { acceptAll: 'Fine' } },
  });
  await page.locator(ui.banner).waitFor({ state: 'visible' });
  assert.equal(await page.locator(ui.in('banner', 'accept-all')).textContent(), 'Согласиться');
  assert.equal(await page.locator(ui.in('banner', 'reject-all')).textContent(), 'Отклонить все');
  assert.equal(await widgetText(page, `${ui.banner} h2`), '<b>Куки</b>', 'text, never HTML');
  assert.equal(await page.evaluate(() => document.querySelector('[data-kc="root"]').shadowRoot.querySelector('b:not(li b)')), null);
});

e2e.test('bad wording fails closed: every issue with its path, nothing mounted, nothing loaded', async (session) => {
  const { page } = session;
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await openApiPage(session);
  const thrown = await page.evaluate(() => {
    try {
      window.__api.start({ texts: { en: { acceptAll: '', rejectAl: 'No', gpcRefused: 'GPC on' }, fr: {} } });
      return null;
    } catch (error) {
      return { name: error.name, code: error.code, message: error.message };
    }
  });
  assert.equal(thrown?.code, 'invalid_config');
  assert.equal(thrown.name, 'KaitenConsentError');
  for (const line of [
    'config.texts.fr: unknown key',
    'config.texts.en.rejectAl: unknown key',
    'config.texts.en.acceptAll: empty',
    'config.texts.en.gpcRefused: must hold {processors} exactly once',
  ]) {
    assert.ok(thrown.message.includes(line), `${line} in\n${thrown.message}`);
  }
  assert.ok(errors.some((e) => e.includes('config.texts.en.acceptAll')), 'said on the console');
  assert.equal(await page.locator(ui.root).count(), 0, 'nothing mounted');
  await page.waitForTimeout(300);
  assert.deepEqual(e2e.servers.thirdPartyRequests, [], 'nothing loaded');
});

for (const lang of ['en', 'ru']) {
  e2e.test(`Global Privacy Control honoured is said on the entry point and in the preferences (${lang}), with no axe violation`, async (session) => {
    const { page } = session;
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    await useGpc(session);
    await demoIn(session, lang);
    const entry = page.locator(ui.entry);
    await entry.waitFor({ state: 'visible' });
    assert.equal(await hookShown(page, 'banner'), false, 'GPC refused for the user: no banner');
    const entryLine = { en: 'Global Privacy Control honoured', ru: 'Сигнал Global Privacy Control учтён' }[lang];
    assert.equal(await page.locator(`${ui.entry} .gpc`).textContent(), entryLine);
    assert.ok((await entry.textContent()).includes(entryLine), 'part of the button\'s name');
    let violations = await axeViolations(page);
    assert.equal(violations.length, 0, `entry: ${describeViolations(violations)}`);
    if (lang === 'en') await entry.screenshot({ path: path.join(SCREENSHOTS, 'gpc-entry-en-light.png') });

    await entry.click();
    await page.locator(ui.preferences).waitFor({ state: 'visible' });
    const said = await page.locator(`${ui.preferences} p.gpc`).textContent();
    const expected = {
      en: 'Your browser\'s Global Privacy Control signal is on, so these services stay off: Google Analytics, Intercom and Wootric. You can still turn one on here.',
      ru: 'В вашем браузере включён сигнал Global Privacy Control, поэтому эти сервисы выключены: Google Analytics, Intercom и Wootric. Здесь вы всё равно можете включить любой из них.',
    }[lang];
    assert.equal(said, expected);
    violations = await axeViolations(page);
    assert.equal(violations.length, 0, `preferences: ${describeViolations(violations)}`);
    if (lang === 'en') {
      await page.locator(ui.in('preferences', 'close')).blur();
      await page.screenshot({ path: path.join(SCREENSHOTS, 'gpc-preferences-en-light.png') });
    }

    // The user opts in to one: the note says so, in place, while the dialog stays open.
    await page.locator(ui.processor('intercom')).click();
    await page.locator(ui.in('preferences', 'save')).click();
    const optedIn = {
      en: 'Your browser\'s Global Privacy Control signal is on. You turned on Intercom here yourself; everything else stays off.',
      ru: 'В вашем браузере включён сигнал Global Privacy Control. Вы сами включили здесь Intercom; остальное выключено.',
    }[lang];
    await page.waitForFunction((text) => document.querySelector('[data-kc="root"]').shadowRoot.querySelector('p.gpc').textContent === text, optedIn);
    violations = await axeViolations(page);
    assert.equal(violations.length, 0, `preferences after opting in: ${describeViolations(violations)}`);
    await page.keyboard.press('Escape');
    const exceptions = { en: 'Global Privacy Control on, with your exceptions', ru: 'Global Privacy Control включён, с вашими исключениями' }[lang];
    assert.equal(await page.locator(`${ui.entry} .gpc`).textContent(), exceptions);
  });
}

e2e.test('without Global Privacy Control nothing is said about it', async (session) => {
  const { page } = session;
  await startWith(session, {});
  await page.locator(ui.in('banner', 'reject-all')).click();
  await page.locator(ui.entry).waitFor({ state: 'visible' });
  assert.equal(await page.locator(`${ui.entry} .gpc`).isVisible(), false);
  await page.locator(ui.entry).click();
  await page.locator(ui.preferences).waitFor({ state: 'visible' });
  assert.equal(await page.locator(`${ui.preferences} p.gpc`).isVisible(), false);
});

e2e.test('setLanguage rewords every built layer in place: the open dialog, focus, unsaved switches and lang stay, and no change event fires', async (session) => {
  const { page } = session;
  await startWith(session, {});
  await page.locator(ui.banner).waitFor({ state: 'visible' });
  // Build the notice once, then open the preferences from the banner and flip one switch.
  await page.locator(ui.in('banner', 'open-notice')).click();
  await page.locator(ui.notice).waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await page.locator(ui.in('banner', 'settings')).click();
  await page.locator(ui.preferences).waitFor({ state: 'visible' });
  await page.locator(ui.processor('intercom')).click();
  assert.equal(await focusedHook(page), 'preferences:intercom');
  const eventsBefore = (await events(page)).length;

  await page.evaluate(() => window.kaitenConsent.setLanguage('ru'));

  assert.equal(await page.locator(ui.root).getAttribute('lang'), 'ru');
  assert.equal(await hookShown(page, 'preferences'), true, 'the dialog stays open');
  assert.equal(await page.evaluate(() => document.querySelector('[data-kc="root"]').shadowRoot.querySelector('[data-kc="preferences"]').matches(':modal')), true, 'and modal');
  assert.equal(await widgetText(page, `${ui.preferences} h2`), 'Настройки конфиденциальности');
  assert.equal(await focusedHook(page), 'preferences:intercom', 'focus stays on the same switch');
  const switches = await page.evaluate(() => [...document.querySelector('[data-kc="root"]').shadowRoot.querySelectorAll('input:not([disabled])')].map((i) => [i.dataset.kcProcessor, i.checked]));
  assert.deepEqual(switches, [['analytics', false], ['intercom', true], ['wootric', false]], 'the unsaved choice stays');
  assert.equal(await page.locator(ui.in('banner', 'accept-all')).textContent(), 'Принять все');
  assert.equal(await widgetText(page, `${ui.notice} h2`), 'Политика конфиденциальности Kaiten', 'the built notice too');
  assert.equal((await events(page)).length, eventsBefore, 'no change event');
  assert.equal(await page.evaluate(() => window.kaitenConsent.state().language), 'ru');
  assert.equal(await hookShown(page, 'banner'), true, 'the banner still shows');

  // The reworded dialog works as before: Escape closes it, focus returns to the (reworded) opener.
  await page.keyboard.press('Escape');
  assert.equal(await hookShown(page, 'preferences'), false);
  // Focus returns in the dialog's `close` event, a task after it hides.
  await page.waitForFunction(() => {
    const active = document.querySelector('[data-kc="root"]').shadowRoot.activeElement;
    return active?.dataset.kcAction === 'settings' && active.closest('[data-kc="banner"]');
  }, null, { timeout: 2000 }).catch(() => {});
  assert.equal(await focusedHook(page), 'banner:settings');

  const refused = await page.evaluate(() => {
    try { window.kaitenConsent.setLanguage('de'); return null; } catch (error) { return [error.name, error.code]; }
  });
  assert.deepEqual(refused, ['KaitenConsentError', 'invalid_argument']);
  assert.equal(await page.locator(ui.root).getAttribute('lang'), 'ru', 'a refused language changes nothing');
});
