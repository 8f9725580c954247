"""A PostgreSQL cluster of a test's or a benchmark's own (Debian's pg_createcluster), on a free port, which
it may stop and start at will; dropped afterwards. Never the shared cluster on 5432."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess

import psycopg

PG_VERSION = "15"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivatePostgres:
    def __init__(self, purpose: str, database: str = "ca_outage"):
        missing = [tool for tool in ("pg_createcluster", "pg_ctlcluster", "pg_dropcluster") if not shutil.which(tool)]
        assert not missing, f"{', '.join(missing)} needed (Debian package postgresql-common, run as root)"
        self.name = f"ca_{purpose}_{os.getpid()}"
        self.port = _free_port()
        self.database = database
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def create(self) -> PrivatePostgres:
        # Trust on 127.0.0.1 only, as the shared cluster: the cluster lives as long as one run.
        self._run("pg_createcluster", PG_VERSION, self.name, "-p", str(self.port), "--",
                  "--auth-host=trust", "--auth-local=trust")  # fmt: skip
        self.start()
        with psycopg.connect(self.dsn("postgres"), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{self.database}"')
        return self

    def dsn(self, database: str | None = None) -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={database or self.database} connect_timeout=5"

    def start(self) -> None:
        self._run("pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, self.name, "start")

    def stop(self) -> None:
        """A fast shutdown: open transactions are rolled back and their connections cut, as in a restart."""
        self._run("pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, self.name, "stop", "-m", "fast")

    def drop(self) -> None:
        self._run("pg_dropcluster", "--stop", PG_VERSION, self.name)

    @staticmethod
    def _run(*command: str) -> None:
        subprocess.run(command, check=True, capture_output=True, timeout=120)
