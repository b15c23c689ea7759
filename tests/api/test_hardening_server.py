"""The transport cannot be exhausted: silent and slow clients are dropped (headers within 10 s, idle
keep-alive after 30 s), open connections are capped (--max-connections), and at the open-file limit the
listener backs off instead of spinning on accept()."""
import resource
import socket
import time

import pytest

from hardening import cpu_seconds


def connect(server):
    s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    return s


def closed_after(sock, limit):
    """Seconds until the server closes `sock` (reads EOF or a reset), or None if it stays open `limit` seconds."""
    started = time.monotonic()
    sock.settimeout(limit)
    try:
        while True:
            data = sock.recv(65536)
            if not data:
                return time.monotonic() - started
    except (ConnectionResetError, BrokenPipeError):
        return time.monotonic() - started
    except socket.timeout:
        return None


def get(sock, path="/healthz"):
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    data = b""
    while b"\r\n\r\n" not in data or not data.endswith(b"}"):
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def test_slow_headers_are_dropped_after_10_s_and_idle_connections_after_30_s(server):
    slow = connect(server)
    slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # and never the end of the headers
    idle = connect(server)
    assert b"200 OK" in get(idle)  # a served keep-alive connection, then silence
    started = time.monotonic()
    slow_closed = closed_after(slow, 14)
    assert slow_closed is not None and 8 <= slow_closed <= 13, slow_closed
    idle_closed = closed_after(idle, 40 - (time.monotonic() - started))
    assert idle_closed is not None, "an idle keep-alive connection stayed open past 40 s"
    total = time.monotonic() - started
    assert 28 <= total <= 34, total


def test_connections_beyond_the_cap_wait_until_one_closes(make_server):
    server = make_server("--max-connections", "4")
    held = [connect(server) for _ in range(4)]
    for s in held:
        assert b"200 OK" in get(s)
    extra = connect(server)  # the kernel accepts it; the server does not take it yet
    extra.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    extra.settimeout(1.0)
    with pytest.raises(socket.timeout):
        extra.recv(100)
    held.pop().close()
    extra.settimeout(5)
    assert b"200 OK" in extra.recv(1000)
    for s in held + [extra]:
        s.close()


def test_at_the_open_file_limit_the_listener_backs_off(make_server, tmp_path):
    limit = 160

    def low_fd_limit():
        resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))

    server = make_server("--max-connections", "5000")
    server.stop()
    # The same database, restarted under a low open-file limit.
    import subprocess, os
    server.proc = subprocess.Popen(
        [os.environ.get("CRENEAU_BIN", "build/src/creneau"), "serve", "--db", server.db, "--listen",
         f"127.0.0.1:{server.port}", "--max-connections", "5000"],
        env=server.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=low_fd_limit)
    try:
        deadline = time.time() + 20
        while True:
            try:
                s = connect(server)
                if b"200 OK" in get(s):
                    s.close()
                    break
            except OSError:
                pass
            assert time.time() < deadline, "the server did not start"
            time.sleep(0.05)
        held = []
        for _ in range(limit + 40):  # more than the server can hold: the rest wait in the backlog
            held.append(connect(server))
        time.sleep(0.5)
        before = cpu_seconds(server.proc.pid)
        time.sleep(2.0)
        spent = cpu_seconds(server.proc.pid) - before
        assert spent < 0.3, f"the server used {spent:.2f} s of CPU in 2 s while at its open-file limit"
        for s in held:
            s.close()
        time.sleep(0.3)
        s = connect(server)
        assert b"200 OK" in get(s)  # once descriptors are free again, it serves
        s.close()
    finally:
        server.proc.kill()
        server.proc.wait()
