-- Issue 17: each server keeps every salon's frame (profile, settings, the catalogue as the salon sees it, its rooms,
-- its staff's hours and skills) in memory instead of reading ~12 statements of it at every availability request
-- and booking. catalogue_version says whether a kept frame is still right: every write to a table the frame is
-- read from moves it forward, in the writer's own transaction, so a reader that sees the new rows sees the new
-- version too (and a rolled-back write leaves both as they were). One number for the whole network: catalogue
-- edits are rare, and a change re-reads each salon's frame once. Same table and rules as the PostgreSQL migration.
CREATE TABLE catalogue_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
INSERT INTO catalogue_version (id, version) VALUES (1, 1);
-- SQLite's triggers are per row: a statement that writes n rows moves the version n times, which is as good.
CREATE TRIGGER salons_catalogue_version_insert AFTER INSERT ON salons BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER salons_catalogue_version_update AFTER UPDATE ON salons BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER salons_catalogue_version_delete AFTER DELETE ON salons BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER settings_catalogue_version_insert AFTER INSERT ON settings BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER settings_catalogue_version_update AFTER UPDATE ON settings BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER settings_catalogue_version_delete AFTER DELETE ON settings BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER services_catalogue_version_insert AFTER INSERT ON services BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER services_catalogue_version_update AFTER UPDATE ON services BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER services_catalogue_version_delete AFTER DELETE ON services BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER service_resources_catalogue_version_insert AFTER INSERT ON service_resources BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER service_resources_catalogue_version_update AFTER UPDATE ON service_resources BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER service_resources_catalogue_version_delete AFTER DELETE ON service_resources BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER salon_services_catalogue_version_insert AFTER INSERT ON salon_services BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER salon_services_catalogue_version_update AFTER UPDATE ON salon_services BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER salon_services_catalogue_version_delete AFTER DELETE ON salon_services BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER resources_catalogue_version_insert AFTER INSERT ON resources BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER resources_catalogue_version_update AFTER UPDATE ON resources BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER resources_catalogue_version_delete AFTER DELETE ON resources BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER staff_catalogue_version_insert AFTER INSERT ON staff BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER staff_catalogue_version_update AFTER UPDATE ON staff BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER staff_catalogue_version_delete AFTER DELETE ON staff BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER staff_hours_catalogue_version_insert AFTER INSERT ON staff_hours BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER staff_hours_catalogue_version_update AFTER UPDATE ON staff_hours BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER staff_hours_catalogue_version_delete AFTER DELETE ON staff_hours BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER staff_salons_catalogue_version_insert AFTER INSERT ON staff_salons BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER staff_salons_catalogue_version_update AFTER UPDATE ON staff_salons BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER staff_salons_catalogue_version_delete AFTER DELETE ON staff_salons BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER staff_services_catalogue_version_insert AFTER INSERT ON staff_services BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER staff_services_catalogue_version_update AFTER UPDATE ON staff_services BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER staff_services_catalogue_version_delete AFTER DELETE ON staff_services BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
