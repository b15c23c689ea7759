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
        if a["status"] == "cancelled" or a["group"]:
            continue  # a cancelled visit holds nothing; a group session is shared by design
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


def test_demo_looks_like_a_real_salon(make_server):
    """Four weeks ahead filled (Saturdays busiest), history with no-shows and payments, cancellations, a family,
    a package in use, absences, the link queue, staff colours, and services that suit their clients' ages."""
    admin = make_server("--demo").admin()
    today = datetime.date.today()
    items = admin.get("/api/appointments", limit=500, **{"from": today.isoformat(),
                                                         "to": (today + datetime.timedelta(days=27)).isoformat()})
    assert items["total"] >= 300, items["total"]
    future = items["items"]
    if items["total"] > 500:
        later = admin.get("/api/appointments", limit=500, offset=500, **{"from": today.isoformat(),
                                                                         "to": (today + datetime.timedelta(days=27)).isoformat()})
        future += later["items"]
    by_week_day = {}
    for a in future:
        if a["status"] != "cancelled":
            d = datetime.date.fromisoformat(a["start"][:10])
            by_week_day.setdefault(d.isoweekday(), []).append(a)
    assert 7 not in by_week_day  # closed on Sundays
    assert len(by_week_day[6]) > max(len(v) for k, v in by_week_day.items() if k != 6)
    weeks = {datetime.date.fromisoformat(a["start"][:10]).isocalendar()[1] for a in future}
    assert len(weeks) >= 4
    assert any(a["status"] == "cancelled" for a in future)
    assert any(a["status"] == "pending" for a in future)
    past = admin.get("/api/appointments", limit=500, **{"from": (today - datetime.timedelta(days=14)).isoformat(),
                                                        "to": (today - datetime.timedelta(days=1)).isoformat()})["items"]
    assert any(a["no_show"] for a in past) and any(a["paid"] and a["payment_method"] for a in past)
    assert not any(a["no_show"] for a in future if a["start"][:10] > today.isoformat())
    staff = admin.get("/api/staff")["items"]
    colours = [s["color"] for s in staff]
    assert all(len(c) == 7 and c.startswith("#") for c in colours) and len(set(colours)) == len(colours)
    assert admin.get("/api/time_off")["total"] >= 3
    assert admin.get("/api/link-queue")["total"] == 2
    clients = []  # every client file, a page at a time (the demo has more than a thousand)
    while len(page := admin.get("/api/clients", limit=500, offset=len(clients))["items"]) > 0:
        clients += page
    # The named clients (families, package holders) are the first files made; the crowd after them has no family.
    named = sorted(clients, key=lambda c: c["id"])[:40]
    families = [c for c in named if admin.get(f"/api/clients/{c['id']}")["members"]]
    assert len(families) >= 1 and len(admin.get(f"/api/clients/{families[0]['id']}")["members"]) == 2
    with_packages = [c for c in named if admin.get(f"/api/clients/{c['id']}")["packages"]]
    assert len(with_packages) >= 2
    packs = [p for c in with_packages for p in admin.get(f"/api/clients/{c['id']}")["packages"]]
    assert any(0 < p["used"] < p["sessions"] for p in packs), packs
    # Every service fits its client's age on the day of the visit.
    services = {s["id"]: s for s in admin.get("/api/services")["items"]}
    births = {c["id"]: c.get("birth_date") for c in clients}
    for a in future + past:
        born = births.get(a["client_id"])
        if not born:
            continue
        day = datetime.date.fromisoformat(a["start"][:10])
        b = datetime.date.fromisoformat(born)
        age = day.year - b.year - ((day.month, day.day) < (b.month, b.day))
        for line in a["lines"]:
            audience = services[line["service_id"]]["audience"]
            assert audience == "all" or (audience == "child" and age < 12) or (audience == "teen" and 12 <= age < 18) \
                or (audience == "adult" and age >= 18), (a, audience, age)
