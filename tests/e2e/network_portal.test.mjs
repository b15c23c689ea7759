// Salon networks on the portal, on a phone-sized screen: /book lets a client compare each salon's first free
// slot for a cut and book at the soonest-but-chosen salon; /book/{slug} goes straight to one salon;
// "my appointments" names each visit's salon. The browser's clock is set to a fixed day of 2027 so that
// "first free slot from today" does not depend on the day the test runs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { adminToken, hhmm, items, launch, newPage, shot, startServer, until } from './helpers.mjs';
import { HOURS, addSalon, addService, addStaff, missingRoutes, shapeFirstSalon } from './network.mjs';

const TODAY = '2027-03-01'; // a Monday, the browser's "today"
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
let server, browser, token, skip = '';
let lyon, villeurbanne, caluire, coupe, alice, bruno;

before(async () => {
  server = await startServer('network-portal');
  token = await adminToken(server);
  const missing = await missingRoutes(server, token, [
    ['GET', '/api/portal/salons'],
    ['GET', '/api/portal/next_slots?service_ids=1&from=2027-03-01'],
    ['GET', '/api/portal/salon?slug=lyon'],
    ['PATCH', '/api/salons/1', {}],
    ['PUT', '/api/salons/1/services/1', {}],
  ]);
  if (missing.length) {
    skip = `the server has no salon-network routes yet: ${missing.join(', ')}`;
    return;
  }
  lyon = await shapeFirstSalon(server, token, { name: 'Salon Lyon', slug: 'lyon', address: '3 rue de la République', postal_code: '69002', city: 'Lyon' });
  villeurbanne = await addSalon(server, token, { name: 'Salon Villeurbanne', slug: 'villeurbanne', address: '12 cours Émile-Zola', postal_code: '69100', city: 'Villeurbanne' });
  caluire = await addSalon(server, token, { name: 'Salon Caluire', slug: 'caluire', address: '1 place Foch', postal_code: '69300', city: 'Caluire-et-Cuire' });
  coupe = await addService(server, token, { name: 'Coupe', duration_minutes: 30, price_cents: 3000 });
  // Caluire does not offer the cut; Villeurbanne charges its own price.
  await server.api('PUT', `/api/salons/${caluire.id}/services/${coupe.id}`, { offered: false }, token);
  await server.api('PUT', `/api/salons/${villeurbanne.id}/services/${coupe.id}`, { offered: true, price_cents: 3500 }, token);
  // Alice works at Lyon from Tuesday; Bruno at Villeurbanne on Mondays from 14:00: Villeurbanne is sooner.
  alice = await addStaff(server, token, { first: 'Alice', last: 'Martin', email: 'alice@test.local', serviceIds: [coupe.id], salons: { [lyon.id]: HOURS.filter((h) => h.weekday !== 1) } });
  bruno = await addStaff(server, token, {
    first: 'Bruno', last: 'Petit', email: 'bruno@test.local', serviceIds: [coupe.id],
    salons: { [villeurbanne.id]: [{ weekday: 1, start: '14:00', end: '18:00' }] },
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function phonePage() {
  const page = await newPage(browser, PHONE);
  await page.clock.setFixedTime(new Date(`${TODAY}T08:00:00+01:00`));
  return page;
}

test('/book: a client compares the salons\' first free slots and books at one', async (t) => {
  if (skip) return t.skip(skip);
  const page = await phonePage();
  try {
    await page.goto(`${server.base}/book`);
    await page.getByTestId('salon-chooser').waitFor();
    for (const s of [lyon, villeurbanne, caluire]) await page.getByTestId(`salon-card-${s.slug}`).waitFor();
    await shot(page, 'network-portal-1-salons');

    await page.getByTestId(`chooser-service-${coupe.id}`).check();
    const first = (s) => page.getByTestId(`salon-first-${s.slug}`);
    await first(villeurbanne).waitFor();
    assert.match(await first(villeurbanne).textContent(), /1 mars · 14:00/);
    assert.match(await first(lyon).textContent(), /2 mars · 09:00/);
    assert.match(await page.getByTestId(`salon-next-${caluire.slug}`).textContent(), /Ne propose pas/);
    assert.equal(await page.getByTestId(`salon-choose-${caluire.slug}`).isDisabled(), true);
    // Soonest first.
    const order = await page.locator('[data-testid^="salon-card-"]').evaluateAll((els) => els.map((e) => e.dataset.testid));
    assert.deepEqual(order, ['salon-card-villeurbanne', 'salon-card-lyon', 'salon-card-caluire']);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `nothing wider than the phone (${width}px)`);
    await shot(page, 'network-portal-2-first-slots');

    // Tapping Villeurbanne's first slot opens its page with the cut and that slot chosen.
    await first(villeurbanne).click();
    await page.waitForURL(`${server.base}/book/villeurbanne`);
    assert.equal(await page.getByTestId('salon-banner-name').textContent(), 'Salon Villeurbanne');
    assert.equal(await page.getByTestId(`service-${coupe.id}`).isChecked(), true);
    await page.getByTestId('booking-summary').waitFor();
    assert.match(await page.getByTestId('booking-summary').textContent(), /14:00/);
    assert.match(await page.getByTestId('booking').textContent(), /35,00/, "Villeurbanne's own price");

    // Registers inline, then books there.
    await page.getByTestId('reg-first').fill('Inès');
    await page.getByTestId('reg-last').fill('Garnier');
    await page.getByTestId('reg-email').fill('ines.garnier@example.com');
    await page.getByTestId('reg-phone').fill('06 22 33 44 55');
    await page.getByTestId('reg-password').fill('motdepasse-123');
    await page.getByTestId('reg-submit').click();
    await page.getByTestId('book-submit').waitFor();
    await shot(page, 'network-portal-3-summary');
    await page.getByTestId('book-submit').click();
    await page.getByTestId('booking-done').waitFor();

    const booked = items(await server.api('GET', `/api/appointments?salon_id=${villeurbanne.id}&from=${TODAY}&to=${TODAY}`, undefined, token));
    assert.equal(booked.length, 1);
    assert.equal(booked[0].salon_id, villeurbanne.id);
    assert.equal(hhmm(booked[0].start), '14:00');
    assert.equal(booked[0].lines[0].staff_id, bruno.id);
    assert.equal(booked[0].lines[0].price_cents, 3500);

    // /book/{slug} straight to Lyon: no chooser; books Tuesday 10:00 there.
    await page.goto(`${server.base}/book/lyon`);
    await page.getByTestId('booking').waitFor();
    assert.equal(await page.getByTestId('salon-chooser').count(), 0);
    assert.equal(await page.getByTestId('salon-banner-name').textContent(), 'Salon Lyon');
    await page.getByTestId(`service-${coupe.id}`).check();
    await page.getByTestId('slots-date').fill('2027-03-02');
    await page.getByTestId('pday-2027-03-02').click();
    await page.getByTestId('pslot-2027-03-02T10:00').click();
    await shot(page, 'network-portal-4-direct');
    await page.getByTestId('book-submit').click();
    await page.getByTestId('booking-done').waitFor();
    const atLyon = items(await server.api('GET', `/api/appointments?salon_id=${lyon.id}&from=2027-03-02&to=2027-03-02`, undefined, token));
    assert.equal(atLyon.length, 1);
    assert.equal(atLyon[0].lines[0].staff_id, alice.id);
    assert.equal(hhmm(atLyon[0].start), '10:00');

    // My appointments: both visits, each with its salon.
    await page.getByTestId('go-my-appointments').click();
    await page.getByTestId(`my-appt-${booked[0].id}`).waitFor();
    await until(async () => (await page.getByTestId(`my-appt-${booked[0].id}`).getByTestId('my-appt-salon').textContent()) === 'Salon Villeurbanne', "Villeurbanne's name on its visit");
    assert.equal(await page.getByTestId(`my-appt-${atLyon[0].id}`).getByTestId('my-appt-salon').textContent(), 'Salon Lyon');
    await shot(page, 'network-portal-5-my-appointments');
  } finally {
    await page.context().close();
  }
});

test('/book/{slug} of an unknown salon says so and leads back to every salon', async (t) => {
  if (skip) return t.skip(skip);
  const page = await phonePage();
  try {
    await page.goto(`${server.base}/book/nulle-part`);
    await page.getByTestId('salon-unknown').waitFor();
    await page.getByTestId('salon-unknown').getByRole('link').click();
    await page.getByTestId('salon-chooser').waitFor();
  } finally {
    await page.context().close();
  }
});
