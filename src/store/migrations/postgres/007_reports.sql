-- Reports (issue 15). Kept identical on SQLite and PostgreSQL. The reports aggregate a range of appointments per salon
-- and day; three existing indexes get the columns those queries read, so they are answered from the indexes alone
-- (same leading columns: every query that used them still does), and the outbox gets one by appointment.
-- A salon's appointments of a range: their status, no-show flag, origin and client.
DROP INDEX appointments_salon;
CREATE INDEX appointments_salon ON appointments(salon_id, start_at, status, no_show, created_by_type, client_id, id);
-- "Is there an earlier visit of this client that is not cancelled?" (new clients).
DROP INDEX appointments_client;
CREATE INDEX appointments_client ON appointments(client_id, start_at, status, id);
-- The lines of those appointments: minutes, price, package, start.
DROP INDEX lines_appointment;
CREATE INDEX lines_appointment ON appointment_lines(appointment_id, price_cents, duration_minutes, package_id, start_at);
-- The waitlist figures find the messages of each offer by its appointment (GET /api/outbox?appointment_id= too).
CREATE INDEX outbox_appointment ON outbox(appointment_id, kind);
