"""Salon networks: roles. An admin runs every salon; a manager has admin rights at their salons only; an
employee works the agenda of their salons. Another salon's salon-scoped route → 403."""
import pytest

from network import MONDAY, Network


@pytest.fixture
def net(server):
    return Network(server)


def test_a_manager_runs_their_salon_only(net):
    pm = net.as_staff("pm")
    assert pm.patch("/api/settings", {"reminder_hours": 12}).status == 200
    assert pm.get("/api/settings", salon_id=net.montreal).status == 403
    assert pm.patch("/api/settings", {"reminder_hours": 12}, salon_id=net.montreal).status == 403
    r = pm.post("/api/resources", {"name": "Bac"})
    assert r.status == 201 and r["salon_id"] == net.paris, r
    assert pm.post("/api/resources", {"name": "Bac", "salon_id": net.montreal}).status == 403
    assert pm.patch(f"/api/resources/{net.montreal_room}", {"name": "x"}).status == 403
    assert pm.get(f"/api/resources/{net.montreal_room}").status == 403
    assert pm.call("PUT", f"/api/salons/{net.paris}/services/{net.cut}", {"price_cents": 2500}).status == 200
    assert pm.call("PUT", f"/api/salons/{net.montreal}/services/{net.cut}", {"price_cents": 2500}).status == 403
    # Not the catalogue, package types or salons.
    assert pm.post("/api/services", {"name": "X", "duration_minutes": 30}).status == 403
    assert pm.post("/api/package_types", {"name": "X", "sessions": 2, "service_ids": [net.cut]}).status == 403
    assert pm.post("/api/salons", {"name": "X", "slug": "x", "timezone": "Europe/Paris"}).status == 403
    assert pm.patch(f"/api/salons/{net.paris}", {"city": "x"}).status == 403
    # Staff of their salon (hours there), not another salon's, never an admin.
    r = pm.patch(f"/api/staff/{net.paula}", {"hours": [{"weekday": 1, "start": "10:00", "end": "12:00"}]})
    assert r.status == 200, r
    assert pm.patch(f"/api/staff/{net.marc}", {"phone": "0611223344"}).status == 403
    assert pm.patch(f"/api/staff/{net.nora}", {"phone": "0611223344"}).status == 403  # also at Montréal
    r = pm.post("/api/staff", {"first_name": "Léo", "email": "leo@net.test", "service_ids": [net.cut]})
    assert r.status == 201 and r["salon_ids"] == [net.paris], r
    assert pm.post("/api/staff", {"first_name": "Max", "email": "max@net.test", "role": "admin"}).status == 403
    assert pm.post("/api/staff", {"first_name": "Max", "email": "max@net.test", "salon_ids": [net.montreal]}).status == 403


def test_an_employee_works_the_agenda_of_their_salons(net):
    paula = net.as_staff("paula")
    mine = net.book(net.paris, f"{MONDAY}T10:00:00+01:00", [{"service_id": net.cut, "staff_id": net.paula}])
    other = net.book(net.montreal, f"{MONDAY}T10:00:00-05:00", [{"service_id": net.cut, "staff_id": net.marc}])
    assert mine.status == 201 and other.status == 201
    assert paula.get(f"/api/appointments/{mine['id']}").status == 200
    for call in (lambda: paula.get(f"/api/appointments/{other['id']}"),
                 lambda: paula.patch(f"/api/appointments/{other['id']}", {"notes": "x"}),
                 lambda: paula.post(f"/api/appointments/{other['id']}/cancel", {}),
                 lambda: paula.post(f"/api/appointments/{other['id']}/confirm", {}),
                 lambda: paula.post(f"/api/appointments/{other['id']}/no_show", {"no_show": False}),
                 lambda: paula.delete(f"/api/appointments/{other['id']}"),
                 lambda: paula.get("/api/availability", salon_id=net.montreal, service_ids=net.cut, **{"from": MONDAY}),
                 lambda: paula.get("/api/appointments", salon_id=net.montreal),
                 lambda: paula.get("/api/freed-slots", salon_id=net.montreal),
                 lambda: paula.get(f"/api/salons/{net.montreal}"),
                 lambda: paula.post("/api/appointments", {"salon_id": net.montreal, "client_id": net.client,
                                                          "start": f"{MONDAY}T11:00:00-05:00",
                                                          "lines": [{"service_id": net.cut, "staff_id": net.marc}]}),
                 lambda: paula.get("/api/settings"),
                 lambda: paula.post(f"/api/staff/{net.marc}/time_off",
                                    {"start": f"{MONDAY}T10:00:00-05:00", "end": f"{MONDAY}T11:00:00-05:00"})):
        r = call()
        assert r.status == 403 and r.error_code == "forbidden", r
    assert net.admin.get(f"/api/appointments/{other['id']}")["status"] == "approved"  # nothing was written
    # Clients are the network's: every employee reads and writes them.
    assert paula.get(f"/api/clients/{net.client}").status == 200
    assert [s["id"] for s in paula.get("/api/salons")["items"]] == [net.paris]


def test_an_admin_sees_every_salon(net):
    ids = [s["id"] for s in net.admin.get("/api/salons")["items"]]
    assert ids == [net.paris, net.montreal]
    assert net.admin.get("/api/settings", salon_id=net.montreal).status == 200
