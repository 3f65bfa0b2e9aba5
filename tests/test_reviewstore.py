"""reviews.duckdb: its schema through numbered migrations, and files written before it had them."""
from __future__ import annotations

import duckdb
import pytest

from pipeline.errors import WarehouseError
from pipeline.store import reviewstore
from pipeline.store.reviewstore import ReviewStore, migrations

# The schema as the code before migrations wrote it (pipeline/store/reviewstore.py at 413d77a, run on
# every first write), its COMMENT statements left out: a file of that format, to be adopted.
OLD_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS verdicts (
        verdict_id      VARCHAR PRIMARY KEY,
        fact_id         VARCHAR NOT NULL,
        article_id      VARCHAR NOT NULL,
        kind            VARCHAR NOT NULL,
        rule_id         VARCHAR,
        fact_text       VARCHAR NOT NULL,
        start           INTEGER NOT NULL,
        "end"           INTEGER NOT NULL,
        verdict         VARCHAR NOT NULL CHECK (verdict IN ('correct', 'wrong', 'corrected')),
        corrected_value VARCHAR,
        note            VARCHAR,
        reviewer        VARCHAR,
        decided_at      TIMESTAMPTZ NOT NULL
    )""",
    "ALTER TABLE verdicts ADD COLUMN IF NOT EXISTS reason VARCHAR",
    """CREATE TABLE IF NOT EXISTS check_dismissals (
        check_id     VARCHAR PRIMARY KEY,
        check_name   VARCHAR NOT NULL,
        reviewer     VARCHAR,
        dismissed_at TIMESTAMPTZ NOT NULL
    )""",
    """CREATE OR REPLACE VIEW latest_verdicts AS
    SELECT * FROM verdicts
    QUALIFY row_number() OVER (PARTITION BY fact_id ORDER BY decided_at DESC, verdict_id DESC) = 1""",
]
# The first reviews.duckdb (cdc5f64): no reason column, no dismissals yet.
FIRST_SCHEMA = [s for s in OLD_SCHEMA if "reason" not in s and "check_dismissals" not in s]
OLD_VERDICTS = [  # verdict_id, fact_id, article_id, kind, rule_id, fact_text, start, end, verdict,
    #               corrected_value, note, reviewer, decided_at
    ("v1", "f1", "a1", "count", "count.noun", "15 members", 10, 20, "wrong", None, None, "Lan",
     "2024-06-01 08:00:00+00"),
    ("v2", "f1", "a1", "count", "count.noun", "15 members", 10, 20, "correct", None, "on second look", "Minh",
     "2024-06-02 08:00:00+00"),
    ("v3", "f2", "a1", "money", "money.suffix", "12 tỷ đồng", 30, 40, "corrected", "12000000000", None, None,
     "2024-06-03 08:00:00+00"),
]


def _old_file(path, schema: list[str]) -> list[tuple]:
    """A reviews.duckdb as the old code left it, with verdicts (and a dismissal where it had them)."""
    con = duckdb.connect(str(path))
    try:
        con.execute("SET TimeZone = 'UTC'")
        for statement in schema:
            con.execute(statement)
        columns = 'verdict_id, fact_id, article_id, kind, rule_id, fact_text, start, "end", verdict, ' \
                  'corrected_value, note, reviewer, decided_at'
        con.executemany(f"INSERT INTO verdicts ({columns}) VALUES ({', '.join('?' * 13)})", OLD_VERDICTS)
        if "reason" in " ".join(schema):
            con.execute("UPDATE verdicts SET reason = 'not_a_fact' WHERE verdict_id = 'v1'")
            con.execute("INSERT INTO check_dismissals VALUES ('c1', 'parts_sum_mismatch', 'Lan', now())")
        return _verdict_rows(con)
    finally:
        con.close()


def _verdict_rows(con) -> list[tuple]:
    return con.execute('SELECT verdict_id, fact_id, article_id, kind, rule_id, fact_text, start, "end", verdict, '
                       'corrected_value, note, reviewer, decided_at FROM verdicts ORDER BY verdict_id').fetchall()


def _read(path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("schema", [OLD_SCHEMA, FIRST_SCHEMA], ids=["before-migrations", "first-format"])
def test_a_reviews_file_from_before_migrations_is_adopted_with_every_verdict(tmp_path, schema):
    path = tmp_path / "reviews.duckdb"
    before = _old_file(path, schema)
    store = ReviewStore(path)
    new = store.record_verdict(fact_id="f3", article_id="a2", kind="percentage", fact_text="85.8%", start=5,
                               end=10, verdict="wrong", reason="wrong_value", reviewer="Lan")
    every = [v for v, _, _ in migrations()]
    assert every == list(range(1, len(every) + 1))
    assert _read(path, "SELECT version FROM schema_migrations ORDER BY 1") == [(v,) for v in every]
    con = duckdb.connect(str(path), read_only=True)
    try:
        con.execute("SET TimeZone = 'UTC'")
        assert [r for r in _verdict_rows(con) if r[0] != new] == before
    finally:
        con.close()
    reasons = dict(_read(path, "SELECT verdict_id, reason FROM verdicts"))
    assert reasons == {"v1": "not_a_fact" if schema is OLD_SCHEMA else None, "v2": None, "v3": None,
                       new: "wrong_value"}
    assert store.verdicts_for([dict(fact_id="f1", article_id="a1", start=10, end=20, text="15 members")]
                              )["f1"]["verdict_id"] == "v2"
    assert store.dismissed_checks() == (["c1"] if schema is OLD_SCHEMA else [])
    assert _read(path, "SELECT count(*) FROM duckdb_columns() WHERE table_name IN ('verdicts', 'check_dismissals') "
                       "AND comment IS NULL") == [(0,)]
    # adopted once: a later store finds nothing to apply
    con = duckdb.connect(str(path))
    try:
        assert reviewstore.migrate(con) == []
    finally:
        con.close()


def test_a_new_reviews_file_is_made_by_the_migrations(tmp_path):
    path = tmp_path / "reviews.duckdb"
    ReviewStore(path).dismiss_check("c1", "parts_sum_mismatch")
    assert _read(path, "SELECT version, name FROM schema_migrations ORDER BY 1") == \
        [(v, name) for v, name, _ in migrations()]
    assert {r[0] for r in _read(path, "SELECT table_name FROM duckdb_tables()")} == \
        {"verdicts", "check_dismissals", "schema_migrations"}
    assert _read(path, "SELECT count(*) FROM duckdb_views() WHERE view_name = 'latest_verdicts'") == [(1,)]


def test_a_failing_migration_leaves_the_file_and_its_verdicts_as_they_were(tmp_path, monkeypatch):
    path = tmp_path / "reviews.duckdb"
    before = _old_file(path, OLD_SCHEMA)
    shipped = migrations()
    broken = (len(shipped) + 1, "broken", "ALTER TABLE verdicts ADD COLUMN extra VARCHAR; SELECT * FROM nowhere;")
    monkeypatch.setattr(reviewstore, "migrations", lambda: [*shipped, broken])
    with pytest.raises(WarehouseError, match=rf"reviews .*reviews\.duckdb: migration {broken[0]:03d}_broken failed"):
        ReviewStore(path).dismiss_check("c2", "parts_sum_mismatch")
    assert _read(path, "SELECT max(version) FROM schema_migrations") == [(len(shipped),)]
    assert _read(path, "SELECT count(*) FROM duckdb_columns() WHERE column_name = 'extra'") == [(0,)]
    assert len(_read(path, "SELECT * FROM verdicts")) == len(before)
