"""Retention: `retention_years` in GET|PATCH /api/network (default 3); the daily job erases the files whose last
appointment (or creation) is older, reports how many, and never touches a file with a visit to come or a
package with sessions left that has not expired. The clock is the test's (`POST /api/jobs/run {"now"}`)."""
from conftest import MONDAY, at, run_jobs


def test_network_holds_the_retention(server, admin, salon):
    r = admin.get("/api/network")
    assert r.status == 200 and r["retention_years"] == 3 and r["name"], r
    r = admin.patch("/api/network", {"name": "Réseau Test", "retention_years": 5})
    assert r.status == 200 and r.json == {"name": "Réseau Test", "retention_years": 5}, r
    assert admin.get("/api/network").json == {"name": "Réseau Test", "retention_years": 5}
    for bad in (0, 31, -1, "3", 2.5, 10**30):
        r = admin.patch("/api/network", {"retention_years": bad})
        assert r.status == 422 and r.json["error"]["field"] == "retention_years", (bad, r)
    r = admin.patch("/api/network", {"name": ""})
    assert r.status == 422 and r.json["error"]["field"] == "name", r
    assert admin.get("/api/network")["retention_years"] == 5
    login = server.api().post("/api/auth/login", {"email": "alice@salon.test", "password": "employee-pass-1"})
    emp = server.api(login["token"])
    assert emp.get("/api/network").status == 403
    assert emp.patch("/api/network", {"retention_years": 1}).status == 403


def client(admin, name):
    r = admin.post("/api/clients", {"first_name": name, "last_name": "Retenu", "email": f"{name.lower()}@example.com"})
    assert r.status == 201, r
    return r["id"]


def book(salon, c, day, hhmm):
    r = salon.book(at(day, hhmm), [{"service_id": salon.cut, "staff_id": salon.alice}], client=c,
                   confirmation="silent")
    assert r.status == 201, r
    return r["id"]


def test_the_daily_job_erases_files_kept_too_long(server, admin, salon):
    assert admin.patch("/api/network", {"retention_years": 2}).status == 200
    old = client(admin, "Ancien")
    book(salon, old, MONDAY, "09:00")  # 2027-03-01: long before 2088-01-15
    recent = client(admin, "Recent")
    book(salon, recent, MONDAY, "10:00")
    book(salon, recent, "2089-03-07", "11:00")  # within two years of the job's day
    coming = client(admin, "Futur")
    book(salon, coming, MONDAY, "12:00")
    book(salon, coming, "2090-02-06", "16:00")  # a visit to come
    owed = client(admin, "Forfait")
    book(salon, owed, MONDAY, "14:00")
    open_type = admin.post("/api/package_types", {"name": "10 coupes", "sessions": 10, "service_ids": [salon.cut],
                                                  "audience": "all", "validity_days": 0})["id"]
    assert admin.post(f"/api/clients/{owed}/packages", {"package_type_id": open_type, "start_date": "2027-01-01"}).status == 201
    spent = client(admin, "Expire")
    book(salon, spent, MONDAY, "15:00")
    short_type = admin.post("/api/package_types", {"name": "Essai", "sessions": 3, "service_ids": [salon.cut],
                                                   "audience": "all", "validity_days": 30})["id"]
    assert admin.post(f"/api/clients/{spent}/packages", {"package_type_id": short_type, "start_date": "2027-01-01"}).status == 201
    # salon.client and salon.client2 have no visit: their creation (the real today) is what counts. The job's
    # clock is set far ahead so that the test holds whenever it runs.

    report = run_jobs(admin, "2028-06-01T03:00:00+02:00")
    assert report["erased"] == 0, report  # nothing is two years old yet (files created in 2026-12, visits 2027)

    report = run_jobs(admin, "2090-01-15T03:00:00+01:00")
    erased = {c for c in (old, recent, coming, owed, spent, salon.client, salon.client2)
              if admin.get(f"/api/clients/{c}")["erased"]}
    assert erased == {old, spent, salon.client, salon.client2}, erased
    assert report["erased"] == 4, report
    assert admin.get(f"/api/clients/{old}")["last_name"] == ""
    assert admin.get(f"/api/clients/{recent}")["last_name"] == "Retenu"
    rows = [x for x in admin.get("/api/audit", limit=500)["items"] if x["action"] == "erase"]
    assert len(rows) == 4 and all(x["actor"]["type"] == "system" and x["detail"] == "by=retention;retention_years=2;cancelled=0"
                              for x in rows), rows
    assert run_jobs(admin, "2090-01-16T03:00:00+01:00")["erased"] == 0
