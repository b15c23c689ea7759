"""Reads from a hot standby (issue 17): `--db-read` sends availability, agenda and list reads to a streaming
replica while bookings go to the primary. A slot the replica still shows free but the primary has taken answers
409, and bookings raced through a server on the primary alone and one with a replica never double-book.
PostgreSQL only (skipped on SQLite): starts its own primary and replica on loopback."""
import concurrent.futures
import os
import threading
import uuid

import psycopg2
import pytest

import replica
from network import MONDAY, Network

pytestmark = pytest.mark.skipif(os.environ.get("CRENEAU_TEST_BACKEND") != "postgres" or not replica.available(),
                                reason="PostgreSQL streaming replication (postgres backend only)")


@pytest.fixture(scope="module")
def pair():
    p = replica.Pair()
    yield p
    p.stop()


@pytest.fixture
def two(pair, make_server):
    """Server A on the primary alone, server B writing to the primary and reading from the replica."""
    primary, standby = pair.database("r_" + uuid.uuid4().hex[:12])
    a = make_server(db=primary)
    net = Network(a)
    pair.wait_replayed()
    b = make_server("--db-read", standby, db=primary)
    return net, b.admin(), primary


def slots(api, net, staff):
    r = api.get("/api/availability", salon_id=net.paris, service_ids=net.cut, staff_id=staff, **{"from": MONDAY})
    assert r.status == 200, r
    return [s["start"] for s in r["slots"]]


def test_reads_come_from_the_replica_and_a_stale_free_slot_answers_409(pair, two):
    net, b, _ = two
    ten = f"{MONDAY}T10:00:00+01:00"
    assert ten in slots(b, net, net.paula)
    pair.pause_replay(True)
    try:
        taken = net.book(net.paris, ten, [{"service_id": net.cut, "staff_id": net.paula}])
        assert taken.status == 201, taken
        # B's replica has not seen it: the slot still looks free there, and the agenda is empty.
        assert ten in slots(b, net, net.paula)
        assert b.get("/api/appointments", salon_id=net.paris)["total"] == 0
        r = b.post("/api/appointments", {"salon_id": net.paris, "client_id": net.client, "start": ten,
                                         "lines": [{"service_id": net.cut, "staff_id": net.paula}]})
        assert r.status == 409 and r.error_code == "slot_taken", r
    finally:
        pair.pause_replay(False)
    pair.wait_replayed()
    assert ten not in slots(b, net, net.paula)
    assert b.get("/api/appointments", salon_id=net.paris)["total"] == 1


def test_bookings_raced_through_both_servers_never_double_book(pair, two):
    net, b, primary = two
    servers = [net.admin, b]
    starts = [f"{MONDAY}T{h:02d}:{m:02d}:00+01:00" for h in (10, 11) for m in (0, 30)]
    barrier = threading.Barrier(16)

    def attempt(i):
        barrier.wait()
        api = servers[i % 2]
        start = starts[i // 2 % len(starts)]
        # Each looks at what its database shows free first, as a front desk would.
        slots(api, net, net.paula)
        return api.post("/api/appointments", {"salon_id": net.paris, "client_id": net.client, "start": start,
                                              "lines": [{"service_id": net.cut, "staff_id": net.paula}]})

    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(attempt, range(16)))
    assert sum(a.status == 201 for a in answers) == len(starts), answers
    assert all(a.status == 409 and a.error_code == "slot_taken" for a in answers if a.status != 201), answers
    conn = psycopg2.connect(primary)
    cur = conn.cursor()
    cur.execute("SELECT COUNT(*) FROM appointment_lines x JOIN appointment_lines y ON x.staff_id = y.staff_id "
                "AND x.id < y.id AND x.start_at < y.end_at AND y.start_at < x.end_at WHERE x.active = 1 AND y.active = 1")
    assert cur.fetchone()[0] == 0
    conn.close()


def test_a_replica_whose_schema_lags_is_refused(pair, make_server, tmp_path):
    primary, standby = pair.database("r_" + uuid.uuid4().hex[:12])
    pair.pause_replay(True)
    try:
        make_server(db=primary)  # migrates the primary; the paused standby still has an empty database
        with pytest.raises(RuntimeError):
            make_server("--db-read", standby, db=primary)
    finally:
        pair.pause_replay(False)
