// Browser and server fixture for the end-to-end tests (node:test + playwright-core).
//
// One set of servers and one Chromium per test file; one fresh browser context (empty cookies,
// storage and cache) per test. Every browser request is recorded with a timestamp, so a test can
// check the network from the browser's side and, through the servers' logs, from the server's.

import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServers } from '../../scripts/serve.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const WIDGET_WASM = path.join(REPO_ROOT, 'pkg/web/kaiten_consent_bg.wasm');
const ARTIFACTS = path.join(REPO_ROOT, 'e2e/artifacts');

/** How long a test watches for something that must not happen, after the network went quiet. */
export const OBSERVATION_MS = 1500;
/** How long the network must stay quiet to count as idle. */
const QUIET_MS = 500;

export const PROCESSOR_IDS = ['analytics', 'intercom', 'wootric'];

/** The test hooks the widget documents (`src/view.rs`). */
export const hooks = {
  root: '[data-kc="root"]',
  banner: '[data-kc="banner"]',
  action: (name) => `[data-kc-action="${name}"]`,
};

/** Launches Chromium; `args` are added to its command line (e.g. `--host-resolver-rules=…`). */
export function launchBrowser({ args = [] } = {}) {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      ...args,
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// Runs in every document before its own scripts. It records, on the page's clock (the same wall
// clock as this process), the last trusted click and the first animation frame in which the
// banner could paint, so "never visible" is checked on every frame rather than by sampling.
function pageProbe({ bannerSelector }) {
  const probe = { lastClickAt: null, bannerFirstVisibleAt: null };
  Object.defineProperty(window, '__e2e', { value: probe });
  addEventListener('click', (event) => {
    if (event.isTrusted) probe.lastClickAt = Date.now();
  }, { capture: true });

  const findBanner = (root) => {
    const direct = root.querySelector(bannerSelector);
    if (direct) return direct;
    for (const element of root.querySelectorAll('*')) {
      const found = element.shadowRoot && findBanner(element.shadowRoot);
      if (found) return found;
    }
    return null;
  };
  const isPainted = (element) => {
    if (!element.isConnected) return false;
    if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0
      && box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth;
  };
  const watch = () => {
    const banner = findBanner(document);
    if (banner && isPainted(banner)) {
      probe.bannerFirstVisibleAt ??= Date.now();
    }
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
}

/** How the servers of this process's test files embed the guard (see `embedGuardInline`). */
let guardEmbedding = 'file';

/**
 * Makes every page of the test files this process runs after this call embed the guard inline,
 * under the servers' hash policy (`inlineGuard` in scripts/serve.mjs). A test file that imports
 * another one after calling it runs that file's tests as they are, with the other embedding, and
 * each of them also fails if the guard file was fetched or the inline guard's policy reported a
 * violation.
 */
export function embedGuardInline() {
  guardEmbedding = 'inline';
}

/**
 * Declares the fixture for one test file and returns it. Call at the top level of the file:
 *
 *     const e2e = useE2E();
 *     e2e.test('first visit shows the banner', async ({ page, origin }) => { … });
 *
 * `mounts` adds folders the first-party server serves (see `startServers`); `launchArgs` are
 * added to Chromium's command line (see `launchBrowser`).
 */
export function useE2E({ mounts = [], launchArgs = [] } = {}) {
  let servers;
  let browser;

  before(async () => {
    if (!fs.existsSync(WIDGET_WASM)) {
      throw new Error(`${path.relative(REPO_ROOT, WIDGET_WASM)} is missing: build the widget first (cargo xtask build)`);
    }
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`no Chromium at ${CHROMIUM}: install it or set CHROMIUM_PATH`);
    }
    servers = await startServers({ root: REPO_ROOT, mounts, guardEmbedding });
    browser = await launchBrowser({ args: launchArgs });
  });

  after(async () => {
    await browser?.close();
    await servers?.close();
  });

  return {
    get servers() {
      return servers;
    },
    /**
     * Defines a test that gets a fresh {@link Session}. On failure the page's screenshot, console
     * and network log are saved under e2e/artifacts/ and the console is added to the error.
     */
    test(name, body) {
      test(name, async () => {
        const session = await openSession(browser, servers);
        try {
          await body(session);
          if (guardEmbedding === 'inline') await session.assertGuardInlined();
        } catch (error) {
          await session.saveArtifacts(name).catch(() => {});
          error.message += `\n--- page console ---\n${session.consoleText() || '(empty)'}`;
          throw error;
        } finally {
          await session.close();
        }
      });
    },
  };
}

/**
 * @typedef {object} Session
 * @property {import('playwright-core').BrowserContext} context
 * @property {import('playwright-core').Page} page
 * @property {string} origin  first-party origin
 * @property {string} thirdPartyOrigin
 * @property {Array<{method: string, url: string, resourceType: string, at: number}>} requests
 *   every request the browser made in this session, in order
 */

async function openSession(browser, servers) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(pageProbe, { bannerSelector: hooks.banner });

  const requests = [];
  const inFlight = new Set();
  let lastActivityAt = Date.now();
  context.on('request', (request) => {
    lastActivityAt = Date.now();
    inFlight.add(request);
    requests.push({ method: request.method(), url: request.url(), resourceType: request.resourceType(), at: lastActivityAt });
  });
  const settle = (request) => {
    lastActivityAt = Date.now();
    inFlight.delete(request);
  };
  context.on('requestfinished', settle);
  context.on('requestfailed', settle);

  // Every Content-Security-Policy violation any page of this session reports, as it happens.
  const violations = [];
  await context.exposeBinding('__e2eViolation', (_source, violation) => violations.push(violation));
  await context.addInitScript(() => addEventListener('securitypolicyviolation', (event) => {
    window.__e2eViolation({ directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample, policy: event.originalPolicy });
  }, { capture: true }));

  const consoleLines = [];
  const page = await context.newPage();
  page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.stack ?? error}`));

  const serverMark = servers.thirdPartyRequests.length;
  const { origin, thirdPartyOrigin } = servers;

  return {
    context,
    page,
    origin,
    thirdPartyOrigin,
    requests,

    /** Browser requests to the third-party origin in this session. */
    thirdPartyBrowserRequests() {
      return requests.filter((r) => new URL(r.url).origin === thirdPartyOrigin);
    },

    /** Every `securitypolicyviolation` the session's pages reported: `{directive, blocked, sample, policy}`. */
    violations,

    /**
     * With the guard inlined: the browser never asked for the guard's file, and nothing broke
     * the inline guard's policy (a test's own policy, such as a nonce one, is its business).
     */
    async assertGuardInlined() {
      const fetched = requests.filter((r) => new URL(r.url).pathname === '/pkg/web/kaiten-consent-guard.js');
      assert.deepEqual(fetched.map((r) => r.url), [], 'the inline guard\'s page fetched the guard file');
      const { cspHash } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'pkg/web/kaiten-consent-guard.inline.json'), 'utf8'));
      assert.deepEqual(violations.filter((v) => v.policy.includes(cspHash)), [], 'violations of the inline guard\'s policy');
    },

    /** Requests the third-party server received since this session began (server-side truth). */
    thirdPartyServerRequests() {
      return servers.thirdPartyRequests.slice(serverMark);
    },

    /** Loads the demo board and waits until the network is idle. */
    async visit() {
      await page.goto(`${origin}/`, { waitUntil: 'networkidle' });
    },

    /**
     * Waits until no request has been in flight for QUIET_MS. Unlike Playwright's
     * `networkidle`, this also works after the page has loaded (e.g. after a click).
     * `ignore(url)` leaves out requests that never finish on purpose (a wasm that never
     * arrives, or whose body a failed compile never read).
     */
    async networkIdle({ timeout = 10_000, ignore = () => false } = {}) {
      const deadline = Date.now() + timeout;
      const pending = () => [...inFlight].filter((r) => !ignore(r.url()));
      while (pending().length > 0 || Date.now() - lastActivityAt < QUIET_MS) {
        if (Date.now() > deadline) {
          const pending = [...inFlight].map((r) => r.url()).join(', ');
          throw new Error(`network not idle after ${timeout} ms; in flight: ${pending || 'none'}`);
        }
        await sleep(50);
      }
    },

    /** Network idle, then the fixed observation window in which nothing more may happen. */
    async observe(options) {
      await this.networkIdle(options);
      await sleep(OBSERVATION_MS);
    },

    /** The `window.__ran_*` markers the stand-in scripts set, as an object. */
    ranMarkers() {
      return page.evaluate(() => Object.fromEntries(
        Object.keys(window).filter((key) => key.startsWith('__ran_')).map((key) => [key, window[key]]),
      ));
    },

    /** `{ analytics: {state, text}, … }` from the demo's status panel. */
    statusPanel() {
      return page.evaluate(() => Object.fromEntries(
        [...document.querySelectorAll('[data-processor-status]')].map((element) => [
          element.dataset.processorStatus,
          { state: element.dataset.state, text: element.textContent.trim() },
        ]),
      ));
    },

    /** What the page probe recorded: last trusted click and first painted banner frame. */
    probe() {
      return page.evaluate(() => ({ ...window.__e2e }));
    },

    consoleText() {
      return consoleLines.join('\n');
    },

    async saveArtifacts(testName) {
      const base = path.join(ARTIFACTS, testName.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase());
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      fs.writeFileSync(`${base}.log`, [
        '--- console ---', this.consoleText(),
        '--- browser requests ---', ...requests.map((r) => `${r.at} ${r.method} ${r.url}`),
        '--- third-party server ---', ...this.thirdPartyServerRequests().map((r) => `${r.at} ${r.method} ${r.path}`),
      ].join('\n'));
      await page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 5000 });
    },

    close() {
      return context.close();
    },
  };
}

/** Polls `check` (sync or async) until it returns a truthy value; returns that value. */
export async function waitUntil(check, { timeout = 5000, interval = 50, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${message}`);
    await sleep(interval);
  }
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
