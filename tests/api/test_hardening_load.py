"""Load on loopback: with 1,000 idle connections and 200 slow-header connections open, a fresh request still
answers in under 100 ms, and the server spends no CPU while nothing is asked of it."""
import socket
import statistics
import time

import requests

from hardening import SANITIZED, cpu_seconds

BOUND = 0.5 if SANITIZED else 0.1  # seconds for a fresh request; instrumented builds are slower

IDLE, SLOW = 1000, 200


def open_connections(port, n):
    out = []
    for _ in range(n):
        s = socket.socket()
        s.setblocking(True)
        s.connect(("127.0.0.1", port))
        out.append(s)
    return out


def test_idle_and_slow_connections_do_not_slow_a_fresh_request(server):
    idle = open_connections(server.port, IDLE)
    slow = open_connections(server.port, SLOW)
    try:
        for s in slow:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # headers begun, never finished
        time.sleep(0.5)
        for s in slow:
            s.sendall(b"X-Slow: 1\r\n")  # still trickling
        requests.get(server.base + "/healthz", timeout=5)  # warm-up: the first request after the burst of connects
        latencies = []
        for _ in range(20):
            started = time.perf_counter()
            r = requests.get(server.base + "/healthz", timeout=5)  # a fresh connection each time
            latencies.append(time.perf_counter() - started)
            assert r.status_code == 200
        assert max(latencies) < BOUND, [round(x * 1000, 1) for x in latencies]

        # Nothing asked: no CPU, however many connections wait.
        time.sleep(0.5)
        before = cpu_seconds(server.proc.pid)
        time.sleep(3.0)
        spent = cpu_seconds(server.proc.pid) - before
        assert spent <= 0.03, f"{spent:.3f} s of CPU in 3 s while idle"
        print(f"fresh request: median {statistics.median(latencies) * 1000:.1f} ms, "
              f"max {max(latencies) * 1000:.1f} ms; idle CPU {spent:.3f} s in 3 s")
    finally:
        for s in idle + slow:
            s.close()
