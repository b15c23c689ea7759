"""Waitlist, automatic mode: on any cancel or move, by the front desk or by the client online, the first
`max_notified` candidates (all when 0) get a waitlist_offer at once, on the configured channels, with the
salon's text filled in."""
import pytest

from conftest import MONDAY, at, waiting_client, book_waiting

TUESDAY = "2027-03-02"
WEDNESDAY = "2027-03-03"


def waitlist(admin, **extra):
    body = {"mode": "automatic", "max_notified": 0, "channels": ["email"],
            "message": "Bonjour {first_name} {last_name}, un créneau le {date} à {time} avec {staff} pour {service}. {link}",
            **extra}
    r = admin.patch("/api/settings", {"waitlist": body})
    assert r.status == 200, r


def offers(admin):
    r = admin.get("/api/outbox", kind="waitlist_offer", limit=500)
    assert r.status == 200, r
    return r["items"]


@pytest.fixture
def waiting(admin, salon):
    """Alice's Monday 10:00 cut, then three visits waiting for earlier, booked in the order c, a, b."""
    early = book_waiting(salon, at(MONDAY, "10:00"), waiting_client(admin, "Early"), notify=False)
    c = book_waiting(salon, at(WEDNESDAY, "16:00"), waiting_client(admin, "Chloe"))
    a = book_waiting(salon, at(TUESDAY, "10:00"), waiting_client(admin, "Anne"))
    b = book_waiting(salon, at(TUESDAY, "16:00"), waiting_client(admin, "Basile"), staff=salon.bob)
    return early, [c, a, b]


def test_first_max_notified_candidates_are_told_at_once(admin, salon, waiting):
    waitlist(admin, max_notified=2)
    early, order = waiting
    r = admin.post(f"/api/appointments/{early}/cancel", {})
    assert r.status == 200, r
    msgs = offers(admin)
    assert [m["appointment_id"] for m in msgs] == order[:2]
    slot = admin.get("/api/freed-slots")["items"][0]
    assert slot["notified"] == order[:2]
    assert [c["appointment_id"] for c in slot["candidates"]] == order


def test_zero_means_every_candidate(admin, salon, waiting):
    waitlist(admin, max_notified=0)
    early, order = waiting
    admin.post(f"/api/appointments/{early}/cancel", {})
    assert [m["appointment_id"] for m in offers(admin)] == order


def test_a_move_offers_the_time_it_gives_back(admin, salon, waiting):
    waitlist(admin, max_notified=1)
    early, order = waiting
    r = admin.patch(f"/api/appointments/{early}", {"start": at(MONDAY, "17:00")})
    assert r.status == 200, r
    msgs = offers(admin)
    assert [m["appointment_id"] for m in msgs] == order[:1]
    assert "10:00" in msgs[0]["body"]


def test_the_message_fills_the_salons_text(server, admin, salon, waiting):
    waitlist(admin, max_notified=1)
    early, order = waiting
    admin.post(f"/api/appointments/{early}/cancel", {})
    [m] = offers(admin)
    assert m["to"] == "chloe@example.com" and m["kind"] == "waitlist_offer"
    assert m["body"].startswith("Bonjour Chloe Attente, un créneau le lundi 1 mars 2027 à 10:00 avec Alice Coiffe pour Coupe. ")
    assert f"{server.base}/book/offers/" in m["body"]
    assert m["subject"]
    assert m["client_id"] is not None


def test_the_link_is_added_when_the_text_has_none(server, admin, salon, waiting):
    waitlist(admin, max_notified=1, message="Un créneau plus tôt est libre.")
    early, _ = waiting
    admin.post(f"/api/appointments/{early}/cancel", {})
    [m] = offers(admin)
    assert m["body"].startswith("Un créneau plus tôt est libre.")
    assert f"{server.base}/book/offers/" in m["body"]


def test_channels_follow_the_settings_and_the_clients_addresses(admin, salon):
    waitlist(admin, channels=["email", "sms"])
    early = book_waiting(salon, at(MONDAY, "10:00"), waiting_client(admin, "Early"), notify=False)
    with_phone = book_waiting(salon, at(TUESDAY, "10:00"), waiting_client(admin, "Phil", phone="06 11 22 33 44"))
    without = book_waiting(salon, at(TUESDAY, "11:00"), waiting_client(admin, "Mona"))
    admin.post(f"/api/appointments/{early}/cancel", {})
    got = sorted((m["appointment_id"], m["channel"], m["to"]) for m in offers(admin))
    assert got == sorted([(with_phone, "email", "phil@example.com"), (with_phone, "sms", "+33611223344"),
                          (without, "email", "mona@example.com")])
    # SMS only: the client without a phone is not reachable, so not told.
    waitlist(admin, channels=["sms"])
    early2 = book_waiting(salon, at(MONDAY, "11:00"), waiting_client(admin, "Early2"), notify=False)
    admin.post(f"/api/appointments/{early2}/cancel", {})
    new = [m for m in offers(admin) if "11:00" in m["body"]]
    assert [(m["appointment_id"], m["channel"]) for m in new] == [(with_phone, "sms")]


def test_a_clients_own_portal_cancel_notifies_in_automatic_mode(server, admin, salon, waiting):
    waitlist(admin, max_notified=0)
    admin.patch("/api/settings", {"booking": {"max_advance_days": 3650}})
    _, order = waiting
    r = server.api().post("/api/portal/register", {"first_name": "Olga", "last_name": "Online", "email": "olga@example.com",
                                                   "phone": "", "password": "client-pass-1"})
    assert r.status == 201, r
    api = server.api(r["token"])
    client = waiting_client(admin, "Olga")
    assert admin.post(f"/api/link-queue/{r['account']['id']}/link", {"client_id": client}).status == 200
    r = api.post("/api/portal/appointments", {"start": at(MONDAY, "11:00"),
                                              "lines": [{"service_id": salon.cut, "staff_id": salon.alice}]})
    assert r.status == 201, r
    assert api.post(f"/api/portal/appointments/{r['id']}/cancel", {}).status == 200
    msgs = offers(admin)
    assert [m["appointment_id"] for m in msgs] == order
    assert all("11:00" in m["body"] for m in msgs)


def test_no_candidate_no_message(admin, salon):
    waitlist(admin)
    early = book_waiting(salon, at(MONDAY, "10:00"), waiting_client(admin, "Early"), notify=False)
    book_waiting(salon, at(TUESDAY, "10:00"), waiting_client(admin, "Nora"), notify=False)
    book_waiting(salon, at(TUESDAY, "11:00"), waiting_client(admin, "Coco"), service=salon.color)  # 60 min: does not fit 30
    admin.post(f"/api/appointments/{early}/cancel", {})
    assert offers(admin) == []
    assert admin.get("/api/freed-slots")["items"][0]["candidates"] == []
