"""`--demo` gives a newcomer a living salon: staff, rooms, services for every audience, clients, and a week
of appointments around today."""
import datetime


def test_demo_salon_is_alive(make_server):
    admin = make_server("--demo").admin()
    settings = admin.get("/api/settings", salon_id=1)  # the demo is a network: its first salon
    assert settings["timezone"] == "Europe/Paris"
    staff = admin.get("/api/staff")["items"]
    assert len([s for s in staff if s["service_ids"]]) >= 4
    assert admin.get("/api/resources")["total"] >= 2
    services = admin.get("/api/services")["items"]
    assert len(services) >= 15
    assert {"child", "teen", "adult"} <= {s["audience"] for s in services}
    assert admin.get("/api/clients", limit=1)["total"] >= 30
    today = datetime.date.today()
    week = admin.get("/api/appointments", **{"from": (today - datetime.timedelta(days=7)).isoformat(),
                                             "to": (today + datetime.timedelta(days=7)).isoformat()})
    assert week["total"] >= 20
    # Every demo appointment respects the agenda's own rules: no staff member or room is double-booked.
    spans = {}
    for a in week["items"]:
        for line in a["lines"]:
            for key in ("staff_id", "resource_id"):
                if line[key] is not None:
                    spans.setdefault((key, line[key]), []).append(
                        (datetime.datetime.fromisoformat(line["start"]), datetime.datetime.fromisoformat(line["end"])))
    for owner, intervals in spans.items():
        intervals.sort()
        for (_, end), (start, _) in zip(intervals, intervals[1:]):
            assert end <= start, f"{owner} double-booked at {start}"


def test_demo_is_loaded_once(make_server, tmp_path):
    first = make_server("--demo")
    count = first.admin().get("/api/clients", limit=1)["total"]
    first.restart()
    assert first.admin().get("/api/clients", limit=1)["total"] == count
