// Helpers for the UI end-to-end tests: the widget's hooks, the page language, what has focus
// (through the shadow root), keyboard walking, and axe-core.

import path from 'node:path';
import { REPO_ROOT, hooks } from './browser.mjs';

/** Every hook the widget documents (`src/view/mod.rs`, docs/testing.md "Test hooks"). */
export const ui = {
  ...hooks,
  preferences: '[data-kc="preferences"]',
  notice: '[data-kc="notice"]',
  entry: '[data-kc="entry"]',
  status: '[data-kc="status"]',
  processor: (id) => `[data-kc-processor="${id}"]`,
  /** An action button inside one part: `ui.in('banner', 'settings')`. */
  in: (part, action) => `[data-kc="${part}"] [data-kc-action="${action}"]`,
};

const AXE = path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Makes every document in the session say `<html lang=…>` before its scripts run. */
export async function usePageLanguage(session, lang) {
  await session.context.addInitScript((lang) => {
    const set = () => document.documentElement?.setAttribute('lang', lang);
    set();
    new MutationObserver(set).observe(document, { childList: true });
  }, lang);
}

/** Loads the demo and waits for the banner. */
export async function visitAndWaitForBanner(session) {
  await session.visit();
  await session.page.locator(ui.banner).waitFor({ state: 'visible', timeout: 10_000 });
}

/** What has focus, described by its hook: the action, processor or part; 'page' outside. */
export function focusedHook(page) {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active || active === document.body) return 'body';
    const inWidget = active.getRootNode() !== document;
    const hook = active.getAttribute('data-kc-action') ?? active.getAttribute('data-kc-processor');
    const part = active.closest('[data-kc]')?.getAttribute('data-kc');
    return inWidget ? `${part}:${hook ?? active.tagName.toLowerCase()}` : `page:${active.tagName.toLowerCase()}`;
  });
}

/** Presses `key` until `focusedHook` is `target` (at most `max` times); returns the hooks passed. */
export async function pressUntil(page, key, target, max = 40) {
  const passed = [];
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(key);
    const now = await focusedHook(page);
    passed.push(now);
    if (now === target) return passed;
  }
  throw new Error(`${key} never reached ${target}; passed ${passed.join(', ')}`);
}

/** Runs axe-core with the tags on the whole page (open shadow roots included). */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ path: AXE });
  return page.evaluate(runAxe, AXE_TAGS);
}

/** In the page, with axe-core loaded: runs it with `tags` over the document; its violations as plain data. */
export async function runAxe(tags) {
  const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary}`),
  }));
}

/** axe's violations as readable text for an assertion message. */
export function describeViolations(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`)
    .join('\n');
}

/** The border box of each element matching `selector`. */
export function boxes(page, selector) {
  return page.locator(selector).evaluateAll((elements) => elements.map((e) => {
    const r = e.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height, right: r.right, bottom: r.bottom };
  }));
}
