"""Reminders: `reminder_hours` before each approved or pending appointment, one per appointment whatever its
number of lines, listing every service and the total duration; a moved appointment is reminded of its new time
only; a cancelled one not at all. POST /api/jobs/run {"now"} runs the jobs as of that instant."""
from conftest import MONDAY, at, run_jobs

TUESDAY = "2027-03-02"
WEDNESDAY = "2027-03-03"


def reminders(admin, **params):
    r = admin.get("/api/outbox", kind="reminder", limit=500, **params)
    assert r.status == 200, r
    return r["items"]


def test_one_reminder_per_appointment_listing_every_service(admin, salon):
    two_lines = salon.book(at(MONDAY, "10:00"), [{"service_id": salon.cut, "staff_id": salon.alice},
                                                  {"service_id": salon.color, "staff_id": salon.alice}])["id"]
    pending = salon.book(at(MONDAY, "09:30"), [{"service_id": salon.cut, "staff_id": salon.bob}],
                         client=salon.client2, confirmation="request")["id"]
    cancelled = salon.book(at(MONDAY, "16:00"), [{"service_id": salon.cut, "staff_id": salon.alice}])["id"]
    assert admin.post(f"/api/appointments/{cancelled}/cancel", {}).status == 200
    later = salon.book(at(TUESDAY, "17:00"), [{"service_id": salon.cut, "staff_id": salon.alice}])["id"]

    # 25 hours before: nothing due yet.
    assert run_jobs(admin, "2027-02-28T09:00:00+01:00")["reminders"] == 0
    r = run_jobs(admin, "2027-02-28T10:30:00+01:00")
    assert r["reminders"] == 2, r
    got = reminders(admin)
    assert sorted(m["appointment_id"] for m in got) == sorted([two_lines, pending])
    m = next(m for m in got if m["appointment_id"] == two_lines)
    assert m["channel"] == "email" and m["to"] == "helene@example.com"
    assert "lundi 1 mars 2027 à 10:00" in m["subject"] + m["body"]
    assert "Coupe" in m["body"] and "Couleur" in m["body"] and "Durée totale : 1 h 30" in m["body"]
    # Once only.
    assert run_jobs(admin, "2027-02-28T11:00:00+01:00")["reminders"] == 0
    assert run_jobs(admin, "2027-03-01T09:59:00+01:00")["reminders"] == 0
    assert reminders(admin, appointment_id=cancelled) == []
    # The next day's in its turn.
    assert run_jobs(admin, "2027-03-01T18:00:00+01:00")["reminders"] == 1
    assert [m["appointment_id"] for m in reminders(admin)][-1] == later


def test_a_moved_appointment_is_reminded_of_its_new_time_only(admin, salon):
    a = salon.book(at(TUESDAY, "10:00"), [{"service_id": salon.cut, "staff_id": salon.alice}])["id"]
    assert admin.patch(f"/api/appointments/{a}", {"start": at(WEDNESDAY, "11:00")}).status == 200
    assert run_jobs(admin, "2027-03-01T10:30:00+01:00")["reminders"] == 0  # its old time is within 24 h: no reminder
    assert run_jobs(admin, "2027-03-02T11:30:00+01:00")["reminders"] == 1
    [m] = reminders(admin, appointment_id=a)
    assert "mercredi 3 mars 2027 à 11:00" in m["body"]


def test_moved_after_its_reminder_gets_one_for_the_new_time(admin, salon):
    a = salon.book(at(TUESDAY, "10:00"), [{"service_id": salon.cut, "staff_id": salon.alice}])["id"]
    assert run_jobs(admin, "2027-03-01T10:30:00+01:00")["reminders"] == 1
    assert admin.patch(f"/api/appointments/{a}", {"start": at(WEDNESDAY, "11:00")}).status == 200
    assert run_jobs(admin, "2027-03-02T11:30:00+01:00")["reminders"] == 1
    got = reminders(admin, appointment_id=a)
    assert len(got) == 2 and "mercredi 3 mars 2027 à 11:00" in got[-1]["body"]


def test_reminder_hours_is_a_setting(admin, salon):
    a = salon.book(at(MONDAY, "10:00"), [{"service_id": salon.cut, "staff_id": salon.alice}])["id"]
    assert admin.patch("/api/settings", {"reminder_hours": 48}).status == 200
    assert run_jobs(admin, "2027-02-27T10:30:00+01:00")["reminders"] == 1
    assert [m["appointment_id"] for m in reminders(admin)] == [a]


def test_birthdays_run_with_the_jobs(admin, salon):
    r = admin.post("/api/clients", {"first_name": "Bea", "last_name": "Anniv", "email": "bea@example.com",
                                    "birth_date": "1990-03-01"})
    assert r.status == 201, r
    assert run_jobs(admin, "2027-03-01T09:00:00+01:00")["birthdays"] == 1
    assert run_jobs(admin, "2027-03-01T10:00:00+01:00")["birthdays"] == 0
