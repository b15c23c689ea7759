"""Crash safety under SIGKILL: every booking the server acknowledged (201) during a burst is there after a
restart, and the SQLite file passes PRAGMA integrity_check. (Delivery under SIGKILL — every message at least
once, a duplicate only with the same idempotency key — is test_delivery_crash.py.)"""
import datetime
import os
import signal
import sqlite3
import threading
import time

import requests

from conftest import Salon

WRITERS = 8


def slots_for(writer, staff):
    """Distinct 30-minute slots per writer: its own weekdays from 2027-03-01 on, mornings and afternoons."""
    day = datetime.date(2027, 3, 1)
    n = 0
    while True:
        if day.weekday() < 5 and n % WRITERS == writer:
            for hour in (9, 10, 11, 12, 14, 15, 16, 17):
                for minute in (0, 30):
                    yield staff, f"{day.isoformat()}T{hour:02d}:{minute:02d}:00"
        if day.weekday() < 5:
            n += 1
        day += datetime.timedelta(days=1)


def test_acknowledged_bookings_survive_sigkill(server, admin):
    salon = Salon(admin)
    assert admin.patch("/api/settings", {"booking": {"max_advance_days": 3650}}).status == 200
    acknowledged = {}
    lock = threading.Lock()
    stop = threading.Event()

    def writer(i):
        http = requests.Session()
        headers = {"Authorization": "Bearer " + admin.token}
        staff = salon.alice if i % 2 == 0 else salon.bob
        for staff_id, start in slots_for(i, staff):
            if stop.is_set():
                return
            body = {"client_id": salon.client, "start": start, "confirmation": "silent",
                    "lines": [{"service_id": salon.cut, "staff_id": staff_id}]}
            try:
                r = http.post(server.base + "/api/appointments", json=body, headers=headers, timeout=10)
            except requests.RequestException:
                return  # the server died under this request: it was never acknowledged
            if r.status_code == 201:
                with lock:
                    acknowledged[r.json()["id"]] = r.json()["start"]

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    for t in threads:
        t.start()
    deadline = time.time() + 20
    while time.time() < deadline and len(acknowledged) < 150:
        time.sleep(0.02)
    server.stop(signal.SIGKILL)
    stop.set()
    for t in threads:
        t.join()
    assert len(acknowledged) >= 150, "too few bookings before the kill to test anything"

    if not server.db.startswith("postgresql://"):
        conn = sqlite3.connect(server.db)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.close()

    server.start()
    admin = server.admin()
    listed = admin.get("/api/appointments", **{"from": "2027-03-01", "to": "2028-12-31", "limit": 500})
    assert listed.status == 200, listed
    missing = [i for i, start in acknowledged.items() if admin.get(f"/api/appointments/{i}").status != 200]
    assert not missing, f"{len(missing)} acknowledged bookings lost: {missing[:10]}"
    for i, start in list(acknowledged.items())[:50]:
        assert admin.get(f"/api/appointments/{i}")["start"] == start
    print(f"{len(acknowledged)} acknowledged bookings before SIGKILL, all present after restart")
