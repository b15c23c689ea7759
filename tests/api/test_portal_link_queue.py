"""The link queue ("red screen"): an account no client file is linked to books online; its booking lands in
the queue under a provisional file; the front desk links it to an existing file or keeps it as a new one;
afterwards the account's bookings go straight to the file."""
import pytest

from conftest import Salon, at

PASSWORD = "client-pass-1"
DAY = "2027-03-02"


@pytest.fixture
def salon(admin):
    s = Salon(admin)
    assert admin.patch("/api/settings", {"booking": {"max_advance_days": 3650}}).status == 200
    return s


def register(server, email="newbie@example.com", phone="", first="Nina", last="Nouvelle"):
    r = server.api().post("/api/portal/register", {"first_name": first, "last_name": last, "email": email,
                                                   "phone": phone, "password": PASSWORD})
    assert r.status == 201, r
    return r["account"]["id"], server.api(r["token"])


def book(api, start, service, **extra):
    return api.post("/api/portal/appointments", {"start": start, "lines": [{"service_id": service}], **extra})


def test_registered_account_without_booking_is_not_in_the_queue(server, admin, salon):
    register(server)
    r = admin.get("/api/link-queue")
    assert r.status == 200 and r["total"] == 0 and r["items"] == [], r


def test_first_online_booking_lands_in_the_queue(server, admin, salon):
    account_id, api = register(server, phone="06 55 44 33 22")
    a = book(api, at(DAY, "10:00"), salon.cut)
    assert a.status == 201, a
    q = admin.get("/api/link-queue")
    assert q.status == 200 and q["total"] == 1, q
    item = q["items"][0]
    assert item["account_id"] == account_id
    assert item["identifier"] == "newbie@example.com"
    assert (item["first_name"], item["last_name"]) == ("Nina", "Nouvelle")
    assert item["email"] == "newbie@example.com" and item["phone"] == "+33655443322"
    assert [x["id"] for x in item["appointments"]] == [a["id"]]
    # While it waits: me shows no client file; the client still sees its booking.
    me = api.get("/api/portal/me")
    assert me["client"] is None, me
    assert api.get("/api/portal/appointments")["total"] == 1
    # The provisional file is not in the salon's client list yet.
    assert admin.get("/api/clients")["total"] == 2
    # A second booking before the front desk acts stays with the same entry.
    b = book(api, at(DAY, "11:00"), salon.cut)
    assert b.status == 201 and b["client_id"] == a["client_id"], b
    q = admin.get("/api/link-queue")
    assert q["total"] == 1 and len(q["items"][0]["appointments"]) == 2


def test_a_failed_first_booking_leaves_nothing_behind(server, admin, salon):
    _, api = register(server)
    r = book(api, at(DAY, "13:15"), salon.cut)  # lunch break
    assert r.status in (409, 422), r
    r = book(api, "2027-03-07T10:00:00+01:00", salon.cut)  # a Sunday
    assert r.status in (409, 422), r
    assert admin.get("/api/link-queue")["total"] == 0
    assert api.get("/api/portal/me")["client"] is None
    assert api.get("/api/portal/appointments")["total"] == 0


def test_link_to_an_existing_file_moves_the_bookings(server, admin, salon):
    account_id, api = register(server)
    a = book(api, at(DAY, "10:00"), salon.cut)
    provisional = a["client_id"]
    r = admin.post(f"/api/link-queue/{account_id}/link", {"client_id": salon.client2})
    assert r.status == 200, r
    assert r["id"] == salon.client2 and r["account_id"] == account_id
    assert [x["id"] for x in r["appointments"]] == [a["id"]]
    assert admin.get(f"/api/appointments/{a['id']}")["client_id"] == salon.client2
    assert admin.get(f"/api/clients/{provisional}").status == 404  # the provisional file is gone
    assert admin.get("/api/link-queue")["total"] == 0
    me = api.get("/api/portal/me")
    assert me["client"]["id"] == salon.client2, me
    # The client list shows the account on that file.
    marc = [c for c in admin.get("/api/clients")["items"] if c["id"] == salon.client2][0]
    assert marc["account"] == "newbie@example.com"
    # Afterwards the account's bookings go straight to the file.
    b = book(api, at(DAY, "11:00"), salon.cut)
    assert b.status == 201 and b["client_id"] == salon.client2, b
    assert admin.get("/api/link-queue")["total"] == 0


def test_create_keeps_the_file(server, admin, salon):
    account_id, api = register(server, phone="06 55 44 33 22")
    a = book(api, at(DAY, "10:00"), salon.cut)
    r = admin.post(f"/api/link-queue/{account_id}/create")
    assert r.status == 201, r
    client_id = r["id"]
    assert client_id == a["client_id"] and r["account_id"] == account_id
    assert (r["first_name"], r["last_name"], r["email"], r["phone"]) == ("Nina", "Nouvelle", "newbie@example.com",
                                                                         "+33655443322")
    assert [x["id"] for x in r["appointments"]] == [a["id"]]
    assert admin.get("/api/link-queue")["total"] == 0
    assert admin.get("/api/clients", q="nina nouvelle")["total"] == 1
    assert api.get("/api/portal/me")["client"]["id"] == client_id
    b = book(api, at(DAY, "11:00"), salon.cut)
    assert b["client_id"] == client_id
    assert admin.get("/api/link-queue")["total"] == 0


def test_create_for_an_account_that_never_booked(server, admin, salon):
    account_id, api = register(server)
    r = admin.post(f"/api/link-queue/{account_id}/create")
    assert r.status == 201, r
    assert r["appointments"] == []
    assert api.get("/api/portal/me")["client"]["id"] == r["id"]


def test_link_and_create_errors(server, admin, salon):
    account_id, api = register(server)
    book(api, at(DAY, "10:00"), salon.cut)
    r = admin.post("/api/link-queue/999999/link", {"client_id": salon.client})
    assert r.status == 404, r
    r = admin.post(f"/api/link-queue/{account_id}/link", {"client_id": 999999})
    assert r.status == 422 and r.json["error"]["field"] == "client_id", r
    r = admin.post(f"/api/link-queue/{account_id}/link", {})
    assert r.status == 422, r
    assert admin.get("/api/link-queue")["total"] == 1  # nothing changed
    assert admin.post(f"/api/link-queue/{account_id}/link", {"client_id": salon.client}).status == 200
    # Already linked to a file of the salon: merging files is the way.
    r = admin.post(f"/api/link-queue/{account_id}/link", {"client_id": salon.client2})
    assert r.status == 422, r
    r = admin.post(f"/api/link-queue/{account_id}/create")
    assert r.status == 422, r


def test_two_accounts_in_the_queue_in_order(server, admin, salon):
    first, api1 = register(server, email="one@example.com")
    second, api2 = register(server, email="two@example.com")
    book(api2, at(DAY, "10:00"), salon.cut)
    book(api1, at(DAY, "11:00"), salon.cut)
    q = admin.get("/api/link-queue")
    assert q["total"] == 2 and [i["account_id"] for i in q["items"]] == [first, second]
    assert admin.get("/api/link-queue", limit=1, offset=1)["items"][0]["account_id"] == second


def test_simultaneous_first_bookings_share_one_provisional_file(server, admin, salon):
    from concurrent.futures import ThreadPoolExecutor

    _, api = register(server)
    token = api.token
    starts = [at(DAY, h) for h in ("09:00", "10:00", "11:00", "15:00")]

    def go(start):
        return book(server.api(token), start, salon.cut)

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(go, starts))
    assert all(r.status == 201 for r in results), results
    assert len({r["client_id"] for r in results}) == 1
    q = admin.get("/api/link-queue")
    assert q["total"] == 1 and len(q["items"][0]["appointments"]) == 4
