// Shared helpers for the browser tests: start the real server on a temporary database, talk to its JSON
// API to set data up, drive Debian's Chromium through playwright-core, save screenshots.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const webDist = process.env.CRENEAU_WEB_ROOT || path.join(repoRoot, 'web', 'dist');
export const outDir = process.env.E2E_OUT || path.join(here, 'out');
export const ADMIN = { email: 'admin@test.local', password: 'admin-pass-123' };

function findBinary() {
  if (process.env.CRENEAU_BIN) return process.env.CRENEAU_BIN;
  for (const dir of ['build', 'build-release', 'build-debug']) {
    const p = path.join(repoRoot, dir, 'src', 'creneau');
    if (fs.existsSync(p)) return p;
  }
  throw new Error('Set CRENEAU_BIN to the creneau binary (e.g. build/src/creneau)');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `creneau serve` on a fresh SQLite file; resolves once GET /healthz answers 200. `args` are added
 * to the command line (e.g. ['--smtp', 'smtp://127.0.0.1:1'] for a mail server that refuses).
 */
export async function startServer(name = 'e2e', { args = [] } = {}) {
  if (!fs.existsSync(path.join(webDist, 'index.html')) || !fs.existsSync(path.join(webDist, 'book.html')))
    throw new Error(`${webDist} has no built UI: run "npm ci && npm run build" in web/`);
  const bin = findBinary();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `creneau-${name}-`));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = fs.openSync(path.join(dir, 'server.log'), 'w');
  const proc = spawn(
    bin,
    ['serve', '--db', path.join(dir, 't.db'), '--listen', `127.0.0.1:${port}`, '--web-root', webDist, ...args],
    {
      env: { ...process.env, CRENEAU_ADMIN_EMAIL: ADMIN.email, CRENEAU_ADMIN_PASSWORD: ADMIN.password },
      stdio: ['ignore', log, log],
    },
  );
  let exited = null;
  proc.on('exit', (code, sig) => (exited = `exit ${code ?? sig}`));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`server ${exited}:\n${fs.readFileSync(path.join(dir, 'server.log'), 'utf8')}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error('server did not answer /healthz within 30 s');
    }
    await sleep(100);
  }
  const server = {
    base,
    dir,
    proc,
    logText: () => fs.readFileSync(path.join(dir, 'server.log'), 'utf8'),
    async stop() {
      if (exited) return;
      const done = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await done;
      clearTimeout(t);
      fs.closeSync(log);
      if (!process.env.E2E_KEEP) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  server.api = makeApi(base);
  return server;
}

/** A JSON client: api(method, path, body?, token?) → parsed body; throws with the server's error. */
function makeApi(base) {
  const call = async (method, p, body, token) => {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    const r = await fetch(base + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = text;
    }
    if (!r.ok) {
      const e = new Error(`${method} ${p} → ${r.status} ${text}`);
      e.status = r.status;
      e.data = data;
      throw e;
    }
    return data;
  };
  return call;
}

export const items = (d) => (Array.isArray(d) ? d : d?.items ?? []);

/** Logs the admin in through the API and returns the token. */
export async function adminToken(server) {
  const r = await server.api('POST', '/api/auth/login', ADMIN);
  return r.token;
}

/**
 * A small salon: Monday–Saturday 09:00–19:00, bookable far ahead (the tests use 2027 dates),
 * two staff members doing every service.
 */
export async function seedSalon(server, token, { services = [], waitlist } = {}) {
  const hours = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '09:00', end: '19:00' }));
  const patch = {
    name: 'Salon Test',
    opening_hours: hours,
    preferred_staff_selection: true,
    booking: { slot_step_minutes: 15, min_notice_minutes: 0, max_advance_days: 3650, cancel_notice_minutes: 0 },
  };
  if (waitlist) patch.waitlist = waitlist;
  await server.api('PATCH', '/api/settings', patch, token);
  const svc = [];
  for (const s of services) {
    svc.push(
      await server.api('POST', '/api/services', {
        category: '', audience: 'all', resource_ids: [], capacity: 1, package_only: false, discovery: false, questionnaire: [], ...s,
      }, token),
    );
  }
  const ids = svc.map((s) => s.id);
  const mk = (first, last, email) =>
    server.api('POST', '/api/staff', {
      first_name: first, last_name: last, email, phone: '', role: 'employee', password: 'staff-pass-123',
      service_ids: ids, hours,
    }, token);
  const alice = await mk('Alice', 'Martin', 'alice@test.local');
  const bob = await mk('Bruno', 'Petit', 'bruno@test.local');
  return { services: svc, alice, bob };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** A page with a generous default timeout; browser console errors are kept for the failure message. */
export async function newPage(browser, opts = {}) {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'fr-FR', viewport: { width: 1400, height: 900 }, ...opts });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.consoleErrors = [];
  page.on('pageerror', (e) => page.consoleErrors.push(String(e)));
  return page;
}

export async function shot(page, name) {
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Logs into the back office through the login form. */
export async function staffLogin(page, base) {
  await page.goto(`${base}/`);
  await page.getByTestId('login-email').fill(ADMIN.email);
  await page.getByTestId('login-password').fill(ADMIN.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-agenda').waitFor({ state: 'attached' });  // hidden behind the menu on a phone
}

/** Opens the agenda on a date (day view). */
export async function gotoAgendaDate(page, date) {
  await page.getByTestId('nav-agenda').click();
  await page.getByTestId('agenda-date').fill(date);
  await page.getByTestId('agenda-grid').waitFor();
}

/** Polls fn until it returns a truthy value (server-side effects seen through the API). */
export async function until(fn, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await sleep(150);
  }
}

/** Wall-clock HH:MM of an ISO instant as the server wrote it (the salon's zone). */
export const hhmm = (iso) => iso.slice(11, 16);

/** Axe-core on the page as it is: the serious and critical violations, as readable lines (none = []). */
export async function axeViolations(page, what) {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${what}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** The browser's clock at a fixed instant of the salon's day (what "today" and the current-time line read). */
export async function setBrowserNow(page, iso) {
  await page.clock.setFixedTime(new Date(iso));
}
