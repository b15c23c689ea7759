"""Salon networks meet the front desk: moves and their `rescheduled` messages in each salon's language and name,
error messages in the language of the salon asked about, arrivals and payments per salon, the outbox as a manager
reads it, the portal's network catalogue, and the slugs the booking pages keep for themselves."""
import pytest

from network import MONDAY, Network


@pytest.fixture
def net(server):
    n = Network(server)
    assert n.admin.patch("/api/settings", {"language": "en"}, salon_id=n.montreal).status == 200
    return n


def messages(net, **filters):
    return net.admin.get("/api/outbox", limit=200, **filters)["items"]


def test_a_move_is_told_in_the_salons_language_with_its_name_and_address(net):
    booked = net.book(net.montreal, f"{MONDAY}T10:00:00-05:00", [{"service_id": net.cut, "staff_id": net.marc}])
    assert booked.status == 201, booked
    moved = net.admin.patch(f"/api/appointments/{booked['id']}", {"start": f"{MONDAY}T11:00:00-05:00"})
    assert moved.status == 200, moved
    told = [m for m in messages(net, appointment_id=booked["id"]) if m["kind"] == "rescheduled"]
    client = [m for m in told if m["to"] == "helene@example.com"]
    assert len(client) == 1 and client[0]["has_attachment"] and client[0]["salon_id"] == net.montreal
    body = client[0]["body"]
    assert "Hello" in body and "Montréal Plateau" in body and "10 av. du Mont-Royal, H2T 1N4 Montréal" in body, body
    assert "11:00" in body  # the new time, in Montréal's zone
    staff = [m for m in told if m["to"] == "marc@net.test"]
    assert len(staff) == 1 and staff[0]["salon_id"] == net.montreal

    # The same move in Paris speaks French and names Paris.
    paris = net.book(net.paris, f"{MONDAY}T10:00:00+01:00", [{"service_id": net.cut, "staff_id": net.paula}])
    assert net.admin.patch(f"/api/appointments/{paris['id']}", {"start": f"{MONDAY}T11:00:00+01:00"}).status == 200
    [fr] = [m for m in messages(net, appointment_id=paris["id"])
            if m["kind"] == "rescheduled" and m["to"] == "helene@example.com"]
    assert "Bonjour" in fr["body"] and "Paris Centre" in fr["body"] and "1 rue de Rivoli, 75001 Paris" in fr["body"]


def test_errors_follow_the_language_of_the_salon_asked_about(net):
    silent = {"Accept-Language": None}  # no preference: the salon's language
    r = net.admin.get("/api/availability", salon_id=net.montreal, service_ids=net.cut, headers=silent)  # no `from`
    assert r.status == 422 and "required" in r["error"]["message"], r
    r = net.admin.get("/api/availability", salon_id=net.paris, service_ids=net.cut, headers=silent)
    assert r.status == 422 and "requis" in r["error"]["message"], r
    r = net.admin.get("/api/availability", salon_id=net.montreal, service_ids=net.cut,
                      headers={"Accept-Language": "fr"})
    assert r.status == 422 and "requis" in r["error"]["message"], r


def test_arrivals_and_payments_are_for_the_salons_staff(net):
    booked = net.book(net.montreal, f"{MONDAY}T10:00:00-05:00", [{"service_id": net.cut, "staff_id": net.marc}])
    paula, marc = net.as_staff("paula"), net.as_staff("marc")
    r = paula.post(f"/api/appointments/{booked['id']}/arrived", {"arrived": True})
    assert r.status == 403 and r.error_code == "forbidden", r
    r = marc.post(f"/api/appointments/{booked['id']}/arrived", {"arrived": True})
    assert r.status == 200 and r["arrived"] and r["start"] == f"{MONDAY}T10:00:00-05:00", r
    r = paula.post(f"/api/appointments/{booked['id']}/paid", {"paid": True, "payment_method": "card"})
    assert r.status == 403, r
    r = marc.post(f"/api/appointments/{booked['id']}/paid", {"paid": True, "payment_method": "card"})
    assert r.status == 200 and r["paid"] and r["payment_method"] == "card", r


def test_a_manager_reads_the_outbox_of_their_salons_only(net):
    paris = net.book(net.paris, f"{MONDAY}T10:00:00+01:00", [{"service_id": net.cut, "staff_id": net.paula}])
    montreal = net.book(net.montreal, f"{MONDAY}T10:00:00-05:00", [{"service_id": net.cut, "staff_id": net.marc}])
    assert paris.status == 201 and montreal.status == 201
    manager = net.as_staff("mm")
    mine = manager.get("/api/outbox", limit=200)
    assert mine.status == 200 and mine["total"] >= 1, mine
    assert {m["salon_id"] for m in mine["items"]} == {net.montreal}
    assert manager.get("/api/outbox", salon_id=net.montreal)["total"] == mine["total"]
    r = manager.get("/api/outbox", salon_id=net.paris)
    assert r.status == 403 and r.error_code == "forbidden", r
    # About one appointment: any staff member of its salon; another salon's → 403.
    marc = net.as_staff("marc")
    assert marc.get("/api/outbox").status == 403
    assert marc.get("/api/outbox", appointment_id=montreal["id"])["total"] >= 1
    r = marc.get("/api/outbox", appointment_id=paris["id"])
    assert r.status == 403 and r.error_code == "forbidden", r
    paris_message = messages(net, appointment_id=paris["id"])[0]["id"]
    r = marc.post(f"/api/outbox/{paris_message}/resend", {})
    assert r.status == 403 and r.error_code == "forbidden", r
    r = net.as_staff("paula").post(f"/api/outbox/{paris_message}/resend", {})
    assert r.status == 422 and r["error"]["field"] == "status", r  # pending, not failed: nothing to send again


def test_the_portal_lists_the_network_catalogue_until_a_salon_is_chosen(net):
    api = net.server.api()
    names = lambda r: {s["name"]: s for s in r["items"]}  # noqa: E731
    assert net.admin.call("PUT", f"/api/salons/{net.montreal}/services/{net.cut}", {"price_cents": 4500}).status == 200
    assert net.admin.call("PUT", f"/api/salons/{net.paris}/services/{net.color}", {"offered": False}).status == 200
    network = names(api.get("/api/portal/services"))
    assert network["Coupe"]["price_cents"] == 3000 and "Couleur" in network  # still offered in Montréal
    assert names(api.get("/api/portal/services", salon_id=net.montreal))["Coupe"]["price_cents"] == 4500
    assert "Couleur" not in names(api.get("/api/portal/services", salon_id=net.paris))
    assert net.admin.call("PUT", f"/api/salons/{net.montreal}/services/{net.color}", {"offered": False}).status == 200
    assert "Couleur" not in names(api.get("/api/portal/services"))  # offered nowhere


@pytest.mark.parametrize("slug", ["login", "register", "forgot", "reset", "me", "offers", "confirm", "unsubscribe",
                                  "account", "api"])
def test_the_booking_pages_own_words_are_not_salon_slugs(net, slug):
    r = net.admin.post("/api/salons", {"name": "X", "slug": slug, "timezone": "Europe/Paris"})
    assert r.status == 422 and r["error"]["field"] == "slug", r
    r = net.admin.patch(f"/api/salons/{net.montreal}", {"slug": slug})
    assert r.status == 422 and r["error"]["field"] == "slug", r
    assert net.admin.get(f"/api/salons/{net.montreal}")["slug"] == "montreal"


def test_network_wide_reads_write_each_salons_times_in_its_own_zone(net):
    booked = net.book(net.montreal, f"{MONDAY}T10:00:00-05:00", [{"service_id": net.cut, "staff_id": net.marc}])
    assert booked.status == 201, booked
    export = net.admin.get(f"/api/clients/{net.client}/export")
    assert export.status == 200, export
    [visit] = export["appointments"]
    assert visit["salon_id"] == net.montreal and visit["start"] == f"{MONDAY}T10:00:00-05:00"
    assert all(m["created_at"].endswith("-05:00") for m in export["messages"] if m["salon_id"] == net.montreal)
    # Time off is read in the zone of the person's first salon: Marc's is Montréal.
    r = net.admin.post(f"/api/staff/{net.marc}/time_off", {"start": f"{MONDAY}T14:00:00", "end": f"{MONDAY}T16:00:00"})
    assert r.status == 201 and r["start"] == f"{MONDAY}T14:00:00-05:00", r
