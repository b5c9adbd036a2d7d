// The strict-CSP example (www/examples/strict-csp.html) in every engine: no inline script or
// style, no 'unsafe-eval', and the banner, the preferences, the notice and Accept all loading the
// processors cause zero Content-Security-Policy violations. No driver but Playwright can listen
// for `securitypolicyviolation` before the page's first script, so the page is served with its own
// policy as a header too, plus `report-uri /csp-report`: the browser then reports every violation
// to the first-party server, and the test shows the reporting works by making one.
//
// Run: E2E_ENGINE=chromium|firefox|webkit node --test e2e/engines/strict-csp.test.mjs   (webkit under xvfb-run -a)

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../lib/browser.mjs';
import { useEngine, widget, waitInPage } from '../lib/engines/index.mjs';
import { partShown, partHidden, ranVia, statusPanel } from '../lib/engines/page.mjs';

const e2e = useEngine();
const ALL = ['analytics', 'intercom', 'wootric'];
const PAGE = '/examples/strict-csp.html';

/** The example's own policy, from its <meta http-equiv="Content-Security-Policy">. */
const PAGE_POLICY = (() => {
  const html = fs.readFileSync(path.join(REPO_ROOT, 'www', PAGE), 'utf8');
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  if (!policy) throw new Error(`${PAGE}: no Content-Security-Policy <meta> found`);
  return policy;
})();

e2e.test('strict CSP: banner, preferences, notice and Accept all work with zero violations reported', async (session) => {
  const { tab } = session;
  const { servers } = e2e;
  servers.setHtmlHeaders({ 'Content-Security-Policy': `${PAGE_POLICY}; report-uri /csp-report` });
  const reports = () => servers.cspReports.filter((r) => r.at >= openedAt).map((r) => r.report?.['csp-report'] ?? r.report);
  const openedAt = Date.now();
  try {
    await session.open(PAGE);
    await waitInPage(tab, partShown, 'banner', { message: 'the banner' });
    await session.observe();
    assert.deepEqual(session.thirdPartyRequests().map((r) => r.path), [], 'third-party requests before a decision');

    await tab.click(widget.action('banner', 'settings'));
    await waitInPage(tab, partShown, 'preferences', { message: 'the preferences' });
    const switchWidth = await tab.evaluate(() => getComputedStyle(document.querySelector('[data-kc="root"]').shadowRoot.querySelector('[data-kc-processor="analytics"]')).width);
    assert.equal(switchWidth, '44px', 'the switch is styled (by the constructed stylesheet)');
    await tab.click(widget.action('preferences', 'open-notice'));
    await waitInPage(tab, partShown, 'notice', { message: 'the notice' });
    await tab.click(widget.action('notice', 'close'));
    await waitInPage(tab, partHidden, 'notice', { message: 'the notice to close' });
    await tab.click(widget.action('preferences', 'accept-all'));
    await waitInPage(tab, (ids) => ids.every((id) => (window.__via_log ?? []).includes(id)), ALL, { message: 'every stand-in to run' });
    await tab.click(widget.action('preferences', 'close'));
    await waitInPage(tab, partShown, 'entry', { message: 'the entry point' });
    await session.observe();

    assert.deepEqual((await tab.evaluate(ranVia)).sort(), ALL);
    assert.deepEqual(await tab.evaluate(statusPanel), { analytics: 'loaded', intercom: 'loaded', wootric: 'loaded' });
    assert.deepEqual(reports(), [], 'violations the browser reported');

    // The zero is not for want of reporting: an inline script is refused, and reported.
    const inlineRan = await tab.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      return window.__inlineRan === true;
    });
    assert.equal(inlineRan, false, 'the policy is in force: an inline script does not run');
    const deadline = Date.now() + 5000;
    while (reports().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const directives = reports().map((r) => r['violated-directive'] ?? r.effectiveDirective);
    assert.ok(directives.length >= 1 && directives.every((d) => /^script-src/.test(d)), `reports of the inline script: ${JSON.stringify(reports())}`);
  } finally {
    servers.setHtmlHeaders({});
  }
});
