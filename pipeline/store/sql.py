"""Quoting for the SQL the store composes, where DuckDB takes no bind parameter: COMMENT ON (its
text), identifiers (table, column and database names), and USE. Values go as `?` parameters
everywhere else."""
from __future__ import annotations


def quote_literal(text: str) -> str:
    """`text` as a SQL string literal: in single quotes, each one inside doubled."""
    return "'" + text.replace("'", "''") + "'"


def quote_identifier(name: str) -> str:
    """`name` as a quoted SQL identifier: in double quotes, each one inside doubled."""
    return '"' + name.replace('"', '""') + '"'
