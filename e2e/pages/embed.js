// The embedding snippet of the README ("Embedding"), as a module file: only the paths and the
// config differ. A test may set `window.__e2eConfig` (through an init script) before it runs;
// else the three stand-ins of the third-party server are configured.
try {
  const { startConsent } = await import('/pkg/web/index.js');
  const thirdParty = document.documentElement.dataset.thirdParty;
  window.kaitenConsent = await startConsent(window.__e2eConfig ?? {
    scripts: {
      analytics: `${thirdParty}/analytics.js`,
      intercom: `${thirdParty}/intercom.js`,
      wootric: `${thirdParty}/wootric.js`,
    },
  });
} catch (error) {
  console.error('kaiten-consent: the widget did not start, so no consent-based script will load.', error);
}
window.__embedDone = true;
