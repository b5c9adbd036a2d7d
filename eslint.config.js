// ESLint for the JS the package ships from js/: the guard (a classic script) and the ES module
// entries beside it. Run by scripts/test.sh (the `lint-js` tier): `npx eslint`.
//
// The browsers are the README's (Browser support, "What the code needs"): Safari 16.4+ and
// Firefox 101+ (so every Firefox ESR); Chromium from 94, the first with all of ES2022 as the two
// others have it (every feature the README lists is older in Chromium). eslint-plugin-compat
// reports a web API one of them lacks, unless the code tests for it first.

import js from '@eslint/js';
import compat from 'eslint-plugin-compat';
import globals from 'globals';

const BROWSERS = ['chrome >= 94', 'firefox >= 101', 'safari >= 16.4', 'ios_saf >= 16.4'];

export default [
  {
    files: ['js/**/*.js'],
    ...js.configs.recommended,
  },
  {
    files: ['js/**/*.js'],
    ...compat.configs['flat/recommended'],
    settings: { browsers: BROWSERS },
  },
  {
    files: ['js/**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: globals.browser,
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  // The guard runs first in <head> as a classic script, and where the widget cannot (no ES
  // modules, no WebAssembly) it still holds processor scripts: ES5 syntax, as the README says,
  // with the later built-ins it uses (Promise; WeakRef and WeakSet only where WeakRef exists).
  // ES5 has no `catch {}` without a binding, so an unused caught error is its style.
  {
    files: ['js/guard.js'],
    languageOptions: {
      ecmaVersion: 5,
      sourceType: 'script',
      globals: { ...globals.browser, ...globals.es2021 },
    },
    rules: { 'no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
  // The Vite plugin (`./vite`) runs in Node, at build time, not in a browser.
  {
    files: ['js/vite.js'],
    languageOptions: { globals: globals.node },
    rules: { 'compat/compat': 'off' },
  },
];
