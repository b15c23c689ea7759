-- Salon networks (issue 11), PostgreSQL twin of sqlite/006_networks.sql. Everything that existed becomes salon 1's.
-- The exclusion constraints on appointment_lines stay as they are: per staff member and per resource whatever
-- the salon, so nobody is double-booked across the salons of a network.
CREATE TABLE salons (
  id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, slug TEXT NOT NULL UNIQUE,
  address TEXT NOT NULL DEFAULT '', postal_code TEXT NOT NULL DEFAULT '', city TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '', timezone TEXT NOT NULL DEFAULT 'Europe/Paris',
  created_at BIGINT NOT NULL DEFAULT 0);
INSERT INTO salons (id, name, slug, timezone) VALUES (1, 'Mon salon', 'salon-1', 'Europe/Paris');
SELECT setval(pg_get_serial_sequence('salons', 'id'), 1);
UPDATE salons SET name = COALESCE((SELECT body::jsonb ->> 'name' FROM settings WHERE id = 1), name),
                  timezone = COALESCE((SELECT body::jsonb ->> 'timezone' FROM settings WHERE id = 1), timezone)
 WHERE id = 1;

-- Each salon's settings: settings.id is now the salon's id (it was 1, the only row).
ALTER TABLE settings DROP CONSTRAINT settings_id_check;
ALTER TABLE settings ADD CONSTRAINT settings_salon FOREIGN KEY (id) REFERENCES salons(id) ON DELETE CASCADE;

CREATE TABLE staff_salons (
  staff_id BIGINT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  salon_id BIGINT NOT NULL REFERENCES salons(id) ON DELETE CASCADE, PRIMARY KEY (staff_id, salon_id));
INSERT INTO staff_salons (staff_id, salon_id) SELECT id, 1 FROM staff;
CREATE INDEX staff_salons_salon ON staff_salons(salon_id);

ALTER TABLE staff_hours ADD COLUMN salon_id BIGINT NOT NULL DEFAULT 1 REFERENCES salons(id);
ALTER TABLE resources ADD COLUMN salon_id BIGINT NOT NULL DEFAULT 1 REFERENCES salons(id);
ALTER TABLE appointments ADD COLUMN salon_id BIGINT NOT NULL DEFAULT 1 REFERENCES salons(id);
ALTER TABLE freed_slots ADD COLUMN salon_id BIGINT NOT NULL DEFAULT 1 REFERENCES salons(id);
ALTER TABLE client_packages ADD COLUMN salon_id BIGINT NOT NULL DEFAULT 1 REFERENCES salons(id);
ALTER TABLE outbox ADD COLUMN salon_id BIGINT REFERENCES salons(id);
UPDATE outbox SET salon_id = 1 WHERE kind <> 'password_reset';
ALTER TABLE package_types ADD COLUMN scope TEXT NOT NULL DEFAULT 'network';
CREATE INDEX resources_salon ON resources(salon_id);
CREATE INDEX appointments_salon ON appointments(salon_id, start_at);
CREATE INDEX freed_slots_salon ON freed_slots(salon_id, start_at);

CREATE TABLE salon_services (
  salon_id BIGINT NOT NULL REFERENCES salons(id) ON DELETE CASCADE,
  service_id BIGINT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  offered BIGINT NOT NULL DEFAULT 1, price_cents BIGINT, duration_minutes BIGINT,
  PRIMARY KEY (salon_id, service_id));
