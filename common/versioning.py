"""The data version: a counter bumped by every write to the atlas's data, so cached lists know when
they are stale.

Apps whose tables hold the atlas's data register themselves (`register(self)` in AppConfig.ready).
Every write statement to one of their tables is seen where it is executed, on the database connection,
so no write path (save, delete, many-to-many `.set()`, bulk_create, bulk_update, QuerySet.update, raw
SQL) has to remember the bump.

The bump is an UPDATE inside the writer's own transaction: it commits with the change and rolls back
with it, and other workers see the new number exactly when they can see the new data. A transaction
bumps once, at its first write (a `.set()` of four statements, a corpus load of thousands: one bump),
unless the version is read between two writes: a reader in the same transaction may have cached a list
under the new number, so the next write bumps again.
"""

from __future__ import annotations

import re

from django.apps import AppConfig, apps
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.signals import connection_created
from django.db.models import F

_registered_apps: set[str] = set()
_versioned_tables: set[str] | None = None
# SQLite adds to many-to-many tables with INSERT OR IGNORE; PostgreSQL with INSERT … ON CONFLICT.
_WRITE = re.compile(r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(\w+)', re.IGNORECASE)


def register(app_config: AppConfig) -> None:
    """Version the data of `app_config`'s models: writes to them retire cached lists."""
    global _versioned_tables
    _registered_apps.add(app_config.label)
    _versioned_tables = None


def registered_apps() -> frozenset[str]:
    return frozenset(_registered_apps)


def _tables() -> set[str]:
    global _versioned_tables
    if _versioned_tables is None:
        _versioned_tables = {
            model._meta.db_table.lower()
            for label in _registered_apps
            for model in apps.get_app_config(label).get_models(include_auto_created=True)
        }
    return _versioned_tables


def data_version(using: str = DEFAULT_DB_ALIAS) -> int:
    from common.models import DataVersion

    connection = connections[using]
    _forget_bump(connection)
    # Read on every request to a cached list: plain SQL, as building the ORM query cost more than running it.
    quote, meta = connection.ops.quote_name, DataVersion._meta
    number, table, key = quote(meta.get_field("number").column), quote(meta.db_table), quote(meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {number} FROM {table} WHERE {key} = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def data_version_bump(using: str = DEFAULT_DB_ALIAS) -> None:
    from common.models import DataVersion

    if not DataVersion.objects.using(using).filter(pk=1).update(number=F("number") + 1):
        DataVersion.objects.using(using).get_or_create(pk=1, defaults={"number": 1})


def _bumped_in_transaction() -> None:
    """Marks the transaction as bumped: Django drops it on rollback (also of the savepoint it was made in)."""


def _already_bumped(connection) -> bool:
    return any(entry[1] is _bumped_in_transaction for entry in connection.run_on_commit)


def _forget_bump(connection) -> None:
    connection.run_on_commit[:] = [e for e in connection.run_on_commit if e[1] is not _bumped_in_transaction]


def _after_write(connection) -> None:
    if not connection.in_atomic_block:
        data_version_bump(connection.alias)  # autocommit: the write was its own transaction
    elif not _already_bumped(connection):
        data_version_bump(connection.alias)
        transaction.on_commit(_bumped_in_transaction, using=connection.alias)


def _watch(connection):
    def execute(run, sql, params, many, context):
        result = run(sql, params, many, context)
        match = _WRITE.match(sql) if isinstance(sql, str) else None
        if match and match.group(1).lower() in _tables():
            _after_write(connection)
        return result

    return execute


def _install(sender, connection, **kwargs) -> None:
    if not any(getattr(wrapper, "data_version_watch", False) for wrapper in connection.execute_wrappers):
        wrapper = _watch(connection)
        wrapper.data_version_watch = True
        connection.execute_wrappers.append(wrapper)


def watch_connections() -> None:
    """Watch every database connection, those open now and those opened later."""
    connection_created.connect(_install, dispatch_uid="data-version-watch")
    for connection in connections.all(initialized_only=True):
        _install(None, connection)
