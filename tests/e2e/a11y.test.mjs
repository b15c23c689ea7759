// Accessibility of every page: axe-core finds no serious or critical violation on the back office screens
// (agenda day and week, dialogs, clients, client file, freed slots, settings) and the portal pages (booking,
// log-in, my appointments, reschedule). Then the keyboard: the agenda's empty slots are one tab stop moved
// with the arrow keys, dialogs keep and give back focus, the client picker takes arrow keys and Enter.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { adminToken, axeViolations, gotoAgendaDate, launch, newPage, seedSalon, staffLogin, startServer } from './helpers.mjs';

const DATE = '2027-03-01'; // a Monday
let server, browser, token, salon, client, appt;
const PORTAL = { email: 'lea.roux@example.com', password: 'motdepasse-123' };

before(async () => {
  server = await startServer('a11y');
  token = await adminToken(server);
  salon = await seedSalon(server, token, {
    services: [
      { name: 'Coupe femme', category: 'Coiffure', duration_minutes: 30, price_cents: 3500 },
      { name: 'Couleur', category: 'Coiffure', duration_minutes: 60, price_cents: 5500 },
      { name: 'Soin visage', category: 'Esthétique', duration_minutes: 45, price_cents: 4500 },
    ],
  });
  client = await server.api('POST', '/api/clients', { first_name: 'Léa', last_name: 'Roux', email: PORTAL.email, phone: '0610021936' }, token);
  appt = await server.api('POST', '/api/appointments', {
    client_id: client.id, start: `${DATE}T10:00:00+01:00`, confirmation: 'approve',
    lines: [{ service_id: salon.services[0].id, staff_id: salon.alice.id }],
  }, token);
  await server.api('POST', '/api/appointments', {
    client_id: client.id, start: `${DATE}T14:00:00+01:00`, confirmation: 'request',
    lines: [{ service_id: salon.services[1].id, staff_id: salon.bob.id }],
  }, token);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('no serious or critical axe violation on the back office', async () => {
  const page = await newPage(browser);
  const found = [];
  const check = async (what) => found.push(...(await axeViolations(page, what)));
  try {
    await page.goto(`${server.base}/`);
    await page.getByTestId('staff-login').waitFor();
    await check('login');
    await staffLogin(page, server.base);
    await gotoAgendaDate(page, DATE);
    await page.getByTestId(`appt-${appt.id}`).waitFor();
    await check('agenda day');
    await page.getByTestId(`appt-menu-${appt.id}`).click();
    await page.getByTestId('quick-status').waitFor();
    await check('quick status');
    await page.keyboard.press('Escape');
    await page.getByTestId(`appt-${appt.id}`).click();
    await page.getByTestId('appointment-form').waitFor();
    await page.getByTestId('appt-messages-toggle').click();
    await check('appointment form');
    await page.keyboard.press('Escape');
    await page.getByTestId('view-week').click();
    await page.getByTestId(`dayhead-${DATE}`).waitFor();
    await check('agenda week');
    await page.getByTestId('agenda-staff').selectOption(String(salon.alice.id));
    await check('agenda week of one person');
    await page.getByTestId('next-free').click();
    await page.getByTestId(`nfs-service-${salon.services[0].id}`).check();
    await check('next free slot');
    await page.keyboard.press('Escape');
    await page.getByTestId('new-absence').click();
    await check('absence form');
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-clients').click();
    await page.getByTestId(`client-row-${client.id}`).waitFor();
    await check('clients');
    await page.getByTestId(`client-select-${client.id}`).check();
    await page.getByTestId('clients-bulk-delete').click();
    await page.getByTestId('delete-cancelled-count').waitFor();
    await check('bulk delete dialog');
    await page.keyboard.press('Escape');
    await page.getByTestId(`client-link-${client.id}`).click();
    await page.getByTestId('client-file').waitFor();
    await page.getByTestId('client-messages').waitFor();
    await check('client file');
    await page.getByTestId('nav-freed').click();
    await page.waitForTimeout(300);
    await check('freed slots');
    await page.getByTestId('nav-settings').click();
    await page.waitForTimeout(300);
    await check('settings');
    for (const tab of ['staff', 'services', 'resources', 'package_types']) {
      await page.getByTestId(`settings-tab-${tab}`).click();
      await page.waitForTimeout(300);
      await check(`settings ${tab}`);
    }
    assert.deepEqual(found, []);
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await page.context().close();
  }
});

test('no serious or critical axe violation on the portal (phone)', async () => {
  const page = await newPage(browser, { viewport: { width: 390, height: 844 } });
  const found = [];
  const check = async (what) => found.push(...(await axeViolations(page, what)));
  try {
    await page.goto(`${server.base}/book`);
    await page.getByTestId('booking').waitFor();
    await page.getByTestId(`service-${salon.services[0].id}`).check();
    await page.getByTestId('slots-date').fill(DATE);
    await page.getByTestId(`pday-${DATE}`).click();
    await page.getByTestId(`pslot-${DATE}T11:00`).click();
    await page.getByTestId('booking-summary').waitFor();
    await check('portal booking');
    await page.getByTestId('portal-register-link').click();
    await page.waitForTimeout(300);
    await check('portal register');
    await page.getByTestId('portal-login-link').click();
    await page.waitForTimeout(300);
    await check('portal login');
    // The pages reached from a message's link (here with a token that is not valid: their error state).
    for (const p of ['offers', 'confirm']) {
      await page.goto(`${server.base}/book/${p}/not-a-token`);
      await page.waitForTimeout(500);
      await check(`portal ${p} page`);
    }
    // An account linked to Léa's file: her appointments and the reschedule dialog.
    const reg = await server.api('POST', '/api/portal/register', { first_name: 'Léa', last_name: 'Roux', email: PORTAL.email, phone: '', password: PORTAL.password });
    const me = await server.api('GET', '/api/portal/me', undefined, reg.token);
    if (!me.client) await server.api('POST', `/api/link-queue/${(me.account ?? me).id}/link`, { client_id: client.id }, token);
    await page.evaluate((tk) => localStorage.setItem('creneau.portalToken', tk), reg.token);
    await page.goto(`${server.base}/book/me`);
    await page.getByTestId(`my-appt-${appt.id}`).waitFor();
    await check('my appointments');
    await page.getByTestId(`reschedule-${appt.id}`).click();
    await page.getByTestId('reschedule-dialog').getByTestId('slot-grid').waitFor();
    await check('reschedule');
    assert.deepEqual(found, []);
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await page.context().close();
  }
});

test('keyboard: one tab stop for the slots, arrow keys, dialogs keep and give back focus, client picker', async () => {
  const page = await newPage(browser);
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
  try {
    await staffLogin(page, server.base);
    await gotoAgendaDate(page, DATE);
    const { alice, bob } = salon;
    // One slot of the grid is in the tab order, the others are reached with the arrow keys.
    assert.equal(await page.locator('[role=grid] [role=gridcell][tabindex="0"]').count(), 1);
    await page.getByTestId(`slot-${alice.id}-${DATE}-09:00`).focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), `slot-${alice.id}-${DATE}-09:15`);
    await page.keyboard.press('ArrowRight');
    assert.equal(await focused(), `slot-${bob.id}-${DATE}-09:15`);
    await page.keyboard.press('PageDown');
    assert.equal(await focused(), `slot-${bob.id}-${DATE}-10:15`);
    assert.equal(await page.locator('[role=grid] [role=gridcell][tabindex="0"]').count(), 1);
    assert.equal(await page.getByTestId(`slot-${bob.id}-${DATE}-10:15`).getAttribute('tabindex'), '0');
    // Tab leaves the grid in one press (the next thing is not another slot).
    await page.keyboard.press('Tab');
    assert.ok(!(await focused() ?? '').startsWith('slot-'), 'Tab leaves the grid');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), `slot-${bob.id}-${DATE}-10:15`);

    // Enter opens the form there; Tab stays inside the dialog; Escape gives focus back to the slot.
    await page.keyboard.press('Enter');
    const form = page.getByTestId('appointment-form');
    await form.waitFor();
    assert.equal(await page.getByTestId('appt-time').inputValue(), '10:15');
    assert.equal(await focused(), 'client-search');
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      assert.ok(await page.evaluate(() => !!document.activeElement?.closest('[role=dialog]')), `focus stays in the dialog (Tab ${i + 1})`);
    }
    await page.getByTestId('client-search').focus();
    await page.keyboard.press('Shift+Tab');
    assert.ok(await page.evaluate(() => !!document.activeElement?.closest('[role=dialog]')), 'Shift+Tab stays in the dialog');

    // The client picker: type, arrow down to the option, Enter picks it.
    await page.getByTestId('client-search').fill('roux');
    await page.getByTestId(`client-option-${client.id}`).waitFor();
    const input = page.getByTestId('client-search');
    assert.equal(await input.getAttribute('role'), 'combobox');
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    assert.equal(await input.getAttribute('aria-activedescendant'), await page.getByTestId(`client-option-${client.id}`).getAttribute('id'));
    await page.keyboard.press('ArrowDown');
    assert.equal(await input.getAttribute('aria-activedescendant'), await page.getByTestId('client-create').getAttribute('id'));
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.getByTestId('client-selected').waitFor();
    assert.match(await page.getByTestId('client-selected').textContent(), /Léa Roux/);
    assert.match(await page.getByTestId('client-selected').textContent(), /06 10 02 19 36/);

    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    assert.equal(await focused(), `slot-${bob.id}-${DATE}-10:15`, 'focus is back on the slot');
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await page.context().close();
  }
});
