// Hostile pages (issue 7): XSS payloads in every config and translation string the UI shows, bad
// links and cookie names refused by config validation, a strict CSP with Trusted Types, a
// programmatic .click() on the consent buttons, and the widget inside a cross-origin frame.
//
// Run: node --test e2e/hostile.test.mjs   (needs pkg/web from `cargo xtask build`)

import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { useE2E, hooks, waitUntil, PROCESSOR_IDS } from './lib/browser.mjs';
import { ui, usePageLanguage, visitAndWaitForBanner } from './lib/ui.mjs';
import { widgetStarted, ranVia, assertNothingFromThirdParty } from './lib/blocking.mjs';
import { startServers } from '../scripts/serve.mjs';

const e2e = useE2E();

/** Every payload sets `window.__xss` (or opens a dialog) if it ever runs as markup or code. */
const PAYLOAD = {
  name: '<img src=x onerror="window.__xss=\'name\'">',
  purposeEn: '"><script>window.__xss=\'purpose-en\'</script>',
  purposeRu: '\'><svg onload="window.__xss=\'purpose-ru\'"><\\/svg>',
  dataSharedEn: '<iframe srcdoc="<script>parent.__xss=\'data-shared-en\'</script>"></iframe>',
  dataSharedRu: '{{7*7}} ${7*7} <%= 7*7 %> #{7*7} {{constructor.constructor(\'alert(1)\')()}}',
  recipient: '</dd></dl><a href="javascript:window.__xss=\'recipient\'">Acme</a>',
  locationEn: '<details open ontoggle="window.__xss=\'location-en\'">EU</details>',
  locationRu: '<body onload=alert(\'location-ru\')><style>*{display:none}</style>',
  necessaryName: '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=\'necessary\'">',
  necessaryPurpose: '<template><script>window.__xss=\'template\'</script></template>&lt;b&gt;&amp;',
  // No blank, so config validation accepts it as an https link; it must stay one attribute value.
  privacyUrl: 'https://example.com/"><img/src=x/onerror=window.__xss=\'href\'>',
};

/** A config whose every shown string is a payload: one consent-based and one necessary processor. */
const HOSTILE_CONFIG = {
  processors: [
    {
      id: 'hostile',
      basis: 'consent',
      name: PAYLOAD.name,
      purpose: { en: PAYLOAD.purposeEn, ru: PAYLOAD.purposeRu },
      dataShared: { en: PAYLOAD.dataSharedEn, ru: PAYLOAD.dataSharedRu },
      recipient: PAYLOAD.recipient,
      location: { en: PAYLOAD.locationEn, ru: PAYLOAD.locationRu },
      privacyUrl: PAYLOAD.privacyUrl,
      cookies: [{ name: 'xss_probe-*', lifetimeDays: 1 }],
    },
    {
      id: 'hosting',
      basis: 'necessary',
      name: PAYLOAD.necessaryName,
      purpose: PAYLOAD.necessaryPurpose,
      dataShared: PAYLOAD.dataSharedEn,
      recipient: PAYLOAD.recipient,
      location: PAYLOAD.locationEn,
      privacyUrl: '/privacy"><script>window.__xss=\'path\'</script>',
    },
  ],
};

/** Makes every document of the session start the widget of configured.html with `config`. */
async function useConfig(session, config) {
  await session.context.addInitScript((config) => { window.__kcConfig = config; }, config);
}

/** Records every dialog (alert, confirm, prompt) the page opens, dismissing it. */
function recordDialogs(page) {
  const dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  return dialogs;
}

/** What the preferences row of processor `id` shows, read from the shadow root. */
function shownRow(page, id) {
  return page.locator(ui.processor(id)).evaluate((input) => {
    const row = input.closest('li');
    const link = row.querySelector('a');
    return {
      name: row.querySelector('label').textContent,
      purpose: row.querySelector(`#kc-p-${input.dataset.kcProcessor}-purpose`).textContent,
      details: [...row.querySelectorAll('dd')].map((dd) => dd.textContent),
      linkText: link.textContent,
      href: link.getAttribute('href'),
      injected: row.querySelectorAll('img, script, svg, iframe, details, body, style, math, template, a[href^="javascript"]').length,
    };
  });
}

for (const lang of ['en', 'ru']) {
  e2e.test(`XSS payloads in every shown config string and their ${lang} translations show literally and nothing runs`, async (session) => {
    const { page } = session;
    const dialogs = recordDialogs(page);
    await usePageLanguage(session, lang);
    await useConfig(session, HOSTILE_CONFIG);
    await page.goto(`${session.origin}/e2e-pages/configured.html`);
    await widgetStarted(session);
    assert.equal(await page.evaluate(() => window.__startError), undefined, 'the config is valid');
    await page.locator(ui.banner).waitFor({ state: 'visible' });
    await page.locator(ui.in('banner', 'settings')).click();
    await page.locator(ui.preferences).waitFor({ state: 'visible' });

    const ru = lang === 'ru';
    const days = ru ? '1 день' : '1 day';
    const hostile = await shownRow(page, 'hostile');
    assert.deepEqual(hostile, {
      name: PAYLOAD.name,
      purpose: ru ? PAYLOAD.purposeRu : PAYLOAD.purposeEn,
      details: [
        ru ? PAYLOAD.dataSharedRu : PAYLOAD.dataSharedEn,
        `xss_probe-* — ${days}`,
        `${PAYLOAD.recipient}, ${ru ? PAYLOAD.locationRu : PAYLOAD.locationEn}`,
        PAYLOAD.privacyUrl.slice('https://'.length),
      ],
      linkText: PAYLOAD.privacyUrl.slice('https://'.length),
      href: PAYLOAD.privacyUrl,
      injected: 0,
    });
    const necessary = await shownRow(page, 'hosting');
    assert.equal(necessary.name, PAYLOAD.necessaryName);
    assert.equal(necessary.purpose, PAYLOAD.necessaryPurpose);
    assert.equal(necessary.href, '/privacy"><script>window.__xss=\'path\'</script>');
    assert.equal(necessary.injected, 0);
    // The blocked iframe's placeholder names the processor: as text too.
    const placeholder = await page.locator('[data-kc-placeholder="hostile"]').textContent();
    assert.ok(placeholder.startsWith(`${PAYLOAD.name}: `), `placeholder: ${placeholder}`);

    await session.observe();
    assert.equal(await page.evaluate(() => window.__xss), undefined, 'a payload ran');
    assert.deepEqual(dialogs, [], 'a payload opened a dialog');
    assert.doesNotMatch(session.consoleText(), /pageerror/, 'no page error');

    // Control: the same kind of payload does run when a page puts it in as HTML, so the probe works.
    await page.evaluate((html) => { document.body.insertAdjacentHTML('beforeend', html); }, '<img src=x onerror="window.__xss=\'control\'">');
    await waitUntil(() => page.evaluate(() => window.__xss === 'control'), { message: 'the control payload to run' });
  });
}

e2e.test('bad links, script URLs, ids and cookie names in the config are refused with an error naming each, and nothing mounts or loads', async (session) => {
  const { page } = session;
  const base = HOSTILE_CONFIG.processors[0];
  await useConfig(session, {
    privacyUrl: 'javascript:alert(1)',
    proofUrl: 'data:text/html,<script>alert(1)</script>',
    scripts: { analytics: 'javascript:window.__xss=1', intercom: `${session.thirdPartyOrigin}/intercom.js` },
    processors: [
      { ...base, id: 'a', privacyUrl: 'javascript:window.__xss=\'link\'' },
      { ...base, id: 'b', privacyUrl: 'JaVaScRiPt:alert(1)' },
      { ...base, id: 'c', privacyUrl: 'java\tscript:alert(1)' },
      { ...base, id: 'd', privacyUrl: '//evil.example/privacy' },
      { ...base, id: 'e', privacyUrl: 'https://x" onmouseover="alert(1)' },
      { ...base, id: 'f', script: 'data:text/javascript,window.__xss=1' },
      { ...base, id: 'g', script: 'https://user@evil.example/x.js' },
      { ...base, id: '<img src=x onerror=alert(1)>' },
      { ...base, id: 'h', cookies: [{ name: '<img src=x onerror=alert(1)>', lifetimeDays: 1 }] },
      { ...base, id: 'i', cookies: [{ name: '"><script>alert(1)</script>', lifetimeDays: 1 }] },
    ],
  });
  await page.goto(`${session.origin}/e2e-pages/configured.html`);
  await widgetStarted(session);
  const error = await page.evaluate(() => window.__startError);
  assert.equal(error?.name, 'KaitenConsentError');
  assert.equal(error.code, 'invalid_config');
  const expected = {
    'config.privacyUrl': 'expected an https:// URL or a same-origin path',
    'config.proofUrl': 'expected an https:// URL or a same-origin path',
    'config.scripts.analytics': 'expected an https:// URL, a same-origin path',
    ...Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((_, i) => [`config.processors[${i}].privacyUrl`, 'expected an https:// URL or a same-origin path'])),
    'config.processors[5].script': 'expected an https:// URL, a same-origin path',
    'config.processors[6].script': 'expected an https:// URL, a same-origin path',
    'config.processors[7].id': 'expected 1-32 characters of a-z, 0-9',
    'config.processors[8].cookies[0].name': 'expected 1-64 characters of A-Z a-z 0-9',
    'config.processors[9].cookies[0].name': 'expected 1-64 characters of A-Z a-z 0-9',
  };
  for (const [path, says] of Object.entries(expected)) {
    assert.ok(error.message.includes(`${path}: ${says}`), `${path} is not reported as "${says}…" in:\n${error.message}`);
  }
  assert.match(session.consoleText(), /^error: kaiten-consent: invalid config[^]*config\.processors\[0\]\.privacyUrl/m, 'the issues are on the console');
  assert.equal(await page.locator(hooks.root).count(), 0, 'nothing mounted');
  await session.observe();
  await assertNothingFromThirdParty(session);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('a[href^="javascript"], script[src^="data:"]')].length), 0);
});

e2e.test('a programmatic .click() or dispatched click on Accept all, Save or a switch records no consent: no cookie, nothing loads', async (session) => {
  const { page } = session;
  await visitAndWaitForBanner(session);
  await page.locator(ui.in('banner', 'accept-all')).evaluate((button) => {
    button.click();
    button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
    button.dispatchEvent(new PointerEvent('click', { bubbles: true, composed: true, cancelable: true }));
  });
  // Opening needs no trusted click; deciding does.
  await page.locator(ui.in('banner', 'settings')).evaluate((button) => button.click());
  await page.locator(ui.preferences).waitFor({ state: 'visible' });
  await page.locator(ui.processor('analytics')).evaluate((input) => input.click());
  await page.locator(ui.in('preferences', 'save')).evaluate((button) => button.click());
  await page.locator(ui.in('preferences', 'accept-all')).evaluate((button) => button.click());
  await page.locator(ui.in('preferences', 'accept-all')).evaluate((button) => button.dispatchEvent(
    new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }),
  ));
  await session.observe();

  assert.deepEqual((await session.context.cookies()).map((c) => c.name), [], 'no cookie at all');
  await assertNothingFromThirdParty(session);
  for (const id of PROCESSOR_IDS) {
    assert.equal(await page.evaluate((id) => window.kaitenConsent.isGranted(id), id), false, `${id} granted`);
  }
  assert.equal(await page.locator(ui.status).textContent(), '', 'nothing was announced as saved');
  await page.keyboard.press('Escape');
  assert.ok(await page.locator(ui.banner).isVisible(), 'the banner still asks');

  // Control: a real click does record, so the checks above can fail.
  await page.locator(ui.in('banner', 'accept-all')).click();
  await waitUntil(async () => (await session.context.cookies()).some((c) => c.name === 'kaiten_consent'), { message: 'the cookie after a real click' });
});

const STRICT_CSP = "default-src 'self'; script-src 'self' 'nonce-e2e-nonce' 'wasm-unsafe-eval'; "
  + "style-src 'self' 'nonce-e2e-nonce'; require-trusted-types-for 'script'";

e2e.test('a strict CSP with Trusted Types: show, settings, accept, withdraw and reload raise no securitypolicyviolation', async (session) => {
  const { page, context } = session;
  const violations = [];
  await context.exposeBinding('__kcViolation', (_source, text) => { violations.push(text); });
  await context.addInitScript(() => {
    addEventListener('securitypolicyviolation', (event) => {
      window.__kcViolation(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
    }, true);
  });
  const refused = () => session.consoleText().split('\n').filter((line) => /Content Security Policy|Trusted ?Type|Refused to/i.test(line));
  const script = (id) => `/e2e-pages/same-origin-processor.js?id=${id}`;
  await useConfig(session, { scripts: Object.fromEntries(PROCESSOR_IDS.map((id) => [id, script(id)])) });
  e2e.servers.setHtmlHeaders({ 'Content-Security-Policy': STRICT_CSP });
  try {
    await page.goto(`${session.origin}/e2e-pages/configured.html`);
    await widgetStarted(session);
    assert.equal(await page.evaluate(() => window.__startError), undefined);
    await page.locator(ui.banner).waitFor({ state: 'visible' }); // show
    await page.locator(ui.in('banner', 'settings')).click(); // settings
    await page.locator(ui.preferences).waitFor({ state: 'visible' });
    await page.locator(ui.in('preferences', 'accept-all')).click(); // accept
    const all = PROCESSOR_IDS.map((id) => `${id}:same-origin`);
    await waitUntil(async () => {
      const ran = await ranVia(page);
      return all.every((entry) => ran.includes(entry));
    }, { message: 'the three same-origin processors to run' });
    await page.locator(ui.processor('analytics')).uncheck(); // withdraw
    await page.locator(ui.in('preferences', 'save')).click();
    await waitUntil(async () => (await page.locator(ui.status).textContent()) !== '', { message: 'the saved status' });
    assert.equal(await page.evaluate(() => window.kaitenConsent.isGranted('analytics')), false, 'analytics withdrawn');
    await session.networkIdle();

    await page.reload(); // reload
    await widgetStarted(session);
    await page.locator(ui.entry).waitFor({ state: 'visible' });
    await waitUntil(async () => {
      const ran = await ranVia(page);
      return ran.includes('intercom:same-origin') && ran.includes('wootric:same-origin');
    }, { message: 'the granted processors to run after the reload' });
    await session.observe();
    assert.deepEqual((await ranVia(page)).sort(), ['intercom:same-origin', 'wootric:same-origin'], 'after the reload only the granted ones ran');
    assert.ok(!(await page.locator(ui.banner).isVisible()), 'no banner after the reload');

    assert.deepEqual(violations, [], 'securitypolicyviolation events');
    assert.deepEqual(refused(), [], 'CSP or Trusted Types errors on the console');

    // Control: the policy is in force and a violation would be seen.
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { outline: 1px solid red; }';
      document.head.append(style);
    });
    await waitUntil(() => violations.some((v) => v.startsWith('style-src')), { message: 'the control violation' });
  } finally {
    e2e.servers.setHtmlHeaders({});
  }
});

/** `page.evaluate(fn)`, or an error saying the page froze if it has not answered in 5 s. */
function answers(page, fn) {
  let timer;
  const frozen = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('the page froze: it did not answer within 5 s')), 5000);
  });
  return Promise.race([page.evaluate(fn), frozen]).finally(() => clearTimeout(timer));
}

e2e.test('an inert tag labelled with another processor than its URL\'s stays held after consent to the label, and the page does not freeze', async (session) => {
  const { page, thirdPartyOrigin } = session;
  await page.goto(`${session.origin}/e2e-pages/vectors.html`);
  await widgetStarted(session);
  await page.evaluate((url) => {
    const script = document.createElement('script');
    script.type = 'text/plain';
    script.dataset.processor = 'intercom';
    script.dataset.src = url;
    document.body.append(script);
  }, `${thirdPartyOrigin}/analytics.js?via=mislabelled`);
  await answers(page, () => window.kaitenConsent.set({ intercom: true }));
  await waitUntil(async () => (await ranVia(page)).includes('intercom'), { message: 'the widget to load intercom' });
  await session.observe();
  assert.deepEqual(await answers(page, () => window.__via_log), ['intercom'], 'only the granted processor ran');
  assert.equal(session.thirdPartyBrowserRequests().filter((r) => r.url.includes('analytics.js')).length, 0, 'analytics was not fetched');
  assert.equal(await page.locator('script[data-processor="intercom"][type="text/plain"]').count(), 1, 'the mislabelled tag is still inert');
});

// ---------------------------------------------------------------------------------------------
// Frames

/** A second set of servers: its first party (127.0.0.2) is another origin than the widget's. */
let framer;
before(async () => {
  framer = await startServers({ host: '127.0.0.2', thirdPartyHost: '127.0.0.3' });
});
after(async () => {
  await framer?.close();
});

/** Opens frame-host.html of `hostOrigin` with the demo of the test's first party in its frame. */
async function openFramedDemo(session, hostOrigin) {
  const { page } = session;
  await page.goto(`${hostOrigin}/e2e-pages/frame-host.html`);
  await page.locator('#framed').evaluate((frame, src) => { frame.src = src; }, `${session.origin}/`);
  const frame = await waitUntil(() => page.frames().find((f) => f.url() === `${session.origin}/`), { message: 'the framed demo' });
  await frame.waitForLoadState('load');
  return frame;
}

e2e.test('inside a frame of another origin the widget records nothing: no banner, no cookie, nothing loads, the console says why', async (session) => {
  const { page } = session;
  const frame = await openFramedDemo(session, framer.origin);
  await waitUntil(() => /in a frame of another origin/.test(session.consoleText()), { message: 'the console error' });
  assert.equal(await frame.locator(hooks.root).count(), 0, 'no widget in the frame');
  // Calls queued on the guard's stub (what the app would do) are never carried out.
  await frame.evaluate(() => { window.kaitenConsent.acceptAll(); window.kaitenConsent.set({ intercom: true }); });
  await session.observe();
  await assertNothingFromThirdParty(session, frame);
  assert.deepEqual((await session.context.cookies()).filter((c) => c.name === 'kaiten_consent'), [], 'no consent cookie');
  assert.ok(await frame.locator('h1').isVisible(), 'the framed page is still there');
  assert.equal(await page.locator('h1').textContent(), 'Framing page');
});

e2e.test('inside a same-origin frame the widget works as on the page itself', async (session) => {
  const frame = await openFramedDemo(session, session.origin);
  await frame.locator(ui.banner).waitFor({ state: 'visible', timeout: 10_000 });
  await frame.locator(ui.in('banner', 'accept-all')).click();
  await waitUntil(async () => (await ranVia(frame)).length === 3, { message: 'the three processors to run in the frame' });
  assert.ok((await session.context.cookies()).some((c) => c.name === 'kaiten_consent'), 'the decision is stored');
  assert.doesNotMatch(session.consoleText(), /in a frame of another origin/);
});

e2e.test('page code that breaks createElement after start: Settings cannot open, no click records consent, nothing loads, the page works and the console says so', async (session) => {
  const { page } = session;
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await visitAndWaitForBanner(session);
  // The preferences are built when first opened, so this reaches the widget's DOM builder.
  await page.evaluate(() => {
    Document.prototype.createElement = () => { throw new Error('createElement broken by the page'); };
  });
  await page.locator(ui.in('banner', 'settings')).click();
  await waitUntil(() => pageErrors.length > 0, { message: 'the trap to be reported' });
  assert.equal(await page.locator(ui.preferences).count(), 0, 'no preferences dialog');
  await page.locator(ui.in('banner', 'accept-all')).click();
  await page.evaluate(() => window.kaitenConsent.acceptAll());
  await session.observe();
  await assertNothingFromThirdParty(session);
  assert.deepEqual((await session.context.cookies()).map((c) => c.name).filter((n) => n === 'kaiten_consent'), [], 'no decision stored');
  assert.match(session.consoleText(), /kaiten-consent: .*(while another was being applied|was called while the widget was applying)/, 'later calls are refused, said on the console');
  assert.equal(await page.evaluate(() => document.querySelector('h1')?.textContent.trim()), 'Product roadmap', 'the page is there');
});
