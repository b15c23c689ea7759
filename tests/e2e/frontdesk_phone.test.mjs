// The back office on a phone (390 px): the agenda shows one staff column at a time (selector and swipe),
// the toolbars fold into menus, the client list is cards with phone numbers in the national format, and an
// employee shows her own agenda only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, adminToken, launch, newPage, seedSalon, shot, startServer } from './helpers.mjs';

const DATE = '2027-03-01';
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
let server, browser, token, salon, client;

before(async () => {
  server = await startServer('fd-phone');
  token = await adminToken(server);
  salon = await seedSalon(server, token, { services: [{ name: 'Coupe homme', duration_minutes: 30, price_cents: 2500 }] });
  client = await server.api('POST', '/api/clients', { first_name: 'Hugo', last_name: 'Laurent', email: 'hugo.laurent@example.com', phone: '+33610021936' }, token);
  for (const [who, time] of [[salon.alice, '10:00'], [salon.bob, '11:00']])
    await server.api('POST', '/api/appointments', {
      client_id: client.id, start: `${DATE}T${time}:00+01:00`, confirmation: 'approve',
      lines: [{ service_id: salon.services[0].id, staff_id: who.id }],
    }, token);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function login(page, who) {
  await page.goto(`${server.base}/#/agenda?date=${DATE}&view=day`);
  await page.getByTestId('login-email').fill(who.email);
  await page.getByTestId('login-password').fill(who.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('agenda-grid').waitFor();
}

const colKeys = (page) => page.locator('.agenda-col').evaluateAll((els) => els.map((e) => e.dataset.colKey));

test('a receptionist on a phone: one column at a time, folded menus, clients as cards', async () => {
  const page = await newPage(browser, PHONE);
  try {
    await login(page, ADMIN);
    // One staff column; the selector changes who is shown; a swipe goes to the next person.
    assert.deepEqual(await colKeys(page), [`s${salon.alice.id}-${DATE}`]);
    await page.getByTestId('agenda-staff').selectOption(String(salon.bob.id));
    assert.deepEqual(await colKeys(page), [`s${salon.bob.id}-${DATE}`]);
    const box = await page.getByTestId('agenda-grid').boundingBox();
    await page.getByTestId('agenda-grid').dispatchEvent('touchstart', { touches: [{ identifier: 1, clientX: 300, clientY: box.y + 200 }], changedTouches: [{ identifier: 1, clientX: 300, clientY: box.y + 200 }] });
    await page.getByTestId('agenda-grid').dispatchEvent('touchend', { touches: [], changedTouches: [{ identifier: 1, clientX: 80, clientY: box.y + 210 }] });
    await page.waitForFunction((k) => document.querySelector('.agenda-col')?.dataset.colKey === k, `s${salon.alice.id}-${DATE}`);
    // The grid fits the screen: no sideways scrolling of the page.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no horizontal overflow');
    await shot(page, 'frontdesk-phone-1-agenda');

    // The views and tools are behind the ☰ menu; the main navigation too.
    assert.equal(await page.getByTestId('view-week').isVisible(), false);
    await page.getByTestId('agenda-menu').click();
    assert.equal(await page.getByTestId('view-week').isVisible(), true);
    assert.equal(await page.getByTestId('next-free').isVisible(), true);
    await shot(page, 'frontdesk-phone-2-menu');
    assert.equal(await page.getByTestId('nav-clients').isVisible(), false);
    await page.getByTestId('nav-menu').click();
    await page.getByTestId('nav-clients').click();

    // The client list as cards, the phone number in the French format.
    const row = page.getByTestId(`client-row-${client.id}`);
    await row.waitFor();
    assert.equal(await page.locator('[data-testid=clients-table] thead').isVisible(), false);
    assert.equal(await row.evaluate((el) => getComputedStyle(el).display), 'grid');
    assert.equal((await page.getByTestId(`client-phone-${client.id}`).textContent()).trim(), '06 10 02 19 36');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no horizontal overflow');
    await shot(page, 'frontdesk-phone-3-clients');
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await page.context().close();
  }
});

test('an employee shows her own agenda only; bulk delete is not offered to her', async () => {
  const page = await newPage(browser, { viewport: { width: 1200, height: 800 } });
  try {
    await login(page, { email: 'alice@test.local', password: 'staff-pass-123' });
    assert.deepEqual((await colKeys(page)).sort(), [`s${salon.alice.id}-${DATE}`, `s${salon.bob.id}-${DATE}`].sort());
    await page.getByTestId('my-agenda').click();
    assert.deepEqual(await colKeys(page), [`s${salon.alice.id}-${DATE}`]);
    assert.equal(await page.getByTestId('my-agenda').getAttribute('aria-pressed'), 'true');
    await page.getByTestId('nav-clients').click();
    await page.getByTestId(`client-row-${client.id}`).waitFor();
    assert.equal(await page.getByTestId('clients-bulk-delete').count(), 0);
    assert.equal(await page.getByTestId(`client-select-${client.id}`).count(), 0);
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await page.context().close();
  }
});
