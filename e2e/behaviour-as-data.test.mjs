// What the widget does on withdrawal comes from each processor's config entry, not from its id:
// Google Analytics renamed to `google-analytics` keeps its Consent Mode signal, its ga-disable flag
// and its cookie clean-up, and a fourth processor no widget code knows (a feedback widget, served
// by scripts/serve.mjs on the third-party host) gets its own off-switch, localStorage clean-up and
// Consent Mode key, each only as its entry says.
//
// Run: node --test e2e/behaviour-as-data.test.mjs   (needs pkg/web from `cargo xtask build`)

import assert from 'node:assert/strict';
import { useE2E, waitUntil } from './lib/browser.mjs';
import { widgetStarted, ranVia, thirdPartyRequests, waitForRuns, cookieNames } from './lib/blocking.mjs';

const e2e = useE2E();
const MEASUREMENT_ID = 'G-E2E';
const STAND_INS = ['analytics', 'intercom', 'wootric', 'feedback'];
const DOCUMENTED_KEYS = ['analytics_storage', 'ad_storage', 'ad_user_data', 'ad_personalization', 'functionality_storage', 'personalization_storage'];

/** A consent-based processor entry with the required texts and `extra` keys. */
function entry(id, name, extra) {
  return {
    id, basis: 'consent', name,
    purpose: `${name}, for the test`, dataShared: 'Technical data', recipient: `${name} Inc.`,
    location: 'USA', privacyUrl: 'https://example.com/privacy',
    ...extra,
  };
}

function config(thirdParty) {
  return {
    processors: [
      entry('google-analytics', 'Google Analytics', {
        script: `${thirdParty}/analytics.js?id=${MEASUREMENT_ID}`,
        cookies: [{ name: '_ga', lifetimeDays: 730 }, { name: '_gid', lifetimeDays: 1 }],
        consentMode: ['analytics_storage'],
        offSwitch: { set: 'ga-disable-{id}', value: true },
      }),
      entry('intercom', 'Intercom', {
        script: `${thirdParty}/intercom.js`,
        cookies: [{ name: 'intercom-id-*', lifetimeDays: 270 }, { name: 'intercom-session-*', lifetimeDays: 7 }],
        offSwitch: { call: 'Intercom', args: ['shutdown'] },
        localStorage: ['intercom.intercom-state*'],
      }),
      entry('wootric', 'Wootric', {
        script: `${thirdParty}/wootric.js`,
        offSwitch: { call: 'wootric', args: ['stop'] },
      }),
      entry('feedback', 'Feedback widget', {
        script: `${thirdParty}/feedback.js`,
        consentMode: ['functionality_storage'],
        offSwitch: { call: 'Feedback.widget.close', args: ['withdrawn', { by: 'kaiten-consent', at: 1 }] },
        localStorage: ['feedback.draft-*'],
      }),
    ],
  };
}

/** The Consent Mode commands so far: `[command, settings]` each. */
function consentCommands(page) {
  return page.evaluate(() => window.dataLayer
    .filter((a) => a[0] === 'consent')
    .map((a) => [a[1], { ...a[2] }]));
}

function storage(page, key) {
  return page.evaluate((k) => localStorage.getItem(k), key);
}

e2e.test('a renamed and an added processor load after consent, and are switched off, cleaned up and signalled as their entries say', async (session) => {
  const { page, context } = session;
  await context.addInitScript((c) => { window.__kcConfig = c; }, config(session.thirdPartyOrigin));
  await page.goto(`${session.origin}/e2e-pages/configured.html`, { waitUntil: 'domcontentloaded' });
  await widgetStarted(session);
  assert.equal(await page.evaluate(() => window.__startError), undefined, 'the config is valid');
  await page.evaluate(() => localStorage.setItem('app.settings', 'kept'));

  // Nothing loads before consent; the guard denies every documented key, and the widget signals
  // the configured ones, denied.
  await session.observe();
  assert.deepEqual(thirdPartyRequests(session), [], 'nothing from the third party before consent');
  assert.deepEqual(await ranVia(page), []);
  const [defaults, atStart] = await consentCommands(page);
  assert.deepEqual(defaults, ['default', Object.fromEntries(DOCUMENTED_KEYS.map((k) => [k, 'denied']))]);
  assert.deepEqual(atStart, ['update', { analytics_storage: 'denied', functionality_storage: 'denied' }]);

  await page.evaluate(() => window.kaitenConsent.acceptAll());
  await waitForRuns(page, STAND_INS);
  await waitUntil(async () => (await storage(page, 'feedback.draft-demo')) !== null
    && (await storage(page, 'intercom.intercom-state-demo')) !== null
    && (await cookieNames(session)).includes('_ga'), { message: 'the stand-ins to store their state' });
  assert.deepEqual((await consentCommands(page)).at(-1), ['update', { analytics_storage: 'granted', functionality_storage: 'granted' }]);

  // The added processor: its nested off-switch is called with its JSON arguments and its parent
  // as this, its key goes, everyone else's stays, and only its Consent Mode key turns denied.
  await page.evaluate(() => window.kaitenConsent.withdraw('feedback'));
  await waitUntil(() => page.evaluate(() => (window.__feedback_closed ?? []).length === 1), { timeout: 2000, message: 'Feedback.widget.close to be called' });
  assert.deepEqual(await page.evaluate(() => window.__feedback_closed), [
    { args: ['withdrawn', { by: 'kaiten-consent', at: 1 }], thisIsWidget: true },
  ]);
  await waitUntil(async () => (await storage(page, 'feedback.draft-demo')) === null, { timeout: 2000, message: 'the feedback key removed' });
  assert.equal(await storage(page, 'intercom.intercom-state-demo'), '{}', "Intercom's key stays");
  assert.equal(await storage(page, 'app.settings'), 'kept', "the page's own key stays");
  assert.deepEqual((await consentCommands(page)).at(-1), ['update', { analytics_storage: 'granted', functionality_storage: 'denied' }]);
  assert.deepEqual(await page.evaluate((id) => [window[`ga-disable-${id}`], window.__stopped_intercom, window.__stopped_wootric], MEASUREMENT_ID), [undefined, undefined, undefined], 'the others run on');

  // The renamed analytics: its flag (named after the script URL's id), its denied signal (which
  // the stand-in stops on) and its cookies.
  await page.evaluate(() => window.kaitenConsent.withdraw('google-analytics'));
  await waitUntil(async () => !(await cookieNames(session)).some((n) => n === '_ga' || n === '_gid'), { timeout: 2000, message: 'the GA cookies deleted' });
  assert.deepEqual(await page.evaluate((id) => [window[`ga-disable-${id}`], window.__stopped_analytics], MEASUREMENT_ID), [true, true]);
  assert.deepEqual((await consentCommands(page)).slice(1), [
    ['update', { analytics_storage: 'denied', functionality_storage: 'denied' }],
    ['update', { analytics_storage: 'granted', functionality_storage: 'granted' }],
    ['update', { analytics_storage: 'granted', functionality_storage: 'denied' }],
    ['update', { analytics_storage: 'denied', functionality_storage: 'denied' }],
  ], 'one update per change of what is granted, with every configured key');

  // Intercom, configured by the host under its usual id, is cleaned up as its entry says too.
  await page.evaluate(() => window.kaitenConsent.withdraw('intercom'));
  await waitUntil(async () => (await storage(page, 'intercom.intercom-state-demo')) === null, { timeout: 2000, message: "Intercom's key removed" });
  assert.equal(await page.evaluate(() => window.__stopped_intercom), true);
  assert.equal(await storage(page, 'app.settings'), 'kept');
  assert.equal((await consentCommands(page)).length, 5, 'no Consent Mode key changed, so no update');
});

e2e.test('an off-switch that is not there is skipped and one that throws is reported, and the rest of the withdrawal still happens', async (session) => {
  const { page, context } = session;
  const base = config(session.thirdPartyOrigin);
  const [, intercom, wootric] = base.processors;
  const processors = [
    { ...intercom, offSwitch: { call: 'Intercom.not.there', args: [] } },
    { ...wootric, offSwitch: { call: 'pageOffSwitch', args: ['boom'] } },
  ];
  await context.addInitScript((c) => {
    window.__kcConfig = c;
    window.pageOffSwitch = (message) => { throw new Error(message); };
  }, { processors });
  await page.goto(`${session.origin}/e2e-pages/configured.html`, { waitUntil: 'domcontentloaded' });
  await widgetStarted(session);
  assert.equal(await page.evaluate(() => window.__startError), undefined, 'the config is valid');
  await page.evaluate(() => window.kaitenConsent.acceptAll());
  await waitForRuns(page, ['intercom', 'wootric']);
  await waitUntil(async () => (await storage(page, 'intercom.intercom-state-demo')) !== null
    && (await cookieNames(session)).includes('intercom-id-demo'), { message: 'Intercom to store its state' });

  await page.evaluate(() => { window.kaitenConsent.withdraw('intercom'); window.kaitenConsent.withdraw('wootric'); });
  await waitUntil(async () => (await storage(page, 'intercom.intercom-state-demo')) === null, { timeout: 2000, message: "Intercom's key removed" });
  await waitUntil(async () => !(await cookieNames(session)).some((n) => n.startsWith('intercom-')), { timeout: 2000, message: "Intercom's cookies deleted" });
  await waitUntil(() => /warning: kaiten-consent: the off-switch of wootric threw/.test(session.consoleText()), { timeout: 2000, message: 'the console warning' });
  assert.match(session.consoleText(), /boom/, 'the warning carries the error');
  assert.doesNotMatch(session.consoleText(), /off-switch of intercom/, 'a missing function is skipped silently');
  assert.deepEqual(await page.evaluate(() => [window.kaitenConsent.isGranted('intercom'), window.kaitenConsent.isGranted('wootric')]), [false, false]);
  assert.equal(await page.evaluate(() => window.dataLayer.filter((a) => a[1] === 'update').length), 0, 'no processor declares a Consent Mode key: nothing to signal');
});
