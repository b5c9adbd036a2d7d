// The consent cookie's attributes as the browser stored them, read through CDP
// (`Network.getCookies`): SameSite=Lax, Secure on https only, Path=/, under 1 KB in the largest
// config the widget accepts, and an expiry within the configured lifetime. The https page is
// served on loopback with a certificate made for this run by `openssl`.
//
// Run: node --test e2e/cookie-attributes.test.mjs   (needs pkg/web from `cargo xtask build`)

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { useE2E, launchBrowser, REPO_ROOT } from './lib/browser.mjs';
import { ui } from './lib/ui.mjs';
import { widgetStarted } from './lib/blocking.mjs';
import { startServers } from '../scripts/serve.mjs';

const e2e = useE2E();
const DAY_SECONDS = 86_400;
const LIFETIME_DAYS = 30;
/** Slack for the seconds between reading the clock here and the browser writing the cookie. */
const SLACK_SECONDS = 60;

/** The largest record: the most consent-based processors, each with the longest id. */
const LARGEST_CONFIG = {
  cookieName: `kc_${'x'.repeat(61)}`, // 64 characters, the longest accepted
  revision: 4_294_967_295,
  lifetimeDays: LIFETIME_DAYS,
  language: 'ru',
  processors: Array.from({ length: 16 }, (_, i) => ({
    id: `p${String(i).padStart(2, '0')}-${'x'.repeat(28)}`, // 32 characters
    basis: 'consent',
    name: `Processor ${i}`,
    purpose: { en: 'Purpose', ru: 'Цель' },
    dataShared: { en: 'Data', ru: 'Данные' },
    recipient: 'Recipient Ltd',
    location: { en: 'EU', ru: 'ЕС' },
    privacyUrl: 'https://example.com/privacy',
  })),
};

/** Opens configured.html under `origin` with `config`, accepts all with a real click, and
 * returns the consent cookie as CDP reports it, with the second the click was made. */
async function acceptAndReadCookie(context, page, origin, config) {
  await context.addInitScript((config) => { window.__kcConfig = config; }, config);
  await page.goto(`${origin}/e2e-pages/configured.html`);
  await widgetStarted(null, page);
  assert.equal(await page.evaluate(() => window.__startError), undefined, 'the config is valid');
  await page.locator(ui.banner).waitFor({ state: 'visible' });
  const decidedAt = Date.now() / 1000;
  await page.locator(ui.in('banner', 'accept-all')).click();
  await page.locator(ui.banner).waitFor({ state: 'hidden' });
  const cdp = await context.newCDPSession(page);
  const { cookies } = await cdp.send('Network.getCookies', { urls: [`${origin}/`] });
  await cdp.detach();
  const ours = cookies.filter((c) => c.name === config.cookieName);
  assert.equal(ours.length, 1, `one ${config.cookieName} cookie; the page has ${cookies.map((c) => c.name).join(', ')}`);
  return { cookie: ours[0], decidedAt };
}

/** The attributes every consent cookie must have; `secure` as the page's scheme says. */
function assertAttributes({ cookie, decidedAt }, { secure }) {
  assert.equal(cookie.sameSite, 'Lax');
  assert.equal(cookie.secure, secure, `Secure ${secure ? 'on https' : 'not on http'}`);
  assert.equal(cookie.path, '/');
  assert.equal(cookie.domain, '127.0.0.1', 'host-only, for the first party');
  assert.equal(cookie.session, false, 'a persistent cookie');
  assert.ok(cookie.size < 1024, `${cookie.size} bytes (name + value), under 1 KB`);
  const lifetime = LIFETIME_DAYS * DAY_SECONDS;
  assert.ok(cookie.expires <= Date.now() / 1000 + lifetime + SLACK_SECONDS, `expires ${new Date(cookie.expires * 1000).toISOString()}, after the ${LIFETIME_DAYS}-day lifetime`);
  assert.ok(cookie.expires >= decidedAt + lifetime - SLACK_SECONDS, `expires ${new Date(cookie.expires * 1000).toISOString()}, before the ${LIFETIME_DAYS}-day lifetime`);
}

e2e.test('on http: SameSite=Lax, not Secure, Path=/, under 1 KB for the largest config, expiring at the configured lifetime', async ({ context, page, origin }) => {
  const read = await acceptAndReadCookie(context, page, origin, LARGEST_CONFIG);
  assertAttributes(read, { secure: false });
  assert.match(read.cookie.value, /^1~4294967295~/, 'the largest revision is in it');
  assert.equal((read.cookie.value.match(/:1/g) ?? []).length, 16, 'all sixteen choices are in it');
});

// https: its own servers (first party on https) and browser context (the certificate is
// self-signed, so the context ignores HTTPS errors).
let tlsServers;
let browser;
let tlsDir;
before(() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
  } catch {
    throw new Error('openssl is missing: it makes the self-signed certificate for the https test (apt-get install openssl)');
  }
});
before(async () => {
  tlsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-tls-'));
  const key = path.join(tlsDir, 'key.pem');
  const cert = path.join(tlsDir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  tlsServers = await startServers({ root: REPO_ROOT, tls: { key: fs.readFileSync(key), cert: fs.readFileSync(cert) } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await tlsServers?.close();
  if (tlsDir) fs.rmSync(tlsDir, { recursive: true, force: true });
});

test('on https: Secure as well, SameSite=Lax, Path=/, under 1 KB, expiring at the configured lifetime', async () => {
  assert.match(tlsServers.origin, /^https:\/\/127\.0\.0\.1:/);
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  try {
    const page = await context.newPage();
    const read = await acceptAndReadCookie(context, page, tlsServers.origin, LARGEST_CONFIG);
    assert.equal(await page.evaluate(() => location.protocol), 'https:');
    assertAttributes(read, { secure: true });
  } finally {
    await context.close();
  }
});
