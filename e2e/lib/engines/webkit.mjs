// WebKit (Safari's engine, as WebKitGTK's MiniBrowser) through Debian's WebKitWebDriver and
// selenium-webdriver (classic WebDriver), behind the engine-neutral driver of ./index.mjs.
// MiniBrowser needs a display: run under `xvfb-run -a`.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import webdriver from 'selenium-webdriver';

const { Builder, By, Key } = webdriver;
const DRIVER = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
const MINIBROWSER = process.env.MINIBROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const KEYS = { Tab: Key.TAB, Escape: Key.ESCAPE, Enter: Key.ENTER, ' ': Key.SPACE, Shift: Key.SHIFT };

export async function launch() {
  for (const file of [DRIVER, MINIBROWSER]) {
    if (!fs.existsSync(file)) throw new Error(`no ${file}: run scripts/bootstrap.sh (webkit2gtk-driver)`);
  }
  if (!process.env.DISPLAY) throw new Error('WebKit\'s MiniBrowser needs a display: run under `xvfb-run -a`');
  const port = await freePort();
  const server = spawn(DRIVER, [`--port=${port}`], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  await waitForPort(port);
  // WebKitWebDriver runs one session at a time: each test's session ends before the next begins.
  const build = () => new Builder().usingServer(url).withCapabilities({
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
  }).build();

  const probe = await build();
  const version = `WebKitGTK ${(await probe.getCapabilities()).get('browserVersion')}`;
  await probe.quit();

  return {
    version,
    async newSession() {
      const driver = await build();
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
        close: () => driver.quit(),
      };
    },
    close: async () => { server.kill(); },
  };
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
