"""The DuckDB warehouse: migrations, run records, bulk loads and read-only queries."""
from __future__ import annotations

import contextlib
import logging
import operator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Mapping, Sequence

import duckdb
import pandas as pd
import pyarrow as pa

from extractors.facts import FIELD_TYPES, SCHEMA_FIELDS, Fact
from extractors.kinds import KINDS
from extractors.unitkey import unit_key
from pipeline.config import Config
from pipeline.errors import ConfigError, MissingInputError, WarehouseError
from pipeline.store.migrate import Migration, applied, apply_pending, shipped
from pipeline.store.replica import DEFAULT_MODE, publish_replica
from pipeline.store.rows import (ARTICLE_COLUMNS, FETCH_COLUMNS, FRONTIER_COLUMNS, ArticleRow, FetchRow,
                                 FrontierRow, as_article_row)
from pipeline.store.sql import quote_identifier, quote_literal, transaction

log = logging.getLogger(__name__)

FACT_COLUMNS = ("fact_id", "article_id", *SCHEMA_FIELDS, "measure_key", "sentence", "sentence_start",
                "rule_id", "extractor_version", "run_id", "section", "unit_key")
MAX_ATTEMPTS = Config().max_attempts  # failed fetches in a row before a URL is given up (max_attempts)
# A failed URL waits 1, 2, 4, 8 hours before its next try (a night's run is usually the next chance).
# The parameter (?) is max_attempts.
_FRONTIER_UPSERT = """
INSERT INTO frontier (url, site, status, attempts, etag, last_modified, content_sha256, reason,
                      first_seen_at, last_fetch_at, last_run)
SELECT url, site, status, CASE WHEN status = 'failed' THEN 1 ELSE 0 END, etag, last_modified,
       content_sha256, reason, last_fetch_at, last_fetch_at, last_run FROM {frontier}
ON CONFLICT (url) DO UPDATE SET
    attempts = CASE WHEN excluded.status = 'failed' THEN frontier.attempts + 1 ELSE 0 END,
    status = CASE WHEN excluded.status = 'failed' AND frontier.attempts + 1 >= ?
                  THEN 'gave_up' ELSE excluded.status END,
    next_fetch_at = CASE WHEN excluded.status = 'failed'
                         THEN excluded.last_fetch_at + to_hours(CAST(power(2, frontier.attempts) AS BIGINT)) END,
    etag = COALESCE(excluded.etag, frontier.etag),
    last_modified = COALESCE(excluded.last_modified, frontier.last_modified),
    content_sha256 = COALESCE(excluded.content_sha256, frontier.content_sha256),
    reason = excluded.reason, last_fetch_at = excluded.last_fetch_at, last_run = excluded.last_run
"""
_DATE_COLUMNS = ("period_start", "period_end", "issued", "ref_start", "ref_end")


def migrations() -> list[Migration]:
    """(version, name, sql) of every warehouse migration shipped with the package, in order."""
    return shipped("pipeline.store.migrations")


@dataclass(slots=True)
class ArticleState:
    article_id: str
    content_sha256: str | None
    etag: str | None
    last_modified: str | None
    extractor_version: str | None


@dataclass(slots=True)
class Loaded:
    """What Warehouse.load_relations wrote."""
    articles: int = 0       # article rows inserted or updated
    replaced: int = 0       # of which were stored before (their facts replaced)
    facts: int = 0          # fact rows inserted


class Warehouse:
    """A read-write connection. Use as a context manager; `migrate()` runs on open."""

    def __init__(self, path: Path, read_only: bool = False, memory_limit: str | None = None):
        self.path = Path(path)
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise MissingInputError(f"warehouse {self.path} does not exist (run `newsfacts run --demo` "
                                    f"or `newsfacts migrate` first)")
        try:
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as exc:
            first = str(exc).splitlines()[0]
            if "lock" in first.lower():
                raise WarehouseError(f"warehouse {self.path} is open for writing by another process: "
                                     f"{first}") from None
            raise WarehouseError(f"cannot open warehouse {self.path}: {first}") from None
        except (duckdb.Error, OSError) as exc:
            raise WarehouseError(f"cannot open warehouse {self.path}: {str(exc).splitlines()[0]}") from None
        self._transaction_depth = 0     # transaction(): how many blocks are open
        self._transaction_failed = False
        self.con.execute("SET TimeZone = 'UTC'")
        if memory_limit:
            # DuckDB would otherwise cache up to 80 % of RAM: a backfill's memory must stay flat
            try:
                self.con.execute("SET memory_limit = ?", [memory_limit])
            except duckdb.Error as exc:
                self.con.close()
                raise ConfigError(f"memory_limit = {memory_limit!r}: {str(exc).splitlines()[0]}") from None
        if not read_only:
            self.migrate()

    def __enter__(self) -> "Warehouse":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator["Warehouse"]:
        """BEGIN, then COMMIT when the block ends, ROLLBACK when an exception leaves it.

        Nestable: a block inside an open one joins it, and only the outermost commits, so that a
        job can make one transaction of steps that each open their own (a batch's load and its
        checks). An exception leaving an inner block dooms the whole transaction: the outermost
        block rolls back even if the exception was caught in between, and then raises
        WarehouseError."""
        if self._transaction_depth:
            self._transaction_depth += 1
            try:
                yield self
            except BaseException:
                self._transaction_failed = True
                raise
            finally:
                self._transaction_depth -= 1
            return
        self._transaction_depth, self._transaction_failed = 1, False
        try:
            with transaction(self.con):
                yield self
                if self._transaction_failed:
                    raise WarehouseError("rolled back: a step of the transaction failed")
        finally:
            self._transaction_depth, self._transaction_failed = 0, False

    # --- schema -----------------------------------------------------------------------------
    def applied_migrations(self) -> list[int]:
        return applied(self.con)

    def migrate(self) -> list[int]:
        """Apply pending migrations, each in its own transaction; return the versions applied."""
        return apply_pending(self.con, migrations(), "warehouse", after_each=self._comment_view_columns)

    def _comment_view_columns(self) -> None:
        """View columns carry the comment of the table column they show (derived, so never stale)."""
        rows = self.con.execute("""
            SELECT v.table_name, v.column_name, t.comment FROM duckdb_columns() v
            JOIN duckdb_views() dv ON dv.view_name = v.table_name AND NOT dv.internal
            JOIN duckdb_columns() t ON t.column_name = v.column_name
                 AND t.table_name IN ('facts', 'articles') AND t.comment IS NOT NULL
            WHERE v.comment IS NULL
            QUALIFY row_number() OVER (PARTITION BY v.table_name, v.column_name
                                       ORDER BY t.table_name = 'facts' DESC) = 1""").fetchall()
        extra = {"site": "Configured site name of the article.",
                 "original_id": "article_id of the original the republication names.",
                 "original_site": "Site of the original.", "original_title": "Headline of the original.",
                 "original_url": "Canonical URL of the original.",
                 "article_title": "Headline of the article.",
                 "article_url": "Canonical URL of the article.",
                 "share": "numerator / denominator.",
                 "date_first_day": "First day of the date, for date arithmetic."}
        for view, column, comment in rows:
            self.con.execute(f"COMMENT ON COLUMN {quote_identifier(view)}.{quote_identifier(column)} "
                             f"IS {quote_literal(comment)}")
        for view, column in self.con.execute("""
                SELECT c.table_name, c.column_name FROM duckdb_columns() c
                JOIN duckdb_views() dv ON dv.view_name = c.table_name AND NOT dv.internal
                WHERE c.comment IS NULL""").fetchall():
            if column in extra:
                self.con.execute(f"COMMENT ON COLUMN {quote_identifier(view)}.{quote_identifier(column)} "
                                 f"IS {quote_literal(extra[column])}")

    # --- runs and fetches -------------------------------------------------------------------
    def start_run(self, run_id: str, mode: str, sites: list[str], extractor_version: str) -> None:
        self.con.execute("INSERT INTO runs (run_id, started_at, status, mode, sites, extractor_version) "
                         "VALUES (?, ?, 'running', ?, ?, ?)",
                         [run_id, datetime.now(timezone.utc), mode, ",".join(sites), extractor_version])

    def finish_run(self, run_id: str, status: str, counts: dict[str, int], message: str) -> None:
        self.con.execute("""UPDATE runs SET finished_at = ?, status = ?, articles_new = ?,
            articles_updated = ?, articles_unchanged = ?, articles_reextracted = ?, facts_loaded = ?,
            fetches = ?, failures = ?, message = ? WHERE run_id = ?""",
                         [datetime.now(timezone.utc), status, counts.get("articles_new", 0),
                          counts.get("articles_updated", 0), counts.get("articles_unchanged", 0),
                          counts.get("articles_reextracted", 0), counts.get("facts_loaded", 0),
                          counts.get("fetches", 0),
                          counts.get("failures", 0), message, run_id])

    def record_run_site(self, row: dict) -> None:
        """What a run did on one site (run_sites); replaces the row of a run resumed on the site."""
        columns = ("run_id", "site", "started_at", "seconds", "articles_new", "articles_updated",
                   "articles_unchanged", "facts_loaded", "fetches", "failures", "error")
        self.con.execute(f"INSERT OR REPLACE INTO run_sites ({', '.join(columns)}) "
                         f"VALUES ({', '.join('?' * len(columns))})", [row[c] for c in columns])

    def article_state(self, canonical_urls: Sequence[str | None]) -> dict[str, ArticleState]:
        """What is stored for these URLs (matched by article url or canonical url)."""
        return article_state(self.con, canonical_urls)

    # --- the frontier ------------------------------------------------------------------------
    def frontier_discovered(self, site: str, urls: list[str], run_id: str) -> None:
        """Record newly discovered URLs as 'new' (known ones keep their state)."""
        if not urls:
            return
        df = pd.DataFrame({"url": urls})
        self.con.register("discovered", df)
        try:
            self.con.execute("""INSERT INTO frontier (url, site, status, first_seen_at, last_run)
                SELECT DISTINCT url, ?, 'new', ?, ? FROM discovered ON CONFLICT (url) DO NOTHING""",
                             [site, datetime.now(timezone.utc), run_id])
        finally:
            self.con.unregister("discovered")

    def frontier_due(self, site: str) -> list[str]:
        """URLs left from earlier runs: never fetched (a run was killed) or failed and due again."""
        return frontier_due(self.con, site)

    def same_content_elsewhere(self, article_id: str, content_sha256: str | None) -> str | None:
        """URL of another stored article with exactly this content (a duplicate under a second URL)."""
        row = self.con.execute("SELECT url FROM articles WHERE content_sha256 = ? AND article_id <> ? LIMIT 1",
                               [content_sha256, article_id]).fetchone()
        return row[0] if row else None

    def mark_seen(self, article_ids: list[str], run_id: str) -> None:
        if article_ids:
            self.con.execute("UPDATE articles SET last_seen_run = ? WHERE article_id IN (SELECT unnest(?))",
                             [run_id, article_ids])

    # --- bulk loads -------------------------------------------------------------------------
    def load_batch(self, articles: Sequence[ArticleRow | Mapping], facts_by_article: dict[str, list[Fact]],
                   fetches: Sequence[FetchRow | Mapping], run_id: str,
                   frontier: Sequence[FrontierRow | Mapping] | None = None,
                   max_attempts: int = MAX_ATTEMPTS) -> int:
        """Upsert articles, replace their facts, append fetch rows, update the frontier: one
        transaction, all or nothing, so a run killed at any point leaves them consistent. A URL whose
        fetch failed `max_attempts` times in a row is given up."""
        frames = {"batch_articles": pd.DataFrame(articles, columns=list(ARTICLE_COLUMNS)),
                  "batch_facts": facts_table(articles, facts_by_article),
                  "batch_fetches": pd.DataFrame(fetches, columns=list(FETCH_COLUMNS)),
                  "batch_frontier": pd.DataFrame(frontier or [], columns=list(FRONTIER_COLUMNS))}
        named = {name: name for name, frame in frames.items() if len(frame)}
        try:
            with self.transaction():    # BEGIN first: it ends a caller's unfinished result, which register refuses
                for name in named:
                    self.con.register(name, frames[name])
                loaded = self.load_relations(run_id, named.get("batch_articles"), named.get("batch_facts"),
                                             named.get("batch_fetches"), named.get("batch_frontier"), max_attempts)
        finally:
            for name in named:
                try:
                    self.con.unregister(name)
                except duckdb.Error:
                    pass
        return loaded.facts

    def load_relations(self, run_id: str, articles: str | None = None, facts: str | None = None,
                       fetches: str | None = None, frontier: str | None = None,
                       max_attempts: int = MAX_ATTEMPTS) -> "Loaded":
        """load_batch's SQL over relations named (registered frames, views over staged Parquet): rows
        of `articles` (ARTICLE_COLUMNS) upserted, the facts of those stored before deleted, `facts`
        (facts_table's columns) inserted with their ids and sections computed here, `fetches`
        appended, `frontier` upserted; one transaction, or the caller's."""
        q = quote_identifier
        updates = ", ".join(f"{q(c)} = excluded.{q(c)}" for c in ARTICLE_COLUMNS
                            if c not in ("article_id", "first_seen_run"))
        article_columns = ", ".join(q(c) for c in ARTICLE_COLUMNS)
        con = self.con
        loaded = Loaded()
        with self.transaction():
            if articles:
                # Only articles stored before have facts to replace; a backfill of new articles
                # then never scans the facts table, whose size grows with the archive.
                con.execute(f"CREATE OR REPLACE TEMP TABLE replaced_articles AS SELECT article_id FROM articles "
                            f"WHERE article_id IN (SELECT article_id FROM {q(articles)})")
                loaded.replaced = _row_count(con.execute("SELECT count(*) FROM replaced_articles"))
                loaded.articles = _row_count(con.execute(f"INSERT INTO articles ({article_columns}) "
                                                        f"SELECT {article_columns} FROM {q(articles)} "
                                                        f"ON CONFLICT (article_id) DO UPDATE SET {updates}"))
                if loaded.replaced:
                    con.execute("DELETE FROM facts WHERE article_id IN (SELECT article_id FROM replaced_articles)")
                con.execute("DROP TABLE replaced_articles")
            if facts:
                loaded.facts = _row_count(con.execute(f"INSERT INTO facts ({', '.join(q(c) for c in FACT_COLUMNS)}) "
                                                     f"{stored_facts_select(facts, run_id)}"))
            if fetches:
                con.execute(f"INSERT INTO fetches ({', '.join(FETCH_COLUMNS)}) "
                            f"SELECT {', '.join(FETCH_COLUMNS)} FROM {q(fetches)}")
            if frontier:
                con.execute(_FRONTIER_UPSERT.format(frontier=q(frontier)), [max_attempts])
        return loaded

    # --- reading ----------------------------------------------------------------------------
    def table_counts(self) -> dict[str, int]:
        return {t: _count(self.con, t) for t in ("runs", "articles", "facts", "fetches")}

    def close_dead_runs(self) -> int:
        """Runs still 'running' while we hold the run lock were killed: say so."""
        return len(self.con.execute("""UPDATE runs SET status = 'killed',
            message = 'ended without finishing (killed or crashed); the next run resumed its work'
            WHERE status = 'running' RETURNING run_id""").fetchall())

    def publish(self, mode: int = DEFAULT_MODE) -> Path:
        """Checkpoint and publish the read-only replica readers open (pipeline.store.replica)."""
        return publish_replica(self.path, self.con, mode)

    # --- what re-extraction and reconciliation read -----------------------------------------
    def stale_article_ids(self, extractor_version: str | None) -> list[str]:
        """Ids of the articles whose facts another extractor version made, in order (every
        article's with None)."""
        where = "" if extractor_version is None else "WHERE extractor_version IS DISTINCT FROM ?"
        params = [] if extractor_version is None else [extractor_version]
        return [r[0] for r in self.con.execute(
            f"SELECT article_id FROM articles {where} ORDER BY article_id", params).fetchall()]

    def stored_articles(self, article_ids: list[str]) -> list[ArticleRow]:
        """The stored rows of these articles, in article id order."""
        columns = ", ".join(ARTICLE_COLUMNS)
        return [ArticleRow(*r) for r in self.con.execute(
            f"SELECT {columns} FROM articles WHERE article_id IN (SELECT unnest(?)) ORDER BY article_id",
            [article_ids]).fetchall()]

    def raw_pages_of_articles(self, sites: list[str]) -> list[tuple[str, bool]]:
        """(raw_sha256, whether a 'stored' fetch names it) of each article of these sites that has
        a raw page."""
        return self.con.execute("""SELECT a.raw_sha256,
                EXISTS (SELECT 1 FROM fetches f WHERE f.raw_sha256 = a.raw_sha256 AND f.outcome = 'stored')
            FROM articles a WHERE a.site IN (SELECT unnest(?)) AND a.raw_sha256 IS NOT NULL""",
                                [sites]).fetchall()

    def referenced_raw_pages(self) -> set[str]:
        """The raw_sha256 of every raw page a fetch or an article names."""
        return {r[0] for r in self.con.execute(
            "SELECT DISTINCT raw_sha256 FROM fetches WHERE raw_sha256 IS NOT NULL "
            "UNION SELECT raw_sha256 FROM articles WHERE raw_sha256 IS NOT NULL").fetchall()}


def article_state(con: duckdb.DuckDBPyConnection, canonical_urls: Sequence[str | None]) -> dict[str, ArticleState]:
    """What is stored for these URLs (matched by article url or canonical url)."""
    if not canonical_urls:
        return {}
    rows = con.execute("""SELECT url, canonical_url, article_id, content_sha256, etag,
        last_modified, extractor_version FROM articles
        WHERE url IN (SELECT unnest(?)) OR canonical_url IN (SELECT unnest(?))""",
                            [canonical_urls, canonical_urls]).fetchall()
    out = {}
    for url, canonical, *rest in rows:
        state = ArticleState(*rest)
        out[url] = state
        if canonical:
            out[canonical] = state
    return out


def frontier_status(con: duckdb.DuckDBPyConnection, urls: list[str]) -> dict[str, str]:
    """url -> its frontier status (new, done, failed, skipped) for the URLs the frontier knows."""
    return dict(con.execute("SELECT url, status FROM frontier WHERE url IN (SELECT unnest(?))",
                            [urls]).fetchall()) if urls else {}


def frontier_due(con: duckdb.DuckDBPyConnection, site: str) -> list[str]:
    """URLs left from earlier runs: never fetched (a run was killed) or failed and due again."""
    return [r[0] for r in con.execute("""SELECT url FROM frontier WHERE site = ?
        AND (status = 'new' OR (status = 'failed' AND (next_fetch_at IS NULL OR next_fetch_at <= ?)))
        ORDER BY first_seen_at, url""", [site, datetime.now(timezone.utc)]).fetchall()]




# Arrow types of the fact fields as load_batch hands them to DuckDB (dates go as ISO text and are
# cast in SQL; fact_id is computed in SQL, see _FACT_ID_SQL).
_ARROW_TYPES = {float: pa.float64(), int: pa.int64(), str: pa.string()}
_FACT_FIELD_TYPES = {name: _ARROW_TYPES[FIELD_TYPES[name]]
                     for name in (*SCHEMA_FIELDS, "measure_key", "sentence", "sentence_start", "rule_id")}
_FACT_FIELD_GETTERS = {name: operator.attrgetter(name) for name in _FACT_FIELD_TYPES}
# The section a fact starts in, from its article's bounds (pipeline.jobs.articles.ArticleText): the body
# from body_start on, the lead from lead_start, the title (which starts text) before them; and where
# that section starts.
_SECTION_SQL = ("CASE WHEN \"start\" >= body_start THEN 'body' WHEN \"start\" >= lead_start THEN 'lead' "
                "ELSE 'title' END")
_SECTION_START_SQL = "CASE section WHEN 'body' THEN body_start WHEN 'lead' THEN lead_start ELSE 0 END"
# pipeline.store.ids.fact_id_for, vectorised: sha256 of the same key, the same 20 hex digits.
_FACT_ID_SQL = ("left(sha256(article_id || '|' || CASE section WHEN 'body' THEN '' ELSE section || '|' END "
                "|| kind || '|' || CAST(\"start\" - section_start AS VARCHAR) || '|' "
                "|| CAST(\"end\" - section_start AS VARCHAR) || '|' || text), 20)")


_COUNTED_KINDS = tuple(name for name, spec in KINDS.items() if spec.counted_unit)


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {quote_identifier(table)}").fetchone()
    return int(row[0]) if row else 0


def _row_count(result: duckdb.DuckDBPyConnection) -> int:
    """The row count an INSERT (or a count(*)) reports, the result read to its end: DuckDB refuses
    other work on a connection with an unfinished result."""
    rows = result.fetchall()
    return int(rows[0][0]) if rows else 0


def stored_facts_select(relation: str, run_id: str, extra: Sequence[str] = ()) -> str:
    """SELECT of FACT_COLUMNS, as stored, from a relation of facts_table's columns: fact ids and
    sections computed, dates cast, `run_id` as the run; then the relation's `extra` columns. What
    load_batch inserts and the Parquet lake writes (pipeline.backfill.lake)."""
    q = quote_identifier
    columns = [f"{_FACT_ID_SQL} AS fact_id" if c == "fact_id" else f"{quote_literal(run_id)} AS run_id"
               if c == "run_id" else f"TRY_CAST({q(c)} AS DATE) AS {q(c)}" if c in _DATE_COLUMNS else q(c)
               for c in FACT_COLUMNS]
    return (f"SELECT {', '.join([*columns, *map(q, extra)])} FROM (SELECT *, {_SECTION_START_SQL} AS "
            f"section_start FROM (SELECT *, {_SECTION_SQL} AS section FROM {q(relation)}))")


def facts_table(articles: Sequence[ArticleRow | Mapping], facts_by_article: dict[str, list[Fact]]) -> pa.Table:
    """The facts of these articles as an Arrow table, built column by column (a dict per fact, a
    pandas frame, or transposing per-fact tuples costs more than the insert itself)."""
    facts: list[Fact] = []
    article_ids: list[str] = []
    versions: list[str | None] = []
    lead_starts: list[int | None] = []
    body_starts: list[int | None] = []
    unit_keys: list[str | None] = []
    for article in map(as_article_row, articles):
        found = facts_by_article.get(article.article_id, [])
        facts += found
        article_ids += [article.article_id] * len(found)
        versions += [article.extractor_version] * len(found)
        # the article's bounds beside each fact: its section is computed in SQL (_SECTION_SQL)
        lead_starts += [article.lead_start] * len(found)
        body_starts += [article.body_start] * len(found)
        unit_keys += [unit_key(f.unit, article.language) if f.kind in _COUNTED_KINDS else None for f in found]
    arrays = {"article_id": pa.array(article_ids, pa.string()),
              "extractor_version": pa.array(versions, pa.string()),
              "lead_start": pa.array(lead_starts, pa.int64()), "body_start": pa.array(body_starts, pa.int64()),
              "unit_key": pa.array(unit_keys, pa.string())}
    for name, typ in _FACT_FIELD_TYPES.items():
        arrays[name] = pa.array(list(map(_FACT_FIELD_GETTERS[name], facts)), typ)
    return pa.table(arrays)
