// Arrival and payment from the agenda in two clicks (⋯ on the block, then the action), shown by colour and
// kept by the server; the form shows them too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { adminToken, gotoAgendaDate, launch, newPage, seedSalon, shot, staffLogin, startServer, until } from './helpers.mjs';

const DATE = '2027-03-01';
let server, browser, token, salon, appt;

before(async () => {
  server = await startServer('fd-status');
  token = await adminToken(server);
  salon = await seedSalon(server, token, { services: [{ name: 'Brushing', duration_minutes: 30, price_cents: 2800 }] });
  const client = await server.api('POST', '/api/clients', { first_name: 'Zoé', last_name: 'Fontaine', email: 'zoe.fontaine@example.com' }, token);
  appt = await server.api('POST', '/api/appointments', {
    client_id: client.id, start: `${DATE}T10:00:00+01:00`, confirmation: 'approve',
    lines: [{ service_id: salon.services[0].id, staff_id: salon.alice.id }],
  }, token);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const serverAppt = () => server.api('GET', `/api/appointments/${appt.id}`, undefined, token);

test('mark arrived, then paid by card, from the block; undo the payment', async () => {
  const page = await newPage(browser);
  try {
    await staffLogin(page, server.base);
    await gotoAgendaDate(page, DATE);
    const block = page.getByTestId(`appt-${appt.id}`);
    await block.waitFor();
    const bg0 = await block.evaluate((el) => getComputedStyle(el).backgroundColor);

    // Two clicks: ⋯, "client arrived".
    await page.getByTestId(`appt-menu-${appt.id}`).click();
    await page.getByTestId('quick-status').waitFor();
    await shot(page, 'frontdesk-status-1-menu');
    await page.getByTestId('quick-arrived').click();
    await page.getByTestId('quick-status').waitFor({ state: 'detached' });
    await until(async () => (await block.getAttribute('data-arrived')) === 'true', 'the block shows the arrival');
    await block.getByTestId('mark-arrived').waitFor();
    const bgArrived = await block.evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(bgArrived, bg0, 'arrival changes the colour');
    assert.equal((await serverAppt()).arrived, true);
    // Focus went back to the ⋯ button.
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), `appt-menu-${appt.id}`);

    // Two clicks: ⋯, "card".
    await page.getByTestId(`appt-menu-${appt.id}`).click();
    await page.getByTestId('quick-pay-card').click();
    await until(async () => (await block.getAttribute('data-paid')) === 'true', 'the block shows the payment');
    await block.getByTestId('mark-paid').waitFor();
    const bgPaid = await block.evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(bgPaid, bgArrived, 'payment changes the colour again');
    const paid = await serverAppt();
    assert.equal(paid.paid, true);
    assert.equal(paid.payment_method, 'card');
    await shot(page, 'frontdesk-status-2-paid');

    // It stays after a reload, and the form says it.
    await page.reload();
    await page.getByTestId(`appt-${appt.id}`).waitFor();
    assert.equal(await page.getByTestId(`appt-${appt.id}`).getAttribute('data-paid'), 'true');
    await page.getByTestId(`appt-${appt.id}`).click();
    await page.getByTestId('appt-paid-badge').waitFor();
    assert.match(await page.getByTestId('appt-paid-badge').textContent(), /Payé · Carte/);
    assert.match(await page.getByTestId('appt-arrived-badge').textContent(), /Arrivé/);
    await page.keyboard.press('Escape');

    // Undo the payment: the menu says how it was paid and offers to undo it.
    await page.getByTestId(`appt-menu-${appt.id}`).click();
    assert.match(await page.getByTestId('quick-paid-state').textContent(), /Carte/);
    await page.getByTestId('quick-unpaid').click();
    await until(async () => (await page.getByTestId(`appt-${appt.id}`).getAttribute('data-paid')) === 'false', 'unpaid');
    assert.equal((await serverAppt()).paid, false);
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await page.context().close();
  }
});
