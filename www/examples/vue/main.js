// The app's entry: Vue mounts, and the widget starts once, outside the component tree.
import { createApp } from 'vue';
import { startConsent } from 'kaiten-consent';
import App from './App.vue';

createApp(App).mount('#app');

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
  // Fail closed: the app works on, and nothing consent-based loads.
  console.error('kaiten-consent did not start, so no third-party script will load.', error);
}
