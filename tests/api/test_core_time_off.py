"""Staff time off (absences) as the front desk sees and undoes them: GET /api/time_off over local days,
DELETE /api/staff/{id}/time_off/{time_off_id}; the agenda's availability follows."""
from conftest import MONDAY, at

TUESDAY = "2027-03-02"
SUNDAY = "2027-03-07"


def add(admin, staff, day, start, end, reason="", end_day=None):
    r = admin.post(f"/api/staff/{staff}/time_off", {"start": at(day, start), "end": at(end_day or day, end), "reason": reason})
    assert r.status == 201, r
    return r.json


def listed(api, **params):
    r = api.get("/api/time_off", **params)
    assert r.status == 200, r
    assert set(r.json) == {"total", "items"}
    return r.json


def times(api, service, day, **params):
    r = api.get("/api/availability", service_ids=str(service), **{"from": day}, **params)
    assert r.status == 200, r
    return [s["start"][11:16] for s in r["slots"]]


def employee(server, admin):
    r = admin.post("/api/staff", {"first_name": "Emma", "last_name": "Ployée", "email": "emma@salon.test",
                                  "role": "employee", "password": "employee-pass-9"})
    assert r.status == 201, r
    login = server.api().post("/api/auth/login", {"email": "emma@salon.test", "password": "employee-pass-9"})
    assert login.status == 200, login
    return server.api(login["token"])


def test_create_answers_the_item_and_list_shows_it(salon):
    t = add(salon.admin, salon.alice, MONDAY, "10:00", "12:00", "Formation")
    assert set(t) == {"id", "staff_id", "start", "end", "reason"}
    assert t["staff_id"] == salon.alice and t["reason"] == "Formation"
    assert t["start"] == at(MONDAY, "10:00") and t["end"] == at(MONDAY, "12:00")
    body = listed(salon.admin, **{"from": MONDAY, "to": MONDAY})
    assert body["total"] == 1 and body["items"] == [t]


def test_list_by_range_and_staff(salon):
    a1 = add(salon.admin, salon.alice, MONDAY, "14:00", "15:00", "Médecin")
    a2 = add(salon.admin, salon.alice, "2027-03-03", "09:00", "18:00", "Congé")
    b1 = add(salon.admin, salon.bob, MONDAY, "09:00", "10:00")
    # Several days, spanning midnight: listed on every day it touches.
    b2 = add(salon.admin, salon.bob, "2027-03-04", "18:00", "10:00", "Séminaire", end_day="2027-03-06")
    other_week = add(salon.admin, salon.bob, "2027-03-09", "09:00", "10:00")

    ids = lambda body: [x["id"] for x in body["items"]]
    day = listed(salon.admin, **{"from": MONDAY, "to": MONDAY})
    assert ids(day) == [b1["id"], a1["id"]] and day["total"] == 2  # by start
    week = listed(salon.admin, **{"from": MONDAY, "to": SUNDAY})
    assert ids(week) == [b1["id"], a1["id"], a2["id"], b2["id"]] and week["total"] == 4
    assert ids(listed(salon.admin, **{"from": MONDAY, "to": SUNDAY, "staff_id": salon.alice})) == [a1["id"], a2["id"]]
    assert ids(listed(salon.admin, **{"from": MONDAY, "to": SUNDAY, "staff_id": salon.bob})) == [b1["id"], b2["id"]]
    # An absence that started before the range and runs into it is listed; a missing bound is open.
    assert ids(listed(salon.admin, **{"from": "2027-03-05", "to": "2027-03-05"})) == [b2["id"]]
    assert ids(listed(salon.admin, **{"from": TUESDAY, "to": TUESDAY})) == []
    assert ids(listed(salon.admin, **{"from": "2027-03-08"})) == [other_week["id"]]
    assert len(listed(salon.admin)["items"]) == 5
    # Paging like every list.
    page = listed(salon.admin, **{"from": MONDAY, "to": SUNDAY, "limit": 2, "offset": 1})
    assert page["total"] == 4 and ids(page) == [a1["id"], a2["id"]]
    # Nobody's absences for an unknown staff id.
    assert listed(salon.admin, staff_id=999999) == {"total": 0, "items": []}


def test_list_query_validation(salon):
    for params in ({"from": "01/03/2027"}, {"from": MONDAY, "to": "tomorrow"}, {"from": MONDAY, "to": "2027-02-28"},
                   {"staff_id": "alice"}, {"limit": 0}):
        r = salon.admin.get("/api/time_off", **params)
        assert r.status == 422 and r.error_code == "validation_failed", (params, r)


def test_delete(salon):
    keep = add(salon.admin, salon.alice, MONDAY, "09:00", "10:00", "Garde")
    gone = add(salon.admin, salon.alice, MONDAY, "15:00", "16:00", "Dentiste")
    r = salon.admin.delete(f"/api/staff/{salon.alice}/time_off/{gone['id']}")
    assert r.status == 204 and r.text == "", r
    assert listed(salon.admin, **{"from": MONDAY, "to": MONDAY})["items"] == [keep]
    # Deleting it again: gone.
    r = salon.admin.delete(f"/api/staff/{salon.alice}/time_off/{gone['id']}")
    assert r.status == 404 and r.error_code == "not_found", r


def test_delete_404_when_the_pair_does_not_match(salon):
    t = add(salon.admin, salon.alice, MONDAY, "09:00", "10:00")
    for path in (f"/api/staff/{salon.bob}/time_off/{t['id']}",      # someone else's
                 f"/api/staff/999999/time_off/{t['id']}",           # nobody
                 f"/api/staff/{salon.alice}/time_off/999999",       # no such absence
                 f"/api/staff/{salon.alice}/time_off/abc",
                 f"/api/staff/{salon.alice}/time_off/0"):
        r = salon.admin.delete(path)
        assert r.status == 404 and r.error_code == "not_found", (path, r)
    assert [x["id"] for x in listed(salon.admin)["items"]] == [t["id"]]


def test_auth(server, salon):
    t = add(salon.admin, salon.alice, MONDAY, "09:00", "10:00")
    anon = server.api()
    assert anon.get("/api/time_off", **{"from": MONDAY}).status == 401
    assert anon.delete(f"/api/staff/{salon.alice}/time_off/{t['id']}").status == 401
    bogus = server.api("not-a-token")
    assert bogus.get("/api/time_off").status == 401
    assert bogus.delete(f"/api/staff/{salon.alice}/time_off/{t['id']}").status == 401
    portal = server.api().post("/api/portal/register", {"first_name": "Paul", "last_name": "Portal",
                                                         "email": "paul@example.com", "phone": "",
                                                         "password": "portal-pass-1"})
    assert portal.status == 201, portal
    p = server.api(portal["token"])
    r = p.get("/api/time_off", **{"from": MONDAY})
    assert r.status == 403 and r.error_code == "forbidden", r
    r = p.delete(f"/api/staff/{salon.alice}/time_off/{t['id']}")
    assert r.status == 403 and r.error_code == "forbidden", r
    assert len(listed(salon.admin)["items"]) == 1
    # An employee reads and removes absences (front desk work), like recording them.
    emp = employee(server, salon.admin)
    assert [x["id"] for x in listed(emp, **{"from": MONDAY, "to": MONDAY})["items"]] == [t["id"]]
    assert emp.delete(f"/api/staff/{salon.alice}/time_off/{t['id']}").status == 204
    assert listed(salon.admin)["items"] == []


def test_availability_excludes_the_absence_until_it_is_deleted(salon):
    a = salon.admin
    before = times(a, salon.color, MONDAY, staff_id=salon.alice)
    assert "10:00" in before and "11:00" in before
    t = add(a, salon.alice, MONDAY, "10:00", "12:00", "Formation")
    during = times(a, salon.color, MONDAY, staff_id=salon.alice)
    # A 60-minute colour cannot start between 09:15 and 11:45 any more.
    assert "09:00" in during
    assert not [x for x in during if "09:15" <= x < "12:00"], during
    # Bob is not affected.
    assert "10:00" in times(a, salon.cut, MONDAY, staff_id=salon.bob)
    # Booking into it is refused.
    r = salon.book(at(MONDAY, "10:30"), [{"service_id": salon.cut, "staff_id": salon.alice}])
    assert r.status == 409 and r.error_code == "slot_taken", r

    assert a.delete(f"/api/staff/{salon.alice}/time_off/{t['id']}").status == 204
    assert times(a, salon.color, MONDAY, staff_id=salon.alice) == before
    r = salon.book(at(MONDAY, "10:30"), [{"service_id": salon.cut, "staff_id": salon.alice}])
    assert r.status == 201, r
