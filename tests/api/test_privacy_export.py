"""RGPD access: GET /api/clients/{id}/export (admin) and GET /api/portal/me/export (the client) answer one JSON
document, as an attachment, with everything held about the person; each export leaves an audit row."""
from conftest import MONDAY, at

PASSWORD = "portal-pass-123"


def test_staff_export_holds_everything_but_the_password_hash(server, admin, salon):
    c = salon.client
    assert admin.patch(f"/api/clients/{c}", {"note": "allergique", "birth_date": "1985-06-02"}).status == 200
    child = admin.post("/api/clients", {"first_name": "Léa", "last_name": "Dupont", "email": "lea@example.com"})["id"]
    assert admin.post(f"/api/clients/{c}/members", {"member_id": child, "relation": "child"}).status == 201
    svc = admin.post("/api/services", {"name": "Soin", "duration_minutes": 30, "price_cents": 2000,
                                       "questionnaire": [{"key": "skin", "question": "Type de peau ?"}]})["id"]
    assert admin.patch(f"/api/staff/{salon.alice}", {"service_ids": [salon.cut, svc]}).status == 200
    a = salon.book(at(MONDAY, "10:00"), [{"service_id": svc, "staff_id": salon.alice, "answers": {"skin": "sèche"}}],
                   notes="peau sensible")
    assert a.status == 201, a
    r = server.api().post("/api/portal/register", {"first_name": "Hélène", "last_name": "Dupont",
                                                   "email": "helene.portal@example.com", "phone": "",
                                                   "password": PASSWORD})
    assert admin.post(f"/api/link-queue/{r['account']['id']}/link", {"client_id": c}).status == 200

    r = admin.get(f"/api/clients/{c}/export")
    assert r.status == 200, r
    assert r.raw.headers["Content-Type"].startswith("application/json")
    assert "attachment" in r.raw.headers["Content-Disposition"] and ".json" in r.raw.headers["Content-Disposition"]
    doc = r.json
    assert doc["client"]["id"] == c and doc["client"]["note"] == "allergique"
    assert doc["client"]["birth_date"] == "1985-06-02"
    assert [m["member_id"] for m in doc["members"]] == [child]
    assert doc["account"]["email"] == "helene.portal@example.com"
    assert "password" not in r.text and "argon2" not in r.text
    (appt,) = doc["appointments"]
    assert appt["notes"] == "peau sensible" and appt["lines"][0]["answers"] == {"skin": "sèche"}
    assert doc["messages"] and doc["messages"][0]["kind"] == "confirmation"
    assert doc["messages"][0]["to"] == "helene@example.com"
    assert doc["packages"] == []
    assert doc["exported_at"]

    (row,) = [x for x in admin.get("/api/audit", client_id=c)["items"] if x["action"] == "export"]
    assert row["actor"]["type"] == "staff" and row["client_id"] == c
    assert "Hélène" not in row["detail"] and "helene" not in row["detail"]


def test_client_downloads_own_data(server, admin, salon):
    r = server.api().post("/api/portal/register", {"first_name": "Hélène", "last_name": "Dupont",
                                                   "email": "helene.portal@example.com", "phone": "",
                                                   "password": PASSWORD})
    assert r.status == 201, r
    portal = server.api(r["token"])
    # Before any file: the account alone.
    r = portal.get("/api/portal/me/export")
    assert r.status == 200, r
    assert r.json["client"] is None and r.json["account"]["email"] == "helene.portal@example.com"
    assert "attachment" in r.raw.headers["Content-Disposition"]
    account_id = r.json["account"]["id"]
    assert admin.post(f"/api/link-queue/{account_id}/link", {"client_id": salon.client}).status == 200
    assert salon.book(at(MONDAY, "10:00"), [{"service_id": salon.cut, "staff_id": salon.alice}]).status == 201
    doc = portal.get("/api/portal/me/export").json
    assert doc["client"]["id"] == salon.client and len(doc["appointments"]) == 1
    assert "password_hash" not in str(doc)
    rows = [x for x in admin.get("/api/audit")["items"] if x["action"] == "export"]
    assert len(rows) == 2 and all(x["actor"]["type"] == "client" and x["actor"]["id"] == account_id for x in rows)
    # A staff token on the portal route, a portal token on the staff route: 403.
    assert admin.get("/api/portal/me/export").status == 403
    assert portal.get(f"/api/clients/{salon.client}/export").status == 403
    assert server.api().get("/api/portal/me/export").status == 401


def test_unknown_file_is_404(server, admin, salon):
    assert admin.get("/api/clients/999999/export").status == 404
