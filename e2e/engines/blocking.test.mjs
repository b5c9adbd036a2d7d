// Blocking that nothing slips past, in every engine: each runtime insertion vector of
// e2e/pages/vectors.js and each watched one of watched.js (a detached tree, an Attr, a copy, a
// template, a frame's document) is held by the guard before the wasm has started (its response
// delayed) and after, neither fetched nor run before consent, then run once, in document order;
// inert tags, an iframe and an image are revived once, per processor; and under a Trusted Types
// CSP, where the engine has Trusted Types, the guard's default policy holds plain string URLs
// without a CSP report. The network is judged by the servers' logs alone.
//
// Run: E2E_ENGINE=chromium|firefox|webkit node --test e2e/engines/blocking.test.mjs   (webkit under xvfb-run -a)

import assert from 'node:assert/strict';
import { useEngine, widget, waitInPage } from '../lib/engines/index.mjs';
import { partShown, ranVia, widgetStarted } from '../lib/engines/page.mjs';

const e2e = useEngine();
/** Long enough that the vectors surely run before the widget starts (asserted, not assumed). */
const WASM_DELAY_MS = 1500;
const TRUSTED_TYPES_CSP = "require-trusted-types-for 'script'; "
  + "script-src 'self' 'wasm-unsafe-eval' {{THIRD_PARTY}} 'nonce-e2e-nonce'; object-src 'none'; report-uri /csp-report";

// ---------------------------------------------------------------------------------------------
// In the page (sent as source text: each uses only its argument)

/**
 * Every held script in document order, as `<id>:<via>` of its src (what its stand-in will log):
 * one the guard marked `data-kc-held`, or one whose src the guard's Trusted Types policy made
 * inert (`https://[kc-held]/#<encoded original>`).
 */
function held() {
  return [...document.querySelectorAll('script[data-kc-held], script[src^="https://[kc-held]/#"]')]
    .map((s) => decodeURIComponent(s.getAttribute('src').replace('https://[kc-held]/#', '')))
    .map((src) => /\/(\w+)\.js\?via=(\w+)$/.exec(src)?.slice(1).join(':') ?? src);
}

/**
 * Runs `window[group][name](id)` for each name and says whether the widget had started first:
 * `{ started, names, errors }`, `errors` the message of each vector that threw. The vectors run in
 * a task of the page, as page code does, not in the driver's script: WebKit's WebDriver does not
 * count that script as running, so each callback from the engine into the page (the Trusted Types
 * default policy inside a `setAttribute`) ends in a microtask checkpoint, and the widget's pass,
 * queued by an earlier insertion, would run in the middle of the `setAttribute`. Page code, always
 * run from a task or a callback, never meets that.
 */
function runVectors({ group = 'vectors', names, id }) {
  return new Promise((resolve) => setTimeout(() => {
    const started = window.__widgetStarted === true;
    const run = names ?? window.vectorNames;
    const errors = run.flatMap((name) => {
      try {
        window[group][name](id);
        return [];
      } catch (error) {
        return [`${name}: ${error}`];
      }
    });
    resolve({ started, names: run, errors });
  }));
}

/** `<id>:<via>` for each via: what the stand-in of `id` logs for a copy inserted by that vector. */
function tagged(id, vias) {
  return vias.map((via) => `${id}:${via}`);
}

function acceptAll() {
  window.kaitenConsent.acceptAll();
}

function waitForWidget(session) {
  return waitInPage(session.tab, widgetStarted, undefined, { message: 'the widget to start' });
}

function waitForRuns(session, expected) {
  return waitInPage(session.tab, (entries) => entries.every((entry) => (window.__via_log ?? []).includes(entry)), expected, {
    message: `${expected.join(', ')} to run`,
  });
}

/** Asserts that each entry ran exactly once, in the given order relative to each other. */
async function assertRanOnceInOrder(session, expected) {
  const ran = (await session.tab.evaluate(ranVia)).filter((entry) => expected.includes(entry));
  assert.deepEqual(ran, expected, 'what ran, in order');
}

async function assertNothingFromThirdParty(session) {
  assert.deepEqual(session.thirdPartyRequests().map((r) => r.path), [], 'third-party server requests');
  assert.deepEqual(await session.tab.evaluate(ranVia), [], 'a stand-in ran');
}

/** Asserts that the third-party server received each `<id>.js?via=<via>` once. */
function assertFetchedOnce(session, id, vias) {
  for (const via of vias) {
    const path = `/${id}.js?via=${via}`;
    assert.equal(session.thirdPartyRequests().filter((r) => r.path === path).length, 1, `${path} fetched once`);
  }
}

/**
 * Asserts that after consent (`since`, ms) the third-party server received each
 * `<id>.js?via=<via>` once, or, if the speculative parser had already fetched it (`speculative`),
 * at most once: Firefox runs the revived copy from its speculative fetch.
 */
function assertFetchedOnceSince(session, since, speculative, id, vias) {
  for (const via of vias) {
    const path = `/${id}.js?via=${via}`;
    const count = session.thirdPartyRequests().filter((r) => r.path === path && r.at >= since).length;
    if (speculative.includes(path)) assert.ok(count <= 1, `${path} fetched at most once after consent, got ${count}`);
    else assert.equal(count, 1, `${path} fetched once after consent`);
  }
}

/** In the page: the path and query of each third-party URL in a `<template>` of its HTML. */
function templateUrls() {
  const thirdParty = document.documentElement.dataset.thirdParty;
  return [...document.querySelectorAll('template')]
    .flatMap((template) => [...template.content.querySelectorAll('[src]')])
    .map((element) => element.getAttribute('src'))
    .filter((src) => src.startsWith(`${thirdParty}/`))
    .map((src) => src.slice(thirdParty.length));
}

/**
 * Like assertNothingFromThirdParty on a page with `<template>`s: the spec says a speculative
 * parser must not fetch what a template holds, but Firefox's fetches a `<script src>` (or an
 * `<img src>`) nested in an element inside one (Mozilla bug 1441044; a direct child of the
 * template is left alone). That comes from the page's HTML, before any page code or the guard
 * could act, and the script does not run: it is noted, and anything else fails. Returns the
 * paths so fetched.
 */
async function assertNothingButSpeculativeFetches(session, inTemplates) {
  const paths = session.thirdPartyRequests().map((r) => r.path);
  assert.deepEqual(paths.filter((path) => !inTemplates.includes(path)), [], 'third-party server requests');
  assert.deepEqual(await session.tab.evaluate(ranVia), [], 'a stand-in ran');
  const speculative = [...new Set(paths)];
  if (speculative.length > 0) {
    session.note(`the speculative parser fetches a script inside a <template> of the HTML (${speculative.join(', ')}) before consent; it does not run, and its revived copy runs once from that fetch`);
  }
  return speculative;
}

async function withServerSettings(settings, body) {
  e2e.servers.setWasmDelay(settings.wasmDelayMs ?? 0);
  e2e.servers.setHtmlHeaders(settings.htmlHeaders ?? {});
  try {
    await body();
  } finally {
    e2e.servers.setWasmDelay(0);
    e2e.servers.setHtmlHeaders({});
  }
}

// ---------------------------------------------------------------------------------------------
// Runtime insertion vectors (vectors.js)

e2e.test('every runtime insertion vector, used before and after the wasm started, is neither fetched nor run before consent, then runs once in document order', async (session) => {
  await withServerSettings({ wasmDelayMs: WASM_DELAY_MS }, async () => {
    await session.open('/e2e-pages/vectors.html');
    const before = await session.tab.evaluate(runVectors, { id: 'intercom' });
    assert.equal(before.started, false, 'the first vectors ran before the widget started');
    assert.deepEqual(before.errors, []);
    assert.ok(before.names.length >= 8, 'every vector is exercised');
    await waitForWidget(session);
    const after = await session.tab.evaluate(runVectors, { id: 'wootric' });
    assert.equal(after.started, true);
    assert.deepEqual(after.errors, []);
    await session.observe();
    await assertNothingFromThirdParty(session);
    const expected = await session.tab.evaluate(held);
    assert.deepEqual([...expected].sort(), [...tagged('intercom', before.names), ...tagged('wootric', after.names)].sort(),
      'each vector left one held script each time');

    await session.tab.evaluate(acceptAll);
    await waitForRuns(session, expected);
    await session.observe();
    await assertRanOnceInOrder(session, expected);
    assertFetchedOnce(session, 'intercom', before.names);
    assertFetchedOnce(session, 'wootric', after.names);
    assert.deepEqual(await session.tab.evaluate(held), [], 'nothing is left held');

    // Without data-trusted-types on its tag the guard leaves the default policy slot to the page.
    const slot = await session.tab.evaluate(() => ('trustedTypes' in window
      ? [window.trustedTypes.defaultPolicy, window.trustedTypes.createPolicy('default', { createScriptURL: (u) => u }).name]
      : 'absent'));
    if (slot !== 'absent') assert.deepEqual(slot, [null, 'default'], 'no default policy made by the guard; the page can make its own');
  });
});

// ---------------------------------------------------------------------------------------------
// Watched vectors (watched.js): scripts that start out other than by createElement + insertion

e2e.test('scripts copied, parsed into templates, built detached or made by a frame\'s document, inserted before the wasm started, are held, then run once after consent', async (session) => {
  await withServerSettings({ wasmDelayMs: WASM_DELAY_MS }, async () => {
    await session.open('/e2e-pages/watched.html');
    const inTemplates = await session.tab.evaluate(templateUrls);
    const { started, names, errors } = await session.tab.evaluate(runVectors, { id: 'intercom' });
    assert.equal(started, false, 'the vectors ran before the widget started');
    assert.deepEqual(errors, []);
    await waitForWidget(session);
    await assertWatchedHeldThenRunOnce(session, names, inTemplates);
  });
});

e2e.test('the same, inserted after the wasm started: each alone in a fresh page is held, and all together are held, then run once after consent', async (session) => {
  await session.open('/e2e-pages/watched.html');
  const names = await session.tab.evaluate(() => window.vectorNames);
  const inTemplates = await session.tab.evaluate(templateUrls);
  // Alone: nothing else the guard watches is waiting to be inserted.
  for (const name of names) {
    if (name !== names[0]) await session.open('/e2e-pages/watched.html');
    await waitForWidget(session);
    const { errors } = await session.tab.evaluate(runVectors, { names: [name], id: 'intercom' });
    assert.deepEqual(errors, []);
    assert.deepEqual(await session.tab.evaluate(held), [`intercom:${name}`], `${name} alone is held`);
  }
  await session.open('/e2e-pages/watched.html');
  await waitForWidget(session);
  const { errors } = await session.tab.evaluate(runVectors, { id: 'intercom' });
  assert.deepEqual(errors, []);
  await assertWatchedHeldThenRunOnce(session, names, inTemplates);
});

/**
 * After Intercom's watched vectors `names` ran: nothing reached the third party but the
 * speculative fetches of the page's templates, each vector left one held script, and after
 * Accept all each runs once, in document order, fetched once.
 */
async function assertWatchedHeldThenRunOnce(session, names, inTemplates) {
  await session.observe();
  const speculative = await assertNothingButSpeculativeFetches(session, inTemplates);
  const expected = await session.tab.evaluate(held);
  assert.deepEqual([...expected].sort(), tagged('intercom', names).sort(), 'each vector left one held script');

  const acceptedAt = Date.now();
  await session.tab.evaluate(acceptAll);
  await waitForRuns(session, expected);
  await session.observe();
  await assertRanOnceInOrder(session, expected);
  assertFetchedOnceSince(session, acceptedAt, speculative, 'intercom', names);
}

// ---------------------------------------------------------------------------------------------
// Inert tags (static.html), the parser (parser.html)

e2e.test('inert tags, an iframe and an image are revived once after Accept all, in document order, attributes kept; a placeholder stands in for the blocked iframe', async (session) => {
  await session.open('/e2e-pages/static.html');
  await waitForWidget(session);
  await waitInPage(session.tab, partShown, 'banner', { message: 'the banner' });
  await session.observe();
  await assertNothingFromThirdParty(session);
  const placeholder = () => document.querySelector('[data-kc-placeholder="intercom"]')?.textContent ?? null;
  assert.match(await session.tab.evaluate(placeholder), /^Intercom: this content is blocked/);

  await session.tab.click(widget.action('banner', 'accept-all'));
  const external = ['intercom:inert-1', 'wootric:inert-2', 'intercom:inert-4'];
  await waitForRuns(session, [...external, 'inline:inert-3']);
  await session.observe();
  await assertRanOnceInOrder(session, external);
  await assertRanOnceInOrder(session, ['inline:inert-3']);
  assertFetchedOnce(session, 'intercom', ['inert-1', 'inert-4']);
  assertFetchedOnce(session, 'wootric', ['inert-2']);
  assert.deepEqual(await session.tab.evaluate(() => ({
    kept: document.querySelectorAll('script[data-extra="kept"][src*="inert-1"]').length,
    inert: document.querySelectorAll('script[type="text/plain"], [data-src]').length,
  })), { kept: 1, inert: 0 }, 'attributes are kept and no inert tag is left');
  assert.equal(await session.tab.evaluate(placeholder), null, 'the placeholder is gone');
  assert.equal(session.thirdPartyRequests('/beacon/intercom?via=iframe').length, 1, 'the iframe loaded once');
  assert.equal(session.thirdPartyRequests('/beacon/wootric?via=img').length, 1, 'the image loaded once');

  // A later decision revives nothing twice.
  const ranBefore = await session.tab.evaluate(ranVia);
  await session.tab.evaluate(() => window.kaitenConsent.set({ analytics: true, intercom: true, wootric: true }));
  await session.observe();
  assert.deepEqual(await session.tab.evaluate(ranVia), ranBefore, 'nothing ran again');
});

e2e.test('per-processor granularity: granting Intercom revives only Intercom\'s tags; later, its inert tags and scripts run at once and Wootric\'s stay held', async (session) => {
  await session.open('/e2e-pages/static.html');
  await waitForWidget(session);
  await session.tab.evaluate(() => window.kaitenConsent.set({ intercom: true }));
  await waitForRuns(session, ['intercom:inert-1', 'intercom:inert-4', 'inline:inert-3']);
  await session.tab.evaluate((tp) => {
    for (const id of ['intercom', 'wootric']) {
      const inert = document.createElement('script');
      inert.type = 'text/plain';
      inert.dataset.processor = id;
      inert.dataset.src = `${tp}/${id}.js?via=lateInert`;
      const script = document.createElement('script');
      script.src = `${tp}/${id}.js?via=lateScript`;
      document.body.append(inert, script);
    }
  }, session.thirdPartyOrigin);
  await waitForRuns(session, ['intercom:lateInert', 'intercom:lateScript']);
  await session.observe();
  assert.deepEqual((await session.tab.evaluate(ranVia)).sort(), [
    'inline:inert-3', 'intercom', 'intercom:inert-1', 'intercom:inert-4', 'intercom:lateInert', 'intercom:lateScript',
  ], 'only Intercom ran (the widget\'s load and the page\'s tags), each once');
  assert.deepEqual(session.thirdPartyRequests('wootric'), [], 'nothing from Wootric');
  assert.deepEqual(session.thirdPartyRequests('analytics'), [], 'nothing from Google Analytics');
  assert.deepEqual(await session.tab.evaluate(() => ({
    image: document.querySelectorAll('img[data-processor="wootric"][data-src]').length,
    placeholders: document.querySelectorAll('[data-kc-placeholder]').length,
  })), { image: 1, placeholders: 0 }, 'the Wootric image is still inert; the Intercom iframe has loaded');
  assert.equal(session.thirdPartyRequests('/beacon/intercom?via=iframe').length, 1, 'the iframe loaded once');
  assert.deepEqual(await session.tab.evaluate(held), ['wootric:lateScript'], 'Wootric\'s script is held');
});

e2e.test('a plain processor tag in the HTML, after a page script removed an earlier script, does not run before consent and runs once after', async (session) => {
  await session.open('/e2e-pages/parser.html');
  await waitForWidget(session);
  await session.observe();
  assert.equal(await session.tab.evaluate(() => window.__earlierRan && !document.getElementById('earlier')), true, 'the earlier script ran and was removed');
  assert.deepEqual(await session.tab.evaluate(ranVia), [], 'it did not run');
  assert.deepEqual(await session.tab.evaluate(held), ['intercom:parser']);
  const preloaded = session.thirdPartyRequests('via=parser').length;
  // Use inert tags in HTML: a preload scanner may fetch a plain tag ahead of the parser (docs/blocking.md).
  if (preloaded > 0) session.note(`a plain processor tag in the HTML is fetched before consent (${preloaded}×, preload scanner), not run`);
  await session.tab.evaluate(acceptAll);
  await waitForRuns(session, ['intercom:parser']);
  await session.observe();
  await assertRanOnceInOrder(session, ['intercom:parser']);
});

// ---------------------------------------------------------------------------------------------
// Trusted Types (trusted-types.html under require-trusted-types-for 'script')

/** The vectors of vectors.js a Trusted Types page can use (createContextualFragment needs TrustedHTML). */
const STRING_VECTORS = ['appendChild', 'append', 'insertBefore', 'replaceWith', 'setAttribute',
  'setAttributeNS', 'srcProperty', 'insertAdjacentElement'];
/** Vectors that give a src through an Attr, which only the guard's default policy sees. */
const ATTR_VECTORS = ['setAttributeNode', 'setNamedItem'];

/**
 * In the page: whether it has Trusted Types and enforces them, and from then on records errors
 * and violations in `window.__errors`. Enforcement is seen without a violation: a string script
 * URL of a processor reaches the guard's default policy (which makes it inert) only where the
 * page enforces Trusted Types. The probe script is never inserted.
 */
function trustedTypesStatus() {
  window.__errors = [];
  addEventListener('error', (event) => window.__errors.push(`error: ${event.message}`));
  addEventListener('unhandledrejection', (event) => window.__errors.push(`unhandledrejection: ${event.reason}`));
  addEventListener('securitypolicyviolation', (event) => window.__errors.push(`violation: ${event.violatedDirective} ${event.blockedURI}`));
  if (!('trustedTypes' in window)) return { status: 'absent' };
  const probe = document.createElement('script');
  try {
    probe.src = `${document.documentElement.dataset.thirdParty}/intercom.js?via=probe`;
  } catch (error) {
    return { status: `enforced without a default policy: ${error}` };
  }
  return {
    status: probe.getAttribute('src').startsWith('https://[kc-held]/#') ? 'enforced' : 'not enforced',
    policy: window.trustedTypes.defaultPolicy?.name ?? null,
  };
}

e2e.test('Trusted Types, where the engine has them: plain string script URLs used before and after the wasm started do not throw, are neither fetched nor run before consent, run once after, as does an inert tag; an Attr src is held by the default policy; no CSP report', async (session) => {
  const reportsMark = e2e.servers.cspReports.length;
  const cspReports = () => e2e.servers.cspReports.slice(reportsMark).map((r) => JSON.stringify(r.report));
  await withServerSettings({ wasmDelayMs: WASM_DELAY_MS, htmlHeaders: { 'Content-Security-Policy': TRUSTED_TYPES_CSP } }, async () => {
    await session.open('/e2e-pages/trusted-types.html');
    const { status, policy } = await session.tab.evaluate(trustedTypesStatus);
    const enforced = status === 'enforced';
    assert.ok(enforced || status === 'absent', `Trusted Types: ${status}`);
    session.note(`Trusted Types: ${status}`);
    if (enforced) assert.equal(policy, 'default', 'the guard made the default policy');

    const before = await session.tab.evaluate(runVectors, { names: STRING_VECTORS, id: 'intercom' });
    assert.equal(before.started, false, 'the first vectors ran before the widget started');
    assert.deepEqual(before.errors, [], 'no vector threw');
    await waitForWidget(session);
    const after = await session.tab.evaluate(runVectors, { names: STRING_VECTORS, id: 'wootric' });
    assert.deepEqual(after.errors, [], 'no vector threw');
    // Without Trusted Types nothing sees an Attr's value: docs/blocking.md's table says so.
    const attr = enforced ? await session.tab.evaluate(runVectors, { group: 'attrVectors', names: ATTR_VECTORS, id: 'wootric' }) : { errors: [] };
    assert.deepEqual(attr.errors, [], 'no Attr vector threw');
    await session.observe();
    await assertNothingFromThirdParty(session);
    const expected = await session.tab.evaluate(held);
    assert.deepEqual([...expected].sort(), [
      ...tagged('intercom', STRING_VECTORS), ...tagged('wootric', STRING_VECTORS), ...tagged('wootric', enforced ? ATTR_VECTORS : []),
    ].sort(), 'each vector left one held script');
    if (enforced) {
      assert.equal(await session.tab.evaluate(() => [...document.querySelectorAll('script[data-kc-held]')]
        .filter((s) => !s.getAttribute('src').startsWith('https://[kc-held]/#')).length), 0,
      'the default policy made every held src inert');
    }

    await session.tab.evaluate(acceptAll);
    const inert = ['intercom:inert-tt'];
    await waitForRuns(session, ['analytics', 'intercom', 'wootric', ...expected, ...inert]);
    await session.observe();
    await assertRanOnceInOrder(session, expected);
    await assertRanOnceInOrder(session, inert);
    const ran = await session.tab.evaluate(ranVia);
    for (const id of ['analytics', 'intercom', 'wootric']) {
      assert.equal(ran.filter((entry) => entry === id).length, 1, `the widget loaded ${id} once`);
    }
    assertFetchedOnce(session, 'intercom', [...STRING_VECTORS, 'inert-tt']);
    assertFetchedOnce(session, 'wootric', [...STRING_VECTORS, ...(enforced ? ATTR_VECTORS : [])]);
    assert.deepEqual(await session.tab.evaluate(held), [], 'nothing is left held');

    // Granted now: a string URL passes unchanged and runs at once.
    assert.deepEqual((await session.tab.evaluate(runVectors, { names: ['append'], id: 'intercom' })).errors, []);
    await waitInPage(session.tab, () => window.__via_log.filter((entry) => entry === 'intercom:append').length === 2, undefined, {
      message: 'a second append to run at once',
    });
    await session.observe();
    assert.deepEqual(await session.tab.evaluate(() => window.__errors), [], 'errors and violations in the page');
    assert.deepEqual(cspReports(), [], 'CSP reports');
  });
});
