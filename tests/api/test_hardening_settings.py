"""Settings are validated whole before they are stored, so a stored value always loads; and no route does
work that can fail after its use case committed (a 422 never leaves a write behind)."""
import pytest

from hardening import db_execute


@pytest.mark.parametrize("hours", [
    [{"start": "09:00", "end": "19:00"}],
    [{"weekday": None, "start": "09:00", "end": "19:00"}],
    [{"weekday": 0, "start": "09:00", "end": "19:00"}],
    [{"weekday": 8, "start": "09:00", "end": "19:00"}],
    [{"weekday": 1, "start": "19:00", "end": "09:00"}],
    [{"weekday": 1, "start": "9h", "end": "19:00"}],
    [{"weekday": "1", "start": "09:00", "end": "19:00"}],
    ["monday"],
])
def test_bad_opening_hours_are_refused_and_the_salon_still_loads(server, admin, hours):
    r = admin.patch("/api/settings", {"opening_hours": hours})
    assert r.status == 422 and r.json["error"]["code"] == "validation_failed", r
    assert r.json["error"]["field"].startswith("opening_hours"), r
    assert admin.get("/api/settings").status == 200
    assert server.api().get("/api/portal/salon").status == 200
    r = admin.patch("/api/settings", {"opening_hours": [{"weekday": 1, "start": "09:00", "end": "19:00"}]})
    assert r.status == 200 and r["opening_hours"] == [{"weekday": 1, "start": "09:00", "end": "19:00"}], r


@pytest.mark.parametrize("patch", [{"booking": 5}, {"waitlist": "on"}, {"timezone": "Mars/Olympus"},
                                   {"booking": {"slot_step_minutes": 0}}, {"waitlist": {"channels": ["fax"]}}])
def test_other_bad_settings_are_refused(server, admin, patch):
    r = admin.patch("/api/settings", patch)
    assert r.status == 422, r
    assert admin.get("/api/settings").status == 200


def test_a_failing_request_writes_nothing(server, admin):
    """While the settings cannot be read (damaged behind the API's back), changing a client file with a phone
    number (normalised with the salon's country) fails, and nothing of the change is stored: the use case reads
    what it needs before it commits."""
    main = admin.post("/api/clients", {"first_name": "Anne", "last_name": "Main", "email": "anne@example.com"})["id"]
    good = db_execute(server, "SELECT body FROM settings WHERE id = 1")
    db_execute(server, "DELETE FROM settings WHERE id = 1")
    db_execute(server, "INSERT INTO settings (id, body) VALUES (1, ?)",
               ('{"timezone":"Europe/Paris","opening_hours":[{"start":"09:00","end":"19:00"}]}',))
    r = admin.patch(f"/api/clients/{main}", {"first_name": "Annie", "phone": "06 10 02 19 36"})
    assert r.status >= 400, r
    db_execute(server, "DELETE FROM settings WHERE id = 1")
    if good:
        db_execute(server, "INSERT INTO settings (id, body) VALUES (1, ?)", (good[0][0],))
    after = admin.get(f"/api/clients/{main}")
    assert after.status == 200 and after["first_name"] == "Anne" and after["phone"] == "", after
