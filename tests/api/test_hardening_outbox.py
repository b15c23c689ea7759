"""Links that act as the client (password reset, confirmation) are not readable in the outbox once the
message is delivered: the client received them, the stored body keeps the message with the token masked."""
import re

import pytest

from conftest import MONDAY, Salon, at, run_jobs
from smtp_sink import SmtpSink


@pytest.fixture
def sink():
    with SmtpSink() as s:
        yield s


def outbox(admin, kind):
    r = admin.get("/api/outbox", kind=kind, limit=500)
    assert r.status == 200, r
    return r["items"]


def test_reset_link_is_masked_once_delivered(make_server, sink):
    server = make_server("--smtp", sink.url)
    admin = server.admin()
    anon = server.api()
    r = anon.post("/api/portal/register", {"first_name": "Julie", "last_name": "Petit", "email": "julie@example.com",
                                           "password": "client-pass-1"})
    assert r.status == 201, r
    assert anon.post("/api/portal/password/forgot", {"identifier": "julie@example.com"}).status == 202
    [pending] = outbox(admin, "password_reset")
    assert re.search(r"/book/reset/[0-9a-f]{64}", pending["body"]), pending  # not yet sent: the link is whole
    run_jobs(admin, "2027-01-04T10:00:00+01:00")
    [msg] = sink.wait_for(1)
    sent_token = re.search(r"/book/reset/([0-9a-f]{64})", msg.text()).group(1)
    [stored] = outbox(admin, "password_reset")
    assert stored["status"] == "sent", stored
    assert sent_token not in stored["body"] and "/book/reset/********" in stored["body"], stored
    # The client's link still works.
    r = anon.post("/api/portal/password/reset", {"token": sent_token, "password": "brand-new-pass"})
    assert r.status == 204, r


def test_confirmation_link_is_masked_once_delivered(make_server, sink):
    server = make_server("--smtp", sink.url)
    admin = server.admin()
    salon = Salon(admin)
    r = salon.book(at(MONDAY, "10:00"), [{"service_id": salon.cut, "staff_id": salon.alice}], confirmation="request")
    assert r.status == 201, r
    run_jobs(admin, "2027-02-01T12:00:00+01:00")
    [msg] = sink.wait_for(1)
    token = re.search(r"/book/confirm/([0-9a-f]{64})", msg.text()).group(1)
    [stored] = outbox(admin, "confirmation_request")
    assert stored["status"] == "sent" and token not in stored["body"], stored
    assert "/book/confirm/********" in stored["body"] and "Coupe" in stored["body"], stored
    assert server.api().post(f"/api/portal/confirm/{token}").status == 200
