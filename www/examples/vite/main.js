// The app's entry: the widget comes in as an npm package (`import … from 'kaiten-consent'`), and
// Vite bundles the glue and emits the wasm as a hashed asset next to it.
import { startConsent } from 'kaiten-consent';

// The demo server's stand-ins; an app writes its processors' real URLs here.
const thirdParty = document.documentElement.dataset.thirdParty;

try {
  window.kaitenConsent = await startConsent({
    scripts: {
      analytics: `${thirdParty}/analytics.js`,
      intercom: `${thirdParty}/intercom.js`,
      wootric: `${thirdParty}/wootric.js`,
    },
  });
} catch (error) {
  // Fail closed: the page works on, and nothing consent-based loads.
  console.error('kaiten-consent did not start, so no third-party script will load.', error);
}
