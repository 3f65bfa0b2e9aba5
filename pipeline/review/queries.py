"""What the review page reads from the warehouse, one named function per need, so the views hold no SQL.

Every function takes a connection on the read-only replica (`reading(warehouse)`: one short-lived
connection per request, pipeline.store.replica) and returns plain rows, dicts by column name. A
fact comes with its article's site, title, URL, language, date and stored page (FACT_SELECT), and
with the checks that name it.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from pipeline.review.filters import FLAGGED, PAGE_SIZE, QueueFilters, filter_sql
from pipeline.store.replica import open_for_reading

SEVERITY_ORDER = "CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END"
# checks that compare a fact with its counterpart in another article, shown side by side
PAIRED_CHECKS = ("republication_mismatch",)
FACT_SELECT = ("SELECT f.*, a.site, a.title AS article_title, COALESCE(a.canonical_url, a.url) AS article_url, "
               "a.language AS article_language, "
               "a.published_at, a.raw_path FROM facts f JOIN articles a USING (article_id)")
_CHECK_COLUMNS = "check_id, article_id, check_name, severity, fact_ids, message"


@contextlib.contextmanager
def reading(warehouse: Path) -> Iterator:
    """A connection on the replica, closed on leaving."""
    con = open_for_reading(warehouse)
    try:
        yield con
    finally:
        con.close()


def rows(con, sql: str, params=()) -> list[dict]:
    cur = con.execute(sql, list(params))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def has_checks(con) -> bool:
    """Whether the warehouse has a checks table (older ones do not)."""
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = 'warehouse' "
                            "AND table_name = 'checks'").fetchone()[0])


def checks_for(con, fact_ids: list[str]) -> dict[str, list[dict]]:
    """fact_id -> the checks naming it, the most severe first; a translation/original check with
    its two facts (attach_pairs)."""
    if not fact_ids or not has_checks(con):
        return {}
    found = rows(con, f"SELECT {_CHECK_COLUMNS} FROM checks WHERE list_has_any(fact_ids, ?::VARCHAR[]) "
                      f"ORDER BY {SEVERITY_ORDER}, check_name", [fact_ids])
    attach_pairs(con, found)
    out: dict[str, list[dict]] = {}
    wanted = set(fact_ids)
    for row in found:
        for fid in row["fact_ids"] or []:
            if fid in wanted:
                out.setdefault(fid, []).append(row)
    return out


def attach_pairs(con, checks: list[dict]) -> None:
    """A translation/original check gets its two facts, each with its sentence and article:
    check["pair"] = (the translation's fact, the original's fact)."""
    paired = [c for c in checks if c["check_name"] in PAIRED_CHECKS and len(c["fact_ids"] or []) == 2]
    ids = sorted({f for c in paired for f in c["fact_ids"]})
    if not ids:
        return
    facts = {f["fact_id"]: f for f in rows(con, f"{FACT_SELECT} WHERE f.fact_id IN (SELECT unnest(?))", [ids])}
    for c in paired:
        pair = [facts[f] for f in c["fact_ids"] if f in facts]
        if len(pair) == 2:   # both facts still in the warehouse
            # filed under the translation: the fact of that article is the translation's
            pair.sort(key=lambda f: f["article_id"] != c["article_id"])
            c["pair"] = tuple(pair)


@dataclass(slots=True)
class QueuePage:
    total: int                        # facts the filters keep
    facts: list[dict]                 # those of this page
    checks: dict[str, list[dict]]     # fact_id -> its checks
    kinds: list[str]                  # the choices of the filter form
    sites: list[str]
    check_names: list[str]
    has_checks: bool


def queue_page(con, filters: QueueFilters, reviewed: tuple[list[str], list[tuple]],
               dismissed: list[str]) -> QueuePage:
    """One page of the facts the filters keep, newest article first (see filters.filter_sql)."""
    checks_table = has_checks(con)
    where, params = filter_sql(filters, has_checks=checks_table, reviewed=reviewed, dismissed=dismissed)
    total = con.execute(f"SELECT count(*) FROM facts f JOIN articles a USING (article_id){where}",
                        params).fetchone()[0]
    facts = rows(con, f"{FACT_SELECT}{where} ORDER BY a.published_at DESC NULLS LAST, "
                      f"f.article_id, f.start, f.fact_id LIMIT {PAGE_SIZE} OFFSET {filters.offset}", params)
    checks = checks_for(con, [f["fact_id"] for f in facts])
    kinds = [r[0] for r in con.execute("SELECT DISTINCT kind FROM facts ORDER BY 1").fetchall()]
    sites = [r[0] for r in con.execute("SELECT DISTINCT site FROM articles WHERE site IS NOT NULL "
                                       "ORDER BY 1").fetchall()]
    check_names = [r[0] for r in con.execute("SELECT DISTINCT check_name FROM checks ORDER BY 1")
                   .fetchall()] if checks_table else []
    return QueuePage(total, facts, checks, kinds, sites, check_names, checks_table)


def fact(con, fact_id: str) -> dict | None:
    found = rows(con, f"{FACT_SELECT} WHERE f.fact_id = ?", [fact_id])
    return found[0] if found else None


def article(con, article_id: str) -> dict | None:
    """The article as facts are extracted from it: title, lead and body in `text`, their bounds."""
    found = rows(con, "SELECT article_id, title, text, lead_start, body_start, language, site, "
                      "COALESCE(canonical_url, url) AS url, published_at, raw_path "
                      "FROM articles WHERE article_id = ?", [article_id])
    return found[0] if found else None


def article_facts(con, article_id: str) -> list[dict]:
    """The article's facts by start, of two at one start the longer first."""
    return rows(con, f'{FACT_SELECT} WHERE f.article_id = ? ORDER BY f."start", f."end" DESC', [article_id])


def raw_path(con, article_id: str) -> str | None:
    """Where the article's fetched page is stored, under the raw root."""
    row = con.execute("SELECT raw_path FROM articles WHERE article_id = ?", [article_id]).fetchone()
    return row[0] if row else None


def check_name(con, check_id: str) -> str | None:
    if not has_checks(con):
        return None
    row = con.execute("SELECT check_name FROM checks WHERE check_id = ?", [check_id]).fetchone()
    return row[0] if row else None


@dataclass(slots=True)
class SummaryFigures:
    flagged_checks: list[dict] | None      # errors and warnings, the most severe first; None: no checks table
    facts_total: int
    per_month: list[tuple[str, str, int]]  # (site, "YYYY-MM", facts), each site's months newest first


def summary_figures(con) -> SummaryFigures:
    flagged = rows(con, f"SELECT {_CHECK_COLUMNS} FROM checks WHERE {FLAGGED} "
                        f"ORDER BY {SEVERITY_ORDER}, check_name") if has_checks(con) else None
    facts_total = con.execute("SELECT count(*) FROM facts").fetchone()[0]
    per_month = con.execute("""SELECT a.site, strftime(date_trunc('month', a.published_at), '%Y-%m') AS month,
            count(*) FROM facts f JOIN articles a USING (article_id) WHERE a.published_at IS NOT NULL
            GROUP BY ALL ORDER BY 1, 2 DESC""").fetchall()
    return SummaryFigures(flagged, facts_total, per_month)


def open_checks(flagged: list[dict], reviewed: set[str], dismissed: set[str]) -> list[dict]:
    """The flagging checks still open: not dismissed, and with a fact not yet reviewed."""
    return [c for c in flagged if c["check_id"] not in dismissed
            and (not c["fact_ids"] or any(f not in reviewed for f in c["fact_ids"]))]
