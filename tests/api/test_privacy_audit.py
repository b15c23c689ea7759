"""Audit: every export (one file, the portal's, the CSV), erase, merge, bulk delete and client-file change
writes an audit row in the same transaction: GET /api/audit?client_id=&staff_id=&from=&to= (admin), newest
first, rows kept (with ids only) when the file is erased. A failed change leaves no row."""
import datetime
from zoneinfo import ZoneInfo

from conftest import ADMIN_EMAIL


def actions(admin, **params):
    r = admin.get("/api/audit", limit=500, **params)
    assert r.status == 200, r
    assert r["total"] == len(r["items"])
    return [(x["action"], x["client_id"]) for x in r["items"]]


def test_each_action_leaves_one_row(server, admin, salon):
    me = admin.get("/api/auth/me").json
    a = admin.post("/api/clients", {"first_name": "Ana", "last_name": "Audit", "email": "ana@example.com"})["id"]
    b = admin.post("/api/clients", {"first_name": "Bea", "last_name": "Audit", "email": "bea@example.com"})["id"]
    c = admin.post("/api/clients", {"first_name": "Cyd", "last_name": "Audit", "email": "cyd@example.com"})["id"]
    d = admin.post("/api/clients", {"first_name": "Dan", "last_name": "Audit", "email": "dan@example.com"})["id"]
    assert admin.patch(f"/api/clients/{a}", {"phone": "0611223344", "note": "secret"}).status == 200
    assert admin.post(f"/api/clients/{a}/members", {"member_id": b, "relation": "child"}).status == 201
    assert admin.delete(f"/api/clients/{a}/members/{b}").status == 204
    assert admin.post(f"/api/clients/{a}/merge", {"from_id": b}).status == 200
    assert admin.get(f"/api/clients/{a}/export").status == 200
    assert admin.get("/api/clients/export.csv").status == 200
    assert admin.post("/api/clients/bulk_delete", {"ids": [c]}).status == 200
    assert admin.delete(f"/api/clients/{d}").status == 204
    assert admin.post(f"/api/clients/{a}/erase").status == 204

    got = actions(admin)
    assert got[:10] == [("erase", a), ("delete", d), ("bulk_delete", c), ("export_csv", None), ("export", a),
                        ("merge", b), ("merge", a), ("member_remove", a), ("member_add", a), ("update", a)], got
    assert ("create", a) in got and ("create", d) in got
    items = admin.get("/api/audit", limit=500)["items"]
    for x in items:
        assert x["actor"] == {"type": "staff", "id": me["id"], "name": x["actor"]["name"]}, x
        assert x["at"][:2] == "20" and "T" in x["at"], x
        # No personal data in the details.
        for secret in ("Ana", "ana@", "0611223344", "+33611223344", "secret"):
            assert secret not in x["detail"], x
    details = {x["action"]: x["detail"] for x in reversed(items)}
    assert details["erase"] == "by=staff;cancelled=0", details
    assert details["member_add"] == f"member_id={b}" and details["bulk_delete"] == "" and details["create"] == ""
    assert details["export"] == "appointments=0;messages=0;accounts=0", details
    assert details["export_csv"].startswith("rows=") and ";columns=id,first_name," in details["export_csv"], details
    update = [x for x in items if x["action"] == "update"][0]
    assert update["detail"] == "fields=phone,note", update
    # Kept after the erasure, filtered by file.
    assert [act for act, _ in actions(admin, client_id=a)] == ["erase", "export", "merge", "member_remove",
                                                             "member_add", "update", "create"]
    assert actions(admin, client_id=d) == [("delete", d), ("create", d)]


def test_failed_changes_leave_no_row(server, admin, salon):
    before = admin.get("/api/audit")["total"]
    assert admin.patch(f"/api/clients/{salon.client}", {"email": "not-an-address"}).status == 422
    assert admin.post("/api/clients/bulk_delete", {"ids": [salon.client, 999999]}).status == 404
    assert admin.post("/api/clients", {"first_name": "", "last_name": "X", "email": "x@example.com"}).status == 422
    assert admin.get("/api/audit")["total"] == before


def test_filters_and_access(server, admin, salon):
    login = server.api().post("/api/auth/login", {"email": "alice@salon.test", "password": "employee-pass-1"})
    emp = server.api(login["token"])
    assert emp.patch(f"/api/clients/{salon.client}", {"note": "vue par Alice"}).status == 200
    assert admin.patch(f"/api/clients/{salon.client2}", {"note": "vue par l'admin"}).status == 200
    by_alice = admin.get("/api/audit", staff_id=salon.alice)
    assert [(x["action"], x["client_id"]) for x in by_alice["items"]] == [("update", salon.client)], by_alice
    assert by_alice["items"][0]["actor"]["name"] == "Alice Coiffe"
    page = admin.get("/api/audit", limit=1, offset=1)
    assert page["total"] >= 4 and len(page["items"]) == 1
    today = admin.get("/api/audit")["items"][0]["at"][:10]
    assert admin.get("/api/audit", **{"from": today, "to": today})["total"] == admin.get("/api/audit")["total"]
    assert admin.get("/api/audit", **{"from": "2000-01-01", "to": "2000-12-31"})["total"] == 0
    r = admin.get("/api/audit", **{"from": "2027-01-02", "to": "2027-01-01"})
    assert r.status == 422, r
    r = emp.get("/api/audit")
    assert r.status == 403 and r.error_code == "forbidden", r
    assert server.api().get("/api/audit").status == 401
    assert ADMIN_EMAIL  # the admin of conftest made the second change


def test_link_queue_changes_are_audited(server, admin, salon):
    assert admin.patch("/api/settings", {"booking": {"max_advance_days": 3650, "min_notice_minutes": 0}}).status == 200
    # Online bookings must fall within the horizon from the real today: a Monday four to five weeks ahead.
    day = datetime.date.today() + datetime.timedelta(days=28)
    day += datetime.timedelta(days=(7 - day.weekday()) % 7)
    start = datetime.datetime.combine(day, datetime.time(10, 0), ZoneInfo("Europe/Paris")).isoformat()

    def register(email):
        r = server.api().post("/api/portal/register", {"first_name": "Nina", "last_name": "Lien", "email": email,
                                                       "phone": "", "password": "portal-pass-123"})
        assert r.status == 201, r
        return r["account"]["id"], server.api(r["token"])

    booked_id, booked = register("nina@example.com")
    r = booked.post("/api/portal/appointments", {"start": start,
                                                  "lines": [{"service_id": salon.cut}]})
    assert r.status == 201, r
    provisional = r["client_id"]
    (row,) = admin.get("/api/audit", client_id=provisional)["items"]
    assert (row["action"], row["detail"], row["actor"]["type"], row["actor"]["id"]) == \
        ("create", "via=portal", "client", booked_id), row
    assert admin.post(f"/api/link-queue/{booked_id}/link", {"client_id": salon.client}).status == 200
    assert [(x["action"], x["detail"]) for x in admin.get("/api/audit", client_id=salon.client)["items"]][0] == \
        ("link_account", f"account_id={booked_id};from_id={provisional}")
    assert admin.get("/api/audit", client_id=provisional)["items"][0]["action"] == "merge"

    plain_id, _ = register("nina2@example.com")
    made = admin.post(f"/api/link-queue/{plain_id}/create")
    assert made.status == 201, made
    (row,) = admin.get("/api/audit", client_id=made["client_id"])["items"]
    assert (row["action"], row["detail"], row["actor"]["type"]) == ("create", f"account_id={plain_id}", "staff"), row
