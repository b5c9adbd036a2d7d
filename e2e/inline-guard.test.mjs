// The guard's second embedding: inlined first in <head> and allowed by its CSP hash, from
// pkg/web/kaiten-consent-guard.inline.json, as a server-rendered page embeds it. The demo runs
// under `script-src 'sha256-…' 'self' 'wasm-unsafe-eval' <third party>` with zero
// securitypolicyviolation events; the blocking tests run the same way in
// blocking-inline-guard.test.mjs.
//
// Run: node --test e2e/   (needs pkg/web from `cargo xtask build`)

import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { useE2E, embedGuardInline, hooks, REPO_ROOT, PROCESSOR_IDS } from './lib/browser.mjs';
import { ui } from './lib/ui.mjs';

embedGuardInline();
const e2e = useE2E();
const PACKAGE_DIR = path.join(REPO_ROOT, 'pkg/web');

function inlineForm() {
  return JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, 'kaiten-consent-guard.inline.json'), 'utf8'));
}

e2e.test('the inline form is the shipped guard without its comment header, and its hash is the SHA-256 of that text', () => {
  const { text, cspHash } = inlineForm();
  const file = fs.readFileSync(path.join(PACKAGE_DIR, 'kaiten-consent-guard.js'), 'utf8');
  assert.ok(file.startsWith('/*!'), 'the file keeps its embedding note');
  assert.equal(file.replace(/^\/\*![\s\S]*?\*\/\n?/, '').trim(), text);
  assert.equal(cspHash, `'sha256-${crypto.createHash('sha256').update(text).digest('base64')}'`);
  assert.doesNotMatch(text, /<\/script|<!--/i, 'the text can sit inside <script>');
});

e2e.test('the demo with the inline guard under a hash policy: nothing loads before consent, preferences, notice and Accept all work, zero violations', async (session) => {
  const { page } = session;
  const response = await page.goto(`${session.origin}/`, { waitUntil: 'domcontentloaded' });
  const policy = response.headers()['content-security-policy'];
  assert.match(policy, new RegExp(`^script-src ${inlineForm().cspHash.replace(/[+/]/g, '\\$&')} 'self' 'wasm-unsafe-eval' ${session.thirdPartyOrigin};`));
  assert.doesNotMatch(policy, /unsafe-inline/, 'only its hash can let the inline guard run');
  assert.equal(await page.evaluate(() => Boolean(window.__kaitenConsentGuard)), true, 'the inline guard ran');
  const banner = page.locator(hooks.banner);
  await banner.waitFor({ state: 'visible', timeout: 10_000 });
  await session.observe();
  assert.deepEqual(session.thirdPartyServerRequests(), [], 'third-party server requests before consent');

  await banner.locator(hooks.action('settings')).click();
  await page.locator(ui.preferences).waitFor({ state: 'visible' });
  await page.locator(ui.in('preferences', 'open-notice')).click();
  await page.locator(ui.notice).waitFor({ state: 'visible' });
  await page.locator(ui.in('notice', 'close')).click();
  await page.locator(ui.in('preferences', 'accept-all')).click();
  await page.waitForFunction((ids) => ids.every((id) => window[`__ran_${id}`] === 1), PROCESSOR_IDS, { timeout: 10_000 });
  await session.observe();

  assert.deepEqual(await session.ranMarkers().then((m) => PROCESSOR_IDS.map((id) => m[`__ran_${id}`])), [1, 1, 1], 'each processor ran once');
  assert.deepEqual(session.violations, [], 'securitypolicyviolation events');
  assert.doesNotMatch(session.consoleText(), /Content Security Policy|Refused to/i);
});
