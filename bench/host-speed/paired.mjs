#!/usr/bin/env node
// The micro-workload warm and paired: one page per variant, all in one tab (same-origin frames of
// a no-guard page, each with its own prototypes), the workload run in each in
// turn (the order rotating) after a warm-up, many times; the figure is each variant's fastest run against no guard's.
// A neighbour taking the CPU only slows runs, so the fastest is the least disturbed; run.mjs's
// cold visits, one per fresh context, differ by more than 5% between identical runs here. One more
// frame is the floor: the no-guard page whose insertion methods are wrapped by functions that only
// forward to the native ones, the price of wrapping them at all.
//   node host-speed/paired.mjs [--runs 40] [--chromium /usr/bin/chromium]
import { chromium } from 'playwright-core';
import { startServer, VARIANTS } from './server.mjs';

const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ROUNDS = 5;
// Installed in the floor's frame: every insertion method the guard wraps, wrapped to forward.
function forwardOnly() {
  const w = window;
  const wrap = (proto, name) => {
    const original = proto[name];
    if (original) proto[name] = function () { return original.apply(this, arguments); };
  };
  ['appendChild', 'insertBefore', 'replaceChild'].forEach((m) => wrap(w.Node.prototype, m));
  wrap(w.Element.prototype, 'insertAdjacentElement');
  ['append', 'prepend', 'before', 'after', 'replaceWith', 'replaceChildren'].forEach((m) => {
    for (const proto of [w.Element.prototype, w.DocumentFragment.prototype, w.Document.prototype]) wrap(proto, m);
  });
}

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(option('--runs', 40));
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs: expected an integer ≥ 1');

const server = await startServer({ dist: null });
const browser = await chromium.launch({ executablePath: option('--chromium', '/usr/bin/chromium'), args: BROWSER_ARGS });
try {
  const page = await browser.newPage();
  const base = VARIANTS[0];
  await page.goto(server.url('micro', base));
  await page.evaluate((urls) => Promise.all(urls.map((url) => new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.onload = resolve;
    frame.src = url;
    document.body.append(frame);
  }))), [...VARIANTS.map((v) => server.url('micro', v)), server.url('micro', base)]);
  const floor = (await page.$$('iframe')).at(-1);
  await (await floor.contentFrame()).evaluate(forwardOnly);
  await page.waitForFunction((n) => [...document.querySelectorAll('iframe')].every((f) => f.contentWindow.hostSpeed)
    && (n === 0 || [...document.querySelectorAll('iframe')].some((f) => f.contentWindow.__widgetStarted === true)), VARIANTS.filter((v) => v.widget).length);
  const times = await page.evaluate(({ runs, rounds }) => {
    const windows = [...document.querySelectorAll('iframe')].map((f) => f.contentWindow);
    const out = windows.map(() => []);
    windows.forEach((w) => w.hostSpeed.micro(rounds));
    // The order rotates from run to run, so no variant always follows the same one.
    for (let r = 0; r < runs; r++) {
      for (let k = 0; k < windows.length; k++) {
        const i = (k + r) % windows.length;
        out[i].push(windows[i].hostSpeed.micro(rounds));
      }
    }
    return out;
  }, { runs, rounds: ROUNDS });
  const fastest = times.map((t) => Math.min(...t));
  console.log(`| variant | fastest of ${runs} (ms) | ratio to no guard |\n|---|---|---|`);
  [...VARIANTS.map((v) => v.label), 'no guard, insertion methods wrapped to forward (the floor)']
    .forEach((label, i) => console.log(`| ${label} | ${fastest[i].toFixed(1)} | ${(fastest[i] / fastest[0]).toFixed(3)}x |`));
} finally {
  await browser.close();
  server.close();
}
