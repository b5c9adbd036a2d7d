// The package's entry: what the wasm-bindgen glue exports, plus `startConsent` (load the wasm
// and start the widget in one call), the `KaitenConsentError` class, widgets whose methods work
// when destructured, and the running widget (what the framework bindings follow). One module
// besides the glue, so a page without a bundler fetches no third file before the banner.
import init, { KaitenConsent } from './kaiten_consent.js';

export { default, initSync, KaitenConsent } from './kaiten_consent.js';

/** What the widget throws or rejects with: `code` says what happened (see the `.d.ts`). */
export class KaitenConsentError extends Error {
  constructor(code, message, options) {
    super(message, options);
    this.name = 'KaitenConsentError';
    this.code = code;
  }
}

let running = null;
const runningListeners = new Set();

/** The widget `KaitenConsent.start` made last, or `null` before it and after its `destroy()`. */
export function runningConsent() {
  return running;
}

/** Calls `listener` whenever the running widget changes; returns what stops it. */
export function onRunningConsent(listener) {
  runningListeners.add(listener);
  return () => runningListeners.delete(listener);
}

function setRunning(next) {
  running = next;
  for (const listener of [...runningListeners]) listener();
}

/** `error` as a `KaitenConsentError` when the wasm made it one by name (it cannot see the class). */
function typed(error) {
  if (error instanceof Error && error.name === 'KaitenConsentError' && !(error instanceof KaitenConsentError)) {
    Object.setPrototypeOf(error, KaitenConsentError.prototype);
  }
  return error;
}

/** Calls `call`, its errors (thrown, or the rejection of a promise it returns) typed. */
function typing(call) {
  let result;
  try {
    result = call();
  } catch (error) {
    throw typed(error);
  }
  return result instanceof Promise ? result.catch((error) => { throw typed(error); }) : result;
}

// Every method of the glue's class types its errors; `start` also binds every method to the new
// widget, so `const { acceptAll } = consent` works, and makes it the one the framework bindings
// follow until `destroy`. Patched in place, so the class is the same object whichever module it
// is imported from.
const proto = KaitenConsent.prototype;
const methods = Object.getOwnPropertyNames(proto).filter(
  (name) => name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(proto, name).value === 'function',
);
for (const name of methods) {
  const method = proto[name];
  proto[name] = function (...args) {
    return typing(() => method.apply(this, args));
  };
}
const destroy = proto.destroy;
proto.destroy = function () {
  destroy.call(this);
  if (running === this) setRunning(null);
};
const start = KaitenConsent.start;
KaitenConsent.start = function (config) {
  const consent = typing(() => start.call(this, config));
  for (const name of methods) consent[name] = proto[name].bind(consent);
  setRunning(consent);
  return consent;
};

/**
 * Loads the widget's wasm from this package's own URL (which bundlers follow and emit), then
 * starts the widget with `config`. Rejects with a `KaitenConsentError`: `load_failed` when the
 * wasm cannot be fetched, compiled or instantiated (the browser's error is its `cause`), else
 * what `KaitenConsent.start` throws. Nothing consent-based loads then: the guard keeps holding.
 */
export async function startConsent(config) {
  try {
    // A string, not the URL: the glue then neither keeps a URL nor probes for `Request`.
    await init({ module_or_path: new URL('./kaiten_consent_bg.wasm', import.meta.url).href });
  } catch (cause) {
    const error = new KaitenConsentError(
      'load_failed',
      'kaiten-consent: the widget could not be loaded (its wasm failed to fetch, compile or instantiate); nothing consent-based will load',
      { cause },
    );
    console.error(error.message, cause);
    throw error;
  }
  return KaitenConsent.start(config);
}
