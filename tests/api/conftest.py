"""Shared fixtures for the HTTP-level tests: the real `creneau` binary on a free loopback port, a fresh
database per server (SQLite file, or a new PostgreSQL database when CRENEAU_TEST_BACKEND=postgres), and a
small JSON client.

Environment:
  CRENEAU_BIN            path to the built binary (ctest sets it)
  CRENEAU_TEST_BACKEND   sqlite (default) | postgres
  CRENEAU_TEST_PG_URL    postgresql://creneau@127.0.0.1:PORT/creneau of a throw-away cluster (postgres backend)
"""
import os
import signal
import socket
import subprocess
import tempfile
import time
import uuid

import pytest
import requests

import openapi_check

ADMIN_EMAIL = "admin@test.local"


def pytest_configure(config):
    if os.environ.get("CRENEAU_TEST_BACKEND") == "postgres" and not os.environ.get("CRENEAU_TEST_PG_URL"):
        pytest.exit("no PostgreSQL cluster for this run (CRENEAU_TEST_PG_URL unset): skipped", returncode=77)

ADMIN_PASSWORD = "admin-pass-123"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def new_database(tmpdir):
    """A database URL/path nobody else uses."""
    if os.environ.get("CRENEAU_TEST_BACKEND", "sqlite") != "postgres":
        return os.path.join(tmpdir, "creneau.db")
    import psycopg2

    base = os.environ["CRENEAU_TEST_PG_URL"]
    name = "t_" + uuid.uuid4().hex[:16]
    conn = psycopg2.connect(base)
    conn.autocommit = True
    conn.cursor().execute(f"CREATE DATABASE {name}")
    conn.close()
    return base.rsplit("/", 1)[0] + "/" + name


class Api:
    """requests.Session with a base URL and an optional bearer token; answers are (status, json-or-text)."""

    def __init__(self, base, token=None):
        self.base = base
        self.token = token
        self.http = requests.Session()

    def with_token(self, token):
        return Api(self.base, token)

    def call(self, method, path, body=None, raw=None, headers=None, **params):
        h = dict(headers or {})
        # Error messages follow Accept-Language, else the salon's language (French by default). The tests that
        # read a message's words read the English ones; `headers={"Accept-Language": None}` sends none.
        h.setdefault("Accept-Language", "en")
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        if raw is not None:
            r = self.http.request(method, self.base + path, data=raw, headers=h, params=params, timeout=30)
        else:
            r = self.http.request(method, self.base + path, json=body, headers=h, params=params, timeout=30)
        res = Response(r)
        # Every answer must be what docs/openapi.json says it is (the document is served as /api/openapi.json).
        mismatch = openapi_check.check(method, path, res.status, r.headers.get("Content-Type"), res.json)
        assert mismatch is None, mismatch
        return res

    def get(self, path, **params):
        return self.call("GET", path, **params)

    def post(self, path, body=None, **kw):
        return self.call("POST", path, body, **kw)

    def patch(self, path, body=None, **kw):
        return self.call("PATCH", path, body, **kw)

    def delete(self, path, **kw):
        return self.call("DELETE", path, **kw)


class Response:
    def __init__(self, r):
        self.raw = r
        self.status = r.status_code
        self.text = r.text
        try:
            self.json = r.json()
        except ValueError:
            self.json = None

    def __getitem__(self, key):
        return self.json[key]

    @property
    def error_code(self):
        return (self.json or {}).get("error", {}).get("code")

    def __repr__(self):
        return f"<{self.status} {self.text[:300]}>"


class Server:
    """One creneau process; `restart()` keeps the database."""

    def __init__(self, tmpdir, extra_args=(), env=None, db=None):
        self.tmpdir = tmpdir
        self.db = db or new_database(tmpdir)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.extra_args = list(extra_args)
        self.env = dict(os.environ, CRENEAU_ADMIN_EMAIL=ADMIN_EMAIL, CRENEAU_ADMIN_PASSWORD=ADMIN_PASSWORD, **(env or {}))
        self.proc = None
        self.log_path = os.path.join(tmpdir, f"server-{self.port}.log")
        self.start()

    def start(self):
        binary = os.environ.get("CRENEAU_BIN", "build/src/creneau")
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [binary, "serve", "--db", self.db, "--listen", f"127.0.0.1:{self.port}", *self.extra_args],
            env=self.env, stdout=self.log, stderr=self.log)
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"creneau exited with {self.proc.returncode}: " + open(self.log_path).read()[-2000:])
            try:
                if requests.get(self.base + "/healthz", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise RuntimeError("creneau did not answer /healthz in time")

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if getattr(self, "log", None):
            self.log.close()

    def restart(self):
        self.stop()
        self.start()

    def api(self, token=None):
        return Api(self.base, token)

    def admin(self):
        r = self.api().post("/api/auth/login", {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})
        assert r.status == 200, r
        return self.api(r["token"])


@pytest.fixture
def server(tmp_path):
    s = Server(str(tmp_path))
    yield s
    s.stop()


@pytest.fixture
def make_server(tmp_path):
    """Factory for servers with extra flags (e.g. --smtp); all stopped at the end."""
    servers = []

    def make(*args, env=None, db=None):
        s = Server(str(tmp_path), args, env, db)
        servers.append(s)
        return s

    yield make
    for s in servers:
        s.stop()


@pytest.fixture
def admin(server):
    return server.admin()


# ---- a small salon most tests start from ------------------------------------------------------------

MONDAY = "2027-03-01"  # a Monday in winter time (+01:00 in Europe/Paris)


def at(day, hhmm, offset="+01:00"):
    """An instant on `day` at local `hhmm` (winter time in Europe/Paris by default)."""
    return f"{day}T{hhmm}:00{offset}"


def run_jobs(admin, now):
    """POST /api/jobs/run as of `now`: the periodic jobs (reminders, birthdays, delivery) on a clock the test holds."""
    r = admin.post("/api/jobs/run", {"now": now})
    assert r.status == 200, r
    assert set(r.json) == {"reminders", "birthdays", "sent", "failed", "erased"}, r
    return r.json


def waiting_client(admin, first, phone=""):
    """A client file for waitlist tests: e-mail from the first name, optional phone."""
    r = admin.post("/api/clients", {"first_name": first, "last_name": "Attente",
                                    "email": f"{first.lower()}@example.com", "phone": phone})
    assert r.status == 201, r
    return r["id"]


def book_waiting(salon, start, client, staff=None, notify=True, service=None):
    """A silent one-line booking (Coupe with Alice unless told), asking to hear of an earlier slot by default."""
    r = salon.book(start, [{"service_id": service or salon.cut, "staff_id": staff or salon.alice}], client=client,
                   confirmation="silent", notify_earlier_slot=notify)
    assert r.status == 201, r
    return r["id"]


class Salon:
    """Two staff, one room, a few services, two clients: ids in attributes. All at salon 1 (named, so that it
    works in a database with several salons too, such as the demo network)."""

    def __init__(self, admin):
        self.admin = admin
        r = admin.patch("/api/settings", {"timezone": "Europe/Paris", "booking": {"slot_step_minutes": 15},
                                          "opening_hours": [{"weekday": d, "start": "09:00", "end": "19:00"} for d in range(1, 7)]},
                        salon_id=1)
        assert r.status == 200, r
        self.room = admin.post("/api/resources", {"name": "Cabine 1", "salon_id": 1})["id"]
        self.cut = self.service("Coupe", 30)
        self.color = self.service("Couleur", 60)
        self.facial = self.service("Soin visage", 45, resource_ids=[self.room])
        self.workshop = self.service("Atelier", 60, capacity=3)
        hours = [{"weekday": d, "start": "09:00", "end": "13:00"} for d in range(1, 6)] + \
                [{"weekday": d, "start": "14:00", "end": "18:00"} for d in range(1, 6)]
        self.alice = admin.post("/api/staff", {"first_name": "Alice", "last_name": "Coiffe", "email": "alice@salon.test",
                                               "role": "employee", "password": "employee-pass-1", "salon_ids": [1],
                                               "service_ids": [self.cut, self.color, self.facial, self.workshop],
                                               "hours": hours})["id"]
        self.bob = admin.post("/api/staff", {"first_name": "Bob", "last_name": "Ciseaux", "email": "bob@salon.test",
                                             "role": "employee", "password": "employee-pass-2", "salon_ids": [1],
                                             "service_ids": [self.cut, self.facial], "hours": hours})["id"]
        self.client = admin.post("/api/clients", {"first_name": "Hélène", "last_name": "Dupont",
                                                  "email": "helene@example.com", "phone": "06 12 34 56 78"})["id"]
        self.client2 = admin.post("/api/clients", {"first_name": "Marc", "last_name": "Martin",
                                                   "email": "marc@example.com"})["id"]

    def service(self, name, minutes, **extra):
        r = self.admin.post("/api/services", {"name": name, "duration_minutes": minutes, "price_cents": 3000, **extra})
        assert r.status == 201, r
        return r["id"]

    def book(self, start, lines, client=None, **extra):
        body = {"salon_id": 1, "client_id": client or self.client, "start": start, "lines": lines, **extra}
        return self.admin.post("/api/appointments", body)


@pytest.fixture
def salon(admin):
    return Salon(admin)
