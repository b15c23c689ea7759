-- Issue 15: the whole network's month in well under 50 ms. Two figures used to be computed per appointment at
-- read time: "is this the client's first visit?" (one probe of appointments_client per appointment) and the
-- lines' minutes and price (a join of every line). They are now kept up to date by the database itself, on every
-- write path at once (booking, move, cancellation, merge, erasure, deletion, bulk loads, the copy tool):
--   clients.first_visit_id / _at / _salon_id: the client's earliest-starting appointment that is not cancelled
--     (ties by id) across the network, its start and its salon; NULL when there is none;
--   appointments.lines_minutes / lines_price_cents: the sums of the appointment's lines.
-- Triggers recompute them from the rows (a few index reads each), never by increments, so they cannot drift.
-- Same columns, indexes and rules as the SQLite migration.
ALTER TABLE clients ADD COLUMN first_visit_id BIGINT;
ALTER TABLE clients ADD COLUMN first_visit_at BIGINT;
ALTER TABLE clients ADD COLUMN first_visit_salon_id BIGINT;
ALTER TABLE appointments ADD COLUMN lines_minutes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE appointments ADD COLUMN lines_price_cents BIGINT NOT NULL DEFAULT 0;

UPDATE appointments a SET lines_minutes = t.minutes, lines_price_cents = t.price
  FROM (SELECT appointment_id, SUM(duration_minutes) AS minutes, SUM(price_cents) AS price
        FROM appointment_lines GROUP BY appointment_id) t
  WHERE t.appointment_id = a.id;
UPDATE clients c SET first_visit_id = f.id, first_visit_at = f.start_at, first_visit_salon_id = f.salon_id
  FROM (SELECT DISTINCT ON (client_id) client_id, id, start_at, salon_id FROM appointments WHERE status <> 'cancelled'
        ORDER BY client_id, start_at, id) f
  WHERE f.client_id = c.id;

-- New clients of a range at some salons: a range of this index alone.
CREATE INDEX clients_first_visit ON clients(first_visit_at, first_visit_salon_id);
-- A salon's appointments of a range, with everything the reports count (the client no longer: see above).
DROP INDEX appointments_salon;
CREATE INDEX appointments_salon ON appointments(salon_id, start_at, status, no_show, created_by_type, lines_minutes,
                                                lines_price_cents, id);

CREATE FUNCTION refresh_lines_totals(appointment BIGINT) RETURNS void LANGUAGE sql AS $$
  UPDATE appointments SET (lines_minutes, lines_price_cents) = (
    SELECT COALESCE(SUM(duration_minutes), 0), COALESCE(SUM(price_cents), 0) FROM appointment_lines
    WHERE appointment_id = appointment)
  WHERE id = appointment;
$$;
CREATE FUNCTION lines_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM refresh_lines_totals(OLD.appointment_id); END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.appointment_id <> OLD.appointment_id) THEN
    PERFORM refresh_lines_totals(NEW.appointment_id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER lines_totals AFTER INSERT OR DELETE OR UPDATE OF appointment_id, duration_minutes, price_cents
  ON appointment_lines FOR EACH ROW EXECUTE FUNCTION lines_totals();

CREATE FUNCTION refresh_first_visit(client BIGINT) RETURNS void LANGUAGE sql AS $$
  UPDATE clients SET (first_visit_id, first_visit_at, first_visit_salon_id) = (
    SELECT a.id, a.start_at, a.salon_id FROM appointments a WHERE a.client_id = client AND a.status <> 'cancelled'
    ORDER BY a.start_at, a.id LIMIT 1)
  WHERE id = client;
$$;
CREATE FUNCTION first_visit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM refresh_first_visit(OLD.client_id); END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.client_id <> OLD.client_id) THEN
    PERFORM refresh_first_visit(NEW.client_id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER first_visit_insert AFTER INSERT ON appointments FOR EACH ROW
  WHEN (NEW.status <> 'cancelled') EXECUTE FUNCTION first_visit();
CREATE TRIGGER first_visit_delete AFTER DELETE ON appointments FOR EACH ROW EXECUTE FUNCTION first_visit();
-- Only what changes the answer: the client, the start, the salon, or whether the appointment is cancelled.
CREATE TRIGGER first_visit_update AFTER UPDATE OF client_id, start_at, status, salon_id ON appointments FOR EACH ROW
  WHEN (OLD.client_id <> NEW.client_id OR OLD.start_at <> NEW.start_at OR OLD.salon_id <> NEW.salon_id
        OR (OLD.status = 'cancelled') <> (NEW.status = 'cancelled'))
  EXECUTE FUNCTION first_visit();
