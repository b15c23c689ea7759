"""Appointments for the salon's staff over HTTP: lines, options, confirmation modes and their messages, cancel,
move, delete, no-show, frozen rules, and every refusal (with nothing written when a request fails)."""
import pytest

from conftest import MONDAY, Salon, at# noqa: F401  (the salon fixture builds a Salon)

TUESDAY = "2027-03-02"
SATURDAY = "2027-03-06"


def line(service, staff, **extra):
    return {"service_id": service, "staff_id": staff, **extra}


def outbox(admin, **params):
    r = admin.get("/api/outbox", limit=500, **params)
    assert r.status == 200, r
    return r.json


def counts(admin):
    """What a failed request must leave untouched."""
    return (admin.get("/api/appointments", limit=500)["total"], outbox(admin)["total"])


def admin_id(admin):
    return admin.get("/api/auth/me")["id"]


# ---- booking -------------------------------------------------------------------------------------------

def test_book_one_line_answers_the_whole_appointment(salon):
    admin = salon.admin
    r = salon.book(at(MONDAY, "10:00"), [line(salon.cut, salon.alice)])
    assert r.status == 201, r
    a = r.json
    assert isinstance(a["id"], int)
    assert a["client_id"] == salon.client
    assert a["status"] == "approved"
    assert a["start"] == "2027-03-01T10:00:00+01:00" and a["end"] == "2027-03-01T10:30:00+01:00"
    assert len(a["lines"]) == 1
    l0 = a["lines"][0]
    assert l0["service_id"] == salon.cut and l0["staff_id"] == salon.alice and l0["resource_id"] is None
    assert l0["start"] == a["start"] and l0["end"] == a["end"]
    assert l0["duration_minutes"] == 30 and l0["price_cents"] == 3000 and l0["answers"] == {}
    assert a["requested_staff"] is False and a["no_show"] is False and a["group"] is False
    assert a["notify_earlier_slot"] is False
    assert a["client_request"] == "" and a["quick_note"] == "" and a["notes"] == ""
    settings = admin.get("/api/settings").json
    assert a["rules"] == settings["booking"]
    me = admin_id(admin)
    assert a["created_by"] == {"type": "staff", "id": me, "name": a["created_by"]["name"]}
    assert a["updated_by"]["id"] == me and a["updated_by"]["type"] == "staff"
    assert a["created_at"] and a["updated_at"] and a["created_at"][-6:] in ("+01:00", "+02:00")
    assert admin.get(f"/api/appointments/{a['id']}").json == a


def test_start_without_offset_or_in_utc_is_read_right(salon):
    r = salon.book("2027-03-01T10:00", [line(salon.cut, salon.alice)])
    assert r.status == 201 and r["start"] == "2027-03-01T10:00:00+01:00", r
    r = salon.book("2027-03-01T10:00:00Z", [line(salon.cut, salon.alice)])  # 11:00 in Paris
    assert r.status == 201 and r["start"] == "2027-03-01T11:00:00+01:00", r


def test_five_lines_back_to_back_with_staff_resources_and_overrides(salon):
    lines = [line(salon.cut, salon.alice),
             line(salon.color, salon.alice, duration_minutes=75, price_cents=8000),
             line(salon.cut, salon.bob, answers={"longueur": "courte"}),
             line(salon.facial, salon.bob, resource_id=salon.room),
             line(salon.cut, salon.alice, price_cents=0)]
    r = salon.book(at(MONDAY, "09:00"), lines, payment_method="card", amount_requested_cents=2000)
    assert r.status == 201, r
    a = r.json
    expected = [("09:00", "09:30"), ("09:30", "10:45"), ("10:45", "11:15"), ("11:15", "12:00"), ("12:00", "12:30")]
    assert [(x["start"][11:16], x["end"][11:16]) for x in a["lines"]] == expected
    assert [x["staff_id"] for x in a["lines"]] == [salon.alice, salon.alice, salon.bob, salon.bob, salon.alice]
    assert [x["service_id"] for x in a["lines"]] == [salon.cut, salon.color, salon.cut, salon.facial, salon.cut]
    assert [x["duration_minutes"] for x in a["lines"]] == [30, 75, 30, 45, 30]
    assert [x["price_cents"] for x in a["lines"]] == [3000, 8000, 3000, 3000, 0]
    assert a["lines"][2]["answers"] == {"longueur": "courte"}
    assert a["lines"][3]["resource_id"] == salon.room
    assert a["start"] == at(MONDAY, "09:00") and a["end"] == at(MONDAY, "12:30")
    assert a["payment_method"] == "card" and a["amount_requested_cents"] == 2000
    # Each line blocks its own staff only for its own span: Bob is free at 09:00, Alice at 10:45.
    assert salon.book(at(MONDAY, "09:00"), [line(salon.cut, salon.bob)], client=salon.client2).status == 201
    assert salon.book(at(MONDAY, "10:45"), [line(salon.cut, salon.alice)], client=salon.client2).status == 201
    assert salon.book(at(MONDAY, "10:30"), [line(salon.cut, salon.alice)], client=salon.client2).error_code == "slot_taken"


def test_six_lines_is_too_many_services_and_zero_is_invalid(salon):
    before = counts(salon.admin)
    r = salon.book(at(MONDAY, "09:00"), [line(salon.cut, salon.alice)] * 6)
    assert r.status == 422 and r.error_code == "too_many_services", r
    r = salon.book(at(MONDAY, "09:00"), [])
    assert r.status == 422 and r.error_code == "validation_failed", r
    assert counts(salon.admin) == before


def test_line_options_are_checked(salon):
    before = counts(salon.admin)
    cases = [
        ([line(salon.cut, salon.alice, duration_minutes=0)], "lines[0].duration_minutes"),
        ([line(salon.cut, salon.alice, price_cents=-5)], "lines[0].price_cents"),
        ([line(salon.cut, salon.alice, answers={"q": 3})], None),
        ([line(salon.cut, salon.alice, answers="none")], None),
        ([line(99999, salon.alice)], "lines[0].service_id"),
        ([{"staff_id": salon.alice}], "lines[0].service_id"),
        ([line(salon.cut, 99999)], "lines[0].staff_id"),
        ([line(salon.cut, salon.alice), "cut"], "lines[1]"),
        ([line(salon.cut, None)], "lines[0].staff_id"),  # the front desk names the staff of each line
    ]
    for lines, field in cases:
        r = salon.book(at(MONDAY, "10:00"), lines)
        assert r.status == 422 and r.error_code == "validation_failed", (lines, r)
        if field:
            assert r["error"]["field"] == field, (lines, r)
    for extra in [{"confirmation": "maybe"}, {"amount_requested_cents": -1}, {"client_id": 424242},
                  {"start": "lundi 10h"}, {"requested_staff": "yes"}, {"notes": 5}]:
        body = {"client_id": salon.client, "start": at(MONDAY, "10:00"), "lines": [line(salon.cut, salon.alice)],
                **extra}
        r = salon.admin.post("/api/appointments", body)
        assert r.status == 422 and r.error_code == "validation_failed", (extra, r)
    r = salon.admin.post("/api/appointments", {"start": at(MONDAY, "10:00"), "lines": [line(salon.cut, salon.alice)]})
    assert r.status == 422 and r["error"]["field"] == "client_id"
    assert counts(salon.admin) == before


def test_requested_staff_follows_the_setting(salon):
    r = salon.book(at(MONDAY, "10:00"), [line(salon.cut, salon.alice)], requested_staff=True)
    assert r.status == 201 and r["requested_staff"] is True, r
    assert salon.admin.patch("/api/settings", {"preferred_staff_selection": False}).status == 200
    before = counts(salon.admin)
    r = salon.book(at(MONDAY, "11:00"), [line(salon.cut, salon.alice)], requested_staff=True)
    assert r.status == 422 and r.error_code == "validation_failed" and r["error"]["field"] == "requested_staff", r
    assert counts(salon.admin) == before
    r = salon.book(at(MONDAY, "11:00"), [line(salon.cut, salon.alice)], requested_staff=False)
    assert r.status == 201 and r["requested_staff"] is False


def test_request_note_and_notes(salon):
    r = salon.book(at(MONDAY, "10:00"), [line(salon.cut, salon.alice)], client_request="Frange courte svp",
                   quick_note="Arrive souvent en retard", notes="Coloration 6.1 la dernière fois",
                   notify_earlier_slot=True)
    assert r.status == 201, r
    assert r["client_request"] == "Frange courte svp"
    assert r["quick_note"] == "Arrive souvent en retard"
    assert r["notes"] == "Coloration 6.1 la dernière fois"
    assert r["notify_earlier_slot"] is True
    # The notes also appear on the client file, newest first.
    later = salon.book(at(TUESDAY, "10:00"), [line(salon.cut, salon.alice)], notes="Deuxième visite")
    c = salon.admin.get(f"/api/clients/{salon.client}")
    assert c.status == 200, c
    notes = c["appointment_notes"]
    assert [n["appointment_id"] for n in notes][:2] == [later["id"], r["id"]]
    assert notes[0]["notes"] == "Deuxième visite" and notes[1]["notes"] == "Coloration 6.1 la dernière fois"
    assert notes[0]["start"] == at(TUESDAY, "10:00")


# ---- confirmation modes and messages -------------------------------------------------------------------

def test_approve_sends_a_confirmation_naming_everything(salon):
    r = salon.book(at(MONDAY, "10:00"), [line(salon.cut, salon.alice), line(salon.facial, salon.bob, resource_id=salon.room)],
                   client_request="Pas trop court")
    assert r.status == 201 and r["status"] == "approved", r
    msgs = outbox(salon.admin, appointment_id=r["id"])["items"]
    assert [m["kind"] for m in msgs] == ["confirmation"], msgs
    m = msgs[0]
    assert m["channel"] == "email" and m["to"] == "helene@example.com" and m["client_id"] == salon.client
    assert m["status"] == "pending" or m["status"] in ("sent", "failed")
    text = m["subject"] + "\n" + m["body"]
    for needle in ["Coupe", "Soin visage", "lundi 1 mars 2027", "10:00", "Alice", "Bob", "Pas trop court", "Hélène"]:
        assert needle in text, (needle, text)


def test_request_waits_for_confirm(salon):
    r = salon.book(at(MONDAY, "10:00"), [line(salon.cut, salon.alice)], confirmation="request")
    assert r.status == 201 and r["status"] == "pending", r
    msgs = outbox(salon.admin, appointment_id=r["id"])["items"]
    assert [m["kind"] for m in msgs] == ["confirmation_request"]
    body = msgs[0]["body"]
    assert "Coupe" in body and "10:00" in body and "Alice" in body and "/book/confirm/" in body
    # A pending appointment holds its slot.
    assert salon.book(at(MONDAY, "10:15"), [line(salon.cut, salon.alice)], client=salon.client2).error_code == "slot_taken"
    c = salon.admin.post(f"/api/appointments/{r['id']}/confirm")
    assert c.status == 200 and c["status"] == "approved", c
    again = salon.admin.post(f"/api/appointments/{r['id']}/confirm")
    assert again.status == 200 and again["status"] == "approved"
    assert salon.admin.get("/api/appointments", status="pending")["total"] == 0
    assert salon.admin.get("/api/appointments", status="approved")["total"] == 1


def test_confirm_through_the_link_of_the_request(salon):
    r = salon.book(at(MONDAY, "10:00"), [line(salon.cut, salon.alice)], confirmation="request")
    body = outbox(salon.admin, appointment_id=r["id"])["items"][0]["body"]
    token = body.split("/book/confirm/")[1].split()[0]
    anon = salon.admin.with_token(None)
    other = salon.book(at(MONDAY, "11:00"), [line(salon.cut, salon.alice)], confirmation="request")
    # The link of one appointment does not confirm another, and changes nothing.
    wrong = anon.post(f"/api/appointments/{other['id']}/confirm?token={token}")
    assert wrong.status == 404, wrong
    assert salon.admin.get(f"/api/appointments/{r['id']}")["status"] == "pending"
    ok = anon.post(f"/api/appointments/{r['id']}/confirm?token={token}")
    assert ok.status == 200 and ok["status"] == "approved", ok
    assert anon.post(f"/api/portal/confirm/not-a-token").status == 404


def test_silent_sends_nothing(salon):
    before = outbox(salon.admin)["total"]
    r = salon.book(at(MONDAY, "10:00"), [line(salon.cut, salon.alice)], confirmation="silent")
    assert r.status == 201 and r["status"] == "approved", r
    assert outbox(salon.admin)["total"] == before


def test_cancel_tells_the_client_and_each_employee(salon):
    r = salon.book(at(MONDAY, "10:00"), [line(salon.cut, salon.alice), line(salon.cut, salon.bob)], confirmation="silent")
    assert r.status == 201, r
    c = salon.admin.post(f"/api/appointments/{r['id']}/cancel", {"reason": "Malade"})
    assert c.status == 200 and c["status"] == "cancelled", c
    msgs = outbox(salon.admin, appointment_id=r["id"], kind="cancellation")["items"]
    assert sorted(m["to"] for m in msgs) == ["alice@salon.test", "bob@salon.test", "helene@example.com"], msgs
    for m in msgs:
        text = m["subject"] + m["body"]
        assert "lundi 1 mars 2027" in text and "10:00" in text and "Coupe" in text and "Malade" in text
    # The slot is free again, for both staff.
    assert salon.book(at(MONDAY, "10:00"), [line(salon.cut, salon.alice)], client=salon.client2).status == 201
    assert salon.book(at(MONDAY, "10:30"), [line(salon.cut, salon.bob)], client=salon.client2).status == 201
    # Cancelling twice sends nothing more; a cancelled appointment cannot be moved.
    n = outbox(salon.admin)["total"]
    assert salon.admin.post(f"/api/appointments/{r['id']}/cancel", {}).status == 200
    assert outbox(salon.admin)["total"] == n
    assert salon.admin.patch(f"/api/appointments/{r['id']}", {"start": at(TUESDAY, "10:00")}).status == 422
    listed = salon.admin.get("/api/appointments", status="cancelled")
    assert listed["total"] == 1 and listed["items"][0]["id"] == r["id"]


def test_move_re_checks_the_agenda(salon):
    a = salon.book(at(MONDAY, "10:00"), [line(salon.cut, salon.alice), line(salon.color, salon.alice)], confirmation="silent")
    b = salon.book(at(MONDAY, "14:00"), [line(salon.cut, salon.alice)], client=salon.client2, confirmation="silent")
    assert a.status == 201 and b.status == 201
    r = salon.admin.patch(f"/api/appointments/{a['id']}", {"start": at(TUESDAY, "09:00")})
    assert r.status == 200, r
    assert r["start"] == at(TUESDAY, "09:00") and r["end"] == at(TUESDAY, "10:30")
    assert [x["start"][11:16] for x in r["lines"]] == ["09:00", "09:30"]
    assert r["created_at"] == a["created_at"]
    # Moving onto itself, overlapping its own old place, is fine.
    r = salon.admin.patch(f"/api/appointments/{a['id']}", {"start": at(TUESDAY, "09:30")})
    assert r.status == 200, r
    # Onto Alice's other appointment: refused, nothing changes.
    before = salon.admin.get(f"/api/appointments/{a['id']}").json
    n = counts(salon.admin)
    r = salon.admin.patch(f"/api/appointments/{a['id']}", {"start": at(MONDAY, "13:30")})
    assert r.status in (409, 422), r
    r = salon.admin.patch(f"/api/appointments/{a['id']}", {"start": at(MONDAY, "14:15")})
    assert r.status == 409 and r.error_code == "slot_taken", r
    assert salon.admin.get(f"/api/appointments/{a['id']}").json == before
    assert counts(salon.admin) == n
    # Another staff member for one line, and a new note.
    r = salon.admin.patch(f"/api/appointments/{a['id']}",
                          {"lines": [line(salon.cut, salon.bob), line(salon.color, salon.alice)], "notes": "changé"})
    assert r.status == 200, r
    assert [x["staff_id"] for x in r["lines"]] == [salon.bob, salon.alice] and r["notes"] == "changé"
    # The old place is free.
    assert salon.book(at(MONDAY, "10:00"), [line(salon.color, salon.alice)], client=salon.client2).status == 201


def test_patch_records_who_changed_it(server, salon):
    r = salon.book(at(MONDAY, "10:00"), [line(salon.cut, salon.alice)])
    login = server.api().post("/api/auth/login", {"email": "bob@salon.test", "password": "employee-pass-2"})
    bob = server.api(login["token"])
    p = bob.patch(f"/api/appointments/{r['id']}", {"quick_note": "Café sans sucre"})
    assert p.status == 200, p
    assert p["quick_note"] == "Café sans sucre"
    assert p["updated_by"]["id"] == salon.bob and p["updated_by"]["type"] == "staff" and "Bob" in p["updated_by"]["name"]
    assert p["created_by"] == r["created_by"] and p["created_at"] == r["created_at"]
    assert p["updated_at"] >= r["updated_at"]
    assert bob.patch("/api/appointments/99999", {"notes": "x"}).status == 404


def test_delete_frees_the_slot_without_a_message(salon):
    r = salon.book(at(MONDAY, "10:00"), [line(salon.cut, salon.alice)])
    n = outbox(salon.admin)["total"]
    d = salon.admin.delete(f"/api/appointments/{r['id']}")
    assert d.status == 204 and d.text == ""
    assert salon.admin.get(f"/api/appointments/{r['id']}").status == 404
    assert outbox(salon.admin)["total"] == n
    assert salon.book(at(MONDAY, "10:00"), [line(salon.cut, salon.alice)], client=salon.client2).status == 201
    assert salon.admin.delete(f"/api/appointments/{r['id']}").status == 404


def test_no_show_flag(salon):
    # Marked once the visit has started (the rule before it starts: test_frontdesk_statuses.py).
    r = salon.book("2026-03-02T10:00:00+01:00", [line(salon.cut, salon.alice)])
    x = salon.admin.post(f"/api/appointments/{r['id']}/no_show", {"no_show": True})
    assert x.status == 200 and x["no_show"] is True, x
    assert salon.admin.get(f"/api/clients/{salon.client}")["no_shows"] == 1
    x = salon.admin.post(f"/api/appointments/{r['id']}/no_show", {"no_show": False})
    assert x.status == 200 and x["no_show"] is False
    bad = salon.admin.post(f"/api/appointments/{r['id']}/no_show", {})
    assert bad.status == 422 and bad.error_code == "validation_failed"
    assert salon.admin.post("/api/appointments/99999/no_show", {"no_show": True}).status == 404


def test_rules_are_frozen_at_creation(salon):
    old = salon.book(at(MONDAY, "10:00"), [line(salon.cut, salon.alice)])
    assert old.status == 201
    frozen = old["rules"]
    r = salon.admin.patch("/api/settings", {"booking": {"slot_step_minutes": 30, "min_notice_minutes": 240,
                                                        "max_advance_days": 30, "cancel_notice_minutes": 1440}})
    assert r.status == 200
    assert salon.admin.get(f"/api/appointments/{old['id']}")["rules"] == frozen
    moved = salon.admin.patch(f"/api/appointments/{old['id']}", {"start": at(MONDAY, "11:00")})
    assert moved.status == 200 and moved["rules"] == frozen
    new = salon.book(at(MONDAY, "15:00"), [line(salon.cut, salon.alice)])
    assert new["rules"] == {"slot_step_minutes": 30, "min_notice_minutes": 240, "max_advance_days": 30,
                            "cancel_notice_minutes": 1440}


# ---- refusals ------------------------------------------------------------------------------------------

def test_resource_required_and_resource_allowed(salon):
    before = counts(salon.admin)
    r = salon.book(at(MONDAY, "10:00"), [line(salon.facial, salon.alice)])
    assert r.status == 422 and r.error_code == "resource_required", r
    other = salon.admin.post("/api/resources", {"name": "Fauteuil"})["id"]
    r = salon.book(at(MONDAY, "10:00"), [line(salon.facial, salon.alice, resource_id=other)])
    assert r.status == 422 and r.error_code == "validation_failed", r
    r = salon.book(at(MONDAY, "10:00"), [line(salon.cut, salon.alice), line(salon.facial, salon.alice, resource_id=424242)])
    assert r.status == 422 and r.error_code == "validation_failed", r
    assert counts(salon.admin) == before


def test_staff_who_does_not_perform_the_service(salon):
    before = counts(salon.admin)
    r = salon.book(at(MONDAY, "10:00"), [line(salon.color, salon.bob)])
    assert r.status == 422 and r.error_code == "validation_failed", r
    assert r["error"]["field"].startswith("lines[0]")
    assert counts(salon.admin) == before


def test_overlaps_are_slot_taken(salon):
    assert salon.book(at(MONDAY, "10:00"), [line(salon.color, salon.alice)]).status == 201          # 10:00–11:00
    assert salon.book(at(MONDAY, "10:00"), [line(salon.facial, salon.bob, resource_id=salon.room)]).status == 201  # room 10:00–10:45
    before = counts(salon.admin)
    for start, lines in [
        ("10:30", [line(salon.cut, salon.alice)]),                                   # same staff
        ("09:45", [line(salon.cut, salon.alice)]),                                   # runs into it
        ("09:00", [line(salon.color, salon.alice), line(salon.cut, salon.alice)]),   # second line runs into it
        ("10:30", [line(salon.facial, salon.alice, resource_id=salon.room)]),        # Alice busy anyway
        ("09:30", [line(salon.facial, salon.alice, resource_id=salon.room)]),        # room busy from 10:00
    ]:
        r = salon.book(at(MONDAY, start), lines, client=salon.client2)
        assert r.status == 409 and r.error_code == "slot_taken", (start, lines, r)
    # The room alone: Alice free at 11:00, the room taken by Bob 11:00–11:45.
    assert salon.book(at(MONDAY, "11:00"), [line(salon.facial, salon.bob, resource_id=salon.room)]).status == 201
    r = salon.book(at(MONDAY, "11:15"), [line(salon.facial, salon.alice, resource_id=salon.room)], client=salon.client2)
    assert r.status == 409 and r.error_code == "slot_taken", r
    assert counts(salon.admin) == (before[0] + 1, before[1] + 1)
    # Back to back is fine.
    assert salon.book(at(MONDAY, "11:00"), [line(salon.cut, salon.alice)], client=salon.client2).status == 201


def test_time_off_is_slot_taken(salon):
    t = salon.admin.post(f"/api/staff/{salon.alice}/time_off", {"start": at(MONDAY, "10:00"), "end": at(MONDAY, "12:00"),
                                                               "reason": "Formation"})
    assert t.status == 201
    before = counts(salon.admin)
    r = salon.book(at(MONDAY, "11:45"), [line(salon.cut, salon.alice)])
    assert r.status == 409 and r.error_code == "slot_taken", r
    r = salon.book(at(MONDAY, "09:45"), [line(salon.cut, salon.alice)])
    assert r.status == 409 and r.error_code == "slot_taken", r
    assert counts(salon.admin) == before
    assert salon.book(at(MONDAY, "09:30"), [line(salon.cut, salon.alice)]).status == 201
    assert salon.book(at(MONDAY, "12:00"), [line(salon.cut, salon.alice)]).status == 201
    assert salon.book(at(MONDAY, "10:30"), [line(salon.cut, salon.bob)]).status == 201


def test_outside_hours(salon):
    before = counts(salon.admin)
    for start, lines in [
        (at(MONDAY, "08:30"), [line(salon.cut, salon.alice)]),
        (at(MONDAY, "12:45"), [line(salon.cut, salon.alice)]),                             # into the lunch break
        (at(MONDAY, "13:00"), [line(salon.cut, salon.alice)]),                             # in the break
        (at(MONDAY, "17:30"), [line(salon.cut, salon.alice), line(salon.cut, salon.alice)]),  # second line after 18:00
        (at(SATURDAY, "10:00"), [line(salon.cut, salon.alice)]),                           # no hours on Saturday
        ("2027-03-01T23:50:00+01:00", [line(salon.cut, salon.alice)]),                       # across midnight
    ]:
        r = salon.book(start, lines)
        assert r.status == 422 and r.error_code == "outside_hours", (start, r)
    assert counts(salon.admin) == before
    assert salon.book(at(MONDAY, "12:30"), [line(salon.cut, salon.alice)]).status == 201
    assert salon.book(at(MONDAY, "14:00"), [line(salon.cut, salon.alice)]).status == 201


def test_group_capacity(salon):
    clients = [salon.client, salon.client2] + [
        salon.admin.post("/api/clients", {"first_name": f"C{i}", "last_name": "Groupe", "email": f"c{i}@example.com"})["id"]
        for i in range(2)]
    results = [salon.book(at(MONDAY, "10:00"), [line(salon.workshop, salon.alice)], client=c) for c in clients]
    assert [r.status for r in results[:3]] == [201, 201, 201], results
    assert all(r["group"] is True for r in results[:3])
    assert results[3].status == 409 and results[3].error_code == "slot_taken", results[3]
    # Another session that overlaps the full one, or an ordinary service in it: refused.
    r = salon.book(at(MONDAY, "10:30"), [line(salon.workshop, salon.alice)], client=clients[3])
    assert r.status == 409, r
    r = salon.book(at(MONDAY, "10:30"), [line(salon.cut, salon.alice)], client=clients[3])
    assert r.status == 409, r
    # A place frees up when one cancels.
    assert salon.admin.post(f"/api/appointments/{results[0]['id']}/cancel", {}).status == 200
    assert salon.book(at(MONDAY, "10:00"), [line(salon.workshop, salon.alice)], client=clients[3]).status == 201


def test_unknown_ids_are_404(salon):
    for method, path in [("GET", "/api/appointments/99999"), ("POST", "/api/appointments/99999/cancel"),
                         ("POST", "/api/appointments/99999/confirm"), ("DELETE", "/api/appointments/99999"),
                         ("PATCH", "/api/appointments/99999"), ("GET", "/api/appointments/zero")]:
        r = salon.admin.call(method, path, {})
        assert r.status == 404 and r.error_code == "not_found", (method, path, r)


def test_list_filters(salon):
    a = salon.book(at(MONDAY, "10:00"), [line(salon.cut, salon.alice)])
    b = salon.book(at(TUESDAY, "10:00"), [line(salon.facial, salon.bob, resource_id=salon.room)], client=salon.client2)
    c = salon.book("2027-03-03T18:00:00+01:00", [line(salon.cut, salon.alice)], client=salon.client2)
    assert c.status == 422  # outside hours: Alice stops at 18:00
    ids = lambda r: [x["id"] for x in r["items"]]  # noqa: E731
    assert ids(salon.admin.get("/api/appointments", **{"from": MONDAY, "to": TUESDAY})) == [a["id"], b["id"]]
    assert ids(salon.admin.get("/api/appointments", **{"from": MONDAY, "to": MONDAY})) == [a["id"]]
    assert ids(salon.admin.get("/api/appointments", **{"from": TUESDAY})) == [b["id"]]
    assert ids(salon.admin.get("/api/appointments", staff_id=salon.bob)) == [b["id"]]
    assert ids(salon.admin.get("/api/appointments", resource_id=salon.room)) == [b["id"]]
    assert ids(salon.admin.get("/api/appointments", client_id=salon.client)) == [a["id"]]
    r = salon.admin.get("/api/appointments", limit=1)
    assert r["total"] == 2 and len(r["items"]) == 1
    assert salon.admin.get("/api/appointments", **{"from": "yesterday"}).status == 422
    # A status no appointment can have is a mistake, not an empty list; an empty one filters nothing.
    for path, bad in [("/api/appointments", "done"), ("/api/appointments", "Approved"), ("/api/outbox", "delivered")]:
        r = salon.admin.get(path, status=bad)
        assert r.status == 422 and r.error_code == "validation_failed" and r.json["error"]["field"] == "status", r
        assert "pending" in r.json["error"]["message"], r
    assert salon.admin.get("/api/appointments", status="")["total"] == 2


def test_failed_requests_write_nothing(salon):
    ok = salon.book(at(MONDAY, "10:00"), [line(salon.cut, salon.alice)])
    assert ok.status == 201
    before = counts(salon.admin)
    failing = [
        # The first lines would fit; a later one fails: none of them is written.
        [line(salon.cut, salon.bob), line(salon.color, salon.alice)],                       # Alice busy 10:00
        [line(salon.cut, salon.bob), line(salon.facial, salon.bob)],                        # resource_required
        [line(salon.cut, salon.bob), line(salon.color, salon.bob)],                         # Bob does not colour
        [line(salon.cut, salon.bob)] * 6,                                                   # too many
    ]
    for lines in failing:
        r = salon.book(at(MONDAY, "09:30"), lines, client=salon.client2)
        assert r.status in (409, 422), r
        assert counts(salon.admin) == before, lines
    r = salon.admin.post("/api/appointments", raw=b"{\"client_id\": 1,", headers={"Content-Type": "application/json"})
    assert r.status == 422
    # Failed changes leave the appointment and the outbox as they were.
    snapshot = salon.admin.get(f"/api/appointments/{ok['id']}").json
    for patch in [{"start": at(SATURDAY, "10:00")}, {"lines": [line(salon.color, salon.bob)]},
                  {"lines": [line(salon.cut, salon.alice)] * 6}, {"requested_staff": "x"}, {"client_id": 99999}]:
        r = salon.admin.patch(f"/api/appointments/{ok['id']}", patch)
        assert r.status in (409, 422), (patch, r)
    assert salon.admin.get(f"/api/appointments/{ok['id']}").json == snapshot
    assert counts(salon.admin) == before


def test_employee_works_the_agenda(server, salon):
    login = server.api().post("/api/auth/login", {"email": "alice@salon.test", "password": "employee-pass-1"})
    alice = server.api(login["token"])
    r = alice.post("/api/appointments", {"client_id": salon.client, "start": at(MONDAY, "10:00"),
                                         "lines": [line(salon.cut, salon.alice)]})
    assert r.status == 201, r
    assert r["created_by"]["id"] == salon.alice
    assert alice.post(f"/api/appointments/{r['id']}/cancel", {"reason": "x"}).status == 200
    assert alice.get("/api/outbox").status == 403


@pytest.mark.parametrize("confirmation,kind", [("approve", "confirmation"), ("request", "confirmation_request")])
def test_messages_go_in_the_same_transaction(salon, confirmation, kind):
    r = salon.book(at(MONDAY, "10:00"), [line(salon.cut, salon.alice)], confirmation=confirmation)
    msgs = outbox(salon.admin, kind=kind)
    assert msgs["total"] == 1 and msgs["items"][0]["appointment_id"] == r["id"]
