"""A salon's frame (its profile and settings, the catalogue with the salon's overrides, its rooms, its staff with
their hours, skills and salons) may be kept in memory between requests: it must never be stale. After each kind
of change made through the API, the very next availability answer (staff route and portal) and the very next
booking reflect it; a rejected write changes nothing. Each test asks first, so that a cached frame exists before
the change. Paris (+01:00) and Montréal (-05:00) of network.py, on Monday 1 March 2027 unless told."""
import pytest

from network import HOURS, MONDAY, Network, day_availability as availability, grid

TUESDAY = "2027-03-02"
SATURDAY = "2027-03-06"
PARIS_ROWS = [{"weekday": d, "start": "09:00", "end": "18:00", "salon_id": 1} for d in range(1, 6)]  # Paula's


@pytest.fixture
def net(server):
    return Network(server)



def starts(net, salon, service, staff=None, day=MONDAY, portal=False, offset=None):
    """The slots' starts as local 'HH:MM', after checking that each is on `day` at the salon's UTC offset (Paris
    +01:00, Montréal -05:00 unless told). The staff route (as admin) unless `portal` (no token)."""
    api = net.server.api() if portal else net.admin
    r = availability(api, salon, service, day, portal, **({"staff_id": staff} if staff else {}))
    assert r.status == 200, r
    offset = offset or ("+01:00" if salon == net.paris else "-05:00")
    assert all(s["start"][:10] == day and s["start"][19:] == offset for s in r["slots"]), r
    return [s["start"][11:16] for s in r["slots"]]


def book(net, salon, day, hhmm, service, staff, offset=None, **line):
    offset = offset or ("+01:00" if salon == net.paris else "-05:00")
    return net.book(salon, f"{day}T{hhmm}:00{offset}", [{"service_id": service, "staff_id": staff, **line}])


def refused(r, status, code, field=None):
    assert r.status == status and r.error_code == code, r
    if field:
        assert r["error"]["field"] == field, r


# ---- settings -----------------------------------------------------------------------------------------

def test_slot_step_and_opening_hours_apply_at_once(net):
    a = net.admin
    assert starts(net, net.paris, net.cut, net.paula) == grid("09:00", "17:30")
    assert starts(net, net.paris, net.cut, portal=True) == grid("09:00", "18:30")  # Nora until 19:00
    assert starts(net, net.montreal, net.cut, net.marc) == grid("09:00", "17:30")

    assert a.patch("/api/settings", {"booking": {"slot_step_minutes": 30}}, salon_id=net.paris).status == 200
    assert starts(net, net.paris, net.cut, net.paula) == grid("09:00", "17:30", 30)
    assert starts(net, net.paris, net.cut, portal=True) == grid("09:00", "18:30", 30)
    assert starts(net, net.montreal, net.cut, net.marc) == grid("09:00", "17:30")  # another salon's settings

    # Monday 10:00-12:00 only: Paula's Monday shrinks, Nora's afternoon goes, Tuesday stays.
    hours = [{"weekday": 1, "start": "10:00", "end": "12:00"}] + HOURS[1:]
    assert a.patch("/api/settings", {"opening_hours": hours}, salon_id=net.paris).status == 200
    assert starts(net, net.paris, net.cut, net.paula) == ["10:00", "10:30", "11:00", "11:30"]
    assert starts(net, net.paris, net.cut, portal=True) == ["10:00", "10:30", "11:00", "11:30"]
    assert starts(net, net.paris, net.cut, net.paula, day=TUESDAY) == grid("09:00", "17:30", 30)
    refused(book(net, net.paris, MONDAY, "09:00", net.cut, net.paula), 422, "outside_hours", "lines[0].start")
    refused(book(net, net.paris, MONDAY, "15:00", net.cut, net.nora), 422, "outside_hours", "lines[0].start")
    assert book(net, net.paris, MONDAY, "11:30", net.cut, net.paula).status == 201
    assert starts(net, net.paris, net.cut, net.paula) == ["10:00", "10:30", "11:00"]
    assert starts(net, net.montreal, net.cut, net.marc) == grid("09:00", "17:30")

    # And back: the whole day again, on the 15-minute grid, the booking still there.
    assert a.patch("/api/settings", {"opening_hours": HOURS, "booking": {"slot_step_minutes": 15}},
                   salon_id=net.paris).status == 200
    assert starts(net, net.paris, net.cut, net.paula) == grid("09:00", "11:00") + grid("12:00", "17:30")
    assert book(net, net.paris, MONDAY, "15:00", net.cut, net.nora).status == 201


def test_a_time_zone_change_moves_the_slots(net):
    a = net.admin
    assert starts(net, net.paris, net.cut, net.paula) == grid("09:00", "17:30")
    assert starts(net, net.paris, net.cut, portal=True)[0] == "09:00"

    # The hours are local times: the same wall-clock times, at Tokyo's offset.
    assert a.patch("/api/settings", {"timezone": "Asia/Tokyo"}, salon_id=net.paris).status == 200
    assert starts(net, net.paris, net.cut, net.paula, offset="+09:00") == grid("09:00", "17:30")
    assert starts(net, net.paris, net.cut, portal=True, offset="+09:00") == grid("09:00", "18:30")
    assert net.server.api().get("/api/portal/salon", salon_id=net.paris)["timezone"] == "Asia/Tokyo"
    # 17:30 in Paris is 01:30 on Tuesday in Tokyo: outside her hours now; 09:00 Tokyo time is hers.
    refused(book(net, net.paris, MONDAY, "17:30", net.cut, net.paula), 422, "outside_hours")
    r = book(net, net.paris, MONDAY, "09:00", net.cut, net.paula, offset="+09:00")
    assert r.status == 201 and r["start"] == f"{MONDAY}T09:00:00+09:00", r
    assert starts(net, net.paris, net.cut, net.paula, offset="+09:00") == grid("09:30", "17:30")
    assert starts(net, net.montreal, net.cut, net.marc) == grid("09:00", "17:30")  # Montréal keeps its zone

    # Through the salon's profile too; the Tokyo booking (01:00 in Paris) leaves her Monday whole.
    assert a.patch(f"/api/salons/{net.paris}", {"timezone": "Europe/Paris"}).status == 200
    assert starts(net, net.paris, net.cut, net.paula) == grid("09:00", "17:30")
    assert a.get("/api/settings", salon_id=net.paris)["timezone"] == "Europe/Paris"
    assert book(net, net.paris, MONDAY, "17:30", net.cut, net.paula).status == 201


# ---- staff --------------------------------------------------------------------------------------------

def test_working_hours_changed(net):
    assert starts(net, net.paris, net.cut, net.paula) == grid("09:00", "17:30")
    assert starts(net, net.paris, net.cut, net.paula, day=TUESDAY) == grid("09:00", "17:30")
    hours = [{"weekday": 1, "start": "10:00", "end": "12:00", "salon_id": net.paris},
             {"weekday": 1, "start": "14:00", "end": "15:00", "salon_id": net.paris}]
    assert net.admin.patch(f"/api/staff/{net.paula}", {"hours": hours}).status == 200
    assert starts(net, net.paris, net.cut, net.paula) == grid("10:00", "11:30") + grid("14:00", "14:30")
    assert starts(net, net.paris, net.cut, net.paula, day=TUESDAY) == []
    # The portal (anyone): Paula's new hours, then Nora from 15:00.
    assert starts(net, net.paris, net.cut, portal=True) == \
        grid("10:00", "11:30") + grid("14:00", "14:30") + grid("15:00", "18:30")
    refused(book(net, net.paris, TUESDAY, "10:00", net.cut, net.paula), 422, "outside_hours")
    refused(book(net, net.paris, MONDAY, "09:00", net.cut, net.paula), 422, "outside_hours")
    assert book(net, net.paris, MONDAY, "14:30", net.cut, net.paula).status == 201
    assert starts(net, net.paris, net.cut, net.paula) == grid("10:00", "11:30") + ["14:00"]

    assert net.admin.patch(f"/api/staff/{net.paula}", {"hours": PARIS_ROWS}).status == 200
    assert starts(net, net.paris, net.cut, net.paula, day=TUESDAY) == grid("09:00", "17:30")
    assert starts(net, net.paris, net.cut, net.paula) == grid("09:00", "14:00") + grid("15:00", "17:30")


def test_a_deleted_staff_member_is_no_longer_offered(net):
    public = net.server.api()
    assert starts(net, net.paris, net.cut) == grid("09:00", "18:30")
    assert starts(net, net.paris, net.cut, portal=True) == grid("09:00", "18:30")
    assert net.paula in [s["id"] for s in public.get("/api/portal/staff", salon_id=net.paris)["items"]]

    assert net.admin.delete(f"/api/staff/{net.paula}").status == 204
    r = availability(net.admin, net.paris, net.cut)
    assert [s["start"][11:16] for s in r["slots"]] == grid("15:00", "18:30")
    assert {s["lines"][0]["staff_id"] for s in r["slots"]} == {net.nora}
    assert starts(net, net.paris, net.cut, net.paula) == []
    assert starts(net, net.paris, net.cut, portal=True) == grid("15:00", "18:30")
    assert net.paula not in [s["id"] for s in public.get("/api/portal/staff", salon_id=net.paris)["items"]]
    refused(book(net, net.paris, MONDAY, "10:00", net.cut, net.paula), 422, "validation_failed", "lines[0].staff_id")
    assert book(net, net.paris, MONDAY, "15:00", net.cut, net.nora).status == 201


def test_skills_changed(net):
    a = net.admin
    assert starts(net, net.paris, net.color, net.paula) == grid("09:00", "17:00")
    assert starts(net, net.paris, net.color) == grid("09:00", "18:00")
    assert a.patch(f"/api/staff/{net.paula}", {"service_ids": [net.cut]}).status == 200
    assert starts(net, net.paris, net.color, net.paula) == []
    assert starts(net, net.paris, net.color) == grid("15:00", "18:00")  # Nora alone
    assert starts(net, net.paris, net.color, portal=True) == grid("15:00", "18:00")
    assert starts(net, net.paris, net.cut, net.paula) == grid("09:00", "17:30")
    refused(book(net, net.paris, MONDAY, "10:00", net.color, net.paula), 422, "validation_failed", "lines[0].staff_id")

    assert a.patch(f"/api/staff/{net.paula}", {"service_ids": [net.cut, net.color]}).status == 200
    assert starts(net, net.paris, net.color, portal=True) == grid("09:00", "18:00")
    assert book(net, net.paris, MONDAY, "10:00", net.color, net.paula).status == 201
    assert starts(net, net.paris, net.color, net.paula) == grid("09:00", "09:00") + grid("11:00", "17:00")


def test_staff_member_added_to_a_second_salon(net):
    a = net.admin
    assert starts(net, net.montreal, net.cut, day=SATURDAY) == []  # nobody works Saturdays
    assert starts(net, net.montreal, net.cut, net.paula) == []
    public = net.server.api()
    assert net.paula not in [s["id"] for s in public.get("/api/portal/staff", salon_id=net.montreal)["items"]]

    saturday = [{"weekday": 6, "start": "10:00", "end": "12:00", "salon_id": net.montreal}]
    r = a.patch(f"/api/staff/{net.paula}", {"salon_ids": [net.paris, net.montreal], "hours": PARIS_ROWS + saturday})
    assert r.status == 200 and r["salon_ids"] == [net.paris, net.montreal], r
    r = availability(a, net.montreal, net.cut, SATURDAY)
    assert [s["start"] for s in r["slots"]] == [f"{SATURDAY}T{t}:00-05:00" for t in grid("10:00", "11:30")]
    assert {s["lines"][0]["staff_id"] for s in r["slots"]} == {net.paula}
    assert starts(net, net.montreal, net.cut, day=SATURDAY, portal=True) == grid("10:00", "11:30")
    assert net.paula in [s["id"] for s in public.get("/api/portal/staff", salon_id=net.montreal)["items"]]
    assert starts(net, net.paris, net.cut, net.paula) == grid("09:00", "17:30")  # Paris as before
    r = book(net, net.montreal, SATURDAY, "10:00", net.cut, net.paula)
    assert r.status == 201 and r["salon_id"] == net.montreal, r
    assert starts(net, net.montreal, net.cut, day=SATURDAY) == grid("10:30", "11:30")

    # Out of Montréal again: gone there at once.
    assert a.patch(f"/api/staff/{net.paula}", {"salon_ids": [net.paris], "hours": PARIS_ROWS}).status == 200
    assert starts(net, net.montreal, net.cut, day=SATURDAY) == []
    refused(book(net, net.montreal, SATURDAY, "11:00", net.cut, net.paula), 422, "validation_failed",
            "lines[0].staff_id")


# ---- services and overrides ---------------------------------------------------------------------------

def test_a_duration_changed_for_the_network(net):
    assert starts(net, net.paris, net.cut, net.paula) == grid("09:00", "17:30")
    assert starts(net, net.montreal, net.cut, net.marc) == grid("09:00", "17:30")
    assert net.admin.patch(f"/api/services/{net.cut}", {"duration_minutes": 45}).status == 200
    assert starts(net, net.paris, net.cut, net.paula) == grid("09:00", "17:15")
    assert starts(net, net.montreal, net.cut, net.marc) == grid("09:00", "17:15")
    assert starts(net, net.paris, net.cut, portal=True) == grid("09:00", "18:15")
    first = availability(net.admin, net.paris, net.cut, staff_id=net.paula)["slots"][0]
    assert first["end"] == f"{MONDAY}T09:45:00+01:00"
    r = book(net, net.paris, MONDAY, "17:15", net.cut, net.paula)
    assert r.status == 201 and r["lines"][0]["duration_minutes"] == 45 and r["end"] == f"{MONDAY}T18:00:00+01:00", r
    refused(book(net, net.montreal, MONDAY, "17:30", net.cut, net.marc), 422, "outside_hours")


def test_a_salon_override_changes_that_salon_only(net):
    a = net.admin
    assert starts(net, net.montreal, net.cut, net.marc) == grid("09:00", "17:30")
    assert starts(net, net.paris, net.cut, net.paula) == grid("09:00", "17:30")
    r = a.call("PUT", f"/api/salons/{net.montreal}/services/{net.cut}",
               {"offered": True, "price_cents": 4500, "duration_minutes": 60})
    assert r.status == 200, r
    assert starts(net, net.montreal, net.cut, net.marc) == grid("09:00", "17:00")
    assert starts(net, net.montreal, net.cut, portal=True) == grid("09:00", "17:00")
    assert starts(net, net.paris, net.cut, net.paula) == grid("09:00", "17:30")
    r = book(net, net.montreal, MONDAY, "17:00", net.cut, net.marc)
    assert r.status == 201 and (r["lines"][0]["duration_minutes"], r["lines"][0]["price_cents"]) == (60, 4500), r
    r = book(net, net.paris, MONDAY, "17:30", net.cut, net.paula)
    assert r.status == 201 and (r["lines"][0]["duration_minutes"], r["lines"][0]["price_cents"]) == (30, 3000), r

    # Not offered at Montréal: 422 there (staff route, portal, booking); Paris untouched.
    assert a.call("PUT", f"/api/salons/{net.montreal}/services/{net.cut}", {"offered": False}).status == 200
    refused(availability(a, net.montreal, net.cut, staff_id=net.marc), 422, "validation_failed", "service_ids")
    refused(availability(net.server.api(), net.montreal, net.cut, portal=True), 422, "validation_failed", "service_ids")
    refused(book(net, net.montreal, MONDAY, "10:00", net.cut, net.marc), 422, "validation_failed",
            "lines[0].service_id")
    assert starts(net, net.paris, net.cut, net.paula) == grid("09:00", "17:00")

    # Offered again with the network's values: 30 minutes, Marc's 17:00-18:00 still booked.
    r = a.call("PUT", f"/api/salons/{net.montreal}/services/{net.cut}",
               {"offered": True, "price_cents": None, "duration_minutes": None})
    assert r.status == 200, r
    assert starts(net, net.montreal, net.cut, net.marc) == grid("09:00", "16:30")
    r = book(net, net.montreal, MONDAY, "10:00", net.cut, net.marc)
    assert r.status == 201 and (r["lines"][0]["duration_minutes"], r["lines"][0]["price_cents"]) == (30, 3000), r


def test_rooms_added_and_removed(net):
    a = net.admin
    # Nora's facial at 15:00 holds Paris's only room: Paula's facials may not overlap 15:00-15:45.
    assert book(net, net.paris, MONDAY, "15:00", net.facial, net.nora, resource_id=net.paris_room).status == 201
    one_room = grid("09:00", "14:15") + grid("15:45", "17:15")
    assert starts(net, net.paris, net.facial, net.paula) == one_room
    room2 = a.post("/api/resources", {"name": "Cabine Paris 2", "salon_id": net.paris})["id"]
    assert starts(net, net.paris, net.facial, net.paula) == one_room  # the service does not name it yet

    rooms = [net.paris_room, net.montreal_room]
    assert a.patch(f"/api/services/{net.facial}", {"resource_ids": rooms + [room2]}).status == 200
    r = availability(a, net.paris, net.facial, staff_id=net.paula)
    assert [s["start"][11:16] for s in r["slots"]] == grid("09:00", "17:15")
    assert {s["lines"][0]["resource_id"] for s in r["slots"] if "14:30" <= s["start"][11:16] <= "15:30"} == {room2}
    assert starts(net, net.paris, net.facial, portal=True) == grid("09:00", "18:15")

    # Taken off the service, then given back and deleted: one room again each time.
    assert a.patch(f"/api/services/{net.facial}", {"resource_ids": rooms}).status == 200
    assert starts(net, net.paris, net.facial, net.paula) == one_room
    refused(book(net, net.paris, MONDAY, "15:00", net.facial, net.paula, resource_id=room2), 422, "validation_failed")
    assert a.patch(f"/api/services/{net.facial}", {"resource_ids": rooms + [room2]}).status == 200
    assert starts(net, net.paris, net.facial, net.paula) == grid("09:00", "17:15")
    assert a.delete(f"/api/resources/{room2}").status == 204
    assert starts(net, net.paris, net.facial, net.paula) == one_room
    refused(book(net, net.paris, MONDAY, "15:00", net.facial, net.paula, resource_id=room2), 422, "validation_failed",
            "lines[0].resource_id")
    refused(book(net, net.paris, MONDAY, "15:00", net.facial, net.paula, resource_id=net.paris_room), 409, "slot_taken")
    assert book(net, net.paris, MONDAY, "15:45", net.facial, net.paula, resource_id=net.paris_room).status == 201


def test_a_new_service_is_bookable_at_once_and_a_deleted_one_answers_422(net):
    a = net.admin
    assert starts(net, net.paris, net.cut, net.paula) == grid("09:00", "17:30")
    new = a.post("/api/services", {"name": "Brushing", "duration_minutes": 50, "price_cents": 2000})
    assert new.status == 201, new
    brushing = new["id"]
    assert starts(net, net.paris, brushing) == []  # nobody performs it yet
    assert a.patch(f"/api/staff/{net.paula}", {"service_ids": [net.cut, net.color, net.facial, brushing]}).status == 200
    assert starts(net, net.paris, brushing) == grid("09:00", "17:00")
    assert starts(net, net.paris, brushing, portal=True) == grid("09:00", "17:00")
    assert brushing in [s["id"] for s in net.server.api().get("/api/portal/services", salon_id=net.paris)["items"]]
    r = book(net, net.paris, MONDAY, "09:00", brushing, net.paula)
    assert r.status == 201 and (r["lines"][0]["duration_minutes"], r["lines"][0]["price_cents"]) == (50, 2000), r
    assert starts(net, net.paris, brushing) == grid("10:00", "17:00")  # 09:00-09:50 taken

    assert a.delete(f"/api/services/{brushing}").status == 204
    refused(availability(a, net.paris, brushing), 422, "validation_failed", "service_ids")
    refused(availability(net.server.api(), net.paris, brushing, portal=True), 422, "validation_failed", "service_ids")
    refused(book(net, net.paris, MONDAY, "11:00", brushing, net.paula), 422, "validation_failed", "lines[0].service_id")
    assert starts(net, net.paris, net.cut, net.paula) == grid("10:00", "17:30")


# ---- time off (read each time, not cached, yet always right) ------------------------------------------

def test_time_off_added_and_deleted(net):
    assert starts(net, net.paris, net.cut, net.paula) == grid("09:00", "17:30")
    t = net.admin.post(f"/api/staff/{net.paula}/time_off", {"start": f"{MONDAY}T10:00:00+01:00",
                                                             "end": f"{MONDAY}T12:00:00+01:00"})
    assert t.status == 201, t
    assert starts(net, net.paris, net.cut, net.paula) == grid("09:00", "09:30") + grid("12:00", "17:30")
    refused(book(net, net.paris, MONDAY, "10:00", net.cut, net.paula), 409, "slot_taken")
    assert net.admin.delete(f"/api/staff/{net.paula}/time_off/{t['id']}").status == 204
    assert starts(net, net.paris, net.cut, net.paula) == grid("09:00", "17:30")
    assert book(net, net.paris, MONDAY, "10:00", net.cut, net.paula).status == 201


# ---- rejected writes ----------------------------------------------------------------------------------

def test_rejected_writes_leave_every_answer_as_it_was(net):
    a = net.admin

    def answers():
        return (availability(a, net.paris, net.cut, staff_id=net.paula).json,
                availability(net.server.api(), net.paris, net.cut, portal=True).json,
                availability(a, net.montreal, net.cut, staff_id=net.marc).json,
                availability(a, net.paris, net.color).json,
                a.get("/api/settings", salon_id=net.paris).json)

    before = answers()
    assert [s["start"][11:16] for s in before[0]["slots"]] == grid("09:00", "17:30")
    opening = [{"weekday": 1, "start": "10:00", "end": "12:00"}]
    short = [{**opening[0], "salon_id": net.paris}]
    mm = net.as_staff("mm")

    def put(path, body):
        return a.call("PUT", path, body)

    writes = [
        # Valid changes together with one invalid member: all or nothing.
        (a.patch, "/api/settings", {"booking": {"slot_step_minutes": 30}, "opening_hours": opening,
                                    "timezone": "Mars/Olympus_Mons"}, {"salon_id": net.paris}, 422),
        (a.patch, "/api/settings", {"booking": {"slot_step_minutes": 0}}, {"salon_id": net.paris}, 422),
        (a.patch, f"/api/staff/{net.paula}", {"hours": short, "service_ids": [net.cut, 999999]}, {}, 422),
        (a.patch, f"/api/staff/{net.paula}", {"hours": short, "salon_ids": [net.paris, 999]}, {}, 422),
        (a.patch, f"/api/staff/{net.paula}", {"hours": short, "email": "not-an-email"}, {}, 422),
        (a.patch, f"/api/staff/{net.nora}", {"hours": [
            {"weekday": 1, "start": "09:00", "end": "12:00", "salon_id": net.paris},
            {"weekday": 1, "start": "11:00", "end": "14:00", "salon_id": net.montreal}]}, {}, 422),
        (a.post, "/api/staff", {"first_name": "Zoé", "email": "bad", "salon_ids": [net.paris],
                                "service_ids": [net.cut], "hours": PARIS_ROWS}, {}, 422),
        (a.patch, f"/api/services/{net.cut}", {"duration_minutes": 60, "resource_ids": [999999]}, {}, 422),
        (a.patch, f"/api/services/{net.cut}", {"duration_minutes": 2}, {}, 422),
        (put, f"/api/salons/{net.montreal}/services/{net.cut}", {"offered": False, "duration_minutes": 2}, {}, 422),
        (a.patch, f"/api/salons/{net.paris}", {"timezone": "Asia/Tokyo", "slug": "montreal"}, {}, 422),
        # A manager of Montréal may not change Paris.
        (mm.patch, "/api/settings", {"booking": {"slot_step_minutes": 30}}, {"salon_id": net.paris}, 403),
        (mm.patch, f"/api/staff/{net.paula}", {"hours": short}, {}, 403),
    ]
    for method, path, body, params, status in writes:
        r = method(path, body, **params)
        assert r.status == status, (path, body, r)
        assert answers() == before, (path, body)
    r = book(net, net.paris, MONDAY, "09:00", net.cut, net.paula)
    assert r.status == 201 and r["lines"][0]["duration_minutes"] == 30, r
