"""extractors/kinds.py: the kinds as declared, and the warehouse views they name."""
from datetime import datetime, timezone

from extractors.facts import ANALYSIS_FIELDS, SCHEMA_FIELDS, Fact
from extractors.kinds import FIGURE_KINDS, KINDS
from extractors.nlp import build_nlp
from pipeline.store.ids import article_id_for
from pipeline.store.warehouse import ARTICLE_COLUMNS, Warehouse

# what every per-kind view shows beside the columns of its kind
CONTEXT_COLUMNS = ("fact_id", "article_id", "site", "published_at", "article_title", "article_url",
                   "text", "section", "sentence", "rule_id")
# DuckDB types a field's Python type is stored as (dates are str in a Fact, DATE in the warehouse)
STORED_AS = {float: {"DOUBLE"}, int: {"INTEGER", "BIGINT"}, str: {"VARCHAR", "DATE"}}


def test_kinds_declare_fact_fields_and_each_other():
    own_fields = set(SCHEMA_FIELDS) - {"kind", "text", "start", "end", *ANALYSIS_FIELDS}
    for spec in KINDS.values():
        assert set(spec.fields) <= own_fields, spec.name
        assert set(spec.scored_fields) <= set(spec.fields), spec.name
        assert set(spec.holds) <= set(KINDS), spec.name
    assert sorted(s.priority for s in KINDS.values()) == list(range(len(KINDS)))   # no ties
    assert FIGURE_KINDS == ("count", "percentage", "ratio", "rank", "money", "quantity")


def test_every_language_has_a_component_for_every_kind():
    for lang in ("en", "vi"):
        assert [spec.component for spec in KINDS.values()] == \
            [name for name in build_nlp(lang).pipe_names if name.removeprefix("newsfacts_") in KINDS]


def test_each_kind_has_its_view_with_the_columns_it_declares(tmp_path):
    with Warehouse(tmp_path / "w.duckdb") as wh:
        for spec in KINDS.values():
            columns = dict(wh.con.execute("SELECT column_name, data_type FROM duckdb_columns() "
                                          "WHERE table_name = ?", [spec.view]).fetchall())
            assert columns, f"no view {spec.view!r} for the kind {spec.name!r}: a migration must create it"
            missing = set(CONTEXT_COLUMNS + spec.columns) - set(columns)
            assert not missing, f"view {spec.view!r} lacks {sorted(missing)}"
            for name, typ in spec.field_types.items():
                assert columns[name] in STORED_AS[typ], (spec.view, name, columns[name])


def test_each_view_shows_the_facts_of_its_kind_and_no_other(tmp_path):
    url = "https://news.example/kinds.html"
    row = {c: None for c in ARTICLE_COLUMNS}
    row.update(article_id=article_id_for(url), url=url, canonical_url=url, site="example", title="Kinds",
               text="x" * 100, published_at=datetime(2024, 7, 2, tzinfo=timezone.utc), language="en",
               content_sha256="abc", extraction_status="extracted", extractor_version="1",
               first_seen_run="r1", last_seen_run="r1", parse_complete=True)
    facts = [Fact(name, f"a {name}", 10 * i, 10 * i + 5, rule_id=f"{name}.test")
             for i, name in enumerate(KINDS)]
    with Warehouse(tmp_path / "w.duckdb") as wh:
        wh.load_batch([row], {row["article_id"]: facts}, [], "r1")
        for spec in KINDS.values():
            shown = wh.con.execute(f'SELECT text, rule_id FROM "{spec.view}"').fetchall()
            assert shown == [(f"a {spec.name}", f"{spec.name}.test")], spec.view
