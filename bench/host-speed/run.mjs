#!/usr/bin/env node
// What the guard's patched insertion methods cost a host page for its whole life: the same DOM
// work with no guard, with the guard only, and with the guard plus the started widget.
//   node host-speed/run.mjs [--runs 12] [--warmup 1] [--reps 5] [--json FILE] [--doc ../docs/building.md]
//                           [--chromium /usr/bin/chromium]
// Exits non-zero when a variant is not what it says (see check()); timings never fail a run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { buildApp, versionOf, DIST } from './build-app.mjs';
import { startServer, VARIANTS, WIDGET_DIR, THIRD_PARTY } from './server.mjs';
import { summarizeMicro, summarizeReact, report, writeDoc } from './report.mjs';

// The browser as bench/run.mjs launches it, so both benches measure the same thing.
const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VIEWPORT = { width: 1280, height: 720 };
const MICRO_ROUNDS = 5;

function parseArgs(argv) {
  const o = { runs: 12, warmup: 1, reps: 5, rounds: MICRO_ROUNDS, json: null, doc: null, chromium: '/usr/bin/chromium' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { if (i + 1 >= argv.length) throw new Error(`${a} needs a value`); return argv[++i]; };
    const count = (min) => { const n = Number(val()); if (!Number.isInteger(n) || n < min) throw new Error(`${a}: expected an integer ≥ ${min}`); return n; };
    if (a === '--runs') o.runs = count(1);
    else if (a === '--warmup') o.warmup = count(0);
    else if (a === '--reps') o.reps = count(1);
    else if (a === '--json') o.json = val();
    else if (a === '--doc') o.doc = val();
    else if (a === '--chromium') o.chromium = val();
    else if (a === '-h' || a === '--help') { console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 6).join('\n')); process.exit(0); }
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

const md5 = (file) => crypto.createHash('md5').update(fs.readFileSync(file)).digest('hex');
function widgetFiles() {
  const files = ['kaiten-consent-guard.js', 'kaiten_consent.js', 'kaiten_consent_bg.wasm'].map((f) => path.join(WIDGET_DIR, f));
  const missing = files.filter((f) => !fs.existsSync(f));
  if (missing.length) throw new Error(`the widget is not built: ${missing.join(', ')} missing (make build)`);
  return { guard: { bytes: fs.statSync(files[0]).size, md5: md5(files[0]) }, glue: { md5: md5(files[1]) }, wasm: { md5: md5(files[2]) } };
}

// What the page is, read in it: the guard, whether Node.prototype.appendChild is still native, and
// whether the widget's banner was built in its shadow root.
const PROBE = () => ({
  guard: !!window.__kaitenConsentGuard,
  patched: !Function.prototype.toString.call(Node.prototype.appendChild).includes('[native code]'),
  banner: !!document.querySelector('[data-kc="root"]')?.shadowRoot?.querySelector('[data-kc="banner"]'),
});
function check(variant, seen) {
  const want = { guard: variant.guard, patched: variant.guard, banner: variant.widget };
  const wrong = Object.keys(want).filter((k) => seen[k] !== want[k]);
  return wrong.map((k) => `${k}: expected ${want[k]}, found ${seen[k]}`);
}
// Two frames and a task, the same for every variant: the widget's banner is painted before the work.
const SETTLE = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50))));

async function visit(browser, server, workload, variant, work) {
  const ctx = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await ctx.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${String(e.message).split('\n')[0]}`));
    page.on('request', (r) => { if (new URL(r.url()).hostname === THIRD_PARTY) problems.push(`request to the held host: ${r.url()}`); });
    const fail = () => { throw new Error(`${workload} / ${variant.label}: ${problems.join('; ')}`); };
    await page.goto(server.url(workload, variant), { waitUntil: 'load', timeout: 30000 });
    if (variant.widget) {
      const started = await (await page.waitForFunction(() => window.__widgetStarted, null, { timeout: 15000 })).jsonValue();
      if (started !== true) problems.push(`the widget did not start: ${started}`);
    }
    if (workload === 'react') await page.waitForSelector('#run', { timeout: 15000 });
    await page.evaluate(SETTLE);
    problems.push(...check(variant, await page.evaluate(PROBE)));
    if (problems.length) fail();
    const result = await work(page);
    if (problems.length) fail();
    return result;
  } finally { await ctx.close(); }
}

// Every variant once per round, the order rotating, so drift on this shared machine hits all alike.
async function interleaved(label, opts, visitOnce) {
  const samples = Object.fromEntries(VARIANTS.map((v) => [v.id, []]));
  const start = Date.now();
  for (let i = -opts.warmup; i < opts.runs; i++) {
    for (let j = 0; j < VARIANTS.length; j++) {
      const variant = VARIANTS[(j + Math.max(i, 0)) % VARIANTS.length];
      const r = await visitOnce(variant);
      if (i >= 0) samples[variant.id].push(r);
    }
    process.stderr.write(`  ${label}: ${i < 0 ? 'warm-up' : `run ${i + 1}/${opts.runs}`}, ${Math.round((Date.now() - start) / 1000)} s   \r`);
  }
  process.stderr.write('\n');
  return samples;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const widget = widgetFiles();
  await buildApp();
  const server = await startServer({ dist: DIST });
  const browser = await chromium.launch({ executablePath: opts.chromium, headless: true, args: BROWSER_ARGS });
  const result = {
    date: new Date().toISOString(),
    env: { browser: `Chromium ${browser.version()}`, node: process.version, cpu: os.cpus()[0]?.model, cores: os.cpus().length,
      platform: `${os.type()} ${os.release()}`, loadavgStart: os.loadavg(), playwrightCore: versionOf('playwright-core'),
      react: versionOf('react'), vite: versionOf('vite'), browserArgs: BROWSER_ARGS, viewport: VIEWPORT, ...widget },
    options: opts,
    variants: VARIANTS,
  };
  let samples;
  try {
    console.error(`guard md5 ${widget.guard.md5}; ${opts.runs} runs per variant`);
    const micro = await interleaved('DOM micro-workload', opts, (v) => visit(browser, server, 'micro', v,
      (page) => page.evaluate((rounds) => window.hostSpeed.micro(rounds), opts.rounds)));
    let operations = null;
    const react = await interleaved('React app', opts, (v) => visit(browser, server, 'react', v, async (page) => {
      operations ??= await page.evaluate(() => window.hostSpeed.reactOperations);
      return page.evaluate(([ops, reps]) => window.hostSpeed.react(ops, reps), [operations, opts.reps]);
    }));
    samples = { micro, react };
    result.micro = summarizeMicro(micro, VARIANTS);
    result.react = Object.fromEntries(['frame', 'work'].map((metric) => [metric, summarizeReact(react, VARIANTS, operations, metric)]));
  } finally {
    result.env.loadavgEnd = os.loadavg();
    await browser.close();
    server.close();
  }
  // The widget is served from pkg/web as it is at each visit: a rebuild during the run would mix two builds in one table.
  if (JSON.stringify(widgetFiles()) !== JSON.stringify(widget)) throw new Error('the widget in pkg/web changed during the run: run again');
  const tables = report(result);
  console.log(tables);
  if (opts.doc) writeDoc(opts.doc, result, tables);
  if (opts.json) {
    fs.mkdirSync(path.dirname(path.resolve(opts.json)), { recursive: true });
    fs.writeFileSync(opts.json, JSON.stringify({ ...result, samples }, null, 2));
    console.error(`wrote ${opts.json}`);
  }
}

main().catch((err) => { console.error(err.stack || String(err)); process.exit(1); });
