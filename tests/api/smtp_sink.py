"""A real SMTP server on loopback for delivery tests (Debian's python3-aiosmtpd), run in a thread of the test.

    with SmtpSink() as sink:                       # or SmtpSink(delay=0.5, fail_first=2)
        server = make_server("--smtp", sink.url)
        ...
        msgs = sink.wait_for(3)                    # email.message.EmailMessage objects, in arrival order

`delay` slows every DATA (to kill the server mid-delivery); `fail_first` answers 451 to the first N messages.
`tls="starttls"` requires STARTTLS, `tls="smtps"` speaks TLS from the start (a throw-away self-signed
certificate); `login=("user", "pass")` requires AUTH with those credentials.
Each message keeps its raw bytes (`raw`), envelope sender and recipients, and whether it came over TLS with AUTH.
"""
import asyncio
import email
import email.policy
import os
import socket
import ssl
import subprocess
import tempfile

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from sink import Sink


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tls_context():
    folder = tempfile.mkdtemp(prefix="smtp-sink-")
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "1", "-subj", "/CN=localhost"], check=True, capture_output=True)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    return ctx


class Received:
    def __init__(self, envelope, session=None, implicit_tls=False):
        self.tls = implicit_tls or bool(session and session.ssl)
        self.authenticated = bool(session and session.authenticated)
        self.mail_from = envelope.mail_from
        self.rcpt_tos = list(envelope.rcpt_tos)
        self.raw = envelope.original_content or envelope.content
        self.message = email.message_from_bytes(self.raw, policy=email.policy.default)

    def __getitem__(self, header):
        return self.message[header]

    def text(self):
        part = self.message.get_body(preferencelist=("plain",))
        return part.get_content() if part else ""

    def attachments(self):
        return [p for p in self.message.iter_attachments()]


class _Handler:
    def __init__(self, sink):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):
        with self.sink.lock:
            self.sink.attempts += 1
            failing = self.sink.attempts <= self.sink.fail_first
        if self.sink.delay:
            await asyncio.sleep(self.sink.delay)
        if failing:
            return "451 4.3.0 Try again later"
        with self.sink.lock:
            self.sink._received.append(Received(envelope, session, implicit_tls=self.sink.tls == "smtps"))
        return "250 2.0.0 Message accepted for delivery"


class SmtpSink(Sink):
    kind = "SMTP sink"

    def __init__(self, delay=0.0, fail_first=0, tls=None, login=None):
        super().__init__()
        self.delay = delay
        self.fail_first = fail_first
        self.tls = tls
        self.login = login
        self.attempts = 0
        self.port = _free_port()
        kwargs = {}
        if tls == "starttls":
            kwargs.update(tls_context=_tls_context(), require_starttls=True)
        elif tls == "smtps":
            kwargs.update(ssl_context=_tls_context())
        if login:
            def authenticate(server, session, envelope, mechanism, data):
                ok = (data.login.decode(), data.password.decode()) == tuple(login)
                return AuthResult(success=ok)
            # (aiosmtpd only counts STARTTLS as TLS; an smtps listener is TLS by construction.)
            kwargs.update(authenticator=authenticate, auth_required=True, auth_require_tls=tls == "starttls")
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port, **kwargs)

    @property
    def url(self):
        scheme = "smtps" if self.tls == "smtps" else "smtp"
        auth = f"{self.login[0]}:{self.login[1]}@" if self.login else ""
        options = []
        if self.tls == "starttls":
            options.append("starttls=1")
        if self.tls:
            options.append("insecure=1")  # a self-signed certificate
        return f"{scheme}://{auth}127.0.0.1:{self.port}" + ("?" + "&".join(options) if options else "")

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()
