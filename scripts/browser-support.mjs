// Writes the "Browser support" table of docs/building.md from what the browser tiers of scripts/test.sh ran:
// each engine's version and scenario results (e2e/artifacts/engines/<engine>.json, written by
// e2e/lib/engines/; a variant of an engine, such as Firefox without Trusted Types, as a line under
// the table), and the browser unit and end-to-end counts from the tiers' output. Prints
// the table; fails if an engine has no record or a scenario failed.
//
//   node scripts/browser-support.mjs --unit <scripts/test.sh's tier log folder> [--doc docs/building.md]

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = path.join(REPO_ROOT, 'e2e/artifacts/engines');
const ENGINES = ['chromium', 'firefox', 'webkit'];
const BEGIN = '<!-- browser-support:begin -->';
const END = '<!-- browser-support:end -->';

function option(name) {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : null;
}

/** Passed and failed counts in one tier's output (cargo's or node's TAP summary), or null. */
function tierCounts(logs, tier) {
  let text;
  try {
    text = fs.readFileSync(path.join(logs, `${tier}.txt`), 'utf8');
  } catch {
    return null;
  }
  const sum = (pattern) => [...text.matchAll(pattern)].reduce((total, match) => total + Number(match[1]), 0);
  return text.includes('test result:')
    ? { passed: sum(/test result: \w+\. (\d+) passed/g), failed: sum(/(\d+) failed/g) }
    : { passed: sum(/^# pass (\d+)/gm), failed: sum(/^# fail (\d+)/gm) };
}

const counted = (counts) => (counts ? `${counts.passed} passed${counts.failed ? `, **${counts.failed} failed**` : ''}` : 'not run');

const records = ENGINES.map((engine) => {
  const file = path.join(RESULTS, `${engine}.json`);
  if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO_ROOT, file)} is missing: the ${engine} scenarios did not run`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
});
/** Runs of an engine's variant (e2e/lib/engines/index.mjs), each shown as a line under the table. */
const variants = fs.readdirSync(RESULTS).filter((file) => file.endsWith('.json') && !ENGINES.includes(file.slice(0, -5)))
  .map((file) => JSON.parse(fs.readFileSync(path.join(RESULTS, file), 'utf8')));
const logs = option('--unit');
const scenarios = [...new Set(records.flatMap((r) => r.tests.map((t) => t.name)))];
const cell = (record, name) => {
  const test = record.tests.find((t) => t.name === name);
  if (!test) return 'not run';
  return [test.passed ? 'pass' : '**FAIL**', ...test.notes].join('; ').replace(/</g, '&lt;').replace(/\|/g, '\\|');
};
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim() !== '';

const rows = [
  `| | ${records.map((r) => r.version).join(' | ')} |`,
  `|---|${records.map(() => '---').join('|')}|`,
  ...(logs ? [
    `| browser unit tests (\`wasm-pack test\`) | ${ENGINES.map((e) => counted(tierCounts(logs, `browser-unit-${e}`))).join(' | ')} |`,
    `| end-to-end tests, in all (\`node --test\`) | ${ENGINES.map((e) => counted(tierCounts(logs, `end-to-end-${e}`))).join(' | ')} |`,
  ] : []),
  ...scenarios.map((name) => `| ${name} | ${records.map((r) => cell(r, name)).join(' | ')} |`),
];
const variantLines = variants.flatMap((variant) => ['', `${variant.version} (\`E2E_ENGINE=${variant.engine}\`): ${
  variant.tests.map((t) => `${t.name}: ${cell(variant, t.name)}`).join('. ')}.`]);
const table = [
  `Written by \`scripts/browser-support.mjs\` from one run of \`scripts/test.sh\` on ${new Date().toISOString().slice(0, 10)}, at ${commit}${dirty ? ' with uncommitted changes' : ''}. `
    + 'Chromium runs every end-to-end test; the rows below are the scenarios of `e2e/engines/`, written once and run in each engine.',
  '',
  ...rows,
  ...variantLines,
].join('\n');
console.log(table);

const doc = option('--doc');
if (doc) {
  const text = fs.readFileSync(doc, 'utf8');
  const from = text.indexOf(BEGIN);
  const to = text.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${doc}: no "${BEGIN}" … "${END}" section to fill`);
  fs.writeFileSync(doc, `${text.slice(0, from + BEGIN.length)}\n${table}\n${text.slice(to)}`);
}
const failed = [...records, ...variants].flatMap((r) => r.tests.filter((t) => !t.passed).map((t) => `${r.engine}: ${t.name}`));
if (failed.length > 0) {
  console.error(`browser-support: failed scenarios:\n  ${failed.join('\n  ')}`);
  process.exit(1);
}
