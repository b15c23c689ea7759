// Shared set-up of the salon-network browser tests: a network of salons built through the HTTP API, and a
// check that the server has the network routes these tests drive (else the tests skip, saying which).

export const HOURS = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '09:00', end: '19:00' }));
export const RULES = { slot_step_minutes: 15, min_notice_minutes: 0, max_advance_days: 3650, cancel_notice_minutes: 0 };

/**
 * The network routes missing from this server, as "METHOD path" strings (empty when all answer).
 * A route that exists answers anything but the router's "no such route" to these probes.
 */
export async function missingRoutes(server, token, routes) {
  const missing = [];
  for (const [method, path, body] of routes) {
    const headers = { Accept: 'application/json', Authorization: `Bearer ${token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const r = await fetch(server.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    // The router's own 404 says "no such route"; a route's 404 names a missing record instead.
    const noRoute = (r.status === 404 || r.status === 405) && /route/i.test(text);
    if (noRoute) missing.push(`${method} ${path.split('?')[0]}`);
  }
  return missing;
}

/** Creates a salon (POST /api/salons) and gives it the test's opening hours and booking rules. */
export async function addSalon(server, token, salon, hours = HOURS) {
  const s = await server.api('POST', '/api/salons', { address: '', postal_code: '', city: '', phone: '', email: '', timezone: 'Europe/Paris', ...salon }, token);
  await server.api('PATCH', `/api/settings?salon_id=${s.id}`, { opening_hours: hours, preferred_staff_selection: true, booking: RULES }, token);
  return s;
}

/** Salon 1 (every database has it): named, given a slug and an address, and the test's rules. */
export async function shapeFirstSalon(server, token, salon, hours = HOURS) {
  const s = await server.api('PATCH', '/api/salons/1', salon, token);
  await server.api('PATCH', '/api/settings?salon_id=1', { opening_hours: hours, preferred_staff_selection: true, booking: RULES }, token);
  return s;
}

export function addService(server, token, s) {
  return server.api('POST', '/api/services', {
    category: '', audience: 'all', resource_ids: [], capacity: 1, package_only: false, discovery: false, questionnaire: [], ...s,
  }, token);
}

/** A staff member working at `salons` ({salon_id: hours rows}), doing `serviceIds`. */
export function addStaff(server, token, { first, last, email, role = 'employee', serviceIds = [], salons }) {
  const salon_ids = Object.keys(salons).map(Number);
  const hours = Object.entries(salons).flatMap(([id, rows]) => rows.map((h) => ({ ...h, salon_id: Number(id) })));
  return server.api('POST', '/api/staff', {
    first_name: first, last_name: last, email, phone: '', role, password: 'staff-pass-123', service_ids: serviceIds, salon_ids, hours,
  }, token);
}

/** Logs a staff member into the back office through the form. */
export async function loginAs(page, base, email, password) {
  await page.goto(`${base}/`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-agenda').waitFor();
}
