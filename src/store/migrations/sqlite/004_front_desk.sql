-- Front desk (issue 12).
-- appointments.arrived / paid: set from the agenda; payment_method (already there) names how it was paid.
-- appointments.ics_sequence: the SEQUENCE of the last .ics sent for it (same UID), bumped by each move.
-- staff.color: '#RRGGBB' chosen by an admin; '' = a colour of the palette picked by id when read.
ALTER TABLE appointments ADD COLUMN arrived INTEGER NOT NULL DEFAULT 0;
ALTER TABLE appointments ADD COLUMN paid INTEGER NOT NULL DEFAULT 0;
ALTER TABLE appointments ADD COLUMN ics_sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN color TEXT NOT NULL DEFAULT '';
