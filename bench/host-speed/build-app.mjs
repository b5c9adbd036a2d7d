// Builds app/ into dist/app.js with Vite's node API, so nothing built is committed. The build is
// reused while its stamp (the app's sources and the versions of Vite and React) still matches.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const APP = path.join(HERE, 'app');
export const DIST = path.join(HERE, 'dist');
const STAMP = path.join(DIST, '.stamp');
const require = createRequire(import.meta.url);

export const versionOf = (name) => require(`${name}/package.json`).version;

function stamp() {
  const hash = crypto.createHash('sha256');
  for (const name of ['vite', 'react', 'react-dom']) hash.update(`${name}@${versionOf(name)}\n`);
  for (const file of fs.readdirSync(APP).sort()) hash.update(file).update(fs.readFileSync(path.join(APP, file)));
  return hash.digest('hex');
}

export async function buildApp() {
  const want = stamp();
  if (fs.existsSync(path.join(DIST, 'app.js')) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === want) return;
  const { build } = await import('vite');
  await build({
    configFile: false, root: APP, logLevel: 'warn', mode: 'production',
    build: {
      outDir: DIST, emptyOutDir: true, modulePreload: false, copyPublicDir: false,
      // One fixed name, so the page can name it; the guard is never bundled (it must stay a classic script first in <head>).
      rolldownOptions: { input: path.join(APP, 'main.js'), output: { entryFileNames: 'app.js', chunkFileNames: '[name].js' } },
    },
  });
  fs.writeFileSync(STAMP, want);
  console.error(`built the React app into ${path.relative(process.cwd(), DIST) || DIST}`);
}
