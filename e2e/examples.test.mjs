// The embedding examples in www/examples/: the minimal plain-HTML page (with its preloads used,
// not doubled), the single-page app (mounted once, routes change, the entry point stays) and the
// strict-CSP page (no securitypolicyviolation from first visit to processors running).
//
// Run: node --test e2e/   (needs pkg/web from `cargo xtask build`)

import assert from 'node:assert/strict';
import { useE2E, hooks, waitUntil, PROCESSOR_IDS } from './lib/browser.mjs';
import { ui } from './lib/ui.mjs';
import { assertNothingFromThirdParty, ranVia } from './lib/blocking.mjs';

const e2e = useE2E();

async function open(session, pathname) {
  await session.page.goto(`${session.origin}${pathname}`, { waitUntil: 'domcontentloaded' });
  const banner = session.page.locator(hooks.banner);
  await banner.waitFor({ state: 'visible', timeout: 10_000 });
  return banner;
}

async function waitForEveryProcessor(page) {
  await page.waitForFunction((ids) => ids.every((id) => window[`__ran_${id}`] >= 1), PROCESSOR_IDS, { timeout: 10_000 });
}

/** Browser requests of this session whose path is `pathname`. */
function requestsFor(session, pathname) {
  return session.requests.filter((r) => new URL(r.url).pathname === pathname);
}

e2e.test('plain HTML: the ten-line embedding shows the banner and Accept all loads each processor once', async (session) => {
  const banner = await open(session, '/examples/plain.html');
  await session.observe();
  await assertNothingFromThirdParty(session);
  await banner.locator(hooks.action('accept-all')).click();
  await waitForEveryProcessor(session.page);
  await session.observe();
  assert.deepEqual((await ranVia(session.page)).sort(), PROCESSOR_IDS);
});

e2e.test('plain HTML: the preloaded wasm and glue are each fetched once, by the preload, and used', async (session) => {
  const serverMark = e2e.servers.firstPartyRequests.length;
  await open(session, '/examples/plain.html');
  await session.observe();

  for (const file of ['/pkg/web/kaiten_consent_bg.wasm', '/pkg/web/kaiten_consent.js']) {
    assert.equal(requestsFor(session, file).length, 1, `browser requests for ${file}`);
    const served = e2e.servers.firstPartyRequests.slice(serverMark).filter((r) => r.path === file);
    assert.equal(served.length, 1, `server responses for ${file}`);
  }
  // Who fetched the wasm: the <link rel=preload>, and the glue's fetch() took its response (a
  // missed match would have fetched it again above). Chromium reports a modulepreload as "other".
  const initiators = await session.page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.name.endsWith('/pkg/web/kaiten_consent_bg.wasm'))
    .map((e) => e.initiatorType));
  assert.deepEqual(initiators, ['link']);
  assert.doesNotMatch(session.consoleText(), /preloaded using link preload but not used/);
});

e2e.test('single-page app: mounted once; routes change through pushState; the banner, the decision and the Privacy settings entry point persist', async (session) => {
  const { page } = session;
  await open(session, '/examples/spa/');
  await page.evaluate((root) => { document.querySelector(root).__firstMount = true; }, hooks.root);
  const routes = ['board', 'reports', 'home', 'board'];

  // Before a decision: the banner stays up across routes, and the page never navigates.
  for (const route of routes.slice(0, 2)) {
    await page.getByRole('link', { name: route[0].toUpperCase() + route.slice(1) }).click();
    await page.waitForURL(`**/examples/spa/?route=${route}`);
    assert.ok(await page.locator(ui.banner).isVisible(), `banner visible on ${route}`);
  }
  await page.locator(ui.in('banner', 'accept-all')).click();
  await waitForEveryProcessor(page);

  for (const route of routes.slice(2)) {
    await page.getByRole('link', { name: route[0].toUpperCase() + route.slice(1) }).click();
    await page.waitForURL(`**/examples/spa/?route=${route}`);
  }
  await page.goBack();
  await page.waitForURL('**/examples/spa/?route=home');
  await session.observe();

  const state = await page.evaluate((root) => ({
    roots: document.querySelectorAll(root).length,
    sameRoot: document.querySelector(root).__firstMount === true,
    navigations: performance.getEntriesByType('navigation').length,
    heading: document.querySelector('main h1').textContent,
  }), hooks.root);
  assert.deepEqual(state, { roots: 1, sameRoot: true, navigations: 1, heading: 'Home' });
  assert.equal(await page.locator(ui.banner).isVisible(), false, 'the decision holds across routes');
  assert.deepEqual((await ranVia(page)).sort(), PROCESSOR_IDS, 'each processor loaded once, not per route');
  assert.equal(requestsFor(session, '/pkg/web/kaiten_consent_bg.wasm').length, 1, 'the wasm was fetched once');

  // The host's own entry point (config.entryElement) in the app shell opens the preferences.
  assert.equal(await page.locator(ui.entry).isVisible(), false, 'the floating button stays hidden');
  await page.locator('#privacy-settings').click();
  await page.locator(ui.preferences).waitFor({ state: 'visible' });
  assert.equal(await page.locator(ui.processor('intercom')).isChecked(), true);
  await page.keyboard.press('Escape');
  await page.locator(ui.preferences).waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'privacy-settings', 'focus returns to the entry point');
});

e2e.test('strict CSP: no inline script or style, no unsafe-eval; banner, preferences, notice and processors work with zero securitypolicyviolation', async (session) => {
  const { page } = session;
  await session.context.addInitScript(() => {
    window.__violations = [];
    addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
    }, true);
  });
  const banner = await open(session, '/examples/strict-csp.html');
  await session.observe();
  await assertNothingFromThirdParty(session);

  await banner.locator(hooks.action('settings')).click();
  await page.locator(ui.preferences).waitFor({ state: 'visible' });
  assert.equal(await page.locator(ui.processor('analytics')).evaluate((e) => getComputedStyle(e).width), '44px', 'the switch is styled');
  await page.locator(ui.in('preferences', 'open-notice')).click();
  await page.locator(ui.notice).waitFor({ state: 'visible' });
  await page.locator(ui.in('notice', 'close')).click();
  await page.locator(ui.in('preferences', 'accept-all')).click();
  await waitForEveryProcessor(page);
  await page.locator(ui.in('preferences', 'close')).click();
  await page.locator(ui.entry).waitFor({ state: 'visible' });
  await session.observe();

  assert.deepEqual((await ranVia(page)).sort(), PROCESSOR_IDS);
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'securitypolicyviolation events');
  assert.doesNotMatch(session.consoleText(), /Content Security Policy|Refused to/i);

  // The policy is in force: an inline script does not run.
  const inlineRan = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    return window.__inlineRan === true;
  });
  assert.equal(inlineRan, false, 'the page policy allows inline scripts');
});

e2e.test("strict CSP without 'wasm-unsafe-eval': the widget fails closed, nothing loads, the console says why, the page works", async (session) => {
  const { page } = session;
  e2e.servers.setHtmlHeaders({ 'Content-Security-Policy': "script-src 'self' {{THIRD_PARTY}}" });
  try {
    await page.goto(`${session.origin}/examples/strict-csp.html`, { waitUntil: 'domcontentloaded' });
    await waitUntilConsole(session, /kaiten-consent did not start/);
    await session.observe();
    assert.match(session.consoleText(), /WebAssembly|wasm-unsafe-eval/);
    assert.equal(await page.locator(hooks.banner).count(), 0, 'no widget');
    await assertNothingFromThirdParty(session);
    assert.equal(await page.locator('h1').textContent(), 'Strict Content Security Policy', 'the page is there');
  } finally {
    e2e.servers.setHtmlHeaders({});
  }
});

async function waitUntilConsole(session, pattern) {
  await waitUntil(() => pattern.test(session.consoleText()), { timeout: 10_000, message: `console to match ${pattern}` });
}
