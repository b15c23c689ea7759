"""The server as a whole: racing bookings, graceful stop with a request in flight, the SQLite file after a stop,
the request log."""
import json
import os
import signal
import sqlite3
import threading
import time

import pytest
import requests

from conftest import ADMIN_EMAIL, ADMIN_PASSWORD, MONDAY, Salon

START = f"{MONDAY}T10:00:00+01:00"


def test_twenty_racing_bookings_for_one_slot_make_exactly_one(server, salon):
    clients = [salon.admin.post("/api/clients", {"first_name": "R", "last_name": f"Racer{i}", "email": f"r{i}@example.com"})["id"]
               for i in range(20)]
    token = salon.admin.token
    barrier = threading.Barrier(20)
    results = [None] * 20

    def race(i):
        s = requests.Session()
        body = {"client_id": clients[i], "start": START, "lines": [{"service_id": salon.cut, "staff_id": salon.alice}]}
        barrier.wait()
        try:
            r = s.post(server.base + "/api/appointments", json=body, headers={"Authorization": "Bearer " + token}, timeout=60)
            results[i] = (r.status_code, r.json().get("error", {}).get("code"))
        except requests.RequestException as e:  # pragma: no cover - reported below
            results[i] = ("error", str(e))

    threads = [threading.Thread(target=race, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = [r[0] for r in results]
    assert statuses.count(201) == 1, results
    assert all(r == (409, "slot_taken") for r in results if r[0] != 201), results
    listed = salon.admin.get("/api/appointments", staff_id=salon.alice)
    assert listed["total"] == 1
    assert salon.admin.get("/api/outbox", kind="confirmation")["total"] == 1


def test_racing_moves_and_bookings_never_double_book(server, salon):
    """Bookings into 10:00 and moves of another appointment into 10:00, all at once: one wins."""
    a = salon.book(f"{MONDAY}T15:00:00+01:00", [{"service_id": salon.cut, "staff_id": salon.alice}]).json
    token = salon.admin.token
    barrier = threading.Barrier(10)
    results = []
    lock = threading.Lock()

    def go(i):
        s = requests.Session()
        h = {"Authorization": "Bearer " + token}
        barrier.wait()
        if i % 2:
            r = s.patch(f"{server.base}/api/appointments/{a['id']}", json={"start": START}, headers=h, timeout=60)
        else:
            r = s.post(server.base + "/api/appointments", headers=h, timeout=60,
                       json={"client_id": salon.client2, "start": START,
                             "lines": [{"service_id": salon.cut, "staff_id": salon.alice}]})
        with lock:
            results.append((i, r.status_code))

    threads = [threading.Thread(target=go, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(code in (200, 201, 409) for _, code in results), results
    items = salon.admin.get("/api/appointments", **{"from": MONDAY, "to": MONDAY})["items"]
    at_ten = [x for x in items if x["start"] == START and x["status"] != "cancelled"]
    assert len(at_ten) == 1, items


def test_sigterm_lets_the_request_in_flight_finish(make_server):
    server = make_server()
    admin = server.admin()
    salon = Salon(admin)
    for i in range(5):
        assert salon.book(f"{MONDAY}T{9 + i // 2:02d}:{30 * (i % 2):02d}:00+01:00", [{"service_id": salon.cut, "staff_id": salon.alice}]).status == 201
    # A request that takes a while: logging in checks an Argon2id hash, slow on purpose.
    session = requests.Session()
    assert session.get(server.base + "/healthz", timeout=5).status_code == 200  # connection open before the stop
    outcome = {}

    def slow():
        t0 = time.monotonic()
        try:
            r = session.post(server.base + "/api/auth/login", json={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD},
                             timeout=30)
            outcome["status"] = r.status_code
            outcome["token"] = r.json().get("token")
        except requests.RequestException as e:
            outcome["error"] = repr(e)
        outcome["took"] = time.monotonic() - t0

    t = threading.Thread(target=slow)
    t.start()
    time.sleep(0.03)
    server.proc.send_signal(signal.SIGTERM)
    t.join(30)
    rc = server.proc.wait(timeout=15)
    assert outcome.get("status") == 200 and outcome.get("token"), outcome
    assert rc == 0
    # New connections are refused once it has stopped.
    with pytest.raises(requests.RequestException):
        requests.get(server.base + "/healthz", timeout=2)
    # The SQLite file is whole and holds everything that was answered.
    if os.environ.get("CRENEAU_TEST_BACKEND", "sqlite") == "sqlite":
        db = sqlite3.connect(server.db)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT COUNT(*) FROM appointments").fetchone()[0] == 5
        db.close()
    # And the server starts again on it.
    server.start()
    admin = server.admin()
    assert admin.get("/api/appointments")["total"] == 5


def test_sigterm_when_idle_exits_promptly(make_server):
    server = make_server()
    keep_alive = requests.Session()
    assert keep_alive.get(server.base + "/healthz", timeout=5).status_code == 200  # an idle keep-alive connection
    t0 = time.monotonic()
    server.proc.send_signal(signal.SIGTERM)
    rc = server.proc.wait(timeout=10)
    assert rc == 0 and time.monotonic() - t0 < 5


def test_sigint_stops_too(make_server):
    server = make_server()
    server.proc.send_signal(signal.SIGINT)
    assert server.proc.wait(timeout=10) == 0


def test_structured_request_log(make_server):
    server = make_server()
    server.api().get("/healthz")
    server.api().get("/api/nope")
    odd = server.admin().get('/api/appointments/%22x%FF')  # a quote and a byte that is not UTF-8
    assert odd.status == 404 and odd.error_code == "not_found", odd
    server.stop()
    lines = [l for l in open(server.log_path, encoding="utf-8").read().splitlines() if l.startswith("{")]
    records = [json.loads(l) for l in lines]
    reqs = [r for r in records if "method" in r]
    assert any(r["path"] == "/api/nope" and r["status"] == 404 and isinstance(r["us"], int) for r in reqs), reqs
    assert any(r["path"].startswith('/api/appointments/"x') for r in reqs), reqs
