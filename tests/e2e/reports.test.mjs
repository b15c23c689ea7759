// Dashboard: a network of two salons with known appointments in the week of Monday 2027-03-01; the admin picks
// that range (custom), the tiles show the summary, the charts are drawn (pixels on their canvases), the salons
// sit side by side, the package sessions between salons are listed, and the daily CSV downloads. Also at 390 px.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ADMIN, adminToken, axeViolations, launch, newPage, seedSalon, shot, staffLogin, startServer } from './helpers.mjs';

let server, browser, token;

before(async () => {
  server = await startServer('reports');
  token = await adminToken(server);
  const api = (m, p, b) => server.api(m, p, b, token);
  const { services, alice } = await seedSalon(server, token, {
    services: [
      { name: 'Coupe', duration_minutes: 30, price_cents: 3000 },
      { name: 'Coupe (forfait)', duration_minutes: 30, price_cents: 0, package_only: true },
    ],
  });
  const [cut, included] = services.map((s) => s.id);
  const hours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));
  const lyon = await api('POST', '/api/salons', { name: 'Lyon Bellecour', slug: 'lyon', timezone: 'Europe/Paris' });
  await api('PATCH', `/api/settings?salon_id=${lyon.id}`, { opening_hours: hours, booking: { max_advance_days: 3650 } });
  await api('PATCH', '/api/salons/1', { name: 'Paris Centre' });
  const lea = await api('POST', '/api/staff', {
    first_name: 'Léa', last_name: 'Roux', email: 'lea@test.local', role: 'employee', password: 'staff-pass-123',
    salon_ids: [lyon.id], service_ids: [cut, included], hours: hours.map((h) => ({ ...h, salon_id: lyon.id })),
  });
  const client = (first) => api('POST', '/api/clients', { first_name: first, last_name: 'Tableau', email: `${first}@example.com` });
  const [ana, ben, cleo] = [await client('ana'), await client('ben'), await client('cleo')];
  const type = await api('POST', '/api/package_types', { name: '5 coupes', sessions: 5, service_ids: [included] });
  await api('POST', `/api/clients/${ana.id}/packages`, { package_type_id: type.id, start_date: '2027-01-01', salon_id: 1 });
  const book = (salon, start, service, staff, c, extra = {}) => api('POST', '/api/appointments', {
    salon_id: salon, client_id: c.id, start, confirmation: 'silent', lines: [{ service_id: service, staff_id: staff.id }], ...extra,
  });
  await book(1, '2027-03-01T10:00:00+01:00', cut, alice, ana);
  await book(1, '2027-03-02T10:00:00+01:00', cut, alice, ben);
  const gone = await book(1, '2027-03-03T10:00:00+01:00', cut, alice, cleo);
  await api('POST', `/api/appointments/${gone.id}/cancel`, { reason: 'x' });
  await book(lyon.id, '2027-03-04T10:00:00+01:00', cut, lea, cleo);
  await book(lyon.id, '2027-03-05T10:00:00+01:00', included, lea, ana);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Whether a canvas has anything drawn on it (Chart.js draws into the bitmap: no DOM to look at).
const drawn = (page, testid) =>
  page.getByTestId(testid).evaluate((c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    return c.width > 0 && painted > 500;
  });

async function chooseWeek(page, phone = false) {
  if (phone) await page.getByTestId('nav-menu').click();  // the navigation is folded behind ☰ on a phone
  await page.getByTestId('nav-reports').click();
  await page.getByTestId('reports-page').waitFor();
  await page.getByTestId('range-custom').click();
  await page.getByTestId('range-from').fill('2027-03-01');
  await page.getByTestId('range-to').fill('2027-03-07');
  await page.getByTestId('tile-appointments').getByText('4', { exact: true }).waitFor();
}

test('the dashboard shows the tiles and draws the charts for a chosen range', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  try {
    await staffLogin(page, server.base);
    await chooseWeek(page);
    const tile = async (id) => (await page.getByTestId(id).textContent()).replace(/\s+/g, ' ');
    assert.match(await tile('tile-appointments'), /Rendez-vous ?4 ?1 annulé/);
    assert.match(await tile('tile-revenue'), /90,00/);  // three cuts at 30.00, the package session at 0
    assert.match(await tile('tile-new-clients'), /3/);
    assert.match(await tile('tile-occupancy'), /%/);
    for (const chart of ['chart-daily', 'chart-no-shows', 'chart-salons'])
      assert.ok(await drawn(page, chart), `${chart} is drawn`);
    const salons = await page.getByTestId('report-salon-table').textContent();
    assert.match(salons, /Paris Centre/);
    assert.match(salons, /Lyon Bellecour/);
    const packages = page.getByTestId('report-packages');
    assert.match(await packages.textContent(), /Paris Centre\s*Lyon Bellecour\s*1/);
    await shot(page, 'reports-1280');
    assert.deepEqual(await axeViolations(page, 'dashboard'), []);

    // One salon: its figures only, and no side-by-side chart.
    await page.getByTestId('report-salon').selectOption({ label: 'Lyon Bellecour' });
    await page.getByTestId('tile-appointments').getByText('2', { exact: true }).waitFor();
    assert.equal(await page.getByTestId('chart-salons').count(), 0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()]);
    const csv = fs.readFileSync(await download.path(), 'utf8').split('\r\n');
    assert.equal(csv[0].split(';')[0], 'date');
    assert.equal(csv.filter(Boolean).length, 8);
    assert.match(csv[4], /^2027-03-04;\d+;1;/);

    // English: the same page in the other language, charts redrawn.
    await page.getByTestId('lang-switch').click();
    await page.getByText('Occupancy and revenue per day').waitFor();
    assert.match((await page.getByTestId('tile-appointments').textContent()), /Appointments ?2 ?0 cancelled/);
    assert.ok(await drawn(page, 'chart-daily'));
    await shot(page, 'reports-1280-en');
    await page.getByTestId('lang-switch').click();
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await page.context().close();
  }
});

test('the dashboard on a phone (390 px)', async () => {
  const page = await newPage(browser, { viewport: { width: 390, height: 844 } });
  try {
    await page.goto(`${server.base}/`);
    await page.getByTestId('login-email').fill(ADMIN.email);
    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-menu').waitFor();
    await chooseWeek(page, true);
    assert.ok(await drawn(page, 'chart-daily'));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the page is ${overflow} px wider than the phone`);
    await shot(page, 'reports-390');
    assert.deepEqual(await axeViolations(page, 'dashboard (phone)'), []);
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await page.context().close();
  }
});
