"""Staff colours (#RRGGBB, a palette colour by default) and the messages screen: any staff member reads the
messages of one appointment or one client, and sends a failed one again."""
import pytest

from conftest import MONDAY, Salon, at, run_jobs


def login(server, email, password):
    r = server.api().post("/api/auth/login", {"email": email, "password": password})
    assert r.status == 200, r
    return server.api(r["token"])


def test_staff_colours(admin, salon):
    alice = admin.get(f"/api/staff/{salon.alice}")
    bob = admin.get(f"/api/staff/{salon.bob}")
    assert alice["color"].startswith("#") and len(alice["color"]) == 7
    assert alice["color"] != bob["color"]  # the palette gives neighbours different colours
    r = admin.patch(f"/api/staff/{salon.alice}", {"color": "#A1B2C3"})
    assert r.status == 200 and r["color"] == "#A1B2C3", r
    assert admin.get("/api/staff")["items"][1]["color"] in ("#A1B2C3", bob["color"])
    assert {s["id"]: s["color"] for s in admin.get("/api/staff")["items"]}[salon.alice] == "#A1B2C3"
    for bad in ("red", "#12345", "#1234567", "#GGGGGG", 12):
        r = admin.patch(f"/api/staff/{salon.alice}", {"color": bad})
        assert r.status == 422 and r.json["error"]["field"] == "color", (bad, r)
    r = admin.post("/api/staff", {"first_name": "Chloé", "email": "chloe@salon.test", "role": "employee",
                                  "password": "employee-pass-3", "color": "#00ff00"})
    assert r.status == 201 and r["color"] == "#00ff00", r
    r = admin.post("/api/staff", {"first_name": "Dan", "email": "dan@salon.test", "role": "employee",
                                  "password": "employee-pass-4", "color": "blue"})
    assert r.status == 422 and r.json["error"]["field"] == "color", r


def test_any_staff_reads_the_messages_of_an_appointment_or_a_client(server, admin, salon):
    a = salon.book(at(MONDAY, "10:00"), [{"service_id": salon.cut, "staff_id": salon.alice}])
    salon.book(at(MONDAY, "11:00"), [{"service_id": salon.cut, "staff_id": salon.alice}], client=salon.client2)
    alice = login(server, "alice@salon.test", "employee-pass-1")
    r = alice.get("/api/outbox", appointment_id=a["id"])
    assert r.status == 200 and [m["kind"] for m in r["items"]] == ["confirmation"], r
    m = r["items"][0]
    assert set(m) >= {"id", "kind", "channel", "to", "subject", "body", "status", "attempts", "appointment_id",
                      "client_id", "created_at", "sent_at"}
    r = alice.get("/api/outbox", client_id=salon.client2)
    assert r.status == 200 and {m["client_id"] for m in r["items"]} == {salon.client2}, r
    assert alice.get("/api/outbox").status == 403
    assert alice.get("/api/outbox", kind="confirmation").status == 403
    assert admin.get("/api/outbox")["total"] == 2


def test_a_failed_message_is_sent_again(make_server):
    server = make_server("--smtp", "smtp://127.0.0.1:9")  # nothing listens: every attempt fails
    admin = server.admin()
    salon = Salon(admin)
    a = salon.book(at(MONDAY, "10:00"), [{"service_id": salon.cut, "staff_id": salon.alice}])
    [m] = admin.get("/api/outbox", appointment_id=a["id"])["items"]
    alice = login(server, "alice@salon.test", "employee-pass-1")
    r = alice.post(f"/api/outbox/{m['id']}/resend")
    assert r.status == 422 and r.error_code == "validation_failed" and r.json["error"]["field"] == "status", r
    for hour in range(12):  # more than the back-off needs for 8 attempts
        run_jobs(admin, f"2027-02-01T{8 + hour:02d}:00:00+01:00")
    [failed] = admin.get("/api/outbox", appointment_id=a["id"])["items"]
    assert failed["status"] == "failed" and failed["attempts"] == 8, failed
    r = alice.post(f"/api/outbox/{m['id']}/resend")
    assert r.status == 200, r
    assert r["id"] == m["id"] and r["status"] == "pending" and r["attempts"] == 0 and r["body"] == m["body"], r
    assert alice.post(f"/api/outbox/{m['id']}/resend").status == 422  # pending now
    # It is tried again at the next run.
    assert run_jobs(admin, "2027-02-02T12:00:00+01:00")["failed"] == 1
    assert admin.get("/api/outbox", appointment_id=a["id"])["items"][0]["attempts"] == 1
    assert alice.post("/api/outbox/999999/resend").status == 404
