"""Consent: `marketing_opt_out` on the client file; birthday messages skip those clients and carry an
unsubscribe link ({public_url}/book/unsubscribe/{token}) that works without logging in."""
import re

from conftest import run_jobs


def birthday_messages(admin, client_id):
    return admin.get("/api/outbox", kind="birthday", client_id=client_id, limit=500)["items"]


def test_opt_out_on_the_file(server, admin, salon):
    r = admin.post("/api/clients", {"first_name": "Ana", "last_name": "Non", "email": "ana@example.com",
                                    "marketing_opt_out": True})
    assert r.status == 201 and r["marketing_opt_out"] is True, r
    assert admin.get(f"/api/clients/{salon.client}")["marketing_opt_out"] is False
    r = admin.patch(f"/api/clients/{salon.client}", {"marketing_opt_out": True})
    assert r.status == 200 and r["marketing_opt_out"] is True, r
    r = admin.patch(f"/api/clients/{salon.client}", {"marketing_opt_out": "yes"})
    assert r.status == 422 and r.json["error"]["field"] == "marketing_opt_out", r
    rows = admin.get("/api/audit", client_id=salon.client)["items"]
    assert rows[0]["action"] == "update" and rows[0]["detail"] == "fields=marketing_opt_out", rows


def test_birthdays_skip_opted_out_clients_and_carry_a_working_unsubscribe_link(server, admin, salon):
    yes = admin.post("/api/clients", {"first_name": "Ana", "last_name": "Oui", "email": "ana@example.com",
                                      "birth_date": "1990-03-01"})["id"]
    no = admin.post("/api/clients", {"first_name": "Bea", "last_name": "Non", "email": "bea@example.com",
                                     "birth_date": "1990-03-01", "marketing_opt_out": True})["id"]
    assert run_jobs(admin, "2027-03-01T10:00:00+01:00")["birthdays"] == 1
    assert birthday_messages(admin, no) == []
    (msg,) = birthday_messages(admin, yes)
    m = re.search(r"(http://[^\s]+)/book/unsubscribe/([0-9a-f]+)", msg["body"])
    assert m, msg["body"]
    assert m.group(1) == server.base  # the default public URL
    assert "Désinscription" in msg["body"]

    r = server.api().post(f"/api/portal/unsubscribe/{m.group(2)}")  # no token needed
    assert r.status == 200 and r["marketing_opt_out"] is True, r
    assert admin.get(f"/api/clients/{yes}")["marketing_opt_out"] is True
    assert server.api().post(f"/api/portal/unsubscribe/{m.group(2)}").status == 200  # again: still fine
    assert run_jobs(admin, "2028-03-01T10:00:00+01:00")["birthdays"] == 0
    rows = [x for x in admin.get("/api/audit", client_id=yes)["items"] if x["action"] == "unsubscribe"]
    assert len(rows) == 2 and all(x["actor"] == {"type": "client", "id": 0, "name": ""} for x in rows), rows

    assert server.api().post("/api/portal/unsubscribe/" + "0" * 64).status == 404
    # The portal page of the link is served without logging in.
    page = server.api().get(f"/book/unsubscribe/{m.group(2)}")
    assert page.status == 200 and page.raw.headers["Content-Type"].startswith("text/html"), page


def test_public_url_names_the_link(make_server):
    s = make_server("--public-url", "https://salon.example")
    admin = s.admin()
    c = admin.post("/api/clients", {"first_name": "Ana", "last_name": "Oui", "email": "ana@example.com",
                                    "birth_date": "1990-03-01"})["id"]
    run_jobs(admin, "2027-03-01T10:00:00+01:00")
    (msg,) = birthday_messages(admin, c)
    assert re.search(r"https://salon\.example/book/unsubscribe/[0-9a-f]{64}", msg["body"]), msg["body"]
