"""A network of salons on one PostgreSQL database: several servers stay consistent, and a salon moves from
SQLite to PostgreSQL with every record (`creneau migrate`). Runs in the postgres pass only."""
import concurrent.futures
import os
import subprocess

import pytest

from conftest import MONDAY, Salon, new_database

pytestmark = pytest.mark.skipif(os.environ.get("CRENEAU_TEST_BACKEND") != "postgres",
                                reason="needs the PostgreSQL backend")


def test_two_servers_one_database_exactly_one_booking_wins(make_server):
    first = make_server()
    second = make_server(db=first.db)
    salon = Salon(first.admin())
    other = second.admin()
    body = {"client_id": salon.client, "start": f"{MONDAY}T10:00:00+01:00",
            "lines": [{"service_id": salon.cut, "staff_id": salon.alice}]}

    def attempt(i):
        api = salon.admin if i % 2 == 0 else other
        return api.post("/api/appointments", body).status

    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(attempt, range(20)))
    assert statuses.count(201) == 1, statuses
    assert all(s == 409 for s in statuses if s != 201), statuses
    listed = other.get("/api/appointments", **{"from": MONDAY, "to": MONDAY, "staff_id": salon.alice})
    assert listed["total"] == 1


def test_exclusion_constraint_backs_the_application_check(make_server):
    """Even a line written past the application's check cannot overlap: the database refuses it."""
    import psycopg2

    server = make_server()
    salon = Salon(server.admin())
    assert salon.book(f"{MONDAY}T10:00:00+01:00", [{"service_id": salon.cut, "staff_id": salon.alice}]).status == 201
    conn = psycopg2.connect(server.db)
    cur = conn.cursor()
    cur.execute("SELECT appointment_id, service_id, staff_id, start_at, end_at FROM appointment_lines")
    appointment_id, service_id, staff_id, start_at, end_at = cur.fetchone()
    with pytest.raises(psycopg2.errors.ExclusionViolation):
        cur.execute("INSERT INTO appointment_lines (appointment_id, position, service_id, staff_id, start_at, end_at, "
                    "duration_minutes) VALUES (%s, 1, %s, %s, %s, %s, 30)",
                    (appointment_id, service_id, staff_id, start_at + 600, end_at + 600))
    conn.close()


def test_migrate_copies_a_salon_from_sqlite_to_postgresql(make_server, tmp_path):
    sqlite_file = str(tmp_path / "salon.db")
    source = make_server("--demo", db=sqlite_file)
    admin = source.admin()
    salon = Salon(admin)
    booked = salon.book(f"{MONDAY}T10:00:00+01:00", [{"service_id": salon.cut, "staff_id": salon.alice}],
                        notes="Aime le café")
    assert booked.status == 201
    before = {
        "clients": admin.get("/api/clients", limit=1)["total"],
        "staff": admin.get("/api/staff")["total"],
        "services": admin.get("/api/services")["total"],
        "outbox": admin.get("/api/outbox", limit=1)["total"],
        "appointments": admin.get("/api/appointments", **{"from": "2000-01-01", "to": "2100-01-01", "limit": 1})["total"],
    }
    source.stop()

    target = new_database(str(tmp_path))
    binary = os.environ.get("CRENEAU_BIN", "build/src/creneau")
    done = subprocess.run([binary, "migrate", "--from", sqlite_file, "--to", target], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "appointments" in done.stdout

    moved = make_server(db=target).admin()
    after = {
        "clients": moved.get("/api/clients", limit=1)["total"],
        "staff": moved.get("/api/staff")["total"],
        "services": moved.get("/api/services")["total"],
        "outbox": moved.get("/api/outbox", limit=1)["total"],
        "appointments": moved.get("/api/appointments", **{"from": "2000-01-01", "to": "2100-01-01", "limit": 1})["total"],
    }
    assert after == before
    same = moved.get(f"/api/appointments/{booked['id']}")
    assert same.status == 200
    assert same["notes"] == "Aime le café" and same["start"] == booked["start"] and same["lines"] == booked["lines"]
    # New records continue after the copied ids.
    again = moved.post("/api/clients", {"first_name": "Nouvelle", "last_name": "Cliente", "email": "n@example.com"})
    assert again.status == 201 and again["id"] > salon.client2
