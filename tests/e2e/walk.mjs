import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:18140';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
const errors = [];
for (const [w, h, tag] of [[1440, 900, 'd'], [390, 844, 'p']]) {
  const p = await b.newPage({ viewport: { width: w, height: h } });
  p.on('pageerror', (e) => errors.push(`${tag} pageerror ${e.message}`));
  p.on('console', (m) => { if (m.type() === 'error') errors.push(`${tag} console ${m.text()}`); });
  await p.goto(base + '/');
  await p.getByTestId('login-email').fill('admin@demo.local');
  await p.getByTestId('login-password').fill('admin-demo-123');
  await p.getByTestId('login-submit').click();
  await p.getByTestId('nav-agenda').waitFor({ state: 'attached' });
  for (const hash of ['agenda', 'clients', 'freed', 'reports', 'settings', 'salons']) {
    await p.goto(`${base}/#/${hash}`);
    await p.waitForTimeout(1500);
    const sw = await p.evaluate(() => document.documentElement.scrollWidth);
    if (sw > w) errors.push(`${tag} ${hash} scrollWidth ${sw}`);
    await p.screenshot({ path: `/tmp/shots/w-${tag}-${hash}.png` });
  }
  // a client file
  await p.goto(`${base}/#/clients`); await p.waitForTimeout(1000);
  await p.locator('[data-testid^="client-row-"] a, [data-testid^="client-link-"]').first().click().catch(() => errors.push(`${tag} no client link`));
  await p.waitForTimeout(1500);
  await p.screenshot({ path: `/tmp/shots/w-${tag}-clientfile.png` });
  // portal
  const q = await b.newPage({ viewport: { width: w, height: h } });
  q.on('pageerror', (e) => errors.push(`${tag} portal pageerror ${e.message}`));
  await q.goto(`${base}/book/paris-marais`); await q.waitForTimeout(2000);
  await q.screenshot({ path: `/tmp/shots/w-${tag}-portal.png` });
}
console.log(errors.join('\n') || 'no errors');
await b.close();
