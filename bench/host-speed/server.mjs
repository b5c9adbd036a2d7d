// The loopback server: one page per workload and variant, composed from page.html, plus the
// widget from pkg/web (mounted at /widget/ as bench/kaiten-consent/adapter.json mounts it) and
// the built React app at /app/.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const WIDGET_DIR = path.resolve(HERE, '../../pkg/web');
const HOST = '127.0.0.1';
// The processors' host: the guard holds it and nothing serves it, so a script the guard fails
// to hold shows up as a request the runner refuses.
export const THIRD_PARTY = '127.0.0.2';

export const VARIANTS = [
  { id: 'no-guard', label: 'no guard', guard: false, widget: false },
  { id: 'guard', label: 'guard only', guard: true, widget: false },
  { id: 'widget', label: 'guard + started widget', guard: true, widget: true },
];

const GUARD = `<script src="/widget/kaiten-consent-guard.js" data-hosts="${THIRD_PARTY}"></script>`;
// As bench/kaiten-consent/page.html starts it; __widgetStarted says when start() has returned.
const WIDGET = `<script type="module">
import init, { KaitenConsent } from '/widget/kaiten_consent.js';
try {
  await init({ module_or_path: '/widget/kaiten_consent_bg.wasm' });
  window.kaitenConsent = KaitenConsent.start({
    scripts: { analytics: 'http://${THIRD_PARTY}/analytics.js', intercom: 'http://${THIRD_PARTY}/intercom.js', wootric: 'http://${THIRD_PARTY}/wootric.js' },
  });
  window.__widgetStarted = true;
} catch (error) {
  window.__widgetStarted = String(error);
}
</script>`;

const WORKLOADS = {
  micro: '<script src="/micro.js"></script>',
  react: '<script src="/react-ops.js"></script>\n<script type="module" src="/app/app.js"></script>',
};

const TYPES = { '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.html': 'text/html; charset=utf-8' };

function page(workload, variant) {
  return fs.readFileSync(path.join(HERE, 'page.html'), 'utf8').replace(/\{\{(\w+)\}\}/g, (_, key) => ({
    GUARD: variant.guard ? GUARD : '', WIDGET: variant.widget ? WIDGET : '',
    SCRIPTS: WORKLOADS[workload], WORKLOAD: workload, VARIANT: variant.label,
  })[key]);
}

// A file under dir, or null for anything outside it.
function inside(dir, rest) {
  const file = path.resolve(dir, rest);
  return file.startsWith(dir + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}

export async function startServer({ dist }) {
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://x');
    const send = (status, body, type) => {
      res.writeHead(status, { 'content-type': type || 'text/plain', 'cache-control': 'no-store' });
      res.end(body);
    };
    const m = /^\/(micro|react)\/([\w-]+)\.html$/.exec(pathname);
    if (m) {
      const variant = VARIANTS.find((v) => v.id === m[2]);
      return variant ? send(200, page(m[1], variant), TYPES['.html']) : send(404, 'no such variant');
    }
    let file = null;
    if (pathname.startsWith('/widget/')) file = inside(WIDGET_DIR, pathname.slice('/widget/'.length));
    else if (pathname.startsWith('/app/')) file = inside(dist, pathname.slice('/app/'.length));
    else if (pathname === '/micro.js' || pathname === '/react-ops.js') file = path.join(HERE, pathname);
    if (!file) return send(404, 'not found');
    send(200, fs.readFileSync(file), TYPES[path.extname(file)] || 'application/octet-stream');
  });
  await new Promise((resolve, reject) => { server.once('error', reject); server.listen(0, HOST, resolve); });
  return {
    url: (workload, variant) => `http://${HOST}:${server.address().port}/${workload}/${variant.id}.html`,
    close() { server.close(); server.closeAllConnections(); },
  };
}
