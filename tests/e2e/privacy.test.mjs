// Privacy (RGPD): a client downloads her data from the portal's account page on a phone-sized screen, then
// deletes her account; a receptionist (admin) exports a client file and erases it from the client file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { adminToken, launch, newPage, seedSalon, shot, staffLogin, startServer } from './helpers.mjs';

const PAST = '2026-03-02'; // a Monday that stays in the past
const FUTURE = '2090-03-06'; // a Monday that stays ahead
const PASSWORD = 'motdepasse-123';
let server, browser, token, salon;

before(async () => {
  server = await startServer('privacy');
  token = await adminToken(server);
  salon = await seedSalon(server, token, { services: [{ name: 'Coupe', duration_minutes: 30, price_cents: 2500 }] });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function clientWithHistory(first, email, phone, hour) {
  const c = await server.api('POST', '/api/clients', { first_name: first, last_name: 'Durand', email, phone, note: 'allergie' }, token);
  for (const [day, notes] of [[PAST, 'frange courte'], [FUTURE, '']])
    await server.api('POST', '/api/appointments', {
      client_id: c.id, start: `${day}T${hour}:00+01:00`, confirmation: 'silent', notes,
      lines: [{ service_id: salon.services[0].id, staff_id: salon.alice.id }],
    }, token);
  return c;
}

test('a client downloads her data, then deletes her account (390 px wide)', async () => {
  const c = await clientWithHistory('Camille', 'camille@example.com', '0622334455', '10:00');
  const reg = await server.api('POST', '/api/portal/register', {
    first_name: 'Camille', last_name: 'Durand', email: 'camille.portal@example.com', phone: '', password: PASSWORD,
  });
  await server.api('POST', `/api/link-queue/${reg.account.id}/link`, { client_id: c.id }, token);

  const page = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    await page.goto(`${server.base}/book/login`);
    await page.getByTestId('portal-identifier').fill('camille.portal@example.com');
    await page.getByTestId('portal-password').fill(PASSWORD);
    await page.getByTestId('portal-login-submit').click();
    await page.getByTestId('portal-me').click();
    await page.getByTestId('account-page').waitFor();
    await shot(page, 'privacy-1-portal-account');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-my-data').click()]);
    assert.match(download.suggestedFilename(), /\.json$/);
    const doc = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    assert.equal(doc.client.id, c.id);
    assert.equal(doc.client.note, 'allergie');
    assert.equal(doc.account.email, 'camille.portal@example.com');
    assert.equal(doc.appointments.length, 2);
    assert.ok(doc.appointments.some((a) => a.notes === 'frange courte'));
    assert.ok(!JSON.stringify(doc).includes('argon2'), 'no password hash');
    await page.getByTestId('account-notice').waitFor();
    // Nothing sticks out of a phone's width.
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `the page is ${wide}px wide`);

    await page.getByTestId('delete-account').click();
    await page.getByTestId('delete-dialog').waitFor();
    await page.getByTestId('delete-password').fill('not-my-password');
    await page.getByTestId('delete-confirm').click();
    await page.getByTestId('delete-error').waitFor();
    await page.getByTestId('delete-password').fill(PASSWORD);
    await shot(page, 'privacy-2-portal-delete');
    await page.getByTestId('delete-confirm').click();
    await page.getByTestId('account-deleted').waitFor();
    await page.getByTestId('portal-login-link').waitFor();
    await shot(page, 'privacy-3-portal-deleted');
    const file = await server.api('GET', `/api/clients/${c.id}`, undefined, token);
    assert.equal(file.erased, true);
    assert.equal(file.email, '');
  } catch (e) {
    await shot(page, 'privacy-failure-portal').catch(() => undefined);
    throw e;
  } finally {
    await page.context().close();
  }
});

test('an admin exports a client file, then erases it', async () => {
  const c = await clientWithHistory('Dominique', 'dominique@example.com', '0633445566', '11:00');
  const page = await newPage(browser);
  try {
    await staffLogin(page, server.base);
    await page.goto(`${server.base}/#/clients/${c.id}`);
    await page.getByTestId('client-privacy').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('client-export-data').click()]);
    const doc = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    assert.equal(doc.client.last_name, 'Durand');
    assert.equal(doc.appointments.length, 2);
    await page.locator('[data-testid="access-row"][data-action="export"]').waitFor();

    await page.getByTestId('client-marketing-opt-out').check();
    await page.locator('[data-testid="access-row"][data-action="update"]').first().waitFor();
    assert.equal((await server.api('GET', `/api/clients/${c.id}`, undefined, token)).marketing_opt_out, true);

    await page.getByTestId('client-erase').click();
    await page.getByTestId('erase-dialog').waitFor();
    assert.equal(await page.getByTestId('erase-confirm').isDisabled(), true);
    await page.getByTestId('erase-sure').check();
    await shot(page, 'privacy-4-erase-dialog');
    await page.getByTestId('erase-confirm').click();
    await page.getByTestId('client-erased').waitFor();
    await page.locator('[data-testid="access-row"][data-action="erase"]').waitFor();
    assert.match(await page.getByTestId('client-file-name').textContent(), new RegExp(`${c.id}`));
    await shot(page, 'privacy-5-erased-file');

    const file = await server.api('GET', `/api/clients/${c.id}`, undefined, token);
    assert.equal(file.erased, true);
    assert.equal(file.last_name, '');
    const found = await server.api('GET', '/api/clients?q=Dominique', undefined, token);
    assert.equal(found.total, 0);
    const future = (await server.api('GET', `/api/appointments?client_id=${c.id}&from=${FUTURE}&to=${FUTURE}`, undefined, token)).items;
    assert.equal(future[0].status, 'cancelled');
  } catch (e) {
    await shot(page, 'privacy-failure-staff').catch(() => undefined);
    throw e;
  } finally {
    await page.context().close();
  }
});
