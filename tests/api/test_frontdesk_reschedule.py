"""A moved appointment tells everyone: a `rescheduled` message to the client (not for a silent booking) and to
each staff member of the old and new lines, naming the old and the new time, in the transaction of the move;
its .ics keeps the confirmation's UID with a higher SEQUENCE; a cancellation's .ics cancels the event."""
import re

import pytest

from conftest import MONDAY, Salon, at, run_jobs
from smtp_sink import SmtpSink

TUESDAY = "2027-03-02"
BEFORE = "2027-02-01T12:00:00+01:00"  # a month ahead of the visits: no reminder due yet


def outbox(admin, **params):
    r = admin.get("/api/outbox", limit=500, **params)
    assert r.status == 200, r
    return r["items"]


def cut(salon, staff=None, **extra):
    return {"service_id": salon.cut, "staff_id": staff or salon.alice, **extra}


def test_moving_the_start_tells_the_client_and_the_staff(salon):
    admin = salon.admin
    a = salon.book(at(MONDAY, "10:00"), [cut(salon)])
    assert a.status == 201, a
    r = admin.patch(f"/api/appointments/{a['id']}", {"start": at(TUESDAY, "11:00")})
    assert r.status == 200, r
    msgs = outbox(admin, kind="rescheduled", appointment_id=a["id"])
    assert {m["to"] for m in msgs} == {"helene@example.com", "alice@salon.test"}, msgs
    [client] = [m for m in msgs if m["to"] == "helene@example.com"]
    assert client["client_id"] == salon.client and client["has_attachment"] is True
    assert client["subject"] == "Rendez-vous déplacé au mardi 2 mars 2027 à 11:00"
    assert "Votre rendez-vous du lundi 1 mars 2027 à 10:00 a été déplacé." in client["body"]
    assert "Nouvel horaire : mardi 2 mars 2027 à 11:00" in client["body"]
    [staff] = [m for m in msgs if m["to"] == "alice@salon.test"]
    assert "lundi 1 mars 2027 à 10:00" in staff["body"] and "mardi 2 mars 2027 à 11:00" in staff["body"]
    assert "Hélène Dupont" in staff["subject"]


def test_changing_a_lines_staff_tells_both_staff_members(salon):
    admin = salon.admin
    a = salon.book(at(MONDAY, "10:00"), [cut(salon)])
    r = admin.patch(f"/api/appointments/{a['id']}", {"lines": [cut(salon, salon.bob)]})
    assert r.status == 200 and r["lines"][0]["staff_id"] == salon.bob, r
    msgs = outbox(admin, kind="rescheduled", appointment_id=a["id"])
    assert sorted(m["to"] for m in msgs) == ["alice@salon.test", "bob@salon.test", "helene@example.com"], msgs


def test_an_edit_that_moves_nothing_tells_nobody(salon):
    admin = salon.admin
    a = salon.book(at(MONDAY, "10:00"), [cut(salon)])
    assert admin.patch(f"/api/appointments/{a['id']}", {"notes": "frange", "lines": [cut(salon, price_cents=2500)]}).status == 200
    assert outbox(admin, kind="rescheduled", appointment_id=a["id"]) == []


def test_a_silent_booking_moves_silently_for_the_client_not_for_the_staff(salon):
    admin = salon.admin
    a = salon.book(at(MONDAY, "10:00"), [cut(salon)], confirmation="silent")
    assert admin.patch(f"/api/appointments/{a['id']}", {"start": at(MONDAY, "11:00")}).status == 200
    msgs = outbox(admin, kind="rescheduled", appointment_id=a["id"])
    assert [m["to"] for m in msgs] == ["alice@salon.test"], msgs


def test_a_refused_move_writes_no_message(salon):
    admin = salon.admin
    salon.book(at(MONDAY, "11:00"), [cut(salon)], client=salon.client2)
    a = salon.book(at(MONDAY, "10:00"), [cut(salon)])
    r = admin.patch(f"/api/appointments/{a['id']}", {"start": at(MONDAY, "11:00")})
    assert r.status == 409, r
    assert outbox(admin, kind="rescheduled") == []


def test_the_portal_reschedule_tells_the_client_and_the_staff(server, admin):
    salon = Salon(admin)
    admin.patch("/api/settings", {"booking": {"max_advance_days": 3650}})
    r = server.api().post("/api/portal/register", {"first_name": "Hélène", "last_name": "Dupont",
                                                   "email": "helene.portal@example.com", "phone": "",
                                                   "password": "client-pass-1"})
    assert r.status == 201, r
    assert admin.post(f"/api/link-queue/{r['account']['id']}/link", {"client_id": salon.client}).status == 200
    me = server.api(r["token"])
    a = me.post("/api/portal/appointments", {"start": at(MONDAY, "10:00"), "lines": [cut(salon)]})
    assert a.status == 201, a
    moved = me.patch(f"/api/portal/appointments/{a['id']}", {"start": at(TUESDAY, "15:00")})
    assert moved.status == 200, moved
    msgs = outbox(admin, kind="rescheduled", appointment_id=a["id"])
    assert {m["to"] for m in msgs} == {"helene@example.com", "alice@salon.test"}, msgs
    assert all("lundi 1 mars 2027 à 10:00" in m["body"] and "mardi 2 mars 2027 à 15:00" in m["body"] for m in msgs)


def unfold(text):
    return re.sub(r"\r\n[ \t]", "", text)


def calendar_of(msg):
    [part] = msg.attachments()
    method = part.get_content_type(), part.get_param("method")
    lines = unfold(part.get_payload(decode=True).decode("utf-8")).split("\r\n")
    return method, lines


def field(lines, name):
    return next(l.split(":", 1)[1] for l in lines if l.startswith(name + ":"))


def test_calendar_files_keep_the_uid_and_raise_the_sequence(make_server):
    with SmtpSink() as sink:
        server = make_server("--smtp", sink.url + "?from=rdv@salon.example")
        admin = server.admin()
        salon = Salon(admin)
        a = salon.book(at(MONDAY, "10:00"), [cut(salon)])
        assert admin.patch(f"/api/appointments/{a['id']}", {"start": at(TUESDAY, "11:00")}).status == 200
        assert admin.patch(f"/api/appointments/{a['id']}", {"start": at(TUESDAY, "15:00")}).status == 200
        assert admin.post(f"/api/appointments/{a['id']}/cancel", {"reason": ""}).status == 200
        run_jobs(admin, BEFORE)
        # To the client: confirmation, two moves, the cancellation (the staff's copies carry no calendar).
        to_client = [m for m in sink.wait_for(7) if m.rcpt_tos == ["helene@example.com"]]
        assert len(to_client) == 4, [m.message["Subject"] for m in to_client]
        calendars = [calendar_of(m) for m in to_client]
        by_start = {field(lines, "SEQUENCE"): (method, lines) for method, lines in calendars}
        uids = {field(lines, "UID") for _, lines in calendars}
        assert len(uids) == 1 and next(iter(uids)).startswith(f"appointment-{a['id']}@"), uids
        assert sorted(by_start, key=int) == ["0", "1", "2", "3"], by_start.keys()
        (method0, first), (method1, second) = by_start["0"], by_start["1"]
        (method2, third), (method3, last) = by_start["2"], by_start["3"]
        assert method0 == method1 == method2 == ("text/calendar", "PUBLISH")
        assert "METHOD:PUBLISH" in first and "STATUS:CONFIRMED" in first
        assert field(second, "DTSTART") == "20270302T100000Z" and "STATUS:CONFIRMED" in second
        assert field(third, "DTSTART") == "20270302T140000Z"
        assert method3 == ("text/calendar", "CANCEL")
        assert "METHOD:CANCEL" in last and "STATUS:CANCELLED" in last and field(last, "DTSTART") == "20270302T140000Z"


def test_moves_are_counted_on_the_appointment_in_one_transaction(salon):
    """A move and its messages commit together: each successful move adds exactly one client message."""
    admin = salon.admin
    a = salon.book(at(MONDAY, "10:00"), [cut(salon)])
    for hhmm in ("10:30", "11:00", "11:30"):
        assert admin.patch(f"/api/appointments/{a['id']}", {"start": at(MONDAY, hhmm)}).status == 200
    client_msgs = [m for m in outbox(admin, kind="rescheduled", appointment_id=a["id"]) if m["client_id"]]
    assert len(client_msgs) == 3
    assert "Nouvel horaire : lundi 1 mars 2027 à 11:30" in client_msgs[-1]["body"]


def test_an_accepted_waitlist_offer_tells_the_client_of_the_move(server, admin):
    salon = Salon(admin)
    admin.patch("/api/settings", {"waitlist": {"mode": "automatic", "channels": ["email"]}})
    early = salon.book(at(MONDAY, "10:00"), [cut(salon)], client=salon.client2, confirmation="silent")
    waiting = salon.book(at(TUESDAY, "10:00"), [cut(salon)], notify_earlier_slot=True)
    assert early.status == waiting.status == 201
    assert admin.post(f"/api/appointments/{early['id']}/cancel", {}).status == 200
    [offer] = outbox(admin, kind="waitlist_offer", appointment_id=waiting["id"])
    token = re.search(r"/book/offers/([A-Za-z0-9_-]+)", offer["body"]).group(1)
    assert server.api().post(f"/api/portal/offers/{token}/accept", {}).status == 200
    msgs = outbox(admin, kind="rescheduled", appointment_id=waiting["id"])
    assert {m["to"] for m in msgs} == {"helene@example.com", "alice@salon.test"}, msgs
    [client] = [m for m in msgs if m["client_id"]]
    assert "Votre rendez-vous du mardi 2 mars 2027 à 10:00 a été déplacé." in client["body"]
    assert "Nouvel horaire : lundi 1 mars 2027 à 10:00" in client["body"] and client["has_attachment"]
    # The offer page says why it is closed in the visitor's language (French by default).
    view = server.api().get(f"/api/portal/offers/{token}", headers={"Accept-Language": None})
    assert view["message"] == "cette proposition a été acceptée : le rendez-vous a été déplacé", view.json
    view = server.api().get(f"/api/portal/offers/{token}")
    assert view["message"] == "this offer was accepted: the appointment has been moved", view.json
