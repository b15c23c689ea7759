"""Front-desk statuses of an appointment: no-show only once the visit has started; arrived; paid with the
payment method; none of them on a cancelled appointment. Any staff member sets them."""
import pytest

from conftest import MONDAY, at

PAST = "2026-03-02T10:00:00+01:00"  # a Monday already gone whatever day the tests run


def cut(salon):
    return [{"service_id": salon.cut, "staff_id": salon.alice}]


@pytest.fixture
def employee(server, salon):
    r = server.api().post("/api/auth/login", {"email": "alice@salon.test", "password": "employee-pass-1"})
    assert r.status == 200, r
    return server.api(r["token"])


def test_no_show_before_the_visit_started_is_refused(salon):
    future = salon.book(at(MONDAY, "10:00"), cut(salon))
    r = salon.admin.post(f"/api/appointments/{future['id']}/no_show", {"no_show": True})
    assert r.status == 422 and r.error_code == "validation_failed" and r.json["error"]["field"] == "no_show", r
    assert salon.admin.get(f"/api/appointments/{future['id']}")["no_show"] is False
    # Clearing the flag is always allowed; a past visit can be marked.
    assert salon.admin.post(f"/api/appointments/{future['id']}/no_show", {"no_show": False}).status == 200
    past = salon.book(PAST, cut(salon))
    r = salon.admin.post(f"/api/appointments/{past['id']}/no_show", {"no_show": True})
    assert r.status == 200 and r["no_show"] is True, r


def test_arrived_and_paid(salon, employee):
    a = salon.book(at(MONDAY, "10:00"), cut(salon))
    assert a["arrived"] is False and a["paid"] is False and a["payment_method"] is None, a
    r = employee.post(f"/api/appointments/{a['id']}/arrived", {"arrived": True})
    assert r.status == 200 and r["arrived"] is True and r["paid"] is False, r
    r = employee.post(f"/api/appointments/{a['id']}/paid", {"paid": True, "payment_method": "card"})
    assert r.status == 200 and r["paid"] is True and r["payment_method"] == "card", r
    got = salon.admin.get(f"/api/appointments/{a['id']}")
    assert (got["arrived"], got["paid"], got["payment_method"]) == (True, True, "card")
    listed = salon.admin.get("/api/appointments", **{"from": MONDAY, "to": MONDAY})["items"]
    assert [(x["arrived"], x["paid"]) for x in listed] == [(True, True)]
    # Undo both: the method stays as it was.
    r = employee.post(f"/api/appointments/{a['id']}/paid", {"paid": False})
    assert r.status == 200 and r["paid"] is False and r["payment_method"] == "card", r
    r = employee.post(f"/api/appointments/{a['id']}/arrived", {"arrived": False})
    assert r.status == 200 and r["arrived"] is False, r


def test_paid_needs_a_known_method(salon):
    a = salon.book(at(MONDAY, "10:00"), cut(salon))
    for body in ({"paid": True}, {"paid": True, "payment_method": "bitcoin"}, {"paid": "yes"}, {}):
        r = salon.admin.post(f"/api/appointments/{a['id']}/paid", body)
        assert r.status == 422 and r.error_code == "validation_failed", (body, r)
    assert salon.admin.post(f"/api/appointments/{a['id']}/arrived", {}).status == 422
    for method in ("card", "cash", "cheque", "voucher", "other"):
        r = salon.admin.post(f"/api/appointments/{a['id']}/paid", {"paid": True, "payment_method": method})
        assert r.status == 200 and r["payment_method"] == method, r
    assert salon.admin.get(f"/api/appointments/{a['id']}")["paid"] is True


def test_not_on_a_cancelled_or_unknown_appointment(salon):
    a = salon.book(at(MONDAY, "10:00"), cut(salon))
    assert salon.admin.post(f"/api/appointments/{a['id']}/cancel", {}).status == 200
    r = salon.admin.post(f"/api/appointments/{a['id']}/arrived", {"arrived": True})
    assert r.status == 422 and r.error_code == "validation_failed", r
    r = salon.admin.post(f"/api/appointments/{a['id']}/paid", {"paid": True, "payment_method": "cash"})
    assert r.status == 422 and r.error_code == "validation_failed", r
    assert salon.admin.post("/api/appointments/999999/arrived", {"arrived": True}).status == 404
    assert salon.admin.post("/api/appointments/999999/paid", {"paid": True, "payment_method": "cash"}).status == 404
