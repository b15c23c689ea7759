"""GET /api/portal/availability?appointment_id=: the starts into which the account's appointment can be moved,
exactly those PATCH /api/portal/appointments/{id} {"start"} accepts (same lines, staff and rooms; its own time
free; the booking rules)."""
import pytest

from conftest import Salon, at

PASSWORD = "client-pass-1"
TUESDAY = "2027-03-02"
WEDNESDAY = "2027-03-03"


@pytest.fixture
def salon(admin):
    s = Salon(admin)
    assert admin.patch("/api/settings", {"booking": {"max_advance_days": 3650, "slot_step_minutes": 30}}).status == 200
    return s


def account(server, admin, client_id, email):
    r = server.api().post("/api/portal/register", {"first_name": "Hélène", "last_name": "Dupont", "email": email,
                                                   "phone": "", "password": PASSWORD})
    assert r.status == 201, r
    assert admin.post(f"/api/link-queue/{r['account']['id']}/link", {"client_id": client_id}).status == 200
    return server.api(r["token"])


def starts(r):
    assert r.status == 200, r
    return [s["start"] for s in r["slots"]]


def test_every_offered_slot_is_accepted_and_nothing_else(server, admin, salon):
    me = account(server, admin, salon.client, "helene.portal@example.com")
    # Two lines: a cut with Bob, then a facial with Bob in the room.
    a = admin.post("/api/appointments", {"client_id": salon.client, "start": at(TUESDAY, "09:00"), "lines": [
        {"service_id": salon.cut, "staff_id": salon.bob},
        {"service_id": salon.facial, "staff_id": salon.bob, "resource_id": salon.room}]})
    assert a.status == 201, a
    # Bob is busy 11:00-12:00 on Tuesday; the room is taken by Alice 15:00-15:45; Alice (free) does not count.
    assert salon.book(at(TUESDAY, "11:00"), [{"service_id": salon.color, "staff_id": salon.alice}]).status == 201
    busy_bob = salon.book(at(TUESDAY, "11:00"), [{"service_id": salon.cut, "staff_id": salon.bob},
                                                 {"service_id": salon.cut, "staff_id": salon.bob}], client=salon.client2)
    assert busy_bob.status == 201, busy_bob
    room = salon.book(at(TUESDAY, "15:00"), [{"service_id": salon.facial, "staff_id": salon.alice,
                                              "resource_id": salon.room}], client=salon.client2)
    assert room.status == 201, room

    offered = starts(me.get("/api/portal/availability", appointment_id=a["id"], **{"from": TUESDAY, "to": WEDNESDAY}))
    day = [s for s in offered if s.startswith(TUESDAY)]
    # Its own time is free; 75 minutes of Bob's hours (09-13, 14-18), not across his 11:00-12:00, and the room
    # (for the facial, from start + 30 min) not across 15:00-15:45.
    assert day == [at(TUESDAY, t) for t in ("09:00", "09:30", "15:30", "16:00", "16:30")], day
    assert any(s.startswith(WEDNESDAY) for s in offered)
    slot = me.get("/api/portal/availability", appointment_id=a["id"], **{"from": TUESDAY})["slots"][0]
    assert [(l["service_id"], l["staff_id"], l["resource_id"]) for l in slot["lines"]] == \
        [(salon.cut, salon.bob, None), (salon.facial, salon.bob, salon.room)]

    # Every offered start is accepted by the reschedule (moved there and back each time).
    for start in offered:
        r = me.patch(f"/api/portal/appointments/{a['id']}", {"start": start})
        assert r.status == 200, (start, r)
        assert r["lines"][0]["staff_id"] == salon.bob and r["lines"][1]["resource_id"] == salon.room
    # And every start on the grid that is not offered is refused.
    for hhmm in ("10:00", "10:30", "11:00", "12:00", "13:00", "14:00", "14:30", "15:00", "17:00", "18:30"):
        r = me.patch(f"/api/portal/appointments/{a['id']}", {"start": at(TUESDAY, hhmm)})
        assert r.status in (409, 422), (hhmm, r)


def test_booking_rules_and_ownership(server, admin, salon):
    me = account(server, admin, salon.client, "helene.portal@example.com")
    other = account(server, admin, salon.client2, "marc.portal@example.com")
    a = me.post("/api/portal/appointments", {"start": at(TUESDAY, "10:00"), "lines": [{"service_id": salon.cut}]})
    assert a.status == 201, a
    r = other.get("/api/portal/availability", appointment_id=a["id"], **{"from": TUESDAY})
    assert r.status == 404 and r.error_code == "not_found", r
    assert server.api().get("/api/portal/availability", appointment_id=a["id"], **{"from": TUESDAY}).status == 401
    assert me.get("/api/portal/availability", appointment_id=a["id"]).status == 422  # from is required
    # The horizon frozen in the appointment applies (what the move checks).
    assert starts(me.get("/api/portal/availability", appointment_id=a["id"], **{"from": "2037-03-03"})) == []
    # A group appointment cannot be moved online: the same answer as the move.
    g = me.post("/api/portal/appointments", {"start": at(WEDNESDAY, "10:00"), "lines": [{"service_id": salon.workshop}]})
    assert g.status == 201, g
    r = me.get("/api/portal/availability", appointment_id=g["id"], **{"from": TUESDAY})
    assert r.status == 422 and r.error_code == "cannot_reschedule_group", r
