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
import threading

from django.apps import AppConfig, apps
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.signals import connection_created
from django.db.models import F

from common.cache import redis_client

_registered_apps: set[str] = set()
_registered_models: set = set()
_versioned_tables: set[str] | None = None
# SQLite adds to many-to-many tables with INSERT OR IGNORE; PostgreSQL with INSERT … ON CONFLICT.
_WRITE = re.compile(r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(\w+)', re.IGNORECASE)


def register(app_config: AppConfig) -> None:
    """Version the data of `app_config`'s models: writes to them retire cached lists."""
    global _versioned_tables
    _registered_apps.add(app_config.label)
    _versioned_tables = None


def register_models(*models) -> None:
    """Version these models' tables only, not their whole app's (an app some of whose tables every login
    writes, as auth's user table)."""
    global _versioned_tables
    _registered_models.update(models)
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
        } | {model._meta.db_table.lower() for model in _registered_models}
    return _versioned_tables


def data_version(using: str = DEFAULT_DB_ALIAS) -> int:
    """The committed version, from the shared cache when there is one (see `shared_copy`), else the database.

    Inside a transaction it is always the database's: the transaction may have bumped it already.
    """
    connection = connections[using]
    shared = settings.DATA_VERSION_IN_CACHE and not connection.in_atomic_block
    if shared and (number := caches["default"].get(_shared_key(using))) is not None:
        return number
    number = _read(connection)
    if shared:
        _raise_shared_copy(using, number)
    return number


def _read(connection) -> int:
    from common.models import DataVersion

    _forget_bump(connection)
    # Plain SQL: building the ORM query cost more than running it.
    quote, meta = connection.ops.quote_name, DataVersion._meta
    number, table, key = quote(meta.get_field("number").column), quote(meta.db_table), quote(meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {number} FROM {table} WHERE {key} = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def data_version_bump(using: str = DEFAULT_DB_ALIAS) -> None:
    from common.models import DataVersion

    if not DataVersion.objects.using(using).filter(pk=1).update(number=F("number") + 1):
        # No row yet (a new or just-emptied database). Not get_or_create: its savepoint cannot open on SQLite
        # while the write being counted still has rows to read (a bulk insert returning its ids).
        DataVersion.objects.using(using).bulk_create([DataVersion(pk=1, number=1)], ignore_conflicts=True)
    if settings.DATA_VERSION_IN_CACHE:
        # After the commit (at once in autocommit), before the writer's response leaves: every server's next
        # request sees the new number. Dropped with the transaction on rollback.
        # Robust: the data is committed whatever happens to the cache; the copy then expires on its own.
        transaction.on_commit(lambda: _raise_shared_copy(using, _read(connections[using])), using=using, robust=True)


# The shared copy of the version (settings.DATA_VERSION_IN_CACHE, on with Redis). Reading the database's
# number on every request to a cached list was a round trip to PostgreSQL (and Django's connection health
# check a second one) for a body that is otherwise one cache read: most of a cached answer's cost. The copy
# only rises: a writer raises it after its commit, a reader that found none raises it to what it read, so
# an older number written late can never replace a newer one. It expires after a while, so a copy left
# behind (a writer killed between its commit and the raise) is read again from the database within that time.
SHARED_SECONDS = 10
_RAISE = """
local current = tonumber(redis.call('GET', KEYS[1]) or '-1')
if current < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) end
"""
_raise_lock = threading.Lock()


def database_label(using: str = DEFAULT_DB_ALIAS) -> str:
    """Which database a version counts: two atlases (or benchmarks) sharing one Redis must not share keys."""
    database = settings.DATABASES[using]
    return f"{database.get('HOST') or ''}:{database.get('PORT') or ''}:{database['NAME']}"


def _shared_key(using: str) -> str:
    return f"data-version:{database_label(using)}"


def _raise_shared_copy(using: str, number: int) -> None:
    key, cache = _shared_key(using), caches["default"]
    if (client := redis_client(cache)) is not None:
        # One script, so the compare and the set are one step for Redis (Django's cache API has no such call).
        client.eval(_RAISE, 1, cache.make_and_validate_key(key), number, SHARED_SECONDS)
        return
    with _raise_lock:  # a cache in this process's memory (tests): the lock makes the compare and set one step
        current = cache.get(key)
        if current is None or current < number:
            cache.set(key, number, timeout=SHARED_SECONDS)


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
