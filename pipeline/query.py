"""Read-only SQL for analysts, and the status report: library functions behind `query` and `status`."""
from __future__ import annotations

import io
import json
import math
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from pipeline.errors import QueryError, WarehouseError
from pipeline.store.replica import open_for_reading
from pipeline.store.reviewstore import attach_reviews

FORMATS = ("table", "csv", "json", "parquet")


# What analysts may run: reading statements only. The connection is read-only, but ATTACH (of the live
# warehouse or the reviews file, read-write), COPY/EXPORT (writing files), SET, INSTALL/LOAD are not
# bound by that; DESCRIBE, SHOW and SUMMARIZE parse as SELECT.
_READING = frozenset((duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN))
# Set after attaching the reviews and locked, so no statement can undo them.
_READER_SETTINGS = ("SET autoinstall_known_extensions = false", "SET autoload_known_extensions = false",
                    "SET lock_configuration = true")


def run_query(warehouse: Path, sql: str) -> pd.DataFrame:
    """Run `sql` on the last published state of the warehouse (see replica.py), with the analysts'
    verdicts attached as `reviews` when there are any. Only one reading statement runs."""
    check_reading(sql)
    con = open_for_reading(warehouse)
    try:
        attach_reviews(con, warehouse)
        for setting in _READER_SETTINGS:
            con.execute(setting)
        return _df(con, sql)
    finally:
        con.close()


def run_lake_query(lake_dir: Path, sql: str) -> pd.DataFrame:
    """Run `sql` on the Parquet lake (pipeline.backfill.lake): views articles and facts over its
    committed runs. Only one reading statement runs."""
    from pipeline.backfill.lake import open_lake

    check_reading(sql)
    con = open_lake(lake_dir)
    try:
        for setting in _READER_SETTINGS:
            con.execute(setting)
        return _df(con, sql)
    finally:
        con.close()


# What analysts take away: every verdict ever given, and each reviewed fact with the verdict in force
EXPORTS = {
    "verdicts": "SELECT * FROM reviews.verdicts ORDER BY decided_at, verdict_id",
    "reviewed": """SELECT f.fact_id, f.article_id, f.kind, f.text, f.section, f.value, f.value_max, f.qualifier,
            f.unit, f.currency, f.numerator, f.denominator, f.date, f.period_start, f.period_end, f.person,
            f.title, f.organization, f.doc_type, f.doc_number, f.measure, f.place, f.ref_start, f.ref_end,
            f.rule_id, f.sentence, a.site, a.title AS article_title, COALESCE(a.canonical_url, a.url) AS article_url,
            v.verdict, v.reason, v.corrected_value, v.note, v.reviewer, v.decided_at
        FROM reviews.latest_verdicts v JOIN facts f USING (fact_id) JOIN articles a ON a.article_id = f.article_id
        ORDER BY v.decided_at, f.fact_id""",
}


def export_rows(warehouse: Path, name: str) -> pd.DataFrame:
    """One of EXPORTS as a DataFrame (empty, with its columns, before the first verdict)."""
    if name not in EXPORTS:
        raise QueryError(f"unknown export {name!r}; there are: {', '.join(EXPORTS)}")
    con = open_for_reading(Path(warehouse))
    try:
        attach_reviews(con, Path(warehouse))
        return _df(con, EXPORTS[name])
    finally:
        con.close()


def dataframe(sql: str, warehouse: Path | str = "warehouse.duckdb") -> pd.DataFrame:
    """For notebooks: `sql` on the warehouse as a pandas DataFrame (what `newsfacts query` runs)."""
    return run_query(Path(warehouse), sql)


def connect(warehouse: Path | str = "warehouse.duckdb") -> duckdb.DuckDBPyConnection:
    """For notebooks: a read-only connection on the last published state of the warehouse, the
    verdicts attached as `reviews`. `con.sql("...")` is a DuckDB relation, `.df()` makes it a pandas
    DataFrame. Close it when done; it never blocks the nightly run (it reads the replica)."""
    warehouse = Path(warehouse)
    con = open_for_reading(warehouse)
    try:
        attach_reviews(con, warehouse)
        con.execute("SET autoinstall_known_extensions = false")
    except BaseException:
        con.close()
        raise
    return con


def check_reading(sql: str) -> None:
    """QueryError unless `sql` is exactly one SELECT-like statement."""
    if not sql.strip():
        raise QueryError("empty query")
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryError(f"query failed: {str(exc).splitlines()[0]}") from None
    if not statements:
        raise QueryError("empty query")
    if len(statements) > 1:
        raise QueryError(f"query failed: {len(statements)} statements given; run one at a time")
    kind = statements[0].type
    if kind not in _READING:
        raise QueryError(f"query failed: {kind.name} is not allowed: the warehouse is read-only here "
                         f"(SELECT, WITH, EXPLAIN, DESCRIBE, SHOW, SUMMARIZE)")


def _df(con, sql: str, params: list | None = None) -> pd.DataFrame:
    try:
        result = con.execute(sql, params) if params else con.execute(sql)
        df = result.df()
    except duckdb.Error as exc:
        # DuckDB's whole message: its "Did you mean", candidate bindings and the caret under the
        # place in the query are what an analyst fixes the query with
        raise QueryError(f"query failed: {str(exc).strip()}") from None
    # pandas turns DATE into a timestamp at midnight: keep it a date (table, CSV, JSON, Parquet)
    dates = [name for name, type_code, *_ in result.description or [] if str(type_code) == "DATE"]
    for name in dates:
        if name in df.columns and df[name].ndim == 1:
            df[name] = pd.Series([None if pd.isna(v) else v.date() for v in df[name]], dtype=object,
                                 index=df.index)
    df.attrs["date_columns"] = dates
    for name in [c for c, dtype in df.dtypes.items() if dtype.kind == "O"]:
        # LIST columns arrive as numpy (masked) arrays, whose NULLs JSON would write as 0
        if df[name].ndim == 1 and any(isinstance(v, (np.ndarray, dict)) for v in df[name]):
            df[name] = pd.Series([_python(v) for v in df[name]], dtype=object, index=df.index)
    return df


def _python(v):
    if isinstance(v, np.ndarray):
        return [_python(x) for x in v.tolist()]   # tolist() turns a masked entry into None
    if isinstance(v, list):
        return [_python(x) for x in v]
    if isinstance(v, dict):
        return {k: _python(x) for k, x in v.items()}
    return v


def render(df: pd.DataFrame, fmt: str, output: Path | None, wide: bool = False) -> str | None:
    """Write `df` to `output` in `fmt`, or return it as text for stdout (parquet needs a file); the
    table format cuts long cells unless `wide`."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}")
    if fmt == "parquet":
        if output is None:
            raise QueryError("--format parquet needs --output FILE")
        try:
            df.to_parquet(output, index=False)
        except OSError as exc:
            raise WarehouseError(f"cannot write {output}: {exc.strerror or exc}") from None
        return None
    if fmt == "table":
        text = format_table(df, max_width=None if wide else 60)
    elif fmt == "csv":
        text = format_csv(df)
    else:
        buf = io.StringIO()
        dates = [c for c in df.attrs.get("date_columns", []) if c in df.columns]
        for record in json.loads(df.to_json(orient="records", date_format="iso", force_ascii=False)):
            for c in dates:
                if record.get(c):
                    record[c] = record[c][:10]
            buf.write(json.dumps(record, ensure_ascii=False) + "\n")
        text = buf.getvalue()
    if output is None:
        return text
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise WarehouseError(f"cannot write {output}: {exc.strerror or exc}") from None
    return None


def _is_null(v) -> bool:
    # pandas spells a missing value None, NaN, NaT or <NA> by column type; a list cell is never one
    return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v))


def _plain(v) -> str:
    """A value as DuckDB's own shell writes it: true/false, [1, 2], 3 for a whole 3.0."""
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e18:
        return str(int(v))
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join("NULL" if _is_null(x) else _plain(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {'NULL' if _is_null(x) else _plain(x)}" for k, x in v.items()) + "}"
    return str(v)


def format_csv(df: pd.DataFrame) -> str:
    """CSV as DuckDB's COPY writes it: NULL an empty field, an empty string a quoted one, so the two
    stay apart."""
    def field(v) -> str:
        if _is_null(v):
            return ""
        s = repr(v) if isinstance(v, float) else _plain(v)   # 1.0 stays a DOUBLE
        return '"' + s.replace('"', '""') + '"' if s == "" or any(c in s for c in ',"\r\n') else s

    lines = [",".join(field(str(c)) for c in df.columns)]
    lines += [",".join(field(v) for v in row) for row in df.itertuples(index=False, name=None)]
    return "\n".join(lines) + "\n"


def format_table(df: pd.DataFrame, max_width: int | None = 60) -> str:
    """A plain aligned text table; cells longer than `max_width` are cut so a row stays on one line
    (None: never)."""
    if df.empty and not len(df.columns):
        return "(no result)\n"

    def cell(v) -> str:
        s = "NULL" if _is_null(v) else _plain(v).replace("\n", " ")
        return s if max_width is None or len(s) <= max_width else s[:max_width - 1] + "…"

    rows = [[cell(v) for v in r] for r in df.itertuples(index=False, name=None)]
    head = [str(c) for c in df.columns]
    widths = [max([len(head[i])] + [len(r[i]) for r in rows]) for i in range(len(head))]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()  # noqa: E731
    out = [line(head), line(["-" * w for w in widths])] + [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def table_list(warehouse: Path) -> pd.DataFrame:
    """The tables and views an analyst can query, with what each holds (their COMMENTs)."""
    con = open_for_reading(warehouse)
    try:
        attach_reviews(con, warehouse)
        return _df(con, """SELECT CASE WHEN database_name = 'reviews' THEN 'reviews.' ELSE '' END || name AS name,
                   kind, comment FROM (
                SELECT database_name, table_name AS name, 'table' AS kind, comment FROM duckdb_tables()
                UNION ALL
                SELECT database_name, view_name, 'view', comment FROM duckdb_views() WHERE NOT internal)
            WHERE database_name IN ('warehouse', 'reviews') ORDER BY database_name DESC, kind, name""")
    finally:
        con.close()


def table_schema(warehouse: Path, name: str) -> pd.DataFrame:
    """The columns of one table or view (`reviews.verdicts` for the analysts' verdicts), with their
    types and COMMENTs; QueryError naming the tables when there is no such one."""
    prefix, _, table = name.rpartition(".")
    database = {"": "warehouse", "reviews": "reviews"}.get(prefix.lower())
    con = open_for_reading(warehouse)
    try:
        attach_reviews(con, warehouse)
        df = _df(con, """SELECT column_name AS "column", data_type AS type, comment FROM duckdb_columns()
            WHERE database_name = ? AND table_name = ? ORDER BY column_index""", [database or "", table])
    finally:
        con.close()
    if df.empty:
        names = ", ".join(table_list(warehouse)["name"])
        raise QueryError(f"no table or view {name!r}; there are: {names}")
    return df


def _scalar(con, sql: str):
    row = con.execute(sql).fetchone()
    return row[0] if row else None


def status_report(warehouse: Path, last: int = 5) -> str:
    con = open_for_reading(warehouse)
    try:
        counts = {t: _scalar(con, f"SELECT count(*) FROM {t}") for t in ("runs", "articles", "facts", "fetches")}
        runs = _df(con, f"""SELECT run_id, mode, status, started_at, finished_at, articles_new AS new,
            articles_updated AS updated, articles_unchanged AS unchanged, facts_loaded AS facts,
            fetches, failures FROM runs ORDER BY started_at DESC LIMIT {int(last)}""")
        kinds = _df(con, "SELECT kind, count(*) AS facts FROM facts GROUP BY 1 ORDER BY 2 DESC")
        articles = _df(con, """SELECT site, extraction_status, count(*) AS articles,
            count(*) FILTER (WHERE NOT parse_complete) AS partial_parses
            FROM articles GROUP BY 1, 2 ORDER BY 1, 2""")
        migrations = [r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()]
    finally:
        con.close()
    parts = [f"warehouse: {warehouse} (schema version {max(migrations, default=0)})",
             "rows: " + ", ".join(f"{k} {v}" for k, v in counts.items()),
             "", "last runs:", format_table(runs), "articles:", format_table(articles),
             "facts by kind:", format_table(kinds)]
    return "\n".join(parts)
