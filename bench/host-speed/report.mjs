// Summaries, the markdown tables, and the docs/building.md section they fill.
import fs from 'node:fs';

export const OPERATION_LABELS = {
  create: 'create 1,000 rows', replace: 'replace all 1,000 rows', update: 'update every 10th row',
  swap: 'swap two rows', select: 'select a row', remove: 'remove a row', clear: 'clear 1,000 rows',
};

export function stats(xs) {
  const v = xs.slice().sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return { n: v.length, median: v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2, min: v[0], max: v[v.length - 1] };
}

// Each run's figure against no guard's in the same round: drift on this shared machine between
// rounds then cancels out, which a ratio of the overall medians would not do.
const ratios = (values, baseline) => values.map((x, i) => x / baseline[i]);

export function summarizeMicro(samples, variants) {
  const base = samples[variants[0].id];
  return Object.fromEntries(variants.map((v) => [v.id, { ms: stats(samples[v.id]), ratio: stats(ratios(samples[v.id], base)) }]));
}

// samples[variant] is one { operation: { [metric]: [ms per repetition] } } per run; a run's
// figure is the median.
export function summarizeReact(samples, variants, operations, metric) {
  const perRun = (v, op) => samples[v.id].map((run) => stats(run[op][metric]).median);
  const byOperation = Object.fromEntries(operations.map((op) => {
    const base = perRun(variants[0], op);
    return [op, Object.fromEntries(variants.map((v) => [v.id, { ms: stats(perRun(v, op)), ratio: stats(ratios(perRun(v, op), base)) }]))];
  }));
  const geomean = Object.fromEntries(variants.map((v) => [v.id,
    Math.exp(operations.reduce((sum, op) => sum + Math.log(byOperation[op][v.id].ratio.median), 0) / operations.length)]));
  return { byOperation, geomean };
}

const ms = (x) => (x >= 100 ? Math.round(x).toString() : x.toFixed(1));
const times = (x) => `${x.toFixed(2)}x`;
function table(head, rows) {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => '| ' + r.map((c, i) => String(c).padEnd(w[i])).join(' | ') + ' |';
  return [line(head), '|' + w.map((n) => '-'.repeat(n + 2)).join('|') + '|', ...rows.map(line)].join('\n');
}

export function report(result) {
  const { env, options: o, variants, micro, react } = result;
  const out = [];
  out.push(`Environment: ${env.browser}, ${env.cpu} x${env.cores}, node ${env.node}, runs=${o.runs} per variant `
    + `(+${o.warmup} warm-up, discarded), each in a fresh browser context, variants interleaved; viewport ${env.viewport.width}x${env.viewport.height}; `
    + `load average ${env.loadavgStart[0].toFixed(1)} at start, ${env.loadavgEnd[0].toFixed(1)} at end`);
  out.push(`Widget measured: kaiten-consent-guard.js ${env.guard.bytes} bytes, md5 ${env.guard.md5}; kaiten_consent_bg.wasm md5 ${env.wasm.md5}`);
  out.push(`\nDOM micro-workload: ${o.rounds} rounds of a 2,000-row table built with appendChild/insertBefore, 500 row moves `
    + 'and a 1,000-node DocumentFragment, timed in the page; ratio = median over runs of the variant\'s ms / no guard\'s in the same round');
  out.push(table(['variant', 'median ms (min–max)', 'ratio to no guard'], variants.map((v) => {
    const s = micro[v.id];
    return [v.label, `${ms(s.ms.median)} (${ms(s.ms.min)}–${ms(s.ms.max)})`, times(s.ratio.median)];
  })));
  const [base, ...others] = variants;
  for (const [metric, what] of [['frame', 'from the click to the task after the next frame (what js-framework-benchmark times)'],
    ['work', 'from the click to style and layout done, forced right after React rendered (no wait for a frame)']]) {
    out.push(`\nReact ${env.react} app (Vite ${env.vite} production build), js-framework-benchmark operations on a 1,000-row table, `
      + `timed ${what}; ${o.reps} repetitions per run (a run's figure is their median); ratio to no guard = median over runs of the per-round ratio`);
    const s = react[metric];
    out.push(table(['operation', `${base.label} ms`, ...others.map((v) => v.label)], [
      ...Object.entries(s.byOperation).map(([op, r]) => [OPERATION_LABELS[op], ms(r[base.id].ms.median),
        ...others.map((v) => `${times(r[v.id].ratio.median)} (${ms(r[v.id].ms.median)} ms)`)]),
      ['geometric mean of the ratios', '', ...others.map((v) => times(s.geomean[v.id]))],
    ]));
  }
  return out.join('\n');
}

// Replaces what is between the markers in `file` with this run's tables, so docs/building.md always
// shows one whole run.
const BEGIN = '<!-- host-speed:begin -->', END = '<!-- host-speed:end -->';
export function writeDoc(file, result, tables) {
  const text = fs.readFileSync(file, 'utf8');
  const from = text.indexOf(BEGIN), to = text.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${file}: no "${BEGIN}" … "${END}" section to fill`);
  const e = result.env;
  const when = `Run of ${result.date.slice(0, 10)}: ${e.browser} headless, ${e.cores}-core ${e.cpu}, ${e.platform}, `
    + 'produced by `node host-speed/run.mjs --doc` (make bench).';
  // Markdown wants a blank line between a table and the text around it.
  const lines = tables.trim().split('\n');
  const isTable = (l) => l.startsWith('|');
  const spaced = lines.flatMap((l, i) => (i > 0 && lines[i - 1] && l && isTable(l) !== isTable(lines[i - 1]) ? ['', l] : [l]));
  fs.writeFileSync(file, text.slice(0, from + BEGIN.length) + ['', when, '', ...spaced, ''].join('\n') + text.slice(to));
  console.error(`wrote the host-speed tables into ${file}`);
}
