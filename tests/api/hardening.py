"""Helpers of the hardening tests: raw database access on either backend, a process's CPU time and memory."""
import os
import sqlite3

# Set by tools/ci-sanitizers.sh: the server runs instrumented (slower, and ASan keeps freed memory in
# quarantine), so time and memory bounds are loosened or skipped there; correctness checks stay.
SANITIZED = os.environ.get("CRENEAU_SANITIZED") == "1"


def db_execute(server, sql, params=()):
    """Runs one statement on the server's database behind its back (SQLite file or PostgreSQL URL)."""
    if server.db.startswith("postgresql://"):
        import psycopg2

        conn = psycopg2.connect(server.db)
        try:
            cur = conn.cursor()
            cur.execute(sql.replace("?", "%s"), params)
            rows = cur.fetchall() if cur.description else []
            conn.commit()
            return rows
        finally:
            conn.close()
    conn = sqlite3.connect(server.db, timeout=10)
    try:
        rows = conn.execute(sql, params).fetchall()
        conn.commit()
        return rows
    finally:
        conn.close()


def cpu_seconds(pid):
    """utime + stime of a process, in seconds (/proc/PID/stat)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_bytes(pid):
    with open(f"/proc/{pid}/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
