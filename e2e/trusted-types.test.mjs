// Blocking on a page that enforces Trusted Types (`require-trusted-types-for 'script'`): the
// guard's default policy lets page code keep assigning plain strings to script URLs, holds those
// of processors (an inert URL: nothing fetched, nothing run, nothing for the CSP to report), and
// the widget's own loads and revivals pass it once granted. The third party is allowed by the
// page's script-src, so the guard is the only thing that holds it.
//
// Run: node --test e2e/   (needs pkg/web from `cargo xtask build`)

import assert from 'node:assert/strict';
import { useE2E, waitUntil } from './lib/browser.mjs';
import {
  openPage, widgetStarted, ranVia, assertNothingFromThirdParty,
  heldInDocumentOrder, waitForRuns, assertRanOnceInOrder,
} from './lib/blocking.mjs';

const e2e = useE2E();
const WASM_DELAY_MS = 1500;
const TRUSTED_TYPES_CSP = "require-trusted-types-for 'script'; "
  + "script-src 'self' 'wasm-unsafe-eval' {{THIRD_PARTY}} 'nonce-e2e-nonce'; object-src 'none'";
/** The vectors of vectors.js a Trusted Types page can use (createContextualFragment needs TrustedHTML). */
const STRING_VECTORS = ['appendChild', 'append', 'insertBefore', 'replaceWith', 'setAttribute',
  'setAttributeNS', 'srcProperty', 'insertAdjacentElement'];

/** Opens trusted-types.html under the Trusted Types CSP, recording CSP violations from the start. */
async function openTrustedTypesPage(session) {
  await session.context.addInitScript(() => {
    window.__violations = [];
    addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
    }, true);
  });
  e2e.servers.setHtmlHeaders({ 'Content-Security-Policy': TRUSTED_TYPES_CSP });
  await openPage(session, 'trusted-types.html');
}

async function assertNoViolations(session) {
  assert.deepEqual(await session.page.evaluate(() => window.__violations), [], 'securitypolicyviolation events');
  assert.doesNotMatch(session.consoleText(), /Trusted ?Type|TrustedScriptURL/i, 'Trusted Types errors in the console');
}

/** Runs page vectors by name; returns the message of each that threw (none may). */
function runVectors(page, group, names, id) {
  return page.evaluate(({ group, names, id }) => names.flatMap((name) => {
    try {
      window[group][name](id);
      return [];
    } catch (error) {
      return [`${name}: ${error}`];
    }
  }), { group, names, id });
}

for (const when of ['before', 'after']) {
  e2e.test(`Trusted Types enforced, vectors used ${when} the wasm started: plain string script URLs do not throw, are neither fetched nor run before consent, run once after, as does an inert tag; the widget's own loads work; no CSP violation`, async (session) => {
    const { page } = session;
    e2e.servers.setWasmDelay(when === 'before' ? WASM_DELAY_MS : 0);
    try {
      await openTrustedTypesPage(session);
      assert.equal(await page.evaluate(() => window.trustedTypes?.defaultPolicy?.name), 'default', 'the guard made the default policy');
      if (when === 'after') await widgetStarted(session);
      const started = await page.evaluate(() => window.__widgetStarted === true);
      assert.equal(started, when === 'after', `the vectors ran ${when} the widget started`);
      assert.deepEqual(await runVectors(page, 'vectors', STRING_VECTORS, 'intercom'), [], 'no vector threw');
      await widgetStarted(session);
      await session.observe();
      await assertNothingFromThirdParty(session);
      const held = await heldInDocumentOrder(page);
      assert.deepEqual([...held].sort(), [...STRING_VECTORS].sort(), 'each vector left one held script');
      assert.deepEqual(
        await page.evaluate(() => [...document.querySelectorAll('script[data-kc-held]')].filter((s) => !s.getAttribute('src').startsWith('https://[kc-held]/#')).length),
        0, 'the default policy made every held src inert (the patches alone would have left it live)');

      await page.evaluate(() => window.kaitenConsent.acceptAll());
      const expected = held.map((via) => `intercom:${via}`);
      const inert = ['intercom:inert-tt'];
      await waitForRuns(page, ['analytics', 'intercom', 'wootric', ...expected, ...inert], 'the stand-ins, the revived and the inert scripts to run');
      await session.observe();
      await assertRanOnceInOrder(page, expected);
      await assertRanOnceInOrder(page, inert);
      const ran = await ranVia(page);
      for (const id of ['analytics', 'intercom', 'wootric']) {
        assert.equal(ran.filter((entry) => entry === id).length, 1, `the widget loaded ${id} once`);
      }
      for (const via of STRING_VECTORS) {
        const fetched = session.thirdPartyBrowserRequests().filter((r) => r.url.endsWith(`.js?via=${via}`));
        assert.equal(fetched.length, 1, `${via} fetched once`);
      }
      assert.equal(await page.locator('script[data-kc-held], script[src^="https://[kc-held]"]').count(), 0, 'nothing is left held');
      await assertNoViolations(session);

      // Granted now: a string URL passes the policy unchanged and runs at once.
      assert.deepEqual(await runVectors(page, 'vectors', ['append'], 'intercom'), []);
      await waitUntil(async () => (await ranVia(page)).filter((entry) => entry === 'intercom:append').length === 2, {
        message: 'a second append to run at once',
      });
      await assertNoViolations(session);
    } finally {
      e2e.servers.setWasmDelay(0);
      e2e.servers.setHtmlHeaders({});
    }
  });
}

e2e.test('Trusted Types enforced: a src set through an Attr (which no prototype patch sees) is held by the default policy, without a fetch or a CSP report, and revived after consent', async (session) => {
  const { page } = session;
  try {
    await openTrustedTypesPage(session);
    await widgetStarted(session);
    const vectors = ['setAttributeNode', 'setNamedItem'];
    assert.deepEqual(await runVectors(page, 'attrVectors', vectors, 'wootric'), [], 'no vector threw');
    await session.observe();
    await assertNothingFromThirdParty(session);
    await assertNoViolations(session);
    const held = await page.evaluate(() => [...document.querySelectorAll('script[src^="https://[kc-held]/#"]')]
      .map((s) => decodeURIComponent(s.getAttribute('src').slice('https://[kc-held]/#'.length))));
    assert.deepEqual(held, vectors.map((via) => `${session.thirdPartyOrigin}/wootric.js?via=${via}`), 'the inert URLs carry the originals');

    await page.evaluate(() => window.kaitenConsent.acceptAll());
    const expected = vectors.map((via) => `wootric:${via}`);
    await waitForRuns(page, expected);
    await session.observe();
    await assertRanOnceInOrder(page, expected);
    assert.equal(await page.locator('script[src^="https://[kc-held]"]').count(), 0, 'nothing is left held');
    await assertNoViolations(session);
  } finally {
    e2e.servers.setHtmlHeaders({});
  }
});

e2e.test('without data-trusted-types on its tag the guard leaves the page\'s default policy slot free', async (session) => {
  await openPage(session, 'vectors.html');
  await widgetStarted(session);
  assert.equal(await session.page.evaluate(() => window.trustedTypes.defaultPolicy), null, 'no default policy made');
  const made = await session.page.evaluate(() => window.trustedTypes.createPolicy('default', { createScriptURL: (u) => u }).name);
  assert.equal(made, 'default', 'the page can create its own default policy after the guard');
});
