// The messages screen: on the appointment and on the client file, what was sent (kind, channel, status,
// time); a failed one is sent again. The mail server here refuses every connection, so delivery fails.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { adminToken, gotoAgendaDate, items, launch, newPage, seedSalon, shot, staffLogin, startServer, until } from './helpers.mjs';

const DATE = '2027-03-01';
let server, browser, token, salon, client, appt;

before(async () => {
  server = await startServer('fd-messages', { args: ['--smtp', 'smtp://127.0.0.1:9'] });
  token = await adminToken(server);
  salon = await seedSalon(server, token, { services: [{ name: 'Couleur', duration_minutes: 60, price_cents: 5500 }] });
  client = await server.api('POST', '/api/clients', { first_name: 'Jade', last_name: 'Bonnet', email: 'jade.bonnet@example.com' }, token);
  appt = await server.api('POST', '/api/appointments', {
    client_id: client.id, start: `${DATE}T10:00:00+01:00`, confirmation: 'approve',
    lines: [{ service_id: salon.services[0].id, staff_id: salon.alice.id }],
  }, token);
  // Delivery attempts until the confirmation gives up (each run a day later, past any back-off).
  const confirmation = async () => items(await server.api('GET', `/api/outbox?appointment_id=${appt.id}`, undefined, token)).find((m) => m.kind === 'confirmation');
  for (let day = 1; day <= 20 && (await confirmation())?.status !== 'failed'; day++)
    await server.api('POST', '/api/jobs/run', { now: `2026-12-${String(day + 10).padStart(2, '0')}T12:00:00Z` }, token);
  assert.equal((await confirmation())?.status, 'failed', 'the confirmation failed to go');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the appointment and the client file list the messages; a failed one is sent again', async () => {
  const page = await newPage(browser);
  try {
    await staffLogin(page, server.base);
    await gotoAgendaDate(page, DATE);
    await page.getByTestId(`appt-${appt.id}`).click();
    await page.getByTestId('appt-messages-toggle').click();
    const list = page.getByTestId('appt-messages');
    const [msg] = items(await server.api('GET', `/api/outbox?appointment_id=${appt.id}`, undefined, token)).filter((m) => m.kind === 'confirmation');
    const row = list.getByTestId(`message-${msg.id}`);
    await row.waitFor();
    const text = await row.textContent();
    assert.match(text, /Confirmation/);
    assert.match(text, /E-mail/);
    assert.match(text, /jade\.bonnet@example\.com/);
    assert.match(text, /Échec/);
    await shot(page, 'frontdesk-messages-1-appointment');

    // Send again: pending once more, on the server and on screen.
    await list.getByTestId(`message-resend-${msg.id}`).click();
    await until(async () => (await row.getAttribute('data-status')) === 'pending', 'shown pending again');
    const again = items(await server.api('GET', `/api/outbox?appointment_id=${appt.id}`, undefined, token)).find((m) => m.id === msg.id);
    assert.equal(again.status, 'pending');
    assert.equal(await list.getByTestId(`message-resend-${msg.id}`).count(), 0);
    await page.keyboard.press('Escape');

    // The client file lists the same message.
    await page.goto(`${server.base}/#/clients/${client.id}`);
    const onFile = page.getByTestId('client-messages').getByTestId(`message-${msg.id}`);
    await onFile.waitFor();
    assert.match(await onFile.textContent(), /En attente d'envoi/);
    await shot(page, 'frontdesk-messages-2-client-file');
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await page.context().close();
  }
});
