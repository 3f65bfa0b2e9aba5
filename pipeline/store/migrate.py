"""Numbered SQL migrations: the one runner for both DuckDB files the pipeline keeps.

A migration is a file `NNN_name.sql` shipped in a package (pipeline.store.migrations for the
warehouse, pipeline.store.review_migrations for reviews.duckdb). The pending ones are applied in
order, each in its own transaction together with its row in the database's `schema_migrations`, so a
database is at exactly the versions that table lists and a failed migration leaves it as it was.
"""
from __future__ import annotations

import logging
import re
from datetime import datetime, timezone
from importlib import resources
from typing import Callable

import duckdb

from pipeline.errors import WarehouseError
from pipeline.store.sql import transaction

log = logging.getLogger(__name__)

MIGRATION_NAME = re.compile(r"^(\d{3})_(\w+)\.sql$")
Migration = tuple[int, str, str]   # (version, name, sql)


def shipped(package: str) -> list[Migration]:
    """(version, name, sql) of every migration file in `package`, in order."""
    found = []
    for entry in resources.files(package).iterdir():
        m = MIGRATION_NAME.match(entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found)


def applied(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Versions recorded in the current database's schema_migrations (none before the first)."""
    # the current database's own table: another attached one (reviews beside the warehouse) has one too
    found = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_migrations' "
                        "AND database_name = current_database() AND schema_name = current_schema()"
                        ).fetchone()   # count(*): always one row
    if found is None or not found[0]:
        return []
    return [r[0] for r in con.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()]


def apply_pending(con: duckdb.DuckDBPyConnection, migrations: list[Migration], target: str,
                  after_each: Callable[[], None] | None = None) -> list[int]:
    """Apply the migrations not yet recorded in the current database, each in its own transaction
    (`after_each` runs inside it, after the migration's SQL); return the versions applied.
    `target` names the database in schema_migrations' comment ("warehouse")."""
    con.execute("""CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)""")
    con.execute(f"COMMENT ON TABLE schema_migrations IS 'Schema migrations applied to this {target}.'")
    con.execute("COMMENT ON COLUMN schema_migrations.version IS 'Migration number.'")
    con.execute("COMMENT ON COLUMN schema_migrations.name IS 'Migration file name without number.'")
    con.execute("COMMENT ON COLUMN schema_migrations.applied_at IS 'When it was applied.'")
    done = set(applied(con))
    versions = []
    for version, name, sql in migrations:
        if version in done:
            continue
        try:
            with transaction(con):
                con.execute(sql)
                if after_each is not None:
                    after_each()
                con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                            [version, name, datetime.now(timezone.utc)])
        except duckdb.Error as exc:
            raise WarehouseError(f"migration {version:03d}_{name} failed: {str(exc).splitlines()[0]}") from None
        versions.append(version)
        log.info("applied migration %03d_%s to the %s", version, name, target)
    return versions
