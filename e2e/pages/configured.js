// Starts the widget with the config a test put in `window.__kcConfig` (through an init script, so
// it holds across reloads). Sets `window.__startError` ({ name, code, message }) if start threw,
// and `window.__widgetStarted` once start returned or threw.
const { default: init, KaitenConsent } = await import('/pkg/web/kaiten_consent.js');
await init();
try {
  window.kaitenConsent = KaitenConsent.start(window.__kcConfig ?? {});
} catch (error) {
  window.__startError = { name: error.name, code: error.code, message: error.message };
}
window.__widgetStarted = true;
