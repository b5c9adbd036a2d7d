// The React and Vue examples (www/examples/react, www/examples/vue), built by Vite from npm
// packages in development mode (so React's StrictMode checks and Vue's warnings are on), served on
// loopback and driven as a user would: no warning or error on the console, one commit per change
// of consent, a component mounted after the decision sees it at once, and what depends on a
// processor follows its grant both ways.
//
// Run: node --test e2e/frameworks.test.mjs   (needs pkg/web from `cargo xtask build`)

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { useE2E, hooks, REPO_ROOT } from './lib/browser.mjs';
import { ui } from './lib/ui.mjs';

const FRAMEWORKS = ['react', 'vue'];
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'kaiten-consent-frameworks-'));
const e2e = useE2E({ mounts: FRAMEWORKS.map((name) => ({ prefix: `/${name}-build/`, dir: path.join(OUT, name) })) });

before(async () => {
  for (const name of FRAMEWORKS) {
    await build({
      configFile: path.join(REPO_ROOT, `www/examples/${name}/vite.config.js`),
      mode: 'development',
      // Development builds of React and Vue: StrictMode's double render and effects, and every
      // warning either prints.
      define: { 'process.env.NODE_ENV': JSON.stringify('development') },
      build: { outDir: path.join(OUT, name), emptyOutDir: true, minify: false },
      logLevel: 'warn',
    });
  }
});

after(() => fs.rmSync(OUT, { recursive: true, force: true }));

/** Opens the built app, recording every console warning and error and uncaught error. */
async function openApp(session, name) {
  const { page } = session;
  const complaints = [];
  page.on('console', (message) => {
    if (['warning', 'error'].includes(message.type())) complaints.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => complaints.push(`pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) complaints.push(`${response.status()}: ${response.url()}`);
  });
  await page.goto(`${session.origin}/${name}-build/`, { waitUntil: 'domcontentloaded' });
  await page.locator(hooks.banner).waitFor({ state: 'visible', timeout: 10_000 });
  return complaints;
}

const text = (page, hook) => page.locator(`[data-app="${hook}"]`).textContent();
const commits = (page) => page.evaluate(() => ({ ...window.__commits }));

for (const name of FRAMEWORKS) {
  e2e.test(`${name}: the app follows consent with one commit per change, a late component sees the decision at once, and the console stays quiet`, async (session) => {
    const { page } = session;
    const complaints = await openApp(session, name);
    await page.waitForFunction(() => document.querySelector('[data-app="status"]')?.textContent === 'Asking');
    assert.equal(await text(page, 'chat'), 'Support chat is off.');
    assert.equal(await page.evaluate(() => document.head.firstElementChild.src.endsWith('/kaiten-consent-guard.js')), true, 'the plugin put the guard first in <head>');

    const before = await commits(page);
    await page.locator(ui.in('banner', 'accept-all')).click();
    await page.waitForFunction(() => document.querySelector('[data-app="status"]')?.textContent === 'Granted: analytics, intercom, wootric');
    await page.waitForTimeout(300);
    const after = await commits(page);
    assert.equal(after.status - before.status, 1, `one commit for one change (${JSON.stringify({ before, after })})`);
    assert.equal(await text(page, 'chat'), 'Open support chat', 'WhenGranted shows the chat once Intercom is granted');

    await page.locator('[data-app="show-panel"]').click();
    await page.waitForFunction(() => document.querySelector('[data-app="panel"]'));
    assert.equal(await page.evaluate(() => window.__panelFirstSaw), 'accept_all', 'the panel saw the decision on its first render');
    assert.equal(await text(page, 'panel'), 'Decided by accept_all');

    // Withdraw Intercom in the widget's own preferences: the chat goes, in place.
    await page.locator('[data-app="settings"]').click();
    await page.locator(ui.preferences).waitFor({ state: 'visible' });
    await page.locator(ui.processor('intercom')).click();
    await page.locator(ui.in('preferences', 'save')).click();
    await page.waitForFunction(() => document.querySelector('[data-app="chat"]')?.textContent === 'Support chat is off.');
    assert.equal(await text(page, 'status'), 'Granted: analytics, wootric');

    assert.deepEqual(complaints, [], 'no warning or error on the console');
  });
}
