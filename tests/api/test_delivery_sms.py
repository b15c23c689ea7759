"""SMS delivery: an HTTP POST of JSON {"to","body"} to --sms-gateway with an Idempotency-Key header; a gateway
that fails the first tries gets the same message again after the back-off, then it is sent; after 8 failed
attempts a message is `failed`, visible in the outbox, and left alone."""
import pytest

from conftest import MONDAY, Salon, at, run_jobs
from sms_sink import SmsSink

TUESDAY = "2027-03-02"


def offer_by_sms(admin, salon):
    """A waitlist offer sent by SMS only (automatic mode) to Hélène (06 12 34 56 78)."""
    r = admin.patch("/api/settings", {"waitlist": {"mode": "automatic", "channels": ["sms"],
                                                   "message": "Créneau libre le {date} à {time} : {link}"}})
    assert r.status == 200, r
    early = salon.book(at(MONDAY, "10:00"), [{"service_id": salon.cut, "staff_id": salon.alice}], client=salon.client2,
                       confirmation="silent")["id"]
    waiting = salon.book(at(TUESDAY, "10:00"), [{"service_id": salon.cut, "staff_id": salon.alice}],
                         confirmation="silent", notify_earlier_slot=True)["id"]
    assert admin.post(f"/api/appointments/{early}/cancel", {}).status == 200
    [m] = admin.get("/api/outbox", kind="waitlist_offer")["items"]
    assert m["channel"] == "sms" and m["to"] == "+33612345678" and m["appointment_id"] == waiting
    return m


def outbox_message(admin, id):
    return next(m for m in admin.get("/api/outbox", limit=500)["items"] if m["id"] == id)


def test_sms_is_retried_after_failures_then_sent(make_server):
    with SmsSink(fail_first=2) as sink:
        server = make_server("--sms-gateway", sink.url)
        admin = server.admin()
        salon = Salon(admin)
        m = offer_by_sms(admin, salon)
        r = run_jobs(admin, "2027-02-01T12:00:00+01:00")
        assert r["sent"] == 0
        m1 = outbox_message(admin, m["id"])
        assert m1["status"] == "pending" and m1["attempts"] >= 1 and "503" in m1["last_error"], m1
        assert run_jobs(admin, "2027-02-01T12:00:30+01:00")["sent"] == 0  # back-off: not due yet
        for now in ("2027-02-01T12:05:00+01:00", "2027-02-01T12:30:00+01:00", "2027-02-01T13:30:00+01:00"):
            run_jobs(admin, now)
        done = outbox_message(admin, m["id"])
        assert done["status"] == "sent" and done["attempts"] == 3 and done["sent_at"], done
        [got] = sink.wait_for(1)
        assert got["to"] == "+33612345678"
        assert got["body"].startswith("Créneau libre le lundi 1 mars 2027 à 10:00 : ") and "/book/offers/" in got["body"]
        assert got["headers"]["content-type"].startswith("application/json")
        key = got["headers"]["idempotency-key"]
        assert key.startswith("waitlist_offer.") and got["headers"]["x-idempotency-key"] == key
        # The failed tries carried the same key: the gateway can tell they are one message.
        assert [x["headers"]["idempotency-key"] for x in sink.rejected] == [key, key]
        assert sink.requests == 3


def test_after_eight_failures_the_message_is_failed(make_server):
    with SmsSink(fail_first=1000, status=500) as sink:
        server = make_server("--sms-gateway", sink.url)
        admin = server.admin()
        salon = Salon(admin)
        m = offer_by_sms(admin, salon)
        failed = 0
        for hour in range(12):  # far more than the back-off needs
            failed += run_jobs(admin, f"2027-02-01T{8 + hour:02d}:00:00+01:00")["failed"]
        done = outbox_message(admin, m["id"])
        assert done["status"] == "failed" and done["attempts"] == 8, done
        assert "500" in done["last_error"]
        assert sink.requests == 8
        failed_list = admin.get("/api/outbox", status="failed")["items"]
        assert [x["id"] for x in failed_list] == [m["id"]]
        assert run_jobs(admin, "2027-02-02T12:00:00+01:00")["failed"] == 0 and sink.requests == 8


def test_email_and_sms_go_each_their_way(make_server):
    from smtp_sink import SmtpSink
    with SmsSink() as sms, SmtpSink() as smtp:
        server = make_server("--sms-gateway", sms.url, "--smtp", smtp.url)
        admin = server.admin()
        salon = Salon(admin)
        admin.patch("/api/settings", {"waitlist": {"channels": ["email", "sms"]}})
        offer_both = admin.patch("/api/settings", {"waitlist": {"mode": "automatic"}})
        assert offer_both.status == 200
        early = salon.book(at(MONDAY, "10:00"), [{"service_id": salon.cut, "staff_id": salon.alice}],
                           client=salon.client2, confirmation="silent")["id"]
        salon.book(at(TUESDAY, "10:00"), [{"service_id": salon.cut, "staff_id": salon.alice}], confirmation="silent",
                   notify_earlier_slot=True)
        admin.post(f"/api/appointments/{early}/cancel", {})
        run_jobs(admin, "2027-02-01T12:00:00+01:00")
        [text] = sms.wait_for(1)
        mails = smtp.wait_for(3)  # the offer to Hélène, the cancellation to Marc (client2) and to Alice
        assert sorted(m.rcpt_tos[0] for m in mails) == ["alice@salon.test", "helene@example.com", "marc@example.com"]
        assert text["to"] == "+33612345678"
        statuses = {m["status"] for m in admin.get("/api/outbox")["items"]}
        assert statuses == {"sent"}
