"""Writers in parallel (issue 17): bookings lock only what they decide on (on PostgreSQL with --pg-locking fine,
the default); racing bookings of one slot give exactly one 201 and 409s, never a double booking and never a 500,
under either locking; a salon's booking does not wait for another salon's."""
import concurrent.futures
import os
import threading

import pytest

from conftest import Server
from network import MONDAY, Network

POSTGRES = os.environ.get("CRENEAU_TEST_BACKEND") == "postgres"
LOCKINGS = ["fine", "global"] if POSTGRES else ["fine"]


def race(n, attempt):
    barrier = threading.Barrier(n)

    def go(i):
        barrier.wait()
        return attempt(i)

    with concurrent.futures.ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(go, range(n)))


@pytest.fixture(params=LOCKINGS)
def net(request, make_server):
    return Network(make_server("--pg-locking", request.param))


def test_racing_bookings_of_one_slot_give_one_201_and_409s(net):
    def attempt(i):
        return net.book(net.paris, f"{MONDAY}T10:00:00+01:00", [{"service_id": net.cut, "staff_id": net.paula}])

    answers = race(12, attempt)
    statuses = [a.status for a in answers]
    assert statuses.count(201) == 1, answers
    assert all(a.status == 409 and a.error_code == "slot_taken" for a in answers if a.status != 201), answers
    listed = net.admin.get("/api/appointments", staff_id=net.paula, **{"from": MONDAY, "to": MONDAY})
    assert listed["total"] == 1


def portal(net, email):
    r = net.server.api().post("/api/portal/register", {"first_name": "Client", "last_name": email.split("@")[0],
                                                       "email": email, "phone": "", "password": "client-pass-123"})
    assert r.status == 201, r
    return net.server.api(r["token"])


def test_racing_any_staff_bookings_fill_each_free_staff_member_once(net):
    # At 15:00 in Paris, Paula and Nora are free: two clients at most get it, whoever asks first.
    clients = [portal(net, f"c{i}@example.com") for i in range(8)]

    def attempt(i):
        return clients[i].post("/api/portal/appointments", {"salon_id": net.paris, "start": f"{MONDAY}T15:00:00+01:00",
                                                            "lines": [{"service_id": net.cut}]})

    answers = race(8, attempt)
    taken = [a for a in answers if a.status == 201]
    assert len(taken) == 2, answers
    assert sorted(a["lines"][0]["staff_id"] for a in taken) == sorted([net.paula, net.nora])
    assert all(a.status == 409 and a.error_code == "slot_taken" for a in answers if a.status != 201), answers


def test_first_bookings_of_one_account_at_once_make_one_file(net):
    api = portal(net, "once@example.com")

    def attempt(i):
        return api.post("/api/portal/appointments", {"salon_id": net.paris, "start": f"{MONDAY}T1{i}:00:00+01:00",
                                                     "lines": [{"service_id": net.cut, "staff_id": net.paula}]})

    answers = race(4, attempt)
    assert [a.status for a in answers] == [201] * 4, answers
    assert len({a["client_id"] for a in answers}) == 1, answers


def test_bookings_at_two_salons_at_once_all_succeed(net):
    # Distinct quarter hours of Paula (Paris) and Marc (Montréal), booked together: every one is accepted.
    def attempt(i):
        hour = 9 + i // 4 % 8
        minute = 15 * (i % 4)
        if i % 2:
            return net.book(net.paris, f"{MONDAY}T{hour:02d}:{minute:02d}:00+01:00",
                            [{"service_id": net.cut, "staff_id": net.paula, "duration_minutes": 15}])
        return net.book(net.montreal, f"{MONDAY}T{hour:02d}:{minute:02d}:00-05:00",
                        [{"service_id": net.cut, "staff_id": net.marc, "duration_minutes": 15}])

    answers = race(16, attempt)
    assert [a.status for a in answers] == [201] * 16, answers
    assert net.admin.get("/api/appointments", **{"from": MONDAY, "to": MONDAY})["total"] == 16


def test_one_package_session_raced_from_two_salons_is_used_once(net):
    a = net.admin
    laser = a.post("/api/services", {"name": "Laser", "duration_minutes": 30, "price_cents": 0, "package_only": True})
    assert laser.status == 201, laser
    for staff in (net.paula, net.marc):
        s = a.get(f"/api/staff/{staff}").json
        assert a.patch(f"/api/staff/{staff}", {"service_ids": s["service_ids"] + [laser["id"]]}).status == 200
    t = a.post("/api/package_types", {"name": "1 séance", "sessions": 1, "service_ids": [laser["id"]]})
    assert t.status == 201, t
    p = a.post(f"/api/clients/{net.client}/packages", {"package_type_id": t["id"], "start_date": "2027-01-01",
                                                       "salon_id": net.paris})
    assert p.status == 201, p

    def attempt(i):
        if i % 2:
            return net.book(net.paris, f"{MONDAY}T10:00:00+01:00", [{"service_id": laser["id"], "staff_id": net.paula}])
        return net.book(net.montreal, f"{MONDAY}T10:00:00-05:00", [{"service_id": laser["id"], "staff_id": net.marc}])

    answers = race(8, attempt)
    assert [a.status for a in answers].count(201) == 1, answers
    assert all(a.status in (409, 422) and a.error_code != "internal" for a in answers if a.status != 201), answers


@pytest.mark.skipif(not POSTGRES, reason="SQLite has one writer at a time")
@pytest.mark.parametrize("locking", ["fine", "global"])
def test_a_booking_waits_only_for_what_it_shares(make_server, locking):
    """A transaction holding Paula's lock (a slow booking at Paris) holds up a booking of Paula, not one of Marc at
    Montréal; with --pg-locking global, it holds up every writer."""
    import psycopg2

    net = Network(make_server("--pg-locking", locking))
    # Another client for Marc: a booking locks its client too (their packages), and Paula's waiting one holds it.
    other = net.admin.post("/api/clients", {"first_name": "Zoé", "last_name": "Roy", "email": "zoe@example.com"})
    held = psycopg2.connect(net.server.db)
    cur = held.cursor()
    # What a booking of Paula at Paris holds while it decides (store/locks.hpp: staff = kind 3).
    cur.execute("SELECT pg_advisory_xact_lock_shared(4242), pg_advisory_xact_lock(%s)", ((3 << 48) | net.paula,))
    if locking == "global":
        cur.execute("SELECT pg_advisory_xact_lock(4242)")
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        paula = pool.submit(net.book, net.paris, f"{MONDAY}T10:00:00+01:00",
                            [{"service_id": net.cut, "staff_id": net.paula}])
        marc = pool.submit(net.book, net.montreal, f"{MONDAY}T10:00:00-05:00",
                           [{"service_id": net.cut, "staff_id": net.marc}], client_id=other["id"])
        if locking == "fine":
            assert marc.result(timeout=10).status == 201
        else:
            with pytest.raises(concurrent.futures.TimeoutError):
                marc.result(timeout=1)
        with pytest.raises(concurrent.futures.TimeoutError):
            paula.result(timeout=1)
        held.rollback()
        assert paula.result(timeout=10).status == 201
        assert marc.result(timeout=10).status == 201
    held.close()


def test_an_unknown_locking_is_refused(tmp_path):
    with pytest.raises(RuntimeError):
        Server(str(tmp_path), ["--pg-locking", "sometimes"])
