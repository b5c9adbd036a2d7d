// Firefox (Debian's firefox-esr) through puppeteer-core over WebDriver BiDi, behind the
// engine-neutral driver of ./index.mjs.

import fs from 'node:fs';
import puppeteer from 'puppeteer-core';

const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

/** `prefs`: Firefox preferences to launch with, such as one that switches a feature off. */
export async function launch({ prefs = {} } = {}) {
  if (!fs.existsSync(FIREFOX)) throw new Error(`no Firefox at ${FIREFOX}: run scripts/bootstrap.sh or set FIREFOX_PATH`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: prefs,
  });
  const version = (await browser.version()).replace(/^firefox\//i, 'Firefox ');
  return {
    version,
    async newSession() {
      const context = await browser.createBrowserContext();
      const tab = async () => {
        const page = await context.newPage();
        await page.setViewport({ width: 1280, height: 800 });
        return {
          goto: (url) => page.goto(url, { waitUntil: 'load' }).then(() => {}),
          reload: () => page.reload({ waitUntil: 'load' }).then(() => {}),
          evaluate: (fn, arg) => page.evaluate(fn, arg),
          async click(selectors) {
            const handle = await page.evaluateHandle(findElement, selectors);
            const element = handle.asElement();
            if (!element) throw new Error(`no element at ${selectors.join(' >> ')}`);
            await element.click();
          },
          async press(key) {
            const [modifier, name] = key.includes('+') ? key.split('+') : [null, key];
            if (modifier) await page.keyboard.down(modifier);
            // Puppeteer's BiDi input knows the space bar as ' ', not by the name 'Space'.
            await page.keyboard.press(name);
            if (modifier) await page.keyboard.up(modifier);
          },
          screenshot: (file) => page.screenshot({ path: file, fullPage: true }),
        };
      };
      return { tab: await tab(), newTab: tab, close: () => context.close() };
    },
    close: () => browser.close(),
  };
}

/** In the page: the element at the end of `selectors`, each one inside the previous one's shadow root. */
function findElement(selectors) {
  let scope = document;
  let element = null;
  for (const selector of selectors) {
    element = scope?.querySelector(selector) ?? null;
    scope = element?.shadowRoot;
  }
  return element;
}
