"""`creneau backup` copies a live SQLite database while clients keep booking; `creneau check` reports the schema
version and integrity (exit 0 when sound)."""
import os
import sqlite3
import subprocess
import threading
import time

import pytest

from conftest import at

BIN = os.environ.get("CRENEAU_BIN", "build/src/creneau")
SQLITE = os.environ.get("CRENEAU_TEST_BACKEND", "sqlite") != "postgres"
CLIENTS = 8


def creneau(*args):
    return subprocess.run([BIN, *args], capture_output=True, text=True, timeout=120)


def week_days(n):
    """n weekdays from Monday 2027-03-01 on, as dates."""
    import datetime
    d, out = datetime.date(2027, 3, 1), []
    while len(out) < n:
        if d.weekday() < 5:
            out.append(d.isoformat())
        d += datetime.timedelta(days=1)
    return out


@pytest.mark.skipif(not SQLITE, reason="backup copies SQLite files (PostgreSQL: pg_dump)")
def test_backup_while_eight_clients_book(server, admin, make_server, tmp_path):
    r = admin.patch("/api/settings", {"timezone": "Europe/Paris", "opening_hours": []})
    assert r.status == 200, r
    service = admin.post("/api/services", {"name": "Coupe", "duration_minutes": 30, "price_cents": 2500})["id"]
    hours = [{"weekday": d, "start": "09:00", "end": "18:00"} for d in range(1, 6)]
    staff, clients = [], []
    for i in range(CLIENTS):
        r = admin.post("/api/staff", {"first_name": f"S{i}", "last_name": "Staff", "email": f"s{i}@salon.test",
                                      "role": "employee", "password": "employee-pass-1", "service_ids": [service],
                                      "hours": hours})
        assert r.status == 201, r
        staff.append(r["id"])
        r = admin.post("/api/clients", {"first_name": f"C{i}", "last_name": "Client", "email": f"c{i}@example.com"})
        assert r.status == 201, r
        clients.append(r["id"])

    acked = []  # (id, monotonic time the 201 arrived)
    lock = threading.Lock()
    stop = threading.Event()
    failures = []
    starts = [at(day, f"{9 + k // 2:02d}:{30 * (k % 2):02d}") for day in week_days(60) for k in range(18)]

    def book(i):
        api = server.api(admin.token)
        for start in starts:
            if stop.is_set():
                return
            r = api.post("/api/appointments", {"client_id": clients[i], "start": start, "confirmation": "silent",
                                               "lines": [{"service_id": service, "staff_id": staff[i]}]})
            if r.status != 201:
                failures.append(r)
                return
            with lock:
                acked.append((r["id"], time.monotonic()))

    threads = [threading.Thread(target=book, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    while len(acked) < 80 and not failures:
        time.sleep(0.05)
    copy = str(tmp_path / "copy.db")
    began = time.monotonic()
    with lock:
        before = {i for i, t in acked}
    done = creneau("backup", "--db", server.db, "--to", copy)
    during = len(acked)
    time.sleep(0.3)  # bookings go on after the copy too
    stop.set()
    for t in threads:
        t.join()
    assert not failures, failures[:3]
    assert done.returncode == 0, done.stderr
    assert len(acked) > during > len(before), "the backup ran while bookings kept coming"

    check = creneau("check", "--db", copy)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "status: ok" in check.stdout
    with sqlite3.connect(copy) as db:
        copied = {row[0] for row in db.execute("SELECT id FROM appointments")}
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    acked_before = {i for i, t in acked if t < began}
    assert acked_before <= copied, sorted(acked_before - copied)[:10]
    assert copied <= {i for i, _ in acked}, "the copy holds only bookings that happened"

    # Restoring is starting a server on the copy: it answers exactly the bookings the copy holds.
    restored = make_server(db=copy).admin()
    r = restored.get("/api/appointments", **{"from": "2027-01-01", "to": "2027-12-31", "limit": 500})
    assert r.status == 200 and r["total"] == len(copied), r


@pytest.mark.skipif(not SQLITE, reason="backup copies SQLite files")
def test_backup_replaces_an_older_copy_and_refuses_what_it_cannot_copy(server, admin, tmp_path):
    copy = str(tmp_path / "nightly.db")
    with open(copy, "w") as f:
        f.write("yesterday's copy")
    assert creneau("backup", "--db", server.db, "--to", copy).returncode == 0
    assert creneau("check", "--db", copy).returncode == 0
    assert not os.path.exists(copy + ".partial")

    missing = creneau("backup", "--db", str(tmp_path / "nothing.db"), "--to", str(tmp_path / "x.db"))
    assert missing.returncode != 0 and "no SQLite database" in missing.stderr
    pg = creneau("backup", "--db", "postgresql://nobody@127.0.0.1:1/x", "--to", str(tmp_path / "y.db"))
    assert pg.returncode != 0 and "pg_dump" in pg.stderr


def test_check_reports_version_and_integrity(server, admin, tmp_path):
    ok = creneau("check", "--db", server.db)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "schema version: " in ok.stdout and "status: ok" in ok.stdout
    version = int(ok.stdout.split("schema version: ")[1].split()[0])
    assert version >= 1

    missing = creneau("check", "--db", str(tmp_path / "none.db"))
    assert missing.returncode != 0 and "NOT SOUND" in missing.stdout


@pytest.mark.skipif(not SQLITE, reason="damages a SQLite file on purpose")
def test_check_fails_on_a_damaged_file_and_a_newer_schema(server, admin, tmp_path):
    copy = str(tmp_path / "copy.db")
    assert creneau("backup", "--db", server.db, "--to", copy).returncode == 0

    newer = str(tmp_path / "newer.db")
    with open(copy, "rb") as src, open(newer, "wb") as dst:
        dst.write(src.read())
    with sqlite3.connect(newer) as db:
        db.execute("INSERT INTO schema_migrations (version, name) VALUES (9999, 'from_the_future')")
    r = creneau("check", "--db", newer)
    assert r.returncode != 0 and "newer than this binary" in r.stdout

    with open(copy, "r+b") as f:
        size = f.seek(0, 2)
        f.seek(size // 2)
        f.write(os.urandom(8192))
    r = creneau("check", "--db", copy)
    assert r.returncode != 0, r.stdout
    assert "NOT SOUND" in r.stdout
