// Manual waitlist: the receptionist cancels an appointment from the agenda, opens the freed slots panel,
// ticks the waiting client and notifies; the client opens the offer link and accepts the earlier slot.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { adminToken, gotoAgendaDate, hhmm, items, launch, newPage, seedSalon, shot, staffLogin, startServer, until } from './helpers.mjs';

const DATE = '2027-03-03'; // a Wednesday
let server, browser, token, salon, early, waiting, other;

before(async () => {
  server = await startServer('waitlist');
  token = await adminToken(server);
  salon = await seedSalon(server, token, {
    services: [{ name: 'Coupe homme', duration_minutes: 30, price_cents: 2500 }],
    waitlist: { mode: 'manual', max_notified: 0, channels: ['email'], message: 'Un créneau plus tôt est libre.' },
  });
  const [coupe] = salon.services;
  const mkClient = (first, last) =>
    server.api('POST', '/api/clients', { first_name: first, last_name: last, email: `${first.toLowerCase()}@example.com` }, token);
  const ana = await mkClient('Ana', 'Lopez');
  const bea = await mkClient('Béatrice', 'Roux');
  const carl = await mkClient('Carl', 'Nguyen');
  const book = (client, time, notify) =>
    server.api('POST', '/api/appointments', {
      client_id: client.id, start: `${DATE}T${time}:00+01:00`, lines: [{ service_id: coupe.id, staff_id: salon.alice.id }],
      confirmation: 'silent', notify_earlier_slot: notify,
    }, token);
  early = await book(ana, '10:00', false);
  waiting = await book(bea, '15:00', true);
  other = await book(carl, '16:00', false);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('cancel, notify a waiting client from the freed slots panel, accept the offer', async () => {
  const page = await newPage(browser);
  try {
    await staffLogin(page, server.base);
    await gotoAgendaDate(page, DATE);
    const block = page.getByTestId(`appt-${waiting.id}`);
    await block.getByTestId('mark-earlier').waitFor();

    // Cancel the 10:00 appointment from its form (the reason prompt is answered).
    page.once('dialog', (d) => d.accept('Client malade'));
    await page.getByTestId(`appt-${early.id}`).click();
    await page.getByTestId('appt-cancel').click();
    await page.getByTestId('appointment-form').waitFor({ state: 'detached' });
    await until(async () => (await server.api('GET', `/api/appointments/${early.id}`, undefined, token)).status === 'cancelled', 'cancelled');
    await page.getByTestId(`appt-${early.id}`).waitFor({ state: 'detached' });

    // The freed slots panel lists Béatrice (notify_earlier_slot) and not Carl.
    await page.getByTestId('nav-freed').click();
    const cand = page.getByTestId(`candidate-${waiting.id}`);
    await cand.waitFor();
    assert.match(await cand.textContent(), /Béatrice Roux/);
    assert.equal(await page.getByTestId(`candidate-${other.id}`).count(), 0);
    await page.getByTestId(`candidate-check-${waiting.id}`).check();
    await shot(page, 'waitlist-1-freed-slots');
    const slots = items(await server.api('GET', '/api/freed-slots', undefined, token));
    const slot = slots.find((s) => (s.candidates ?? []).some((c) => c.appointment_id === waiting.id));
    await page.getByTestId(`freed-notify-${slot.id}`).click();
    await page.getByTestId('freed-notice').waitFor();
    await cand.getByTestId('candidate-notified').waitFor();

    // One waitlist_offer for Béatrice, carrying the offer link.
    const offer = await until(async () => {
      const msgs = items(await server.api('GET', '/api/outbox?kind=waitlist_offer', undefined, token));
      return msgs.find((m) => m.appointment_id === waiting.id);
    }, 'the waitlist_offer message');
    const m = /\/book\/offers\/([A-Za-z0-9_\-%.~]+)/.exec(offer.body);
    assert.ok(m, `offer link in: ${offer.body}`);

    // The client opens the link (no login) and accepts: her appointment moves to 10:00.
    const client = await newPage(browser, { viewport: { width: 390, height: 844 } });
    try {
      await client.goto(`${server.base}/book/offers/${m[1]}`);
      await client.getByTestId('offer-slot').waitFor();
      assert.match(await client.getByTestId('offer-slot').textContent(), /10:00/);
      await shot(client, 'waitlist-2-offer');
      await client.getByTestId('offer-accept').click();
      await client.getByTestId('offer-accepted').waitFor();
      await shot(client, 'waitlist-3-accepted');
    } finally {
      await client.context().close();
    }
    const moved = await server.api('GET', `/api/appointments/${waiting.id}`, undefined, token);
    assert.equal(hhmm(moved.start), '10:00');
    assert.deepEqual(page.consoleErrors, []);
  } catch (e) {
    await shot(page, 'waitlist-failure').catch(() => undefined);
    throw e;
  } finally {
    await page.context().close();
  }
});
