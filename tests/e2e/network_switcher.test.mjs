// Salon networks in the back office: the admin switches salon and the agenda, the resources, the settings and
// the catalogue's overrides follow; a salon is created on the salons screen (a taken slug is refused on its
// field); a manager sees only the salons they work at.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { adminToken, gotoAgendaDate, items, launch, newPage, shot, startServer, staffLogin, until } from './helpers.mjs';
import { HOURS, addSalon, addService, addStaff, loginAs, missingRoutes, shapeFirstSalon } from './network.mjs';

const DATE = '2027-03-02'; // a Tuesday
let server, browser, token, skip = '';
let lyon, villeurbanne, caluire, coupe, alice, bruno, marc, cabine, bac, apptLyon, apptVilleurbanne;

before(async () => {
  server = await startServer('network-switcher');
  token = await adminToken(server);
  const missing = await missingRoutes(server, token, [
    ['GET', '/api/salons'],
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
  alice = await addStaff(server, token, { first: 'Alice', last: 'Martin', email: 'alice@test.local', serviceIds: [coupe.id], salons: { [lyon.id]: HOURS } });
  bruno = await addStaff(server, token, { first: 'Bruno', last: 'Petit', email: 'bruno@test.local', serviceIds: [coupe.id], salons: { [villeurbanne.id]: HOURS } });
  marc = await addStaff(server, token, {
    first: 'Marc', last: 'Roux', email: 'marc@test.local', role: 'manager',
    salons: { [villeurbanne.id]: [], [caluire.id]: [] },
  });
  cabine = await server.api('POST', '/api/resources', { name: 'Cabine Lyon', salon_id: lyon.id }, token);
  bac = await server.api('POST', '/api/resources', { name: 'Bac Villeurbanne', salon_id: villeurbanne.id }, token);
  const client = (first, last) => server.api('POST', '/api/clients', { first_name: first, last_name: last, email: `${first.toLowerCase()}@example.com` }, token);
  const zoe = await client('Zoé', 'Lambert');
  const yann = await client('Yann', 'Moreau');
  apptLyon = await server.api('POST', '/api/appointments', {
    salon_id: lyon.id, client_id: zoe.id, start: `${DATE}T10:00:00+01:00`, lines: [{ service_id: coupe.id, staff_id: alice.id, resource_id: cabine.id }],
  }, token);
  apptVilleurbanne = await server.api('POST', '/api/appointments', {
    salon_id: villeurbanne.id, client_id: yann.id, start: `${DATE}T11:00:00+01:00`, lines: [{ service_id: coupe.id, staff_id: bruno.id, resource_id: bac.id }],
  }, token);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the admin switches salon: agenda, resources, settings and overrides follow', async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage(browser);
  try {
    await staffLogin(page, server.base);
    const switcher = page.getByTestId('salon-switcher');
    await switcher.waitFor();
    const options = await switcher.locator('option').allTextContents();
    assert.equal(options.length, 3, `the admin sees every salon: ${options}`);

    // Salon 1 first: Alice and Zoé's visit; nobody of Villeurbanne.
    await switcher.selectOption(String(lyon.id));
    await gotoAgendaDate(page, DATE);
    await page.getByTestId(`appt-${apptLyon.id}`).waitFor();
    assert.equal(await page.getByTestId(`col-s${bruno.id}-${DATE}`).count(), 0, 'no Villeurbanne column at Lyon');
    assert.equal(await page.getByTestId(`appt-${apptVilleurbanne.id}`).count(), 0);
    await shot(page, 'network-1-agenda-lyon');

    // Villeurbanne: its staff and its visit.
    await switcher.selectOption(String(villeurbanne.id));
    await page.getByTestId(`appt-${apptVilleurbanne.id}`).waitFor();
    await page.getByTestId(`col-s${bruno.id}-${DATE}`).waitFor();
    assert.equal(await page.getByTestId(`col-s${alice.id}-${DATE}`).count(), 0, 'no Lyon column at Villeurbanne');
    assert.equal(await page.getByTestId(`appt-${apptLyon.id}`).count(), 0);
    await shot(page, 'network-2-agenda-villeurbanne');

    // Its resources only.
    await page.getByTestId('view-resources').click();
    await page.getByTestId(`col-r${bac.id}-${DATE}`).waitFor();
    assert.equal(await page.getByTestId(`col-r${cabine.id}-${DATE}`).count(), 0, "Lyon's cabin is not Villeurbanne's");
    await page.getByTestId('view-day').click();

    // The choice is remembered by the browser.
    await page.reload();
    await page.getByTestId('salon-switcher').waitFor();
    assert.equal(await page.getByTestId('salon-switcher').inputValue(), String(villeurbanne.id));

    // Settings are the chosen salon's.
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-save').waitFor();
    assert.equal(await page.getByTestId('settings-general').locator('input').first().inputValue(), 'Salon Villeurbanne');

    // The catalogue: network values, and Villeurbanne's own price for the cut.
    await page.getByTestId('settings-tab-services').click();
    await page.getByTestId(`override-edit-${coupe.id}`).click();
    await page.getByTestId('override-price-input').fill('35');
    await page.getByTestId('override-save').click();
    await page.getByTestId('override-form').waitFor({ state: 'detached' });
    await until(async () => /35,00/.test(await page.getByTestId(`override-${coupe.id}`).getByTestId('override-price').textContent()), 'the override in the table');
    assert.match(await page.getByTestId(`crud-services-row-${coupe.id}`).textContent(), /30,00/, 'the network price stays');
    const seen = items(await server.api('GET', `/api/services?salon_id=${villeurbanne.id}`, undefined, token)).find((s) => s.id === coupe.id);
    assert.equal(seen.price_cents, 3500);
    const atLyon = items(await server.api('GET', `/api/services?salon_id=${lyon.id}`, undefined, token)).find((s) => s.id === coupe.id);
    assert.equal(atLyon.price_cents, 3000, 'Lyon keeps the network price');
    await shot(page, 'network-3-catalogue-overrides');

    // The staff screen: each hours row with its salon.
    await page.getByTestId('settings-tab-staff').click();
    await page.getByTestId(`crud-staff-row-${alice.id}`).getByRole('button').first().click();
    await page.getByTestId('staff-hours-salon-0').waitFor();
    assert.equal(await page.getByTestId('staff-hours-salon-0').inputValue(), String(lyon.id));
    assert.equal(await page.getByTestId(`staff-salons-${lyon.id}`).isChecked(), true);
    await shot(page, 'network-4-staff-hours');
    // Alice now also works at Villeurbanne, on Saturdays.
    await page.getByTestId(`staff-salons-${villeurbanne.id}`).check();
    const rows = await page.locator('[data-testid^="staff-hours-wd-"]').evaluateAll((els) => els.map((e) => e.value));
    await page.getByTestId(`staff-hours-salon-${rows.indexOf('6')}`).selectOption(String(villeurbanne.id));
    await page.getByTestId('crud-staff-save').click();
    await page.getByTestId('crud-staff-form').waitFor({ state: 'detached' });
    const saved = await server.api('GET', `/api/staff/${alice.id}`, undefined, token);
    assert.deepEqual([...saved.salon_ids].sort(), [lyon.id, villeurbanne.id].sort());
    assert.deepEqual(saved.hours.filter((h) => h.salon_id === villeurbanne.id).map((h) => h.weekday), [6]);
    assert.equal(saved.hours.filter((h) => h.salon_id === lyon.id).length, 5);
    await until(async () => /Villeurbanne/.test(await page.getByTestId(`crud-staff-row-${alice.id}`).textContent()), 'the hours per salon in the list');
  } finally {
    await page.context().close();
  }
});

test('the admin creates a salon; a taken slug is refused on its field', async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage(browser);
  try {
    await staffLogin(page, server.base);
    await page.getByTestId('nav-salons').click();
    await page.getByTestId(`salon-row-${caluire.id}`).waitFor();
    await page.getByTestId('salon-new').click();
    await page.getByTestId('salon-name').fill('Salon Bron');
    assert.equal(await page.getByTestId('salon-slug').inputValue(), 'salon-bron', 'a slug is proposed from the name');
    await page.getByTestId('salon-slug').fill('lyon');
    await page.getByTestId('salon-city').fill('Bron');
    await page.getByTestId('salon-save').click();
    const slugField = page.locator('.field.invalid', { has: page.getByTestId('salon-slug') });
    await slugField.getByTestId('field-error').waitFor();
    assert.equal(await page.getByTestId('salon-slug').getAttribute('aria-invalid'), 'true');
    await shot(page, 'network-5-slug-taken');
    await page.getByTestId('salon-slug').fill('bron');
    await page.getByTestId('salon-save').click();
    await page.getByTestId('salon-form').waitFor({ state: 'detached' });
    const bron = items(await server.api('GET', '/api/salons', undefined, token)).find((s) => s.slug === 'bron');
    assert.ok(bron, 'the salon is created');
    assert.equal(bron.city, 'Bron');
    await page.getByTestId(`salon-row-${bron.id}`).waitFor();
    // The switcher offers it at once.
    await until(async () => (await page.getByTestId('salon-switcher').locator('option').count()) === 4, 'four salons in the switcher');
  } finally {
    await page.context().close();
  }
});

test('on a phone the salons are cards, nothing wider than the screen', async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    await staffLogin(page, server.base);
    await page.goto(`${server.base}/#/salons`);
    await page.getByTestId(`salon-row-${caluire.id}`).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width}px wide`);
    await shot(page, 'network-6-salons-phone');
  } finally {
    await page.context().close();
  }
});

test('a manager sees only the salons they work at', async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage(browser);
  try {
    await loginAs(page, server.base, 'marc@test.local', 'staff-pass-123');
    const switcher = page.getByTestId('salon-switcher');
    await switcher.waitFor();
    const values = await switcher.locator('option').evaluateAll((os) => os.map((o) => Number(o.value)));
    assert.deepEqual(values.sort(), [villeurbanne.id, caluire.id].sort(), 'Villeurbanne and Caluire, not Lyon');
    await switcher.selectOption(String(villeurbanne.id));
    await gotoAgendaDate(page, DATE);
    await page.getByTestId(`appt-${apptVilleurbanne.id}`).waitFor();
    assert.equal(await page.getByTestId(`appt-${apptLyon.id}`).count(), 0);
    assert.equal(await page.getByTestId('nav-salons').count(), 0, 'no salons screen for a manager');
    await shot(page, 'network-6-manager');
  } finally {
    await page.context().close();
  }
});
