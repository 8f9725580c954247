"""A whole-database backup and its restore, with the database's own tools: SQLite's online backup API,
PostgreSQL's pg_dump and pg_restore. The data epoch (common/epoch.py) travels inside the file, so after a
restore every cached body keyed on the restored epoch is exactly the restored data, and every other one is
never asked for again."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections


class BackupError(RuntimeError):
    """The backup or restore could not be done; the message says why and what to do."""


def _postgresql_arguments(settings_dict: dict) -> tuple[list[str], dict]:
    arguments = ["--host", settings_dict.get("HOST") or "localhost", "--port", str(settings_dict.get("PORT") or 5432)]
    if settings_dict.get("USER"):
        arguments += ["--username", settings_dict["USER"]]
    environment = {**os.environ}
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = settings_dict["PASSWORD"]
    return arguments, environment


def _run(command: list[str], environment: dict) -> None:
    try:
        result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed: install PostgreSQL's client tools.") from error
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip() or result.stdout.strip()}")


def backup(path: Path, using: str = DEFAULT_DB_ALIAS) -> Path:
    """Writes the whole database to `path` while it keeps serving; returns the path."""
    connection = connections[using]
    path = Path(path)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        target.close()
    elif connection.vendor == "postgresql":
        arguments, environment = _postgresql_arguments(connection.settings_dict)
        _run(
            ["pg_dump", "--format=custom", *arguments, "--file", str(path), connection.settings_dict["NAME"]],
            environment,
        )
    else:  # pragma: no cover - the settings accept SQLite and PostgreSQL only
        raise BackupError(f"no backup for {connection.vendor}")
    return path


def restore(path: Path, using: str = DEFAULT_DB_ALIAS) -> None:
    """Replaces the whole database by the backup at `path`, in one step (readers see before or after)."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} is not a file: give the path `backup` printed.")
    connection = connections[using]
    if connection.vendor == "sqlite":
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as source:
                source.execute("PRAGMA schema_version").fetchone()
                connection.ensure_connection()
                source.backup(connection.connection)
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{path} is not an SQLite backup ({error}); nothing was changed.") from error
    elif connection.vendor == "postgresql":
        connection.close()  # no open transaction of ours may hold a lock the restore waits for
        arguments, environment = _postgresql_arguments(connection.settings_dict)
        try:
            _restore_postgresql(path, connection, arguments, environment)
        except BackupError as error:
            # --single-transaction: a failed restore rolled back whole, which the operator needs to hear.
            raise BackupError(f"{path} could not be restored ({error}); nothing was changed.") from error
    else:  # pragma: no cover
        raise BackupError(f"no restore for {connection.vendor}")


def _restore_postgresql(path: Path, connection, arguments: list[str], environment: dict) -> None:
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--no-owner",
            *arguments,
            "--dbname",
            connection.settings_dict["NAME"],
            str(path),
        ],
        environment,
    )
