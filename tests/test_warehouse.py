from datetime import datetime, timezone

import duckdb
import pytest

from extractors.facts import ANALYSIS_FIELDS, SCHEMA_FIELDS, Fact
from pipeline.errors import MissingInputError, QueryError, WarehouseError
from pipeline.query import render, run_query
from pipeline.store.ids import article_id_for
from pipeline.store.warehouse import ARTICLE_COLUMNS, Warehouse
from pipeline.store.warehouse import migrations as warehouse_migrations

BODY = "The ward settled 133/155 tasks, or 85.8%.\nIt disciplined 4 Party members."
NEW_IN_010 = ("text", "lead_start", "body_start", "body_path")   # articles columns of migration 010


def article(url="https://news.example/a-1.html", version="1", body=BODY) -> dict:
    row = {c: None for c in ARTICLE_COLUMNS}
    row.update(article_id=article_id_for(url), url=url, canonical_url=url, site="example",
               title="Ward report", body_text=body, text=body, body_start=0, published_at=datetime(2024, 7, 2, 3, tzinfo=timezone.utc),
               language="en", content_sha256="abc", extraction_status="extracted",
               extractor_version=version, first_seen_run="r1", last_seen_run="r1", parse_complete=True)
    return row


def facts() -> list[Fact]:
    return [Fact("ratio", "133/155 tasks", 18, 31, numerator=133, denominator=155, unit="tasks",
                 rule_id="ratio.slash", sentence=BODY.split("\n")[0], sentence_start=0),
            Fact("percentage", "85.8%", 36, 41, value=85.8, rule_id="percentage.symbol",
                 sentence=BODY.split("\n")[0], sentence_start=0),
            Fact("period", "2024", 0, 4, period_start="2024-01-01", period_end="2024-12-31",
                 rule_id="period.year")]


def test_migrations_are_recorded_and_idempotent(tmp_path):
    path = tmp_path / "w.duckdb"
    with Warehouse(path) as wh:
        assert wh.applied_migrations() == [v for v, _, _ in warehouse_migrations()]
        assert wh.migrate() == []
    con = duckdb.connect(str(path), read_only=True)
    tables = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
    assert {"runs", "articles", "facts", "fetches", "schema_migrations"} <= tables
    views = {r[0] for r in con.execute("select view_name from duckdb_views() where not internal").fetchall()}
    assert {"counts", "percentages", "ratios", "ranks", "money", "quantities", "dates", "periods",
            "officials", "documents"} <= views
    fact_columns = {r[0] for r in con.execute(
        "select column_name from duckdb_columns() where table_name = 'facts'").fetchall()}
    assert set(SCHEMA_FIELDS) <= fact_columns


def test_every_table_view_and_column_has_a_comment(tmp_path):
    with Warehouse(tmp_path / "w.duckdb") as wh:
        missing = wh.con.execute("""
            select table_name from duckdb_tables() where comment is null
            union all select view_name from duckdb_views() where not internal and comment is null
            union all select table_name || '.' || column_name from duckdb_columns()
                where comment is null and table_name in (
                    select table_name from duckdb_tables()
                    union select view_name from duckdb_views() where not internal)""").fetchall()
    assert missing == []


def test_reload_adds_no_duplicates_and_new_version_replaces_facts(tmp_path):
    path = tmp_path / "w.duckdb"
    row = article()
    with Warehouse(path) as wh:
        assert wh.load_batch([row], {row["article_id"]: facts()}, [], "r1") == 3
        wh.load_batch([row], {row["article_id"]: facts()}, [], "r2")
        assert wh.table_counts()["facts"] == 3 and wh.table_counts()["articles"] == 1
        ids_before = {r[0] for r in wh.con.execute("select fact_id from facts").fetchall()}
        newer = article(version="2")
        wh.load_batch([newer], {newer["article_id"]: facts()[:1]}, [], "r3")
        rows = wh.con.execute("select kind, extractor_version, run_id from facts").fetchall()
        assert rows == [("ratio", "2", "r3")]
        assert wh.con.execute("select first_seen_run from articles").fetchone()[0] == "r1"
    # stable ids: the same fact gets the same id whichever run loads it
    with Warehouse(path) as wh:
        assert wh.con.execute("select fact_id from facts").fetchone()[0] in ids_before


def test_failed_batch_leaves_what_was_stored(tmp_path):
    path = tmp_path / "w.duckdb"
    row = article()
    with Warehouse(path) as wh:
        wh.load_batch([row], {row["article_id"]: facts()}, [], "r1")
        broken = Fact("count", None, 0, 3, value=4, rule_id="count.x")  # text is NOT NULL
        with pytest.raises(duckdb.Error):
            wh.load_batch([article(version="2")], {row["article_id"]: [broken]}, [], "r2")
        assert wh.table_counts()["facts"] == 3
        assert wh.con.execute("select extractor_version from articles").fetchone()[0] == "1"


def test_a_transaction_commits_whole_or_not_at_all_and_nested_blocks_join_it(tmp_path):
    row, other = article(), article("https://news.example/a-2.html")
    with Warehouse(tmp_path / "w.duckdb") as wh:
        def stored() -> int:
            return wh.table_counts()["articles"]

        with pytest.raises(duckdb.Error):
            with wh.transaction():
                wh.load_batch([row], {row["article_id"]: facts()}, [], "r1")   # its own block joins this one
                wh.con.execute("INSERT INTO no_such_table VALUES (1)")
        assert stored() == 0 and wh.table_counts()["facts"] == 0
        # an inner step that failed dooms the transaction, even when its exception is caught
        with pytest.raises(WarehouseError, match="rolled back"):
            with wh.transaction():
                wh.load_batch([row], {row["article_id"]: facts()}, [], "r1")
                try:
                    wh.load_batch([other], {other["article_id"]: [Fact("count", None, 0, 3, value=4)]}, [], "r1")
                except duckdb.Error:
                    pass
        assert stored() == 0
        with wh.transaction():
            wh.load_batch([row], {row["article_id"]: facts()}, [], "r1")
            with wh.transaction():
                wh.load_batch([other], {}, [], "r1")
            assert stored() == 2     # the transaction's own writes are visible inside it
        assert stored() == 2 and wh.table_counts()["facts"] == 3
        wh.load_batch([row], {row["article_id"]: facts()}, [], "r2")   # no transaction left open
    with Warehouse(tmp_path / "w.duckdb") as wh:
        assert wh.table_counts()["articles"] == 2


def test_views_join_article_context(tmp_path):
    path = tmp_path / "w.duckdb"
    row = article()
    with Warehouse(path) as wh:
        wh.load_batch([row], {row["article_id"]: facts()}, [], "r1")
    df = run_query(path, "select article_title, numerator, denominator, round(share, 3) s from ratios")
    assert df.to_dict("records") == [{"article_title": "Ward report", "numerator": 133.0,
                                      "denominator": 155.0, "s": 0.858}]
    period = run_query(path, "select period_start, period_end from periods")
    assert str(period.iloc[0, 0])[:10] == "2024-01-01" and str(period.iloc[0, 1])[:10] == "2024-12-31"


def test_query_is_read_only_and_errors_are_one_line(tmp_path):
    path = tmp_path / "w.duckdb"
    row = article()
    with Warehouse(path) as wh:
        wh.load_batch([row], {row["article_id"]: facts()}, [], "r1")
    with pytest.raises(QueryError) as info:
        run_query(path, "delete from facts")
    assert "\n" not in str(info.value)
    with pytest.raises(QueryError, match="query failed"):
        run_query(path, "select nonsense from nowhere")
    assert run_query(path, "select count(*) n from facts").n[0] == 3
    with pytest.raises(MissingInputError):
        run_query(tmp_path / "absent.duckdb", "select 1")


def test_render_formats(tmp_path):
    path = tmp_path / "w.duckdb"
    row = article()
    with Warehouse(path) as wh:
        wh.load_batch([row], {row["article_id"]: facts()}, [], "r1")
    df = run_query(path, "select kind, count(*) n from facts group by 1 order by 1")
    table = render(df, "table", None)
    assert table.splitlines()[0].split() == ["kind", "n"] and "percentage  1" in table
    assert render(df, "csv", None).splitlines() == ["kind,n", "percentage,1", "period,1", "ratio,1"]
    assert render(df, "json", None).splitlines()[0] == '{"kind": "percentage", "n": 1}'
    out = tmp_path / "o.parquet"
    assert render(df, "parquet", out) is None
    assert duckdb.connect().execute(f"select count(*) from '{out}'").fetchone()[0] == 3
    with pytest.raises(QueryError, match="--output"):
        render(df, "parquet", None)


def test_an_old_warehouse_is_upgraded_in_place(tmp_path, monkeypatch):
    import pipeline.store.warehouse as warehouse

    path = tmp_path / "w.duckdb"
    everything = warehouse.migrations()
    monkeypatch.setattr(warehouse, "migrations", lambda: everything[:1])
    # the code of that time wrote the columns migration 001 has
    monkeypatch.setattr(warehouse, "FACT_COLUMNS", tuple(
        c for c in warehouse.FACT_COLUMNS if c not in (*ANALYSIS_FIELDS, "measure_key", "section", "unit_key")))
    monkeypatch.setattr(warehouse, "ARTICLE_COLUMNS", tuple(
        c for c in warehouse.ARTICLE_COLUMNS if c not in NEW_IN_010))
    row = article()
    with Warehouse(path) as wh:
        wh.load_batch([row], {row["article_id"]: facts()}, [], "r1")
        assert wh.applied_migrations() == [1]
    monkeypatch.undo()
    with Warehouse(path) as wh:
        assert wh.applied_migrations() == [v for v, _, _ in warehouse_migrations()]
        assert wh.table_counts()["facts"] == 3
        assert wh.con.execute("select articles_reextracted from runs").fetchall() == []


def test_stored_fact_ids_are_fact_id_for_and_fields_survive_the_load(tmp_path):
    from pipeline.store.ids import fact_id_for
    body = "Ông Nguyễn Văn Phong nói 12 tỷ đồng — 45 cuộc họp."
    row = article(body=body)
    found = [Fact("money", "12 tỷ đồng", 25, 35, value=12e9, currency="VND", rule_id="money.suffix",
                  sentence=body, sentence_start=0),
             Fact("count", "45 cuộc họp", 38, 48, value=45, unit="cuộc họp", rule_id="count.noun",
                  sentence=body, sentence_start=0),
             Fact("document", "Directive 24", 0, 12, doc_type="directive", doc_number="24",
                  issued="2023-08-07", rule_id="document.number")]
    with Warehouse(tmp_path / "w.duckdb") as wh:
        wh.load_batch([row], {row["article_id"]: found}, [], "r1")
        stored = wh.con.execute("""select fact_id, text, value, unit, currency, "start", issued, run_id,
                                          extractor_version from facts order by "start" """).fetchall()
    expected = sorted(found, key=lambda f: f.start)
    assert [r[0] for r in stored] == [fact_id_for(row["article_id"], f) for f in expected]
    assert [r[1:5] for r in stored] == [(f.text, f.value, f.unit, f.currency) for f in expected]
    assert str(stored[0][6]) == "2023-08-07" and {r[7] for r in stored} == {"r1"} and stored[0][8] == "1"


def test_a_batch_with_no_facts_loads_its_articles(tmp_path):
    row = article()
    with Warehouse(tmp_path / "w.duckdb") as wh:
        assert wh.load_batch([row], {}, [], "r1") == 0
        assert wh.table_counts()["articles"] == 1 and wh.table_counts()["facts"] == 0


def test_migration_006_fills_the_other_article_of_stored_cross_article_checks(tmp_path, monkeypatch):
    import pipeline.store.warehouse as warehouse

    path = tmp_path / "w.duckdb"
    everything = warehouse.migrations()
    monkeypatch.setattr(warehouse, "migrations", lambda: [m for m in everything if m[0] <= 5])
    with Warehouse(path) as wh:
        wh.con.execute("""INSERT INTO checks VALUES
            ('c1', 'bbbb', 'cross_article_conflict', 'warning', ['f1', 'f2'],
             '"VND 5,200 billion" differs from "VND 5,000 billion" for the same measure, place and period in article 0123456789abcdef',
             now(), 'r1'),
            ('c2', 'bbbb', 'percentage_over_100', 'warning', ['f3'], '"104%" is over 100%', now(), 'r1')""")
    monkeypatch.undo()
    with Warehouse(path) as wh:
        assert 6 in wh.applied_migrations()
        assert wh.con.execute("select check_id, other_article_id from checks order by 1").fetchall() \
            == [("c1", "0123456789abcdef"), ("c2", None)]


def test_series_groups_a_place_across_its_vietnamese_and_english_spellings(tmp_path):
    from extractors import extract_facts
    path = tmp_path / "w.duckdb"
    en = article("https://news.example/en.html", body="Nam Tu Liem district collected VND 4.8 trillion "
                 "in budget revenue in 2024.")
    vi = article("https://news.example/vi.html", body="Năm 2024, thu ngân sách của quận Nam Từ Liêm đạt "
                 "4.812,5 tỷ đồng.")
    vi["language"] = "vi"
    published = datetime(2025, 1, 5).date()
    with Warehouse(path) as wh:
        wh.load_batch([en, vi], {en["article_id"]: extract_facts(en["body_text"], published),
                                 vi["article_id"]: extract_facts(vi["body_text"], published, lang="vi")}, [], "r1")
    df = run_query(path, "select place_key, place, ref_start, ref_end, value, language from series "
                         "where measure_key = 'budget_revenue' order by language")
    rows = df.to_dict("records")
    assert [r["place"] for r in rows] == ["Nam Tu Liem", "Nam Từ Liêm"]
    assert {r["place_key"] for r in rows} == {"namtuliem"}
    assert {(str(r["ref_start"]), str(r["ref_end"])) for r in rows} == {("2024-01-01", "2024-12-31")}
    assert sorted(r["value"] for r in rows) == [4.8e12, 4.8125e12]


def test_a_date_column_stays_a_date_in_every_format(tmp_path):
    path = tmp_path / "w.duckdb"
    row = article()
    with Warehouse(path) as wh:
        wh.load_batch([row], {row["article_id"]: facts()}, [], "r1")
    df = run_query(path, "select period_start, period_end from periods")
    assert render(df, "table", None).splitlines()[2].split() == ["2024-01-01", "2024-12-31"]
    assert render(df, "csv", None).splitlines()[1] == "2024-01-01,2024-12-31"
    assert render(df, "json", None).strip() == '{"period_start": "2024-01-01", "period_end": "2024-12-31"}'


def test_migration_010_keeps_every_stored_offset_fact_id_check_and_verdict(tmp_path, monkeypatch):
    import pipeline.store.warehouse as warehouse
    from extractors import extract_facts
    from pipeline.jobs.reextract import reextract
    from pipeline.store.reviewstore import ReviewStore, reviews_path

    path = tmp_path / "w.duckdb"
    everything = warehouse.migrations()
    monkeypatch.setattr(warehouse, "migrations", lambda: [m for m in everything if m[0] <= 9])
    # the code of that time: no text columns, facts from body_text and their offsets in it
    monkeypatch.setattr(warehouse, "ARTICLE_COLUMNS", tuple(c for c in warehouse.ARTICLE_COLUMNS
                                                           if c not in NEW_IN_010))
    monkeypatch.setattr(warehouse, "FACT_COLUMNS", tuple(c for c in warehouse.FACT_COLUMNS
                                                        if c not in ("section", "unit_key")))
    row = article()
    row.update(title="Ward settles 133/155 tasks", lead="It also recorded 12 petitions.", text=None, body_start=None)
    with Warehouse(path) as wh:
        wh.load_batch([row], {row["article_id"]: extract_facts(BODY, row["published_at"].date())}, [], "r1")
        stored = wh.con.execute('SELECT fact_id, kind, text, "start", "end", rule_id FROM facts ORDER BY "start"').fetchall()
        wh.con.execute("INSERT INTO checks VALUES ('c1', ?, 'ratio_percentage_agree', 'info', ?, 'agrees', now(), 'r1', NULL)",
                       [row["article_id"], [stored[0][0], stored[1][0]]])
    assert len(stored) >= 3
    fid, kind, text, start, end, rule_id = stored[0]
    store = ReviewStore(reviews_path(path))
    store.record_verdict(fact_id=fid, article_id=row["article_id"], kind=kind, fact_text=text, start=start,
                         end=end, verdict="correct", rule_id=rule_id)
    monkeypatch.undo()

    def facts_pointing_elsewhere(wh) -> int:
        return wh.con.execute("""SELECT count(*) FROM facts f JOIN articles a USING (article_id)
            WHERE substr(a.text, f."start" + 1, f."end" - f."start") <> f.text
               OR substr(a.text, f.sentence_start + 1, length(f.sentence)) <> f.sentence""").fetchone()[0]

    with Warehouse(path) as wh:
        assert 10 in wh.applied_migrations()
        assert wh.con.execute("SELECT text = body_text, lead_start, body_start FROM articles").fetchone() == (True, None, 0)
        assert facts_pointing_elsewhere(wh) == 0
        assert wh.con.execute('SELECT fact_id, kind, text, "start", "end", rule_id FROM facts ORDER BY "start"'
                              ).fetchall() == stored
        assert {r[0] for r in wh.con.execute("SELECT section FROM facts").fetchall()} == {"body"}
        # the check still names stored facts, the verdict still joins its fact, by id and by span
        assert wh.con.execute("""SELECT count(*) FROM checks, unnest(fact_ids) AS u(fact_id)
                                 WHERE fact_id NOT IN (SELECT fact_id FROM facts)""").fetchone()[0] == 0
        wh.con.execute(f"ATTACH '{reviews_path(path)}' AS reviews (READ_ONLY)")
        assert wh.con.execute("""SELECT v.verdict, substr(a.text, v.start + 1, v."end" - v.start) = v.fact_text
            FROM reviews.latest_verdicts v JOIN facts f USING (fact_id) JOIN articles a ON a.article_id = f.article_id
            WHERE f."start" = v.start AND f."end" = v."end" AND f.text = v.fact_text""").fetchall() == [("correct", True)]
        wh.con.execute("DETACH reviews")
        # re-extraction rebuilds the text from the title, lead and body: their facts come, every
        # offset moves with it, and the old verdict matches no fact rather than another text
        reextract(wh, "r2", every=True)
        assert wh.con.execute("SELECT text FROM articles").fetchone()[0] == f"{row['title']}\n{row['lead']}\n{BODY}"
        assert facts_pointing_elsewhere(wh) == 0
        sections = dict(wh.con.execute("SELECT section, count(*) FROM facts GROUP BY 1").fetchall())
        assert sections.keys() == {"title", "lead", "body"}
        facts = [dict(zip(("fact_id", "article_id", "start", "end", "text"), r)) for r in wh.con.execute(
            'SELECT fact_id, article_id, "start", "end", text FROM facts').fetchall()]
        assert store.verdicts_for(facts) == {}
