// A receptionist books a 2-service appointment from the agenda, moves it by drag (and sees a refused move
// snap back with the server's message); a past visit is marked as a no-show (a future one cannot be).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { adminToken, gotoAgendaDate, hhmm, items, launch, newPage, seedSalon, shot, staffLogin, startServer, until } from './helpers.mjs';

const DATE = '2027-03-01'; // a Monday
let server, browser, token, salon, client;

before(async () => {
  server = await startServer('booking');
  token = await adminToken(server);
  salon = await seedSalon(server, token, {
    services: [
      { name: 'Coupe femme', duration_minutes: 30, price_cents: 3500 },
      { name: 'Couleur', duration_minutes: 60, price_cents: 5500 },
    ],
  });
  client = await server.api('POST', '/api/clients', { first_name: 'Marie', last_name: 'Dupont', email: 'marie.dupont@example.com', phone: '0612345678' }, token);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const dayAppointments = async () =>
  items(await server.api('GET', `/api/appointments?from=${DATE}&to=${DATE}`, undefined, token));

/** Drags an element so that its top edge lands on the top of `target` (plus a little). */
async function dragTo(page, source, target) {
  const s = await source.boundingBox();
  const t = await target.boundingBox();
  const grabX = s.x + s.width / 2;
  const grabY = s.y + 6;
  await page.mouse.move(grabX, grabY);
  await page.mouse.down();
  await page.mouse.move(grabX + 10, grabY + 10, { steps: 3 });
  await page.mouse.move(t.x + t.width / 2, t.y + 7, { steps: 12 });
  await page.mouse.up();
}

test('book 2 services from the agenda, drag to move, mark a no-show', async () => {
  const page = await newPage(browser);
  try {
    await staffLogin(page, server.base);
    await gotoAgendaDate(page, DATE);
    const { alice, bob } = salon;
    const [coupe, couleur] = salon.services;

    // Click Alice's open 10:00 slot: the form opens with her, the date and the time.
    await page.getByTestId(`slot-${alice.id}-${DATE}-10:00`).click();
    const form = page.getByTestId('appointment-form');
    await form.waitFor();
    assert.equal(await page.getByTestId('appt-date').inputValue(), DATE);
    assert.equal(await page.getByTestId('appt-time').inputValue(), '10:00');
    assert.equal(await page.getByTestId('line-0-staff').inputValue(), String(alice.id));

    await page.getByTestId('line-0-service').selectOption(String(coupe.id));
    await page.getByTestId('add-line').click();
    await page.getByTestId('line-1-service').selectOption(String(couleur.id));
    assert.equal(await page.getByTestId('appt-total').textContent(), '90 min');

    await page.getByTestId('client-search').fill('dupo');
    await page.getByTestId(`client-option-${client.id}`).click();
    await page.getByTestId('client-selected').waitFor();
    await page.getByTestId('appt-notes').fill('Première visite');
    await page.getByTestId('appt-save').click();
    await form.waitFor({ state: 'detached' });

    const [appt] = await until(async () => {
      const l = await dayAppointments();
      return l.length === 1 && l;
    }, 'the booked appointment');
    assert.equal(appt.client_id, client.id);
    assert.equal(appt.lines.length, 2);
    assert.deepEqual(appt.lines.map((l) => l.service_id), [coupe.id, couleur.id]);
    assert.equal(hhmm(appt.start), '10:00');
    assert.equal(appt.status, 'approved');

    const block = page.getByTestId(`appt-${appt.id}`);
    await block.waitFor();
    // The client's name arrives with the client files, just after the appointment itself.
    await until(async () => /Marie Dupont/.test(await block.textContent()), 'the client name on the new block');
    assert.match(await block.textContent(), /Marie Dupont/);
    assert.match(await block.textContent(), /Coupe femme, Couleur/);
    await shot(page, 'booking-1-booked');

    // Drag it to Bruno at 14:00: the server accepts, the block is redrawn there.
    await dragTo(page, block, page.getByTestId(`slot-${bob.id}-${DATE}-14:00`));
    const moved = await until(async () => {
      const [a] = await dayAppointments();
      return hhmm(a.start) === '14:00' && a.lines.every((l) => l.staff_id === bob.id) && a;
    }, 'the move to Bruno at 14:00');
    assert.equal(hhmm(moved.end), '15:30');
    await until(async () => (await page.getByTestId(`appt-${appt.id}`).getAttribute('data-start'))?.slice(11, 16) === '14:00', 'the block at 14:00');

    // A move onto a taken slot is refused by the server: the block snaps back, its message is shown.
    const other = await server.api('POST', '/api/clients', { first_name: 'Jean', last_name: 'Occupé', email: 'jean@example.com' }, token);
    await server.api('POST', '/api/appointments', {
      client_id: other.id, start: `${DATE}T16:00:00+01:00`, lines: [{ service_id: coupe.id, staff_id: bob.id }], confirmation: 'silent',
    }, token);
    await page.getByTestId('agenda-next').click();
    await page.getByTestId('agenda-prev').click();
    const block2 = page.getByTestId(`appt-${appt.id}`);
    await page.getByTestId(`appt-${appt.id}`).waitFor();
    await dragTo(page, block2, page.getByTestId(`slot-${bob.id}-${DATE}-15:45`));
    const err = page.getByTestId('agenda-error');
    await err.waitFor();
    assert.ok((await err.textContent()).length > 0);
    const [still] = (await dayAppointments()).filter((a) => a.id === appt.id);
    assert.equal(hhmm(still.start), '14:00');
    assert.equal(await block2.evaluate((el) => el.style.transform), '');
    await shot(page, 'booking-2-refused-move');

    // A visit that has not started offers no no-show button (the server refuses it too).
    await block2.click();
    await page.getByTestId('appt-status').waitFor();
    assert.match(await page.getByTestId('appt-audit').textContent(), /Admin|admin/);
    assert.equal(await page.getByTestId('appt-noshow').count(), 0);
    await page.keyboard.press('Escape');

    // A past visit (a fixed date long gone) is marked as a no-show.
    const PAST = '2025-03-03'; // a Monday
    const past = await server.api('POST', '/api/appointments', {
      client_id: client.id, start: `${PAST}T10:00:00+01:00`, lines: [{ service_id: coupe.id, staff_id: alice.id }], confirmation: 'silent',
    }, token);
    await gotoAgendaDate(page, PAST);
    await page.getByTestId(`appt-${past.id}`).click();
    await page.getByTestId('appt-noshow').click();
    await page.getByTestId('appointment-form').waitFor({ state: 'detached' });
    await until(async () => (await server.api('GET', `/api/appointments/${past.id}`, undefined, token)).no_show === true, 'no_show true');
    await page.getByTestId(`appt-${past.id}`).getByTestId('mark-noshow').waitFor();
    await shot(page, 'booking-3-no-show');
    assert.deepEqual(page.consoleErrors, []);
  } catch (e) {
    await shot(page, 'booking-failure').catch(() => undefined);
    throw e;
  } finally {
    await page.context().close();
  }
});
