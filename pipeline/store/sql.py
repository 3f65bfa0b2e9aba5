"""Quoting for the SQL the store composes, where DuckDB takes no bind parameter: COMMENT ON (its
text), identifiers (table, column and database names), and USE. Values go as `?` parameters
everywhere else. And the transaction block every writer uses."""
from __future__ import annotations

import contextlib
import logging
from typing import Iterator

import duckdb

log = logging.getLogger(__name__)


def quote_literal(text: str) -> str:
    """`text` as a SQL string literal: in single quotes, each one inside doubled."""
    return "'" + text.replace("'", "''") + "'"


def quote_identifier(name: str) -> str:
    """`name` as a quoted SQL identifier: in double quotes, each one inside doubled."""
    return '"' + name.replace('"', '""') + '"'


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """BEGIN, then COMMIT when the block ends, ROLLBACK when an exception leaves it (the one place
    that writes these three statements)."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error as exc:   # none open (a failed COMMIT ends it) or the connection is gone
            log.warning("rollback failed: %s", str(exc).splitlines()[0])
        raise
