"""Client search by a partial phone number in any spacing, the agenda's batch of names (?ids=), and deleting
client files: the count of future visits (dry run), the plain French notice, admins only in bulk."""
import pytest

from conftest import MONDAY, at


def add(admin, first, last, phone="", **extra):
    r = admin.post("/api/clients", {"first_name": first, "last_name": last,
                                    "email": f"{first.lower()}.{last.lower()}@example.com", "phone": phone, **extra})
    assert r.status == 201, r
    return r["id"]


def ids_found(admin, q):
    r = admin.get("/api/clients", q=q)
    assert r.status == 200, r
    return {c["id"] for c in r["items"]}


def test_partial_phone_numbers_find_the_client_whatever_the_spacing(admin):
    anne = add(admin, "Anne", "Leroy", "06 10 02 19 36")
    paul = add(admin, "Paul", "Morel", "+33 7 61 00 21 93")
    add(admin, "Zoé", "Petit", "01 44 55 66 77")
    assert admin.get(f"/api/clients/{anne}")["phone"] == "+33610021936"
    for q in ("0610", "06 10", "06 10 02", "06.10.02.19", "0610021936", "+33 6 10", "021936", "1002"):
        assert anne in ids_found(admin, q), q
    assert ids_found(admin, "06 10") == {anne}
    assert ids_found(admin, "0761") == {paul}
    assert ids_found(admin, "0021") == {anne, paul}  # digits inside both numbers
    # Three digits are not a phone search; letters with digits neither.
    assert ids_found(admin, "061") == set()
    assert ids_found(admin, "Anne 0610") == set()
    assert ids_found(admin, "leroy") == {anne}


def test_ids_batch_for_the_agenda(admin, salon):
    extra = [add(admin, f"Client{i}", "Batch") for i in range(60)]
    wanted = [salon.client, salon.client2] + extra
    r = admin.get("/api/clients", ids=",".join(map(str, wanted)))
    assert r.status == 200 and r["total"] == len(wanted) and len(r["items"]) == len(wanted), r
    assert {c["id"] for c in r["items"]} == set(wanted)
    assert set(r["items"][0]) >= {"id", "first_name", "last_name", "email", "phone", "account", "last_appointment"}
    r = admin.get("/api/clients", ids=f"{salon.client},999999")
    assert [c["id"] for c in r["items"]] == [salon.client]
    for bad in ("1,x", "1,,2", "-1", ",".join(["1"] * 501)):
        r = admin.get("/api/clients", ids=bad)
        assert r.status == 422 and r.json["error"]["field"] == "ids", (bad[:20], r)


def test_ids_batch_includes_files_waiting_in_the_link_queue(server, admin, salon):
    admin.patch("/api/settings", {"booking": {"max_advance_days": 3650}})
    r = server.api().post("/api/portal/register", {"first_name": "Nina", "last_name": "Web", "email": "nina@example.com",
                                                   "phone": "", "password": "client-pass-1"})
    me = server.api(r["token"])
    a = me.post("/api/portal/appointments", {"start": at(MONDAY, "10:00"), "lines": [{"service_id": salon.cut}]})
    assert a.status == 201, a
    assert a["client_id"] not in {c["id"] for c in admin.get("/api/clients")["items"]}  # not a salon file yet
    r = admin.get("/api/clients", ids=str(a["client_id"]))
    assert [c["first_name"] for c in r["items"]] == ["Nina"], r


def test_delete_dry_run_counts_future_visits_and_writes_nothing(admin, salon):
    future = [salon.book(at(MONDAY, hhmm), [{"service_id": salon.cut, "staff_id": salon.alice}]) for hhmm in ("10:00", "11:00")]
    salon.book("2026-01-05T10:00:00+01:00", [{"service_id": salon.cut, "staff_id": salon.alice}])  # past
    salon.book(at(MONDAY, "10:00"), [{"service_id": salon.cut, "staff_id": salon.bob}], client=salon.client2)
    cancelled = salon.book(at(MONDAY, "15:00"), [{"service_id": salon.cut, "staff_id": salon.alice}])
    admin.post(f"/api/appointments/{cancelled['id']}/cancel", {})
    n_messages = admin.get("/api/outbox")["total"]
    r = admin.post("/api/clients/bulk_delete", {"ids": [salon.client], "dry_run": True})
    assert r.status == 200 and r.json == {"deleted": 1, "cancelled": 2}, r
    r = admin.post("/api/clients/bulk_delete", {"ids": [salon.client, salon.client2], "dry_run": True})
    assert r.json == {"deleted": 2, "cancelled": 3}, r
    assert admin.post("/api/clients/bulk_delete", {"ids": [salon.client, 999999], "dry_run": True}).status == 404
    assert admin.get(f"/api/clients/{salon.client}").status == 200
    assert all(admin.get(f"/api/appointments/{a['id']}")["status"] == "approved" for a in future)
    assert admin.get("/api/outbox")["total"] == n_messages
    # The real thing cancels what the dry run counted.
    r = admin.post("/api/clients/bulk_delete", {"ids": [salon.client, salon.client2]})
    assert r.status == 200 and r.json == {"deleted": 2, "cancelled": 3}, r


def test_a_single_delete_sends_the_plain_notice(admin, salon):
    a = salon.book(at(MONDAY, "10:00"), [{"service_id": salon.cut, "staff_id": salon.alice}])
    assert admin.delete(f"/api/clients/{salon.client}").status == 204
    [m] = [x for x in admin.get("/api/outbox", kind="cancellation", appointment_id=a["id"])["items"]
           if x["to"] == "helene@example.com"]
    assert m["subject"] == "Rendez-vous annulé : lundi 1 mars 2027 à 10:00"
    assert m["body"].startswith("Bonjour Hélène,\n\nVotre rendez-vous du lundi 1 mars 2027 à 10:00 est annulé :")
    assert "Motif" not in m["body"] and "deleted" not in m["body"]
