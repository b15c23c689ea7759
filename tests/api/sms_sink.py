"""A small HTTP server standing in for the SMS gateway: records every POST (JSON body and headers).

    with SmsSink(fail_first=2) as sink:   # answers 503 to the first two requests
        server = make_server("--sms-gateway", sink.url)
        ...
        sink.wait_for(1)                   # [{"to", "body", "headers"}] of the accepted ones
"""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from sink import Sink


class SmsSink(Sink):
    kind = "SMS sink"

    def __init__(self, fail_first=0, status=503):
        super().__init__()
        self.fail_first = fail_first
        self.fail_status = status
        self.requests = 0
        self.rejected = []
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = {"invalid": raw.decode("utf-8", "replace")}
                entry = dict(body, headers={k.lower(): v for k, v in self.headers.items()}, path=self.path)
                with sink.lock:
                    sink.requests += 1
                    failing = sink.requests <= sink.fail_first
                    (sink.rejected if failing else sink._received).append(entry)
                status = sink.fail_status if failing else 200
                reply = b'{"error":"try later"}' if failing else b'{"id":"ok"}'
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/sms"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
