"""Family members: link a relative's file to a main client, list and unlink; the portal account of the main
client sees its members (me) and books for them."""
import pytest

from conftest import Salon


@pytest.fixture
def salon(admin):
    s = Salon(admin)
    assert admin.patch("/api/settings", {"booking": {"max_advance_days": 3650}}).status == 200
    return s


def kid(admin, first="Léo", birth="2018-05-01"):
    r = admin.post("/api/clients", {"first_name": first, "last_name": "Dupont", "email": f"{first.lower()}@example.com",
                                    "birth_date": birth})
    assert r.status == 201, r
    return r["id"]


def test_link_list_and_unlink_members(admin, salon):
    leo, emma = kid(admin), kid(admin, "Emma", "2012-02-02")
    r = admin.post(f"/api/clients/{salon.client}/members", {"member_id": leo, "relation": "son"})
    assert r.status == 201, r
    assert r["member_id"] == leo and r["relation"] == "son" and r["first_name"] == "Léo"
    assert admin.post(f"/api/clients/{salon.client}/members", {"member_id": emma, "relation": "daughter"}).status == 201
    r = admin.get(f"/api/clients/{salon.client}/members")
    assert r.status == 200 and r["total"] == 2, r
    assert [(m["member_id"], m["relation"]) for m in r["items"]] == [(leo, "son"), (emma, "daughter")]
    assert r["items"][0]["birth_date"] == "2018-05-01"
    # Linking again changes the relation, never duplicates.
    assert admin.post(f"/api/clients/{salon.client}/members", {"member_id": leo, "relation": "child"}).status == 201
    r = admin.get(f"/api/clients/{salon.client}/members")
    assert r["total"] == 2 and r["items"][0]["relation"] == "child"
    # The link goes one way: the member's own file has no members.
    assert admin.get(f"/api/clients/{leo}/members")["total"] == 0
    assert admin.delete(f"/api/clients/{salon.client}/members/{leo}").status == 204
    assert [m["member_id"] for m in admin.get(f"/api/clients/{salon.client}/members")["items"]] == [emma]
    assert admin.delete(f"/api/clients/{salon.client}/members/{leo}").status == 404
    # The member's file itself is untouched.
    assert admin.get(f"/api/clients/{leo}").status == 200


def test_member_link_errors(admin, salon):
    r = admin.post(f"/api/clients/{salon.client}/members", {"member_id": salon.client})
    assert r.status == 422 and r.json["error"]["field"] == "member_id", r
    r = admin.post(f"/api/clients/{salon.client}/members", {"member_id": 999999})
    assert r.status == 422, r
    r = admin.post(f"/api/clients/{salon.client}/members", {})
    assert r.status == 422, r
    r = admin.post("/api/clients/999999/members", {"member_id": salon.client2})
    assert r.status == 404, r
    assert admin.get("/api/clients/999999/members").status == 404


def test_deleting_a_member_file_removes_the_link(admin, salon):
    leo = kid(admin)
    admin.post(f"/api/clients/{salon.client}/members", {"member_id": leo, "relation": "son"})
    assert admin.delete(f"/api/clients/{leo}").status == 204
    assert admin.get(f"/api/clients/{salon.client}/members")["total"] == 0


def test_portal_me_shows_members_and_books_for_them(server, admin, salon):
    leo = kid(admin)
    admin.post(f"/api/clients/{salon.client}/members", {"member_id": leo, "relation": "son"})
    r = server.api().post("/api/portal/register", {"first_name": "Hélène", "last_name": "Dupont",
                                                   "email": "helene@example.com", "phone": "",
                                                   "password": "client-pass-1"})
    account = r["account"]["id"]
    api = server.api(r["token"])
    assert admin.post(f"/api/link-queue/{account}/link", {"client_id": salon.client}).status == 200
    pt = admin.post("/api/package_types", {"name": "5 coupes", "sessions": 5, "service_ids": [salon.cut],
                                           "audience": "all", "validity_days": 0})
    if pt.status == 201:
        assert admin.post(f"/api/clients/{salon.client}/packages",
                          {"package_type_id": pt["id"], "start_date": "2027-01-01"}).status == 201
    me = api.get("/api/portal/me")
    assert me["client"]["id"] == salon.client
    assert [(m["id"], m["relation"]) for m in me["members"]] == [(leo, "son")]
    if pt.status == 201:
        assert [(p["name"], p["remaining"]) for p in me["packages"]] == [("5 coupes", 5)]
    a = api.post("/api/portal/appointments", {"for_client_id": leo, "start": "2027-03-02T10:00:00+01:00",
                                              "lines": [{"service_id": salon.cut}]})
    assert a.status == 201 and a["client_id"] == leo, a
    # Unlinked, the member is out of reach.
    admin.delete(f"/api/clients/{salon.client}/members/{leo}")
    assert api.get(f"/api/portal/appointments/{a['id']}").status == 404
    r = api.post("/api/portal/appointments", {"for_client_id": leo, "start": "2027-03-02T11:00:00+01:00",
                                              "lines": [{"service_id": salon.cut}]})
    assert r.status == 422, r
