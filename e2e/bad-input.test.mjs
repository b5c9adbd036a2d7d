// Bad input: consent cookies that are not ours, foreign cookies that do not decode, `__proto__`
// and `constructor` keys, a polluted Object.prototype, every kind of invalid config, and texts
// that stress the layout (2 KB, right-to-left, emoji, combining characters). Nothing consent-based
// loads without a decision, nothing panics, the page works, the console says what went wrong.
//
// Run: node --test e2e/bad-input.test.mjs   (needs pkg/web from `cargo xtask build`)

import assert from 'node:assert/strict';
import { useE2E, waitUntil } from './lib/browser.mjs';
import { ranVia, waitForRuns } from './lib/blocking.mjs';
import {
  openFaultPage, assertFailedClosed, assertHostUsable, assertConsoleSays, bannerVisible,
  widgetMounted,
} from './lib/faults.mjs';

const e2e = useE2E();
const ALL = ['analytics', 'intercom', 'wootric'];
const UNREADABLE = /kaiten-consent: the kaiten_consent cookie holds no decision this widget can read/;

/** Accepts all on a fresh page and returns the consent cookie's value (a valid record). */
async function validRecord(session) {
  const { page, context } = session;
  await openFaultPage(session);
  await page.locator('[data-kc="banner"] [data-kc-action="accept-all"]').click();
  await waitForRuns(page, ALL);
  return (await context.cookies()).find((c) => c.name === 'kaiten_consent').value;
}

async function setConsentCookie(session, value) {
  await session.context.addCookies([{ name: 'kaiten_consent', value, url: session.origin }]);
}

/** Opens the page again and asserts that it asks and loads nothing. */
async function assertAsksAgain(session, label) {
  const { page } = session;
  const mark = session.requests.length;
  await openFaultPage(session);
  await waitUntil(() => bannerVisible(page), { message: `the banner (${label})` });
  await session.observe();
  const thirdParty = session.requests.slice(mark).filter((r) => r.url.startsWith(session.thirdPartyOrigin));
  assert.deepEqual(thirdParty.map((r) => r.url), [], `${label}: third-party requests`);
  assert.deepEqual(await ranVia(page), [], `${label}: a stand-in ran`);
}

e2e.test('consent cookies not in our format are no decision: the banner asks, nothing loads, the console says the cookie was unreadable', async (session) => {
  const valid = await validRecord(session);
  const fields = valid.split('~');
  const withField = (i, value) => fields.map((f, j) => (j === i ? value : f)).join('~');
  const cases = {
    'JSON': '{"analytics":true,"intercom":true,"wootric":true}',
    'truncated in a choice': valid.slice(0, valid.length - 3),
    'truncated mid-record': valid.slice(0, 20),
    'badly percent-encoded': encodeURIComponent(valid).replace(/%7E/g, '%7') + '%E0%A4%A',
    '4 KB of junk': Array.from({ length: 4000 }, (_, i) => 'aZ09!#$&()*+-./:<>?@[]^_`{|}'[i % 27]).join(''),
    'wrong types (revision "one", times negative)': withField(1, 'one').replace(/~(\d{9,})~/, '~-5~'),
    'unknown schema': withField(0, '3'),
    'empty': '',
    '__proto__ and constructor as processors': withField(8, '__proto__:1.constructor:1.analytics:1'),
  };
  for (const [label, value] of Object.entries(cases)) {
    await setConsentCookie(session, value);
    await assertAsksAgain(session, label);
  }
  assertConsoleSays(session, UNREADABLE);
  assert.doesNotMatch(session.consoleText(), /panicked|pageerror/);
  await assertHostUsable(session.page);
});

e2e.test('a record naming constructor beside the real processors decodes but is no decision: asked again', async (session) => {
  const valid = await validRecord(session);
  const fields = valid.split('~');
  fields[8] = 'analytics:1.constructor:1.intercom:1';
  await setConsentCookie(session, fields.join('~'));
  await assertAsksAgain(session, 'constructor');
});

e2e.test('undecodable foreign cookies beside ours do not disturb it: the decision applies', async (session) => {
  const { page, context, origin } = session;
  const valid = await validRecord(session);
  await context.addCookies([
    { name: 'weird', value: '%E0%A4%A', url: origin },
    { name: 'json', value: '{"kaiten_consent":"1~x"}', url: origin },
    { name: 'kaiten_consent_old', value: 'junk', url: origin },
    { name: 'xkaiten_consent', value: 'junk', url: origin },
    { name: 'quoted', value: '"a=b"', url: origin },
    { name: 'long', value: 'q'.repeat(3000), url: origin },
  ]);
  await page.evaluate(() => { document.cookie = 'no-equals-sign'; document.cookie = '=value-without-name'; });
  await openFaultPage(session);
  await waitForRuns(page, ALL);
  assert.equal(await bannerVisible(page), false, 'the stored decision applied');
  assert.equal((await context.cookies()).find((c) => c.name === 'kaiten_consent').value, valid);
  assert.doesNotMatch(session.consoleText(), /panicked|pageerror|cannot read/);
});

e2e.test('__proto__ and constructor keys in the config are refused as unknown keys with their path; one set through a literal is a prototype, not a key', async (session) => {
  const { page, thirdPartyOrigin } = session;
  await openFaultPage(session, {
    setup: (tp) => {
      // JSON.parse makes "__proto__" an own key, as a config fetched from a server would have it.
      window.__e2eConfig = JSON.parse(`{"__proto__": {"scripts": {"intercom": "${tp}/intercom.js"}}, "constructor": {}}`);
    },
    setupArg: thirdPartyOrigin,
  });
  await assertFailedClosed(session, [/invalid config/, /config\.__proto__: unknown key/, /config\.constructor: unknown key/]);
  assert.equal(await widgetMounted(page), false);
  const results = await page.evaluate(async (tp) => {
    const { KaitenConsent } = await import('/pkg/web/kaiten_consent.js');
    const attempt = (config) => { try { KaitenConsent.start(config); return 'started'; } catch (e) { return `${e.code}: ${e.message}`; } };
    return {
      scripts: attempt({ scripts: JSON.parse(`{"__proto__": "${tp}/intercom.js"}`) }),
      literal: attempt({ __proto__: { scripts: { intercom: `${tp}/intercom.js` } } }),
    };
  }, thirdPartyOrigin);
  assert.match(results.scripts, /^invalid_config: .*config\.scripts\.__proto__/s);
  assert.equal(results.literal, 'started', 'a prototype is not an own key: Kaiten\'s defaults apply');
  await waitUntil(() => bannerVisible(page), { message: 'the banner of the literal config' });
  await page.evaluate(() => window.kaitenConsent?.acceptAll?.());
  await session.observe();
  assert.deepEqual(session.thirdPartyBrowserRequests(), [], 'the prototype\'s script never loads');
});

e2e.test('a page whose Object.prototype was polluted before the widget loads: config reading ignores it', async (session) => {
  const { page, context, thirdPartyOrigin } = session;
  await openFaultPage(session, {
    setup: (tp) => {
      Object.assign(Object.prototype, {
        scripts: { analytics: `${tp}/analytics.js?via=polluted` },
        processors: [],
        language: 'ru',
        cookieName: 'polluted',
        lifetimeDays: 1,
        revision: 9,
        reloadOnWithdraw: true,
        entryElement: '#nowhere',
      });
      window.__e2eConfig = {};
    },
    setupArg: thirdPartyOrigin,
  });
  await waitUntil(() => bannerVisible(page), { message: 'the banner' });
  await assertFailedClosed(session, []);
  assert.equal(await page.locator('[data-kc="root"]').getAttribute('lang'), 'en', 'the polluted language was not used');
  assert.doesNotMatch(session.consoleText(), /entryElement|invalid config|panicked|pageerror/);
  await page.locator('[data-kc="banner"] [data-kc-action="accept-all"]').click();
  await session.observe();
  assert.deepEqual(session.thirdPartyBrowserRequests(), [], 'the polluted script never loads');
  const cookie = (await context.cookies()).find((c) => c.name === 'kaiten_consent');
  assert.ok(cookie, 'the decision is in kaiten_consent, not the polluted name');
  const days = (cookie.expires - Date.now() / 1000) / 86_400;
  assert.ok(days > 180 && days < 183, `Kaiten's 182 days, not the polluted 1 (${days})`);
});

/** A valid host processor entry (tests/config_rules.rs has the same one), `extra` merged over it. */
const hotjar = (extra = {}) => ({
  id: 'hotjar',
  basis: 'consent',
  name: 'Hotjar',
  purpose: { en: 'Heatmaps', ru: 'Тепловые карты' },
  dataShared: 'Clicks and scrolling',
  recipient: 'Hotjar Ltd',
  location: { en: 'Malta' },
  privacyUrl: 'https://www.hotjar.com/legal/policies/privacy/',
  cookies: [{ name: '_hjSession_*', lifetimeDays: 0 }],
  ...extra,
});

// One config per rule of #3 (tests/config_rules.rs checks each on the host, message by message);
// here each must throw KaitenConsentError invalid_config naming the path, log it, mount nothing.
const INVALID_CONFIGS = [
  ['not an object', 42, 'config:'],
  ['an unknown key', { bogus: 1 }, 'config.bogus:'],
  ['revision 0', { revision: 0 }, 'config.revision:'],
  ['revision not an integer', { revision: 1.5 }, 'config.revision:'],
  ['lifetime 0 days', { lifetimeDays: 0 }, 'config.lifetimeDays:'],
  ['lifetime over 395 days', { lifetimeDays: 396 }, 'config.lifetimeDays:'],
  ['a cookie name with a space', { cookieName: 'a b' }, 'config.cookieName:'],
  ['a cookie name of 65 characters', { cookieName: 'k'.repeat(65) }, 'config.cookieName:'],
  ['a language not carried', { language: 'de' }, 'config.language:'],
  ['an http privacy link', { privacyUrl: 'http://kaiten.example/privacy' }, 'config.privacyUrl:'],
  ['a javascript: proof URL', { proofUrl: 'javascript:alert(1)' }, 'config.proofUrl:'],
  ['a blank entry element', { entryElement: '  ' }, 'config.entryElement:'],
  ['reloadOnWithdraw not a boolean', { reloadOnWithdraw: 'yes' }, 'config.reloadOnWithdraw:'],
  ['a javascript: script', { scripts: { intercom: 'javascript:alert(1)' } }, 'config.scripts.intercom:'],
  ['a data: script', { scripts: { intercom: 'data:text/javascript,alert(1)' } }, 'config.scripts.intercom:'],
  ['a script for an unknown processor', { scripts: { hotjar: 'https://static.hotjar.com/c.js' } }, 'config.scripts.hotjar:'],
  ['a script for a necessary processor', { scripts: { aws: 'https://aws.example/a.js' } }, 'config.scripts.aws:'],
  ['a repeated processor id', { processors: [hotjar(), hotjar()] }, 'config.processors[1].id:'],
  ['an invalid processor id', { processors: [hotjar({ id: 'Hot Jar' })] }, 'config.processors[0].id:'],
  ['an empty processor name', { processors: [hotjar({ name: '' })] }, 'config.processors[0].name:'],
  ['a basis that is neither', { processors: [hotjar({ basis: 'maybe' })] }, 'config.processors[0].basis:'],
  ['a consent processor on by default', { processors: [hotjar({ defaultOn: true })] }, 'config.processors[0].defaultOn:'],
  ['no text in the default language', { processors: [hotjar({ purpose: { ru: 'Тепловые карты' } })] }, 'config.processors[0].purpose'],
  ['a translation into an unknown language', { processors: [hotjar({ purpose: { en: 'Heatmaps', de: 'Heatmaps' } })] }, 'config.processors[0].purpose.de:'],
  ['an ftp privacy link of a processor', { processors: [hotjar({ privacyUrl: 'ftp://hotjar.example/' })] }, 'config.processors[0].privacyUrl:'],
  ['a bad cookie entry', { processors: [hotjar({ cookies: [{ name: '', lifetimeDays: -1 }] })] }, 'config.processors[0].cookies[0]'],
  ['a missing required field', { processors: [hotjar({ recipient: undefined })] }, 'config.processors[0].recipient:'],
  ['an unknown processor key', { processors: [hotjar({ colour: 'red' })] }, 'config.processors[0].colour:'],
  ['more consent processors than the cookie holds', { processors: Array.from({ length: 17 }, (_, i) => hotjar({ id: `p${i}` })) }, 'config.processors'],
];

e2e.test('every kind of invalid config: KaitenConsentError invalid_config naming the path, logged, nothing mounted, nothing loads, the page works', async (session) => {
  const { page } = session;
  const [name, first, firstPath] = INVALID_CONFIGS[1];
  await openFaultPage(session, { config: first });
  // The representative one, through the README snippet: its own message and the snippet's line.
  await assertFailedClosed(session, [/kaiten-consent: invalid config, nothing consent-based will load \(1 issue\)/, new RegExp(firstPath.replace(/[.[\]]/g, '\\$&')), /the widget did not start/]);
  assert.equal(await widgetMounted(page), false, name);
  // The rest in a loop: each call throws, the next one is unaffected.
  const results = await page.evaluate(async (configs) => {
    const { KaitenConsent } = await import('/pkg/web/kaiten_consent.js');
    return configs.map(([label, config]) => {
      try {
        KaitenConsent.start(config);
        return { label, started: true };
      } catch (error) {
        return { label, name: error.name, code: error.code, message: error.message };
      }
    });
  }, INVALID_CONFIGS.map(([label, config]) => [label, config]));
  for (const [i, result] of results.entries()) {
    const path = INVALID_CONFIGS[i][2];
    assert.equal(result.started, undefined, `${result.label}: accepted`);
    assert.equal(result.name, 'KaitenConsentError', result.label);
    assert.equal(result.code, 'invalid_config', result.label);
    assert.ok(result.message.includes(`\n  ${path}`), `${result.label}: no issue at ${path} in\n${result.message}`);
    assert.ok(session.consoleText().includes(result.message), `${result.label}: not logged`);
  }
  assert.equal(await widgetMounted(page), false, 'nothing mounted');
  await session.observe();
  assert.deepEqual(session.thirdPartyBrowserRequests(), []);
  await assertHostUsable(page);
});

// Texts that stress the layout: 2 KB without a break, right-to-left, emoji sequences and
// combining marks, in every text of a host processor, in both languages.
const LONG = `Analytics${'x'.repeat(2040)}`;
const RTL = 'שירות ניתוח נתונים: אנו שולחים את כתובת ה-IP שלך ומזהה דפדפן. تحليلات الاستخدام للمنتج';
const EMOJI = '👩🏽‍💻🏳️‍🌈🇷🇺 Analytics 🧪📊 ' + '👨‍👩‍👧‍👦'.repeat(40);
const COMBINING = 'Z̷̢̛̺͎̓a̸̧̛͎͓̓l̵̡̛͓̈́g̷̢̛͔̈́o̵̢̧̓ ' + 'e\u0301\u0302\u0303\u0304\u0305'.repeat(200);
const stressed = (text) => ({ en: text, ru: text });

for (const lang of ['en', 'ru']) {
  e2e.test(`2 KB, right-to-left, emoji and combining texts (${lang}): no panic, no horizontal overflow at 320 px`, async (session) => {
    const { page, thirdPartyOrigin } = session;
    await page.setViewportSize({ width: 320, height: 640 });
    await openFaultPage(session, {
      config: {
        language: lang,
        scripts: { hotjar: `${thirdPartyOrigin}/analytics.js` },
        processors: [{
          id: 'hotjar',
          basis: 'consent',
          name: `${EMOJI} ${RTL}`,
          purpose: stressed(LONG),
          dataShared: stressed(COMBINING),
          recipient: RTL,
          location: stressed(EMOJI),
          privacyUrl: 'https://www.hotjar.com/legal/policies/privacy/',
          cookies: [{ name: `_hj${'x'.repeat(60)}`, lifetimeDays: 365 }],
        }],
      },
    });
    await waitUntil(() => bannerVisible(page), { message: 'the banner' });
    const overflow = async (part) => page.evaluate((part) => {
      const root = document.querySelector('[data-kc="root"]').shadowRoot;
      const element = root.querySelector(`[data-kc="${part}"]`);
      const wide = [element, ...element.querySelectorAll('*')]
        .filter((e) => e.getBoundingClientRect().right > innerWidth + 1 || e.getBoundingClientRect().left < -1
          || (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'))
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
      return { page: document.documentElement.scrollWidth, wide };
    }, part);
    for (const part of ['banner']) {
      const found = await overflow(part);
      assert.ok(found.page <= 320, `${part}: the page scrolls sideways (${found.page} px)`);
      assert.deepEqual(found.wide, [], `${part}: wider than 320 px`);
    }
    await page.locator('[data-kc="banner"] [data-kc-action="settings"]').click();
    await page.locator('[data-kc="preferences"]').waitFor({ state: 'visible' });
    const found = await overflow('preferences');
    assert.ok(found.page <= 320, `preferences: the page scrolls sideways (${found.page} px)`);
    assert.deepEqual(found.wide, [], 'preferences: wider than 320 px');
    const text = await page.locator('[data-kc="preferences"]').textContent();
    for (const part of [LONG, RTL, COMBINING]) assert.ok(text.includes(part), 'every text shows as given');
    await page.locator('[data-kc-processor="hotjar"]').check();
    await page.locator('[data-kc="preferences"] [data-kc-action="save"]').click();
    await waitForRuns(page, ['analytics']);
    assert.doesNotMatch(session.consoleText(), /panicked|pageerror/);
    await page.keyboard.press('Escape');
    await assertHostUsable(page);
  });
}
