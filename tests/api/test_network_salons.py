"""Salon networks: salons CRUD, per-salon settings, per-salon catalogue overrides, and what the portal shows."""
import pytest

from network import MONDAY, Network


@pytest.fixture
def net(server):
    return Network(server)


def test_a_new_database_has_salon_1_made_from_the_settings(admin):
    salons = admin.get("/api/salons")
    assert salons.status == 200 and salons["total"] == 1
    first = salons["items"][0]
    assert first["id"] == 1 and first["timezone"] == "Europe/Paris"
    assert admin.patch("/api/settings", {"name": "Chez Léa"}).status == 200
    assert admin.get("/api/salons/1")["name"] == "Chez Léa"  # one value for the salon and its settings


def test_salons_are_created_listed_edited(net):
    admin = net.admin
    listed = admin.get("/api/salons")
    assert [s["id"] for s in listed["items"]] == [net.paris, net.montreal]
    m = admin.get(f"/api/salons/{net.montreal}")
    assert m.status == 200
    assert {k: m[k] for k in ("name", "slug", "city", "postal_code", "timezone")} == {
        "name": "Montréal Plateau", "slug": "montreal", "city": "Montréal", "postal_code": "H2T 1N4",
        "timezone": "America/Toronto"}
    # Its settings start as the defaults with its name and zone.
    s = admin.get("/api/settings", salon_id=net.montreal)
    assert s.status == 200 and s["name"] == "Montréal Plateau" and s["timezone"] == "America/Toronto"
    assert admin.patch(f"/api/salons/{net.montreal}", {"city": "Montreal"})["city"] == "Montreal"
    assert admin.get("/api/salons/999").status == 404
    assert admin.patch("/api/salons/999", {"city": "x"}).status == 404


@pytest.mark.parametrize("slug", ["Paris", "a b", "é", "", "x/y"])
def test_a_bad_slug_is_refused(net, slug):
    r = net.admin.post("/api/salons", {"name": "Lyon", "slug": slug, "timezone": "Europe/Paris"})
    assert r.status == 422 and r["error"]["field"] == "slug", r


def test_a_taken_slug_is_refused_and_nothing_is_written(net):
    r = net.admin.post("/api/salons", {"name": "Lyon", "slug": "montreal", "timezone": "Europe/Paris"})
    assert r.status == 422 and r["error"]["field"] == "slug"
    r = net.admin.patch(f"/api/salons/{net.paris}", {"slug": "montreal"})
    assert r.status == 422 and r["error"]["field"] == "slug"
    assert net.admin.get("/api/salons")["total"] == 2
    assert net.admin.get(f"/api/salons/{net.paris}")["slug"] == "paris"


def test_an_unknown_time_zone_is_refused(net):
    r = net.admin.post("/api/salons", {"name": "Lune", "slug": "lune", "timezone": "Moon/Crater"})
    assert r.status == 422 and r["error"]["field"] == "timezone"


def test_settings_are_per_salon_and_salon_id_is_required_when_ambiguous(net):
    admin = net.admin
    r = admin.get("/api/settings")
    assert r.status == 422 and r["error"]["field"] == "salon_id"
    assert admin.get("/api/settings", salon_id=999)["error"]["field"] == "salon_id"
    assert admin.patch("/api/settings", {"reminder_hours": 48}, salon_id=net.montreal)["reminder_hours"] == 48
    assert admin.get("/api/settings", salon_id=net.paris)["reminder_hours"] == 24
    # A manager of one salon leaves salon_id out.
    pm = net.as_staff("pm")
    assert pm.get("/api/settings")["name"] == "Paris Centre"


def test_overrides_change_a_salon_view_of_the_catalogue(net):
    admin = net.admin
    r = admin.call("PUT", f"/api/salons/{net.montreal}/services/{net.cut}",
                   {"offered": True, "price_cents": 4500, "duration_minutes": 40})
    assert r.status == 200, r
    assert r["price_cents"] == 4500 and r["duration_minutes"] == 40 and r["offered"] is True
    r = admin.call("PUT", f"/api/salons/{net.montreal}/services/{net.color}", {"offered": False})
    assert r.status == 200 and r["offered"] is False
    montreal = {s["id"]: s for s in admin.get("/api/services", salon_id=net.montreal)["items"]}
    assert montreal[net.cut]["price_cents"] == 4500 and montreal[net.color]["offered"] is False
    paris = {s["id"]: s for s in admin.get("/api/services", salon_id=net.paris)["items"]}
    assert paris[net.cut]["price_cents"] == 3000 and paris[net.color]["offered"] is True
    network = {s["id"]: s for s in admin.get("/api/services")["items"]}
    assert network[net.cut]["price_cents"] == 3000  # the network's values
    portal = [s["id"] for s in net.server.api().get("/api/portal/services", salon_id=net.montreal)["items"]]
    assert net.cut in portal and net.color not in portal
    # Booked at Montréal: the salon's duration and price.
    b = net.book(net.montreal, f"{MONDAY}T10:00:00-05:00", [{"service_id": net.cut, "staff_id": net.marc}])
    assert b.status == 201, b
    assert b["lines"][0]["duration_minutes"] == 40 and b["lines"][0]["price_cents"] == 4500
    # Not offered there → 422 on the line's service; offered again (null = the network's values).
    b = net.book(net.montreal, f"{MONDAY}T11:00:00-05:00", [{"service_id": net.color, "staff_id": net.marc}])
    assert b.status == 422 and b["error"]["field"] == "lines[0].service_id", b
    r = admin.call("PUT", f"/api/salons/{net.montreal}/services/{net.cut}",
                   {"offered": True, "price_cents": None, "duration_minutes": None})
    assert r["price_cents"] == 3000 and r["duration_minutes"] == 30
    assert admin.call("PUT", f"/api/salons/999/services/{net.cut}", {"offered": True}).status == 404
    assert admin.call("PUT", f"/api/salons/{net.paris}/services/999", {"offered": True}).status == 404


def test_portal_lists_salons_and_shows_one_by_id_or_slug(net):
    public = net.server.api()
    salons = public.get("/api/portal/salons")
    assert salons["total"] == 2
    assert set(salons["items"][0]) == {"id", "name", "slug", "address", "postal_code", "city", "phone", "timezone"}
    by_slug = public.get("/api/portal/salon", slug="montreal")
    assert by_slug.status == 200 and by_slug["id"] == net.montreal and by_slug["timezone"] == "America/Toronto"
    assert by_slug["city"] == "Montréal" and "booking" in by_slug.json and "opening_hours" in by_slug.json
    assert public.get("/api/portal/salon", salon_id=net.paris)["slug"] == "paris"
    assert public.get("/api/portal/salon", slug="nowhere").status == 404
    r = public.get("/api/portal/salon")
    assert r.status == 422 and r["error"]["field"] == "salon_id"
    assert public.get("/api/portal/salon", salon_id=999)["error"]["field"] == "salon_id"


def test_portal_staff_of_a_salon(net):
    public = net.server.api()
    ids = [s["id"] for s in public.get("/api/portal/staff", salon_id=net.montreal)["items"]]
    assert net.marc in ids and net.nora in ids and net.paula not in ids


def test_staff_list_by_salon(net):
    ids = [s["id"] for s in net.admin.get("/api/staff", salon_id=net.paris)["items"]]
    assert net.paula in ids and net.nora in ids and net.marc not in ids
    nora = net.admin.get(f"/api/staff/{net.nora}")
    assert nora["salon_ids"] == [net.paris, net.montreal]
    assert {h["salon_id"] for h in nora["hours"]} == {net.paris, net.montreal}
