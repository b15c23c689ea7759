// "Next free slot": the receptionist picks a service (and a staff member), sees the next free starts across
// the coming days, and one click opens the booking form there, ready to book.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { adminToken, hhmm, items, launch, newPage, seedSalon, setBrowserNow, shot, staffLogin, startServer, until } from './helpers.mjs';

const MONDAY = '2027-03-01';
const TUESDAY = '2027-03-02';
let server, browser, token, salon, client;

before(async () => {
  server = await startServer('fd-nextfree');
  token = await adminToken(server);
  salon = await seedSalon(server, token, {
    services: [
      { name: 'Coupe femme', category: 'Coiffure', duration_minutes: 45, price_cents: 3500 },
      { name: 'Couleur', category: 'Coiffure', duration_minutes: 60, price_cents: 5500 },
    ],
  });
  client = await server.api('POST', '/api/clients', { first_name: 'Chloé', last_name: 'Dubois', email: 'chloe.dubois@example.com' }, token);
  // Alice is away all Monday: her next free start is Tuesday 09:00; Bruno's is Monday 09:00.
  await server.api('POST', `/api/staff/${salon.alice.id}/time_off`, { start: `${MONDAY}T00:00:00+01:00`, end: `${TUESDAY}T00:00:00+01:00`, reason: 'Formation' }, token);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('next free slot for two services with Alice, then book it from the result', async () => {
  const page = await newPage(browser);
  try {
    await setBrowserNow(page, `${MONDAY}T08:00:00+01:00`);
    await staffLogin(page, server.base);
    const [coupe, couleur] = salon.services;
    await page.getByTestId('next-free').click();
    const dialog = page.getByTestId('next-free-dialog');
    await dialog.waitFor();
    await page.getByTestId(`nfs-service-${coupe.id}`).check();
    await page.getByTestId(`nfs-service-${couleur.id}`).check();
    assert.match(await page.getByTestId('nfs-total').textContent(), /105 min · 90,00\s€/);

    // Anyone: Bruno's Monday morning comes first.
    await page.getByTestId('nfs-search').click();
    await page.getByTestId('nfs-results').waitFor();
    const first = page.locator('[data-testid^="nfs-slot-"]').first();
    assert.equal(await first.getAttribute('data-testid'), `nfs-slot-${MONDAY}T09:00`);
    assert.match(await first.textContent(), /Bruno/);

    // With Alice: nothing on Monday, Tuesday 09:00 first.
    await page.getByTestId('nfs-staff').selectOption(String(salon.alice.id));
    await page.getByTestId('nfs-search').click();
    await page.getByTestId('nfs-results').waitFor();
    assert.equal(await page.locator(`[data-testid^="nfs-slot-${MONDAY}"]`).count(), 0);
    const firstAlice = page.locator('[data-testid^="nfs-slot-"]').first();
    assert.equal(await firstAlice.getAttribute('data-testid'), `nfs-slot-${TUESDAY}T09:00`);
    await shot(page, 'frontdesk-nextfree-1-results');

    // One click: the form opens there with both services on Alice.
    await firstAlice.click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('appointment-form').waitFor();
    assert.equal(await page.getByTestId('appt-date').inputValue(), TUESDAY);
    assert.equal(await page.getByTestId('appt-time').inputValue(), '09:00');
    assert.equal(await page.getByTestId('line-0-service').inputValue(), String(coupe.id));
    assert.equal(await page.getByTestId('line-1-service').inputValue(), String(couleur.id));
    assert.equal(await page.getByTestId('line-0-staff').inputValue(), String(salon.alice.id));
    assert.equal(await page.getByTestId('line-1-staff').inputValue(), String(salon.alice.id));
    assert.equal(await page.getByTestId('appt-total').textContent(), '105 min');
    assert.match(await page.getByTestId('appt-total-price').textContent(), /90,00\s€/);
    await page.getByTestId('client-search').fill('dubois');
    await page.getByTestId(`client-option-${client.id}`).click();
    await page.getByTestId('appt-save').click();
    await page.getByTestId('appointment-form').waitFor({ state: 'detached' });
    const [appt] = await until(async () => {
      const l = items(await server.api('GET', `/api/appointments?from=${TUESDAY}&to=${TUESDAY}`, undefined, token));
      return l.length === 1 && l;
    }, 'the booked appointment');
    assert.equal(hhmm(appt.start), '09:00');
    assert.deepEqual(appt.lines.map((l) => l.staff_id), [salon.alice.id, salon.alice.id]);
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await page.context().close();
  }
});
