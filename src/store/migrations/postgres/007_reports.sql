-- Reports (issue 15). Kept identical on SQLite and PostgreSQL.
-- The waitlist figures find the messages of each offer by its appointment (GET /api/outbox?appointment_id= too).
CREATE INDEX outbox_appointment ON outbox(appointment_id, kind);
