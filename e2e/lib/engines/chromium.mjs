// Chromium through playwright-core (CDP), behind the engine-neutral driver of ./index.mjs.

import { launchBrowser } from '../browser.mjs';

export async function launch() {
  const browser = await launchBrowser();
  return {
    version: `Chromium ${browser.version()}`,
    async newSession() {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const tab = (page) => ({
        goto: (url) => page.goto(url, { waitUntil: 'load' }).then(() => {}),
        reload: () => page.reload({ waitUntil: 'load' }).then(() => {}),
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        click: (selectors) => page.locator(selectors.join(' ')).click(),
        press: (key) => page.keyboard.press(key === ' ' ? 'Space' : key),
        screenshot: (file) => page.screenshot({ path: file, fullPage: true, timeout: 5000 }),
      });
      const first = await context.newPage();
      return {
        tab: tab(first),
        newTab: async () => tab(await context.newPage()),
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

