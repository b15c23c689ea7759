"""Client portal accounts: register, log in by e-mail or mobile, unknown_identifier vs bad_credentials,
throttling, log-out, me, forgot/reset password with one-time tokens."""
import re
import sqlite3
import time

import pytest

PASSWORD = "client-pass-1"


def register(server, **fields):
    body = {"first_name": "Julie", "last_name": "Petit", "email": "julie@example.com", "phone": "",
            "password": PASSWORD}
    body.update(fields)
    return server.api().post("/api/portal/register", body)


def login(server, identifier, password=PASSWORD):
    return server.api().post("/api/portal/login", {"identifier": identifier, "password": password})


def reset_link_token(admin, to=None):
    msgs = admin.get("/api/outbox", kind="password_reset", limit=500)
    assert msgs.status == 200, msgs
    items = [m for m in msgs["items"] if to is None or m["to"] == to]
    assert items, msgs
    m = max(items, key=lambda m: m["id"])
    found = re.search(r"/book/reset/([0-9a-f]+)", m["body"])
    assert found, m["body"]
    return found.group(1), m


def test_register_with_email_returns_token_and_account(server):
    r = register(server)
    assert r.status == 201, r
    assert r["token"] and len(r["token"]) >= 32
    acc = r["account"]
    assert acc["email"] == "julie@example.com" and acc["first_name"] == "Julie" and acc["client_id"] is None
    me = server.api(r["token"]).get("/api/portal/me")
    assert me.status == 200, me
    assert me["account"]["id"] == acc["id"]
    assert me["client"] is None and me["members"] == [] and me["packages"] == []


def test_register_needs_email_or_phone_and_a_long_enough_password(server):
    r = register(server, email="", phone="")
    assert r.status == 422 and r.error_code == "validation_failed", r
    r = register(server, password="short")
    assert r.status == 422 and r.json["error"]["field"] == "password", r
    r = register(server, password="1234567")  # 7 characters
    assert r.status == 422, r
    r = register(server, email="not-an-email")
    assert r.status == 422 and r.json["error"]["field"] == "email", r
    r = register(server, email="", phone="hello")
    assert r.status == 422 and r.json["error"]["field"] == "phone", r
    r = register(server, first_name="")
    assert r.status == 422, r
    assert register(server, password="12345678").status == 201  # 8 characters is enough


def test_register_twice_with_the_same_identifier_is_refused(server):
    assert register(server, phone="06 11 22 33 44").status == 201
    r = register(server, email="JULIE@example.com", phone="")
    assert r.status == 422 and r.json["error"]["field"] == "email", r
    r = register(server, email="other@example.com", phone="+33611223344")
    assert r.status == 422 and r.json["error"]["field"] == "phone", r


def test_mobile_numbers_are_normalised_and_either_identifier_logs_in(server):
    r = register(server, phone="06 12 34 56 78")
    assert r.status == 201, r
    assert r["account"]["phone"] == "+33612345678"
    for identifier in ["julie@example.com", "Julie@Example.COM", "06 12 34 56 78", "0612345678", "+33612345678",
                       "+33 6 12 34 56 78"]:
        r = login(server, identifier)
        assert r.status == 200, (identifier, r)
        assert r["token"]
        assert server.api(r["token"]).get("/api/portal/me").status == 200


def test_phone_only_account(server):
    r = register(server, email="", phone="07 00 00 00 01")
    assert r.status == 201, r
    assert r["account"]["email"] is None and r["account"]["identifier"] == "+33700000001"
    assert login(server, "0700000001").status == 200


def test_unknown_identifier_says_to_try_the_other_one(server):
    register(server, email="julie@example.com", phone="")
    r = login(server, "nobody@example.com")
    assert r.status == 401 and r.error_code == "unknown_identifier", r
    assert "mobile" in r.json["error"]["message"]
    r = login(server, "06 99 99 99 99")
    assert r.status == 401 and r.error_code == "unknown_identifier", r
    assert "e-mail" in r.json["error"]["message"]
    r = login(server, "julie@example.com", "wrong-password")
    assert r.status == 401 and r.error_code == "bad_credentials", r


def test_failed_logins_are_throttled_per_identifier(server):
    register(server, email="julie@example.com", phone="06 12 34 56 78")
    codes = [login(server, "julie@example.com", "wrong-password-%d" % i).status for i in range(10)]
    assert codes == [401] * 10
    r = login(server, "julie@example.com", "wrong-password")
    assert r.status == 429 and r.error_code == "too_many_attempts", r
    # Even the right password waits: the throttle is per identifier, before checking anything.
    assert login(server, "JULIE@example.com").status == 429
    # Another identifier (the same account's mobile) is counted on its own.
    assert login(server, "06 12 34 56 78").status == 200


def test_logout_kills_the_token(server):
    token = register(server)["token"]
    api = server.api(token)
    assert api.get("/api/portal/me").status == 200
    r = api.post("/api/portal/logout")
    assert r.status == 204, r
    r = api.get("/api/portal/me")
    assert r.status == 401 and r.error_code == "unauthorized", r


def test_portal_token_cannot_reach_staff_routes_and_staff_token_not_portal_routes(server, admin):
    token = register(server)["token"]
    portal = server.api(token)
    for path in ["/api/clients", "/api/settings", "/api/link-queue", "/api/appointments", "/api/outbox"]:
        r = portal.get(path)
        assert r.status == 403 and r.error_code == "forbidden", (path, r)
    r = admin.get("/api/portal/me")
    assert r.status == 403 and r.error_code == "forbidden", r
    assert server.api().get("/api/portal/me").status == 401
    assert server.api("0" * 64).get("/api/portal/me").status == 401


def test_forgot_is_always_202_and_sends_a_one_time_link(server, admin):
    register(server, email="julie@example.com", phone="06 12 34 56 78")
    r = server.api().post("/api/portal/password/forgot", {"identifier": "nobody@example.com"})
    assert r.status == 202, r
    assert admin.get("/api/outbox", kind="password_reset")["total"] == 0
    r = server.api().post("/api/portal/password/forgot", {"identifier": "06 12 34 56 78"})
    assert r.status == 202, r
    token, msg = reset_link_token(admin)
    assert msg["to"] == "julie@example.com" and msg["channel"] == "email"
    assert server.base in msg["body"] or "/book/reset/" in msg["body"]

    old_session = login(server, "julie@example.com")["token"]
    r = server.api().post("/api/portal/password/reset", {"token": token, "password": "short"})
    assert r.status == 422, r  # too short: the token is not used up
    r = server.api().post("/api/portal/password/reset", {"token": token, "password": "brand-new-pass"})
    assert r.status == 204, r
    r = server.api().post("/api/portal/password/reset", {"token": token, "password": "another-pass-2"})
    assert r.status == 422 and r.json["error"]["field"] == "token", r
    assert login(server, "julie@example.com", PASSWORD).error_code == "bad_credentials"
    assert login(server, "julie@example.com", "brand-new-pass").status == 200
    # Sessions opened before the reset are closed.
    assert server.api(old_session).get("/api/portal/me").status == 401


def test_forgot_for_a_phone_only_account_goes_by_sms(server, admin):
    register(server, email="", phone="06 12 34 56 78")
    assert server.api().post("/api/portal/password/forgot", {"identifier": "+33 6 12 34 56 78"}).status == 202
    token, msg = reset_link_token(admin)
    assert msg["channel"] == "sms" and msg["to"] == "+33612345678"


def test_a_newer_reset_burns_the_older_link_once_used(server, admin):
    register(server)
    api = server.api()
    api.post("/api/portal/password/forgot", {"identifier": "julie@example.com"})
    first, _ = reset_link_token(admin)
    api.post("/api/portal/password/forgot", {"identifier": "julie@example.com"})
    second, _ = reset_link_token(admin)
    assert first != second
    assert api.post("/api/portal/password/reset", {"token": second, "password": "brand-new-pass"}).status == 204
    assert api.post("/api/portal/password/reset", {"token": first, "password": "other-new-pass"}).status == 422


def test_reset_requests_are_capped_quietly(server, admin):
    register(server)
    for _ in range(7):
        assert server.api().post("/api/portal/password/forgot", {"identifier": "julie@example.com"}).status == 202
    assert admin.get("/api/outbox", kind="password_reset")["total"] == 5


def sql(server, statement, *params):
    """Runs one statement on the server's database (SQLite file or PostgreSQL URL); returns the rows."""
    if server.db.startswith("postgres"):
        import psycopg2

        with psycopg2.connect(server.db) as conn, conn.cursor() as cur:
            cur.execute(statement.replace("?", "%s"), params)
            return cur.fetchall() if cur.description else []
    with sqlite3.connect(server.db) as db:
        return db.execute(statement, params).fetchall()


def test_reset_token_expires_after_an_hour(server, admin):
    register(server)
    server.api().post("/api/portal/password/forgot", {"identifier": "julie@example.com"})
    token, _ = reset_link_token(admin)
    ((expires,),) = sql(server, "SELECT expires_at FROM password_resets")
    assert 3500 <= expires - time.time() <= 3700  # one hour from now
    sql(server, "UPDATE password_resets SET expires_at = ?", int(time.time()) - 1)  # an hour later
    r = server.api().post("/api/portal/password/reset", {"token": token, "password": "brand-new-pass"})
    assert r.status == 422 and r.json["error"]["field"] == "token", r
    assert login(server, "julie@example.com").status == 200  # the old password still works


def test_tokens_are_random_and_long(server):
    tokens = {register(server, email=f"u{i}@example.com")["token"] for i in range(3)}
    assert len(tokens) == 3 and all(len(t) >= 32 for t in tokens)  # ≥ 128 bits in hex
    ((hash_,),) = sql(server, "SELECT password_hash FROM accounts WHERE email = ?", "u0@example.com")
    assert hash_.startswith("$argon2id$")


def test_login_and_register_validate_their_bodies(server):
    r = server.api().post("/api/portal/login", raw="{not json", headers={"Content-Type": "application/json"})
    assert r.status == 422 and r.error_code == "validation_failed", r
    r = server.api().post("/api/portal/login", {"identifier": "", "password": "x"})
    assert r.status == 422, r
    r = server.api().post("/api/portal/register", {"first_name": 3})
    assert r.status == 422, r
