// The engine-neutral end-to-end driver: one scenario, written once, runs in Chromium (playwright-
// core, CDP), Firefox (puppeteer-core, WebDriver BiDi) or WebKit (selenium-webdriver, classic
// WebDriver), whichever E2E_ENGINE names (default chromium):
//
//     E2E_ENGINE=firefox node --test e2e/engines/
//     E2E_ENGINE=webkit xvfb-run -a node --test e2e/engines/
//
// What the three protocols share is small, and so is this driver: open a page, run a function in
// it, click an element (inside the widget's shadow root too) and press a key as the user, take a
// screenshot. A classic WebDriver cannot see the browser's requests, so every network assertion
// here rests on the servers' own logs, which is the ground truth anyway. Each engine writes what
// it ran to e2e/artifacts/engines/<engine>.json, from which scripts/browser-support.mjs writes the
// "Browser support" table of docs/building.md.

import { before, after, test } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { startServers } from '../../../scripts/serve.mjs';
import { REPO_ROOT, OBSERVATION_MS, sleep } from '../browser.mjs';

/**
 * What E2E_ENGINE can name: the three engines, and Firefox with Trusted Types switched off, which
 * takes the guard's path for browsers that do not have them.
 */
const SETUPS = {
  chromium: { driver: 'chromium' },
  firefox: { driver: 'firefox' },
  webkit: { driver: 'webkit' },
  'firefox-without-trusted-types': {
    driver: 'firefox',
    prefs: { 'dom.security.trusted_types.enabled': false },
    label: 'Trusted Types switched off',
  },
};
export const ENGINE = process.env.E2E_ENGINE || 'chromium';
const SETUP = SETUPS[ENGINE];
if (!SETUP) throw new Error(`E2E_ENGINE: expected one of ${Object.keys(SETUPS).join(', ')}, got ${ENGINE}`);

const WIDGET_WASM = path.join(REPO_ROOT, 'pkg/web/kaiten_consent_bg.wasm');
const ARTIFACTS = path.join(REPO_ROOT, 'e2e/artifacts');
export const RESULTS = path.join(ARTIFACTS, 'engines');
/** How long both servers must have received nothing to count the network as quiet. */
const QUIET_MS = 500;
/** A test, or a browser's launch, that has not ended by then fails rather than holding up CI. */
const TEST_TIMEOUT_MS = 120_000;

/** The widget's element and its shadow root's parts, as [host, inner] paths for `Tab.click`. */
export const widget = {
  root: '[data-kc="root"]',
  action: (part, action) => ['[data-kc="root"]', `[data-kc="${part}"] [data-kc-action="${action}"]`],
  processor: (id) => ['[data-kc="root"]', `[data-kc-processor="${id}"]`],
};

/**
 * @typedef {object} Tab  one browser tab, whatever the engine
 * @property {(url: string) => Promise<void>} goto  navigates and waits for the load event
 * @property {() => Promise<void>} reload
 * @property {(fn: Function, arg?: unknown) => Promise<any>} evaluate  runs `fn(arg)` in the page;
 *   `fn` is sent as source text, so it may use only its argument, and a promise it returns is awaited.
 *   WebKit's WebDriver does not count such code as a running script, so microtasks queued before
 *   may run inside a DOM call it makes: page code whose ordering matters goes in a page task
 *   (`setTimeout`) started from `fn`, as real page code runs
 * @property {(selectors: string[]) => Promise<void>} click  a real click on the element at the end
 *   of `selectors`, each one inside the previous one's shadow root
 * @property {(key: string) => Promise<void>} press  'Tab', 'Shift+Tab', 'Enter', 'Escape' or ' '
 * @property {(file: string) => Promise<void>} screenshot
 */

/**
 * Declares the fixture for one scenario file: one set of servers and one browser of E2E_ENGINE
 * per file, one fresh session (empty cookies, storage and cache) per test. `firefoxPrefs`:
 * preferences Firefox launches with on top of the setup's, such as one that turns on a browser
 * feature the scenario needs for real (other engines ignore them).
 */
export function useEngine({ firefoxPrefs = {} } = {}) {
  let servers;
  let engine;
  const ran = [];
  const crashes = [];

  before(async () => {
    if (!fs.existsSync(WIDGET_WASM)) {
      throw new Error(`${path.relative(REPO_ROOT, WIDGET_WASM)} is missing: build the widget first (cargo xtask build)`);
    }
    servers = await startServers({ root: REPO_ROOT });
    const prefs = SETUP.driver === 'firefox' ? { ...SETUP.prefs, ...firefoxPrefs } : SETUP.prefs;
    engine = await (await import(`./${SETUP.driver}.mjs`)).launch({ prefs });
    if (SETUP.label) engine.version += `, ${SETUP.label}`;
  }, { timeout: TEST_TIMEOUT_MS });

  after(async () => {
    if (engine) recordRun(engine.version, ran);
    await engine?.close();
    await servers?.close();
  }, { timeout: TEST_TIMEOUT_MS });

  return {
    get servers() {
      return servers;
    },
    /**
     * Defines a test named `name (engine)` that gets a fresh {@link Session}. On failure the tab's
     * screenshot and the servers' logs are saved under e2e/artifacts/. A test the browser itself
     * broke off (its page process crashed, as the engine's driver reports) runs once more in a new
     * session, and the browser support table says so next to its result.
     */
    test(name, body) {
      test(`${name} (${ENGINE})`, { timeout: TEST_TIMEOUT_MS }, async () => {
        for (let attempt = 1; ; attempt += 1) {
          const session = await openSession(engine, servers);
          if (attempt > 1) session.note(`run again after the browser crashed: ${crashes.at(-1)}`);
          try {
            await body(session);
            ran.push({ name, passed: true, notes: session.notes });
            return;
          } catch (error) {
            if (attempt === 1 && engine.crashed?.(error)) {
              crashes.push(error.message);
              console.error(`${ENGINE}: the browser crashed in "${name}" (${error.message}); running it again`);
              continue;
            }
            ran.push({ name, passed: false, notes: session.notes });
            await session.saveArtifacts(`${ENGINE}-${name}`).catch(() => {});
            throw error;
          } finally {
            await session.close();
          }
        }
      });
    },
  };
}

/**
 * @typedef {object} Session
 * @property {Tab} tab  the first tab
 * @property {() => Promise<Tab>} newTab  another tab of the same profile
 * @property {string} engine  what E2E_ENGINE names: chromium, firefox, webkit or a variant of one
 * @property {string} origin  first-party origin
 * @property {string} thirdPartyOrigin
 */

async function openSession(engine, servers) {
  const browserSession = await engine.newSession();
  const firstMark = servers.firstPartyRequests.length;
  const thirdMark = servers.thirdPartyRequests.length;
  const notes = [];
  return {
    ...browserSession,
    engine: ENGINE,
    origin: servers.origin,
    thirdPartyOrigin: servers.thirdPartyOrigin,
    notes,

    /** Opens a page of the first party (`/e2e-pages/static.html`) in `tab` and waits for its load event. */
    open(pathAndQuery, tab = browserSession.tab) {
      return tab.goto(`${servers.origin}${pathAndQuery}`);
    },

    /** Requests the third-party server received in this session (`{method, path, at}`). */
    thirdPartyRequests(needle = '') {
      return servers.thirdPartyRequests.slice(thirdMark).filter((r) => r.path.includes(needle));
    },

    /** Requests the first-party server received in this session. */
    firstPartyRequests(needle = '') {
      return servers.firstPartyRequests.slice(firstMark).filter((r) => r.path.includes(needle));
    },

    /** Something this engine does differently that the browser support table shows next to the result. */
    note(text) {
      notes.push(text);
    },

    /**
     * Waits until neither server has received anything for QUIET_MS, then the observation window
     * in which nothing more may happen.
     */
    async observe() {
      for (;;) {
        const last = Math.max(0, ...[servers.firstPartyRequests.at(-1), servers.thirdPartyRequests.at(-1)].map((r) => r?.at ?? 0));
        const quietFor = Date.now() - last;
        if (quietFor >= QUIET_MS) break;
        await sleep(QUIET_MS - quietFor);
      }
      await sleep(OBSERVATION_MS);
    },

    async saveArtifacts(testName) {
      const base = path.join(ARTIFACTS, testName.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase());
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      fs.writeFileSync(`${base}.log`, [
        '--- first-party server ---', ...this.firstPartyRequests().map((r) => `${r.at} ${r.method} ${r.path}`),
        '--- third-party server ---', ...this.thirdPartyRequests().map((r) => `${r.at} ${r.method} ${r.path}`),
      ].join('\n'));
      await browserSession.tab.screenshot(`${base}.png`);
    },
  };
}

/** Runs `fn(arg)` in `tab` until it returns a truthy value; returns that value. */
export async function waitInPage(tab, fn, arg, { timeout = 10_000, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await tab.evaluate(fn, arg);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${message}`);
    await sleep(50);
  }
}

/**
 * Adds this file's results to the engine's record (several files write to it in turn). A record of
 * another browser version is replaced; scripts/test.sh removes the records before a run.
 */
function recordRun(version, ran) {
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${ENGINE}.json`);
  let record = { engine: ENGINE, version, tests: [] };
  try {
    const previous = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (previous.version === version) record = previous;
  } catch {
    // No record of this run yet.
  }
  const names = new Set(ran.map((r) => r.name));
  record.tests = [...record.tests.filter((t) => !names.has(t.name)), ...ran];
  fs.writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
}
