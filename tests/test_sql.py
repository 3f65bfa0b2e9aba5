import duckdb

from pipeline.store.sql import quote_identifier, quote_literal


def test_quoted_names_and_texts_reach_duckdb_as_written():
    con = duckdb.connect()
    table, column, comment = 'it"s', "a 'b'", "O'Neil said \"no\""
    con.execute(f"CREATE TABLE {quote_identifier(table)} ({quote_identifier(column)} INTEGER)")
    con.execute(f"COMMENT ON COLUMN {quote_identifier(table)}.{quote_identifier(column)} IS {quote_literal(comment)}")
    assert con.execute("SELECT table_name, column_name, comment FROM duckdb_columns() WHERE table_name = ?",
                       [table]).fetchall() == [(table, column, comment)]


def test_a_warehouse_path_with_quotes_opens_for_reading(tmp_path):
    from pipeline.store.replica import damaged

    path = tmp_path / "it's \"here\".duckdb"
    duckdb.connect(str(path)).execute("CREATE TABLE t AS SELECT 1 AS x").close()
    assert damaged(path) is None
