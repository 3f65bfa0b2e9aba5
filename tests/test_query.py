"""`newsfacts query` (pipeline/query.py) is read-only: no statement an analyst types changes the warehouse,
the analysts' verdicts or any file, and each refusal is one line."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import QueryError
from pipeline.jobs.ingest import ingest_pages
from pipeline.query import run_query
from pipeline.store.reviewstore import ReviewStore, reviews_path
from pipeline.store.warehouse import Warehouse

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


def test_duckdb_error_text_is_kept_whole(stored):
    with pytest.raises(QueryError) as failed:
        run_query(stored, "SELECT txet FROM facts")
    message = str(failed.value)
    assert "Candidate bindings" in message and '"text"' in message and "^" in message


def test_sql_from_a_file_or_stdin_and_the_tables_and_their_columns(stored, tmp_path):
    from conftest import run_cli

    cwd = stored.parent
    (tmp_path / "q.sql").write_text("-- per kind\nSELECT kind, count(*) AS n FROM facts GROUP BY 1 ORDER BY 1;\n")
    by_file = run_cli("query", "--file", str(tmp_path / "q.sql"), "--format", "csv", cwd=cwd)
    by_stdin = run_cli("query", "-", "--format", "csv", cwd=cwd, input=(tmp_path / "q.sql").read_text())
    assert by_file.returncode == by_stdin.returncode == 0, by_file.stderr + by_stdin.stderr
    assert by_file.stdout == by_stdin.stdout and by_file.stdout.startswith("kind,n\n")
    two = run_cli("query", "-", cwd=cwd, input="SELECT 1; SELECT 2;")
    assert two.returncode == 65 and "2 statements" in two.stderr
    assert run_cli("query", cwd=cwd).returncode == 2
    tables = run_cli("tables", "--format", "csv", cwd=cwd)
    assert tables.returncode == 0
    names = {line.split(",")[0] for line in tables.stdout.splitlines()[1:]}
    assert {"articles", "facts", "series", "counts", "reviews.verdicts"} <= names
    columns = run_cli("schema", "series", "--wide", cwd=cwd)
    assert columns.returncode == 0 and "measure_key" in columns.stdout and "…" not in columns.stdout
    verdicts = run_cli("schema", "reviews.verdicts", "--format", "csv", cwd=cwd)
    assert verdicts.returncode == 0 and "\nverdict," in verdicts.stdout
    missing = run_cli("schema", "nope", cwd=cwd)
    assert missing.returncode == 65 and "no table or view 'nope'" in missing.stderr and "series" in missing.stderr


def test_notebook_api_gives_a_dataframe_and_a_relation(stored):
    from pipeline.query import connect, dataframe

    df = dataframe("SELECT kind, count(*) AS n FROM facts GROUP BY 1 ORDER BY 1", stored)
    con = connect(stored)
    try:
        rel = con.sql("SELECT kind, count(*) AS n FROM facts GROUP BY 1 ORDER BY 1")
        assert rel.df().equals(df) and len(df) > 1
        assert con.execute("SELECT count(*) FROM reviews.latest_verdicts").fetchone()[0] == 1
    finally:
        con.close()


def test_the_reviews_schema_is_there_before_the_first_verdict(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    with Warehouse(path):
        pass
    df = run_query(path, "SELECT count(*) AS n FROM facts f JOIN reviews.latest_verdicts v USING (fact_id)")
    assert df.n[0] == 0
    assert not reviews_path(path).exists()


def test_verdicts_and_reviewed_facts_export(stored, tmp_path):
    import duckdb as ddb

    from conftest import run_cli

    cwd = stored.parent
    csv = run_cli("export", "reviewed", cwd=cwd)
    assert csv.returncode == 0, csv.stderr
    header, row = csv.stdout.splitlines()[:2]
    assert header.startswith("fact_id,article_id,kind,text") and ",correct," in row
    out = tmp_path / "verdicts.parquet"
    assert run_cli("export", "verdicts", "--format", "parquet", "--output", str(out), cwd=cwd).returncode == 0
    assert ddb.connect().execute(f"SELECT verdict FROM '{out}'").fetchall() == [("correct",)]
    assert run_cli("export", "nothing", cwd=cwd).returncode == 2


def test_null_is_spelled_one_way_per_format_and_values_keep_their_types(stored):
    """NULL in the table, an empty field in CSV (an empty string is a quoted one), null in JSON, for every
    column type; a LIST's NULL element stays NULL, a DATE stays a date, a whole DOUBLE stays a DOUBLE."""
    import csv
    import io
    import json

    from pipeline.query import render

    df = run_query(stored, """SELECT * FROM (VALUES
        (1, 2.5, 'x', DATE '2024-03-01', true, [1, 2], 1.0::DOUBLE),
        (NULL, NULL, NULL, NULL, NULL, [NULL, 3], NULL),
        (3, NULL, '', NULL, false, NULL, 4.0)) t(n, d, s, day, flag, xs, w) ORDER BY coalesce(n, 2)""")
    table = render(df, "table", None).splitlines()
    assert table[2].split() == ["1", "2.5", "x", "2024-03-01", "true", "[1,", "2]", "1"]
    assert table[4].split() == ["3", "NULL", "NULL", "false", "NULL", "4"]   # '' is blank, not NULL
    assert table[3].split() == ["NULL", "NULL", "NULL", "NULL", "NULL", "[NULL,", "3]", "NULL"]
    assert not any(spelling in "\n".join(table) for spelling in ("<NA>", "NaN", "NaT", "None"))
    text = render(df, "csv", None)
    assert text.splitlines()[2] == ',,,,,"[NULL, 3]",' and text.splitlines()[3] == '3,,"",,false,,4.0'
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ["1", "2.5", "x", "2024-03-01", "true", "[1, 2]", "1.0"]
    records = [json.loads(line) for line in render(df, "json", None).splitlines()]
    assert records[1] == {"n": None, "d": None, "s": None, "day": None, "flag": None, "xs": [None, 3], "w": None}
    assert records[0]["day"] == "2024-03-01" and records[2]["s"] == "" and records[0]["xs"] == [1, 2]
