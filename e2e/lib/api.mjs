// Helpers for the JS API end-to-end tests (api, proof, destroy): the API page, cookies, the
// widget's hooks inside its open shadow root, and consent records checked against the schema.

import assert from 'node:assert/strict';
import { consentRecordProblems } from '../../scripts/serve.mjs';

/** Asserts that `record` is valid against docs/consent-record.schema.json. */
export function assertValidRecord(record) {
  assert.deepEqual(consentRecordProblems(record), [], `invalid consent record ${JSON.stringify(record)}`);
}

/** Opens the API page (the wasm loaded, the widget not started). */
export async function openApiPage(session, { query = '', page = session.page } = {}) {
  await page.goto(`${session.origin}/e2e-pages/api.html${query}`, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.__apiReady === true, null, { timeout: 10_000 });
}

/** The value of the consent cookie, or null. */
export async function consentCookie(session) {
  const cookies = await session.context.cookies();
  return cookies.find((c) => c.name === 'kaiten_consent')?.value ?? null;
}

/** Whether the widget's element with hook `name` exists and is shown (not `hidden`). */
export function hookShown(page, name) {
  return page.evaluate((name) => {
    const root = document.querySelector('[data-kc="root"]')?.shadowRoot;
    const element = root?.querySelector(`[data-kc="${name}"]`);
    if (!element) return false;
    return element.localName === 'dialog' ? element.open : !element.hasAttribute('hidden');
  }, name);
}

/** The API page's record of change events and onChange calls. */
export function events(page) {
  return page.evaluate(() => window.__api.events.map((e) => ({ ...e })));
}
