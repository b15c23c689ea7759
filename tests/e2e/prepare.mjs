// ctest fixture for the browser tests: installs this folder's npm packages and (re)builds web/dist when it
// is missing or older than its sources. Cheap when everything is already in place.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const web = path.resolve(here, '../../web');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (args, cwd) => {
  console.log(`$ (cd ${path.relative(process.cwd(), cwd) || '.'} && npm ${args.join(' ')})`);
  execFileSync(npm, args, { cwd, stdio: 'inherit' });
};

function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return fs.readdirSync(p).reduce((m, f) => Math.max(m, newest(path.join(p, f))), st.mtimeMs);
}

if (!fs.existsSync(path.join(here, 'node_modules', 'playwright-core')) || !fs.existsSync(path.join(here, 'node_modules', '@axe-core', 'playwright')))
  run(['ci', '--no-audit', '--no-fund'], here);

if (!process.env.CRENEAU_WEB_ROOT) {
  if (!fs.existsSync(path.join(web, 'node_modules', 'vite')) || !fs.existsSync(path.join(web, 'node_modules', 'vitest')))
    run(['ci', '--no-audit', '--no-fund'], web);
  const built = fs.existsSync(path.join(web, 'dist', 'book.html')) ? newest(path.join(web, 'dist', 'index.html')) : 0;
  const sources = Math.max(
    ...['src', 'index.html', 'book.html', 'vite.config.ts', 'package-lock.json', 'tsconfig.json'].map((f) => newest(path.join(web, f))),
  );
  if (!built || sources > built) run(['run', 'build'], web);
}

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  console.error(`${chromium} is missing: install Debian's chromium package (apt-get install chromium)`);
  process.exit(1);
}
console.log('e2e prepared');
