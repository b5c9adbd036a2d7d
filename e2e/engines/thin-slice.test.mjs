// The thin slice in every engine: the banner on a first visit with nothing from the third party,
// Accept all loading each processor once, Reject all loading nothing, and a reload honouring the
// stored decision without the banner.
//
// Run: E2E_ENGINE=chromium|firefox|webkit node --test e2e/engines/   (webkit under xvfb-run -a)

import assert from 'node:assert/strict';
import { useEngine, widget, waitInPage } from '../lib/engines/index.mjs';
import { partShown, ranVia, statusPanel } from '../lib/engines/page.mjs';

const e2e = useEngine();
const ALL = ['analytics', 'intercom', 'wootric'];

async function firstVisit(session) {
  await session.open('/');
  await waitInPage(session.tab, partShown, 'banner', { message: 'the banner' });
}

e2e.test('first visit: the banner asks and nothing reaches the third party', async (session) => {
  await firstVisit(session);
  await session.observe();
  assert.deepEqual(session.thirdPartyRequests().map((r) => r.path), [], 'third-party server requests');
  assert.deepEqual(await session.tab.evaluate(ranVia), [], 'a stand-in ran');
  assert.deepEqual(await session.tab.evaluate(statusPanel), { analytics: 'blocked', intercom: 'blocked', wootric: 'blocked' });
});

e2e.test('Accept all: the banner hides and each processor is fetched and run exactly once', async (session) => {
  await firstVisit(session);
  const clickedAt = Date.now();
  await session.tab.click(widget.action('banner', 'accept-all'));
  await waitInPage(session.tab, (ids) => ids.every((id) => (window.__via_log ?? []).includes(id)), ALL, { message: 'every stand-in to run' });
  await session.observe();
  assert.equal(await session.tab.evaluate(partShown, 'banner'), false, 'the banner hides');
  assert.deepEqual((await session.tab.evaluate(ranVia)).sort(), ALL);
  for (const id of ALL) assert.equal(session.thirdPartyRequests(`/${id}.js`).length, 1, `${id}.js fetched once`);
  assert.ok(session.thirdPartyRequests().every((r) => r.at >= clickedAt), 'nothing reached the third party before the click');
});

e2e.test('Reject all: the banner hides and nothing loads', async (session) => {
  await firstVisit(session);
  await session.tab.click(widget.action('banner', 'reject-all'));
  await waitInPage(session.tab, (part) => !document.querySelector('[data-kc="root"]').shadowRoot.querySelector(`[data-kc="${part}"]`)?.checkVisibility(), 'banner', { message: 'the banner to hide' });
  await session.observe();
  assert.deepEqual(session.thirdPartyRequests().map((r) => r.path), []);
  assert.deepEqual(await session.tab.evaluate(ranVia), []);
});

for (const decision of ['accept-all', 'reject-all']) {
  e2e.test(`reload after ${decision}: no banner, and the stored decision is honoured`, async (session) => {
    await firstVisit(session);
    await session.tab.click(widget.action('banner', decision));
    await session.observe();
    const scripts = () => session.thirdPartyRequests().filter((r) => ALL.some((id) => r.path.startsWith(`/${id}.js`)));
    const before = scripts().length;
    await session.tab.reload();
    await waitInPage(session.tab, () => Boolean(document.querySelector('[data-kc="root"]')), undefined, { message: 'the widget' });
    if (decision === 'accept-all') {
      await waitInPage(session.tab, (ids) => ids.every((id) => (window.__via_log ?? []).includes(id)), ALL, { message: 'every stand-in to run' });
    }
    await session.observe();
    assert.equal(await session.tab.evaluate(partShown, 'banner'), false, 'no banner after a decision');
    assert.deepEqual((await session.tab.evaluate(ranVia)).sort(), decision === 'accept-all' ? ALL : []);
    assert.equal(scripts().length - before, decision === 'accept-all' ? ALL.length : 0, 'processor scripts fetched after the reload');
  });
}
