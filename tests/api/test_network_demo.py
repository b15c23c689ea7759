"""`--demo` is a network: three salons in two cities, one catalogue with per-salon overrides, a stylist who works
in two salons, a manager per branch, a network package and a salon-only one, and weeks of visits in each salon."""
import datetime


def test_demo_is_a_network_of_three_salons(make_server):
    admin = make_server("--demo").admin()
    salons = admin.get("/api/salons")["items"]
    assert len(salons) == 3 and len({s["city"] for s in salons}) == 2
    assert all(s["slug"] and s["address"] for s in salons)
    staff = admin.get("/api/staff")["items"]
    assert any(len(s["salon_ids"]) >= 2 and len({h["salon_id"] for h in s["hours"]}) >= 2 for s in staff)
    assert any(s["role"] == "manager" for s in staff)
    today = datetime.date.today()
    window = {"from": (today - datetime.timedelta(days=7)).isoformat(),
              "to": (today + datetime.timedelta(days=13)).isoformat()}
    for s in salons:
        assert admin.get("/api/appointments", salon_id=s["id"], limit=1, **window)["total"] >= 20, s
        # One catalogue: every salon lists every service, some not offered or at its own price.
        assert len(admin.get("/api/services", salon_id=s["id"], limit=500)["items"]) == \
            len(admin.get("/api/services", limit=500)["items"])
    offered = [[x["offered"] for x in admin.get("/api/services", salon_id=s["id"], limit=500)["items"]] for s in salons]
    assert all(offered[0]) and not all(offered[1])
    scopes = {t["scope"] for t in admin.get("/api/package_types")["items"]}
    assert scopes == {"network", "salon"}
