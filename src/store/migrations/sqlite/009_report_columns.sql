-- Issue 15: the whole network's month in well under 50 ms. Two figures used to be computed per appointment at
-- read time: "is this the client's first visit?" (one probe of appointments_client per appointment) and the
-- lines' minutes and price (a join of every line). They are now kept up to date by the database itself, on every
-- write path at once (booking, move, cancellation, merge, erasure, deletion, bulk loads, the copy tool):
--   clients.first_visit_id / _at / _salon_id: the client's earliest-starting appointment that is not cancelled
--     (ties by id) across the network, its start and its salon; NULL when there is none;
--   appointments.lines_minutes / lines_price_cents: the sums of the appointment's lines.
-- Triggers recompute them from the rows (a few index reads each), never by increments, so they cannot drift.
ALTER TABLE clients ADD COLUMN first_visit_id INTEGER;
ALTER TABLE clients ADD COLUMN first_visit_at INTEGER;
ALTER TABLE clients ADD COLUMN first_visit_salon_id INTEGER;
ALTER TABLE appointments ADD COLUMN lines_minutes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE appointments ADD COLUMN lines_price_cents INTEGER NOT NULL DEFAULT 0;

UPDATE appointments SET
  lines_minutes = COALESCE((SELECT SUM(l.duration_minutes) FROM appointment_lines l WHERE l.appointment_id = appointments.id), 0),
  lines_price_cents = COALESCE((SELECT SUM(l.price_cents) FROM appointment_lines l WHERE l.appointment_id = appointments.id), 0);
UPDATE clients SET (first_visit_id, first_visit_at, first_visit_salon_id) = (
  SELECT a.id, a.start_at, a.salon_id FROM appointments a WHERE a.client_id = clients.id AND a.status <> 'cancelled'
  ORDER BY a.start_at, a.id LIMIT 1);

-- New clients of a range at some salons: a range of this index alone.
CREATE INDEX clients_first_visit ON clients(first_visit_at, first_visit_salon_id);
-- A salon's appointments of a range, with everything the reports count (the client no longer: see above).
DROP INDEX appointments_salon;
CREATE INDEX appointments_salon ON appointments(salon_id, start_at, status, no_show, created_by_type, lines_minutes,
                                                lines_price_cents, id);

CREATE TRIGGER lines_totals_insert AFTER INSERT ON appointment_lines BEGIN
  UPDATE appointments SET
    lines_minutes = (SELECT COALESCE(SUM(duration_minutes), 0) FROM appointment_lines WHERE appointment_id = NEW.appointment_id),
    lines_price_cents = (SELECT COALESCE(SUM(price_cents), 0) FROM appointment_lines WHERE appointment_id = NEW.appointment_id)
  WHERE id = NEW.appointment_id;
END;
CREATE TRIGGER lines_totals_delete AFTER DELETE ON appointment_lines BEGIN
  UPDATE appointments SET
    lines_minutes = (SELECT COALESCE(SUM(duration_minutes), 0) FROM appointment_lines WHERE appointment_id = OLD.appointment_id),
    lines_price_cents = (SELECT COALESCE(SUM(price_cents), 0) FROM appointment_lines WHERE appointment_id = OLD.appointment_id)
  WHERE id = OLD.appointment_id;
END;
CREATE TRIGGER lines_totals_update AFTER UPDATE OF appointment_id, duration_minutes, price_cents ON appointment_lines BEGIN
  UPDATE appointments SET
    lines_minutes = (SELECT COALESCE(SUM(duration_minutes), 0) FROM appointment_lines WHERE appointment_id = appointments.id),
    lines_price_cents = (SELECT COALESCE(SUM(price_cents), 0) FROM appointment_lines WHERE appointment_id = appointments.id)
  WHERE id IN (OLD.appointment_id, NEW.appointment_id);
END;

CREATE TRIGGER first_visit_insert AFTER INSERT ON appointments WHEN NEW.status <> 'cancelled' BEGIN
  UPDATE clients SET (first_visit_id, first_visit_at, first_visit_salon_id) = (
    SELECT a.id, a.start_at, a.salon_id FROM appointments a WHERE a.client_id = clients.id AND a.status <> 'cancelled'
    ORDER BY a.start_at, a.id LIMIT 1)
  WHERE id = NEW.client_id;
END;
CREATE TRIGGER first_visit_delete AFTER DELETE ON appointments BEGIN
  UPDATE clients SET (first_visit_id, first_visit_at, first_visit_salon_id) = (
    SELECT a.id, a.start_at, a.salon_id FROM appointments a WHERE a.client_id = clients.id AND a.status <> 'cancelled'
    ORDER BY a.start_at, a.id LIMIT 1)
  WHERE id = OLD.client_id;
END;
-- Only what changes the answer: the client, the start, the salon, or whether the appointment is cancelled.
CREATE TRIGGER first_visit_update AFTER UPDATE OF client_id, start_at, status, salon_id ON appointments
WHEN OLD.client_id <> NEW.client_id OR OLD.start_at <> NEW.start_at OR OLD.salon_id <> NEW.salon_id
  OR (OLD.status = 'cancelled') <> (NEW.status = 'cancelled') BEGIN
  UPDATE clients SET (first_visit_id, first_visit_at, first_visit_salon_id) = (
    SELECT a.id, a.start_at, a.salon_id FROM appointments a WHERE a.client_id = clients.id AND a.status <> 'cancelled'
    ORDER BY a.start_at, a.id LIMIT 1)
  WHERE id IN (OLD.client_id, NEW.client_id);
END;
