"""Salon networks: staff at several salons, availability and booking per salon, and no double booking across
salons (a stylist shared by two salons in different time zones)."""
import concurrent.futures

import pytest

from network import MONDAY, Network


@pytest.fixture
def net(server):
    return Network(server)


def starts(api, **params):
    r = api.get("/api/availability", **params)
    assert r.status == 200, r
    return [s["start"] for s in r["slots"]]


def test_availability_uses_that_salon_hours_rows_and_zone(net):
    paris = starts(net.admin, salon_id=net.paris, service_ids=net.cut, staff_id=net.nora, **{"from": MONDAY})
    assert paris[0] == f"{MONDAY}T15:00:00+01:00" and paris[-1] == f"{MONDAY}T18:30:00+01:00"
    montreal = starts(net.admin, salon_id=net.montreal, service_ids=net.cut, staff_id=net.nora, **{"from": MONDAY})
    assert montreal[0] == f"{MONDAY}T09:00:00-05:00" and montreal[-1] == f"{MONDAY}T12:30:00-05:00"
    # Marc works at Montréal only.
    assert starts(net.admin, salon_id=net.paris, service_ids=net.cut, staff_id=net.marc, **{"from": MONDAY}) == []
    r = net.admin.get("/api/availability", service_ids=net.cut, **{"from": MONDAY})
    assert r.status == 422 and r["error"]["field"] == "salon_id"


def test_a_booking_at_one_salon_blocks_the_shared_stylist_at_the_other(net):
    # 15:00 in Paris is 09:00 in Montréal: the same hour of real time.
    b = net.book(net.paris, f"{MONDAY}T15:00:00+01:00", [{"service_id": net.cut, "staff_id": net.nora}])
    assert b.status == 201 and b["salon_id"] == net.paris, b
    r = net.book(net.montreal, f"{MONDAY}T09:00:00-05:00", [{"service_id": net.cut, "staff_id": net.nora}])
    assert r.status == 409 and r.error_code == "slot_taken", r
    montreal = starts(net.admin, salon_id=net.montreal, service_ids=net.cut, staff_id=net.nora, **{"from": MONDAY})
    assert f"{MONDAY}T09:00:00-05:00" not in montreal and f"{MONDAY}T09:30:00-05:00" in montreal


def test_time_off_applies_at_every_salon(net):
    r = net.admin.post(f"/api/staff/{net.nora}/time_off", {"start": f"{MONDAY}T14:00:00Z", "end": f"{MONDAY}T15:00:00Z"})
    assert r.status == 201, r
    paris = starts(net.admin, salon_id=net.paris, service_ids=net.cut, staff_id=net.nora, **{"from": MONDAY})
    montreal = starts(net.admin, salon_id=net.montreal, service_ids=net.cut, staff_id=net.nora, **{"from": MONDAY})
    assert paris[0] == f"{MONDAY}T16:00:00+01:00" and montreal[0] == f"{MONDAY}T10:00:00-05:00"


def test_the_shared_stylist_racing_from_both_salons_is_booked_once(net):
    bodies = [(net.paris, f"{MONDAY}T15:00:00+01:00"), (net.montreal, f"{MONDAY}T09:00:00-05:00")]

    def attempt(i):
        salon, start = bodies[i % 2]
        return net.book(salon, start, [{"service_id": net.cut, "staff_id": net.nora}]).status

    with concurrent.futures.ThreadPoolExecutor(max_workers=12) as pool:
        statuses = list(pool.map(attempt, range(12)))
    assert statuses.count(201) == 1, statuses
    assert all(s == 409 for s in statuses if s != 201), statuses
    listed = net.admin.get("/api/appointments", staff_id=net.nora, **{"from": MONDAY, "to": MONDAY})
    assert listed["total"] == 1


def test_a_line_of_staff_or_room_from_another_salon_is_refused(net):
    r = net.book(net.paris, f"{MONDAY}T10:00:00+01:00", [{"service_id": net.cut, "staff_id": net.marc}])
    assert r.status == 422 and r["error"]["field"] == "lines[0].staff_id", r
    r = net.book(net.paris, f"{MONDAY}T10:00:00+01:00",
                 [{"service_id": net.facial, "staff_id": net.paula, "resource_id": net.montreal_room}])
    assert r.status == 422 and r["error"]["field"] == "lines[0].resource_id", r
    ok = net.book(net.paris, f"{MONDAY}T10:00:00+01:00",
                  [{"service_id": net.facial, "staff_id": net.paula, "resource_id": net.paris_room}])
    assert ok.status == 201, ok
    assert net.admin.get("/api/appointments", salon_id=net.paris)["total"] == 1


def test_salon_id_on_create_is_required_when_ambiguous_and_must_exist(net):
    body = {"client_id": net.client, "start": f"{MONDAY}T10:00:00+01:00",
            "lines": [{"service_id": net.cut, "staff_id": net.paula}]}
    r = net.admin.post("/api/appointments", body)
    assert r.status == 422 and r["error"]["field"] == "salon_id", r
    r = net.admin.post("/api/appointments", {**body, "salon_id": 999})
    assert r.status == 422 and r["error"]["field"] == "salon_id", r
    # An employee of one salon may leave it out.
    paula = net.as_staff("paula")
    r = paula.post("/api/appointments", body)
    assert r.status == 201 and r["salon_id"] == net.paris, r
    assert net.admin.get("/api/appointments")["total"] == 1


def test_lists_answer_every_salon_the_caller_sees_each_in_its_zone(net):
    assert net.book(net.paris, f"{MONDAY}T10:00:00+01:00", [{"service_id": net.cut, "staff_id": net.paula}]).status == 201
    assert net.book(net.montreal, f"{MONDAY}T10:00:00-05:00", [{"service_id": net.cut, "staff_id": net.marc}]).status == 201
    both = net.admin.get("/api/appointments")
    assert both["total"] == 2
    by_salon = {a["salon_id"]: a for a in both["items"]}
    assert by_salon[net.paris]["start"].endswith("+01:00") and by_salon[net.montreal]["start"].endswith("-05:00")
    assert net.as_staff("paula").get("/api/appointments")["total"] == 1
    assert net.as_staff("nora").get("/api/appointments")["total"] == 2
    assert net.admin.get("/api/appointments", salon_id=net.montreal)["items"][0]["salon_id"] == net.montreal


def test_hours_rows_of_two_salons_may_not_overlap(net):
    hours = [{"weekday": 1, "start": "09:00", "end": "12:00", "salon_id": net.paris},
             {"weekday": 1, "start": "11:00", "end": "14:00", "salon_id": net.montreal}]
    r = net.admin.patch(f"/api/staff/{net.nora}", {"hours": hours})
    assert r.status == 422 and r["error"]["field"] == "hours", r
    r = net.admin.patch(f"/api/staff/{net.paula}", {"hours": [{"weekday": 1, "start": "09:00", "end": "12:00",
                                                              "salon_id": net.montreal}]})
    assert r.status == 422 and r["error"]["field"] == "hours", r  # not one of her salons
    r = net.admin.post("/api/staff", {"first_name": "Zoé", "email": "zoe@net.test", "salon_ids": [net.paris, net.montreal],
                                      "hours": [{"weekday": 2, "start": "09:00", "end": "12:00"}]})
    assert r.status == 422 and r["error"]["field"] == "hours", r  # which salon?
    r = net.admin.post("/api/staff", {"first_name": "Zoé", "email": "zoe@net.test"})
    assert r.status == 422 and r["error"]["field"] == "salon_ids", r
    r = net.admin.post("/api/staff", {"first_name": "Zoé", "email": "zoe@net.test", "salon_ids": [999]})
    assert r.status == 422 and r["error"]["field"] == "salon_ids", r
    assert all(s["email"] != "zoe@net.test" for s in net.admin.get("/api/staff")["items"])


def test_portal_books_at_a_salon_and_sees_every_salon_visit(net):
    public = net.server.api()
    reg = public.post("/api/portal/register", {"first_name": "Iris", "last_name": "Blanc", "email": "iris@example.com",
                                              "password": "client-pass-123"})
    assert reg.status == 201, reg
    me = net.server.api(reg["token"])
    slots = public.get("/api/portal/availability", salon_id=net.montreal, service_ids=net.cut, **{"from": "2027-03-02"})
    assert slots.status == 200 and slots["slots"][0]["start"].endswith("-05:00")
    r = me.post("/api/portal/appointments", {"salon_id": net.montreal, "start": slots["slots"][0]["start"],
                                            "lines": [{"service_id": net.cut}]})
    assert r.status == 201 and r["salon_id"] == net.montreal, r
    slots = public.get("/api/portal/availability", salon_id=net.paris, service_ids=net.cut, **{"from": "2027-03-02"})
    r = me.post("/api/portal/appointments", {"salon_id": net.paris, "start": slots["slots"][0]["start"],
                                            "lines": [{"service_id": net.cut}]})
    assert r.status == 201 and r["salon_id"] == net.paris, r
    mine = me.get("/api/portal/appointments")
    assert {(a["salon_id"], a["salon_name"]) for a in mine["items"]} == {(net.paris, "Paris Centre"),
                                                                      (net.montreal, "Montréal Plateau")}
    r = me.post("/api/portal/appointments", {"start": slots["slots"][1]["start"], "lines": [{"service_id": net.cut}]})
    assert r.status == 422 and r["error"]["field"] == "salon_id"


def test_next_slots_gives_each_salon_first_free_slot(net):
    public = net.server.api()
    r = public.get("/api/portal/next_slots", service_ids=net.cut, **{"from": MONDAY})
    assert r.status == 200, r
    items = {i["salon_id"]: i for i in r["items"]}
    assert set(items) == {net.paris, net.montreal}
    assert items[net.montreal]["name"] == "Montréal Plateau" and items[net.montreal]["city"] == "Montréal"
    first = public.get("/api/portal/availability", salon_id=net.paris, service_ids=net.cut, **{"from": MONDAY})["slots"][0]
    assert items[net.paris]["first_slot"]["start"] == first["start"]
    # A salon that does not offer the service is left out; a range with nothing free gives null.
    net.admin.call("PUT", f"/api/salons/{net.montreal}/services/{net.cut}", {"offered": False})
    r = public.get("/api/portal/next_slots", service_ids=net.cut, **{"from": MONDAY})
    assert [i["salon_id"] for i in r["items"]] == [net.paris]
    r = public.get("/api/portal/next_slots", service_ids=net.cut, **{"from": "2027-03-07", "to": "2027-03-07"})
    assert r["items"][0]["first_slot"] is None  # a Sunday: nobody works
