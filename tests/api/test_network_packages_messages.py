"""Salon networks: packages sold at a salon (network or salon scope), the outbox's salon, messages and .ics that
name the salon and its address, waitlists per salon, birthdays by the salon of the latest visit."""
import email.utils
import re

import pytest

from conftest import run_jobs
from smtp_sink import SmtpSink
from network import MONDAY, Network


@pytest.fixture
def net(server):
    return Network(server)


def package_setup(net, scope):
    included = net.service("Coupe (forfait)", 30, package_only=True)
    for staff in (net.nora, net.paula, net.marc):
        s = net.admin.get(f"/api/staff/{staff}")
        assert net.admin.patch(f"/api/staff/{staff}", {"service_ids": s["service_ids"] + [included]}).status == 200
    t = net.admin.post("/api/package_types", {"name": f"5 coupes ({scope})", "sessions": 5, "service_ids": [included],
                                              "scope": scope})
    assert t.status == 201 and t["scope"] == scope, t
    sold = net.admin.post(f"/api/clients/{net.client}/packages", {"package_type_id": t["id"], "start_date": "2027-01-01",
                                                                  "salon_id": net.paris})
    assert sold.status == 201 and sold["salon_id"] == net.paris and sold["scope"] == scope, sold
    return included, sold["id"]


def test_a_network_package_is_used_in_another_salon(net):
    included, package = package_setup(net, "network")
    r = net.book(net.montreal, f"{MONDAY}T10:00:00-05:00", [{"service_id": included, "staff_id": net.marc}])
    assert r.status == 201, r
    assert r["lines"][0]["package_id"] == package
    held = net.admin.get(f"/api/clients/{net.client}/packages")["items"][0]
    assert held["used"] == 1 and held["salon_id"] == net.paris


def test_a_salon_package_is_refused_elsewhere(net):
    included, package = package_setup(net, "salon")
    r = net.book(net.montreal, f"{MONDAY}T10:00:00-05:00", [{"service_id": included, "staff_id": net.marc}])
    assert r.status == 422 and r.error_code == "no_package" and r["error"]["field"] == "lines[0].service_id", r
    r = net.book(net.paris, f"{MONDAY}T10:00:00+01:00", [{"service_id": included, "staff_id": net.paula}])
    assert r.status == 201 and r["lines"][0]["package_id"] == package, r


def test_a_package_sale_names_its_salon_when_ambiguous(net):
    t = net.admin.post("/api/package_types", {"name": "3 soins", "sessions": 3, "service_ids": [net.cut]})
    assert t["scope"] == "network"
    r = net.admin.post(f"/api/clients/{net.client}/packages", {"package_type_id": t["id"]})
    assert r.status == 422 and r["error"]["field"] == "salon_id", r
    r = net.admin.post("/api/package_types", {"name": "x", "sessions": 3, "service_ids": [net.cut], "scope": "city"})
    assert r.status == 422 and r["error"]["field"] == "scope"


def test_messages_and_ics_name_the_salon_and_its_address(net):
    b = net.book(net.montreal, f"{MONDAY}T10:00:00-05:00", [{"service_id": net.cut, "staff_id": net.marc}])
    assert b.status == 201
    msgs = net.admin.get("/api/outbox", appointment_id=b["id"], kind="confirmation")["items"]
    assert msgs and msgs[0]["salon_id"] == net.montreal
    assert "Montréal Plateau" in msgs[0]["body"] and "10 av. du Mont-Royal, H2T 1N4 Montréal" in msgs[0]["body"]
    assert net.admin.get("/api/outbox", salon_id=net.paris)["total"] == 0
    assert net.admin.get("/api/outbox", salon_id=net.montreal)["total"] >= 1
    cancel = net.admin.post(f"/api/appointments/{b['id']}/cancel", {"reason": "grève"})
    assert cancel.status == 200
    msgs = net.admin.get("/api/outbox", appointment_id=b["id"], kind="cancellation")["items"]
    assert all(m["salon_id"] == net.montreal for m in msgs)
    assert any("10 av. du Mont-Royal" in m["body"] for m in msgs)


def test_the_ics_location_is_the_salon_address_and_the_sender_the_salon(make_server):
    with SmtpSink() as sink:
        server = make_server("--smtp", sink.url + "?from=rdv@net.example")
        net = Network(server)
        b = net.book(net.montreal, f"{MONDAY}T10:00:00-05:00", [{"service_id": net.cut, "staff_id": net.marc}])
        assert b.status == 201
        run_jobs(net.admin, "2027-02-01T10:00:00+01:00")
        [msg] = sink.wait_for(1)
        assert email.utils.parseaddr(str(msg.message["From"]))[0] == "Montréal Plateau"
        [ics_part] = msg.attachments()
        ics = re.sub(r"\r\n[ \t]", "", ics_part.get_payload(decode=True).decode("utf-8"))
        location = [line for line in ics.split("\r\n") if line.startswith("LOCATION:")]
        assert location == ["LOCATION:Montréal Plateau\\, 10 av. du Mont-Royal\\, H2T 1N4 Montréal"], location


def test_password_reset_is_network_wide(net):
    public = net.server.api()
    assert public.post("/api/portal/register", {"first_name": "A", "last_name": "B", "email": "ab@example.com",
                                                "password": "client-pass-123"}).status == 201
    assert public.post("/api/portal/password/forgot", {"identifier": "ab@example.com"}).status == 202
    m = net.admin.get("/api/outbox", kind="password_reset")["items"][0]
    assert m["salon_id"] is None


def test_birthdays_come_from_the_salon_of_the_latest_visit(net):
    admin = net.admin
    ana = admin.post("/api/clients", {"first_name": "Ana", "last_name": "Lima", "email": "ana@example.com",
                                      "birth_date": "1990-03-05"})["id"]
    solo = admin.post("/api/clients", {"first_name": "Solo", "last_name": "Sans", "email": "solo@example.com",
                                       "birth_date": "1991-03-05"})["id"]
    r = admin.post("/api/appointments", {"salon_id": net.montreal, "client_id": ana, "start": f"{MONDAY}T10:00:00-05:00",
                                         "confirmation": "silent",
                                         "lines": [{"service_id": net.cut, "staff_id": net.marc}]})
    assert r.status == 201
    run_jobs(admin, "2027-03-05T10:00:00+01:00")
    wishes = {m["client_id"]: m for m in admin.get("/api/outbox", kind="birthday")["items"]}
    assert wishes[ana]["salon_id"] == net.montreal and "Montréal Plateau" in wishes[ana]["body"]
    assert wishes[solo]["salon_id"] == net.paris and "Paris Centre" in wishes[solo]["body"]


def test_freed_slots_belong_to_their_salon(net):
    admin = net.admin
    for salon in (net.paris, net.montreal):
        assert admin.patch("/api/settings", {"waitlist": {"mode": "manual"}}, salon_id=salon).status == 200
    waiting = net.book(net.paris, f"{MONDAY}T17:00:00+01:00", [{"service_id": net.cut, "staff_id": net.nora}],
                       notify_earlier_slot=True, confirmation="silent")
    assert waiting.status == 201
    freed = net.book(net.montreal, f"{MONDAY}T09:00:00-05:00", [{"service_id": net.cut, "staff_id": net.nora}],
                     confirmation="silent")
    assert freed.status == 201
    assert admin.post(f"/api/appointments/{freed['id']}/cancel", {}).status == 200
    slots = admin.get("/api/freed-slots")["items"]
    assert len(slots) == 1 and slots[0]["salon_id"] == net.montreal
    assert slots[0]["candidates"] == []  # the waiting visit is Paris's: not a candidate at Montréal
    assert admin.get("/api/freed-slots", salon_id=net.paris)["items"] == []
    assert net.as_staff("paula").get("/api/freed-slots")["items"] == []
    r = net.as_staff("paula").post(f"/api/freed-slots/{slots[0]['id']}/notify", {"appointment_ids": [waiting["id"]]})
    assert r.status == 403
