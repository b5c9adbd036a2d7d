// Helpers for the fault and bad-input tests: the fault page (e2e/pages/fault.html, which embeds
// the widget with the README's snippet, e2e/pages/embed.js), and the three things every case
// asserts: nothing consent-based was fetched or ran, the host page still works, and the console
// says what went wrong.

import assert from 'node:assert/strict';
import { waitUntil } from './browser.mjs';
import { assertNothingFromThirdParty } from './blocking.mjs';

/** Cookies the stand-ins set when they run (scripts/serve.mjs). */
const STAND_IN_COOKIE = /^(_ga|_gid|intercom-|NPS_)/;
/** Globals the stand-ins define when they run. */
const STAND_IN_GLOBALS = ['Intercom', 'wootric', '__ran_analytics', '__ran_intercom', '__ran_wootric', '__ran_log'];

/** The default config of embed.js, with the third-party origin filled in. */
export function standInConfig(thirdPartyOrigin, extra = {}) {
  return {
    scripts: {
      analytics: `${thirdPartyOrigin}/analytics.js`,
      intercom: `${thirdPartyOrigin}/intercom.js`,
      wootric: `${thirdPartyOrigin}/wootric.js`,
    },
    ...extra,
  };
}

/**
 * Opens the fault page and waits until its embedding snippet has finished (started the widget or
 * logged why not). `config` (JSON-able) replaces embed.js's default; `setup` runs in the page
 * before any of its scripts (an init script: use it to break the browser).
 */
export async function openFaultPage(session, { config, setup, setupArg, query = '', waitForEmbed = true } = {}) {
  const { context, page, origin } = session;
  if (config !== undefined) await context.addInitScript((c) => { window.__e2eConfig = c; }, config);
  if (setup) await context.addInitScript(setup, setupArg);
  await page.goto(`${origin}/e2e-pages/fault.html${query}`, { waitUntil: 'domcontentloaded' });
  if (waitForEmbed) await page.waitForFunction(() => window.__embedDone === true, null, { timeout: 15_000 });
}

/** Clicks the host's own button and asserts that its handler ran. */
export async function assertHostUsable(page) {
  const before = await page.evaluate(() => window.__hostClicks);
  await page.locator('#host-button').click({ timeout: 5000 });
  await waitUntil(() => page.evaluate((n) => window.__hostClicks === n + 1, before), { message: 'the host button handler' });
  assert.equal(await page.locator('#host-count').textContent(), String(before + 1));
}

/** No stand-in global and no stand-in cookie exists. */
export async function assertNoStandInTraces(session, page = session.page) {
  const globals = await page.evaluate((names) => names.filter((n) => n in window), STAND_IN_GLOBALS);
  assert.deepEqual(globals, [], 'stand-in globals');
  const cookies = (await session.context.cookies()).map((c) => c.name).filter((n) => STAND_IN_COOKIE.test(n));
  assert.deepEqual(cookies, [], 'stand-in cookies');
}

/**
 * Fail closed: after the observation window nothing reached the third party (browser and server
 * logs), no stand-in ran or left a trace, the host page works and the console matches `says`.
 */
export async function assertFailedClosed(session, says) {
  await session.observe({ ignore: (url) => url.endsWith('.wasm') });
  await assertNothingFromThirdParty(session);
  await assertNoStandInTraces(session);
  await assertHostUsable(session.page);
  assertConsoleSays(session, says);
}

/** The session's console (errors and warnings included) matches every regex of `says`. */
export function assertConsoleSays(session, says) {
  const text = session.consoleText();
  for (const pattern of [].concat(says)) assert.match(text, pattern, 'console');
}

/** The widget's banner is on screen. */
export function bannerVisible(page) {
  return page.locator('[data-kc="banner"]').isVisible();
}

/** Whether the widget's root element exists in the page. */
export function widgetMounted(page) {
  return page.evaluate(() => document.querySelector('[data-kc="root"]') !== null);
}

/**
 * Init script: records `unhandledrejection` and `error` events in `window.__e2eErrors`, and the
 * page's cumulative layout shift (PerformanceObserver 'layout-shift', shifts without recent
 * input) in `window.__cls`.
 */
export function recordErrorsAndLayoutShift() {
  window.__e2eErrors = [];
  addEventListener('unhandledrejection', (event) => window.__e2eErrors.push(`unhandledrejection: ${event.reason}`));
  addEventListener('error', (event) => window.__e2eErrors.push(`error: ${event.message}`));
  window.__cls = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
}

/**
 * Init script: shifts the page's clock (`Date.now()`, `new Date()`) by the days in the page
 * URL's `?clockDays=` (negative: the past). The wasm reads the clock through `Date.now`.
 */
export function shiftClockFromUrl() {
  const days = Number(new URLSearchParams(location.search).get('clockDays') ?? 0);
  if (!days) return;
  const RealDate = Date;
  const offset = days * 86_400_000;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() { return RealDate.now() + offset; }
  }
  window.Date = ShiftedDate;
}
