// Clients page: the CSV export dialog (delimiter and columns) downloads the file; multi-select delete.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { adminToken, launch, newPage, seedSalon, shot, staffLogin, startServer } from './helpers.mjs';

let server, browser, token;

before(async () => {
  server = await startServer('export');
  token = await adminToken(server);
  await seedSalon(server, token, { services: [{ name: 'Coupe', duration_minutes: 30, price_cents: 2000 }] });
  const mk = (c) => server.api('POST', '/api/clients', c, token);
  await mk({ first_name: 'Zoé', last_name: 'Abadie', email: 'zoe@example.com', phone: '0601020304', note: 'allergie; "henné"' });
  await mk({ first_name: 'Yann', last_name: 'Blanc', email: 'yann@example.com' });
  await mk({ first_name: 'Xavier', last_name: 'Colin', email: 'xavier@example.com' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

function parseCsv(text, d) {
  // RFC 4180: quoted fields may hold the delimiter, quotes ("") and line breaks.
  const rows = [];
  let row = [], field = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') q = false;
      else field += ch;
    } else if (ch === '"') q = true;
    else if (ch === d) { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

test('export clients as CSV with a chosen delimiter and columns', async () => {
  const page = await newPage(browser);
  try {
    await staffLogin(page, server.base);
    await page.getByTestId('nav-clients').click();
    await page.getByTestId('clients-table').waitFor();
    await page.getByText('Abadie Zoé').waitFor();
    assert.match(await page.getByTestId('clients-total').textContent(), /3/);

    await page.getByTestId('clients-export').click();
    await page.getByTestId('export-dialog').waitFor();
    await page.getByTestId('export-delimiter').selectOption(';');
    await page.getByTestId('export-col-last_appointment').uncheck();
    await page.getByTestId('export-col-phone').uncheck();
    await page.getByTestId('export-col-note').check();
    await shot(page, 'export-1-dialog');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    const file = await download.path();
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const rows = parseCsv(text, ';').filter((r) => r.length > 1 || r[0]);
    assert.deepEqual(rows[0], ['first_name', 'last_name', 'email', 'note']);
    assert.equal(rows.length, 4);
    const zoe = rows.find((r) => r[1] === 'Abadie');
    assert.deepEqual(zoe, ['Zoé', 'Abadie', 'zoe@example.com', 'allergie; "henné"']);
    assert.match(download.suggestedFilename(), /\.csv$/);
  } catch (e) {
    await shot(page, 'export-failure').catch(() => undefined);
    throw e;
  } finally {
    await page.context().close();
  }
});

test('select two clients and delete them after confirming', async () => {
  const page = await newPage(browser);
  try {
    await staffLogin(page, server.base);
    await page.getByTestId('nav-clients').click();
    await page.getByText('Blanc Yann').waitFor();
    const list = (await server.api('GET', '/api/clients?sort=name', undefined, token)).items;
    const [, yann, xavier] = list;
    await page.getByTestId('clients-search').fill('');
    await page.getByTestId(`client-select-${yann.id}`).check();
    await page.getByTestId(`client-select-${xavier.id}`).check();
    await page.getByTestId('clients-bulk-delete').click();
    await page.getByTestId('bulk-delete-dialog').waitFor();
    await shot(page, 'export-2-bulk-delete');
    await page.getByTestId('bulk-delete-confirm').click();
    await page.getByTestId('notice').waitFor();
    const after = await server.api('GET', '/api/clients', undefined, token);
    assert.equal(after.total, 1);
    assert.equal(after.items[0].last_name, 'Abadie');
    await page.getByTestId(`client-row-${yann.id}`).waitFor({ state: 'detached' });
    assert.match(await page.getByTestId('clients-total').textContent(), /1/);
  } finally {
    await page.context().close();
  }
});
