-- Salon networks (issue 11): one database serves a network of salons. Everything that existed becomes salon 1's.
-- Salon-scoped rows carry salon_id (DEFAULT 1, so a single-salon deployment's writes land in salon 1); the
-- catalogue (services, package types), client files and accounts stay network-wide.
CREATE TABLE salons (
  id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, slug TEXT NOT NULL UNIQUE,
  address TEXT NOT NULL DEFAULT '', postal_code TEXT NOT NULL DEFAULT '', city TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '', timezone TEXT NOT NULL DEFAULT 'Europe/Paris',
  created_at INTEGER NOT NULL DEFAULT 0);
INSERT INTO salons (id, name, slug, timezone) VALUES (1, 'Mon salon', 'salon-1', 'Europe/Paris');
UPDATE salons SET name = COALESCE((SELECT json_extract(body, '$.name') FROM settings WHERE id = 1), name),
                  timezone = COALESCE((SELECT json_extract(body, '$.timezone') FROM settings WHERE id = 1), timezone)
 WHERE id = 1;

-- Each salon's settings (the JSON object of GET /api/settings): settings.id is now the salon's id (it was 1, the
-- only row); the salon's name and time zone live in `salons`. SQLite drops the CHECK (id = 1) by a rebuild.
CREATE TABLE settings_by_salon (id INTEGER PRIMARY KEY REFERENCES salons(id) ON DELETE CASCADE, body TEXT NOT NULL);
INSERT INTO settings_by_salon (id, body) SELECT id, body FROM settings;
DROP TABLE settings;
ALTER TABLE settings_by_salon RENAME TO settings;

CREATE TABLE staff_salons (
  staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  salon_id INTEGER NOT NULL REFERENCES salons(id) ON DELETE CASCADE, PRIMARY KEY (staff_id, salon_id));
INSERT INTO staff_salons (staff_id, salon_id) SELECT id, 1 FROM staff;
CREATE INDEX staff_salons_salon ON staff_salons(salon_id);

-- SQLite cannot add a column with both REFERENCES and a non-NULL default: the salons these name are checked
-- by the use cases (PostgreSQL's twin declares the foreign keys).
ALTER TABLE staff_hours ADD COLUMN salon_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE resources ADD COLUMN salon_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE appointments ADD COLUMN salon_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE freed_slots ADD COLUMN salon_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE client_packages ADD COLUMN salon_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE outbox ADD COLUMN salon_id INTEGER;
UPDATE outbox SET salon_id = 1 WHERE kind <> 'password_reset';
ALTER TABLE package_types ADD COLUMN scope TEXT NOT NULL DEFAULT 'network';
CREATE INDEX resources_salon ON resources(salon_id);
CREATE INDEX appointments_salon ON appointments(salon_id, start_at);
CREATE INDEX freed_slots_salon ON freed_slots(salon_id, start_at);

-- A salon's departures from the network's catalogue; NULL = the network's value.
CREATE TABLE salon_services (
  salon_id INTEGER NOT NULL REFERENCES salons(id) ON DELETE CASCADE,
  service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  offered INTEGER NOT NULL DEFAULT 1, price_cents INTEGER, duration_minutes INTEGER,
  PRIMARY KEY (salon_id, service_id));
