"""Settings, staff (hours of several intervals, time off), resources and services over HTTP; auth guards;
malformed and oversized bodies."""
import requests

from conftest import ADMIN_EMAIL


def employee(server, admin, email="emp@salon.test", password="employee-pass-9"):
    r = admin.post("/api/staff", {"first_name": "Emma", "last_name": "Ployée", "email": email, "role": "employee",
                                  "password": password})
    assert r.status == 201, r
    login = server.api().post("/api/auth/login", {"email": email, "password": password})
    assert login.status == 200, login
    return server.api(login["token"]), r["id"]


# ---- settings ------------------------------------------------------------------------------------------

def test_settings_defaults(admin):
    r = admin.get("/api/settings")
    assert r.status == 200, r
    s = r.json
    assert s["timezone"] == "Europe/Paris"
    assert s["currency"] == "EUR"
    assert s["preferred_staff_selection"] is True
    assert set(s["booking"]) >= {"slot_step_minutes", "min_notice_minutes", "max_advance_days", "cancel_notice_minutes"}
    assert s["waitlist"]["mode"] in ("off", "manual", "automatic")
    assert isinstance(s["opening_hours"], list)
    assert "reminder_hours" in s and "birthday_messages" in s


def test_settings_merge_patch_merges_nested_objects(admin):
    before = admin.get("/api/settings").json
    r = admin.patch("/api/settings", {"name": "Salon Lumière", "booking": {"min_notice_minutes": 120},
                                      "waitlist": {"mode": "manual", "channels": ["email", "sms"]}})
    assert r.status == 200, r
    s = r.json
    assert s["name"] == "Salon Lumière"
    assert s["booking"]["min_notice_minutes"] == 120
    # Keys not in the patch keep their values, nested ones included.
    assert s["booking"]["slot_step_minutes"] == before["booking"]["slot_step_minutes"]
    assert s["booking"]["max_advance_days"] == before["booking"]["max_advance_days"]
    assert s["waitlist"]["mode"] == "manual" and s["waitlist"]["channels"] == ["email", "sms"]
    assert s["waitlist"]["message"] == before["waitlist"]["message"]
    assert s["timezone"] == before["timezone"]
    assert admin.get("/api/settings").json == s

    # Arrays are replaced whole (RFC 7396).
    hours = [{"weekday": 1, "start": "10:00", "end": "12:00"}, {"weekday": 1, "start": "14:00", "end": "18:30"}]
    r = admin.patch("/api/settings", {"opening_hours": hours})
    assert r.status == 200 and r["opening_hours"] == hours


def test_settings_patch_validation_writes_nothing(admin):
    before = admin.get("/api/settings").json
    bad = [
        {"timezone": "Mars/Olympus_Mons"},
        {"booking": {"slot_step_minutes": 0}},
        {"booking": {"slot_step_minutes": "fifteen"}},
        {"booking": {"min_notice_minutes": -5}},
        {"waitlist": {"mode": "sometimes"}},
        {"waitlist": {"channels": ["pigeon"]}},
        {"opening_hours": [{"weekday": 8, "start": "09:00", "end": "10:00"}]},
        {"opening_hours": [{"weekday": 1, "start": "12:00", "end": "09:00"}]},
        {"opening_hours": [{"weekday": 1, "start": "9h", "end": "10:00"}]},
        {"preferred_staff_selection": "yes"},
        {"name": 12},
    ]
    for patch in bad:
        r = admin.patch("/api/settings", patch)
        assert r.status == 422 and r.error_code == "validation_failed", (patch, r)
        assert r["error"]["message"]
    r = admin.patch("/api/settings", raw=b"[1, 2]", headers={"Content-Type": "application/json"})
    assert r.status == 422 and r.error_code == "validation_failed"
    r = admin.patch("/api/settings", raw=b"{\"name\": ", headers={"Content-Type": "application/json"})
    assert r.status == 422 and r.error_code == "validation_failed"
    assert admin.get("/api/settings").json == before


def test_settings_timezone_changes_answers(admin):
    r = admin.patch("/api/settings", {"timezone": "America/New_York"})
    assert r.status == 200 and r["timezone"] == "America/New_York"


# ---- staff ---------------------------------------------------------------------------------------------

def test_staff_crud_with_breaks_and_time_off(admin):
    cut = admin.post("/api/services", {"name": "Coupe", "duration_minutes": 30, "price_cents": 2500})["id"]
    hours = [{"weekday": 1, "start": "09:00", "end": "12:00"}, {"weekday": 1, "start": "13:30", "end": "18:00"},
             {"weekday": 3, "start": "10:00", "end": "16:00"}]
    r = admin.post("/api/staff", {"first_name": "Alice", "last_name": "Coiffe", "email": "alice@salon.test",
                                  "phone": "06 11 22 33 44", "role": "employee", "password": "employee-pass-1",
                                  "service_ids": [cut], "hours": hours})
    assert r.status == 201, r
    s = r.json
    assert isinstance(s["id"], int)
    assert s["first_name"] == "Alice" and s["last_name"] == "Coiffe" and s["email"] == "alice@salon.test"
    assert s["phone"] == "+33611223344"
    assert s["role"] == "employee" and s["service_ids"] == [cut]
    assert s["hours"] == hours
    assert "password" not in s and "password_hash" not in s

    got = admin.get(f"/api/staff/{s['id']}")
    assert got.status == 200 and got.json == s
    listed = admin.get("/api/staff")
    assert listed.status == 200 and listed["total"] == len(listed["items"]) == 2  # with the admin
    assert any(x["id"] == s["id"] for x in listed["items"])

    r = admin.patch(f"/api/staff/{s['id']}", {"last_name": "Coiffure",
                                              "hours": [{"weekday": 2, "start": "08:00", "end": "11:00"}]})
    assert r.status == 200, r
    assert r["last_name"] == "Coiffure" and r["first_name"] == "Alice"
    assert r["hours"] == [{"weekday": 2, "start": "08:00", "end": "11:00"}]
    assert r["service_ids"] == [cut]

    t = admin.post(f"/api/staff/{s['id']}/time_off", {"start": "2027-03-02T08:00:00+01:00",
                                                      "end": "2027-03-02T12:00:00+01:00", "reason": "Dentiste"})
    assert t.status == 201, t
    assert t["start"] == "2027-03-02T08:00:00+01:00" and t["end"] == "2027-03-02T12:00:00+01:00"
    assert t["reason"] == "Dentiste" and t["staff_id"] == s["id"]

    bad = admin.post(f"/api/staff/{s['id']}/time_off", {"start": "2027-03-02T12:00:00+01:00",
                                                        "end": "2027-03-02T08:00:00+01:00"})
    assert bad.status == 422 and bad.error_code == "validation_failed"
    bad = admin.post(f"/api/staff/{s['id']}/time_off", {"start": "soon", "end": "2027-03-02T08:00:00+01:00"})
    assert bad.status == 422 and bad.error_code == "validation_failed" and bad["error"]["field"] == "start"
    assert admin.post("/api/staff/9999/time_off", {"start": "2027-03-02T08:00:00+01:00",
                                                   "end": "2027-03-02T09:00:00+01:00"}).status == 404

    # The new employee can log in.
    login = admin.post("/api/auth/login", {"email": "alice@salon.test", "password": "employee-pass-1"})
    assert login.status == 200 and login["staff"]["role"] == "employee"

    assert admin.delete(f"/api/staff/{s['id']}").status == 204
    assert admin.get(f"/api/staff/{s['id']}").status == 404
    assert admin.delete(f"/api/staff/{s['id']}").status == 404
    assert all(x["id"] != s["id"] for x in admin.get("/api/staff")["items"])
    # A deleted staff member cannot log in any more.
    login = admin.post("/api/auth/login", {"email": "alice@salon.test", "password": "employee-pass-1"})
    assert login.status == 401


def test_staff_validation(admin):
    base = {"first_name": "Bob", "last_name": "B", "email": "bob@salon.test", "role": "employee",
            "password": "employee-pass-2"}
    cases = [
        ({**base, "email": "not-an-email"}, "email"),
        ({**base, "first_name": ""}, "first_name"),
        ({**base, "role": "boss"}, "role"),
        ({**base, "phone": "call me"}, "phone"),
        ({**base, "service_ids": [12345]}, "service_ids"),
        ({**base, "service_ids": "all"}, "service_ids"),
        ({**base, "hours": [{"weekday": 0, "start": "09:00", "end": "10:00"}]}, None),
        ({**base, "hours": [{"weekday": 1, "start": "11:00", "end": "10:00"}]}, None),
        ({**base, "hours": [{"weekday": 1, "start": "09:00", "end": "12:00"},
                            {"weekday": 1, "start": "11:00", "end": "14:00"}]}, None),  # overlapping intervals
        ({**base, "hours": [{"weekday": 1, "start": "25:00", "end": "26:00"}]}, None),
    ]
    for body, field in cases:
        r = admin.post("/api/staff", body)
        assert r.status == 422 and r.error_code == "validation_failed", (body, r)
        if field:
            assert r["error"]["field"] == field, (body, r)
    assert admin.get("/api/staff")["total"] == 1
    assert admin.post("/api/staff", base).status == 201
    dup = admin.post("/api/staff", {**base, "email": "BOB@salon.test"})
    assert dup.status == 422 and dup["error"]["field"] == "email"
    assert admin.get("/api/staff/12345").status == 404
    assert admin.get("/api/staff/abc").status == 404
    assert admin.patch("/api/staff/12345", {"first_name": "X"}).status == 404


# ---- resources -----------------------------------------------------------------------------------------

def test_resources_crud(admin):
    r = admin.post("/api/resources", {"name": "Cabine 1"})
    assert r.status == 201 and r["name"] == "Cabine 1" and isinstance(r["id"], int)
    rid = r["id"]
    assert admin.get(f"/api/resources/{rid}").json == {"id": rid, "name": "Cabine 1"}
    r = admin.patch(f"/api/resources/{rid}", {"name": "Cabine bleue"})
    assert r.status == 200 and r["name"] == "Cabine bleue"
    admin.post("/api/resources", {"name": "Fauteuil"})
    listed = admin.get("/api/resources")
    assert listed["total"] == 2 and [x["name"] for x in listed["items"]] == ["Cabine bleue", "Fauteuil"]
    assert admin.post("/api/resources", {"name": ""}).error_code == "validation_failed"
    assert admin.post("/api/resources", {}).error_code == "validation_failed"
    assert admin.delete(f"/api/resources/{rid}").status == 204
    assert admin.get(f"/api/resources/{rid}").status == 404
    assert admin.get("/api/resources")["total"] == 1


def test_catalogue_lists_page(admin):
    names = [f"Cabine {i}" for i in range(3)]
    for n in names:
        admin.post("/api/resources", {"name": n})
        admin.post("/api/services", {"name": n, "duration_minutes": 30})
    for path in ["/api/resources", "/api/services"]:
        page = admin.get(path, limit=2)
        assert page["total"] == 3 and [x["name"] for x in page["items"]] == names[:2], page
        page = admin.get(path, limit=2, offset=2)
        assert page["total"] == 3 and [x["name"] for x in page["items"]] == names[2:], page
        assert admin.get(path, offset=10)["items"] == []
        assert admin.get(path, limit=0).error_code == "validation_failed"
        assert admin.get(path, limit=501).error_code == "validation_failed"
    assert admin.get("/api/staff", limit=1, offset=0)["total"] == 1


# ---- services ------------------------------------------------------------------------------------------

def test_services_crud_with_every_field(admin):
    room = admin.post("/api/resources", {"name": "Cabine"})["id"]
    body = {"name": "Soin visage", "category": "Soins", "audience": "adult", "duration_minutes": 45,
            "price_cents": 5500, "resource_ids": [room], "capacity": 1, "package_only": True, "discovery": True,
            "questionnaire": [{"key": "allergies", "question": "Allergies ?", "required": True},
                              {"key": "skin", "question": "Type de peau", "required": False}]}
    r = admin.post("/api/services", body)
    assert r.status == 201, r
    s = r.json
    for k, v in body.items():
        assert s[k] == v, k
    assert admin.get(f"/api/services/{s['id']}").json == s

    r = admin.patch(f"/api/services/{s['id']}", {"price_cents": 6000, "capacity": 4, "audience": "all",
                                                 "package_only": False})
    assert r.status == 200, r
    assert r["price_cents"] == 6000 and r["capacity"] == 4 and r["audience"] == "all" and r["package_only"] is False
    assert r["name"] == "Soin visage" and r["questionnaire"] == body["questionnaire"] and r["resource_ids"] == [room]

    # Defaults.
    d = admin.post("/api/services", {"name": "Brushing", "duration_minutes": 20})
    assert d.status == 201, d
    assert d["audience"] == "all" and d["capacity"] == 1 and d["resource_ids"] == [] and d["questionnaire"] == []
    assert d["package_only"] is False and d["discovery"] is False and d["price_cents"] == 0

    listed = admin.get("/api/services")
    assert listed["total"] == 2
    assert admin.delete(f"/api/services/{d['id']}").status == 204
    assert admin.get(f"/api/services/{d['id']}").status == 404
    assert admin.get("/api/services")["total"] == 1


def test_services_validation(admin):
    base = {"name": "Coupe", "duration_minutes": 30, "price_cents": 100}
    cases = [
        ({**base, "name": ""}, "name"),
        ({"duration_minutes": 30}, "name"),
        ({"name": "X"}, "duration_minutes"),
        ({**base, "duration_minutes": 0}, "duration_minutes"),
        ({**base, "duration_minutes": "30"}, "duration_minutes"),
        ({**base, "price_cents": -1}, "price_cents"),
        ({**base, "price_cents": 10.5}, "price_cents"),
        ({**base, "audience": "seniors"}, "audience"),
        ({**base, "capacity": 0}, "capacity"),
        ({**base, "resource_ids": [999]}, "resource_ids"),
        ({**base, "package_only": "no"}, "package_only"),
        ({**base, "questionnaire": [{"question": "no key"}]}, None),
        ({**base, "questionnaire": "free text"}, None),
    ]
    for body, field in cases:
        r = admin.post("/api/services", body)
        assert r.status == 422 and r.error_code == "validation_failed", (body, r)
        if field:
            assert r["error"]["field"] == field, (body, r)
    assert admin.get("/api/services")["total"] == 0


# ---- auth and transport --------------------------------------------------------------------------------

def test_no_token_is_401_everywhere(server):
    anon = server.api()
    for method, path in [("GET", "/api/settings"), ("PATCH", "/api/settings"), ("GET", "/api/staff"),
                         ("POST", "/api/staff"), ("GET", "/api/resources"), ("POST", "/api/services"),
                         ("GET", "/api/clients"), ("POST", "/api/clients"), ("GET", "/api/appointments"),
                         ("POST", "/api/appointments"), ("GET", "/api/availability"), ("GET", "/api/outbox"),
                         ("POST", "/api/appointments/1/cancel"), ("DELETE", "/api/appointments/1")]:
        r = anon.call(method, path, {})
        assert r.status == 401 and r.error_code == "unauthorized", (method, path, r)
    bad = server.api("not-a-real-token")
    r = bad.get("/api/staff")
    assert r.status == 401 and r.error_code == "unauthorized"


def test_employee_is_403_on_admin_routes(server, admin):
    emp, emp_id = employee(server, admin)
    for method, path, body in [("GET", "/api/settings", None), ("PATCH", "/api/settings", {"name": "x"}),
                               ("POST", "/api/staff", {"first_name": "X", "email": "x@salon.test"}),
                               ("PATCH", f"/api/staff/{emp_id}", {"role": "admin"}),
                               ("DELETE", f"/api/staff/{emp_id}", None),
                               ("POST", "/api/resources", {"name": "R"}),
                               ("POST", "/api/services", {"name": "S", "duration_minutes": 30}),
                               ("GET", "/api/outbox", None)]:
        r = emp.call(method, path, body)
        assert r.status == 403 and r.error_code == "forbidden", (method, path, r)
    # …but reads the team, the catalogue and works the agenda.
    assert emp.get("/api/staff").status == 200
    assert emp.get("/api/services").status == 200
    assert emp.get("/api/resources").status == 200
    assert emp.get("/api/clients").status == 200
    assert emp.get("/api/appointments").status == 200
    assert admin.get(f"/api/staff/{emp_id}")["role"] == "employee"
    assert admin.get("/api/settings")["name"] != "x"


def test_logout_ends_the_token(server, admin):
    r = admin.post("/api/auth/logout")
    assert r.status == 204
    assert admin.get("/api/staff").status == 401


def test_malformed_json_is_validation_failed(admin):
    for path in ["/api/staff", "/api/resources", "/api/services", "/api/clients", "/api/appointments"]:
        r = admin.post(path, raw=b"{not json", headers={"Content-Type": "application/json"})
        assert r.status == 422 and r.error_code == "validation_failed", (path, r)
        r = admin.post(path, raw=b"\"a string\"", headers={"Content-Type": "application/json"})
        assert r.status == 422 and r.error_code == "validation_failed", (path, r)
    r = admin.post("/api/auth/login", raw=b"{", headers={"Content-Type": "application/json"})
    assert r.status == 422 and r.error_code == "validation_failed"


def test_body_over_one_mebibyte_is_413(server, admin):
    big = b'{"name": "' + b"x" * (1024 * 1024 + 10) + b'"}'
    r = admin.post("/api/resources", raw=big, headers={"Content-Type": "application/json"})
    assert r.status == 413 and r.error_code == "payload_too_large", r
    assert admin.get("/api/resources")["total"] == 0
    # Far larger: the client still reads the answer (the server reads the rest away before closing).
    huge = b'{"name": "' + b"x" * (8 * 1024 * 1024) + b'"}'
    r = admin.post("/api/resources", raw=huge, headers={"Content-Type": "application/json"})
    assert r.status == 413 and r.error_code == "payload_too_large", r
    # Just under the limit is read (and here refused for what it says, not for its size).
    ok = b'{"name": "' + b"y" * (1024 * 1024 - 100) + b'"}'
    r = admin.post("/api/resources", raw=ok, headers={"Content-Type": "application/json"})
    assert r.status == 201, r
    # The server is still fine afterwards, on a fresh connection.
    assert requests.get(server.base + "/healthz", timeout=5).status_code == 200


def test_unknown_method_on_a_known_route(admin):
    r = admin.call("PUT", "/api/settings", {})
    assert r.status == 405 and r.json["error"]["code"]


def test_login_answers_the_staff(server):
    r = server.api().post("/api/auth/login", {"email": ADMIN_EMAIL.upper(), "password": "admin-pass-123"})
    assert r.status == 200, r
    assert r["staff"]["email"] == ADMIN_EMAIL and len(r["token"]) >= 22
