"""The data epoch: a random value that the database itself replaces on every write to the atlas's data.

A cached body's key holds the epoch it was built at (common/response_cache.py), so the key names the data:

- The epoch is changed by triggers, not by Python: every INSERT, UPDATE, DELETE (and on PostgreSQL every
  TRUNCATE) on a registered app's tables replaces it in the same statement, so in the same transaction.
  Save, bulk operations, raw SQL through Django's connection, `flush`, `loaddata`, the corpus loader, the
  importers, even `psql`: no path has to remember it. A rollback takes the new value back with the data.
- It is random, not a counter: a database made again (`flush`, a new corpus, a test database) never
  repeats an epoch that bodies were cached under, and a restored dump brings back the dump's own epoch,
  under which only bodies built from that very data can have been kept.
- `migrate` (and so `flush`, which re-runs post_migrate) installs the triggers on every registered table,
  tables made by later migrations included, and sets a new epoch: a migration may change what the same
  rows look like.

Apps whose tables hold the public atlas register themselves (`register(self)` in AppConfig.ready). Tables
that every login writes (sessions, users, axes) are not the atlas's data and are not watched.
"""

from __future__ import annotations

from django.apps import AppConfig, apps
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

EPOCH_TABLE = "common_dataepoch"
_TRIGGER = "chronoatlas_epoch"
_registered_apps: set[str] = set()


def register(app_config: AppConfig) -> None:
    """Watch `app_config`'s tables: a write to any of them gives the database a new epoch."""
    _registered_apps.add(app_config.label)


def registered_apps() -> frozenset[str]:
    return frozenset(_registered_apps)


def watched_tables(connection) -> list[str]:
    """The registered apps' tables (many-to-many ones included) that exist in this database."""
    wanted = {
        model._meta.db_table
        for label in _registered_apps
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    return sorted(wanted & set(connection.introspection.table_names()))


def data_epoch(using: str = DEFAULT_DB_ALIAS) -> str | None:
    """The database's epoch as this connection sees it (inside a transaction, the transaction's own), or None
    when there is none to read (a database not migrated yet): then nothing may be cached."""
    connection = connections[using]
    # On a connection kept from an earlier request Django first sends a health check (SELECT 1): a second
    # round trip to the database on every cached answer, which under `make serve` cost more than the rest of
    # the answer (docs/performance.md, "One cache"). This read is that check instead: a connection that died
    # between requests (the database restarted) fails it, is closed, and the read is made on a new one.
    checks_health = (
        connection.health_check_enabled
        and not connection.health_check_done
        and connection.connection is not None
        and not connection.in_atomic_block
    )
    if checks_health:
        connection.health_check_done = True
        try:
            return _read_epoch(connection)
        except DatabaseError:
            connection.close()
    return _read_epoch(connection)


def _read_epoch(connection) -> str | None:
    with connection.cursor() as cursor:
        # Plain SQL: one indexed row, on every cached answer; building the ORM query cost more than running it.
        cursor.execute(f"SELECT value FROM {EPOCH_TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None


def _new_value_sql(vendor: str) -> str:
    if vendor == "postgresql":
        return "replace(gen_random_uuid()::text, '-', '')"  # core since PostgreSQL 13
    return "lower(hex(randomblob(16)))"


def new_epoch(using: str = DEFAULT_DB_ALIAS) -> None:
    """Give the database a new epoch now (after a migration: the same rows may read differently)."""
    connection = connections[using]
    value = _new_value_sql(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {EPOCH_TABLE} (id, value) VALUES (1, {value}) "
            "ON CONFLICT (id) DO UPDATE SET value = excluded.value"
        )


def install_triggers(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """(Re)install the epoch triggers on every watched table; returns the tables. Idempotent."""
    connection = connections[using]
    tables = watched_tables(connection)
    if connection.vendor == "postgresql":
        statements = _postgresql_triggers(connection, tables)
    elif connection.vendor == "sqlite":
        statements = _sqlite_triggers(connection, tables)
    else:  # pragma: no cover - the settings accept SQLite and PostgreSQL only
        raise NotImplementedError(f"the data epoch has no triggers for {connection.vendor}")
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    return tables


def _postgresql_triggers(connection, tables: list[str]) -> list[str]:
    quote = connection.ops.quote_name
    function = f"{_TRIGGER}_renew"
    statements = [
        # Statement-level: a bulk insert of 10,000 rows replaces the epoch once, not 10,000 times.
        f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO {EPOCH_TABLE} (id, value) VALUES (1, {_new_value_sql("postgresql")})
            ON CONFLICT (id) DO UPDATE SET value = excluded.value;
            RETURN NULL;
        END $$""",
        # The epoch's own row emptied (a TRUNCATE of every table, as `flush` does) comes back with a new value.
        f"DROP TRIGGER IF EXISTS {_TRIGGER} ON {EPOCH_TABLE}",
        f"CREATE TRIGGER {_TRIGGER} AFTER DELETE OR TRUNCATE ON {EPOCH_TABLE} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
    ]
    for table in tables:
        statements += [
            f"DROP TRIGGER IF EXISTS {_TRIGGER} ON {quote(table)}",
            f"CREATE TRIGGER {_TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {quote(table)} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        ]
    return statements


def _sqlite_triggers(connection, tables: list[str]) -> list[str]:
    # SQLite has row-level triggers only (and no TRUNCATE: `flush` deletes). Measured in docs/performance.md.
    quote = connection.ops.quote_name
    renew = (
        f"INSERT INTO {EPOCH_TABLE} (id, value) VALUES (1, {_new_value_sql('sqlite')}) "
        "ON CONFLICT (id) DO UPDATE SET value = excluded.value;"
    )
    statements = [
        f"DROP TRIGGER IF EXISTS {_TRIGGER}_{EPOCH_TABLE}_delete",
        f"CREATE TRIGGER {_TRIGGER}_{EPOCH_TABLE}_delete AFTER DELETE ON {EPOCH_TABLE} BEGIN {renew} END",
    ]
    for table in tables:
        for operation in ("insert", "update", "delete"):
            name = quote(f"{_TRIGGER}_{table}_{operation}")
            statements += [
                f"DROP TRIGGER IF EXISTS {name}",
                f"CREATE TRIGGER {name} AFTER {operation.upper()} ON {quote(table)} BEGIN {renew} END",
            ]
    return statements


def drop_triggers(using: str = DEFAULT_DB_ALIAS) -> None:
    """Remove every epoch trigger (migrating back to before the epoch existed)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP FUNCTION IF EXISTS {_TRIGGER}_renew() CASCADE")  # and the triggers calling it
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [f"{_TRIGGER}%"])
            for (name,) in cursor.fetchall():
                cursor.execute(f"DROP TRIGGER IF EXISTS {connection.ops.quote_name(name)}")


def after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """post_migrate, once per `migrate` or `flush` (sent for each app; acted on for this one, sent after
    every migration has run): the triggers on every watched table, then a new epoch."""
    if sender.label != "common" or EPOCH_TABLE not in connections[using].introspection.table_names():
        return  # migrated back to before the epoch
    install_triggers(using)
    new_epoch(using)
