"""Merging two client files: the survivor takes over appointments, packages, member links (no duplicates,
no self-links), the account and the notes; the other file is deleted; one transaction."""
import pytest

from conftest import Salon


@pytest.fixture
def salon(admin):
    return Salon(admin)


def client(admin, first, last, **extra):
    r = admin.post("/api/clients", {"first_name": first, "last_name": last,
                                    "email": f"{first.lower()}.{last.lower()}@example.com", **extra})
    assert r.status == 201, r
    return r["id"]


def test_merge_moves_everything_and_deletes_the_other_file(server, admin, salon):
    keep, gone = salon.client, client(admin, "Helene", "Dupont", phone="0799887766", note="allergic to ammonia",
                                      birth_date="1980-04-04")
    shared_kid = client(admin, "Léo", "Dupont")
    other_kid = client(admin, "Emma", "Dupont")
    grandma = client(admin, "Mamie", "Dupont")
    admin.post(f"/api/clients/{keep}/members", {"member_id": shared_kid, "relation": "son"})
    admin.post(f"/api/clients/{gone}/members", {"member_id": shared_kid, "relation": "child"})  # duplicate
    admin.post(f"/api/clients/{gone}/members", {"member_id": other_kid, "relation": "daughter"})
    admin.post(f"/api/clients/{gone}/members", {"member_id": keep, "relation": "self?"})  # would become a self-link
    admin.post(f"/api/clients/{grandma}/members", {"member_id": gone, "relation": "daughter"})
    admin.patch(f"/api/clients/{keep}", {"note": "prefers Alice"})

    a = salon.book("2027-03-02T10:00:00+01:00", [{"service_id": salon.cut, "staff_id": salon.alice}], client=gone,
                   notes="old file visit")
    assert a.status == 201, a
    r = server.api().post("/api/portal/register", {"first_name": "H", "last_name": "D", "email": "h@example.com",
                                                   "phone": "", "password": "client-pass-1"})
    account, portal = r["account"]["id"], server.api(r["token"])
    assert admin.post(f"/api/link-queue/{account}/link", {"client_id": gone}).status == 200

    pkg = None
    pt = admin.post("/api/package_types", {"name": "5 coupes", "sessions": 5, "service_ids": [salon.cut],
                                           "audience": "all", "validity_days": 0})
    if pt.status == 201:
        pkg = admin.post(f"/api/clients/{gone}/packages", {"package_type_id": pt["id"], "start_date": "2027-01-01"})
        assert pkg.status == 201, pkg

    r = admin.post(f"/api/clients/{keep}/merge", {"from_id": gone})
    assert r.status == 200, r
    assert r["id"] == keep
    assert admin.get(f"/api/clients/{gone}").status == 404
    assert admin.get(f"/api/appointments/{a['id']}")["client_id"] == keep
    assert r["appointment_notes"][0]["appointment_id"] == a["id"]
    members = sorted((m["member_id"], m["relation"]) for m in r["members"])
    assert members == sorted([(shared_kid, "son"), (other_kid, "daughter")])  # no duplicate, no self-link
    assert [m["member_id"] for m in admin.get(f"/api/clients/{grandma}/members")["items"]] == [keep]
    assert "prefers Alice" in r["note"] and "allergic to ammonia" in r["note"]
    assert r["phone"] == "+33612345678"  # the survivor's own values win
    assert r["birth_date"] == "1980-04-04"  # blanks are filled from the other file
    assert r["account"] == "h@example.com"
    assert portal.get("/api/portal/me")["client"]["id"] == keep
    if pkg is not None:
        assert [p["id"] for p in r["packages"]] == [pkg["id"]]
    # No client left pointing at the deleted file.
    assert admin.get("/api/clients", q="helene dupont")["total"] == 1


def test_merge_errors_change_nothing(admin, salon):
    assert admin.post(f"/api/clients/{salon.client}/merge", {"from_id": salon.client}).status == 422
    assert admin.post(f"/api/clients/{salon.client}/merge", {"from_id": 999999}).status == 422
    assert admin.post(f"/api/clients/{salon.client}/merge", {}).status == 422
    assert admin.post(f"/api/clients/999999/merge", {"from_id": salon.client}).status == 404
    assert admin.get("/api/clients")["total"] == 2
