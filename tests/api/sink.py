"""What the test stand-ins for outside services (SMTP server, SMS gateway) share: a context manager that
records what arrived, and a bounded wait for it."""
import threading
import time


class Sink:
    kind = "sink"  # named in the failure message

    def __init__(self):
        self.lock = threading.Lock()
        self._received = []

    def start(self):
        raise NotImplementedError

    def stop(self):
        raise NotImplementedError

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def received(self):
        with self.lock:
            return list(self._received)

    def wait_for(self, count, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            got = self.received()
            if len(got) >= count:
                return got
            time.sleep(0.05)
        raise AssertionError(f"the {self.kind} got {len(self.received())} messages, expected {count}")
