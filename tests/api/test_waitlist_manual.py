"""Waitlist, manual mode (and off): freed slots are listed with their candidates, in the order their
appointments were booked; the front desk chooses whom to notify; a client's own cancel through the portal
lists and notifies nobody."""
import pytest

from conftest import MONDAY, at, waiting_client, book_waiting

TUESDAY = "2027-03-02"
WEDNESDAY = "2027-03-03"
MESSAGE = "Bonjour {first_name}, un créneau s'est libéré le {date} à {time} avec {staff} : {link}"


def waitlist(admin, mode, **extra):
    body = {"mode": mode, "max_notified": 0, "channels": ["email"], "message": MESSAGE, **extra}
    r = admin.patch("/api/settings", {"waitlist": body})
    assert r.status == 200, r


def offers(admin, **params):
    r = admin.get("/api/outbox", kind="waitlist_offer", limit=500, **params)
    assert r.status == 200, r
    return r["items"]


def freed(admin):
    r = admin.get("/api/freed-slots")
    assert r.status == 200, r
    return r["items"]


@pytest.fixture
def scene(admin, salon):
    """Alice's Monday 10:00 cut (not waiting) and, booked in this order, the visits waiting for earlier."""
    waitlist(admin, "manual")
    s = type("Scene", (), {})()
    s.early = book_waiting(salon, at(MONDAY, "10:00"), waiting_client(admin, "Early"), notify=False)
    s.x = book_waiting(salon, at(WEDNESDAY, "15:00"), waiting_client(admin, "Xavier"))              # booked first, later visit
    s.y = book_waiting(salon, at(TUESDAY, "11:00"), waiting_client(admin, "Yvonne"))
    s.no = book_waiting(salon, at(TUESDAY, "09:00"), waiting_client(admin, "Nadia"), notify=False)  # does not ask
    s.bob = book_waiting(salon, at(TUESDAY, "10:00"), waiting_client(admin, "Boris"), staff=salon.bob)  # Alice cuts too
    s.long = book_waiting(salon, at(TUESDAY, "14:00"), waiting_client(admin, "Louise"), service=salon.color)  # 60 > 30 min
    s.before = book_waiting(salon, at(MONDAY, "09:00"), waiting_client(admin, "Paul"))  # already earlier
    return s


def test_cancel_lists_the_freed_slot_with_candidates_in_booking_order(admin, salon, scene):
    assert freed(admin) == []
    r = admin.post(f"/api/appointments/{scene.early}/cancel", {"reason": "malade"})
    assert r.status == 200, r
    items = freed(admin)
    assert len(items) == 1, items
    slot = items[0]
    assert slot["staff_id"] == salon.alice
    assert slot["start"] == at(MONDAY, "10:00") and slot["end"] == at(MONDAY, "10:30")
    assert [c["appointment_id"] for c in slot["candidates"]] == [scene.x, scene.y, scene.bob]
    created = [c["created_at"] for c in slot["candidates"]]
    assert created == sorted(created)
    assert slot["candidates"][1]["start"] == at(TUESDAY, "11:00")
    assert {"appointment_id", "client_id", "start", "created_at"} <= set(slot["candidates"][0])
    assert slot["notified"] == []
    # Manual: nobody is told until the front desk chooses.
    assert offers(admin) == []


def test_notify_sends_one_offer_per_chosen_client_once(server, admin, salon, scene):
    admin.post(f"/api/appointments/{scene.early}/cancel", {})
    slot = freed(admin)[0]
    r = admin.post(f"/api/freed-slots/{slot['id']}/notify", {"appointment_ids": [scene.y, scene.bob]})
    assert r.status == 200, r
    assert sorted(r["notified"]) == sorted([scene.y, scene.bob])
    msgs = offers(admin)
    assert sorted(m["appointment_id"] for m in msgs) == sorted([scene.y, scene.bob])
    m = next(m for m in msgs if m["appointment_id"] == scene.y)
    assert m["channel"] == "email" and m["to"] == "yvonne@example.com" and m["status"] == "pending"
    assert "Bonjour Yvonne" in m["body"] and "lundi 1 mars 2027" in m["body"] and "10:00" in m["body"]
    assert "Alice" in m["body"]
    assert f"{server.base}/book/offers/" in m["body"]
    # Told once is enough; the list shows who was told.
    r = admin.post(f"/api/freed-slots/{slot['id']}/notify", {"appointment_ids": [scene.y]})
    assert r.status == 200, r
    assert len(offers(admin)) == 2
    assert sorted(freed(admin)[0]["notified"]) == sorted([scene.y, scene.bob])


def test_notify_refuses_non_candidates_and_writes_nothing(admin, salon, scene):
    admin.post(f"/api/appointments/{scene.early}/cancel", {})
    slot = freed(admin)[0]
    for bad in ([scene.no], [scene.y, scene.long], [scene.before], [999999]):
        r = admin.post(f"/api/freed-slots/{slot['id']}/notify", {"appointment_ids": bad})
        assert r.status == 422 and r.error_code == "validation_failed", r
    assert offers(admin) == []
    r = admin.post(f"/api/freed-slots/{slot['id']}/notify", {"appointment_ids": []})
    assert r.status == 422, r
    r = admin.post(f"/api/freed-slots/{slot['id']}/notify", {})
    assert r.status == 422 and r.json["error"]["field"] == "appointment_ids", r
    r = admin.post("/api/freed-slots/987654/notify", {"appointment_ids": [scene.y]})
    assert r.status == 404, r


def test_move_and_delete_free_time_too(admin, salon, scene):
    # Moving the 10:00 cut to 12:00 frees 10:00–10:30.
    r = admin.patch(f"/api/appointments/{scene.early}", {"start": at(MONDAY, "12:00")})
    assert r.status == 200, r
    items = freed(admin)
    assert [(s["start"], s["end"]) for s in items] == [(at(MONDAY, "10:00"), at(MONDAY, "10:30"))]
    assert scene.x in [c["appointment_id"] for c in items[0]["candidates"]]
    # Deleting it frees 12:00–12:30.
    r = admin.delete(f"/api/appointments/{scene.early}")
    assert r.status == 204, r
    assert [s["start"] for s in freed(admin)] == [at(MONDAY, "10:00"), at(MONDAY, "12:00")]
    # Editing a note frees nothing.
    r = admin.patch(f"/api/appointments/{scene.x}", {"notes": "rien"})
    assert r.status == 200, r
    assert len(freed(admin)) == 2


def test_candidates_are_computed_when_read(admin, salon, scene):
    admin.post(f"/api/appointments/{scene.early}/cancel", {})
    # The front desk books someone else at 10:00: the slot is still listed, but nobody fits any more.
    book_waiting(salon, at(MONDAY, "10:00"), salon.client2, notify=False)
    items = freed(admin)
    assert len(items) == 1 and items[0]["candidates"] == [], items


def test_employees_see_freed_slots(server, admin, salon, scene):
    admin.post(f"/api/appointments/{scene.early}/cancel", {})
    r = server.api().post("/api/auth/login", {"email": "alice@salon.test", "password": "employee-pass-1"})
    employee = server.api(r["token"])
    assert employee.get("/api/freed-slots").status == 200
    assert server.api().get("/api/freed-slots").status == 401


def test_off_mode_records_nothing(admin, salon, scene):
    waitlist(admin, "off")
    admin.post(f"/api/appointments/{scene.early}/cancel", {})
    assert freed(admin) == []
    assert offers(admin) == []


def portal_booking(server, admin, salon, start, notify=False):
    """A client account that books online (its file linked to a new client)."""
    r = server.api().post("/api/portal/register", {"first_name": "Olga", "last_name": "Online", "email": "olga@example.com",
                                                   "phone": "", "password": "client-pass-1"})
    assert r.status == 201, r
    api = server.api(r["token"])
    client = waiting_client(admin, "Olga")
    r = admin.post(f"/api/link-queue/{r['account']['id']}/link", {"client_id": client})
    assert r.status == 200, r
    r = api.post("/api/portal/appointments", {"start": start, "lines": [{"service_id": salon.cut, "staff_id": salon.alice}],
                                              "notify_earlier_slot": notify})
    assert r.status == 201, r
    return api, r["id"]


def test_a_clients_own_portal_cancel_notifies_nobody_in_manual_mode(server, admin, salon, scene):
    admin.patch("/api/settings", {"booking": {"max_advance_days": 3650}})
    api, own = portal_booking(server, admin, salon, at(MONDAY, "11:00"))
    r = api.post(f"/api/portal/appointments/{own}/cancel", {})
    assert r.status == 200, r
    assert freed(admin) == []
    assert offers(admin) == []
    # The same cancel by the front desk lists the slot.
    admin.post(f"/api/appointments/{scene.early}/cancel", {})
    assert len(freed(admin)) == 1
