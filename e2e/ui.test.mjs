// The notice and consent UI in Chromium, driven like a person would: keyboard only, at 320 px,
// in both languages, against a hostile host stylesheet. Also writes the screenshots of docs/screenshots.md.
//
// Run: node --test e2e/   (needs pkg/web from `cargo xtask build`)

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useE2E, REPO_ROOT, waitUntil } from './lib/browser.mjs';
import { ui, usePageLanguage, visitAndWaitForBanner, focusedHook, pressUntil, boxes } from './lib/ui.mjs';

const e2e = useE2E();
const SCREENSHOTS = path.join(REPO_ROOT, 'docs/screenshots');

const granted = (page, id) => page.evaluate((id) => window.kaitenConsent.isGranted(id), id);
const consentCookie = async (session) => (await session.context.cookies(session.origin))
  .find((c) => c.name === 'kaiten_consent');

e2e.test('keyboard only: reach the banner, open settings, toggle with Space, save with Enter, Escape closes, focus returns', async (session) => {
  const { page } = session;
  await visitAndWaitForBanner(session);

  const passed = await pressUntil(page, 'Tab', 'banner:settings');
  assert.ok(passed.includes('banner:accept-all') && passed.includes('banner:reject-all'), `Tab order: ${passed.join(', ')}`);
  await page.keyboard.press('Enter');
  await page.locator(ui.preferences).waitFor({ state: 'visible' });
  assert.equal(await focusedHook(page), 'preferences:close', 'focus moves into the dialog');

  await pressUntil(page, 'Tab', 'preferences:analytics');
  assert.equal(await page.locator(ui.processor('analytics')).isChecked(), false, 'off until the user turns it on');
  await page.keyboard.press('Space');
  assert.equal(await page.locator(ui.processor('analytics')).isChecked(), true, 'Space toggles the switch');
  assert.equal(await consentCookie(session), undefined, 'toggling is not a decision');

  await pressUntil(page, 'Tab', 'preferences:save');
  await page.keyboard.press('Enter');
  await waitUntil(() => granted(page, 'analytics'), { message: 'analytics granted after Save' });
  assert.equal(await granted(page, 'intercom'), false);
  assert.equal(await granted(page, 'wootric'), false);
  assert.equal(await page.locator(ui.status).textContent(), 'Your choices have been saved.');
  assert.ok(await consentCookie(session), 'the decision is stored');
  assert.equal(await page.locator(ui.banner).isVisible(), false, 'the banner hides after a decision');

  await page.keyboard.press('Escape');
  await page.locator(ui.preferences).waitFor({ state: 'hidden' });
  await waitUntil(async () => (await focusedHook(page)) === 'entry:settings', {
    message: 'focus on the entry point (the banner button that opened the dialog is gone)',
  });
  assert.ok(await page.locator(ui.entry).isVisible(), 'the entry point shows after a decision');
});

e2e.test('Escape closes the preferences without changing consent and focus returns to Settings', async (session) => {
  const { page } = session;
  await visitAndWaitForBanner(session);
  await page.locator(ui.in('banner', 'settings')).focus();
  await page.keyboard.press('Enter');
  await page.locator(ui.preferences).waitFor({ state: 'visible' });
  await page.locator(ui.processor('intercom')).check();
  await page.keyboard.press('Escape');
  await page.locator(ui.preferences).waitFor({ state: 'hidden' });
  await waitUntil(async () => (await focusedHook(page)) === 'banner:settings', { message: 'focus back on Settings' });
  assert.equal(await consentCookie(session), undefined, 'no decision was stored');
  assert.equal(await granted(page, 'intercom'), false);
  assert.ok(await page.locator(ui.banner).isVisible(), 'the banner still asks');

  await page.keyboard.press('Enter');
  await page.locator(ui.preferences).waitFor({ state: 'visible' });
  assert.equal(await page.locator(ui.processor('intercom')).isChecked(), false, 'an unsaved toggle is forgotten');
});

e2e.test('Tab and Shift+Tab wrap inside the preferences; the page behind is inert', async (session) => {
  const { page } = session;
  await visitAndWaitForBanner(session);
  await page.locator(ui.in('banner', 'settings')).click();
  await page.locator(ui.preferences).waitFor({ state: 'visible' });
  assert.equal(await focusedHook(page), 'preferences:close');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focusedHook(page), 'preferences:save', 'Shift+Tab on the first wraps to the last');
  await page.keyboard.press('Tab');
  assert.equal(await focusedHook(page), 'preferences:close', 'Tab on the last wraps to the first');
  const seen = new Set();
  for (let i = 0; i < 25; i += 1) {
    await page.keyboard.press('Tab');
    seen.add(await focusedHook(page));
  }
  assert.ok([...seen].every((hook) => hook.startsWith('preferences:')), `focus left the dialog: ${[...seen].join(', ')}`);
  const clicked = await page.locator('.logo').click({ timeout: 1000, trial: true }).then(() => true, () => false);
  assert.equal(clicked, false, 'the page behind the modal cannot be clicked');
});

e2e.test('the banner is non-modal: the page behind stays usable and scrolling is not consent', async (session) => {
  const { page } = session;
  await visitAndWaitForBanner(session);
  await page.mouse.wheel(0, 600);
  await page.locator('.logo').click({ trial: true });
  await page.locator('.logo').focus();
  assert.equal(await focusedHook(page), 'page:a');
  assert.equal(await consentCookie(session), undefined);
  assert.ok(await page.locator(ui.banner).isVisible());
});

e2e.test('the notice opens from the banner and from the preferences, and focus comes back', async (session) => {
  const { page } = session;
  await visitAndWaitForBanner(session);
  const notice = page.locator(ui.notice);
  assert.equal(await notice.count(), 0, 'the notice is built when it first opens');
  await page.locator(ui.in('banner', 'open-notice')).click();
  await notice.waitFor({ state: 'visible' });
  assert.equal(await notice.locator('a[href="mailto:personaldata@kaiten.io"]').count(), 1);
  assert.equal(await notice.locator('a[href^="http:"]').count(), 0, 'no plain-http links');
  await page.keyboard.press('Escape');
  await waitUntil(async () => (await focusedHook(page)) === 'banner:open-notice', { message: 'focus back on the link' });

  await page.locator(ui.in('banner', 'settings')).click();
  await page.locator(ui.in('preferences', 'open-notice')).click();
  await notice.waitFor({ state: 'visible' });
  await page.locator(ui.in('notice', 'close')).click();
  await notice.waitFor({ state: 'hidden' });
  assert.ok(await page.locator(ui.preferences).isVisible(), 'the preferences stay open under the notice');
  assert.equal(await focusedHook(page), 'preferences:open-notice');
  assert.equal(await notice.count(), 1, 'built once, kept for the next open');
  assert.equal(await consentCookie(session), undefined);
});

e2e.test('after a decision only the entry point shows, also after a reload, and it reopens the preferences', async (session) => {
  const { page } = session;
  await visitAndWaitForBanner(session);
  await page.locator(ui.in('banner', 'settings')).click();
  await page.locator(ui.processor('analytics')).uncheck();
  await page.locator(ui.processor('wootric')).check();
  await page.locator(ui.in('preferences', 'save')).click();
  await waitUntil(() => granted(page, 'wootric'), { message: 'wootric granted' });
  await page.reload({ waitUntil: 'load' });
  await page.locator(ui.entry).waitFor({ state: 'visible', timeout: 10_000 });
  assert.equal(await page.locator(ui.banner).isVisible(), false);
  await page.locator(ui.entry).click();
  await page.locator(ui.preferences).waitFor({ state: 'visible' });
  assert.equal(await page.locator(ui.processor('wootric')).isChecked(), true, 'the granted one shows on');
  assert.equal(await page.locator(ui.processor('analytics')).isChecked(), false);
  await page.locator(ui.processor('wootric')).uncheck();
  await page.locator(ui.in('preferences', 'save')).click();
  await waitUntil(async () => !(await granted(page, 'wootric')), { message: 'withdrawn as easily as given' });
});

for (const [lang, width] of [['en', 1280], ['ru', 1280], ['en', 320], ['ru', 320]]) {
  e2e.test(`banner buttons are equal boxes (within 2 px) and equal weight: ${lang}, ${width} px`, async (session) => {
    const { page } = session;
    await page.setViewportSize({ width, height: 720 });
    await usePageLanguage(session, lang);
    await visitAndWaitForBanner(session);
    const actions = ['accept-all', 'reject-all', 'settings'].map((a) => ui.in('banner', a));
    const found = await Promise.all(actions.map((s) => boxes(page, s)));
    const sizes = found.map(([b]) => b);
    for (const b of sizes) {
      assert.ok(Math.abs(b.width - sizes[0].width) <= 2 && Math.abs(b.height - sizes[0].height) <= 2,
        `unequal boxes: ${JSON.stringify(sizes)}`);
    }
    const looks = await Promise.all(actions.map((s) => page.locator(s).evaluate((e) => {
      const c = getComputedStyle(e);
      return [c.backgroundColor, c.color, c.fontWeight, c.fontSize, c.borderTopWidth, c.borderTopColor].join(' ');
    })));
    assert.equal(new Set(looks).size, 1, `unequal visual weight: ${looks.join(' | ')}`);
  });
}

for (const lang of ['en', 'ru']) {
  e2e.test(`320 px: no horizontal scroll, everything inside the viewport, targets at least 24x24 (${lang})`, async (session) => {
    const { page } = session;
    await page.setViewportSize({ width: 320, height: 640 });
    await usePageLanguage(session, lang);
    await visitAndWaitForBanner(session);
    const assertReflow = async (part) => {
      const widths = await page.evaluate((part) => {
        const root = document.querySelector('[data-kc="root"]').shadowRoot;
        const element = root.querySelector(`[data-kc="${part}"]`);
        const scrollers = [element, ...element.querySelectorAll('*')].filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible');
        return { page: document.documentElement.scrollWidth, scrollers: scrollers.map((e) => e.className || e.tagName) };
      }, part);
      assert.ok(widths.page <= 320, `${part}: the page scrolls sideways (${widths.page} px)`);
      assert.deepEqual(widths.scrollers, [], `${part}: something scrolls sideways`);
      const [box] = await boxes(page, `[data-kc="${part}"]`);
      assert.ok(box.x >= 0 && box.right <= 320, `${part} overflows the viewport: ${JSON.stringify(box)}`);
      const targets = await boxes(page, `[data-kc="${part}"] button:not(.link), [data-kc="${part}"] input`);
      for (const t of targets) assert.ok(t.width >= 24 && t.height >= 24, `${part}: a target under 24x24: ${JSON.stringify(t)}`);
    };
    await assertReflow('banner');
    await page.locator(ui.in('banner', 'settings')).click();
    await page.locator(ui.preferences).waitFor({ state: 'visible' });
    await assertReflow('preferences');
    await page.locator(ui.in('preferences', 'open-notice')).click();
    await page.locator(ui.notice).waitFor({ state: 'visible' });
    await assertReflow('notice');
  });
}

e2e.test("the host page's CSS cannot restyle the widget", async (session) => {
  const { page } = session;
  await visitAndWaitForBanner(session);
  const parts = [ui.banner, ui.in('banner', 'accept-all'), `${ui.banner} h2`, `${ui.banner} p`, ui.in('banner', 'open-notice')];
  const snapshot = () => Promise.all(parts.map((s) => page.locator(s).first().evaluate((e) => {
    const c = getComputedStyle(e);
    const r = e.getBoundingClientRect();
    return ['color', 'backgroundColor', 'fontSize', 'fontFamily', 'fontWeight', 'letterSpacing', 'lineHeight',
      'textTransform', 'padding', 'border', 'display', 'visibility', 'textDecorationLine']
      .map((p) => c[p]).concat([r.width, r.height]).join(' ');
  })));
  const before = await snapshot();
  await page.addStyleTag({
    content: `
      * { letter-spacing: 6px !important; text-transform: uppercase !important; line-height: 3 !important;
          word-spacing: 9px !important; font-family: serif !important; color: red !important; }
      body { font-size: 30px !important; }
      section, div, p, h2, a, button, dialog, input { all: unset !important; background: lime !important;
          color: red !important; font-size: 40px !important; display: inline !important; }
      [role=region], .banner, .actions, button.action { display: none !important; }`,
  });
  const after = await snapshot();
  assert.deepEqual(after, before);
  assert.ok(await page.locator(ui.banner).isVisible());
});

e2e.test('the host themes the widget through custom properties on the root, and reduced motion stops the animation', async (session) => {
  const { page } = session;
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await visitAndWaitForBanner(session);
  const accept = page.locator(ui.in('banner', 'accept-all'));
  assert.equal(await page.locator(ui.banner).evaluate((e) => getComputedStyle(e).animationName), 'none');
  await page.addStyleTag({ content: '[data-kc="root"] { --kc-accent: rgb(200, 30, 30); --kc-radius: 2px; }' });
  assert.equal(await accept.evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(200, 30, 30)');
  assert.equal(await page.locator(ui.banner).evaluate((e) => getComputedStyle(e).borderTopLeftRadius), '2px');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  assert.equal(await page.locator(ui.banner).evaluate((e) => getComputedStyle(e).animationName), 'kc-in');
});

e2e.test("a strict CSP without 'unsafe-inline' styles: the widget is fully styled and nothing is refused", async (session) => {
  const { page } = session;
  e2e.servers.setHtmlHeaders({
    'Content-Security-Policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {{THIRD_PARTY}}; "
      + "style-src 'self'; img-src 'self'; connect-src 'self' {{THIRD_PARTY}}",
  });
  try {
    const refused = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
    await visitAndWaitForBanner(session);
    const banner = await page.locator(ui.banner).evaluate((e) => {
      const c = getComputedStyle(e);
      return { position: c.position, background: c.backgroundColor, radius: c.borderTopLeftRadius };
    });
    assert.deepEqual(banner, { position: 'fixed', background: 'rgb(255, 255, 255)', radius: '10px' });
    await page.locator(ui.in('banner', 'settings')).click();
    await page.locator(ui.preferences).waitFor({ state: 'visible' });
    const switchWidth = await page.locator(ui.processor('analytics')).evaluate((e) => getComputedStyle(e).width);
    assert.equal(switchWidth, '44px', 'the switch is styled');
    assert.deepEqual(refused, [], 'the browser refused something');
    const cspActive = await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { outline: 7px solid red; }';
      document.head.append(style);
      const blocked = getComputedStyle(document.body).outlineWidth !== '7px';
      style.remove();
      return blocked;
    });
    assert.ok(cspActive, 'the policy is in force: an inline <style> is refused');
  } finally {
    e2e.servers.setHtmlHeaders({});
  }
});

e2e.test('screenshots for docs/screenshots.md: banner and preferences, en and ru, light and dark', async (session) => {
  const { page } = session;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.setViewportSize({ width: 900, height: 720 });
  for (const lang of ['en', 'ru']) {
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.goto(`${session.origin}/?lang=${lang}`, { waitUntil: 'load' });
      await page.evaluate((lang) => { document.documentElement.lang = lang; }, lang);
      await page.waitForFunction(() => window.kaitenConsent);
      // The demo started in the page's language; restart in the one asked for.
      await page.evaluate(async (lang) => {
        const { KaitenConsent } = await import('/pkg/web/kaiten_consent.js');
        window.kaitenConsent.destroy();
        window.kaitenConsent = KaitenConsent.start({ language: lang });
      }, lang);
      const banner = page.locator(ui.banner);
      await banner.waitFor({ state: 'visible' });
      await banner.screenshot({ path: path.join(SCREENSHOTS, `banner-${lang}-${scheme}.png`) });
      await page.locator(ui.in('banner', 'settings')).click();
      const preferences = page.locator(ui.preferences);
      await preferences.waitFor({ state: 'visible' });
      await page.locator(ui.in('preferences', 'close')).blur();
      await page.screenshot({ path: path.join(SCREENSHOTS, `preferences-${lang}-${scheme}.png`) });
    }
  }
  for (const file of ['banner', 'preferences'].flatMap((p) => ['en', 'ru'].flatMap((l) => ['light', 'dark'].map((s) => `${p}-${l}-${s}.png`)))) {
    assert.ok(fs.statSync(path.join(SCREENSHOTS, file)).size > 1000, `${file} written`);
  }
});
