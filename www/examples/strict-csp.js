// The strict-CSP example's only script: an external module, as its policy allows no inline script.
import { startConsent } from '/pkg/web/index.js';

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
  console.error('kaiten-consent did not start, so no third-party script will load.', error);
}
