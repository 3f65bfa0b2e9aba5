"""Analysts' verdicts on facts, kept in their own DuckDB file beside the warehouse.

`reviews.duckdb` is written only by the review page, one short-lived connection per request, so a
nightly run (which rewrites facts) never touches it and never waits for it. A verdict names the
fact by its stable `fact_id` (hash of article, kind, span and text) and also by
(article_id, start, end, fact_text), so a fact re-extracted with the same span keeps its verdict.
The latest verdict per fact wins (view `latest_verdicts`). Its schema is made by the numbered
migrations in pipeline/store/review_migrations, applied on the first write and recorded in its
`schema_migrations`, as the warehouse's are.

Query it with SQL:  ATTACH 'reviews.duckdb' AS reviews (READ_ONLY);
                    SELECT * FROM reviews.latest_verdicts;
"""
from __future__ import annotations

import contextlib
import logging
import secrets
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from pipeline.errors import InputError, WarehouseError
from pipeline.store.migrate import Migration, apply_pending, shipped
from pipeline.store.sql import quote_identifier

log = logging.getLogger(__name__)

VERDICTS = ("correct", "wrong", "corrected")
# why a fact is wrong, as an analyst picks it on the page
REASONS = ("wrong_value", "wrong_kind", "not_a_fact", "wrong_unit", "wrong_span")
LOCK_TIMEOUT = 10.0


def migrations() -> list[Migration]:
    """(version, name, sql) of every reviews.duckdb migration shipped with the package, in order."""
    return shipped("pipeline.store.review_migrations")


def migrate(con) -> list[int]:
    """Bring the reviews database `con` is using up to date; return the versions applied. A file
    written before it had migrations (tables, no schema_migrations) is adopted as it is: the first
    migrations find their tables there and leave the verdicts alone."""
    return apply_pending(con, migrations(), "reviews database")


class _Locked:
    """A connection that holds the thread lock until closed."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self._con = con
        self._closed = False

    def execute(self, *args):
        return self._con.execute(*args)   # once closed, DuckDB refuses (ConnectionException)

    def close(self) -> None:
        if not self._closed:
            self._con.close()
            self._closed = True
            _THREAD_LOCK.release()


def reviews_path(warehouse: Path) -> Path:
    return Path(warehouse).with_name("reviews.duckdb")


# DuckDB's file lock is per process, so threads of one process must take turns themselves.
_THREAD_LOCK = threading.RLock()


class ReviewStore:
    """Verdicts in `reviews.duckdb`; every method opens and closes its own connection."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._ready = False

    @contextlib.contextmanager
    def _connection(self, read_only: bool = False):
        con = self._connect(read_only)
        try:
            yield con
        finally:
            con.close()

    def _connect(self, read_only: bool = False) -> "_Locked":
        _THREAD_LOCK.acquire()
        try:
            return _Locked(self._open(read_only))
        except BaseException:
            _THREAD_LOCK.release()
            raise

    def _open(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        if read_only and not self.path.exists():
            read_only = False  # create it (empty) rather than fail
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            con = duckdb.connect(":memory:")
            try:
                mode = " (READ_ONLY)" if read_only else ""
                con.execute(f"ATTACH ? AS reviews{mode}", [str(self.path)])
                con.execute("USE reviews")
                con.execute("SET TimeZone = 'UTC'")
                break
            except duckdb.Error as exc:
                con.close()
                first = str(exc).splitlines()[0]
                if "lock" not in first.lower() or time.monotonic() >= deadline:
                    raise WarehouseError(f"cannot open reviews {self.path}: {first}") from None
                time.sleep(0.1)
        if not read_only and not self._ready:
            try:
                migrate(con)
            except WarehouseError as exc:
                con.close()
                raise WarehouseError(f"reviews {self.path}: {exc}") from None
            self._ready = True
        return con

    def record_verdict(self, *, fact_id: str, article_id: str, kind: str, fact_text: str, start: int,
                       end: int, verdict: str, corrected_value: str | None = None,
                       note: str | None = None, reviewer: str | None = None,
                       rule_id: str | None = None, reason: str | None = None) -> str:
        if verdict not in VERDICTS:
            raise InputError(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
        reason = reason or None
        if reason is not None and (verdict != "wrong" or reason not in REASONS):
            raise InputError(f"a reason goes with a wrong verdict and is one of {', '.join(REASONS)}")
        if verdict == "corrected" and not (corrected_value or "").strip():
            raise InputError("a corrected verdict needs the corrected value")
        verdict_id = secrets.token_hex(8)
        with self._connection() as con:
            con.execute("""INSERT INTO verdicts (verdict_id, fact_id, article_id, kind, rule_id, fact_text, start,
                "end", verdict, corrected_value, note, reviewer, decided_at, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                        [verdict_id, fact_id, article_id, kind, rule_id, fact_text, int(start), int(end),
                         verdict, (corrected_value or "").strip() or None, (note or "").strip() or None,
                         (reviewer or "").strip() or None, datetime.now(timezone.utc), reason])
        return verdict_id

    def dismiss_check(self, check_id: str, check_name: str, reviewer: str | None = None) -> None:
        """A check the analyst calls a false alarm; dismissing it again changes nothing."""
        with self._connection() as con:
            con.execute("INSERT INTO check_dismissals VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        [check_id, check_name, (reviewer or "").strip() or None, datetime.now(timezone.utc)])

    def dismissed_checks(self) -> list[str]:
        if not self.path.exists():
            return []
        con = self._connect(read_only=True)
        try:
            if not self._has_table(con, "check_dismissals"):
                return []
            return [r[0] for r in con.execute("SELECT check_id FROM check_dismissals").fetchall()]
        finally:
            con.close()

    def undo(self, verdict_id: str, fact_id: str) -> bool:
        """Take back a verdict just given (the page's undo): its row goes, the fact's earlier verdict,
        if any, is in force again. Only the fact's latest verdict can be taken back."""
        with self._connection() as con:
            latest = con.execute("SELECT verdict_id FROM latest_verdicts WHERE fact_id = ?", [fact_id]).fetchone()
            if not latest or latest[0] != verdict_id:
                return False
            con.execute("DELETE FROM verdicts WHERE verdict_id = ?", [verdict_id])
        return True

    @staticmethod
    def _has_table(con, name: str = "verdicts") -> bool:
        return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = 'reviews' "
                                "AND table_name = ?", [name]).fetchone()[0])

    def verdicts_for(self, facts: list[dict]) -> dict[str, dict]:
        """Latest verdict of each fact, keyed by fact_id. `facts` are dicts with fact_id,
        article_id, start, end and text; a verdict matches by fact_id or by the same span."""
        if not facts or not self.path.exists():
            return {}
        con = self._connect(read_only=True)
        try:
            if not self._has_table(con):
                return {}
            ids = [f["fact_id"] for f in facts]
            spans = {(f["article_id"], int(f["start"]), int(f["end"]), f["text"]): f["fact_id"] for f in facts}
            articles = sorted({f["article_id"] for f in facts})
            cur = con.execute("""SELECT * FROM verdicts
                WHERE fact_id IN (SELECT unnest(?)) OR article_id IN (SELECT unnest(?))
                ORDER BY decided_at, verdict_id""", [ids, articles])
            cols = [d[0] for d in cur.description]
            idset = set(ids)
            out: dict[str, dict] = {}
            for row in cur.fetchall():
                v = dict(zip(cols, row))
                target = v["fact_id"] if v["fact_id"] in idset else \
                    spans.get((v["article_id"], v["start"], v["end"], v["fact_text"]))
                if target is not None:
                    out[target] = v  # ordered by time: the latest wins
            return out
        finally:
            con.close()

    def history(self, fact: dict) -> list[dict]:
        if not self.path.exists():
            return []
        con = self._connect(read_only=True)
        try:
            if not self._has_table(con):
                return []
            cur = con.execute("""SELECT * FROM verdicts WHERE fact_id = ? OR (article_id = ? AND start = ?
                AND "end" = ? AND fact_text = ?) ORDER BY decided_at DESC""",
                              [fact["fact_id"], fact["article_id"], int(fact["start"]), int(fact["end"]),
                               fact["text"]])
            cols = [d[0] for d in cur.description]
            return [dict(zip(cols, r)) for r in cur.fetchall()]
        finally:
            con.close()

    def reviewed_keys(self) -> tuple[list[str], list[tuple]]:
        """fact_ids and (article_id, start, end, text) spans that have a verdict."""
        if not self.path.exists():
            return [], []
        con = self._connect(read_only=True)
        try:
            if not self._has_table(con):
                return [], []
            rows = con.execute('SELECT fact_id, article_id, start, "end", fact_text FROM latest_verdicts').fetchall()
        finally:
            con.close()
        return [r[0] for r in rows], [tuple(r[1:]) for r in rows]

    def summary(self) -> dict:
        """Precision per kind and per rule id (correct / all verdicts), and facts reviewed per day."""
        empty = {"by_kind": [], "by_rule": [], "per_day": [], "total": 0}
        if not self.path.exists():
            return empty
        con = self._connect(read_only=True)
        try:
            if not self._has_table(con):
                return empty

            def rows(sql: str) -> list[dict]:
                cur = con.execute(sql)
                cols = [d[0] for d in cur.description]
                return [dict(zip(cols, r)) for r in cur.fetchall()]

            precision = """count(*) AS reviewed,
                count(*) FILTER (WHERE verdict = 'correct') AS correct,
                count(*) FILTER (WHERE verdict = 'wrong') AS wrong,
                count(*) FILTER (WHERE verdict = 'corrected') AS corrected,
                count(*) FILTER (WHERE verdict = 'correct') / count(*) AS precision"""
            return {
                "by_kind": rows(f"SELECT kind, {precision} FROM latest_verdicts GROUP BY 1 ORDER BY 1"),
                "by_rule": rows(f"SELECT kind, COALESCE(rule_id, '') AS rule_id, {precision} "
                                f"FROM latest_verdicts GROUP BY 1, 2 ORDER BY 1, 2"),
                "per_day": rows("""SELECT CAST(decided_at AS DATE) AS day, count(DISTINCT fact_id) AS facts,
                    count(*) AS verdicts FROM verdicts GROUP BY 1 ORDER BY 1 DESC"""),
                "total": con.execute("SELECT count(*) FROM latest_verdicts").fetchone()[0],
            }
        finally:
            con.close()


def attach_reviews(con, warehouse: Path) -> bool:
    """ATTACH reviews.duckdb read-only as `reviews` on a reader connection (for `newsfacts query`:
    SELECT ... FROM facts JOIN reviews.latest_verdicts USING (fact_id)). Before the first verdict (or
    while the page is writing one) an empty `reviews` of the same schema stands in, so a query naming
    it runs and finds no verdicts. False then."""
    path = reviews_path(warehouse)
    if path.exists():
        try:
            con.execute("ATTACH ? AS reviews (READ_ONLY)", [str(path)])
            return True
        except duckdb.Error as exc:  # the page is writing a verdict this instant: query without them
            log.info("reviews not attached: %s", str(exc).splitlines()[0])
    current = con.execute("SELECT current_database()").fetchone()[0]
    con.execute("ATTACH ':memory:' AS reviews")
    con.execute("USE reviews")
    try:
        migrate(con)
    finally:
        con.execute(f"USE {quote_identifier(current)}")
    return False
