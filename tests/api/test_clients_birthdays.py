"""Birthday messages: with settings.birthday_messages on, the daily job enqueues one `birthday` message per
client whose birthday is that salon-local day (29 February wished on 28 February in other years), never twice
the same year."""
import pytest

from conftest import Salon, run_jobs


@pytest.fixture
def salon(admin):
    return Salon(admin)


def add(admin, first, birth, **extra):
    body = {"first_name": first, "last_name": "Anniv", "email": f"{first.lower()}@example.com", "birth_date": birth}
    body.update(extra)
    r = admin.post("/api/clients", body)
    assert r.status == 201, r
    return r["id"]


def birthdays(admin, client_id=None):
    params = {"kind": "birthday", "limit": 500}
    if client_id:
        params["client_id"] = client_id
    return admin.get("/api/outbox", **params)["items"]


def test_one_message_on_the_local_day_and_never_twice_a_year(admin, salon):
    ana = add(admin, "Ana", "1990-03-01")
    add(admin, "Bea", "1990-03-02")
    add(admin, "Cyd", None)
    # 23:30 UTC on 28 February is already 1 March in Paris.
    report = run_jobs(admin, "2027-02-28T23:30:00Z")
    assert report["birthdays"] == 1, report
    msgs = birthdays(admin)
    assert [(m["client_id"], m["to"], m["channel"]) for m in msgs] == [(ana, "ana@example.com", "email")]
    assert "Ana" in msgs[0]["body"]
    # The job runs every minute: the same day, and later that year, nothing more.
    assert run_jobs(admin, "2027-03-01T12:00:00+01:00")["birthdays"] == 0
    assert run_jobs(admin, "2027-03-01T23:59:00+01:00")["birthdays"] == 0
    assert len(birthdays(admin)) == 1
    # Next year, again.
    assert run_jobs(admin, "2028-03-01T09:00:00+01:00")["birthdays"] == 1
    assert len(birthdays(admin, ana)) == 2


def test_29_february_is_wished_on_28_february_in_other_years(admin, salon):
    leap = add(admin, "Lea", "2000-02-29")
    assert run_jobs(admin, "2027-02-28T10:00:00+01:00")["birthdays"] == 1
    assert run_jobs(admin, "2027-03-01T10:00:00+01:00")["birthdays"] == 0
    # A leap year: on the 29th, not the 28th.
    assert run_jobs(admin, "2028-02-28T10:00:00+01:00")["birthdays"] == 0
    assert run_jobs(admin, "2028-02-29T10:00:00+01:00")["birthdays"] == 1
    assert len(birthdays(admin, leap)) == 2


def test_nothing_when_birthday_messages_are_off(admin, salon):
    add(admin, "Ana", "1990-03-01")
    assert admin.patch("/api/settings", {"birthday_messages": False}).status == 200
    assert run_jobs(admin, "2027-03-01T10:00:00+01:00")["birthdays"] == 0
    assert birthdays(admin) == []
    assert admin.patch("/api/settings", {"birthday_messages": True}).status == 200
    assert run_jobs(admin, "2027-03-01T10:00:00+01:00")["birthdays"] == 1


def test_a_file_without_email_gets_an_sms(server, admin, salon):
    # Such files come from a phone-only portal account the front desk kept as a new file.
    r = server.api().post("/api/portal/register", {"first_name": "Sam", "last_name": "Sms", "email": "",
                                                   "phone": "06 01 02 03 04", "password": "client-pass-1"})
    created = admin.post(f"/api/link-queue/{r['account']['id']}/create")
    assert created.status == 201 and created["email"] == "", created
    r = admin.patch(f"/api/clients/{created['id']}", {"birth_date": "1991-03-01"})
    assert r.status == 200, r
    assert run_jobs(admin, "2027-03-01T10:00:00+01:00")["birthdays"] == 1
    msgs = birthdays(admin, created["id"])
    assert [(m["channel"], m["to"]) for m in msgs] == [("sms", "+33601020304")]


def test_nobody_is_wished_on_the_day_they_are_born(admin, salon):
    add(admin, "Baby", "2027-03-01")
    assert run_jobs(admin, "2027-03-01T10:00:00+01:00")["birthdays"] == 0
    assert run_jobs(admin, "2028-03-01T10:00:00+01:00")["birthdays"] == 1
