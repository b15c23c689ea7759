"""The server starts, answers /healthz, serves the UI shell, and logs the admin in."""


def test_health_and_login(server):
    r = server.api().get("/healthz")
    assert r.status == 200 and r.json == {"status": "ok"}
    admin = server.admin()
    me = admin.get("/api/auth/me")
    assert me.status == 200 and me["role"] == "admin"


def test_unknown_api_route_is_json_404(server):
    r = server.api().get("/api/nope")
    assert r.status == 404 and r.error_code == "not_found"


def test_wrong_password_is_bad_credentials(server):
    r = server.api().post("/api/auth/login", {"email": "admin@test.local", "password": "wrong-password"})
    assert r.status == 401 and r.error_code == "bad_credentials"
