// The week at a glance: one column per open day with its name, the staff as coloured lanes (colours chosen
// on the staff screen), closed days hidden, one person's week, and the current-time line (browser clock set).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { adminToken, launch, newPage, seedSalon, setBrowserNow, shot, staffLogin, startServer } from './helpers.mjs';

const MONDAY = '2027-03-01';
const WEEK = ['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05', '2027-03-06'];
let server, browser, token, salon, client;

before(async () => {
  server = await startServer('fd-week');
  token = await adminToken(server);
  salon = await seedSalon(server, token, { services: [{ name: 'Coupe femme', duration_minutes: 45, price_cents: 3500 }] });
  client = await server.api('POST', '/api/clients', { first_name: 'Inès', last_name: 'Moreau', email: 'ines.moreau@example.com' }, token);
  // Bruno works Tuesday to Saturday only; one appointment each on Wednesday.
  const hours = [2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '09:00', end: '19:00' }));
  await server.api('PATCH', `/api/staff/${salon.bob.id}`, { hours }, token);
  for (const [who, time] of [[salon.alice, '10:00'], [salon.bob, '11:00']])
    await server.api('POST', '/api/appointments', {
      client_id: client.id, start: `2027-03-03T${time}:00+01:00`, confirmation: 'approve',
      lines: [{ service_id: salon.services[0].id, staff_id: who.id }],
    }, token);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('week view: days named, Sunday hidden, coloured staff lanes, one person\'s week, current time', async () => {
  const page = await newPage(browser);
  try {
    await setBrowserNow(page, '2027-03-03T10:30:00+01:00'); // Wednesday 10:30 in Paris
    await staffLogin(page, server.base);

    // Alice's colour, chosen on the staff screen.
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-staff').click();
    await page.getByTestId(`crud-staff-row-${salon.alice.id}`).getByRole('button', { name: /Modifier|Edit/ }).click();
    await page.getByTestId('crud-staff-color').fill('#b5446e');
    await page.getByTestId('crud-staff-save').click();
    await page.getByTestId('crud-staff-form').waitFor({ state: 'detached' });
    const saved = await server.api('GET', `/api/staff/${salon.alice.id}`, undefined, token);
    assert.equal(saved.color.toLowerCase(), '#b5446e');

    await page.getByTestId('nav-agenda').click();
    await page.getByTestId('agenda-date').fill(MONDAY);
    await page.getByTestId('view-week').click();
    for (const d of WEEK) await page.getByTestId(`dayhead-${d}`).waitFor();
    // Sunday is closed: no column. Each day header names its day.
    assert.equal(await page.getByTestId('dayhead-2027-03-07').count(), 0);
    assert.match(await page.getByTestId('dayhead-2027-03-01').textContent(), /^Lun\.? 1 mars/);
    assert.match(await page.getByTestId('dayhead-2027-03-06').textContent(), /^Sam\.? 6 mars/);
    // Lanes: Alice every day, Bruno from Tuesday (he does not work on Monday).
    assert.equal(await page.getByTestId(`col-s${salon.alice.id}-${MONDAY}`).count(), 1);
    assert.equal(await page.getByTestId(`col-s${salon.bob.id}-${MONDAY}`).count(), 0);
    assert.equal(await page.getByTestId(`col-s${salon.bob.id}-2027-03-02`).count(), 1);
    // Alice's lane and block wear her colour.
    const headColor = await page.getByTestId(`col-s${salon.alice.id}-2027-03-03`).evaluate((el) => getComputedStyle(el).borderTopColor);
    assert.equal(headColor, 'rgb(181, 68, 110)');
    const [wedAlice] = await page.locator(`[data-col-key="s${salon.alice.id}-2027-03-03"] .appt`).all();
    assert.equal(await wedAlice.evaluate((el) => getComputedStyle(el).borderLeftColor), 'rgb(181, 68, 110)');
    // The current-time line is drawn on Wednesday only, at 10:30.
    const line = page.getByTestId('now-line');
    assert.equal(await line.count(), 1);
    assert.equal(await line.evaluate((el) => el.closest('.agenda-col').dataset.colKey.endsWith('2027-03-03')), true);
    await shot(page, 'frontdesk-week-1-all');

    // One person's week: Bruno, one wide column per day he works, named by the day; no one else's blocks.
    await page.getByTestId('agenda-staff').selectOption(String(salon.bob.id));
    await page.getByTestId(`col-s${salon.bob.id}-2027-03-02`).waitFor();
    const cols = await page.locator('.agenda-colhead').evaluateAll((els) => els.map((e) => e.textContent.trim()));
    assert.equal(cols.length, 5, `Tuesday to Saturday: ${cols}`);
    assert.match(cols[0], /^Mar\.? 2 mars/);
    assert.equal(await page.locator(`[data-col-key^="s${salon.alice.id}-"]`).count(), 0);
    assert.equal(await page.locator('.appt').count(), 1);
    await shot(page, 'frontdesk-week-2-bruno');
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await page.context().close();
  }
});
