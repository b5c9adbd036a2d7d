// The app's entry: React renders in StrictMode, and the widget starts once, outside the tree.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startConsent } from 'kaiten-consent';
import { App } from './App.jsx';

createRoot(document.getElementById('app')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

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
