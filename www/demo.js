// The demo page's only script: it embeds the consent widget the way Kaiten's app does.
// The widget is the loader of every third-party script; this page never references them itself.
// If the widget fails, the board stays usable and nothing is loaded (fail closed).
//
// The module is imported dynamically (the preload in index.html still fetches it early) so that
// a missing or broken build is caught here and logged, instead of failing the whole module graph.

try {
  const { default: init, KaitenConsent } = await import('/pkg/web/kaiten_consent.js');
  const thirdParty = document.documentElement.dataset.thirdParty;
  await init();
  window.kaitenConsent = KaitenConsent.start({
    // The demo server logs every consent record it receives here (proof of consent).
    proofUrl: '/consent-log',
    scripts: {
      analytics: `${thirdParty}/analytics.js`,
      intercom: `${thirdParty}/intercom.js`,
      wootric: `${thirdParty}/wootric.js`,
    },
  });
} catch (error) {
  console.error('kaiten-consent: the widget did not start, so no consent-based script will load.', error);
}
