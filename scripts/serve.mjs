// Demo and test servers, loopback only; ajv (a dev dependency) validates consent records.
//
// First party  (default http://127.0.0.1:<port>/): the demo page from www/, the wasm-pack output
//              from pkg/ at /pkg/, and POST /consent-log, which receives consent records (proof
//              of consent), validates them against docs/consent-record.schema.json (ajv),
//              logs them and keeps one per id (a retried record is acknowledged, not kept twice);
//              and POST /csp-report, which keeps the Content-Security-Policy violation reports a
//              page's `report-uri /csp-report` sends, so a test sees violations in every engine
//              (a classic WebDriver cannot listen for `securitypolicyviolation` from the start).
// Third party  (default http://127.0.0.2:<port>/): stand-ins for Google Analytics, Intercom and
//              Wootric, and for a feedback widget no widget code knows (a host's own processor,
//              switched off and cleaned up only as its config entry says). A different host is a
//              different site, as the real processors are.
//
// Both servers record every request, so a test can check on the server side what the browser
// really fetched, not only what the page says it did.
//
// With the guard inlined (`--inline-guard`, or `setGuardEmbedding('inline')`), every page's
// `<script src="/pkg/web/kaiten-consent-guard.js" …>` tag is served as the guard's inline form
// (pkg/web/kaiten-consent-guard.inline.json), allowed by its hash, as a server-rendered page would
// embed it: see inlineGuard().
//
//   node scripts/serve.mjs [--port 8080] [--third-party-port 8081] [--inline-guard]

import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

const CONSENT_LOG_MAX_BYTES = 4096;
const CSP_REPORT_MAX_BYTES = 16384;
const THIRD_PARTY_PLACEHOLDER = /\{\{THIRD_PARTY\}\}/g;

/** The processors the third-party server stands in for: id -> what the status panel calls it. */
export const PROCESSORS = Object.freeze({
  analytics: 'Google Analytics',
  intercom: 'Intercom',
  wootric: 'Wootric',
  feedback: 'Feedback widget',
});

/**
 * Starts the first-party and third-party servers.
 *
 * @param {object} options
 * @param {string} [options.host] first-party host (loopback)
 * @param {number} [options.port] first-party port; 0 picks a free one
 * @param {string} [options.thirdPartyHost] third-party host; must differ from `host`
 * @param {number} [options.thirdPartyPort] third-party port; 0 picks a free one
 * @param {string} [options.root] repository root: `www/` and `pkg/` are served from it
 * @param {Array<{prefix: string, dir: string}>} [options.mounts] more folders to serve, each
 *   at its URL prefix (`/…/`), ahead of the built-in ones (e.g. a bundler's output in a test)
 * @param {(entry: {method: string, path: string, at: number}) => void} [options.onThirdPartyRequest]
 *   called for every third-party request as it arrives
 * @param {(entry: {at: number, record: object, duplicate: boolean}) => void} [options.onConsentRecord]
 *   called for every valid consent record POSTed to /consent-log
 * @param {{key: string|Buffer, cert: string|Buffer}} [options.tls] serve the first party over
 *   https with this key and certificate (the third party stays on http)
 * @param {'file'|'inline'} [options.guardEmbedding] how pages embed the guard (see inlineGuard)
 */
export async function startServers({
  host = '127.0.0.1',
  port = 0,
  thirdPartyHost = '127.0.0.2',
  thirdPartyPort = 0,
  root = REPO_ROOT,
  mounts: extraMounts = [],
  onThirdPartyRequest,
  onConsentRecord,
  tls,
  guardEmbedding = 'file',
} = {}) {
  if (host === thirdPartyHost) {
    throw new Error(`thirdPartyHost must differ from host (both are ${host}): a third party is another site`);
  }
  const firstPartyRequests = [];
  const thirdPartyRequests = [];
  const consentLog = [];
  const consentRecords = new Map();
  const cspReports = [];
  const state = { wasmDelayMs: 0, thirdPartyOrigin: '', htmlHeaders: {}, consentLogStatus: 0, guardEmbedding: checkedEmbedding(guardEmbedding) };
  const pendingDelays = new Set();

  for (const { prefix } of extraMounts) {
    if (!/^\/(?:[^/]+\/)+$/.test(prefix)) throw new Error(`mounts: a prefix is /…/, got ${prefix}`);
  }
  const mounts = [
    ...extraMounts.map(({ prefix, dir }) => ({ prefix, dir: path.resolve(dir) })),
    { prefix: '/pkg/', dir: path.resolve(root, 'pkg') },
    // Test pages of the end-to-end tests (one page per insertion vector family).
    { prefix: '/e2e-pages/', dir: path.resolve(root, 'e2e/pages') },
    { prefix: '/', dir: path.resolve(root, 'www') },
  ];

  const delay = (ms) => new Promise((resolve) => {
    const timer = setTimeout(() => { pendingDelays.delete(timer); resolve(); }, ms);
    pendingDelays.add(timer);
  });

  const thirdParty = http.createServer((req, res) => {
    const entry = { method: req.method, path: req.url, at: Date.now() };
    thirdPartyRequests.push(entry);
    onThirdPartyRequest?.(entry);
    handleThirdParty(req, res, state.thirdPartyOrigin);
  });

  const firstParty = (tls ? https.createServer.bind(null, tls) : http.createServer)((req, res) => {
    firstPartyRequests.push({ method: req.method, path: req.url, at: Date.now() });
    handleFirstParty(req, res, { root, mounts, state, consentLog, consentRecords, cspReports, onConsentRecord, delay }).catch((error) => {
      console.error(`serve: ${req.method} ${req.url}: ${error.stack ?? error}`);
      if (!res.headersSent) send(res, 500);
      else res.destroy();
    });
  });

  const servers = [thirdParty, firstParty];
  try {
    const boundThirdPartyPort = await listen(thirdParty, thirdPartyHost, thirdPartyPort);
    state.thirdPartyOrigin = origin(thirdPartyHost, boundThirdPartyPort);
    const boundPort = await listen(firstParty, host, port);
    return {
      origin: origin(host, boundPort, tls ? 'https' : 'http'),
      thirdPartyOrigin: state.thirdPartyOrigin,
      firstPartyRequests,
      thirdPartyRequests,
      /** Every POST to /consent-log, in order: `{at, contentType, status, id, raw, body, duplicate, problems}`. */
      consentLog,
      /** The valid consent records received, one per id (the first copy), in arrival order. */
      consentRecords,
      /**
       * Every POST to /csp-report, in order: `{at, contentType, report}`, `report` the parsed body
       * (`{"csp-report": {…}}` from `report-uri`) or, if it is not JSON, its text.
       */
      cspReports,
      /**
       * Makes POST /consent-log answer `status` (e.g. 503) without keeping anything, as a backend
       * that is down; 0 restores normal service.
       */
      setConsentLogFailure(status) {
        if (status !== 0 && !(Number.isInteger(status) && status >= 400 && status <= 599)) {
          throw new RangeError(`setConsentLogFailure: expected 0 or an HTTP error status, got ${status}`);
        }
        state.consentLogStatus = status;
      },
      /** Delays every `.wasm` response by `ms` (0 = no delay), to simulate a slow network. */
      setWasmDelay(ms) {
        if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`setWasmDelay: expected ms >= 0, got ${ms}`);
        state.wasmDelayMs = ms;
      },
      /**
       * Extra headers for every `.html` response (e.g. `Content-Security-Policy`), `{{THIRD_PARTY}}`
       * replaced as in the page. Set headers here rather than through Playwright's `page.route`:
       * a fulfilled document has no address space, so Chromium then refuses its loopback requests.
       */
      setHtmlHeaders(headers) {
        state.htmlHeaders = { ...headers };
      },
      /** Serves the guard as a file (`'file'`, as the pages are written) or inlined (`'inline'`). */
      setGuardEmbedding(embedding) {
        state.guardEmbedding = checkedEmbedding(embedding);
      },
      close: () => closeAll(servers, pendingDelays),
    };
  } catch (error) {
    await closeAll(servers, pendingDelays);
    throw error;
  }
}

function checkedEmbedding(embedding) {
  if (embedding !== 'file' && embedding !== 'inline') {
    throw new RangeError(`guard embedding: expected 'file' or 'inline', got ${embedding}`);
  }
  return embedding;
}

function origin(host, port, scheme = 'http') {
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function listen(server, host, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

async function closeAll(servers, pendingDelays) {
  for (const timer of pendingDelays) clearTimeout(timer);
  pendingDelays.clear();
  await Promise.all(servers.map((server) => new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  })));
}

function send(res, status, headers = {}, body) {
  res.writeHead(status, {
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

// ---------------------------------------------------------------------------------------------
// First party

async function handleFirstParty(req, res, { root, mounts, state, consentLog, consentRecords, cspReports, onConsentRecord, delay }) {
  const { pathname } = new URL(req.url, 'http://first-party.invalid');

  if (pathname === '/consent-log') {
    if (req.method !== 'POST') return send(res, 405, { Allow: 'POST' });
    return receiveConsentLog(req, res, { consentLog, consentRecords, onConsentRecord, failWith: state.consentLogStatus });
  }
  if (pathname === '/csp-report') {
    if (req.method !== 'POST') return send(res, 405, { Allow: 'POST' });
    return receiveCspReport(req, res, cspReports);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { Allow: 'GET, HEAD' });

  const file = await resolveStaticFile(pathname, mounts);
  if (!file) return send(res, 404, { 'Content-Type': MIME_TYPES['.txt'] }, 'Not found\n');

  const ext = path.extname(file).toLowerCase();
  let body = await fs.readFile(file);
  let extraHeaders = {};
  if (ext === '.html') {
    const withOrigin = (text) => text.replace(THIRD_PARTY_PLACEHOLDER, state.thirdPartyOrigin);
    let html = withOrigin(body.toString('utf8'));
    extraHeaders = Object.fromEntries(
      Object.entries(state.htmlHeaders).map(([name, value]) => [name, withOrigin(String(value))]),
    );
    if (state.guardEmbedding === 'inline') {
      const inlined = await inlineGuard(html, { root, thirdPartyOrigin: state.thirdPartyOrigin });
      html = inlined.html;
      const ownPolicy = Object.keys(extraHeaders).some((name) => name.toLowerCase() === 'content-security-policy');
      if (inlined.policy && !ownPolicy) extraHeaders['Content-Security-Policy'] = inlined.policy;
    }
    body = Buffer.from(html);
  }
  if (ext === '.wasm' && state.wasmDelayMs > 0) await delay(state.wasmDelayMs);
  if (res.destroyed) return;
  send(res, 200, {
    ...extraHeaders,
    'Content-Type': MIME_TYPES[ext] ?? 'application/octet-stream',
    'Content-Length': body.length,
  }, req.method === 'HEAD' ? undefined : body);
}

const GUARD_TAG = /<script\b([^>]*?)\ssrc="\/pkg\/web\/kaiten-consent-guard\.js"([^>]*)><\/script>/;
const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/g;

/**
 * `html` with its guard tag replaced by the guard's inline form (its other attributes kept), and
 * the policy such a page is served with: `script-src` allows the guard by its hash, the page's
 * other inline scripts by theirs (an inert one's revived copy has the same text), and 'self',
 * 'wasm-unsafe-eval' and the processors' origin, as docs/csp.md says; no
 * 'unsafe-inline'. A page without the guard tag is left as it is, with no policy.
 */
export async function inlineGuard(html, { root = REPO_ROOT, thirdPartyOrigin }) {
  if (!GUARD_TAG.test(html)) return { html, policy: null };
  const inline = JSON.parse(await fs.readFile(path.join(root, 'pkg/web/kaiten-consent-guard.inline.json'), 'utf8'));
  const others = new Set();
  for (const [, attributes, text] of html.matchAll(INLINE_SCRIPT)) {
    if (!/\ssrc=/.test(attributes) && text !== '') others.add(`'sha256-${crypto.createHash('sha256').update(text).digest('base64')}'`);
  }
  return {
    html: html.replace(GUARD_TAG, (_, before, after) => `<script${before}${after}>${inline.text}</script>`),
    policy: `script-src ${inline.cspHash} ${[...others].join(' ')} 'self' 'wasm-unsafe-eval' ${thirdPartyOrigin}; object-src 'none'; base-uri 'none'`.replace(/ {2,}/g, ' '),
  };
}

/** The file a URL path names, or null: no directories, nothing outside the mount, no dotfiles. */
async function resolveStaticFile(pathname, mounts) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.endsWith('/')) decoded += 'index.html';

  const mount = mounts.find((m) => decoded.startsWith(m.prefix));
  if (!mount) return null;
  const relative = decoded.slice(mount.prefix.length);
  if (relative.split('/').some((segment) => segment.startsWith('.'))) return null;

  const candidate = path.resolve(mount.dir, relative);
  if (!isInside(mount.dir, candidate)) return null;
  try {
    // Follow symlinks, then check again: a link must not lead out of the mount.
    const [real, realDir] = await Promise.all([fs.realpath(candidate), fs.realpath(mount.dir)]);
    if (!isInside(realDir, real)) return null;
    const stat = await fs.stat(real);
    return stat.isFile() ? real : null;
  } catch {
    return null;
  }
}

function isInside(dir, file) {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

async function receiveConsentLog(req, res, { consentLog, consentRecords, onConsentRecord, failWith }) {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > CONSENT_LOG_MAX_BYTES) {
    return send(res, 413, { Connection: 'close' });
  }
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > CONSENT_LOG_MAX_BYTES) {
      return send(res, 413, { Connection: 'close' });
    }
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  // `id` is read even from a request that is then refused, so a test can follow one record.
  const id = /"id":"([A-Za-z0-9_-]{1,64})"/.exec(raw)?.[1] ?? null;
  const entry = { at: Date.now(), contentType: req.headers['content-type'] ?? null, status: 0, id, raw, body: null, duplicate: false, problems: [] };
  consentLog.push(entry);
  if (failWith) {
    entry.status = failWith;
    return send(res, failWith, { 'Content-Type': MIME_TYPES['.txt'] }, 'Consent log unavailable (test switch)\n');
  }
  try {
    entry.body = JSON.parse(raw);
  } catch {
    entry.status = 400;
    return send(res, 400, { 'Content-Type': MIME_TYPES['.txt'] }, 'Expected a JSON body\n');
  }
  entry.problems = consentRecordProblems(entry.body);
  if (entry.problems.length > 0) {
    entry.status = 422;
    return send(res, 422, { 'Content-Type': MIME_TYPES['.txt'] }, `${entry.problems.join('\n')}\n`);
  }
  // Deduplicated by id: a record the widget sends again (after a failure it could not see the
  // end of) is acknowledged, so it leaves the widget's outbox, but kept once.
  entry.duplicate = consentRecords.has(entry.body.id);
  if (!entry.duplicate) consentRecords.set(entry.body.id, entry.body);
  entry.status = 204;
  onConsentRecord?.({ at: entry.at, record: entry.body, duplicate: entry.duplicate });
  send(res, 204);
}

/** Keeps one violation report (`report-uri /csp-report`), whatever its form. */
async function receiveCspReport(req, res, cspReports) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > CSP_REPORT_MAX_BYTES) return send(res, 413, { Connection: 'close' });
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  let report;
  try {
    report = JSON.parse(raw);
  } catch {
    report = raw;
  }
  cspReports.push({ at: Date.now(), contentType: req.headers['content-type'] ?? null, report });
  send(res, 204);
}

const CONSENT_RECORD_SCHEMA = JSON.parse(readFileSync(path.join(REPO_ROOT, 'docs/consent-record.schema.json'), 'utf8'));
// Formats are left to the schema's patterns (no ajv-formats dependency).
const validateConsentRecord = new Ajv2020({ strict: true, validateFormats: false, allErrors: true })
  .compile(CONSENT_RECORD_SCHEMA);

/**
 * What is wrong with a consent record against docs/consent-record.schema.json, one line per
 * issue with its path; none for a valid record. The end-to-end tests validate with it too.
 */
export function consentRecordProblems(record) {
  if (validateConsentRecord(record)) return [];
  return validateConsentRecord.errors.map((e) => `${e.instancePath || '/'}: ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
}

// ---------------------------------------------------------------------------------------------
// Third party

function handleThirdParty(req, res, thirdPartyOrigin) {
  const { pathname } = new URL(req.url, 'http://third-party.invalid');
  // Like the real CDNs: readable cross-origin, so a loader may use crossorigin/SRI if it wants.
  const cors = { 'Access-Control-Allow-Origin': '*' };
  const isRead = req.method === 'GET' || req.method === 'HEAD';

  const script = /^\/([a-z]+)\.js$/.exec(pathname);
  if (script && Object.hasOwn(PROCESSORS, script[1]) && isRead) {
    const body = standInScript(script[1], thirdPartyOrigin);
    return send(res, 200, {
      ...cors,
      'Content-Type': MIME_TYPES['.js'],
      'Content-Length': Buffer.byteLength(body),
    }, req.method === 'HEAD' ? undefined : body);
  }
  const beacon = /^\/beacon\/([a-z]+)$/.exec(pathname);
  if (beacon && Object.hasOwn(PROCESSORS, beacon[1]) && isRead) {
    return send(res, 204, cors);
  }
  send(res, 404, { 'Content-Type': MIME_TYPES['.txt'] }, 'Not found\n');
}

/**
 * The stand-in for one processor's script. It leaves the traces the real one would (a request
 * home, first-party cookies, a global API) plus test markers: `window.__ran_<id>` counts runs,
 * `window.__ran_log` lists them in order, and the page's status element for it (if any) flips
 * from "blocked" to "loaded".
 */
export function standInScript(id, thirdPartyOrigin) {
  const label = PROCESSORS[id];
  const specific = {
    analytics: `
  setCookie('_ga', 'GA1.1.' + random() + '.' + Math.floor(Date.now() / 1000), 365 * DAY);
  setCookie('_gid', 'GA1.1.' + random() + '.' + Math.floor(Date.now() / 1000), DAY);
  // Like gtag.js: it takes over dataLayer.push and acts on each command (including those a
  // page's own gtag stub, such as the consent guard's, pushes).
  window.dataLayer = window.dataLayer || [];
  var push = window.dataLayer.push;
  window.dataLayer.push = function (a) {
    if (a && a[0] === 'consent' && a[1] === 'update' && a[2] && a[2].analytics_storage === 'denied') stop();
    return push.apply(this, arguments);
  };
  if (typeof window.gtag !== 'function') {
    window.gtag = function () { window.dataLayer.push(arguments); };
  }`,
    intercom: `
  setCookie('intercom-id-demo', random(), 270 * DAY);
  setCookie('intercom-session-demo', random(), 7 * DAY);
  try { localStorage.setItem('intercom.intercom-state-demo', '{}'); } catch (e) {}
  window.Intercom = function (command) {
    if (command === 'shutdown') stop();
  };`,
    wootric: `
  // Wootric names its cookies after the account token (its help centre: "Wootric Survey Cookies").
  setCookie('NPS_demo1234_last_seen', Date.now(), 365 * DAY);
  setCookie('NPS_demo1234_surveyed', 'false', 365 * DAY);
  window.wootric = function (command) {
    if (command === 'stop') stop();
  };`,
    // Its off-switch sits deeper than a global: Feedback.widget.close(reason, options). Each call
    // is recorded with its arguments and whether it came with the widget object as this.
    feedback: `
  try { localStorage.setItem('feedback.draft-demo', '{}'); } catch (e) {}
  window.Feedback = { widget: { close: function () {
    (window.__feedback_closed = window.__feedback_closed || []).push({
      args: Array.prototype.slice.call(arguments),
      thisIsWidget: this === window.Feedback.widget,
    });
    stop();
  } } };`,
  }[id];

  return `/* Stand-in for ${label}, served by kaiten-consent's scripts/serve.mjs. Not the real thing. */
(function () {
  'use strict';
  var ID = ${JSON.stringify(id)};
  var LABEL = ${JSON.stringify(label)};
  var ORIGIN = ${JSON.stringify(thirdPartyOrigin)};
  var DAY = 86400;

  function random() {
    var bytes = new Uint32Array(2);
    crypto.getRandomValues(bytes);
    return bytes[0] + '' + bytes[1];
  }
  function setCookie(name, value, maxAgeSeconds) {
    document.cookie = name + '=' + value + '; path=/; max-age=' + maxAgeSeconds + '; SameSite=Lax';
  }
  function setStatus(state) {
    function apply() {
      var element = document.querySelector('[data-processor-status="' + ID + '"]');
      if (!element) return;
      element.textContent = LABEL + ': ' + state;
      element.setAttribute('data-state', state);
    }
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', apply, { once: true });
    else apply();
  }
  function stop() {
    window['__stopped_' + ID] = true;
    setStatus('stopped');
  }

  window['__ran_' + ID] = (window['__ran_' + ID] || 0) + 1;
  (window.__ran_log = window.__ran_log || []).push(ID);
  // Which copy ran: the ?via= of its URL (tests insert one copy per insertion vector).
  var via = document.currentScript && /[?&]via=([^&]*)/.exec(document.currentScript.src);
  (window.__via_log = window.__via_log || []).push(ID + (via ? ':' + via[1] : ''));
  fetch(ORIGIN + '/beacon/' + ID, { credentials: 'omit' }).catch(function () {});
${specific}
  setStatus('loaded');
})();
`;
}

// ---------------------------------------------------------------------------------------------
// Command line

function parseArgs(argv) {
  const options = { port: 8080, thirdPartyPort: 8081 };
  const flags = { '--port': 'port', '--third-party-port': 'thirdPartyPort' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    if (flag === '--help' || flag === '-h') return null;
    if (argv[i] === '--inline-guard') {
      options.guardEmbedding = 'inline';
      continue;
    }
    const key = flags[flag];
    if (!key) throw new Error(`unknown argument ${argv[i]}`);
    const value = inline ?? argv[++i];
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0 || number > 65535) {
      throw new Error(`${flag}: expected a port number 0-65535, got ${value ?? 'nothing'}`);
    }
    options[key] = number;
  }
  return options;
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`serve: ${error.message}`);
    process.exitCode = 2;
    return;
  }
  if (!options) {
    console.log('usage: node scripts/serve.mjs [--port 8080] [--third-party-port 8081] [--inline-guard]');
    return;
  }
  let servers;
  try {
    servers = await startServers({
      ...options,
      onThirdPartyRequest: ({ method, path: url, at }) => {
        console.error(`${new Date(at).toISOString()} third party: ${method} ${url}`);
      },
      onConsentRecord: ({ at, record, duplicate }) => {
        console.error(`${new Date(at).toISOString()} consent record${duplicate ? ' (again, not kept twice)' : ''}: ${JSON.stringify(record)}`);
      },
    });
  } catch (error) {
    console.error(`serve: ${error.code === 'EADDRINUSE' ? `port in use (${error.address}:${error.port})` : error.message}`);
    process.exitCode = 1;
    return;
  }
  console.log(`Demo: ${servers.origin}/  (third parties on ${servers.thirdPartyOrigin})`);

  let stopping = false;
  const stop = async () => {
    if (stopping) process.exit(1); // a second signal: stop waiting
    stopping = true;
    await servers.close();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const invokedDirectly = process.argv[1]
  && import.meta.url === pathToFileURL(await fs.realpath(process.argv[1]).catch(() => process.argv[1])).href;
if (invokedDirectly) await main();
