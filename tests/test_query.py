"""`newsfacts query` (pipeline/query.py) is read-only: no statement an analyst types changes the warehouse,
the analysts' verdicts or any file, and each refusal is one line."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import QueryError
from pipeline.ingest import ingest_pages
from pipeline.query import run_query
from pipeline.reviewstore import ReviewStore, reviews_path
from pipeline.warehouse import Warehouse

PAGES = Path(__file__).parent / "fixtures" / "generic"


@pytest.fixture
def stored(tmp_path):
    """A warehouse with the facts of two fixture pages, and one verdict on the first fact."""
    path = tmp_path / "warehouse.duckdb"
    with Warehouse(path) as wh:
        ingest_pages(sorted(PAGES.glob("split_by_ads.html")) + sorted(PAGES.glob("form_wrapped.html")),
                     wh, "example", "r1", url_for=lambda p: f"https://news.example/{p.stem}-story-page.html")
        fact_id, article_id, kind, text, start, end = wh.con.execute(
            'SELECT fact_id, article_id, kind, text, start, "end" FROM facts ORDER BY fact_id LIMIT 1').fetchone()
    ReviewStore(reviews_path(path)).record_verdict(
        fact_id=fact_id, article_id=article_id, kind=kind, fact_text=text, start=start, end=end, verdict="correct")
    return path


def counts(path: Path) -> tuple[int, int]:
    facts = run_query(path, "SELECT count(*) AS n FROM facts").n[0]
    verdicts = run_query(path, "SELECT count(*) AS n FROM reviews.verdicts").n[0]
    return int(facts), int(verdicts)


@pytest.mark.parametrize("sql", [
    "ATTACH '{w}' AS w",
    "ATTACH '{w}' AS w; DELETE FROM w.facts",
    "DETACH reviews",
    "COPY (SELECT * FROM facts) TO '{out}'",
    "EXPORT DATABASE '{dir}'",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET enable_external_access = true",
    "SET lock_configuration = false",
    "CREATE TEMP TABLE t AS SELECT 1",
    "DELETE FROM facts",
    "CHECKPOINT",
    "SELECT 1; SELECT 2",
    "USE reviews",
])
def test_writing_statements_are_refused_and_nothing_changes(stored, tmp_path, sql):
    before = counts(stored)
    assert before[0] > 0 and before[1] == 1
    out, export = tmp_path / "out.csv", tmp_path / "export"
    with pytest.raises(QueryError) as refused:
        run_query(stored, sql.format(w=stored, out=out, dir=export))
    assert "\n" not in str(refused.value)
    assert counts(stored) == before
    assert not out.exists() and not export.exists()


def test_reading_statements_still_run(stored):
    assert run_query(stored, "WITH k AS (SELECT kind FROM facts) SELECT count(DISTINCT kind) AS n FROM k").n[0] > 1
    assert "column_name" in run_query(stored, "DESCRIBE facts").columns
    assert len(run_query(stored, "SHOW TABLES")) > 0
    assert len(run_query(stored, "EXPLAIN SELECT * FROM facts")) > 0
    joined = run_query(stored, "SELECT count(*) AS n FROM facts JOIN reviews.latest_verdicts USING (fact_id)")
    assert joined.n[0] == 1
