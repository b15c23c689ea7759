-- Creneau schema v1 (SQLite). Instants are INTEGER seconds since the epoch (UTC); booleans 0/1;
-- local dates TEXT 'YYYY-MM-DD'. Kept column for column with postgres/001_init.sql.
CREATE TABLE settings (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL);

CREATE TABLE staff (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  first_name TEXT NOT NULL, last_name TEXT NOT NULL DEFAULT '', email TEXT NOT NULL UNIQUE,
  phone TEXT NOT NULL DEFAULT '', role TEXT NOT NULL DEFAULT 'employee', password_hash TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1, created_at INTEGER NOT NULL);
CREATE TABLE staff_hours (
  staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  weekday INTEGER NOT NULL, start_minute INTEGER NOT NULL, end_minute INTEGER NOT NULL);
CREATE INDEX staff_hours_staff ON staff_hours(staff_id);
CREATE TABLE staff_time_off (
  id INTEGER PRIMARY KEY AUTOINCREMENT, staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  start_at INTEGER NOT NULL, end_at INTEGER NOT NULL, reason TEXT NOT NULL DEFAULT '');
CREATE INDEX staff_time_off_staff ON staff_time_off(staff_id, start_at);

CREATE TABLE resources (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1);

CREATE TABLE services (
  id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, category TEXT NOT NULL DEFAULT '',
  audience TEXT NOT NULL DEFAULT 'all', duration_minutes INTEGER NOT NULL, price_cents INTEGER NOT NULL DEFAULT 0,
  capacity INTEGER NOT NULL DEFAULT 1, package_only INTEGER NOT NULL DEFAULT 0, discovery INTEGER NOT NULL DEFAULT 0,
  questionnaire TEXT NOT NULL DEFAULT '[]', active INTEGER NOT NULL DEFAULT 1);
CREATE TABLE service_resources (
  service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  resource_id INTEGER NOT NULL REFERENCES resources(id) ON DELETE CASCADE, PRIMARY KEY (service_id, resource_id));
CREATE TABLE staff_services (
  staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE, PRIMARY KEY (staff_id, service_id));

CREATE TABLE clients (
  id INTEGER PRIMARY KEY AUTOINCREMENT, first_name TEXT NOT NULL, last_name TEXT NOT NULL, email TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '', gender TEXT NOT NULL DEFAULT '', birth_date TEXT, note TEXT NOT NULL DEFAULT '',
  search_key TEXT NOT NULL DEFAULT '', sort_key TEXT NOT NULL DEFAULT '', last_birthday_year INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL);
CREATE INDEX clients_sort ON clients(sort_key);
CREATE TABLE client_members (
  client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  member_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  relation TEXT NOT NULL DEFAULT '', PRIMARY KEY (client_id, member_id));

CREATE TABLE accounts (
  id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT UNIQUE, phone TEXT UNIQUE, password_hash TEXT NOT NULL,
  first_name TEXT NOT NULL DEFAULT '', last_name TEXT NOT NULL DEFAULT '',
  client_id INTEGER REFERENCES clients(id) ON DELETE SET NULL, created_at INTEGER NOT NULL);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY, kind TEXT NOT NULL, subject_id INTEGER NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL, used INTEGER NOT NULL DEFAULT 0);

CREATE TABLE package_types (
  id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, sessions INTEGER NOT NULL,
  audience TEXT NOT NULL DEFAULT 'all', validity_days INTEGER NOT NULL DEFAULT 0);
CREATE TABLE package_type_services (
  package_type_id INTEGER NOT NULL REFERENCES package_types(id) ON DELETE CASCADE,
  service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE, PRIMARY KEY (package_type_id, service_id));
CREATE TABLE client_packages (
  id INTEGER PRIMARY KEY AUTOINCREMENT, client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  package_type_id INTEGER NOT NULL REFERENCES package_types(id), start_date TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE INDEX client_packages_client ON client_packages(client_id);

CREATE TABLE appointments (
  id INTEGER PRIMARY KEY AUTOINCREMENT, client_id INTEGER NOT NULL REFERENCES clients(id),
  account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  status TEXT NOT NULL, start_at INTEGER NOT NULL, end_at INTEGER NOT NULL,
  requested_staff INTEGER NOT NULL DEFAULT 0, client_request TEXT NOT NULL DEFAULT '',
  quick_note TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '', confirmation TEXT NOT NULL DEFAULT 'approve',
  payment_method TEXT NOT NULL DEFAULT '', amount_requested_cents INTEGER NOT NULL DEFAULT 0,
  notify_earlier_slot INTEGER NOT NULL DEFAULT 0, no_show INTEGER NOT NULL DEFAULT 0, is_group INTEGER NOT NULL DEFAULT 0,
  rule_slot_step INTEGER NOT NULL, rule_min_notice INTEGER NOT NULL, rule_max_advance INTEGER NOT NULL,
  rule_cancel_notice INTEGER NOT NULL, cancel_reason TEXT NOT NULL DEFAULT '', confirm_token TEXT,
  reminder_for INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL, created_by_type TEXT NOT NULL, created_by_id INTEGER NOT NULL DEFAULT 0,
  created_by_name TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL, updated_by_type TEXT NOT NULL, updated_by_id INTEGER NOT NULL DEFAULT 0,
  updated_by_name TEXT NOT NULL DEFAULT '');
CREATE INDEX appointments_start ON appointments(start_at);
CREATE INDEX appointments_client ON appointments(client_id, start_at);
CREATE INDEX appointments_account ON appointments(account_id);

-- One row per service of a visit. `active` mirrors the appointment (0 once cancelled) so that PostgreSQL can
-- enforce "no double booking" with an exclusion constraint on this table alone.
CREATE TABLE appointment_lines (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  appointment_id INTEGER NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
  position INTEGER NOT NULL, service_id INTEGER NOT NULL REFERENCES services(id),
  staff_id INTEGER NOT NULL REFERENCES staff(id), resource_id INTEGER REFERENCES resources(id),
  start_at INTEGER NOT NULL, end_at INTEGER NOT NULL, duration_minutes INTEGER NOT NULL,
  price_cents INTEGER NOT NULL DEFAULT 0, answers TEXT NOT NULL DEFAULT '{}',
  package_id INTEGER REFERENCES client_packages(id) ON DELETE SET NULL,
  group_capacity INTEGER NOT NULL DEFAULT 1, active INTEGER NOT NULL DEFAULT 1);
CREATE INDEX lines_staff ON appointment_lines(staff_id, start_at);
CREATE INDEX lines_resource ON appointment_lines(resource_id, start_at);
CREATE INDEX lines_appointment ON appointment_lines(appointment_id);
CREATE INDEX lines_package ON appointment_lines(package_id);
CREATE INDEX lines_start ON appointment_lines(start_at);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, channel TEXT NOT NULL, recipient TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '', body TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '',
  appointment_id INTEGER, client_id INTEGER, created_at INTEGER NOT NULL, sent_at INTEGER,
  idempotency_key TEXT NOT NULL, attachment TEXT NOT NULL DEFAULT '');
CREATE INDEX outbox_pending ON outbox(status, next_attempt_at);

CREATE TABLE freed_slots (
  id INTEGER PRIMARY KEY AUTOINCREMENT, staff_id INTEGER NOT NULL, start_at INTEGER NOT NULL, end_at INTEGER NOT NULL,
  source_appointment_id INTEGER, created_at INTEGER NOT NULL);
CREATE TABLE waitlist_offers (
  token_hash TEXT PRIMARY KEY, freed_slot_id INTEGER NOT NULL REFERENCES freed_slots(id) ON DELETE CASCADE,
  appointment_id INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'open', created_at INTEGER NOT NULL);
CREATE INDEX offers_slot ON waitlist_offers(freed_slot_id);
