// Starts the widget on an e2e test page, as the demo does. Query parameters adjust the config:
// `analytics=<path>` points analytics at another third-party path (e.g. a 404), `reload=1` sets
// reloadOnWithdraw, `gpc=1` makes the browser send Global Privacy Control (as a browser setting
// would, before the widget starts). Sets window.__widgetStarted once KaitenConsent.start returned.
const { default: init, KaitenConsent } = await import('/pkg/web/kaiten_consent.js');
const thirdParty = document.documentElement.dataset.thirdParty;
const params = new URLSearchParams(location.search);
if (params.get('gpc') === '1') {
  Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
}
await init();
window.kaitenConsent = KaitenConsent.start({
  scripts: {
    analytics: `${thirdParty}${params.get('analytics') ?? '/analytics.js'}`,
    intercom: `${thirdParty}/intercom.js`,
    wootric: `${thirdParty}/wootric.js`,
  },
  reloadOnWithdraw: params.get('reload') === '1',
});
window.__widgetStarted = true;
