// The guard looks at insertions only while something it watched may be out of the document
// (js/guard.js). These are the ways a script reaches the page other than createElement and a
// direct insertion: built in a detached tree, given its src through an Attr, createElementNS, a copy, a template parsed with the
// page (cloned, or its content moved in), and a frame's document. Each is held before consent,
// before and after the wasm started, and runs once after Accept all; and each alone in a fresh
// page, where nothing else the guard watches is waiting to be inserted.
//
// Run: node --test e2e/   (needs pkg/web from `cargo xtask build`)

import assert from 'node:assert/strict';
import { useE2E } from './lib/browser.mjs';
import {
  openPage, widgetStarted, assertNothingFromThirdParty, heldInDocumentOrder, waitForRuns, assertRanOnceInOrder,
} from './lib/blocking.mjs';

const e2e = useE2E();
const WASM_DELAY_MS = 1500;

for (const when of ['before', 'after']) {
  e2e.test(`scripts copied, parsed into templates, built detached or made by a frame's document, inserted ${when} the wasm started, are held, then run once after consent`, async (session) => {
    const { page } = session;
    e2e.servers.setWasmDelay(when === 'before' ? WASM_DELAY_MS : 0);
    try {
      await openPage(session, 'watched.html');
      if (when === 'after') await widgetStarted(session);
      const { started, names } = await page.evaluate(() => {
        const started = window.__widgetStarted === true;
        for (const name of window.vectorNames) window.vectors[name]('intercom');
        return { started, names: window.vectorNames };
      });
      assert.equal(started, when === 'after', `the vectors ran ${when} the widget started`);
      await widgetStarted(session);
      await session.observe();
      await assertNothingFromThirdParty(session);
      const held = await heldInDocumentOrder(page);
      assert.deepEqual([...held].sort(), [...names].sort(), 'each vector left one held script');

      await page.evaluate(() => window.kaitenConsent.acceptAll());
      const expected = held.map((via) => `intercom:${via}`);
      await waitForRuns(page, expected);
      await session.observe();
      await assertRanOnceInOrder(page, expected);
    } finally {
      e2e.servers.setWasmDelay(0);
    }
  });
}

for (const vector of ['detachedTree', 'attrNode', 'createElementNS', 'cloneNode', 'templateClone', 'templateContent', 'frameDocument']) {
  e2e.test(`alone in a fresh page: ${vector} is held, then runs once after consent`, async (session) => {
    const { page } = session;
    await openPage(session, 'watched.html');
    await widgetStarted(session);
    await page.evaluate((name) => window.vectors[name]('intercom'), vector);
    await session.observe();
    await assertNothingFromThirdParty(session);
    assert.deepEqual(await heldInDocumentOrder(page), [vector]);
    await page.evaluate(() => window.kaitenConsent.acceptAll());
    await waitForRuns(page, [`intercom:${vector}`]);
    await session.observe();
    await assertRanOnceInOrder(page, [`intercom:${vector}`]);
  });
}

e2e.test('an inert iframe made after consent is revived as it is inserted; an inert image of a refused processor stays inert', async (session) => {
  const { page } = session;
  await openPage(session, 'watched.html');
  await widgetStarted(session);
  await page.evaluate(() => window.kaitenConsent.set({ intercom: true }));
  await session.observe();
  await page.evaluate((tp) => {
    const frame = document.createElement('iframe');
    frame.title = 'Support chat';
    frame.dataset.processor = 'intercom';
    frame.dataset.src = `${tp}/beacon/intercom?via=lateIframe`;
    const image = document.createElement('img');
    image.alt = '';
    image.dataset.processor = 'wootric';
    image.dataset.src = `${tp}/beacon/wootric?via=lateImg`;
    document.body.append(frame, image);
  }, session.thirdPartyOrigin);
  await session.observe();
  assert.equal(session.thirdPartyServerRequests().filter((r) => r.path.includes('via=lateIframe')).length, 1, 'the iframe loaded once');
  assert.deepEqual(session.thirdPartyServerRequests().filter((r) => r.path.includes('wootric')), [], 'nothing from Wootric');
  assert.equal(await page.locator('img[data-processor="wootric"][data-src]').count(), 1, 'the image is still inert');
});
