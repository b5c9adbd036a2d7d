// The widget `KaitenConsent.start` made last (through `startConsent` or the two-step form),
// until it is destroyed: what the framework bindings read, and hear change. Internal to the
// package: not in its `exports`.

let widget = null;
const listeners = new Set();

/** The running widget, or `null` before `start` and after `destroy`. */
export function running() {
  return widget;
}

/** Makes `next` the running widget and tells every listener. */
export function setRunning(next) {
  widget = next;
  for (const listener of [...listeners]) listener();
}

/** Calls `listener` whenever the running widget changes; returns what stops it. */
export function onRunning(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
