// The JS API page's module: loads the wasm (init) without starting the widget, and gives the
// tests `window.__api`: the class, the config the pages use (proofUrl /consent-log unless a
// test passes its own), and a log of every change event and onChange call.
const { default: init, KaitenConsent } = await import('/pkg/web/kaiten_consent.js');
await init();
const thirdParty = document.documentElement.dataset.thirdParty;
const events = [];
window.__api = {
  KaitenConsent,
  events,
  config: (extra = {}) => ({
    scripts: {
      analytics: `${thirdParty}/analytics.js`,
      intercom: `${thirdParty}/intercom.js`,
      wootric: `${thirdParty}/wootric.js`,
    },
    proofUrl: '/consent-log',
    ...extra,
  }),
  /** Starts the widget with config(extra), as window.kaitenConsent. */
  start(extra) {
    window.kaitenConsent = KaitenConsent.start(this.config(extra));
    return window.kaitenConsent;
  },
  /** Records every change event on document (listening from before the first start). */
  listen() {
    document.addEventListener('kaiten-consent:change', (event) => {
      events.push({ kind: 'event', detail: event.detail, isCustomEvent: event instanceof CustomEvent });
    });
  },
};
window.__apiReady = true;
