// A single-page app: client-side routes through history.pushState, and the consent widget started
// once for the page's lifetime, outside the router. Route changes re-render <main> only; the
// widget, its decision and the footer's Privacy settings button (config.entryElement) stay.
import { startConsent } from '/pkg/web/index.js';

const ROUTES = {
  home: { title: 'Home', text: 'Welcome. Open Board or Reports: the page never reloads.' },
  board: { title: 'Board', text: 'Cards and columns would render here.' },
  reports: { title: 'Reports', text: 'Charts would render here.' },
};
const outlet = document.getElementById('outlet');

function currentRoute() {
  const name = new URLSearchParams(location.search).get('route');
  return Object.hasOwn(ROUTES, name ?? '') ? name : 'home';
}

/** Renders the current route into <main>, from text only. */
function render() {
  const name = currentRoute();
  const { title, text } = ROUTES[name];
  const heading = document.createElement('h1');
  heading.textContent = title;
  const body = document.createElement('p');
  body.textContent = text;
  outlet.replaceChildren(heading, body);
  document.title = `${title} · kaiten-consent SPA example`;
  for (const link of document.querySelectorAll('a[data-route]')) {
    const linked = new URLSearchParams(new URL(link.href).search).get('route');
    if (linked === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

document.addEventListener('click', (event) => {
  const link = event.target.closest?.('a[data-route]');
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  history.pushState(null, '', link.href);
  render();
});
addEventListener('popstate', render);
render();

// Once per page load, never per route.
const thirdParty = document.documentElement.dataset.thirdParty;
try {
  window.kaitenConsent = await startConsent({
    entryElement: '#privacy-settings',
    scripts: {
      analytics: `${thirdParty}/analytics.js`,
      intercom: `${thirdParty}/intercom.js`,
      wootric: `${thirdParty}/wootric.js`,
    },
  });
} catch (error) {
  console.error('kaiten-consent did not start, so no third-party script will load.', error);
}
