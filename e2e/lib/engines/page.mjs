// Functions the engine-neutral scenarios run in the page (`tab.evaluate(fn, arg)`). Each is sent
// as source text, so it uses only its argument and the page's globals.

/** Whether the widget part (`banner`, `preferences`, `notice`, `entry`) is shown. */
export function partShown(part) {
  const element = document.querySelector('[data-kc="root"]')?.shadowRoot?.querySelector(`[data-kc="${part}"]`);
  return Boolean(element?.checkVisibility());
}

/** The visible text of a widget part, or null when it is not there. */
export function partText(part) {
  return document.querySelector('[data-kc="root"]')?.shadowRoot?.querySelector(`[data-kc="${part}"]`)?.textContent.trim() ?? null;
}

/** Whether a processor's switch in the preferences is on. */
export function switchOn(id) {
  return document.querySelector('[data-kc="root"]').shadowRoot.querySelector(`[data-kc-processor="${id}"]`).checked;
}

/** What has focus, by its hook: `banner:accept-all`, `preferences:analytics`, `page:button`, `body`. */
export function focusedHook() {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  if (!active || active === document.body) return 'body';
  const hook = active.getAttribute('data-kc-action') ?? active.getAttribute('data-kc-processor');
  const part = active.closest('[data-kc]')?.getAttribute('data-kc');
  return active.getRootNode() !== document ? `${part}:${hook ?? active.tagName.toLowerCase()}` : `page:${active.id || active.tagName.toLowerCase()}`;
}

/** What the stand-ins ran, in order: `["intercom:appendChild", "analytics", …]`. */
export function ranVia() {
  return window.__via_log ?? [];
}

/** Whether the e2e pages' start.js has started the widget. */
export function widgetStarted() {
  return window.__widgetStarted === true;
}

/** `{ analytics: 'blocked' | 'loaded', … }` from a page's status panel. */
export function statusPanel() {
  return Object.fromEntries([...document.querySelectorAll('[data-processor-status]')]
    .map((element) => [element.dataset.processorStatus, element.dataset.state]));
}

/** The names of the cookies `document.cookie` shows this page, sorted, once per copy (per path). */
export function cookieNames() {
  return document.cookie.split(';').map((pair) => pair.trim().split('=')[0]).filter(Boolean).sort();
}

/** Whether the widget says a processor is granted (`kaitenConsent.isGranted`). */
export function granted(id) {
  return window.kaitenConsent.isGranted(id);
}

/** Focuses the element at `selector` inside the widget's shadow root (as a script would). */
export function focusInWidget(selector) {
  document.querySelector('[data-kc="root"]').shadowRoot.querySelector(selector).focus();
}

/** The text and role of the preferences' status message, or null when it is not there. */
export function preferencesStatus() {
  const status = document.querySelector('[data-kc="root"]')?.shadowRoot?.querySelector('[data-kc="status"]');
  return status ? { text: status.textContent.trim(), role: status.getAttribute('role') } : null;
}

/** Whether the widget part (`banner`, `preferences`, `notice`, `entry`) is hidden or not there. */
export function partHidden(part) {
  const element = document.querySelector('[data-kc="root"]')?.shadowRoot?.querySelector(`[data-kc="${part}"]`);
  return !element?.checkVisibility();
}
