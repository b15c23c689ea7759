"""Behind a reverse proxy: X-Forwarded-For / -Proto / -Host are believed only from --trusted-proxy peers (the
client's address in logs and for /metrics, the links written into messages); X-Request-Id on every answer."""
import json
import re

import requests

PROXIED = {"X-Forwarded-For": "198.51.100.7", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "salon.example"}


def reset_link(server, admin, email, headers):
    r = server.api().post("/api/portal/register", {"first_name": "Inès", "last_name": "Proxy", "email": email,
                                                    "password": "client-pass-123"})
    assert r.status == 201, r
    r = server.api().post("/api/portal/password/forgot", {"identifier": email}, headers=headers)
    assert r.status == 202, r
    items = admin.get("/api/outbox", kind="password_reset", limit=500)["items"]
    body = next(m["body"] for m in items if m["to"] == email)
    return re.search(r"(https?://\S+)/book/reset/", body).group(1)


def log_lines(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def test_links_follow_the_trusted_proxy(make_server, tmp_path):
    log = str(tmp_path / "requests.log")
    server = make_server("--trusted-proxy", "10.0.0.9,127.0.0.1", "--log-file", log)
    admin = server.admin()
    assert reset_link(server, admin, "ines@example.com", PROXIED) == "https://salon.example"
    # Host is the fallback of X-Forwarded-Host; a malformed host is not believed.
    assert reset_link(server, admin, "ines2@example.com",
                      {"X-Forwarded-Proto": "https", "Host": "book.salon.example"}) == "https://book.salon.example"
    assert reset_link(server, admin, "ines3@example.com",
                      {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example/<x>"}) == server.base

    lines = log_lines(log)
    forgot = [l for l in lines if l["route"] == "/api/portal/password/forgot"]
    assert forgot[0]["remote"] == "198.51.100.7"  # the client, not the proxy
    assert forgot[1]["remote"] == "127.0.0.1"  # no X-Forwarded-For: the peer itself


def test_forwarded_headers_from_anyone_else_are_ignored(make_server, tmp_path):
    log = str(tmp_path / "requests.log")
    server = make_server("--log-file", log)  # no trusted proxy
    admin = server.admin()
    assert reset_link(server, admin, "ines@example.com", PROXIED) == server.base
    forgot = [l for l in log_lines(log) if l["route"] == "/api/portal/password/forgot"]
    assert forgot[0]["remote"] == "127.0.0.1"


def test_public_url_wins_over_forwarded_headers(make_server):
    server = make_server("--trusted-proxy", "127.0.0.1", "--public-url", "https://rdv.salon.example")
    assert reset_link(server, server.admin(), "ines@example.com", PROXIED) == "https://rdv.salon.example"


def test_client_address_is_the_rightmost_untrusted_hop(make_server, tmp_path):
    log = str(tmp_path / "requests.log")
    server = make_server("--trusted-proxy", "127.0.0.1,10.0.0.9", "--log-file", log)
    chains = {"spoof-1": "6.6.6.6, 198.51.100.7, 10.0.0.9",  # the client claimed 6.6.6.6; our proxy saw .7
              "mangled": "198.51.100.7, not-an-ip",          # a chain that makes no sense: the socket peer
              "all-ours": "10.0.0.9, 127.0.0.1"}
    for rid, chain in chains.items():
        requests.get(server.base + "/healthz", headers={"X-Forwarded-For": chain, "X-Request-Id": rid}, timeout=10)
    seen = {l["id"]: l["remote"] for l in log_lines(log)}
    assert seen["spoof-1"] == "198.51.100.7"
    assert seen["mangled"] == "127.0.0.1"
    assert seen["all-ours"] == "10.0.0.9"


def test_request_id_is_echoed_or_made(server):
    r = requests.get(server.base + "/healthz", headers={"X-Request-Id": "edge-4f2a.9_b:c"}, timeout=10)
    assert r.headers["X-Request-Id"] == "edge-4f2a.9_b:c"
    made = {requests.get(server.base + "/healthz", timeout=10).headers["X-Request-Id"] for _ in range(5)}
    assert len(made) == 5 and all(re.fullmatch(r"[0-9a-f]{16}", i) for i in made)
    for insane in ("x" * 65, "has space", "quote\"d"):
        r = requests.get(server.base + "/healthz", headers={"X-Request-Id": insane}, timeout=10)
        assert re.fullmatch(r"[0-9a-f]{16}", r.headers["X-Request-Id"]), insane
    r = requests.get(server.base + "/api/nowhere", timeout=10)
    assert r.status_code == 404 and "X-Request-Id" in r.headers
