-- Waitlist and delivery (issue 5), PostgreSQL twin of sqlite/003_waitlist.sql.
-- freed_slots.taken_by: the appointment that accepted an offer of this slot (the slot is then gone).
-- waitlist_offers.status: open | accepted | void; accepted_at when accepted.
-- outbox.lease_until: a dispatcher claims a message (status 'sending') until then; an expired lease (a crash
-- mid-delivery) makes it due again, so nothing is lost and, in the normal path, nothing is sent twice.
ALTER TABLE freed_slots ADD COLUMN taken_by BIGINT;
ALTER TABLE waitlist_offers ADD COLUMN accepted_at BIGINT;
ALTER TABLE outbox ADD COLUMN lease_until BIGINT NOT NULL DEFAULT 0;
CREATE INDEX freed_slots_start ON freed_slots(start_at);
CREATE INDEX offers_appointment ON waitlist_offers(appointment_id);
CREATE INDEX appointments_waiting ON appointments(notify_earlier_slot, start_at);
CREATE INDEX appointments_reminder ON appointments(status, start_at);
CREATE INDEX outbox_lease ON outbox(status, lease_until);
