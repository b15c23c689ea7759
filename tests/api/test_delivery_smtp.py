"""E-mail delivery over SMTP to a real SMTP server on loopback (aiosmtpd): a proper RFC 5322 / MIME message,
UTF-8 subject, Message-ID = the idempotency key, the .ics of a confirmation attached; retries with back-off
after a refusal; messages stay pending while no SMTP server is configured."""
import email.utils
import re

import pytest

from conftest import MONDAY, Salon, at, run_jobs
from smtp_sink import SmtpSink

BEFORE = "2027-02-01T12:00:00+01:00"  # a month ahead of the visits: no reminder due yet


@pytest.fixture
def sink():
    with SmtpSink() as s:
        yield s


def outbox(admin, **params):
    r = admin.get("/api/outbox", limit=500, **params)
    assert r.status == 200, r
    return r["items"]


def unfold(text):
    return re.sub(r"\r\n[ \t]", "", text)


def test_confirmation_email_with_calendar_file(make_server, sink):
    server = make_server("--smtp", sink.url + "?from=rdv@salon.example")
    admin = server.admin()
    salon = Salon(admin)
    admin.patch("/api/settings", {"name": "Salon Hélène"})
    r = salon.book(at(MONDAY, "10:00"), [{"service_id": salon.cut, "staff_id": salon.alice},
                                          {"service_id": salon.color, "staff_id": salon.alice}],
                   client_request="Pas trop court, merci; et une frange")
    assert r.status == 201, r
    appointment = r["id"]
    [queued] = outbox(admin, kind="confirmation")
    assert queued["status"] == "pending" and queued["has_attachment"] is True

    run_jobs(admin, BEFORE)
    [msg] = sink.wait_for(1)
    assert msg.mail_from == "rdv@salon.example" and msg.rcpt_tos == ["helene@example.com"]
    raw = msg.raw.decode("ascii")  # every header encoded, every part base64: plain ASCII on the wire
    assert "\n" not in raw.replace("\r\n", "")  # CRLF line ends only
    assert all(len(line) <= 998 for line in raw.split("\r\n"))
    m = msg.message
    assert m["Subject"] == "Rendez-vous confirmé le lundi 1 mars 2027 à 10:00"
    assert "=?UTF-8?B?" in raw.split("\r\n\r\n")[0]  # the subject travels as an RFC 2047 encoded word
    assert m["To"] == "<helene@example.com>" or m["To"] == "helene@example.com"
    name, addr = email.utils.parseaddr(str(m["From"]))
    assert (name, addr) == ("Salon Hélène", "rdv@salon.example")
    assert email.utils.parsedate_to_datetime(str(m["Date"])).year == 2027
    message_id = str(m["Message-ID"])
    assert re.fullmatch(r"<confirmation\.[0-9a-f]{32}@salon\.example>", message_id), message_id
    assert m["X-Idempotency-Key"] == message_id[1:].split("@")[0]
    assert m["MIME-Version"] == "1.0"
    assert m.get_content_type() == "multipart/mixed"

    text = msg.text()
    assert "Hélène" in text and "Coupe" in text and "Couleur" in text and "Durée totale : 1 h 30" in text

    [ics_part] = msg.attachments()
    assert ics_part.get_content_type() == "text/calendar"
    assert ics_part.get_filename().endswith(".ics")
    ics = ics_part.get_payload(decode=True).decode("utf-8")
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert "\n" not in ics.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    lines = unfold(ics).split("\r\n")
    assert "VERSION:2.0" in lines and "BEGIN:VEVENT" in lines and "END:VEVENT" in lines
    assert any(l.startswith("PRODID:") for l in lines)
    assert any(re.fullmatch(rf"UID:appointment-{appointment}@.+", l) for l in lines), lines
    assert "DTSTART:20270301T090000Z" in lines and "DTEND:20270301T103000Z" in lines
    assert any(re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", l) for l in lines)
    summary = next(l for l in lines if l.startswith("SUMMARY:"))
    assert "Coupe\\, Couleur" in summary and "Salon Hélène" in summary
    description = next(l for l in lines if l.startswith("DESCRIPTION:"))
    assert "\\n" in description and "Pas trop court\\, merci\\; et une frange" in description

    [sent] = outbox(admin, kind="confirmation")
    assert sent["status"] == "sent" and sent["attempts"] == 1 and sent["sent_at"]
    # Nothing is sent twice.
    run_jobs(admin, "2027-02-01T13:00:00+01:00")
    assert len(sink.received()) == 1


def test_refused_then_retried_with_back_off(make_server):
    with SmtpSink(fail_first=2) as sink:
        server = make_server("--smtp", sink.url)
        admin = server.admin()
        salon = Salon(admin)
        assert salon.book(at(MONDAY, "10:00"), [{"service_id": salon.cut, "staff_id": salon.alice}]).status == 201
        first = run_jobs(admin, "2027-02-01T12:00:00+01:00")
        [m] = outbox(admin, kind="confirmation")
        if first["failed"] == 1:  # (the server's own minute job may have tried first; either way it is counted)
            assert m["status"] == "pending" and m["attempts"] >= 1
        assert "451" in m["last_error"] or "SMTP" in m["last_error"]
        # Not due again at once: back-off.
        again = run_jobs(admin, "2027-02-01T12:00:00+01:00")
        assert again["sent"] == 0
        for minutes in (5, 30, 90):
            run_jobs(admin, f"2027-02-01T{12 + minutes // 60:02d}:{minutes % 60:02d}:00+01:00")
        [m] = outbox(admin, kind="confirmation")
        assert m["status"] == "sent" and m["attempts"] == 3, m
        assert len(sink.wait_for(1)) == 1 and sink.attempts == 3


def test_without_an_smtp_server_email_waits(server, admin, salon):
    assert salon.book(at(MONDAY, "10:00"), [{"service_id": salon.cut, "staff_id": salon.alice}]).status == 201
    r = run_jobs(admin, BEFORE)
    assert r["sent"] == 0 and r["failed"] == 0
    [m] = outbox(admin, kind="confirmation")
    assert m["status"] == "pending" and m["attempts"] == 0


def test_jobs_run_is_for_admins(server, admin, salon):
    r = server.api().post("/api/auth/login", {"email": "alice@salon.test", "password": "employee-pass-1"})
    employee = server.api(r["token"])
    assert employee.post("/api/jobs/run", {"now": BEFORE}).status == 403
    assert server.api().post("/api/jobs/run", {"now": BEFORE}).status == 401
    r = admin.post("/api/jobs/run", {"now": "tomorrow"})
    assert r.status == 422 and r.error_code == "validation_failed", r
    r = admin.post("/api/jobs/run", {})  # no "now": as of the server's clock
    assert r.status == 200, r


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # aiosmtpd: smtps is TLS anyway
@pytest.mark.parametrize("tls", ["starttls", "smtps"])
def test_tls_and_login_when_the_url_asks(make_server, tls):
    with SmtpSink(tls=tls, login=("salon", "s3cret")) as sink:
        server = make_server("--smtp", sink.url)
        admin = server.admin()
        salon = Salon(admin)
        assert salon.book(at(MONDAY, "10:00"), [{"service_id": salon.cut, "staff_id": salon.alice}]).status == 201
        run_jobs(admin, BEFORE)
        [msg] = sink.wait_for(1)
        assert msg.tls and msg.authenticated
        assert msg.rcpt_tos == ["helene@example.com"]


def test_a_wrong_password_is_a_failed_attempt(make_server):
    with SmtpSink(tls="starttls", login=("salon", "s3cret")) as sink:
        server = make_server("--smtp", sink.url.replace("s3cret", "wrong"))
        admin = server.admin()
        salon = Salon(admin)
        assert salon.book(at(MONDAY, "10:00"), [{"service_id": salon.cut, "staff_id": salon.alice}]).status == 201
        run_jobs(admin, BEFORE)
        [m] = outbox(admin, kind="confirmation")
        assert m["status"] == "pending" and m["attempts"] >= 1 and m["last_error"], m
        assert sink.received() == []
