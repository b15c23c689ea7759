-- Issue 17: each server keeps every salon's frame (profile, settings, the catalogue as the salon sees it, its rooms,
-- its staff's hours and skills) in memory instead of reading ~12 statements of it at every availability request
-- and booking. catalogue_version says whether a kept frame is still right: every write to a table the frame is
-- read from moves it forward, in the writer's own transaction, so a reader that sees the new rows sees the new
-- version too (and a rolled-back write leaves both as they were). One number for the whole network: catalogue
-- edits are rare, and a change re-reads each salon's frame once. Same table and rules as the SQLite migration.
CREATE TABLE catalogue_version (id BIGINT PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL);
INSERT INTO catalogue_version (id, version) VALUES (1, 1);

CREATE FUNCTION bump_catalogue_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END $$;
-- One statement-level trigger per table the frame is read from.
DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['salons', 'settings', 'services', 'service_resources', 'salon_services', 'resources',
                           'staff', 'staff_hours', 'staff_salons', 'staff_services'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION bump_catalogue_version()', t || '_catalogue_version', t);
  END LOOP;
END $$;
