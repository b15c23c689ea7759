"""Online booking through the portal: availability with the booking rules, book for self or a family
member (audience checked), list (with a range), cancel (always allowed), reschedule (not groups), and no
access to another account's appointments."""
import datetime as dt

import pytest

from conftest import MONDAY, Salon, at

PASSWORD = "client-pass-1"
DAY = "2027-03-02"        # a Tuesday, far enough ahead for any notice
NEXT_DAY = "2027-03-03"


def weekday_ahead(days):
    """A Tuesday-to-Thursday about `days` ahead of the real clock (portal rules use it), as YYYY-MM-DD."""
    d = dt.date.today() + dt.timedelta(days=days)
    while d.isoweekday() not in (2, 3, 4):
        d += dt.timedelta(days=1)
    return d.isoformat()


@pytest.fixture
def salon(admin):
    s = Salon(admin)
    r = admin.patch("/api/settings", {"booking": {"max_advance_days": 3650, "min_notice_minutes": 60}})
    assert r.status == 200, r
    return s


def portal_account(server, admin, salon, email="helene.portal@example.com", link_to=None, **extra):
    """A registered account, linked by the front desk to `link_to` (a client id) when given."""
    body = {"first_name": "Hélène", "last_name": "Dupont", "email": email, "phone": "", "password": PASSWORD, **extra}
    r = server.api().post("/api/portal/register", body)
    assert r.status == 201, r
    api = server.api(r["token"])
    if link_to:
        r2 = admin.post(f"/api/link-queue/{r['account']['id']}/link", {"client_id": link_to})
        assert r2.status == 200, r2
    return api


def book(api, start, service, **extra):
    return api.post("/api/portal/appointments", {"start": start, "lines": [{"service_id": service}], **extra})


def test_portal_availability_applies_the_booking_rules(server, admin, salon):
    api = server.api()
    r = api.get("/api/portal/availability", service_ids=str(salon.cut), **{"from": DAY, "to": DAY})
    assert r.status == 200, r
    starts = [s["start"] for s in r["slots"]]
    assert at(DAY, "09:00") in starts and at(DAY, "17:30") in starts
    # Beyond the horizon: nothing.
    admin.patch("/api/settings", {"booking": {"max_advance_days": 30}})
    r = api.get("/api/portal/availability", service_ids=str(salon.cut), **{"from": DAY, "to": DAY})
    assert r.status == 200 and r["slots"] == [], r
    # The staff route still shows them.
    r = admin.get("/api/availability", service_ids=str(salon.cut), **{"from": DAY, "to": DAY})
    assert r["slots"]


def test_min_notice_applies_online(server, admin, salon):
    api = portal_account(server, admin, salon, link_to=salon.client)
    soon = weekday_ahead(20)
    r = admin.patch("/api/settings", {"booking": {"min_notice_minutes": 60 * 24 * 40}})  # 40 days of notice
    assert r.status == 200, r
    r = book(api, f"{soon}T10:00:00", salon.cut)  # no offset: read in the salon's zone
    assert r.status == 422 and r.error_code == "too_late", r
    r = api.get("/api/portal/availability", service_ids=str(salon.cut), **{"from": soon, "to": soon})
    assert r.status == 200 and r["slots"] == [], r
    # The front desk is not bound by the rules.
    assert salon.book(f"{soon}T10:00:00", [{"service_id": salon.cut, "staff_id": salon.alice}]).status == 201
    r = admin.patch("/api/settings", {"booking": {"min_notice_minutes": 60, "max_advance_days": 10}})
    assert r.status == 200, r
    r = book(api, at(DAY, "10:00"), salon.cut)
    assert r.status == 422 and r.error_code == "too_late", r
    assert api.get("/api/portal/appointments")["total"] == 1  # only the front desk's


def test_linked_account_books_for_itself_server_picks_staff_and_resource(server, admin, salon):
    api = portal_account(server, admin, salon, link_to=salon.client)
    r = book(api, at(DAY, "10:00"), salon.facial)
    assert r.status == 201, r
    a = r.json
    assert a["client_id"] == salon.client and a["status"] == "approved"
    assert a["lines"][0]["staff_id"] in (salon.alice, salon.bob)
    assert a["lines"][0]["resource_id"] == salon.room
    assert a["created_by"]["type"] == "client"
    # The front desk sees it in the agenda, and the confirmation went to the client.
    assert admin.get(f"/api/appointments/{a['id']}")["client_id"] == salon.client
    msgs = admin.get("/api/outbox", kind="confirmation", appointment_id=a["id"])
    assert msgs["total"] >= 1


def test_client_cannot_set_prices_or_staff_notes(server, admin, salon):
    api = portal_account(server, admin, salon, link_to=salon.client)
    r = api.post("/api/portal/appointments", {"start": at(DAY, "10:00"), "notes": "VIP", "quick_note": "x",
                                              "lines": [{"service_id": salon.cut, "price_cents": 1,
                                                         "duration_minutes": 5}],
                                              "client_request": "short please"})
    assert r.status == 201, r
    assert r["lines"][0]["price_cents"] == 3000 and r["lines"][0]["duration_minutes"] == 30
    assert r["notes"] == "" and r["quick_note"] == "" and r["client_request"] == "short please"


def test_slot_taken_and_outside_hours_online(server, admin, salon):
    api = portal_account(server, admin, salon, link_to=salon.client)
    for staff in (salon.alice, salon.bob):
        assert salon.book(at(DAY, "10:00"), [{"service_id": salon.cut, "staff_id": staff}], client=salon.client2).status == 201
    r = book(api, at(DAY, "10:00"), salon.cut)
    assert r.status == 409 and r.error_code == "slot_taken", r
    r = book(api, at(DAY, "13:15"), salon.cut)  # lunch break of every staff member
    assert r.status in (409, 422), r
    assert api.get("/api/portal/appointments")["total"] == 0


def test_list_own_and_members_appointments_with_a_range(server, admin, salon):
    api = portal_account(server, admin, salon, link_to=salon.client)
    kid = admin.post("/api/clients", {"first_name": "Léo", "last_name": "Dupont", "email": "leo@example.com",
                                      "birth_date": "2018-05-01"})["id"]
    assert admin.post(f"/api/clients/{salon.client}/members", {"member_id": kid, "relation": "child"}).status == 201
    own = book(api, at(DAY, "10:00"), salon.cut)
    assert own.status == 201, own
    kids = book(api, at(NEXT_DAY, "11:00"), salon.cut, for_client_id=kid)
    assert kids.status == 201, kids
    assert kids["client_id"] == kid
    staff_made = salon.book(at(NEXT_DAY, "15:00"), [{"service_id": salon.color, "staff_id": salon.alice}], client=kid)
    assert staff_made.status == 201
    other = salon.book(at(DAY, "15:00"), [{"service_id": salon.cut, "staff_id": salon.bob}], client=salon.client2)
    assert other.status == 201

    r = api.get("/api/portal/appointments")
    assert r.status == 200, r
    ids = [a["id"] for a in r["items"]]
    assert r["total"] == 3 and set(ids) == {own["id"], kids["id"], staff_made["id"]}
    r = api.get("/api/portal/appointments", **{"from": NEXT_DAY, "to": NEXT_DAY})
    assert {a["id"] for a in r["items"]} == {kids["id"], staff_made["id"]}
    r = api.get("/api/portal/appointments", **{"from": DAY, "to": DAY})
    assert [a["id"] for a in r["items"]] == [own["id"]]
    assert api.get(f"/api/portal/appointments/{kids['id']}").status == 200


def test_booking_for_someone_outside_the_family_is_refused(server, admin, salon):
    api = portal_account(server, admin, salon, link_to=salon.client)
    r = book(api, at(DAY, "10:00"), salon.cut, for_client_id=salon.client2)
    assert r.status == 422 and r.json["error"]["field"] == "for_client_id", r
    assert admin.get("/api/appointments", client_id=salon.client2)["total"] == 0


def test_service_audience_must_fit_the_person(server, admin, salon):
    api = portal_account(server, admin, salon, link_to=salon.client)
    admin.patch(f"/api/clients/{salon.client}", {"birth_date": "1985-06-15"})
    kid = admin.post("/api/clients", {"first_name": "Léo", "last_name": "Dupont", "email": "leo@example.com",
                                      "birth_date": "2019-05-01"})["id"]
    teen = admin.post("/api/clients", {"first_name": "Emma", "last_name": "Dupont", "email": "emma@example.com",
                                       "birth_date": "2012-01-10"})["id"]
    for m in (kid, teen):
        admin.post(f"/api/clients/{salon.client}/members", {"member_id": m, "relation": "child"})
    child_cut = salon.service("Coupe enfant", 30, audience="child")
    teen_cut = salon.service("Coupe ado", 30, audience="teen")
    admin.patch(f"/api/staff/{salon.alice}", {"service_ids": [salon.cut, salon.color, salon.facial, salon.workshop,
                                                               child_cut, teen_cut]})

    r = book(api, at(DAY, "09:00"), child_cut, for_client_id=teen)
    assert r.status == 422 and r.error_code == "validation_failed", r
    assert "Coupe enfant" in r.json["error"]["message"] and "Emma" in r.json["error"]["message"]
    assert r.json["error"]["field"] == "lines[0].service_id"
    r = book(api, at(DAY, "09:00"), teen_cut, for_client_id=kid)
    assert r.status == 422, r
    r = book(api, at(DAY, "09:00"), child_cut)  # the adult herself
    assert r.status == 422, r

    assert book(api, at(DAY, "09:00"), child_cut, for_client_id=kid).status == 201
    assert book(api, at(DAY, "10:00"), teen_cut, for_client_id=teen).status == 201
    assert book(api, at(DAY, "11:00"), salon.cut).status == 201


def test_teen_turning_18_before_the_visit_is_an_adult_that_day(server, admin, salon):
    api = portal_account(server, admin, salon, link_to=salon.client)
    teen = admin.post("/api/clients", {"first_name": "Emma", "last_name": "Dupont", "email": "emma@example.com",
                                       "birth_date": "2009-03-01"})["id"]  # 18 on 2027-03-01
    admin.post(f"/api/clients/{salon.client}/members", {"member_id": teen, "relation": "child"})
    teen_cut = salon.service("Coupe ado", 30, audience="teen")
    adult_cut = salon.service("Coupe adulte", 30, audience="adult")
    admin.patch(f"/api/staff/{salon.bob}", {"service_ids": [salon.cut, salon.facial, teen_cut, adult_cut]})
    assert book(api, at(DAY, "09:00"), teen_cut, for_client_id=teen).status == 422
    assert book(api, at(DAY, "09:00"), adult_cut, for_client_id=teen).status == 201


def test_another_accounts_appointment_is_not_found(server, admin, salon):
    mine = portal_account(server, admin, salon, link_to=salon.client)
    theirs = portal_account(server, admin, salon, email="marc.portal@example.com", link_to=salon.client2)
    a = book(theirs, at(DAY, "10:00"), salon.cut)
    assert a.status == 201, a
    staff_made = salon.book(at(DAY, "15:00"), [{"service_id": salon.cut, "staff_id": salon.bob}], client=salon.client2)
    for appointment_id in (a["id"], staff_made["id"], 999999):
        assert mine.get(f"/api/portal/appointments/{appointment_id}").status == 404
        r = mine.post(f"/api/portal/appointments/{appointment_id}/cancel", {})
        assert r.status == 404 and r.error_code == "not_found", r
        r = mine.patch(f"/api/portal/appointments/{appointment_id}", {"start": at(DAY, "11:00")})
        assert r.status == 404, r
    assert admin.get(f"/api/appointments/{a['id']}")["status"] == "approved"
    assert mine.get("/api/portal/appointments")["total"] == 0


def test_cancel_is_always_allowed_and_notifies_client_and_employee(server, admin, salon):
    soon = weekday_ahead(20)
    r = admin.patch("/api/settings", {"booking": {"cancel_notice_minutes": 60 * 24 * 40}})  # 40 days
    assert r.status == 200, r
    api = portal_account(server, admin, salon, link_to=salon.client)
    a = book(api, f"{soon}T10:00:00", salon.cut, lines=[{"service_id": salon.cut, "staff_id": salon.bob}])
    assert a.status == 201, a
    # Rescheduling is past the cancel notice …
    r = api.patch(f"/api/portal/appointments/{a['id']}", {"start": f"{soon}T11:00:00"})
    assert r.status == 422 and r.error_code == "too_late", r
    # … cancelling is always allowed.
    r = api.post(f"/api/portal/appointments/{a['id']}/cancel", {"reason": "sick"})
    assert r.status == 200 and r["status"] == "cancelled", r
    msgs = admin.get("/api/outbox", kind="cancellation", appointment_id=a["id"])["items"]
    recipients = {m["to"] for m in msgs}
    assert "helene@example.com" in recipients and "bob@salon.test" in recipients, msgs
    # Cancelling twice is harmless; the slot is free again.
    assert api.post(f"/api/portal/appointments/{a['id']}/cancel", {}).status == 200
    again = book(api, f"{soon}T10:00:00", salon.cut, lines=[{"service_id": salon.cut, "staff_id": salon.bob}])
    assert again.status == 201, again


def test_reschedule_moves_own_appointment_within_the_rules(server, admin, salon):
    api = portal_account(server, admin, salon, link_to=salon.client)
    a = book(api, at(DAY, "10:00"), salon.cut)
    assert a.status == 201, a
    r = api.patch(f"/api/portal/appointments/{a['id']}", {"start": at(NEXT_DAY, "14:30")})
    assert r.status == 200, r
    assert r["start"] == at(NEXT_DAY, "14:30") and r["end"] == at(NEXT_DAY, "15:00")
    assert r["updated_by"]["type"] == "client"
    r = api.patch(f"/api/portal/appointments/{a['id']}", {"start": "2040-01-03T10:00:00+01:00"})
    assert r.status == 422 and r.error_code == "too_late", r  # beyond max_advance_days
    r = api.patch(f"/api/portal/appointments/{a['id']}", {})
    assert r.status == 422 and r.json["error"]["field"] == "start", r
    r = api.patch(f"/api/portal/appointments/{a['id']}", {"start": "tomorrow"})
    assert r.status == 422, r


def test_group_appointments_cannot_be_rescheduled_online(server, admin, salon):
    api = portal_account(server, admin, salon, link_to=salon.client)
    a = book(api, at(DAY, "10:00"), salon.workshop)
    assert a.status == 201 and a["group"] is True, a
    r = api.patch(f"/api/portal/appointments/{a['id']}", {"start": at(DAY, "14:00")})
    assert r.status == 422 and r.error_code == "cannot_reschedule_group", r
    assert api.post(f"/api/portal/appointments/{a['id']}/cancel", {}).status == 200


def test_past_appointments_cannot_be_cancelled_online(server, admin, salon):
    api = portal_account(server, admin, salon, link_to=salon.client)
    past = salon.book("2026-01-05T10:00:00+01:00", [{"service_id": salon.cut, "staff_id": salon.alice}])
    assert past.status == 201, past
    r = api.post(f"/api/portal/appointments/{past['id']}/cancel", {})
    assert r.status == 422 and r.error_code == "too_late", r
