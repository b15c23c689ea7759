"""Waitlist offers: the link shows the offer without logging in; accepting moves the appointment into the
freed slot atomically, first come first served; a second accept, or a slot taken meanwhile, is 409 slot_taken;
an offer is void when its slot is taken or its appointment cancelled; the accepted client's old slot is freed
and offered in turn (the cascade)."""
import re
import threading

import pytest

from conftest import MONDAY, at, waiting_client, book_waiting

TUESDAY = "2027-03-02"
WEDNESDAY = "2027-03-03"
TOKEN = re.compile(r"/book/offers/([A-Za-z0-9_\-]+)")


def waitlist(admin, mode="automatic", max_notified=0):
    r = admin.patch("/api/settings", {"waitlist": {"mode": mode, "max_notified": max_notified, "channels": ["email"],
                                                   "message": "Un créneau : {date} {time} {link}"}})
    assert r.status == 200, r


def token_for(admin, appointment_id, nth=-1):
    r = admin.get("/api/outbox", kind="waitlist_offer", appointment_id=appointment_id, limit=500)
    assert r.status == 200 and r["items"], (appointment_id, r)
    return TOKEN.search(r["items"][nth]["body"]).group(1)


@pytest.fixture
def offered(admin, salon):
    """Alice's Monday 10:00 cut cancelled in automatic mode: two waiting clients got an offer."""
    waitlist(admin)
    early = book_waiting(salon, at(MONDAY, "10:00"), waiting_client(admin, "Early"), notify=False)
    a = book_waiting(salon, at(TUESDAY, "10:00"), waiting_client(admin, "Anne"))
    b = book_waiting(salon, at(WEDNESDAY, "11:00"), waiting_client(admin, "Bruno"), staff=salon.bob)
    assert admin.post(f"/api/appointments/{early}/cancel", {}).status == 200
    return a, b


def test_the_link_shows_the_offer_without_logging_in(server, admin, salon, offered):
    a, _ = offered
    r = server.api().get(f"/api/portal/offers/{token_for(admin, a)}")
    assert r.status == 200, r
    assert r["open"] is True and r["status"] == "open"
    assert r["slot"]["start"] == at(MONDAY, "10:00") and r["slot"]["end"] == at(MONDAY, "10:30")
    assert r["slot"]["staff_id"] == salon.alice
    assert r["staff"] == {"id": salon.alice, "first_name": "Alice"}
    assert r["appointment"]["id"] == a and r["appointment"]["start"] == at(TUESDAY, "10:00")
    assert r["services"] == ["Coupe"]
    assert server.api().get("/api/portal/offers/nope").status == 404
    assert server.api().post("/api/portal/offers/nope/accept", {}).status == 404


def test_accept_moves_the_appointment_and_a_second_accept_is_refused(server, admin, salon, offered):
    a, b = offered
    token = token_for(admin, a)
    r = server.api().post(f"/api/portal/offers/{token}/accept", {})
    assert r.status == 200, r
    assert r["id"] == a and r["start"] == at(MONDAY, "10:00") and r["end"] == at(MONDAY, "10:30")
    assert r["lines"][0]["staff_id"] == salon.alice
    assert r["updated_by"]["type"] == "client"
    assert admin.get(f"/api/appointments/{a}")["start"] == at(MONDAY, "10:00")
    # Once only.
    again = server.api().post(f"/api/portal/offers/{token}/accept", {})
    assert again.status == 409 and again.error_code == "slot_taken", again
    assert "accepted" in again.json["error"]["message"]
    view = server.api().get(f"/api/portal/offers/{token}")
    assert view["open"] is False and view["status"] == "accepted"
    # The other offer of that slot is void: slot taken. (Bruno's latest offer is Anne's old Tuesday slot.)
    other = token_for(admin, b, 0)
    view = server.api().get(f"/api/portal/offers/{other}")
    assert view["open"] is False and view["status"] == "taken", view
    r = server.api().post(f"/api/portal/offers/{other}/accept", {})
    assert r.status == 409 and r.error_code == "slot_taken", r
    assert "taken" in r.json["error"]["message"]
    assert admin.get(f"/api/appointments/{b}")["start"] == at(WEDNESDAY, "11:00")
    # The slot is gone from the list; the move is told like any move: to the staff (the booking was silent, so
    # not to the client; test_frontdesk_reschedule.py has the client's message).
    assert all(s["start"] != at(MONDAY, "10:00") for s in admin.get("/api/freed-slots")["items"])
    moved = admin.get("/api/outbox", kind="rescheduled", appointment_id=a)["items"]
    assert [m["to"] for m in moved] == ["alice@salon.test"], moved
    assert "lundi 1 mars 2027 à 10:00" in moved[0]["body"] and "mardi 2 mars 2027 à 10:00" in moved[0]["body"]


def test_two_accepts_at_once_one_wins(server, admin, salon, offered):
    a, b = offered
    tokens = {a: token_for(admin, a), b: token_for(admin, b)}
    results = {}
    barrier = threading.Barrier(2)

    def accept(appointment):
        api = server.api()
        barrier.wait()
        results[appointment] = api.post(f"/api/portal/offers/{tokens[appointment]}/accept", {})

    threads = [threading.Thread(target=accept, args=(x,)) for x in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = sorted(r.status for r in results.values())
    assert statuses == [200, 409], results
    winner = next(x for x, r in results.items() if r.status == 200)
    loser = next(x for x, r in results.items() if r.status == 409)
    assert results[loser].error_code == "slot_taken"
    assert admin.get(f"/api/appointments/{winner}")["start"] == at(MONDAY, "10:00")
    assert admin.get(f"/api/appointments/{loser}")["start"] != at(MONDAY, "10:00")
    # Exactly one appointment of Alice's at Monday 10:00.
    day = admin.get("/api/appointments", **{"from": MONDAY, "to": MONDAY, "staff_id": salon.alice})["items"]
    assert [x["id"] for x in day if x["start"] == at(MONDAY, "10:00") and x["status"] != "cancelled"] == [winner]


def test_an_offer_is_void_when_its_slot_is_taken(server, admin, salon, offered):
    a, _ = offered
    token = token_for(admin, a)
    book_waiting(salon, at(MONDAY, "10:00"), salon.client2, notify=False)  # the front desk fills the slot
    view = server.api().get(f"/api/portal/offers/{token}")
    assert view.status == 200 and view["open"] is False and view["status"] == "taken", view
    r = server.api().post(f"/api/portal/offers/{token}/accept", {})
    assert r.status == 409 and r.error_code == "slot_taken", r
    assert "no longer free" in r.json["error"]["message"]
    assert admin.get(f"/api/appointments/{a}")["start"] == at(TUESDAY, "10:00")


def test_an_offer_is_void_when_its_appointment_is_cancelled(server, admin, salon, offered):
    a, _ = offered
    token = token_for(admin, a)
    assert admin.post(f"/api/appointments/{a}/cancel", {}).status == 200
    view = server.api().get(f"/api/portal/offers/{token}")
    assert view["open"] is False and view["status"] == "cancelled", view
    r = server.api().post(f"/api/portal/offers/{token}/accept", {})
    assert r.status == 409, r
    assert admin.get(f"/api/appointments/{a}")["status"] == "cancelled"


def test_the_accepted_clients_old_slot_is_offered_in_turn(server, admin, salon):
    """Anne (Tue 10:00) takes Mon 10:00; her Tue 10:00 goes to Chloé (Wed 10:00), who takes it too."""
    waitlist(admin, max_notified=1)
    early = book_waiting(salon, at(MONDAY, "10:00"), waiting_client(admin, "Early"), notify=False)
    anne = book_waiting(salon, at(TUESDAY, "10:00"), waiting_client(admin, "Anne"))
    chloe = book_waiting(salon, at(WEDNESDAY, "10:00"), waiting_client(admin, "Chloe"))
    admin.post(f"/api/appointments/{early}/cancel", {})
    offers = admin.get("/api/outbox", kind="waitlist_offer")["items"]
    assert [m["appointment_id"] for m in offers] == [anne]  # max 1: Anne, booked first
    assert server.api().post(f"/api/portal/offers/{token_for(admin, anne)}/accept", {}).status == 200
    # Anne's Tuesday 10:00 is freed and offered at once: Chloé is the first candidate now.
    offers = admin.get("/api/outbox", kind="waitlist_offer")["items"]
    assert [m["appointment_id"] for m in offers] == [anne, chloe]
    assert "mardi 2 mars 2027 10:00" in offers[-1]["body"]
    slots = admin.get("/api/freed-slots")["items"]
    tuesday = next(s for s in slots if s["start"] == at(TUESDAY, "10:00"))
    assert tuesday["notified"] == [chloe] and tuesday["source_appointment_id"] == anne
    r = server.api().post(f"/api/portal/offers/{token_for(admin, chloe)}/accept", {})
    assert r.status == 200 and r["start"] == at(TUESDAY, "10:00"), r
    # And Chloé's Wednesday is freed in turn (no one waits for it).
    assert any(s["start"] == at(WEDNESDAY, "10:00") for s in admin.get("/api/freed-slots")["items"])


def test_cascade_in_manual_mode_lists_the_old_slot(server, admin, salon):
    waitlist(admin, mode="manual")
    early = book_waiting(salon, at(MONDAY, "10:00"), waiting_client(admin, "Early"), notify=False)
    anne = book_waiting(salon, at(TUESDAY, "10:00"), waiting_client(admin, "Anne"))
    chloe = book_waiting(salon, at(WEDNESDAY, "10:00"), waiting_client(admin, "Chloe"))
    admin.post(f"/api/appointments/{early}/cancel", {})
    [slot] = admin.get("/api/freed-slots")["items"]
    assert admin.post(f"/api/freed-slots/{slot['id']}/notify", {"appointment_ids": [anne]}).status == 200
    assert server.api().post(f"/api/portal/offers/{token_for(admin, anne)}/accept", {}).status == 200
    [slot] = admin.get("/api/freed-slots")["items"]
    assert slot["start"] == at(TUESDAY, "10:00")
    assert [c["appointment_id"] for c in slot["candidates"]] == [chloe]
    assert slot["notified"] == []
