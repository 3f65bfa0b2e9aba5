import json
from pathlib import Path

from conftest import run_cli

from pipeline.store.warehouse import Warehouse


def test_help_lists_the_commands(tmp_path):
    out = run_cli("--help", cwd=tmp_path)
    assert out.returncode == 0
    for command in ("run", "extract", "query", "migrate", "status"):
        assert f"  {command} " in out.stdout


def test_bad_config_exits_78_with_one_line(tmp_path):
    (tmp_path / "newsfacts.toml").write_text("delay_seconds = 'soon'\n")
    out = run_cli("status", cwd=tmp_path)
    assert out.returncode == 78
    assert out.stderr.count("\n") == 1 and "delay_seconds" in out.stderr and out.stdout == ""


def test_query_errors_have_exit_codes(tmp_path):
    out = run_cli("query", "select 1", cwd=tmp_path)
    assert out.returncode == 66 and "does not exist" in out.stderr and out.stderr.count("\n") == 1
    assert run_cli("migrate", cwd=tmp_path).returncode == 0
    assert (tmp_path / "warehouse.duckdb").exists()
    out = run_cli("query", "select * from no_such_table", cwd=tmp_path)
    assert out.returncode == 65 and out.stderr.startswith("newsfacts: error: query failed")
    # DuckDB's whole message: what it suggests, and where in the query it stopped
    assert 'Did you mean "' in out.stderr and "^^^" in out.stderr
    out = run_cli("query", "drop table facts", cwd=tmp_path)
    assert out.returncode == 65
    with Warehouse(tmp_path / "warehouse.duckdb") as wh:
        assert "facts" in wh.table_counts()


def test_query_formats_and_output_file(tmp_path):
    run_cli("migrate", "--warehouse", "w.duckdb", cwd=tmp_path)
    sql = "select version, name from schema_migrations order by version"
    out = run_cli("query", sql, "--warehouse", "w.duckdb", cwd=tmp_path)
    assert out.returncode == 0 and out.stdout.splitlines()[0].split() == ["version", "name"]
    out = run_cli("query", sql, "--warehouse", "w.duckdb", "--format", "json", cwd=tmp_path)
    assert json.loads(out.stdout.splitlines()[0]) == {"version": 1, "name": "initial"}
    assert json.loads(out.stdout.splitlines()[1]) == {"version": 2, "name": "runs_reextracted"}
    out = run_cli("query", sql, "--warehouse", "w.duckdb", "--format", "csv", "--output", "o.csv", cwd=tmp_path)
    assert out.returncode == 0 and out.stdout == ""
    assert (tmp_path / "o.csv").read_text().splitlines()[:2] == ["version,name", "1,initial"]
    out = run_cli("query", sql, "--warehouse", "w.duckdb", "--format", "parquet", cwd=tmp_path)
    assert out.returncode == 65 and "--output" in out.stderr


def test_warehouse_from_environment(tmp_path):
    out = run_cli("migrate", cwd=tmp_path, env={"NEWSFACTS_WAREHOUSE": str(tmp_path / "env.duckdb")})
    assert out.returncode == 0 and (tmp_path / "env.duckdb").exists()
    out = run_cli("status", cwd=tmp_path, env={"NEWSFACTS_WAREHOUSE": str(tmp_path / "env.duckdb")})
    assert out.returncode == 0 and "rows: runs 0, articles 0, facts 0, fetches 0" in out.stdout


def test_extract_jsonl_and_files(tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        json.dumps({"id": "d1", "text": "The ward finished 41/45 tasks, reaching 91.1%.",
                    "published": "2024-03-02"}) + "\n"
        + json.dumps({"id": "d2", "html": "<html lang='en'><body><article><h1>T</h1><p>Up to 12.5% of "
                      "households and 7 out of 9 villages took part.</p></article></body></html>"}) + "\n",
        encoding="utf-8")
    (tmp_path / "note.txt").write_text("Turnout was 98.6 percent.", encoding="utf-8")
    out = run_cli("extract", "--input", "docs.jsonl", "note.txt", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    facts = [json.loads(line) for line in out.stdout.splitlines()]
    by_doc = {}
    for fact in facts:
        by_doc.setdefault(fact["doc"], []).append(fact)
    d1 = {f["kind"]: f for f in by_doc["d1"]}
    assert d1["ratio"]["numerator"] == 41 and d1["ratio"]["denominator"] == 45
    assert d1["percentage"]["value"] == 91.1
    text = "The ward finished 41/45 tasks, reaching 91.1%."
    assert all(text[f["start"]:f["end"]] == f["text"] for f in by_doc["d1"])
    assert {f["kind"] for f in by_doc["d2"]} >= {"percentage", "ratio"}
    assert [f["value"] for f in by_doc["note.txt"] if f["kind"] == "percentage"] == [98.6]
    assert all("rule_id" not in f for f in facts)  # the contract is FACTS.md's fields plus "doc"


def test_extract_bad_input(tmp_path):
    (tmp_path / "bad.jsonl").write_text('{"id": "ok", "text": "5%"}\n{not json\n')
    out = run_cli("extract", "--input", "bad.jsonl", cwd=tmp_path)
    assert out.returncode == 65 and "bad.jsonl:2: invalid JSON" in out.stderr
    assert out.stderr.count("\n") == 1
    out = run_cli("extract", "--input", "missing.jsonl", cwd=tmp_path)
    assert out.returncode == 66
    out = run_cli("extract", cwd=tmp_path)
    assert out.returncode == 2


def test_parse_stored_pages(tmp_path):
    import gzip

    from pipeline.jobs.demo import snapshot_dir

    page = next((snapshot_dir() / "www.vietnam.vn" / "en").glob("*/index.html"))
    stored = tmp_path / "page.html.gz"
    stored.write_bytes(gzip.compress(page.read_bytes()))
    out = run_cli("parse", str(page), str(stored), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    first, second = (json.loads(line) for line in out.stdout.splitlines())
    assert first["adapter"] == "vietnamvn" and first["language"] == "en"
    assert first["title"] and first["published"].endswith("+07:00") and "\n" in first["body"]
    assert {k: v for k, v in second.items() if k != "path"} == {k: v for k, v in first.items() if k != "path"}
    out = run_cli("parse", "--url", "https://example.org/x", str(page), str(stored), cwd=tmp_path)
    assert out.returncode == 2
    (tmp_path / "broken.html.gz").write_bytes(b"not gzip")
    out = run_cli("parse", "broken.html.gz", cwd=tmp_path)
    assert out.returncode == 65 and out.stderr.count("\n") == 1


def test_parse_url_fetches_the_page_and_shows_lead_and_body_path(tmp_path, http_site):
    base, routes = http_site
    page = (Path(__file__).parent / "fixtures" / "generic" / "split_by_ads.html").read_text(encoding="utf-8")
    routes.add("/business/dong-anh-flowers-export.html", page)
    (tmp_path / "newsfacts.toml").write_text(
        f'allow_loopback = true\ndelay_seconds = 0\n[url_map]\n"https://farmnews.example.org" = "{base}"\n')
    out = run_cli("parse", "--url", "https://farmnews.example.org/business/dong-anh-flowers-export.html",
                  cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    (record,) = map(json.loads, out.stdout.splitlines())
    assert record["adapter"] == "generic" and record["body_path"] == "trafilatura"
    assert record["body"].startswith("Growers in a Dong Anh flower village") and "Advertisement" not in record["body"]
    assert "lead" in record and record["published"] == "2024-03-11T07:30:00+07:00"
    out = run_cli("parse", "--url", "https://farmnews.example.org/gone.html", cwd=tmp_path)
    assert out.returncode == 69 and out.stderr.count("\n") == 1 and "not fetched" in out.stderr
    assert run_cli("parse", cwd=tmp_path).returncode == 2


def test_crontab_line_from_the_configured_schedule(tmp_path):
    (tmp_path / "nightly.toml").write_text('schedule = "40 1 * * *"\n')
    out = run_cli("--config", "nightly.toml", "crontab", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    line = out.stdout.strip()
    assert line.startswith("40 1 * * *  cd ") and line.endswith(f"--config {tmp_path / 'nightly.toml'} run")
    (tmp_path / "nightly.toml").write_text('schedule = "every night"\n')
    assert run_cli("--config", "nightly.toml", "crontab", cwd=tmp_path).returncode == 78


def test_extract_picks_the_language_per_document(tmp_path):
    vi = "Quận đã tiếp 517/517 lượt công dân và thu 176.737 tỷ đồng, đạt 49,1% dự toán."
    en = "The ward settled 41/45 tasks and collected VND 12.4 trillion."
    docs = tmp_path / "docs.jsonl"
    docs.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in [
        {"id": "vi", "text": vi},
        {"id": "en", "text": en},
        {"id": "forced", "text": "Thu 12.400 tỷ đồng.", "lang": "en"},
        {"id": "fr", "text": "La commune a reçu 12 demandes de citoyens cette semaine."},
    ]) + "\n", encoding="utf-8")
    out = run_cli("extract", "--input", "docs.jsonl", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    facts = [json.loads(line) for line in out.stdout.splitlines()]
    got = {(f["doc"], f["kind"], f["text"]) for f in facts}
    assert {("vi", "ratio", "517/517 lượt công dân"), ("vi", "money", "176.737 tỷ đồng"),
            ("vi", "percentage", "49,1%")} <= got
    money = [f for f in facts if f["doc"] == "vi" and f["kind"] == "money"][0]
    assert money["value"] == 176737000000000 and money["currency"] == "VND"
    assert ("en", "ratio", "41/45 tasks") in got
    # "lang" overrides detection: read the English way, "12.400 tỷ" is no Vietnamese money
    assert not any(f["doc"] == "forced" and f["kind"] == "money" for f in facts)
    assert not any(f["doc"] == "fr" for f in facts)   # unsupported: stored nothing, said so
    assert "fr" in out.stderr and "not supported" in out.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "x", "text": "5%", "lang": 5}) + "\n")
    out = run_cli("extract", "--input", "bad.jsonl", cwd=tmp_path)
    assert out.returncode == 65 and '"lang"' in out.stderr
