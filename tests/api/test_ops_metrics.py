"""GET /metrics: Prometheus text format (parsed with prometheus_client's own parser), loopback clients only, with
counts that match the requests made."""
import requests
from prometheus_client.parser import text_string_to_metric_families

from conftest import Salon, MONDAY, at


def scrape(server):
    r = requests.get(server.base + "/metrics", timeout=10)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    return {f.name: f for f in text_string_to_metric_families(r.text)}


def requests_total(families, method, route, status):
    # The parser names a counter family without its _total suffix, its samples with it.
    fam = families.get("creneau_http_requests") or families.get("creneau_http_requests_total")
    if fam is None:
        return 0
    return sum(s.value for s in fam.samples if s.name == "creneau_http_requests_total" and s.labels ==
               {"method": method, "route": route, "status": str(status)})


def histogram_count(families, name, labels):
    fam = families.get(name)
    if fam is None:
        return 0
    return sum(s.value for s in fam.samples if s.name == name + "_count" and s.labels == labels)


def bucket(families, name, labels, le):
    return next(s.value for s in families[name].samples
                if s.name == name + "_bucket" and s.labels == {**labels, "le": le})


def test_counts_match_the_requests_made(server, admin):
    salon = Salon(admin)
    booked = salon.book(at(MONDAY, "10:00"), [{"service_id": salon.cut, "staff_id": salon.alice}])
    assert booked.status == 201, booked
    appointment = booked["id"]

    before = scrape(server)
    anonymous = server.api()
    for _ in range(3):
        assert anonymous.get("/healthz").status == 200
    for _ in range(4):
        assert admin.get(f"/api/appointments/{appointment}").status == 200
    assert admin.get("/api/appointments/999999").status == 404
    assert anonymous.get("/api/clients").status == 401
    for _ in range(2):
        assert admin.patch(f"/api/appointments/{appointment}", {"notes": "fringe"}).status == 200
    assert anonymous.get("/api/nowhere").status == 404
    after = scrape(server)

    def delta(method, route, status):
        return requests_total(after, method, route, status) - requests_total(before, method, route, status)

    assert delta("GET", "/healthz", 200) == 3
    assert delta("GET", "/api/appointments/{id}", 200) == 4  # by pattern, not by path
    assert delta("GET", "/api/appointments/{id}", 404) == 1
    assert delta("GET", "/api/clients", 401) == 1
    assert delta("PATCH", "/api/appointments/{id}", 200) == 2
    assert delta("GET", "unmatched", 404) == 1
    # the first scrape is counted by the second
    assert delta("GET", "/metrics", 200) == 1

    labels = {"method": "GET", "route": "/api/appointments/{id}"}
    name = "creneau_http_request_duration_seconds"
    assert histogram_count(after, name, labels) - histogram_count(before, name, labels) == 5
    assert bucket(after, name, labels, "+Inf") == histogram_count(after, name, labels)
    assert bucket(after, name, labels, "0.001") <= bucket(after, name, labels, "10") <= bucket(after, name, labels, "+Inf")

    # Each successful PATCH committed one write transaction (at least; jobs may write too).
    writes = histogram_count(after, "creneau_db_write_seconds", {}) - histogram_count(before, "creneau_db_write_seconds", {})
    assert writes >= 2

    outbox = admin.get("/api/outbox", limit=500)
    by_status = {}
    for m in outbox["items"]:
        by_status[m["status"]] = by_status.get(m["status"], 0) + 1
    final = scrape(server)
    gauges = {s.labels["status"]: s.value for s in final["creneau_outbox_messages"].samples}
    assert set(gauges) >= {"pending", "sent", "failed"}
    assert gauges == {k: by_status.get(k, 0) for k in gauges}
    assert sum(gauges.values()) == outbox["total"] >= 1  # the booking's confirmation


def test_metrics_only_for_loopback_clients(make_server):
    server = make_server("--trusted-proxy", "127.0.0.1")
    # Through a trusted proxy, the client's own address decides: a proxied outsider is refused.
    r = requests.get(server.base + "/metrics", headers={"X-Forwarded-For": "203.0.113.9"}, timeout=10)
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "forbidden"
    r = requests.get(server.base + "/metrics", headers={"X-Forwarded-For": "127.0.0.1"}, timeout=10)
    assert r.status_code == 200


def test_unknown_methods_do_not_grow_the_label_set(server):
    for verb in ("BREW", "WHEN", "PROPFIND"):
        requests.request(verb, server.base + "/api/nowhere", timeout=10)
    families = scrape(server)
    methods = {s.labels["method"] for s in families["creneau_http_requests"].samples}
    assert not methods & {"BREW", "WHEN", "PROPFIND"}
    assert "OTHER" in methods
