// A receptionist records a staff member's absence from the agenda, sees it drawn (day and week views),
// finds that its time offers no booking and that a booking there is refused with the server's message on
// the field it names, then removes the absence and books the freed time. Also: a client form refused by
// the server marks the field it names.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { adminToken, gotoAgendaDate, hhmm, items, launch, newPage, seedSalon, shot, staffLogin, startServer, until } from './helpers.mjs';

const DATE = '2027-03-01'; // a Monday
let server, browser, token, salon, client;

before(async () => {
  server = await startServer('timeoff');
  token = await adminToken(server);
  salon = await seedSalon(server, token, { services: [{ name: 'Coupe femme', duration_minutes: 30, price_cents: 3500 }] });
  client = await server.api('POST', '/api/clients', { first_name: 'Marie', last_name: 'Dupont', email: 'marie.dupont@example.com' }, token);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const absences = async () => items(await server.api('GET', `/api/time_off?from=${DATE}&to=${DATE}`, undefined, token));
const dayAppointments = async () => items(await server.api('GET', `/api/appointments?from=${DATE}&to=${DATE}`, undefined, token));

/** The element on top at the centre of a locator's box (what a click there would reach). */
const topmostAt = (page, locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return top?.closest('[data-testid]')?.getAttribute('data-testid') ?? null;
  });

test('add an absence from the agenda, see it, booking there is refused, delete it', async () => {
  const page = await newPage(browser);
  try {
    const { alice, bob } = salon;
    const [coupe] = salon.services;
    await staffLogin(page, server.base);
    await gotoAgendaDate(page, DATE);

    // The toolbar's "+ Absence": the form checks the order of start and end before sending.
    await page.getByTestId('new-absence').click();
    const form = page.getByTestId('absence-form');
    await form.waitFor();
    await page.getByTestId('absence-staff').selectOption(String(alice.id));
    assert.equal(await page.getByTestId('absence-start-date').inputValue(), DATE);
    await page.getByTestId('absence-start-time').fill('12:00');
    await page.getByTestId('absence-end-time').fill('10:00');
    await page.getByTestId('absence-save').click();
    await page.getByTestId('absence-error').waitFor();
    assert.equal(await page.getByTestId('absence-end-date').getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await absences(), []);

    await page.getByTestId('absence-start-time').fill('10:00');
    await page.getByTestId('absence-end-time').fill('12:00');
    assert.equal(await page.getByTestId('absence-end-date').getAttribute('aria-invalid'), null);
    assert.equal(await page.getByTestId('absence-error').count(), 0);
    await page.getByTestId('absence-reason').fill('Formation couleur');
    await shot(page, 'timeoff-0-form');
    await page.getByTestId('absence-save').click();
    await form.waitFor({ state: 'detached' });

    const [off] = await until(async () => {
      const l = await absences();
      return l.length === 1 && l;
    }, 'the recorded absence');
    assert.equal(off.staff_id, alice.id);
    assert.equal(hhmm(off.start), '10:00');
    assert.equal(hhmm(off.end), '12:00');
    assert.equal(off.reason, 'Formation couleur');

    // Drawn in Alice's column with its reason, over her 10:00–12:00 slots.
    const block = page.getByTestId(`absence-${off.id}`);
    await block.waitFor();
    assert.match(await block.textContent(), /Formation couleur/);
    assert.match(await block.textContent(), /10:00–12:00/);
    const col = page.locator(`[data-col-key="s${alice.id}-${DATE}"]`);
    assert.equal(await col.getByTestId(`absence-${off.id}`).count(), 1);
    for (const time of ['10:00', '10:30', '11:45'])
      assert.equal(await topmostAt(page, page.getByTestId(`slot-${alice.id}-${DATE}-${time}`)), `absence-${off.id}`, time);
    assert.equal(await topmostAt(page, page.getByTestId(`slot-${alice.id}-${DATE}-12:00`)), `slot-${alice.id}-${DATE}-12:00`);
    assert.equal(await topmostAt(page, page.getByTestId(`slot-${bob.id}-${DATE}-10:30`)), `slot-${bob.id}-${DATE}-10:30`);
    await shot(page, 'timeoff-1-drawn');

    // Clicking in it offers no booking: it shows the absence (and keeping it changes nothing).
    await block.click();
    const dialog = page.getByTestId('absence-dialog');
    await dialog.waitFor();
    assert.equal(await page.getByTestId('appointment-form').count(), 0);
    assert.match(await page.getByTestId('absence-dialog-reason').textContent(), /Formation couleur/);
    assert.match(await page.getByTestId('absence-dialog-staff').textContent(), /Alice Martin/);
    await page.getByTestId('absence-keep').click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await absences()).length, 1);

    // A booking moved into it from the form is refused: the server's message, on Alice's line.
    await page.getByTestId(`slot-${alice.id}-${DATE}-09:00`).click();
    const apptForm = page.getByTestId('appointment-form');
    await apptForm.waitFor();
    await page.getByTestId('appt-time').fill('10:30');
    await page.getByTestId('line-0-service').selectOption(String(coupe.id));
    await page.getByTestId('client-search').fill('dupo');
    await page.getByTestId(`client-option-${client.id}`).click();
    await page.getByTestId('client-selected').waitFor();
    await page.getByTestId('appt-save').click();
    const err = page.getByTestId('appt-error');
    await err.waitFor();
    const message = (await err.textContent()).trim();
    assert.match(message, /pas libre/); // the server's message, in the UI's language (Accept-Language: fr)
    const staffSelect = page.getByTestId('line-0-staff');
    assert.equal(await staffSelect.getAttribute('aria-invalid'), 'true');
    const beside = page.getByTestId('line-0').locator('.field.invalid [data-testid="field-error"]');
    assert.equal((await beside.textContent()).trim(), message);
    assert.equal(await beside.getAttribute('id'), await staffSelect.getAttribute('aria-describedby'));
    assert.equal(await page.getByTestId('line-0-service').getAttribute('aria-invalid'), null);
    assert.deepEqual(await dayAppointments(), []);
    await shot(page, 'timeoff-2-refused-booking');
    // Changing the line clears the mark and the message.
    await staffSelect.selectOption(String(bob.id));
    assert.equal(await staffSelect.getAttribute('aria-invalid'), null);
    assert.equal(await err.count(), 0);
    await page.getByRole('button', { name: /Fermer|Close/ }).last().click();
    await apptForm.waitFor({ state: 'detached' });

    // The week view draws it too, in Alice's Monday column.
    await page.getByTestId('view-week').click();
    await page.locator(`[data-col-key="s${alice.id}-${DATE}"]`).getByTestId(`absence-${off.id}`).waitFor();
    await shot(page, 'timeoff-3-week');
    await page.getByTestId('view-day').click();

    // A column header offers an absence for that person and day (working hours by default).
    await page.getByTestId(`col-absence-${bob.id}-${DATE}`).click();
    await form.waitFor();
    assert.equal(await page.getByTestId('absence-staff').inputValue(), String(bob.id));
    assert.equal(await page.getByTestId('absence-start-time').inputValue(), '09:00');
    assert.equal(await page.getByTestId('absence-end-time').inputValue(), '19:00');
    await page.getByRole('button', { name: /Annuler|Cancel/ }).click();
    await form.waitFor({ state: 'detached' });

    // Remove it: click the block, confirm, it is gone here and on the server.
    await page.getByTestId(`absence-${off.id}`).click();
    await dialog.waitFor();
    await shot(page, 'timeoff-4-confirm-delete');
    await page.getByTestId('absence-delete').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId(`absence-${off.id}`).waitFor({ state: 'detached' });
    await until(async () => (await absences()).length === 0, 'the absence deleted');

    // The time is bookable again: the slot opens the form, the booking goes through.
    await page.getByTestId(`slot-${alice.id}-${DATE}-10:30`).click();
    await apptForm.waitFor();
    assert.equal(await page.getByTestId('appt-time').inputValue(), '10:30');
    assert.equal(await page.getByTestId('line-0-staff').inputValue(), String(alice.id));
    await page.getByTestId('line-0-service').selectOption(String(coupe.id));
    await page.getByTestId('client-search').fill('dupo');
    await page.getByTestId(`client-option-${client.id}`).click();
    await page.getByTestId('appt-save').click();
    await apptForm.waitFor({ state: 'detached' });
    const [appt] = await until(async () => {
      const l = await dayAppointments();
      return l.length === 1 && l;
    }, 'the booking in the freed time');
    assert.equal(hhmm(appt.start), '10:30');
    assert.equal(appt.lines[0].staff_id, alice.id);
    await page.getByTestId(`appt-${appt.id}`).waitFor();
    await shot(page, 'timeoff-5-deleted-and-booked');
    assert.deepEqual(page.consoleErrors, []);
  } catch (e) {
    await shot(page, 'timeoff-failure').catch(() => undefined);
    throw e;
  } finally {
    await page.context().close();
  }
});

test('a client form refused by the server marks the field it names', async () => {
  const page = await newPage(browser);
  try {
    await staffLogin(page, server.base);
    await page.getByTestId('nav-clients').click();
    await page.getByTestId('clients-new').click();
    const dialog = page.getByTestId('new-client-dialog');
    await dialog.waitFor();
    await page.getByTestId('client-first').fill('Paul');
    await page.getByTestId('client-last').fill('Sansdomaine');
    await page.getByTestId('client-email').fill('paul@localhost'); // the browser accepts it, the server does not
    await page.getByTestId('new-client-save').click();
    const err = dialog.locator('[role="alert"]');
    await err.waitFor();
    const email = page.getByTestId('client-email');
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    const beside = dialog.locator('.field.invalid [data-testid="field-error"]');
    assert.equal(await beside.count(), 1);
    assert.equal((await beside.textContent()).trim(), (await err.textContent()).trim());
    assert.equal(await page.getByTestId('client-first').getAttribute('aria-invalid'), null);
    await shot(page, 'timeoff-6-client-field-error');

    // Fixed and saved: the file opens.
    await email.fill('paul@example.com');
    await page.getByTestId('new-client-save').click();
    await page.getByTestId('client-file').waitFor();
    assert.deepEqual(page.consoleErrors, []);
  } catch (e) {
    await shot(page, 'timeoff-client-failure').catch(() => undefined);
    throw e;
  } finally {
    await page.context().close();
  }
});
