"""GET /api/availability over HTTP: hours and breaks, appointments, resources, skills, group capacity, time off,
the slot step, multi-service visits and the two DST days of Europe/Paris."""
from conftest import MONDAY

SPRING_FORWARD = "2027-03-28"  # a Sunday of 23 hours
FALL_BACK = "2027-10-31"       # a Sunday of 25 hours


def slots(admin, services, day, to=None, **params):
    r = admin.get("/api/availability", service_ids=",".join(str(s) for s in services), **{"from": day, "to": to or day},
                  **params)
    assert r.status == 200, r
    return r["slots"]


def times(ss):
    return [s["start"][11:16] for s in ss]


def book(salon, start, service, staff, client=None, **extra):
    r = salon.book(f"{MONDAY}T{start}:00+01:00", [{"service_id": service, "staff_id": staff, **extra}], client=client)
    assert r.status == 201, r
    return r.json


def test_hours_and_breaks(salon):
    ss = slots(salon.admin, [salon.cut], MONDAY)
    expected = [f"{h:02d}:{m:02d}" for h in range(9, 13) for m in (0, 15, 30, 45)][:-1] + \
               [f"{h:02d}:{m:02d}" for h in range(14, 18) for m in (0, 15, 30, 45)][:-1]
    assert times(ss) == expected
    s = ss[0]
    assert s["start"] == f"{MONDAY}T09:00:00+01:00" and s["end"] == f"{MONDAY}T09:30:00+01:00"
    assert s["lines"] == [{"service_id": salon.cut, "staff_id": salon.alice, "resource_id": None,
                           "start": s["start"], "end": s["end"]}]
    # Nothing on Saturday (the salon opens, the staff do not) nor on Sunday.
    assert slots(salon.admin, [salon.cut], "2027-03-06") == []
    assert slots(salon.admin, [salon.cut], "2027-03-07") == []


def test_appointments_and_staff_choice(salon):
    book(salon, "10:00", salon.cut, salon.alice)
    any_staff = slots(salon.admin, [salon.cut], MONDAY)
    at10 = [s for s in any_staff if s["start"].endswith("T10:00:00+01:00")]
    assert len(at10) == 1 and at10[0]["lines"][0]["staff_id"] == salon.bob
    alice_only = times(slots(salon.admin, [salon.cut], MONDAY, staff_id=salon.alice))
    assert "09:30" in alice_only and "09:45" not in alice_only and "10:00" not in alice_only
    assert "10:15" not in alice_only and "10:30" in alice_only
    assert "10:00" in times(slots(salon.admin, [salon.cut], MONDAY, staff_id=salon.bob))
    # Bob does not colour: nothing for him.
    assert slots(salon.admin, [salon.color], MONDAY, staff_id=salon.bob) == []


def test_multi_service_visit_back_to_back(salon):
    book(salon, "10:30", salon.color, salon.alice)  # Alice 10:30–11:30
    ss = slots(salon.admin, [salon.cut, salon.color], MONDAY)
    first = ss[0]
    assert first["start"].endswith("T09:00:00+01:00") and first["end"].endswith("T10:30:00+01:00")
    assert [l["service_id"] for l in first["lines"]] == [salon.cut, salon.color]
    assert first["lines"][0]["end"] == first["lines"][1]["start"]
    assert first["lines"][1]["staff_id"] == salon.alice
    t = times(ss)
    # The colour (Alice only) cannot run into 10:30–11:30: a visit starting 09:15 would.
    assert "09:15" not in t and "10:00" not in t and "11:30" in t
    # While the cut of a visit starting at 10:00 could go to Bob, the colour at 10:30 cannot.
    for s in ss:
        assert s["lines"][1]["staff_id"] == salon.alice


def test_resources_are_exclusive(salon):
    book(salon, "10:00", salon.facial, salon.bob, resource_id=salon.room)  # room 10:00–10:45
    t = times(slots(salon.admin, [salon.facial], MONDAY))
    assert "09:15" in t and "09:30" not in t and "10:00" not in t and "10:30" not in t and "10:45" in t
    ss = slots(salon.admin, [salon.facial], MONDAY)
    assert all(s["lines"][0]["resource_id"] == salon.room for s in ss)
    # A cut needs no room: Alice is free at 10:00.
    assert "10:00" in times(slots(salon.admin, [salon.cut], MONDAY))


def test_group_session_until_full(salon):
    extra = [salon.admin.post("/api/clients", {"first_name": "G", "last_name": str(i), "email": f"g{i}@example.com"})["id"]
             for i in range(2)]
    book(salon, "10:00", salon.workshop, salon.alice, client=salon.client)
    book(salon, "10:00", salon.workshop, salon.alice, client=salon.client2)
    t = times(slots(salon.admin, [salon.workshop], MONDAY))
    assert "10:00" in t and "10:15" not in t and "09:15" not in t
    book(salon, "10:00", salon.workshop, salon.alice, client=extra[0])
    t = times(slots(salon.admin, [salon.workshop], MONDAY))
    assert "10:00" not in t and "11:00" in t


def test_time_off(salon):
    r = salon.admin.post(f"/api/staff/{salon.alice}/time_off", {"start": f"{MONDAY}T09:00:00+01:00",
                                                               "end": f"{MONDAY}T18:00:00+01:00"})
    assert r.status == 201
    assert slots(salon.admin, [salon.color], MONDAY) == []
    assert all(s["lines"][0]["staff_id"] == salon.bob for s in slots(salon.admin, [salon.cut], MONDAY))


def test_slot_step(salon):
    salon.admin.patch("/api/settings", {"booking": {"slot_step_minutes": 20}})
    t = times(slots(salon.admin, [salon.cut], MONDAY))
    assert t[:4] == ["09:00", "09:20", "09:40", "10:00"]
    assert all(int(x[3:]) % 20 == 0 for x in t)
    assert "12:20" in t and "12:40" not in t and "14:00" in t


def test_several_days(salon):
    ss = slots(salon.admin, [salon.cut], MONDAY, to="2027-03-07")
    days = sorted({s["start"][:10] for s in ss})
    assert days == ["2027-03-01", "2027-03-02", "2027-03-03", "2027-03-04", "2027-03-05"]
    assert [s["start"] for s in ss] == sorted(s["start"] for s in ss)


def test_query_validation(salon):
    a = salon.admin
    cases = [
        {"from": MONDAY},
        {"service_ids": "abc", "from": MONDAY},
        {"service_ids": str(salon.cut)},
        {"service_ids": str(salon.cut), "from": "01/03/2027"},
        {"service_ids": str(salon.cut), "from": MONDAY, "to": "2027-02-01"},
        {"service_ids": str(salon.cut), "from": MONDAY, "to": "2027-12-31"},
        {"service_ids": "99999", "from": MONDAY},
        {"service_ids": str(salon.cut), "from": MONDAY, "staff_id": "x"},
    ]
    for params in cases:
        r = a.get("/api/availability", **params)
        assert r.status == 422 and r.error_code == "validation_failed", (params, r)
    r = a.get("/api/availability", service_ids=",".join([str(salon.cut)] * 6), **{"from": MONDAY})
    assert r.status == 422 and r.error_code == "too_many_services"


def night_salon(admin, step=30):
    """A salon open every hour of Sunday, with one night-owl who works 01:00–05:00 and 09:00–10:00."""
    r = admin.patch("/api/settings", {"timezone": "Europe/Paris", "booking": {"slot_step_minutes": step},
                                      "opening_hours": [{"weekday": d, "start": "00:00", "end": "24:00"}
                                                        for d in range(1, 8)]})
    assert r.status == 200, r
    svc = admin.post("/api/services", {"name": "Coupe de nuit", "duration_minutes": 30})["id"]
    staff = admin.post("/api/staff", {"first_name": "Nox", "email": "nox@salon.test", "role": "employee",
                                      "service_ids": [svc],
                                      "hours": [{"weekday": 7, "start": "01:00", "end": "05:00"},
                                                {"weekday": 7, "start": "09:00", "end": "10:00"}]})
    assert staff.status == 201, staff
    client = admin.post("/api/clients", {"first_name": "Luna", "last_name": "Nuit", "email": "luna@example.com"})["id"]
    return svc, staff["id"], client


def test_spring_forward_day(admin):
    svc, staff, client = night_salon(admin)
    ss = slots(admin, [svc], SPRING_FORWARD)
    assert [s["start"][11:] for s in ss] == [
        "01:00:00+01:00", "01:30:00+01:00", "03:00:00+02:00", "03:30:00+02:00", "04:00:00+02:00", "04:30:00+02:00",
        "09:00:00+02:00", "09:30:00+02:00"]
    assert ss[1]["end"] == f"{SPRING_FORWARD}T03:00:00+02:00"  # 01:30 + 30 min is 03:00 summer time
    # Booking the slot after the jump works and reads back in summer time.
    r = admin.post("/api/appointments", {"client_id": client, "start": f"{SPRING_FORWARD}T03:00:00+02:00",
                                         "lines": [{"service_id": svc, "staff_id": staff}]})
    assert r.status == 201 and r["start"] == f"{SPRING_FORWARD}T03:00:00+02:00", r
    assert "03:00" not in [s["start"][11:16] for s in slots(admin, [svc], SPRING_FORWARD)]
    # The days around keep their own offsets.
    ss = slots(admin, [svc], "2027-03-21", to="2027-04-04")
    assert {s["start"][:10]: s["start"][19:] for s in ss if s["start"][11:16] == "09:00"} == {
        "2027-03-21": "+01:00", "2027-03-28": "+02:00", "2027-04-04": "+02:00"}


def test_fall_back_day(admin):
    svc, staff, client = night_salon(admin)
    ss = slots(admin, [svc], FALL_BACK)
    assert [s["start"][11:] for s in ss] == [
        "01:00:00+02:00", "01:30:00+02:00", "02:00:00+02:00", "02:30:00+02:00", "02:00:00+01:00", "02:30:00+01:00",
        "03:00:00+01:00", "03:30:00+01:00", "04:00:00+01:00", "04:30:00+01:00", "09:00:00+01:00", "09:30:00+01:00"]
    # Both 02:00s can be booked, one after the other.
    for start in [f"{FALL_BACK}T02:00:00+02:00", f"{FALL_BACK}T02:00:00+01:00"]:
        r = admin.post("/api/appointments", {"client_id": client, "start": start, "lines": [{"service_id": svc, "staff_id": staff}]})
        assert r.status == 201 and r["start"] == start, r
    left = [s["start"][11:] for s in slots(admin, [svc], FALL_BACK)]
    assert "02:00:00+02:00" not in left and "02:00:00+01:00" not in left and "02:30:00+02:00" in left
