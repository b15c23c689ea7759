-- Issue 17: the agenda's busy spans read from the index alone. load_agenda scans appointment_lines by
-- (staff_id, start_at) and reads these columns of every row in range; with all of them in the index SQLite no
-- longer looks each entry up in the table. It replaces lines_staff, its prefix.
CREATE INDEX lines_staff_busy ON appointment_lines(staff_id, start_at, end_at, active, resource_id, service_id,
                                                   group_capacity, appointment_id);
DROP INDEX lines_staff;
