// The portal on a phone: services grouped by category (collapsible) with the audience filter, a summary with
// the total price and duration; and a reschedule whose picker offers only slots the move accepts: every one
// of them is accepted by the server, and the time its staff member is busy (but a colleague is free) is not
// offered.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { adminToken, hhmm, launch, newPage, seedSalon, shot, startServer, until } from './helpers.mjs';

const DATE = '2027-03-02'; // a Tuesday
let server, browser, token, salon, client, appt, portalToken;

before(async () => {
  server = await startServer('fd-portal');
  token = await adminToken(server);
  salon = await seedSalon(server, token, {
    services: [
      { name: 'Coupe femme', category: 'Coiffure', audience: 'adult', duration_minutes: 30, price_cents: 3500 },
      { name: 'Coupe enfant', category: 'Coiffure', audience: 'child', duration_minutes: 20, price_cents: 1800 },
      { name: 'Soin visage', category: 'Esthétique', audience: 'adult', duration_minutes: 45, price_cents: 4500 },
    ],
  });
  client = await server.api('POST', '/api/clients', { first_name: 'Manon', last_name: 'Dupont', email: 'manon.dupont@example.com' }, token);
  const reg = await server.api('POST', '/api/portal/register', { first_name: 'Manon', last_name: 'Dupont', email: 'manon.dupont@example.com', phone: '', password: 'motdepasse-123' });
  portalToken = reg.token;
  const me = await server.api('GET', '/api/portal/me', undefined, portalToken);
  if (!me.client) await server.api('POST', `/api/link-queue/${(me.account ?? me).id}/link`, { client_id: client.id }, token);
  // Manon's cut with Alice at 10:00; Alice is busy 14:00–16:00 with someone else while Bruno is free.
  appt = await server.api('POST', '/api/appointments', {
    client_id: client.id, start: `${DATE}T10:00:00+01:00`, confirmation: 'approve',
    lines: [{ service_id: salon.services[0].id, staff_id: salon.alice.id }],
  }, token);
  const other = await server.api('POST', '/api/clients', { first_name: 'Paul', last_name: 'Girard', email: 'paul.girard@example.com' }, token);
  await server.api('POST', '/api/appointments', {
    client_id: other.id, start: `${DATE}T14:00:00+01:00`, confirmation: 'silent',
    lines: [{ service_id: salon.services[2].id, staff_id: salon.alice.id, duration_minutes: 120 }],
  }, token);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

test('services by category, folded and unfolded, with the audience filter and the total', async () => {
  const page = await newPage(browser, PHONE);
  try {
    await page.goto(`${server.base}/book`);
    const [coupe, enfant, soin] = salon.services;
    const coiffure = page.getByTestId('category-toggle-Coiffure');
    const esthetique = page.getByTestId('category-toggle-Esthétique');
    await coiffure.waitFor();
    // The first category is open, the others folded.
    assert.equal(await coiffure.getAttribute('aria-expanded'), 'true');
    assert.equal(await esthetique.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.getByTestId(`service-${soin.id}`).isVisible(), false);
    await esthetique.click();
    assert.equal(await esthetique.getAttribute('aria-expanded'), 'true');
    assert.equal(await page.getByTestId(`service-${soin.id}`).isVisible(), true);
    await coiffure.click();
    assert.equal(await page.getByTestId(`service-${coupe.id}`).isVisible(), false);
    await shot(page, 'frontdesk-portal-1-categories');

    // The audience filter: children see the child's cut only.
    await page.getByTestId('audience').selectOption('child');
    await page.getByTestId(`service-${enfant.id}`).waitFor({ state: 'attached' });
    await until(async () => (await page.getByTestId(`service-${coupe.id}`).count()) === 0, 'adult services filtered out');
    assert.equal(await page.getByTestId('category-Esthétique').count(), 0);
    await page.getByTestId('audience').selectOption('');

    // Two services: the summary gives 75 min and 80,00 €.
    await page.getByTestId('category-toggle-Coiffure').click();
    await page.getByTestId(`service-${coupe.id}`).check();
    await page.getByTestId(`service-${soin.id}`).check();
    await page.getByTestId('slots-date').fill('2027-03-03');
    await page.getByTestId('pday-2027-03-03').click();
    await page.getByTestId('pslot-2027-03-03T11:00').click();
    const total = page.getByTestId('booking-total');
    await total.waitFor();
    assert.match(await total.textContent(), /75 min · 80,00\s€/);
    await shot(page, 'frontdesk-portal-2-total');
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await page.context().close();
  }
});

test('the reschedule picker offers only slots the move accepts', async () => {
  const page = await newPage(browser, PHONE);
  try {
    await page.goto(`${server.base}/book`);
    await page.evaluate((tk) => localStorage.setItem('creneau.portalToken', tk), portalToken);
    await page.goto(`${server.base}/book/me`);
    await page.getByTestId(`reschedule-${appt.id}`).click();
    const dialog = page.getByTestId('reschedule-dialog');
    await dialog.getByTestId('slots-date').fill(DATE);
    await dialog.getByTestId(`pday-${DATE}`).click();
    await dialog.getByTestId(`pslot-${DATE}T10:00`).waitFor();
    const offered = await dialog.locator('[data-testid^="pslot-"]').evaluateAll((els) => els.map((e) => e.dataset.testid.slice(6)));
    // Alice is busy from 14:00 to 16:00: those starts are not offered (Bruno being free does not count).
    for (const t of ['14:00', '14:30', '15:00', '15:45']) assert.ok(!offered.includes(`${DATE}T${t}`), `${t} is not offered`);
    assert.ok(offered.includes(`${DATE}T13:30`) && offered.includes(`${DATE}T16:00`), 'around the busy time is offered');
    await shot(page, 'frontdesk-portal-3-reschedule');

    // Every offered start is one the server accepts for this appointment (moved there and back each time).
    for (const start of offered) {
      const r = await server.api('PATCH', `/api/portal/appointments/${appt.id}`, { start: `${start}:00+01:00` }, portalToken);
      assert.equal(hhmm(r.start), start.slice(11), start);
    }
    await server.api('PATCH', `/api/portal/appointments/${appt.id}`, { start: `${DATE}T10:00:00+01:00` }, portalToken);

    // And through the dialog: 16:00.
    await dialog.getByTestId(`pslot-${DATE}T16:00`).click();
    await dialog.getByTestId('reschedule-confirm').click();
    await page.getByTestId('my-notice').waitFor();
    await until(async () => hhmm((await server.api('GET', `/api/appointments/${appt.id}`, undefined, token)).start) === '16:00', 'moved to 16:00');
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await page.context().close();
  }
});
