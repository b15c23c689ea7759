"""Log-in cannot exhaust memory, cannot be raced past its throttle, and does not tell staff e-mails apart by
timing."""
import concurrent.futures
import statistics
import time

from conftest import ADMIN_EMAIL
from hardening import SANITIZED, rss_bytes


def staff_login(server, email, password="wrong-password"):
    return server.api().post("/api/auth/login", {"email": email, "password": password})


def portal_login(server, identifier, password="wrong-password"):
    return server.api().post("/api/portal/login", {"identifier": identifier, "password": password})


def test_identifiers_longer_than_320_characters_are_refused(server):
    long_email = "a" * 310 + "@example.com"
    for r in (staff_login(server, long_email), portal_login(server, long_email)):
        assert r.status == 422 and r.json["error"]["code"] == "validation_failed", r
    at_bound = "a" * 308 + "@example.com"
    assert len(at_bound) == 320
    assert staff_login(server, at_bound).status == 401
    assert portal_login(server, at_bound).status == 401


def test_huge_identifiers_do_not_grow_the_server(server):
    before = rss_bytes(server.proc.pid)
    http = server.api()
    for i in range(300):
        ident = f"{i}-" + "x" * (256 * 1024) + "@example.com"
        r = http.post("/api/auth/login", {"email": ident, "password": "wrong"})
        assert r.status == 422, r
    grown = rss_bytes(server.proc.pid) - before
    if SANITIZED:
        return  # ASan keeps freed memory in quarantine: the growth says nothing there
    assert grown < 16 * 1024 * 1024, f"the server grew by {grown / 2**20:.1f} MiB"


def test_parallel_wrong_passwords_cannot_pass_the_limit(server):
    """16 wrong passwords at once for one e-mail: at most 10 are checked (401), the others are 429."""
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(lambda _: staff_login(server, ADMIN_EMAIL).status, range(16)))
    assert statuses.count(401) == 10 and statuses.count(429) == 6, statuses
    assert staff_login(server, ADMIN_EMAIL, "admin-pass-123").status == 429  # still locked for the minute


def test_a_successful_login_is_not_counted_as_a_failure(server):
    for _ in range(15):
        assert server.admin()  # 15 good log-ins in a row: never throttled


def median_time(call, n=7):
    times = []
    for _ in range(n):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def test_unknown_and_known_emails_take_the_same_time(server, admin):
    # Different identifiers each time, so the throttle never answers first.
    staff_login(server, "warm-up@nowhere.test")
    counter = iter(range(10_000))
    known = median_time(lambda: staff_login(server, ADMIN_EMAIL))
    unknown = median_time(lambda: staff_login(server, f"nobody{next(counter)}@nowhere.test"))
    assert unknown > known * 0.5, (known, unknown)
    r = server.api().post("/api/portal/register", {"first_name": "Julie", "last_name": "Petit", "email": "julie@example.com",
                                                   "password": "client-pass-1"})
    assert r.status == 201, r
    known = median_time(lambda: portal_login(server, "julie@example.com"))
    unknown = median_time(lambda: portal_login(server, f"nobody{next(counter)}@nowhere.test"))
    assert unknown > known * 0.5, (known, unknown)
