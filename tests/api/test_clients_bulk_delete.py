"""Bulk delete: all or nothing; future appointments of a deleted client are cancelled with notices."""
import pytest

from conftest import Salon


@pytest.fixture
def salon(admin):
    return Salon(admin)


def test_bulk_delete_all_or_nothing(admin, salon):
    third = admin.post("/api/clients", {"first_name": "Paul", "last_name": "Durand", "email": "paul@example.com"})["id"]
    r = admin.post("/api/clients/bulk_delete", {"ids": [salon.client2, third, 999999]})
    assert r.status == 404, r
    assert admin.get("/api/clients")["total"] == 3  # nothing deleted
    r = admin.post("/api/clients/bulk_delete", {"ids": [salon.client2, third, third]})
    assert r.status == 200 and r.json == {"deleted": 2, "cancelled": 0}, r
    assert [c["id"] for c in admin.get("/api/clients")["items"]] == [salon.client]
    assert admin.post("/api/clients/bulk_delete", {"ids": []}).json == {"deleted": 0, "cancelled": 0}
    assert admin.post("/api/clients/bulk_delete", {}).status == 422
    assert admin.post("/api/clients/bulk_delete", {"ids": "1,2"}).status == 422


def test_deleting_a_client_cancels_future_appointments_with_notices(admin, salon):
    future = salon.book("2027-03-02T10:00:00+01:00", [{"service_id": salon.cut, "staff_id": salon.bob}])
    past = salon.book("2026-01-05T10:00:00+01:00", [{"service_id": salon.cut, "staff_id": salon.bob}])
    assert future.status == past.status == 201
    r = admin.post("/api/clients/bulk_delete", {"ids": [salon.client]})
    assert r.status == 200 and r.json == {"deleted": 1, "cancelled": 1}, r
    msgs = admin.get("/api/outbox", kind="cancellation", appointment_id=future["id"])["items"]
    assert {m["to"] for m in msgs} >= {"helene@example.com", "bob@salon.test"}, msgs
    # The normal notice, in the salon's language, without an internal reason.
    [client_msg] = [m for m in msgs if m["to"] == "helene@example.com"]
    assert "Votre rendez-vous du mardi 2 mars 2027 à 10:00 est annulé" in client_msg["body"], client_msg
    assert all("Motif" not in m["body"] and "deleted" not in m["body"] for m in msgs), msgs
    # No orphan left in the agenda; the slot is free.
    assert admin.get(f"/api/appointments/{future['id']}").status == 404
    assert admin.get("/api/appointments", **{"from": "2027-03-02", "to": "2027-03-02"})["total"] == 0
    again = salon.book("2027-03-02T10:00:00+01:00", [{"service_id": salon.cut, "staff_id": salon.bob}],
                       client=salon.client2)
    assert again.status == 201, again


def test_bulk_delete_is_for_admins_a_dry_run_for_any_staff(server, admin, salon):
    emp = server.api(server.api().post("/api/auth/login", {"email": "alice@salon.test",
                                                            "password": "employee-pass-1"})["token"])
    r = emp.post("/api/clients/bulk_delete", {"ids": [salon.client2]})
    assert r.status == 403 and r.error_code == "forbidden", r
    assert admin.get(f"/api/clients/{salon.client2}").status == 200
    r = emp.post("/api/clients/bulk_delete", {"ids": [salon.client2], "dry_run": True})
    assert r.status == 200 and r.json == {"deleted": 1, "cancelled": 0}, r
