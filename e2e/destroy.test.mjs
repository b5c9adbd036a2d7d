// destroy() leaves nothing behind: ten start/destroy cycles, each using the widget (dialogs,
// decisions, onChange, a pending whenGranted, the host's entry element, proofUrl), end with the
// page as it was before the first start, counted through the Chrome DevTools Protocol after a
// forced garbage collection: DOM nodes, documents and JS event listeners (Memory.getDOMCounters),
// the listeners on document, window and the host's entry element (DOMDebugger.getEventListeners),
// and observers (MutationObserver, ResizeObserver, IntersectionObserver) still observing.

import assert from 'node:assert/strict';
import { useE2E } from './lib/browser.mjs';
import { openApiPage } from './lib/api.mjs';

const e2e = useE2E();
const CYCLES = 10;

// Before any page script: count observers that observe and have not disconnected (Playwright's
// own injected script keeps one; it is not the page's and is left out).
function countObservers() {
  const active = new Set();
  for (const name of ['MutationObserver', 'ResizeObserver', 'IntersectionObserver']) {
    const proto = window[name]?.prototype;
    if (!proto) continue;
    const observe = proto.observe;
    const disconnect = proto.disconnect;
    proto.observe = function (...args) {
      if (!/InjectedScript/.test(new Error().stack)) active.add(this);
      return observe.apply(this, args);
    };
    proto.disconnect = function (...args) { active.delete(this); return disconnect.apply(this, args); };
  }
  Object.defineProperty(window, '__activeObservers', { get: () => active.size });
}

async function measure(page, cdp) {
  // Twice: the first collection may run finalizers (wasm-bindgen's FinalizationRegistry) that
  // release more.
  for (let i = 0; i < 2; i++) {
    await cdp.send('HeapProfiler.collectGarbage');
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
  }
  const { documents, nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
  const listeners = {};
  for (const [name, expression] of [
    ['document', 'document'],
    ['window', 'window'],
    ['entry', "document.getElementById('privacy-settings')"],
  ]) {
    const { result } = await cdp.send('Runtime.evaluate', { expression });
    const found = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
    listeners[name] = found.listeners.map((l) => l.type).sort();
    await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
  }
  const page_ = await page.evaluate(() => ({
    elements: document.querySelectorAll('*').length,
    widgetHosts: document.querySelectorAll('[data-kc="root"]').length,
    placeholders: document.querySelectorAll('[data-kc-placeholder]').length,
    observers: window.__activeObservers,
    inertBody: document.body.inert,
  }));
  return { documents, nodes, jsEventListeners, listeners, ...page_ };
}

e2e.test(`${CYCLES} start/destroy cycles leave no node, listener or observer behind`, async (session) => {
  const { page, context } = session;
  await context.addInitScript(countObservers);
  await openApiPage(session);
  await page.waitForLoadState('load');
  const cdp = await context.newCDPSession(page);
  await cdp.send('DOM.enable');

  const before = await measure(page, cdp);
  assert.equal(before.widgetHosts, 0);
  assert.equal(before.observers, 0, 'the guard stopped its parser observer at DOMContentLoaded');

  const during = [];
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    during.push(await page.evaluate(async () => {
      const consent = window.__api.start({ entryElement: '#privacy-settings' });
      const unsubscribe = consent.onChange(() => {});
      consent.onChange(() => {});
      const pending = consent.whenGranted('intercom').catch((e) => e.code);
      consent.showPreferences();
      consent.rejectAll();
      consent.showNotice();
      consent.set({ analytics: false });
      document.getElementById('privacy-settings').click();
      unsubscribe();
      consent.reset();
      const mounted = document.querySelectorAll('[data-kc="root"]').length;
      consent.destroy();
      return { mounted, pending: await pending };
    }));
  }
  assert.deepEqual(during, Array.from({ length: CYCLES }, () => ({ mounted: 1, pending: 'destroyed' })));
  // Consent records were sent (and the page is not holding on to anything for them).
  const after = await measure(page, cdp);
  assert.deepEqual(after, before);
});

e2e.test('the counts do see a running widget (the measure is not blind)', async (session) => {
  const { page, context } = session;
  await context.addInitScript(countObservers);
  await openApiPage(session);
  await page.waitForLoadState('load');
  const cdp = await context.newCDPSession(page);
  const before = await measure(page, cdp);
  await page.evaluate(() => { window.__api.start({ entryElement: '#privacy-settings' }); });
  const running = await measure(page, cdp);
  assert.equal(running.widgetHosts, 1);
  assert.ok(running.nodes > before.nodes, `nodes ${before.nodes} -> ${running.nodes}`);
  assert.ok(running.jsEventListeners > before.jsEventListeners, `listeners ${before.jsEventListeners} -> ${running.jsEventListeners}`);
  assert.ok(running.listeners.window.includes('pagehide'));
  assert.ok(running.listeners.entry.includes('click'));
  await page.evaluate(() => window.kaitenConsent.destroy());
  assert.deepEqual(await measure(page, cdp), before);
});
