// The generated TypeScript types: `tsc --strict` accepts an app that uses every member of the API
// and the change event (e2e/types/usage.ts, whose `@ts-expect-error` lines must each be errors),
// and the shipped .d.ts says `any` nowhere.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './lib/browser.mjs';

const TYPES = path.join(REPO_ROOT, 'pkg/web/kaiten_consent.d.ts');
const ENTRY_TYPES = ['index', 'react', 'vue', 'vite'].map((name) => path.join(REPO_ROOT, `pkg/web/${name}.d.ts`));
const TSC = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');

test('tsc --noEmit --strict accepts e2e/types/usage.ts against the generated .d.ts', async () => {
  assert.ok(fs.existsSync(TYPES), 'build the widget first (cargo xtask build)');
  const args = [
    TSC, '--noEmit', '--strict', '--target', 'esnext', '--module', 'esnext',
    '--moduleResolution', 'bundler', '--lib', 'esnext,dom',
    path.join(REPO_ROOT, 'e2e/types/usage.ts'),
  ];
  try {
    await promisify(execFile)(process.execPath, args, { cwd: REPO_ROOT });
  } catch (error) {
    assert.fail(`tsc refused the usage file:\n${error.stdout}${error.stderr}`);
  }
});

test('the generated .d.ts and the entries\' have no `any` outside prose', () => {
  const prose = (file) => fs.readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');
  const text = prose(TYPES);
  for (const file of [TYPES, ...ENTRY_TYPES]) {
    const found = prose(file).split('\n').filter((line) => /\bany\b/.test(line));
    assert.deepEqual(found, [], file);
  }
  for (const name of ['KaitenConsentConfig', 'ConsentSnapshot', 'ConsentChangeEvent', 'DocumentEventMap']) {
    assert.match(text, new RegExp(`\\b${name}\\b`), `${name} is declared`);
  }
  for (const signature of [
    'static start(config?: KaitenConsentConfig | null): KaitenConsent;',
    'state(): ConsentSnapshot;',
    'onChange(listener: ConsentChangeListener): Unsubscribe;',
    'whenGranted(id: string): Promise<void>;',
    'set(choices: ConsentChoices): void;',
    'reset(): void;',
    'setLanguage(language: ConsentLanguage): void;',
  ]) {
    assert.ok(text.includes(signature), `the .d.ts declares ${signature}\n${text}`);
  }
});
