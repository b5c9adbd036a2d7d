// Helpers for the blocking end-to-end tests: the test pages under e2e/pages/ (served at
// /e2e-pages/), what the stand-ins ran (`window.__via_log`: "<id>:<via>" in run order) and what
// the browser asked the third party for.

import assert from 'node:assert/strict';
import { waitUntil } from './browser.mjs';

/** How long a decision may take to reach another open tab (the bound). */
export const OTHER_TAB_MS = 1000;

/** Opens an e2e page (`vectors.html`, `static.html`, `parser.html`) without waiting for the widget. */
export async function openPage(session, name, query = '') {
  await session.page.goto(`${session.origin}/e2e-pages/${name}${query}`, { waitUntil: 'domcontentloaded' });
}

/** Waits until start.js has started the widget. */
export async function widgetStarted(session, page = session.page) {
  await page.waitForFunction(() => window.__widgetStarted === true, null, { timeout: 10_000 });
}

/** What the stand-ins ran, in order: ["intercom:appendChild", "analytics", …]. */
export function ranVia(page) {
  return page.evaluate(() => window.__via_log ?? []);
}

/** Browser requests to the third party whose URL contains `needle` (all if omitted). */
export function thirdPartyRequests(session, needle = '') {
  return session.thirdPartyBrowserRequests().filter((r) => r.url.includes(needle));
}

/** Asserts that the third party saw nothing: neither the browser's log nor its server's. */
export async function assertNothingFromThirdParty(session, page = session.page) {
  assert.deepEqual(session.thirdPartyBrowserRequests().map((r) => r.url), [], 'browser requests to the third party');
  assert.deepEqual(session.thirdPartyServerRequests().map((r) => r.path), [], 'third-party server requests');
  assert.deepEqual(await ranVia(page), [], 'a stand-in ran');
}

/**
 * The `via` of every held script, in document order (its src decoded: under Trusted Types the
 * guard's policy turns a held src into `https://[kc-held]/#<encodeURIComponent(original)>`).
 */
export function heldInDocumentOrder(page) {
  return page.evaluate(() => [...document.querySelectorAll('script[data-kc-held]')]
    .map((s) => decodeURIComponent(s.getAttribute('src')))
    .map((src) => /via=([^&]*)/.exec(src)?.[1] ?? src));
}

/** Waits until every entry of `expected` has run at least once. */
export async function waitForRuns(page, expected, message = 'the scripts to run') {
  await waitUntil(async () => {
    const ran = await ranVia(page);
    return expected.every((entry) => ran.includes(entry));
  }, { timeout: 10_000, message });
}

/** Asserts that each entry ran exactly once, and in the given order relative to each other. */
export async function assertRanOnceInOrder(page, expected) {
  const ran = (await ranVia(page)).filter((entry) => expected.includes(entry));
  assert.deepEqual(ran, expected);
}

/** Names of every cookie the browser holds in this session, on any path (repeated per copy). */
export async function cookieNames(session) {
  return (await session.context.cookies()).map((c) => c.name).sort();
}
