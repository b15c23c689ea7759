"""The authorisation matrix: every route of the route table (`creneau routes --json`, with each route's access) × no token / portal token / employee / manager / admin,
then (in a network of two salons) every salon-scoped route × employee / manager / admin × own / other salon.

No token (or an unknown one) → 401 on a protected route; a valid token of the wrong kind or role → 403
`forbidden`; the right token gets past the guard (any answer but 401/403: ids are made up, bodies empty, so
most answers are 404 or 422, and nothing is changed). A route this build does not serve yet is skipped."""
import json
import os
import re
import subprocess

import pytest

from conftest import Server

PUBLIC, STAFF, MANAGER, ADMIN, PORTAL = "public", "staff", "manager", "admin", "portal"
X = "999999"  # an id nobody has

LEVELS = {"public": PUBLIC, "client": PORTAL, "employee": STAFF, "manager": MANAGER, "admin": ADMIN}
BIN = os.environ.get("CRENEAU_BIN", "build/src/creneau")


def route_table():
    """Every route the server serves, with its declared access (`creneau routes --json`)."""
    out = subprocess.run([BIN, "routes", "--json"], capture_output=True, text=True, timeout=60, check=True).stdout
    return json.loads(out)


TABLE = route_table()

# Routes whose finer rule (the table's access.rule) decides, for the made-up request the matrix sends, whether a
# caller gets in: their cases by hand, checked to name a route with a rule.
REFINED = {
    ("POST", "/api/clients/bulk_delete"): [
        ("POST", "/api/clients/bulk_delete", ADMIN),
        ("POST", "/api/clients/bulk_delete", STAFF, {"ids": [], "dry_run": True}),
    ],
    ("GET", "/api/outbox"): [
        ("GET", "/api/outbox", MANAGER),  # a manager: their salons' messages
        ("GET", f"/api/outbox?appointment_id={X}", STAFF),
        ("GET", f"/api/outbox?client_id={X}", STAFF),
    ],
    ("GET", "/api/portal/availability"): [
        ("GET", "/api/portal/availability", PUBLIC),
        ("GET", f"/api/portal/availability?appointment_id={X}&from=2027-03-01", PORTAL),
    ],
    ("POST", "/api/appointments/{id}/confirm"): [
        ("POST", f"/api/appointments/{X}/confirm", STAFF),  # without ?token= (the client's link)
    ],
}
# A few requests more than one per route.
EXTRA = [("GET", "/api/clients?ids=1,2", STAFF)]


def concrete(pattern):
    return re.sub(r"\{[^}]+\}", X, pattern)


def matrix_routes():
    out = []
    for r in TABLE:
        key = (r["method"], r["pattern"])
        if key in REFINED:
            out += REFINED[key]
        else:
            out.append((r["method"], concrete(r["pattern"]), LEVELS[r["access"]["level"]]))
    return out + EXTRA


ROUTES = matrix_routes()


def table_entry(method, path):
    """The route of the table a request goes to (captures match any segment)."""
    parts = path.split("?", 1)[0].strip("/").split("/")
    for r in TABLE:
        pattern = r["pattern"].strip("/").split("/")
        if r["method"] == method and len(pattern) == len(parts) and all(
                p == q or p.startswith("{") or q.startswith("{") for p, q in zip(pattern, parts)):
            return r
    raise AssertionError(f"{method} {path}: no such route in the table")


def test_refined_routes_have_a_rule():
    for (method, pattern) in REFINED:
        entry = table_entry(method, pattern)
        assert entry["pattern"] == pattern and entry["access"].get("rule"), (method, pattern)


ALLOWED = {
    PUBLIC: {"none", "portal", "employee", "manager", "admin"},
    STAFF: {"employee", "manager", "admin"},
    MANAGER: {"manager", "admin"},
    ADMIN: {"admin"},
    PORTAL: {"portal"},
}
# Routes that end the session they are called with: they get a token of their own.
ENDS_SESSION = {("POST", "/api/auth/logout"), ("POST", "/api/portal/logout")}


class Principals:
    def __init__(self, server):
        self.server = server
        admin = server.admin()
        r = admin.post("/api/staff", {"first_name": "Eve", "last_name": "Employee", "email": "eve@salon.test",
                                      "role": "employee", "password": "employee-pass-1", "service_ids": [],
                                      "hours": []})
        assert r.status == 201, r
        r = admin.post("/api/staff", {"first_name": "Max", "last_name": "Manager", "email": "max@salon.test",
                                      "role": "manager", "password": "manager-pass-1"})
        assert r.status == 201, r
        r = server.api().post("/api/portal/register", {"first_name": "Paul", "last_name": "Portal",
                                                       "email": "paul@example.com", "phone": "",
                                                       "password": "portal-pass-1"})
        assert r.status == 201, r
        self.tokens = {"admin": admin.token, "employee": self.fresh("employee"), "manager": self.fresh("manager"),
                       "portal": r["token"]}

    def fresh(self, who):
        api = self.server.api()
        if who == "admin":
            return self.server.admin().token
        if who == "employee":
            r = api.post("/api/auth/login", {"email": "eve@salon.test", "password": "employee-pass-1"})
        elif who == "manager":
            r = api.post("/api/auth/login", {"email": "max@salon.test", "password": "manager-pass-1"})
        else:
            r = api.post("/api/portal/login", {"identifier": "paul@example.com", "password": "portal-pass-1"})
        assert r.status == 200, r
        return r["token"]

    def api(self, who, method, path):
        if who == "none":
            return self.server.api()
        token = self.fresh(who) if (method, path) in ENDS_SESSION else self.tokens[who]
        return self.server.api(token)


@pytest.fixture(scope="module")
def principals(tmp_path_factory):
    server = Server(str(tmp_path_factory.mktemp("authz")))
    try:
        yield Principals(server)
    finally:
        server.stop()


def route_id(route):
    return f"{route[0]} {route[1]}" + (" (dry run)" if len(route) > 3 else "")


def body_of(route):
    """The body sent: empty, or the route's own when its access depends on it (a dry run)."""
    return (route[3] if len(route) > 3 else {}) if route[0] in ("POST", "PATCH", "PUT") else None


@pytest.mark.parametrize("who", ["none", "portal", "employee", "manager", "admin"])
@pytest.mark.parametrize("route", ROUTES, ids=route_id)
def test_matrix(principals, route, who):
    method, path, access = route[:3]
    api = principals.api(who, method, path)
    r = api.call(method, path, body_of(route))
    if r.status == 404 and "no such route" in r.text:
        pytest.skip(f"{method} {path} is not served by this build")
    assert r.status < 500, r
    if who in ALLOWED[access]:
        assert r.status not in (401, 403), r
    elif who == "none":
        assert r.status == 401 and r.error_code == "unauthorized", r
    else:
        assert r.status == 403 and r.error_code == "forbidden", r


@pytest.mark.parametrize("route", [r for r in ROUTES if r[2] != PUBLIC], ids=route_id)
def test_unknown_token_is_401(principals, route):
    method, path = route[:2]
    r = principals.server.api("f" * 64).call(method, path, body_of(route))
    if r.status == 404 and "no such route" in r.text:
        pytest.skip(f"{method} {path} is not served by this build")
    assert r.status == 401 and r.error_code == "unauthorized", r



# ---- a network of two salons: own salon / other salon ------------------------------------------------------
# Paths name the salon ({s}) or an object of it (made afresh for each call that may change or delete it).
SALON_ROUTES = [
    ("GET", "/api/settings?salon_id={s}", MANAGER, None),
    ("PATCH", "/api/settings?salon_id={s}", MANAGER, {}),
    ("GET", "/api/salons/{s}", STAFF, None),
    ("PUT", "/api/salons/{s}/services/{service}", MANAGER, {}),
    ("GET", "/api/staff?salon_id={s}", STAFF, None),
    ("PATCH", "/api/staff/{staff}", MANAGER, {}),
    ("DELETE", "/api/staff/{staff}", MANAGER, None),
    ("POST", "/api/staff/{staff}/time_off", STAFF, {}),
    ("GET", "/api/resources?salon_id={s}", STAFF, None),
    ("GET", "/api/services?salon_id={s}", STAFF, None),
    ("POST", "/api/resources", MANAGER, {"name": "Bac", "salon_id": "{s}"}),
    ("GET", "/api/resources/{resource}", STAFF, None),
    ("PATCH", "/api/resources/{resource}", MANAGER, {}),
    ("DELETE", "/api/resources/{resource}", MANAGER, None),
    ("GET", "/api/availability?salon_id={s}&service_ids={service}&from=2027-03-01", STAFF, None),
    ("POST", "/api/appointments", STAFF, {"salon_id": "{s}"}),
    ("GET", "/api/appointments?salon_id={s}", STAFF, None),
    ("GET", "/api/appointments/{appointment}", STAFF, None),
    ("PATCH", "/api/appointments/{appointment}", STAFF, {}),
    ("POST", "/api/appointments/{appointment}/cancel", STAFF, {}),
    ("DELETE", "/api/appointments/{appointment}", STAFF, None),
    ("POST", "/api/appointments/{appointment}/confirm", STAFF, {}),
    ("POST", "/api/appointments/{appointment}/no_show", STAFF, {}),
    ("POST", "/api/appointments/{appointment}/arrived", STAFF, {}),
    ("POST", "/api/appointments/{appointment}/paid", STAFF, {}),
    ("GET", "/api/outbox?appointment_id={appointment}", STAFF, None),
    ("GET", "/api/outbox?salon_id={s}", MANAGER, None),
    ("POST", "/api/outbox/{message}/resend", STAFF, {}),
    ("GET", "/api/freed-slots?salon_id={s}", STAFF, None),
    ("POST", "/api/clients/{client}/packages", STAFF, {"salon_id": "{s}"}),
]


def test_salon_routes_follow_the_table():
    """Each salon-scoped route of the table is in the network matrix, at the level the table declares (a route
    with a finer rule may ask more of the request sent)."""
    covered = set()
    for method, template, access, _ in SALON_ROUTES:
        entry = table_entry(method, template)
        covered.add((entry["method"], entry["pattern"]))
        if not entry["access"].get("rule"):
            assert LEVELS[entry["access"]["level"]] == access, (method, template)
    scoped = {(r["method"], r["pattern"]) for r in TABLE if r["access"].get("salon")}
    assert sorted(scoped - covered) == []


class NetworkPrincipals:
    """Salons A (id 1) and B; an employee and a manager of A; one service; per call, fresh objects of a salon."""

    def __init__(self, server):
        self.server = server
        self.admin = admin = server.admin()
        assert admin.patch("/api/settings", {"booking": {"max_advance_days": 3650}}).status == 200
        self.salons = {"own": 1, "other": admin.post("/api/salons", {"name": "B", "slug": "b",
                                                                     "timezone": "Europe/Paris"})["id"]}
        self.service = admin.post("/api/services", {"name": "Coupe", "duration_minutes": 30})["id"]
        self.client = admin.post("/api/clients", {"first_name": "C", "last_name": "L", "email": "c@example.com"})["id"]
        for name, role in (("emma", "employee"), ("mona", "manager")):
            r = admin.post("/api/staff", {"first_name": name, "email": f"{name}@net.test", "role": role,
                                          "password": "staff-pass-123", "salon_ids": [1]})
            assert r.status == 201, r
        self.tokens = {"admin": admin.token, "employee": self.login("emma"), "manager": self.login("mona")}
        self.count = 0

    def login(self, name):
        r = self.server.api().post("/api/auth/login", {"email": f"{name}@net.test", "password": "staff-pass-123"})
        assert r.status == 200, r
        return r["token"]

    def fresh(self, kind, salon):
        admin = self.admin
        self.count += 1
        if kind == "staff":
            hours = [{"weekday": d, "start": "09:00", "end": "18:00"} for d in range(1, 6)]
            r = admin.post("/api/staff", {"first_name": "S", "email": f"s{self.count}@net.test", "salon_ids": [salon],
                                          "service_ids": [self.service], "hours": hours})
        elif kind == "resource":
            r = admin.post("/api/resources", {"name": f"R{self.count}", "salon_id": salon})
        elif kind == "message":  # the confirmation request of a fresh appointment there
            appointment = self.fresh("appointment", salon)
            return admin.get("/api/outbox", appointment_id=appointment)["items"][0]["id"]
        else:
            staff = self.fresh("staff", salon)
            r = admin.post("/api/appointments", {"salon_id": salon, "client_id": self.client, "confirmation": "request",
                                                 "start": "2027-03-01T10:00:00+01:00",
                                                 "lines": [{"service_id": self.service, "staff_id": staff}]})
        assert r.status == 201, r
        return r["id"]

    def fill(self, text, salon):
        out = text.replace("{s}", str(salon)).replace("{service}", str(self.service)).replace("{client}", str(self.client))
        for kind in ("staff", "resource", "appointment", "message"):
            if "{" + kind + "}" in out:
                out = out.replace("{" + kind + "}", str(self.fresh(kind, salon)))
        return out


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    server = Server(str(tmp_path_factory.mktemp("authz-network")))
    try:
        yield NetworkPrincipals(server)
    finally:
        server.stop()


@pytest.mark.parametrize("which", ["own", "other"])
@pytest.mark.parametrize("who", ["employee", "manager", "admin"])
@pytest.mark.parametrize("route", SALON_ROUTES, ids=lambda r: f"{r[0]} {r[1]}")
def test_network_matrix(network, route, who, which):
    method, template, access, body = route
    salon = network.salons[which]
    path = network.fill(template, salon)
    payload = None
    if body is not None:
        payload = {k: (salon if v == "{s}" else v) for k, v in body.items()}
    r = network.server.api(network.tokens[who]).call(method, path, payload)
    assert r.status < 500, r
    allowed = who == "admin" or (which == "own" and who in ALLOWED[access])
    if allowed:
        assert r.status not in (401, 403), r
    else:
        assert r.status == 403 and r.error_code == "forbidden", r
