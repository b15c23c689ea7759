"""RGPD erasure: POST /api/clients/{id}/erase (admin) and POST /api/portal/me/delete {"password"} (the client)
blank the person's data for good, cancel their future visits without notices, delete the account and its
sessions, remove family links; appointments, prices and packages stay, anonymous. Twice is harmless."""
import glob
import os
import sqlite3

from conftest import at, run_jobs

PASSWORD = "portal-pass-123"
EMAIL = "helene@example.com"
PHONE = "+33612345678"
PAST = "2026-03-02"    # a Monday that stays in the past whenever the test runs
FUTURE = "2090-03-06"  # a Monday that stays ahead


def employee(server, salon):
    r = server.api().post("/api/auth/login", {"email": "alice@salon.test", "password": "employee-pass-1"})
    assert r.status == 200, r
    return server.api(r["token"])


def linked_account(server, admin, client_id, email="helene.portal@example.com"):
    r = server.api().post("/api/portal/register", {"first_name": "Hélène", "last_name": "Dupont", "email": email,
                                                   "phone": "", "password": PASSWORD})
    assert r.status == 201, r
    assert admin.post(f"/api/link-queue/{r['account']['id']}/link", {"client_id": client_id}).status == 200
    return server.api(r["token"])


def a_full_file(server, admin, salon):
    """Hélène with notes, answers, a past and a future visit, a package, a child, an account and messages."""
    c = salon.client
    assert admin.patch(f"/api/clients/{c}", {"gender": "female", "birth_date": "1985-06-02",
                                            "note": "allergique au henné"}).status == 200
    child = admin.post("/api/clients", {"first_name": "Léa", "last_name": "Dupont", "email": "lea@example.com"})["id"]
    assert admin.post(f"/api/clients/{c}/members", {"member_id": child, "relation": "child"}).status == 201
    past = salon.book(at(PAST, "10:00"), [{"service_id": salon.cut, "staff_id": salon.alice, "price_cents": 4200}],
                      notes="cheveux fragiles", client_request="plutôt court", quick_note="VIP")
    assert past.status == 201, past
    future = salon.book(at(FUTURE, "10:00"), [{"service_id": salon.cut, "staff_id": salon.alice}],
                        notes="rappeler la veille")
    assert future.status == 201, future
    pt = admin.post("/api/package_types", {"name": "5 coupes", "sessions": 5, "service_ids": [salon.cut],
                                           "audience": "all", "validity_days": 0})
    assert pt.status == 201, pt
    pkg = admin.post(f"/api/clients/{c}/packages", {"package_type_id": pt["id"], "start_date": "2026-01-01"})
    assert pkg.status == 201, pkg
    portal = linked_account(server, admin, c)
    return {"child": child, "past": past["id"], "future": future["id"], "package": pkg["id"], "portal": portal}


def test_admin_erases_a_file_for_good(server, admin, salon):
    f = a_full_file(server, admin, salon)
    c = salon.client
    messages_before = admin.get("/api/outbox", client_id=c, limit=500)["items"]
    assert messages_before, "the confirmations went to the outbox"

    r = admin.post(f"/api/clients/{c}/erase")
    assert r.status == 204, r

    got = admin.get(f"/api/clients/{c}")
    assert got.status == 200, got
    file = got.json
    assert file["erased"] is True
    for k in ("first_name", "last_name", "email", "phone", "gender", "note"):
        assert file[k] == "", (k, file)
    assert file["birth_date"] is None and file["account"] is None
    assert file["members"] == [] and file["appointment_notes"] == []
    assert file["marketing_opt_out"] is True
    # The child's file stays, without the link.
    assert admin.get(f"/api/clients/{f['child']}")["first_name"] == "Léa"

    # Appointments stay, anonymous: prices kept, free texts gone; the future one cancelled with no notice.
    past = admin.get(f"/api/appointments/{f['past']}").json
    assert past["lines"][0]["price_cents"] == 4200 and past["status"] == "approved"
    assert past["notes"] == past["client_request"] == past["quick_note"] == ""
    future = admin.get(f"/api/appointments/{f['future']}").json
    assert future["status"] == "cancelled" and future["notes"] == ""
    assert admin.get("/api/outbox", kind="cancellation", limit=500)["total"] == 0
    # The package stays with its sessions.
    pk = admin.get(f"/api/clients/{c}/packages")
    assert pk.status == 200 and [p["id"] for p in pk.json.get("items", pk.json)] == [f["package"]], pk

    # Messages: recipient, subject and body blanked; none left to send.
    for m in admin.get("/api/outbox", client_id=c, limit=500)["items"]:
        assert m["to"] == m["subject"] == m["body"] == "", m
        assert m["status"] != "pending", m
    assert not [m for m in admin.get("/api/outbox", limit=500)["items"] if EMAIL in m["to"] or "Hélène" in m["body"]]

    # The account and its sessions are gone.
    assert f["portal"].get("/api/portal/me").status == 401
    r = server.api().post("/api/portal/login", {"identifier": "helene.portal@example.com", "password": PASSWORD})
    assert r.status == 401 and r.error_code == "unknown_identifier", r

    # Search by old name, e-mail or phone finds nothing; the CSV shows the row blank.
    for q in ("Dupont Hélène", "helene", "06 12 34 56 78", "0612345678"):
        assert all(x["id"] != c for x in admin.get("/api/clients", q=q)["items"]), q
    csv = admin.get("/api/clients/export.csv", columns="id,first_name,last_name,email,phone,note")
    assert csv.status == 200
    assert f"{c},,,,,\r\n" in csv.text, csv.text
    assert "Hélène" not in csv.text and EMAIL not in csv.text


def test_erasing_twice_changes_nothing(server, admin, salon):
    c = salon.client
    assert admin.post(f"/api/clients/{c}/erase").status == 204
    first = admin.get(f"/api/clients/{c}").json
    audit = admin.get("/api/audit", client_id=c).json
    assert admin.post(f"/api/clients/{c}/erase").status == 204
    assert admin.get(f"/api/clients/{c}").json == first
    assert admin.get("/api/audit", client_id=c).json == audit
    # An erased file cannot be filled again.
    r = admin.patch(f"/api/clients/{c}", {"first_name": "Hélène"})
    assert r.status == 422, r
    # Nor merged, either way, nor linked to a family.
    r = admin.post(f"/api/clients/{salon.client2}/merge", {"from_id": c})
    assert r.status == 422 and r.json["error"]["field"] == "from_id", r
    assert admin.post(f"/api/clients/{c}/merge", {"from_id": salon.client2}).status == 422
    assert admin.post(f"/api/clients/{salon.client2}/members", {"member_id": c}).status == 422
    assert admin.post(f"/api/clients/{c}/members", {"member_id": salon.client2}).status == 422
    assert admin.get(f"/api/clients/{c}").json == first
    assert admin.post("/api/clients/999999/erase").status == 404


def test_employees_may_not_erase_or_export(server, admin, salon):
    emp = employee(server, salon)
    r = emp.post(f"/api/clients/{salon.client}/erase")
    assert r.status == 403 and r.error_code == "forbidden", r
    r = emp.get(f"/api/clients/{salon.client}/export")
    assert r.status == 403 and r.error_code == "forbidden", r
    assert admin.get(f"/api/clients/{salon.client}")["erased"] is False


def test_erased_values_are_gone_from_the_sqlite_files(server, admin, salon):
    if os.environ.get("CRENEAU_TEST_BACKEND", "sqlite") != "sqlite":
        return  # PostgreSQL keeps old row versions until VACUUM (the operator's job, docs/api-notes.md)
    a_full_file(server, admin, salon)
    run_jobs(admin, "2027-03-01T08:00:00+01:00")  # a reminder too
    files = [server.db] + glob.glob(server.db + "-wal")

    def holders():
        found = []
        for path in [server.db] + glob.glob(server.db + "-wal"):
            data = open(path, "rb").read()
            for needle in (EMAIL, PHONE, "helene.portal@example.com", "allergique au henné", "cheveux fragiles"):
                if needle.encode() in data:
                    found.append((os.path.basename(path), needle))
        return found

    # Without erasure the values are in the files (the test would otherwise prove nothing).
    con = sqlite3.connect(server.db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    assert holders(), files
    assert admin.post(f"/api/clients/{salon.client}/erase").status == 204
    assert holders() == []


def test_client_deletes_own_account_with_password(server, admin, salon):
    f = a_full_file(server, admin, salon)
    portal = f["portal"]
    r = portal.post("/api/portal/me/delete", {})
    assert r.status == 422 and r.json["error"]["field"] == "password", r
    r = portal.post("/api/portal/me/delete", {"password": "wrong-password"})
    assert r.status == 401 and r.error_code == "bad_credentials", r
    assert portal.get("/api/portal/me").status == 200  # nothing happened
    r = portal.post("/api/portal/me/delete", {"password": PASSWORD})
    assert r.status == 204, r
    assert portal.get("/api/portal/me").status == 401
    file = admin.get(f"/api/clients/{salon.client}").json
    assert file["erased"] is True and file["email"] == "" and file["last_name"] == ""
    assert admin.get(f"/api/appointments/{f['future']}")["status"] == "cancelled"
    assert admin.get("/api/outbox", kind="cancellation", limit=500)["total"] == 0
    rows = admin.get("/api/audit", client_id=salon.client)["items"]
    erase = [x for x in rows if x["action"] == "erase"]
    assert len(erase) == 1 and erase[0]["actor"]["type"] == "client" and erase[0]["actor"]["name"] == "", rows


def test_account_delete_is_throttled_like_log_in(server, admin, salon):
    portal = linked_account(server, admin, salon.client)
    for _ in range(10):
        r = portal.post("/api/portal/me/delete", {"password": "not-it-at-all"})
        assert r.status == 401 and r.error_code == "bad_credentials", r
    r = portal.post("/api/portal/me/delete", {"password": PASSWORD})
    assert r.status == 429 and r.error_code == "too_many_attempts", r
    # Log-in shares the counter.
    r = server.api().post("/api/portal/login", {"identifier": "helene.portal@example.com", "password": PASSWORD})
    assert r.status == 429, r
    assert admin.get(f"/api/clients/{salon.client}")["erased"] is False


def test_an_account_without_a_file_is_deleted(server, admin, salon):
    r = server.api().post("/api/portal/register", {"first_name": "Zoé", "last_name": "Seule", "email": "zoe@example.com",
                                                   "phone": "", "password": PASSWORD})
    assert r.status == 201, r
    portal = server.api(r["token"])
    assert server.api().post("/api/portal/password/forgot", {"identifier": "zoe@example.com"}).status == 202
    assert portal.post("/api/portal/me/delete", {"password": PASSWORD}).status == 204
    assert portal.get("/api/portal/me").status == 401
    r = server.api().post("/api/portal/login", {"identifier": "zoe@example.com", "password": PASSWORD})
    assert r.status == 401 and r.error_code == "unknown_identifier", r
    resets = admin.get("/api/outbox", kind="password_reset")["items"]
    assert resets and all(m["to"] == "" and m["body"] == "" for m in resets), resets
