"""The client list and the client file: total, search in either name order (case- and accent-insensitive),
sort, paging, the online account, last_appointment, and the file's members, packages, no-shows and notes."""
from conftest import Salon

import pytest


@pytest.fixture
def salon(admin):
    return Salon(admin)


def add(admin, first, last, **extra):
    r = admin.post("/api/clients", {"first_name": first, "last_name": last,
                                    "email": f"{first.lower()}.{last.lower()}@example.com".replace(" ", ""), **extra})
    assert r.status == 201, r
    return r["id"]


def names(r):
    return [(c["first_name"], c["last_name"]) for c in r["items"]]


def test_create_validates(admin):
    assert admin.post("/api/clients", {"first_name": "A", "last_name": "B"}).status == 422
    r = admin.post("/api/clients", {"first_name": "A", "last_name": "B", "email": "nope"})
    assert r.status == 422 and r.json["error"]["field"] == "email"
    r = admin.post("/api/clients", {"first_name": "A", "last_name": "B", "email": "a@b.fr", "phone": "0612345678"})
    assert r.status == 201 and r["phone"] == "+33612345678"
    assert admin.patch(f"/api/clients/{r['id']}", {"email": ""}).status == 422
    assert admin.patch(f"/api/clients/{r['id']}", {"phone": "not a phone"}).status == 422
    assert admin.patch(f"/api/clients/{r['id']}", {"birth_date": "2020-13-01"}).status == 422
    assert admin.get(f"/api/clients/{r['id']}")["email"] == "a@b.fr"


def test_search_either_order_case_and_accent_insensitive(admin, salon):
    add(admin, "Héloïse", "Durand")
    add(admin, "Jean", "Dupont-Lefèvre")
    for q in ["helene", "HÉLÈNE", "dupont", "helene dupont", "dupont helene", "Dupont  Hélène", " hel", "DUPONT H"]:
        r = admin.get("/api/clients", q=q)
        assert r.status == 200, r
        assert ("Hélène", "Dupont") in names(r), q
    r = admin.get("/api/clients", q="heloise durand")
    assert names(r) == [("Héloïse", "Durand")] and r["total"] == 1
    r = admin.get("/api/clients", q="lefevre jean")
    assert names(r) == [("Jean", "Dupont-Lefèvre")]
    r = admin.get("/api/clients", q="dupont")
    assert r["total"] == 2
    assert admin.get("/api/clients", q="zzz")["total"] == 0
    assert admin.get("/api/clients", q="%")["total"] == 0  # wildcards are plain text: no name holds a %
    # A phone number in any spelling.
    r = admin.get("/api/clients", q="+33 6 12 34 56 78")
    assert names(r) == [("Hélène", "Dupont")]


def test_sort_and_paging(admin, salon):
    add(admin, "Zoé", "Abel")
    add(admin, "Anne", "Dupontel")
    add(admin, "Émile", "Zola")
    all_up = admin.get("/api/clients", sort="name")
    assert all_up["total"] == 5
    assert names(all_up) == [("Zoé", "Abel"), ("Hélène", "Dupont"), ("Anne", "Dupontel"), ("Marc", "Martin"),
                             ("Émile", "Zola")]
    down = admin.get("/api/clients", sort="-name")
    assert names(down) == list(reversed(names(all_up)))
    page = admin.get("/api/clients", sort="name", limit=2, offset=2)
    assert page["total"] == 5 and names(page) == [("Anne", "Dupontel"), ("Marc", "Martin")]
    assert admin.get("/api/clients", sort="age").status == 422
    assert admin.get("/api/clients", limit=0).status == 422
    assert admin.get("/api/clients", limit=501).status == 422


def test_same_last_name_sorted_by_first_name(admin):
    add(admin, "Bruno", "Petit")
    add(admin, "Alain", "Petit")
    add(admin, "Élodie", "Petit")
    assert names(admin.get("/api/clients", sort="name")) == [("Alain", "Petit"), ("Bruno", "Petit"), ("Élodie", "Petit")]


def test_last_appointment_is_the_latest_past_non_cancelled_visit(admin, salon):
    c = salon.client
    item = lambda: [x for x in admin.get("/api/clients")["items"] if x["id"] == c][0]
    assert item()["last_appointment"] is None
    a = salon.book("2026-01-05T10:00:00+01:00", [{"service_id": salon.cut, "staff_id": salon.alice}])
    b = salon.book("2026-02-02T10:00:00+01:00", [{"service_id": salon.cut, "staff_id": salon.alice}])
    salon.book("2027-06-01T10:00:00+02:00", [{"service_id": salon.cut, "staff_id": salon.alice}])  # future
    assert a.status == b.status == 201
    assert item()["last_appointment"] == "2026-02-02"
    assert admin.post(f"/api/appointments/{b['id']}/cancel", {"reason": "x"}).status == 200
    assert item()["last_appointment"] == "2026-01-05"
    assert admin.get(f"/api/clients/{c}")["last_appointment"] == "2026-01-05"


def test_a_client_edit_shows_on_every_appointment(admin, salon):
    a = salon.book("2027-03-02T10:00:00+01:00", [{"service_id": salon.cut, "staff_id": salon.alice}])
    assert a.status == 201
    r = admin.patch(f"/api/clients/{salon.client}", {"first_name": "Hélèna", "note": "prefers mornings"})
    assert r.status == 200 and r["first_name"] == "Hélèna", r
    # One record: the appointment points at it; messages use the new name.
    assert admin.get(f"/api/appointments/{a['id']}")["client_id"] == salon.client
    assert admin.get(f"/api/clients/{salon.client}")["note"] == "prefers mornings"
    assert admin.get("/api/clients", q="helena")["total"] == 1
    assert admin.get("/api/clients", q="helene dupont")["total"] == 0
    admin.post(f"/api/appointments/{a['id']}/cancel", {"reason": "x"})
    msg = admin.get("/api/outbox", kind="cancellation", appointment_id=a["id"], client_id=salon.client)["items"][0]
    assert "Hélèna" in msg["body"]


def test_client_file_shows_members_no_shows_and_appointment_notes(admin, salon):
    kid = add(admin, "Léo", "Dupont", birth_date="2018-04-02")
    assert admin.post(f"/api/clients/{salon.client}/members", {"member_id": kid, "relation": "child"}).status == 201
    a = salon.book("2026-01-05T10:00:00+01:00", [{"service_id": salon.cut, "staff_id": salon.alice}], notes="first visit")
    b = salon.book("2026-02-02T10:00:00+01:00", [{"service_id": salon.cut, "staff_id": salon.alice}], notes="color 6.1")
    salon.book("2026-02-09T10:00:00+01:00", [{"service_id": salon.cut, "staff_id": salon.alice}])
    assert admin.post(f"/api/appointments/{a['id']}/no_show", {"no_show": True}).status == 200
    r = admin.get(f"/api/clients/{salon.client}")
    assert r.status == 200, r
    assert r["no_shows"] == 1
    assert [(m["id"], m["relation"], m["first_name"]) for m in r["members"]] == [(kid, "child", "Léo")]
    assert r["packages"] == []
    assert [n["appointment_id"] for n in r["appointment_notes"]] == [b["id"], a["id"]]  # newest first
    assert r["appointment_notes"][0] == {"appointment_id": b["id"], "start": "2026-02-02T10:00:00+01:00",
                                         "notes": "color 6.1"}
    assert r["account"] is None
    assert admin.get("/api/clients/999999").status == 404
    assert admin.get("/api/clients/abc").status == 404


def test_client_file_lists_packages(admin, salon):
    pt = admin.post("/api/package_types", {"name": "5 coupes", "sessions": 5, "service_ids": [salon.cut],
                                           "audience": "all", "validity_days": 0})
    if pt.status == 404:
        pytest.skip("package types are not served yet")
    assert pt.status == 201, pt
    p = admin.post(f"/api/clients/{salon.client}/packages", {"package_type_id": pt["id"], "start_date": "2027-01-01"})
    assert p.status == 201, p
    r = admin.get(f"/api/clients/{salon.client}")
    assert len(r["packages"]) == 1
    pkg = r["packages"][0]
    assert pkg["id"] == p["id"] and pkg["name"] == "5 coupes" and pkg["sessions"] == 5 and pkg["remaining"] == 5


def test_account_identifier_in_the_list(server, admin, salon):
    r = server.api().post("/api/portal/register", {"first_name": "H", "last_name": "D", "email": "",
                                                   "phone": "07 11 22 33 44", "password": "client-pass-1"})
    assert r.status == 201
    assert admin.post(f"/api/link-queue/{r['account']['id']}/link", {"client_id": salon.client}).status == 200
    items = {c["id"]: c for c in admin.get("/api/clients")["items"]}
    assert items[salon.client]["account"] == "+33711223344"
    assert items[salon.client2]["account"] is None
