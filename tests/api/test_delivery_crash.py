"""Never a lost message: a server killed with SIGKILL in the middle of delivering finds, after a restart, every
message it had not delivered (an expired claim makes a message due again) and sends it; at most the one message
in flight at the kill may arrive twice, with the same Message-ID. Two servers on one database never send one
message twice.

Claims last CRENEAU_DELIVERY_LEASE_SECONDS of wall-clock time (2 minutes by default; 3 s here)."""
import collections
import signal
import threading
import time

from conftest import MONDAY, Salon, at
from smtp_sink import SmtpSink

LEASE = {"CRENEAU_DELIVERY_LEASE_SECONDS": "3"}


def book_many(salon, count):
    """`count` confirmed visits (one confirmation e-mail each) on Monday, Alice then Bob, half-hour apart."""
    ids = []
    for i in range(count):
        staff = salon.alice if i < 8 else salon.bob
        minute = 9 * 60 + (i % 8) * 30
        r = salon.book(at(MONDAY, f"{minute // 60:02d}:{minute % 60:02d}"), [{"service_id": salon.cut, "staff_id": staff}])
        assert r.status == 201, r
        ids.append(r["id"])
    return ids


def emails(admin):
    r = admin.get("/api/outbox", channel="email", limit=500)
    assert r.status == 200, r
    return r["items"]


def test_sigkill_mid_delivery_loses_nothing(make_server):
    with SmtpSink(delay=0.3) as sink:
        server = make_server("--smtp", sink.url, env=LEASE)
        admin = server.admin()
        salon = Salon(admin)
        book_many(salon, 16)
        expected = len(emails(admin))
        assert expected == 16

        def deliver():
            try:
                admin.post("/api/jobs/run", {"now": "2027-02-01T12:00:00+01:00"})
            except Exception:  # the server dies under it
                pass

        worker = threading.Thread(target=deliver)
        worker.start()
        sink.wait_for(3)
        server.stop(signal.SIGKILL)
        worker.join()
        delivered_before = len(sink.received())
        assert delivered_before < expected, "the kill came too late to test anything"

        server.start()
        admin = server.admin()
        time.sleep(3.5)  # the dead process's claim runs out: its message is due again
        r = admin.post("/api/jobs/run", {"now": "2027-02-01T12:05:00+01:00"})
        assert r.status == 200, r
        deadline = time.time() + 30
        while time.time() < deadline and any(m["status"] != "sent" for m in emails(admin)):
            time.sleep(0.2)
        assert {m["status"] for m in emails(admin)} == {"sent"}
        time.sleep(0.5)  # a message still sleeping in the sink when the server died lands now
        ids = collections.Counter(str(m["Message-ID"]) for m in sink.received())
        assert len(ids) == expected, ids
        duplicates = sum(ids.values()) - expected
        assert duplicates <= 1, ids  # only the one in flight may come twice, with the same idempotency key
        print(f"{expected} messages, {delivered_before} delivered before SIGKILL, {duplicates} delivered twice")


def test_two_servers_on_one_database_send_each_message_once(make_server):
    with SmtpSink(delay=0.02) as sink:
        first = make_server("--smtp", sink.url, env=LEASE)
        admin = first.admin()
        salon = Salon(admin)
        book_many(salon, 16)
        second = make_server("--smtp", sink.url, db=first.db, env=LEASE)
        admins = [admin, second.admin()]
        reports = []

        def deliver(api):
            r = api.post("/api/jobs/run", {"now": "2027-02-01T12:00:00+01:00"})
            reports.append(r)

        threads = [threading.Thread(target=deliver, args=(a,)) for a in admins]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert all(r.status == 200 for r in reports), reports
        assert {m["status"] for m in emails(admin)} == {"sent"}
        ids = collections.Counter(str(m["Message-ID"]) for m in sink.received())
        assert len(ids) == 16 and set(ids.values()) == {1}, ids
