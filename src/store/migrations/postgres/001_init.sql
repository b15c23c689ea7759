-- Creneau schema v1 (PostgreSQL). Kept column for column with sqlite/001_init.sql: instants are BIGINT seconds
-- since the epoch (UTC), booleans BIGINT 0/1, local dates TEXT 'YYYY-MM-DD'. Every integer is BIGINT so the
-- driver reads it back as a 64-bit integer, like SQLite's INTEGER.
-- On top of SQLite's schema: exclusion constraints make double booking impossible in the database itself.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE settings (id BIGINT PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL);

CREATE TABLE staff (
  id BIGSERIAL PRIMARY KEY,
  first_name TEXT NOT NULL, last_name TEXT NOT NULL DEFAULT '', email TEXT NOT NULL UNIQUE,
  phone TEXT NOT NULL DEFAULT '', role TEXT NOT NULL DEFAULT 'employee', password_hash TEXT NOT NULL DEFAULT '',
  active BIGINT NOT NULL DEFAULT 1, created_at BIGINT NOT NULL);
CREATE TABLE staff_hours (
  staff_id BIGINT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  weekday BIGINT NOT NULL, start_minute BIGINT NOT NULL, end_minute BIGINT NOT NULL);
CREATE INDEX staff_hours_staff ON staff_hours(staff_id);
CREATE TABLE staff_time_off (
  id BIGSERIAL PRIMARY KEY, staff_id BIGINT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  start_at BIGINT NOT NULL, end_at BIGINT NOT NULL, reason TEXT NOT NULL DEFAULT '');
CREATE INDEX staff_time_off_staff ON staff_time_off(staff_id, start_at);

CREATE TABLE resources (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, active BIGINT NOT NULL DEFAULT 1);

CREATE TABLE services (
  id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, category TEXT NOT NULL DEFAULT '',
  audience TEXT NOT NULL DEFAULT 'all', duration_minutes BIGINT NOT NULL, price_cents BIGINT NOT NULL DEFAULT 0,
  capacity BIGINT NOT NULL DEFAULT 1, package_only BIGINT NOT NULL DEFAULT 0, discovery BIGINT NOT NULL DEFAULT 0,
  questionnaire TEXT NOT NULL DEFAULT '[]', active BIGINT NOT NULL DEFAULT 1);
CREATE TABLE service_resources (
  service_id BIGINT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  resource_id BIGINT NOT NULL REFERENCES resources(id) ON DELETE CASCADE, PRIMARY KEY (service_id, resource_id));
CREATE TABLE staff_services (
  staff_id BIGINT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  service_id BIGINT NOT NULL REFERENCES services(id) ON DELETE CASCADE, PRIMARY KEY (staff_id, service_id));

CREATE TABLE clients (
  id BIGSERIAL PRIMARY KEY, first_name TEXT NOT NULL, last_name TEXT NOT NULL, email TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '', gender TEXT NOT NULL DEFAULT '', birth_date TEXT, note TEXT NOT NULL DEFAULT '',
  search_key TEXT NOT NULL DEFAULT '', sort_key TEXT COLLATE "C" NOT NULL DEFAULT '',
  last_birthday_year BIGINT NOT NULL DEFAULT 0, created_at BIGINT NOT NULL);
-- sort_key orders the client list: byte order ("C"), as SQLite's BINARY, whatever the database's locale.
CREATE INDEX clients_sort ON clients(sort_key);
CREATE TABLE client_members (
  client_id BIGINT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  member_id BIGINT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  relation TEXT NOT NULL DEFAULT '', PRIMARY KEY (client_id, member_id));

CREATE TABLE accounts (
  id BIGSERIAL PRIMARY KEY, email TEXT UNIQUE, phone TEXT UNIQUE, password_hash TEXT NOT NULL,
  first_name TEXT NOT NULL DEFAULT '', last_name TEXT NOT NULL DEFAULT '',
  client_id BIGINT REFERENCES clients(id) ON DELETE SET NULL, created_at BIGINT NOT NULL);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY, kind TEXT NOT NULL, subject_id BIGINT NOT NULL, expires_at BIGINT NOT NULL);
CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY, account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  expires_at BIGINT NOT NULL, used BIGINT NOT NULL DEFAULT 0);

CREATE TABLE package_types (
  id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, sessions BIGINT NOT NULL,
  audience TEXT NOT NULL DEFAULT 'all', validity_days BIGINT NOT NULL DEFAULT 0);
CREATE TABLE package_type_services (
  package_type_id BIGINT NOT NULL REFERENCES package_types(id) ON DELETE CASCADE,
  service_id BIGINT NOT NULL REFERENCES services(id) ON DELETE CASCADE, PRIMARY KEY (package_type_id, service_id));
CREATE TABLE client_packages (
  id BIGSERIAL PRIMARY KEY, client_id BIGINT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  package_type_id BIGINT NOT NULL REFERENCES package_types(id), start_date TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE INDEX client_packages_client ON client_packages(client_id);

CREATE TABLE appointments (
  id BIGSERIAL PRIMARY KEY, client_id BIGINT NOT NULL REFERENCES clients(id),
  account_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  status TEXT NOT NULL, start_at BIGINT NOT NULL, end_at BIGINT NOT NULL,
  requested_staff BIGINT NOT NULL DEFAULT 0, client_request TEXT NOT NULL DEFAULT '',
  quick_note TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '', confirmation TEXT NOT NULL DEFAULT 'approve',
  payment_method TEXT NOT NULL DEFAULT '', amount_requested_cents BIGINT NOT NULL DEFAULT 0,
  notify_earlier_slot BIGINT NOT NULL DEFAULT 0, no_show BIGINT NOT NULL DEFAULT 0, is_group BIGINT NOT NULL DEFAULT 0,
  rule_slot_step BIGINT NOT NULL, rule_min_notice BIGINT NOT NULL, rule_max_advance BIGINT NOT NULL,
  rule_cancel_notice BIGINT NOT NULL, cancel_reason TEXT NOT NULL DEFAULT '', confirm_token TEXT,
  reminder_for BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL, created_by_type TEXT NOT NULL, created_by_id BIGINT NOT NULL DEFAULT 0,
  created_by_name TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL, updated_by_type TEXT NOT NULL, updated_by_id BIGINT NOT NULL DEFAULT 0,
  updated_by_name TEXT NOT NULL DEFAULT '');
CREATE INDEX appointments_start ON appointments(start_at);
CREATE INDEX appointments_client ON appointments(client_id, start_at);
CREATE INDEX appointments_account ON appointments(account_id);

-- One row per service of a visit. `active` mirrors the appointment (0 once cancelled) so that the exclusion
-- constraints below can enforce "no double booking" on this table alone. Group lines (group_capacity > 1)
-- share a slot up to the capacity: the application checks those under the writers' advisory lock.
CREATE TABLE appointment_lines (
  id BIGSERIAL PRIMARY KEY,
  appointment_id BIGINT NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
  position BIGINT NOT NULL, service_id BIGINT NOT NULL REFERENCES services(id),
  staff_id BIGINT NOT NULL REFERENCES staff(id), resource_id BIGINT REFERENCES resources(id),
  start_at BIGINT NOT NULL, end_at BIGINT NOT NULL, duration_minutes BIGINT NOT NULL,
  price_cents BIGINT NOT NULL DEFAULT 0, answers TEXT NOT NULL DEFAULT '{}',
  package_id BIGINT REFERENCES client_packages(id) ON DELETE SET NULL,
  group_capacity BIGINT NOT NULL DEFAULT 1, active BIGINT NOT NULL DEFAULT 1,
  CONSTRAINT lines_no_staff_overlap EXCLUDE USING gist (staff_id WITH =, int8range(start_at, end_at) WITH &&)
    WHERE (active = 1 AND group_capacity = 1),
  CONSTRAINT lines_no_resource_overlap EXCLUDE USING gist (resource_id WITH =, int8range(start_at, end_at) WITH &&)
    WHERE (active = 1 AND group_capacity = 1 AND resource_id IS NOT NULL));
CREATE INDEX lines_staff ON appointment_lines(staff_id, start_at);
CREATE INDEX lines_resource ON appointment_lines(resource_id, start_at);
CREATE INDEX lines_appointment ON appointment_lines(appointment_id);
CREATE INDEX lines_package ON appointment_lines(package_id);
CREATE INDEX lines_start ON appointment_lines(start_at);

CREATE TABLE outbox (
  id BIGSERIAL PRIMARY KEY, kind TEXT NOT NULL, channel TEXT NOT NULL, recipient TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '', body TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending',
  attempts BIGINT NOT NULL DEFAULT 0, next_attempt_at BIGINT NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '',
  appointment_id BIGINT, client_id BIGINT, created_at BIGINT NOT NULL, sent_at BIGINT,
  idempotency_key TEXT NOT NULL, attachment TEXT NOT NULL DEFAULT '');
CREATE INDEX outbox_pending ON outbox(status, next_attempt_at);

CREATE TABLE freed_slots (
  id BIGSERIAL PRIMARY KEY, staff_id BIGINT NOT NULL, start_at BIGINT NOT NULL, end_at BIGINT NOT NULL,
  source_appointment_id BIGINT, created_at BIGINT NOT NULL);
CREATE TABLE waitlist_offers (
  token_hash TEXT PRIMARY KEY, freed_slot_id BIGINT NOT NULL REFERENCES freed_slots(id) ON DELETE CASCADE,
  appointment_id BIGINT NOT NULL, status TEXT NOT NULL DEFAULT 'open', created_at BIGINT NOT NULL);
CREATE INDEX offers_slot ON waitlist_offers(freed_slot_id);
