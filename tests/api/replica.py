"""A PostgreSQL primary and its streaming hot standby on loopback, for the read-replica tests (issue 17).

The primary is a tools/pg-throwaway.sh cluster that also lets replication connections in; the standby is a
pg_basebackup copy of it (-R: it follows the primary) on its own port. Debian's postgresql-15 binaries."""
import os
import shutil
import subprocess
import tempfile
import time

import psycopg2

from conftest import free_port

PGBIN = os.environ.get("PGBIN", "/usr/lib/postgresql/15/bin")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
THROWAWAY = os.path.join(ROOT, "tools", "pg-throwaway.sh")


def available():
    return all(os.access(os.path.join(PGBIN, b), os.X_OK) for b in ("initdb", "pg_ctl", "pg_basebackup"))


def as_owner(args):
    """Runs a PostgreSQL binary as the clusters' owner (`postgres` when we are root)."""
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--"] + args
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


class Pair:
    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="creneau-replica-")
        os.chmod(self.tmp, 0o755)
        self.primary_dir = os.path.join(self.tmp, "primary")
        env = dict(os.environ, CRENEAU_PG_DIR=self.primary_dir)
        out = subprocess.run([THROWAWAY], env=env, check=True, capture_output=True, text=True)
        self.primary_url = out.stdout.strip()  # postgresql://creneau@127.0.0.1:PORT/creneau
        self.primary_port = int(self.primary_url.rsplit(":", 1)[1].split("/")[0])
        with open(os.path.join(self.primary_dir, "data", "pg_hba.conf"), "a") as f:
            f.write("host replication all 127.0.0.1/32 trust\n")
        self.superuser(self.primary_port).cursor().execute("SELECT pg_reload_conf()")
        self.replica_port = free_port()
        self.replica_dir = os.path.join(self.tmp, "replica")
        os.mkdir(self.replica_dir, 0o700)
        if os.geteuid() == 0:
            shutil.chown(self.replica_dir, "postgres")
        data = os.path.join(self.replica_dir, "data")
        as_owner([f"{PGBIN}/pg_basebackup", "-h", "127.0.0.1", "-p", str(self.primary_port), "-U", "postgres",
                  "-D", data, "-R", "-X", "stream", "-c", "fast"])
        with open(os.path.join(data, "postgresql.conf"), "a") as f:
            f.write(f"port = {self.replica_port}\nunix_socket_directories = '{self.replica_dir}'\nhot_standby = on\n")
        as_owner([f"{PGBIN}/pg_ctl", "-D", data, "-l", os.path.join(self.replica_dir, "server.log"), "-w", "-t", "60",
                  "start"])
        self.replica_url = self.primary_url.replace(f":{self.primary_port}/", f":{self.replica_port}/")

    @staticmethod
    def superuser(port, dbname="postgres"):
        conn = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname=dbname)
        conn.autocommit = True
        return conn

    def database(self, name):
        """A fresh database on the primary: (primary URL, replica URL)."""
        conn = psycopg2.connect(self.primary_url)
        conn.autocommit = True
        conn.cursor().execute(f"CREATE DATABASE {name}")
        conn.close()
        base = self.primary_url.rsplit("/", 1)[0]
        replica = self.replica_url.rsplit("/", 1)[0]
        self.wait_replayed()
        return f"{base}/{name}", f"{replica}/{name}"

    def wait_replayed(self, timeout=20):
        """Until the standby has replayed everything the primary has written so far."""
        p = self.superuser(self.primary_port)
        cur = p.cursor()
        # The insert position: with synchronous_commit off (the test cluster) a commit may not be written yet.
        cur.execute("SELECT pg_current_wal_insert_lsn()")
        target = cur.fetchone()[0]
        p.close()
        r = self.superuser(self.replica_port)
        try:
            deadline = time.time() + timeout
            cur = r.cursor()
            while time.time() < deadline:
                cur.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (target,))
                if cur.fetchone()[0]:
                    return
                time.sleep(0.05)
            raise TimeoutError("the standby did not catch up")
        finally:
            r.close()

    def pause_replay(self, paused):
        r = self.superuser(self.replica_port)
        cur = r.cursor()
        cur.execute("SELECT pg_wal_replay_pause()" if paused else "SELECT pg_wal_replay_resume()")
        deadline = time.time() + 10
        while paused and time.time() < deadline:  # a pause takes effect between two records
            cur.execute("SELECT pg_get_wal_replay_pause_state()")
            if cur.fetchone()[0] == "paused":
                break
            time.sleep(0.02)
        r.close()

    def stop(self):
        data = os.path.join(self.replica_dir, "data")
        if os.path.exists(os.path.join(data, "postmaster.pid")):
            try:
                as_owner([f"{PGBIN}/pg_ctl", "-D", data, "-m", "fast", "-w", "-t", "60", "stop"])
            except subprocess.CalledProcessError:
                pass
        subprocess.run([THROWAWAY, "stop", self.primary_dir], check=False, capture_output=True)
        shutil.rmtree(self.tmp, ignore_errors=True)
