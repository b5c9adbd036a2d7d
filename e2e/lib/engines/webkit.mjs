// WebKit (Safari's engine, as WebKitGTK's MiniBrowser) through Debian's WebKitWebDriver and
// selenium-webdriver (classic WebDriver), behind the engine-neutral driver of ./index.mjs.
// MiniBrowser needs a display: run under `xvfb-run -a`.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import webdriver from 'selenium-webdriver';
import { REPO_ROOT } from '../browser.mjs';

const { Builder, By, Key } = webdriver;
const DRIVER = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
const MINIBROWSER = process.env.MINIBROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const ARTIFACTS = path.join(REPO_ROOT, 'e2e/artifacts');
const KEYS = { Tab: Key.TAB, Escape: Key.ESCAPE, Enter: Key.ENTER, ' ': Key.SPACE, Shift: Key.SHIFT };

/** How long MiniBrowser may take to start a session before it is started again. */
const START_TIMEOUT_MS = 20_000;
const START_ATTEMPTS = 3;

export async function launch() {
  for (const file of [DRIVER, MINIBROWSER]) {
    if (!fs.existsSync(file)) throw new Error(`no ${file}: run scripts/bootstrap.sh (webkit2gtk-driver)`);
  }
  if (!process.env.DISPLAY) throw new Error('WebKit\'s MiniBrowser needs a display: run under `xvfb-run -a`');
  const probe = await startSession();
  const version = `WebKitGTK ${(await probe.driver.getCapabilities()).get('browserVersion')}`;
  await probe.stop();

  return {
    version,
    async newSession() {
      const { driver, stop } = await startSession();
      await driver.manage().setTimeouts({ pageLoad: 30_000, script: 30_000 });
      await driver.manage().window().setRect({ width: 1280, height: 800 });
      const tab = (handle) => {
        const focus = async () => {
          if ((await driver.getWindowHandle()) !== handle) await driver.switchTo().window(handle);
        };
        return {
          goto: async (address) => { await focus(); await driver.get(address); },
          reload: async () => { await focus(); await driver.navigate().refresh(); },
          async evaluate(fn, arg) {
            await focus();
            return driver.executeScript(`return (${fn}).call(null, arguments[0]);`, arg);
          },
          async click(selectors) {
            await focus();
            // Classic WebDriver reaches into a shadow root only from its host, one tree at a time.
            let element = await driver.findElement(By.css(selectors[0]));
            for (const selector of selectors.slice(1)) {
              element = await (await element.getShadowRoot()).findElement(By.css(selector));
            }
            await element.click();
          },
          async press(key) {
            await focus();
            const [modifier, name] = key.includes('+') ? key.split('+') : [null, key];
            let actions = driver.actions();
            if (modifier) actions = actions.keyDown(KEYS[modifier]);
            actions = actions.sendKeys(KEYS[name] ?? name);
            if (modifier) actions = actions.keyUp(KEYS[modifier]);
            await actions.perform();
          },
          async screenshot(file) {
            await focus();
            fs.writeFileSync(file, Buffer.from(await driver.takeScreenshot(), 'base64'));
          },
        };
      };
      return {
        tab: tab(await driver.getWindowHandle()),
        async newTab() {
          await driver.switchTo().newWindow('tab');
          return tab(await driver.getWindowHandle());
        },
        close: stop,
      };
    },
    close: async () => {},
    /** Whether WebKitWebDriver ended the session because MiniBrowser's page process crashed or hung. */
    crashed: (error) => error?.name === 'NoSuchSessionError' && /crash or hang/.test(error.message),
  };
}

/**
 * A WebKitWebDriver of its own (it runs one session at a time) with a MiniBrowser session. Now
 * and then MiniBrowser never answers the new session and the driver waits for ever: such a start
 * is abandoned after START_TIMEOUT_MS, said on stderr, and tried again with a new driver.
 */
async function startSession() {
  let lastError;
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt += 1) {
    const port = await freePort();
    // The driver's output holds MiniBrowser's own: why a page process crashed, if one does.
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const log = fs.openSync(path.join(ARTIFACTS, 'webkit-driver.log'), 'a');
    const server = spawn(DRIVER, [`--port=${port}`], { stdio: ['ignore', log, log] });
    fs.closeSync(log);
    try {
      await waitForPort(port);
      const starting = new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      }).build();
      const driver = await withTimeout(starting, START_TIMEOUT_MS, `MiniBrowser did not start a session within ${START_TIMEOUT_MS} ms`);
      return {
        driver,
        async stop() {
          await withTimeout(driver.quit(), START_TIMEOUT_MS, 'MiniBrowser did not quit').catch(() => {});
          server.kill();
        },
      };
    } catch (error) {
      server.kill();
      lastError = error;
      console.error(`webkit: ${error.message} (attempt ${attempt} of ${START_ATTEMPTS})`);
    }
  }
  throw lastError;
}

function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); });
  promise.catch(() => {});
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not listen on ${port} within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
