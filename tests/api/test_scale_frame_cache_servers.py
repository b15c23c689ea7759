"""Two servers on one database (a load balancer's pair): a salon frame one of them keeps in memory must follow
what the other one writes. Server B answers first (so that it holds the old frame), server A writes, and B's very
next answer (availability, staff route and portal, and a booking) shows the change; the other way round too; a
write A rejects changes nothing at B. PostgreSQL, and SQLite too (two processes may share one file in WAL mode,
as test_delivery_crash.py does). Paris (+01:00) and Montréal (-05:00) of network.py, Monday 1 March 2027."""
import pytest

from network import HOURS, MONDAY, Network, day_availability as availability, grid

TUESDAY = "2027-03-02"
SATURDAY = "2027-03-06"
PARIS_ROWS = [{"weekday": d, "start": "09:00", "end": "18:00", "salon_id": 1} for d in range(1, 6)]  # Paula's


@pytest.fixture
def two(make_server):
    """Network on server A (net.admin); server B on the same database. Returns (net, B's admin, B's public api)."""
    a = make_server()
    net = Network(a)
    b = make_server(db=a.db)
    return net, b.admin(), b.api()



def starts(api, salon, service, staff=None, day=MONDAY, portal=False, offset="+01:00"):
    """The starts as local 'HH:MM', after checking each is on `day` at `offset` (Paris unless told)."""
    r = availability(api, salon, service, day, portal, **({"staff_id": staff} if staff else {}))
    assert r.status == 200, r
    assert all(s["start"][:10] == day and s["start"][19:] == offset for s in r["slots"]), r
    return [s["start"][11:16] for s in r["slots"]]


def book(api, net, salon, start, service, staff, **line):
    return api.post("/api/appointments", {"salon_id": salon, "client_id": net.client, "start": start,
                                          "lines": [{"service_id": service, "staff_id": staff, **line}]})


def test_settings_written_at_a_are_read_at_b_at_once(two):
    net, b, b_public = two
    a = net.admin
    assert starts(b, net.paris, net.cut, net.paula) == grid("09:00", "17:30")
    assert starts(b_public, net.paris, net.cut, portal=True) == grid("09:00", "18:30")

    hours = [{"weekday": 1, "start": "10:00", "end": "12:00"}] + HOURS[1:]
    assert a.patch("/api/settings", {"booking": {"slot_step_minutes": 30}, "opening_hours": hours},
                   salon_id=net.paris).status == 200
    assert starts(b, net.paris, net.cut, net.paula) == ["10:00", "10:30", "11:00", "11:30"]
    assert starts(b_public, net.paris, net.cut, portal=True) == ["10:00", "10:30", "11:00", "11:30"]
    assert starts(b, net.paris, net.cut, net.paula, day=TUESDAY) == grid("09:00", "17:30", 30)
    r = book(b, net, net.paris, f"{MONDAY}T09:00:00+01:00", net.cut, net.paula)
    assert r.status == 422 and r.error_code == "outside_hours", r
    assert b.get("/api/settings", salon_id=net.paris)["booking"]["slot_step_minutes"] == 30

    assert a.patch("/api/settings", {"timezone": "Asia/Tokyo"}, salon_id=net.paris).status == 200
    assert starts(b, net.paris, net.cut, net.paula, offset="+09:00") == ["10:00", "10:30", "11:00", "11:30"]
    assert b_public.get("/api/portal/salon", salon_id=net.paris)["timezone"] == "Asia/Tokyo"
    r = book(b, net, net.paris, f"{MONDAY}T10:00:00+09:00", net.cut, net.paula)
    assert r.status == 201 and r["start"] == f"{MONDAY}T10:00:00+09:00", r

    # And from B to A, A having answered first.
    assert starts(a, net.paris, net.cut, net.paula, offset="+09:00") == ["10:30", "11:00", "11:30"]
    assert b.patch("/api/settings", {"timezone": "Europe/Paris", "opening_hours": HOURS,
                                     "booking": {"slot_step_minutes": 15}}, salon_id=net.paris).status == 200
    assert starts(a, net.paris, net.cut, net.paula) == grid("09:00", "17:30")
    assert starts(net.server.api(), net.paris, net.cut, portal=True) == grid("09:00", "18:30")


def test_staff_written_at_a_are_read_at_b_at_once(two):
    net, b, b_public = two
    a = net.admin
    assert starts(b, net.paris, net.cut, net.paula) == grid("09:00", "17:30")
    assert starts(b, net.montreal, net.cut, day=SATURDAY, offset="-05:00") == []
    assert starts(b, net.paris, net.color) == grid("09:00", "18:00")

    # Hours.
    short = [{"weekday": 1, "start": "10:00", "end": "12:00", "salon_id": net.paris}]
    assert a.patch(f"/api/staff/{net.paula}", {"hours": short}).status == 200
    assert starts(b, net.paris, net.cut, net.paula) == grid("10:00", "11:30")
    r = book(b, net, net.paris, f"{TUESDAY}T10:00:00+01:00", net.cut, net.paula)
    assert r.status == 422 and r.error_code == "outside_hours", r

    # A second salon: Saturdays at Montréal.
    saturday = [{"weekday": 6, "start": "10:00", "end": "12:00", "salon_id": net.montreal}]
    assert a.patch(f"/api/staff/{net.paula}", {"salon_ids": [net.paris, net.montreal],
                                               "hours": PARIS_ROWS + saturday}).status == 200
    assert starts(b, net.paris, net.cut, net.paula) == grid("09:00", "17:30")
    assert starts(b_public, net.montreal, net.cut, day=SATURDAY, portal=True, offset="-05:00") == grid("10:00", "11:30")
    r = book(b, net, net.montreal, f"{SATURDAY}T10:00:00-05:00", net.cut, net.paula)
    assert r.status == 201 and r["salon_id"] == net.montreal, r

    # Skills.
    assert a.patch(f"/api/staff/{net.paula}", {"service_ids": [net.cut]}).status == 200
    assert starts(b, net.paris, net.color) == grid("15:00", "18:00")  # Nora alone
    r = book(b, net, net.paris, f"{MONDAY}T10:00:00+01:00", net.color, net.paula)
    assert r.status == 422 and r["error"]["field"] == "lines[0].staff_id", r

    # Time off (not kept in memory, yet through the other server as well).
    t = a.post(f"/api/staff/{net.paula}/time_off", {"start": f"{MONDAY}T10:00:00+01:00",
                                                    "end": f"{MONDAY}T12:00:00+01:00"})
    assert t.status == 201, t
    assert starts(b, net.paris, net.cut, net.paula) == grid("09:00", "09:30") + grid("12:00", "17:30")
    assert a.delete(f"/api/staff/{net.paula}/time_off/{t['id']}").status == 204
    assert starts(b, net.paris, net.cut, net.paula) == grid("09:00", "17:30")

    # Deleted.
    assert a.delete(f"/api/staff/{net.paula}").status == 204
    assert starts(b, net.paris, net.cut) == grid("15:00", "18:30")
    assert starts(b_public, net.paris, net.cut, portal=True) == grid("15:00", "18:30")
    assert starts(b, net.montreal, net.cut, day=SATURDAY, offset="-05:00") == []
    r = book(b, net, net.paris, f"{MONDAY}T10:00:00+01:00", net.cut, net.paula)
    assert r.status == 422 and r["error"]["field"] == "lines[0].staff_id", r


def test_catalogue_written_at_a_is_read_at_b_at_once(two):
    net, b, b_public = two
    a = net.admin
    assert starts(b, net.paris, net.cut, net.paula) == grid("09:00", "17:30")
    assert starts(b, net.montreal, net.cut, net.marc, offset="-05:00") == grid("09:00", "17:30")

    # A network-wide duration, then a Montréal override on top of it.
    assert a.patch(f"/api/services/{net.cut}", {"duration_minutes": 45}).status == 200
    assert starts(b, net.paris, net.cut, net.paula) == grid("09:00", "17:15")
    assert starts(b, net.montreal, net.cut, net.marc, offset="-05:00") == grid("09:00", "17:15")
    r = a.call("PUT", f"/api/salons/{net.montreal}/services/{net.cut}", {"offered": True, "duration_minutes": 60,
                                                                         "price_cents": 4500})
    assert r.status == 200, r
    assert starts(b, net.montreal, net.cut, net.marc, offset="-05:00") == grid("09:00", "17:00")
    assert starts(b, net.paris, net.cut, net.paula) == grid("09:00", "17:15")
    r = book(b, net, net.montreal, f"{MONDAY}T17:00:00-05:00", net.cut, net.marc)
    assert r.status == 201 and (r["lines"][0]["duration_minutes"], r["lines"][0]["price_cents"]) == (60, 4500), r
    assert a.call("PUT", f"/api/salons/{net.montreal}/services/{net.cut}", {"offered": False}).status == 200
    r = availability(b_public, net.montreal, net.cut, portal=True)
    assert r.status == 422 and r["error"]["field"] == "service_ids", r

    # A second Paris room for the facial, then deleted: Nora's facial at 15:00 holds the first one.
    r = book(b, net, net.paris, f"{MONDAY}T15:00:00+01:00", net.facial, net.nora, resource_id=net.paris_room)
    assert r.status == 201, r
    one_room = grid("09:00", "14:15") + grid("15:45", "17:15")
    assert starts(b, net.paris, net.facial, net.paula) == one_room
    room2 = a.post("/api/resources", {"name": "Cabine Paris 2", "salon_id": net.paris})["id"]
    rooms = [net.paris_room, net.montreal_room, room2]
    assert a.patch(f"/api/services/{net.facial}", {"resource_ids": rooms}).status == 200
    assert starts(b, net.paris, net.facial, net.paula) == grid("09:00", "17:15")
    assert a.delete(f"/api/resources/{room2}").status == 204
    assert starts(b, net.paris, net.facial, net.paula) == one_room
    r = book(b, net, net.paris, f"{MONDAY}T15:00:00+01:00", net.facial, net.paula, resource_id=room2)
    assert r.status == 422 and r["error"]["field"] == "lines[0].resource_id", r
    r = book(b, net, net.paris, f"{MONDAY}T15:00:00+01:00", net.facial, net.paula, resource_id=net.paris_room)
    assert r.status == 409 and r.error_code == "slot_taken", r

    # A new service, performed by Paula, then deleted.
    new = a.post("/api/services", {"name": "Brushing", "duration_minutes": 50, "price_cents": 2000})
    assert new.status == 201, new
    assert a.patch(f"/api/staff/{net.paula}", {"service_ids": [net.cut, new["id"]]}).status == 200
    assert starts(b_public, net.paris, new["id"], portal=True) == grid("09:00", "17:00")
    assert a.delete(f"/api/services/{new['id']}").status == 204
    r = availability(b, net.paris, new["id"])
    assert r.status == 422 and r["error"]["field"] == "service_ids", r


def test_a_write_rejected_at_a_changes_nothing_at_b(two):
    net, b, b_public = two
    a = net.admin

    def answers():
        return (availability(b, net.paris, net.cut, staff_id=net.paula).json,
                availability(b_public, net.paris, net.cut, portal=True).json,
                availability(b, net.montreal, net.cut).json)

    before = answers()
    assert [s["start"][11:16] for s in before[0]["slots"]] == grid("09:00", "17:30")
    r = a.patch("/api/settings", {"booking": {"slot_step_minutes": 30}, "timezone": "Mars/Olympus_Mons"},
                salon_id=net.paris)
    assert r.status == 422, r
    assert answers() == before
    short = [{"weekday": 1, "start": "10:00", "end": "12:00", "salon_id": net.paris}]
    r = a.patch(f"/api/staff/{net.paula}", {"hours": short, "service_ids": [net.cut, 999999]})
    assert r.status == 422 and r["error"]["field"] == "service_ids", r
    assert answers() == before
    r = a.call("PUT", f"/api/salons/{net.montreal}/services/{net.cut}", {"offered": False, "duration_minutes": 2})
    assert r.status == 422, r
    r = a.patch(f"/api/services/{net.cut}", {"duration_minutes": 60, "resource_ids": [999999]})
    assert r.status == 422, r
    assert answers() == before
    # The same change, valid this time, shows at once.
    assert a.patch(f"/api/staff/{net.paula}", {"hours": short}).status == 200
    assert starts(b, net.paris, net.cut, net.paula) == grid("10:00", "11:30")
