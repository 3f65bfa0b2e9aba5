"""The review queue's filters: read from the query string, checked, and turned into SQL.

Every value goes to DuckDB as a bind parameter, never into the SQL text; the SQL names the facts as
`f` and their articles as `a` (pipeline.review.queries joins them so).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pipeline.review.request import HTTPError

PAGE_SIZE = 25
MAX_PAGE = 1_000_000
STATUSES = ("unreviewed", "reviewed")          # else all facts
# checks that confirm consistency are 'info'; the others flag a problem
FLAGGED = "severity <> 'info'"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_date(value: str) -> bool:
    """YYYY-MM-DD and a real day ("2024-13-45" is not)."""
    if not _DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class QueueFilters:
    kind: str = ""
    site: str = ""
    rule: str = ""        # a rule id or its prefix
    date_from: str = ""   # publication dates, YYYY-MM-DD
    date_to: str = ""
    check: str = ""       # a check name, or "flagged": any check that flags a problem
    status: str = "all"   # or one of STATUSES
    page: int = 1

    @property
    def offset(self) -> int:
        return (self.page - 1) * PAGE_SIZE


def parse_filters(query: dict[str, str]) -> QueueFilters:
    """The filters of a query string; HTTPError 400 on a date that is none or a page too far."""
    values = {k: query.get(k, "").strip() for k in ("kind", "site", "rule", "from", "to", "check", "status")}
    for k in ("from", "to"):
        if values[k] and not is_date(values[k]):
            raise HTTPError("400 Bad Request", f"{k} must be a date YYYY-MM-DD")
    try:
        page = max(1, int(query.get("page", "1")))
    except ValueError:
        page = 1
    if page > MAX_PAGE:   # DuckDB's OFFSET is a BIGINT: page 10^20 was a 500
        raise HTTPError("400 Bad Request", f"page must be at most {MAX_PAGE}")
    return QueueFilters(kind=values["kind"], site=values["site"], rule=values["rule"], date_from=values["from"],
                        date_to=values["to"], check=values["check"],
                        status=values["status"] if values["status"] in STATUSES else "all", page=page)


def filter_sql(filters: QueueFilters, *, has_checks: bool, reviewed: tuple[list[str], list[tuple]],
               dismissed: list[str]) -> tuple[str, list]:
    """(" WHERE ...", its parameters) for the facts these filters keep ("" when they keep all).
    `reviewed` are the fact ids and spans with a verdict (for the status), `dismissed` the checks
    dismissed as false alarms (they flag nothing), `has_checks` whether the warehouse has checks."""
    where: list[str] = []
    params: list[object] = []
    for value, column in ((filters.kind, "f.kind"), (filters.site, "a.site")):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if filters.rule:   # a prefix: "count." is every count rule, "vi." every Vietnamese one
        where.append("starts_with(f.rule_id, ?)")
        params.append(filters.rule)
    if filters.date_from:
        where.append("CAST(a.published_at AS DATE) >= ?")
        params.append(filters.date_from)
    if filters.date_to:
        where.append("CAST(a.published_at AS DATE) <= ?")
        params.append(filters.date_to)
    if filters.status != "all":
        ids, spans = reviewed
        keys = [f"{a}|{s}|{en}|{t}" for a, s, en, t in spans]
        cond = ("(f.fact_id IN (SELECT unnest(?::VARCHAR[])) OR "
                "(f.article_id || '|' || f.start || '|' || f.\"end\" || '|' || f.text) "
                "IN (SELECT unnest(?::VARCHAR[])))")
        where.append(cond if filters.status == "reviewed" else f"NOT {cond}")
        params += [ids, keys]
    if filters.check and has_checks:
        if filters.check == "flagged":
            where.append("EXISTS (SELECT 1 FROM checks c WHERE list_contains(c.fact_ids, f.fact_id) "
                         f"AND c.{FLAGGED} AND c.check_id NOT IN (SELECT unnest(?::VARCHAR[])))")
            params.append(dismissed)
        else:
            where.append("EXISTS (SELECT 1 FROM checks c WHERE list_contains(c.fact_ids, f.fact_id) "
                         "AND c.check_name = ?)")
            params.append(filters.check)
    elif filters.check:
        where.append("FALSE")
    return (" WHERE " + " AND ".join(where)) if where else "", params
