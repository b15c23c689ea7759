// A client registers on the portal (phone-sized screen), books for a child member, then cancels.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { adminToken, hhmm, items, launch, newPage, seedSalon, shot, startServer, until } from './helpers.mjs';

const DATE = '2027-03-02'; // a Tuesday
let server, browser, token, salon, parent, child;

before(async () => {
  server = await startServer('portal');
  token = await adminToken(server);
  salon = await seedSalon(server, token, {
    services: [
      { name: 'Coupe enfant', audience: 'child', duration_minutes: 30, price_cents: 1800 },
      { name: 'Brushing', audience: 'adult', duration_minutes: 45, price_cents: 3000 },
    ],
  });
  // The salon already knows the family: a parent file and a child file linked as members.
  parent = await server.api('POST', '/api/clients', { first_name: 'Sophie', last_name: 'Bernard', email: 'sophie.bernard@example.com', phone: '0611223344' }, token);
  child = await server.api('POST', '/api/clients', { first_name: 'Léo', last_name: 'Bernard', email: 'leo.bernard@example.com', birth_date: '2018-05-04' }, token);
  await server.api('POST', `/api/clients/${parent.id}/members`, { member_id: child.id, relation: 'child' }, token);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a client registers, books for her child, then cancels', async () => {
  const page = await newPage(browser, { viewport: { width: 390, height: 844 } });
  try {
    await page.goto(`${server.base}/book`);
    await page.getByTestId('booking').waitFor();
    await page.getByTestId('portal-register-link').click();
    await page.getByTestId('reg-first').fill('Sophie');
    await page.getByTestId('reg-last').fill('Bernard');
    await page.getByTestId('reg-email').fill('sophie.bernard@example.com');
    await page.getByTestId('reg-phone').fill('06 11 22 33 44');
    await page.getByTestId('reg-password').fill('motdepasse-123');
    await shot(page, 'portal-1-register');
    await page.getByTestId('reg-submit').click();
    await page.getByTestId('portal-me').waitFor();

    // The receptionist links the new account to the family's file (unless the server already did).
    const portalToken = await page.evaluate(() => localStorage.getItem('creneau.portalToken'));
    assert.ok(portalToken, 'the portal token is stored');
    const me = await server.api('GET', '/api/portal/me', undefined, portalToken);
    const account = me.account ?? me;
    if (!me.client) await server.api('POST', `/api/link-queue/${account.id}/link`, { client_id: parent.id }, token);
    await page.reload();

    // For whom: the child member; the audience follows; the child service; anyone; a slot on DATE.
    await page.getByTestId(`who-${child.id}`).check();
    assert.equal(await page.getByTestId('audience').inputValue(), 'child');
    const [coupeEnfant] = salon.services;
    await page.getByTestId(`service-${coupeEnfant.id}`).check();
    await page.getByTestId('staff-choice').selectOption('');
    await page.getByTestId('slots-date').fill(DATE);
    await page.getByTestId(`pday-${DATE}`).click();
    await page.getByTestId(`pslot-${DATE}T10:00`).click();
    await page.getByTestId('notify-earlier').check();
    await page.getByTestId('client-request').fill('Pas trop court, merci');
    await shot(page, 'portal-2-summary');
    await page.getByTestId('book-submit').click();
    await page.getByTestId('booking-done').waitFor();

    const appts = items(await server.api('GET', `/api/appointments?from=${DATE}&to=${DATE}`, undefined, token));
    assert.equal(appts.length, 1);
    const appt = appts[0];
    assert.equal(appt.client_id, child.id, 'booked for the child member');
    assert.equal(hhmm(appt.start), '10:00');
    assert.equal(appt.notify_earlier_slot, true);
    assert.equal(appt.client_request, 'Pas trop court, merci');
    assert.equal(appt.created_by?.type, 'client');

    // My appointments: listed, then cancelled.
    await page.getByTestId('go-my-appointments').click();
    const row = page.getByTestId(`my-appt-${appt.id}`);
    await row.waitFor();
    assert.match(await row.textContent(), /Coupe enfant/);
    assert.match(await row.textContent(), /Léo Bernard/);
    await shot(page, 'portal-3-my-appointments');

    // Reschedule to 11:30 the same day, then cancel.
    await page.getByTestId(`reschedule-${appt.id}`).click();
    await page.getByTestId('reschedule-dialog').getByTestId('slots-date').fill(DATE);
    await page.getByTestId(`pday-${DATE}`).click();
    await page.getByTestId(`pslot-${DATE}T11:30`).click();
    await page.getByTestId('reschedule-confirm').click();
    await page.getByTestId('my-notice').waitFor();
    await until(async () => hhmm((await server.api('GET', `/api/appointments/${appt.id}`, undefined, token)).start) === '11:30', 'moved to 11:30');
    await page.getByTestId(`cancel-${appt.id}`).click();
    await page.getByTestId('cancel-confirm').click();
    await page.getByTestId('cancel-dialog').waitFor({ state: 'detached' });
    await until(async () => (await server.api('GET', `/api/appointments/${appt.id}`, undefined, token)).status === 'cancelled', 'status cancelled');
    await until(async () => (await page.getByTestId(`my-appt-${appt.id}`).getAttribute('data-status')) === 'cancelled', 'shown cancelled');
    await page.getByTestId('toggle-past').click().catch(() => undefined);
    await shot(page, 'portal-4-cancelled');
    assert.deepEqual(page.consoleErrors, []);
  } catch (e) {
    await shot(page, 'portal-failure').catch(() => undefined);
    throw e;
  } finally {
    await page.context().close();
  }
});

test('login with the other identifier shows the server message as written', async () => {
  const page = await newPage(browser, { viewport: { width: 390, height: 844 } });
  try {
    await page.goto(`${server.base}/book/login`);
    await page.getByTestId('portal-identifier').fill('nobody@example.com');
    await page.getByTestId('portal-password').fill('whatever-123');
    await page.getByTestId('portal-login-submit').click();
    const err = page.getByTestId('portal-login-error');
    await err.waitFor();
    let message = '';
    try {
      await server.api('POST', '/api/portal/login', { identifier: 'nobody@example.com', password: 'whatever-123' });
    } catch (e) {
      message = e.data?.error?.message;
    }
    assert.ok(message);
    assert.equal((await err.textContent()).trim(), message);
  } finally {
    await page.context().close();
  }
});

test('forgot password: the link from the message sets a new password', async () => {
  const page = await newPage(browser, { viewport: { width: 390, height: 844 } });
  try {
    await page.goto(`${server.base}/book/login`);
    await page.getByTestId('portal-forgot-link').click();
    await page.getByTestId('forgot-identifier').fill('sophie.bernard@example.com');
    await page.getByTestId('forgot-submit').click();
    await page.getByTestId('forgot-sent').waitFor();
    const msg = await until(async () => items(await server.api('GET', '/api/outbox?kind=password_reset', undefined, token))[0], 'password_reset');
    const link = /https?:\/\/[^\s]+\/book\/reset[^\s]*/.exec(msg.body)?.[0];
    assert.ok(link, `reset link in: ${msg.body}`);
    await page.goto(server.base + new URL(link).pathname + new URL(link).search);
    await page.getByTestId('reset-password').fill('nouveau-mot-de-passe');
    await page.getByTestId('reset-submit').click();
    await page.getByTestId('reset-done').waitFor();
    const r = await server.api('POST', '/api/portal/login', { identifier: '06 11 22 33 44', password: 'nouveau-mot-de-passe' });
    assert.ok(r.token);
    await shot(page, 'portal-5-reset');
  } finally {
    await page.context().close();
  }
});
