"""Salon networks: a database made by the schema before networks (every migration before 006, the front desk's 004
and privacy's 005 included) upgrades in place when the server starts: all its data becomes salon 1's, and nothing
is lost. On SQLite and on PostgreSQL."""
import glob
import json
import os
import re
import sqlite3
import subprocess

import pytest

from conftest import ADMIN_EMAIL, new_database  # noqa: F401

MIGRATIONS = os.path.join(os.path.dirname(__file__), "..", "..", "src", "store", "migrations")
SETTINGS = {"name": "Salon d'avant", "timezone": "Europe/Paris", "reminder_hours": 12,
            "opening_hours": [{"weekday": d, "start": "09:00", "end": "19:00"} for d in range(1, 7)],
            "booking": {"slot_step_minutes": 15, "min_notice_minutes": 60, "max_advance_days": 3650,
                        "cancel_notice_minutes": 0}}
T0 = 1_800_000_000  # an instant in 2027, seconds
START = 1_803_891_600  # 2027-03-01T09:00:00Z = 10:00 in Paris


def old_schema_files(dialect):
    files = sorted(glob.glob(os.path.join(MIGRATIONS, dialect, "*.sql")))
    return [(int(re.match(r"\d+", os.path.basename(f)).group()), os.path.basename(f)[:-4], f) for f in files
            if int(re.match(r"\d+", os.path.basename(f)).group()) < 6]


class Db:
    """sqlite3 or psycopg2 behind one execute()."""

    def __init__(self, url):
        self.pg = url.startswith("postgresql://")
        if self.pg:
            import psycopg2
            self.conn = psycopg2.connect(url)
        else:
            self.conn = sqlite3.connect(url)

    def script(self, sql):
        if self.pg:
            self.conn.cursor().execute(sql)
        else:
            self.conn.executescript(sql)

    def run(self, sql, *params):
        cur = self.conn.cursor()
        cur.execute(sql.replace("?", "%s") if self.pg else sql, params)
        try:
            return cur.fetchall()
        except Exception:  # noqa: BLE001 (psycopg2: no results to fetch)
            return []

    def close(self):
        self.conn.commit()
        self.conn.close()


def make_old_database(url):
    db = Db(url)
    db.script("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    for version, name, path in old_schema_files("postgres" if db.pg else "sqlite"):
        db.script(open(path, encoding="utf-8").read())
        db.run("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", version, name)
    db.run("INSERT INTO settings (id, body) VALUES (1, ?)", json.dumps(SETTINGS))
    db.run("INSERT INTO staff (id, first_name, email, role, created_at) VALUES (1, 'Alice', 'alice@old.test', 'employee', ?)", T0)
    for d in range(1, 6):
        db.run("INSERT INTO staff_hours (staff_id, weekday, start_minute, end_minute) VALUES (1, ?, 540, 1080)", d)
    db.run("INSERT INTO resources (id, name) VALUES (1, 'Cabine')")
    db.run("INSERT INTO services (id, name, duration_minutes, price_cents) VALUES (1, 'Coupe', 30, 3000)")
    db.run("INSERT INTO staff_services (staff_id, service_id) VALUES (1, 1)")
    db.run("INSERT INTO clients (id, first_name, last_name, email, created_at) VALUES (1, 'Hélène', 'Dupont', 'h@example.com', ?)", T0)
    db.run("INSERT INTO package_types (id, name, sessions) VALUES (1, '5 coupes', 5)")
    db.run("INSERT INTO package_type_services (package_type_id, service_id) VALUES (1, 1)")
    db.run("INSERT INTO client_packages (id, client_id, package_type_id, start_date, created_at) VALUES (1, 1, 1, '2027-01-01', ?)", T0)
    db.run("INSERT INTO appointments (id, client_id, status, start_at, end_at, rule_slot_step, rule_min_notice, "
           "rule_max_advance, rule_cancel_notice, created_at, created_by_type, updated_at, updated_by_type) "
           "VALUES (1, 1, 'approved', ?, ?, 15, 60, 90, 0, ?, 'staff', ?, 'staff')", START, START + 1800, T0, T0)
    db.run("INSERT INTO appointment_lines (appointment_id, position, service_id, staff_id, resource_id, start_at, end_at, "
           "duration_minutes, price_cents) VALUES (1, 0, 1, 1, 1, ?, ?, 30, 3000)", START, START + 1800)
    db.run("INSERT INTO outbox (kind, channel, recipient, body, appointment_id, client_id, created_at, idempotency_key) "
           "VALUES ('confirmation', 'email', 'h@example.com', 'Votre rendez-vous', 1, 1, ?, 'confirmation.old')", T0)
    db.run("INSERT INTO freed_slots (staff_id, start_at, end_at, created_at) VALUES (1, ?, ?, ?)", START + 3600, START + 5400, T0)
    # What 004 (front desk) and 005 (privacy) added: kept through 006.
    db.run("UPDATE appointments SET arrived = 1, paid = 1, payment_method = 'card', ics_sequence = 2 WHERE id = 1")
    db.run("UPDATE staff SET color = '#123456' WHERE id = 1")
    db.run("UPDATE clients SET marketing_opt_out = 1 WHERE id = 1")
    db.run("UPDATE network SET name = 'Réseau d''avant', retention_years = 5")
    db.run("INSERT INTO audit_log (at, actor_type, actor_id, action, client_id) VALUES (?, 'staff', 1, 'export_client', 1)", T0)
    if db.pg:  # rows written with explicit ids: move the sequences past them, as a real server's would be
        for table in ("staff", "resources", "services", "clients", "package_types", "client_packages", "appointments"):
            db.run(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
    db.close()


def test_an_old_database_upgrades_in_place_and_becomes_salon_1(make_server, tmp_path):
    url = new_database(str(tmp_path))
    make_old_database(url)
    server = make_server(db=url)
    admin = server.admin()

    salons = admin.get("/api/salons")
    assert salons["total"] == 1 and salons["items"][0]["name"] == "Salon d'avant"
    settings = admin.get("/api/settings")
    assert settings["name"] == "Salon d'avant" and settings["reminder_hours"] == 12
    assert admin.get("/api/settings", salon_id=1)["reminder_hours"] == 12

    alice = admin.get("/api/staff/1")
    assert alice["salon_ids"] == [1] and len(alice["hours"]) == 5
    assert admin.get("/api/resources/1")["name"] == "Cabine"
    [appointment] = admin.get("/api/appointments")["items"]
    assert appointment["salon_id"] == 1 and appointment["start"] == "2027-03-01T10:00:00+01:00"
    [package] = admin.get("/api/clients/1/packages")["items"]
    assert package["salon_id"] == 1 and package["scope"] == "network"
    [message] = admin.get("/api/outbox", kind="confirmation")["items"]
    assert message["salon_id"] == 1 and message["body"] == "Votre rendez-vous"

    assert appointment["arrived"] and appointment["paid"] and appointment["payment_method"] == "card"
    assert alice["color"] == "#123456"
    assert admin.get("/api/clients/1")["marketing_opt_out"] is True
    assert admin.get("/api/network").json == {"name": "Réseau d'avant", "retention_years": 5}
    assert admin.get("/api/audit", client_id=1)["total"] >= 1

    # The old agenda still decides: Alice is busy at 10:00, free at 10:30, at the only salon.
    slots = admin.get("/api/availability", service_ids=1, staff_id=1, **{"from": "2027-03-01"})
    starts = [s["start"] for s in slots["slots"]]
    assert "2027-03-01T10:00:00+01:00" not in starts and "2027-03-01T10:30:00+01:00" in starts
    r = admin.post("/api/appointments", {"client_id": 1, "start": "2027-03-01T10:00:00+01:00",
                                         "lines": [{"service_id": 1, "staff_id": 1}]})
    assert r.status == 409, r
    r = admin.post("/api/appointments", {"client_id": 1, "start": "2027-03-01T10:30:00+01:00",
                                         "lines": [{"service_id": 1, "staff_id": 1, "resource_id": 1}]})
    assert r.status == 201 and r["salon_id"] == 1, r

    # A second salon can join the upgraded database.
    r = admin.post("/api/salons", {"name": "Lyon", "slug": "lyon", "timezone": "Europe/Paris"})
    assert r.status == 201 and r["id"] == 2, r
    server.restart()  # the schema is not upgraded twice
    assert server.admin().get("/api/salons")["total"] == 2


@pytest.mark.skipif(os.environ.get("CRENEAU_TEST_BACKEND") != "postgres", reason="needs the PostgreSQL backend")
def test_migrate_copies_a_network_from_sqlite_to_postgresql(make_server, tmp_path):
    from network import MONDAY, Network

    sqlite_file = str(tmp_path / "network.db")
    net = Network(make_server(db=sqlite_file))
    b = net.book(net.montreal, f"{MONDAY}T10:00:00-05:00", [{"service_id": net.cut, "staff_id": net.nora}])
    assert b.status == 201
    net.server.stop()
    target = new_database(str(tmp_path))
    binary = os.environ.get("CRENEAU_BIN", "build/src/creneau")
    done = subprocess.run([binary, "migrate", "--from", sqlite_file, "--to", target], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    admin = make_server(db=target).admin()
    assert [s["slug"] for s in admin.get("/api/salons")["items"]] == ["paris", "montreal"]
    assert admin.get(f"/api/appointments/{b['id']}")["salon_id"] == net.montreal
    assert admin.get(f"/api/staff/{net.nora}")["salon_ids"] == [net.paris, net.montreal]
    # The exclusion constraint still holds the shared stylist across salons.
    r = admin.post("/api/appointments", {"salon_id": net.paris, "client_id": net.client, "start": f"{MONDAY}T16:00:00+01:00",
                                         "lines": [{"service_id": net.cut, "staff_id": net.nora}]})
    assert r.status == 409, r
    r = admin.post("/api/salons", {"name": "Lyon", "slug": "lyon", "timezone": "Europe/Paris"})
    assert r.status == 201 and r["id"] == 3, r
