-- Issue 17, PostgreSQL twin of sqlite/008_scale.sql: the agenda's busy spans by an index-only scan of
-- (staff_id, start_at), the other columns it reads carried in the index. Replaces lines_staff, its prefix.
CREATE INDEX lines_staff_busy ON appointment_lines(staff_id, start_at)
  INCLUDE (end_at, active, resource_id, service_id, group_capacity, appointment_id);
DROP INDEX lines_staff;
