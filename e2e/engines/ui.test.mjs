// The consent UI driven by keyboard alone, in every engine: Tab reaches the banner's three
// buttons, Enter opens the preferences with focus inside, Space toggles a switch (none is on
// before the user turns it on), Enter on Save records the decision, Escape closes and focus
// returns (to Settings before a decision, to the entry point after one), and Tab and Shift+Tab
// wrap inside the preferences.
//
// Run: E2E_ENGINE=chromium|firefox|webkit node --test e2e/engines/ui.test.mjs   (webkit under xvfb-run -a)

import assert from 'node:assert/strict';
import { useEngine, waitInPage } from '../lib/engines/index.mjs';
import { partShown, partHidden, switchOn, focusedHook, cookieNames, granted, focusInWidget, preferencesStatus } from '../lib/engines/page.mjs';

const e2e = useEngine();
const ALL = ['analytics', 'intercom', 'wootric'];

async function firstVisit(session) {
  await session.open('/');
  await waitInPage(session.tab, partShown, 'banner', { message: 'the banner' });
}

/** Presses `key` until focus is on `target` (at most `max` times); returns the hooks passed. */
async function pressUntil(tab, key, target, max = 40) {
  const passed = [];
  for (let i = 0; i < max; i += 1) {
    await tab.press(key);
    const now = await tab.evaluate(focusedHook);
    passed.push(now);
    if (now === target) return passed;
  }
  throw new Error(`${key} never reached ${target}; passed ${passed.join(', ')}`);
}

/** Waits until focus is on `hook` (focus may move a frame after the key). */
async function focusReaches(tab, hook, timeout = 2000) {
  const deadline = Date.now() + timeout;
  let now;
  while ((now = await tab.evaluate(focusedHook)) !== hook) {
    if (Date.now() > deadline) throw new Error(`focus on ${now}, not ${hook}, after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const decisionStored = async (tab) => (await tab.evaluate(cookieNames)).includes('kaiten_consent');

e2e.test('keyboard only: Tab to the banner, Enter opens settings, Space toggles, Enter saves, Escape closes and focus returns to the entry point', async (session) => {
  const { tab } = session;
  await firstVisit(session);

  const passed = await pressUntil(tab, 'Tab', 'banner:settings');
  // Safari on macOS Tabs only to form fields unless "Press Tab to highlight each item" is on;
  // WebKitGTK, like the others, Tabs to links and buttons by default.
  if (session.engine === 'webkit') session.note('Tab reaches links and buttons (WebKitGTK default; Safari on macOS needs "Press Tab to highlight each item")');
  const order = ['banner:accept-all', 'banner:reject-all', 'banner:settings'].map((hook) => passed.indexOf(hook));
  assert.ok(order[0] >= 0 && order[0] < order[1] && order[1] < order[2], `Tab order: ${passed.join(', ')}`);
  await tab.press('Enter');
  await waitInPage(tab, partShown, 'preferences', { message: 'the preferences' });
  assert.equal(await tab.evaluate(focusedHook), 'preferences:close', 'focus moves into the dialog');

  for (const id of ALL) assert.equal(await tab.evaluate(switchOn, id), false, `${id} is off until the user turns it on`);
  await pressUntil(tab, 'Tab', 'preferences:analytics');
  await tab.press(' ');
  assert.equal(await tab.evaluate(switchOn, 'analytics'), true, 'Space toggles the switch');
  assert.equal(await decisionStored(tab), false, 'toggling is not a decision');

  await pressUntil(tab, 'Tab', 'preferences:save');
  await tab.press('Enter');
  await waitInPage(tab, granted, 'analytics', { message: 'analytics granted after Save' });
  assert.deepEqual(await Promise.all(['intercom', 'wootric'].map((id) => tab.evaluate(granted, id))), [false, false]);
  assert.equal((await tab.evaluate(preferencesStatus))?.text, 'Your choices have been saved.');
  assert.ok(await decisionStored(tab), 'the decision is stored');
  assert.equal(await tab.evaluate(partShown, 'banner'), false, 'the banner hides after a decision');

  await tab.press('Escape');
  await waitInPage(tab, partHidden, 'preferences', { message: 'the preferences to close' });
  // The banner's Settings button that opened the dialog is gone: focus goes to the entry point.
  await focusReaches(tab, 'entry:settings');
  assert.ok(await tab.evaluate(partShown, 'entry'), 'the entry point shows after a decision');
});

e2e.test('Tab and Shift+Tab wrap inside the preferences; Escape closes them, changes nothing and returns focus to Settings', async (session) => {
  const { tab } = session;
  await firstVisit(session);
  await tab.evaluate(focusInWidget, '[data-kc="banner"] [data-kc-action="settings"]');
  await tab.press('Enter');
  await waitInPage(tab, partShown, 'preferences', { message: 'the preferences' });
  assert.equal(await tab.evaluate(focusedHook), 'preferences:close');

  await tab.evaluate(() => addEventListener('keydown', (event) => {
    if (event.code === 'Tab' && event.shiftKey) window.__shiftTab ??= { key: event.key, code: event.code };
  }, true));
  await tab.press('Shift+Tab');
  const shiftTab = await tab.evaluate(() => window.__shiftTab);
  if (shiftTab?.key !== 'Tab') {
    assert.ok(shiftTab, 'Shift+Tab reached the page as a keydown with code "Tab"');
    session.note(`Shift+Tab's keydown has key "${shiftTab.key}" (code "Tab"): the widget's Tab wrap reads the code too`);
  }
  assert.equal(await tab.evaluate(focusedHook), 'preferences:save', 'Shift+Tab on the first wraps to the last');
  await tab.press('Tab');
  assert.equal(await tab.evaluate(focusedHook), 'preferences:close', 'Tab on the last wraps to the first');
  // Once around and a little further: focus never leaves the dialog.
  const cycle = await pressUntil(tab, 'Tab', 'preferences:close', 20);
  const further = [];
  for (let i = 0; i < 3; i += 1) {
    await tab.press('Tab');
    further.push(await tab.evaluate(focusedHook));
  }
  assert.ok([...cycle, ...further].every((hook) => hook.startsWith('preferences:')), `focus left the dialog: ${[...cycle, ...further].join(', ')}`);
  assert.deepEqual(further, cycle.slice(0, 3), 'the second time round visits the same controls');

  await pressUntil(tab, 'Tab', 'preferences:intercom');
  await tab.press(' ');
  assert.equal(await tab.evaluate(switchOn, 'intercom'), true);
  await tab.press('Escape');
  await waitInPage(tab, partHidden, 'preferences', { message: 'the preferences to close' });
  await focusReaches(tab, 'banner:settings');
  assert.equal(await decisionStored(tab), false, 'no decision was stored');
  assert.equal(await tab.evaluate(granted, 'intercom'), false);
  assert.ok(await tab.evaluate(partShown, 'banner'), 'the banner still asks');

  await tab.press('Enter');
  await waitInPage(tab, partShown, 'preferences', { message: 'the preferences again' });
  assert.equal(await tab.evaluate(switchOn, 'intercom'), false, 'an unsaved toggle is forgotten');
});
