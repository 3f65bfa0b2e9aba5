"""The nightly job end to end: the bundled snapshot served on 127.0.0.1, a real DuckDB file."""
import json
import os
import shutil

import duckdb
import pytest
from conftest import run_cli

from pipeline.jobs.demo import serve_directory, snapshot_dir


def counts(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0]
                for t in ("runs", "articles", "facts", "fetches")}
    finally:
        con.close()


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    """`newsfacts run --demo` once, in an empty directory (not the repo)."""
    where = tmp_path_factory.mktemp("demo")
    out = run_cli("run", "--demo", cwd=where)
    return where, out


def test_demo_run_populates_the_warehouse_and_prints_a_summary(demo_dir):
    where, out = demo_dir
    assert out.returncode == 0, out.stderr
    assert "newsfacts demo run" in out.stdout and "facts loaded" in out.stdout
    assert 'newsfacts query "' in out.stdout
    c = counts(where / "warehouse.duckdb")
    assert c["runs"] == 1 and c["articles"] >= 42 and c["facts"] >= 100
    con = duckdb.connect(str(where / "warehouse.duckdb"), read_only=True)
    kinds = dict(con.execute("select kind, count(*) from facts group by 1").fetchall())
    assert kinds.get("percentage", 0) >= 20 and kinds.get("ratio", 0) >= 10
    run = con.execute("select status, mode, articles_new, finished_at is not null from runs").fetchone()
    assert run[:2] == ("ok", "demo") and run[2] == c["articles"] and run[3]
    # every stored figure can be checked against its sentence
    bad = con.execute("""select count(*) from facts f join articles a using (article_id)
        where substr(a.text, f.start + 1, f."end" - f.start) <> f.text
           or position(f.text in f.sentence) = 0 or f.rule_id = ''""").fetchone()[0]
    assert bad == 0
    # facts of the titles and leads too, each within its section's bounds
    sections = dict(con.execute("""select section, count(*) filter (where case section
            when 'title' then f."end" <= coalesce(a.lead_start, a.body_start)
            when 'lead' then f.start >= a.lead_start and f."end" <= a.body_start
            else f.start >= a.body_start end) from facts f join articles a using (article_id) group by 1""").fetchall())
    counts_by_section = dict(con.execute("select section, count(*) from facts group by 1").fetchall())
    assert sections == counts_by_section and counts_by_section.keys() == {"title", "lead", "body"}
    # every site yields facts; the Vietnamese pages through the Vietnamese rules, in all ten kinds
    per_site = dict(con.execute("""select a.site, count(f.fact_id) from articles a
        left join facts f using (article_id) group by 1""").fetchall())
    assert set(per_site) == {"hanoitimes", "vietnamvn", "kinhtedothi"} and min(per_site.values()) >= 100
    vi = con.execute("""select count(*), count(*) filter (where extraction_status = 'extracted')
        from articles where language = 'vi'""").fetchone()
    assert vi[0] >= 12 and vi[0] == vi[1]
    vi_kinds = dict(con.execute("""select kind, count(*) from facts join articles using (article_id)
        where language = 'vi' group by 1""").fetchall())
    assert set(vi_kinds) == {"count", "percentage", "ratio", "rank", "money", "quantity", "date", "period",
                             "official", "document"}, vi_kinds
    money = con.execute("""select money.text, value, currency from money join articles using (article_id)
        where language = 'vi' and money.text like '%tỷ đồng' order by value desc limit 1""").fetchone()
    assert money[2] == "VND" and money[1] >= 1e9
    # raw pages are stored beside the warehouse and readable
    for (raw_path,) in con.execute("select raw_path from articles").fetchall():
        assert (where / "corpus" / "raw" / raw_path).is_file()
    # one fetches row per article request, each with an outcome
    assert con.execute("select count(*) from fetches where outcome = 'stored'").fetchone()[0] == c["articles"]
    # republications keep the original URL
    assert con.execute("select count(*) from articles where source_url like 'https://kinhtedothi.vn/%'"
                       ).fetchone()[0] >= 2
    # consistency checks were computed after the loads
    assert con.execute("select count(*) from checks where severity = 'info'").fetchone()[0] >= 1
    # ... and those whose original is stored too are linked to it
    linked = con.execute("select original_site, count(*) from republications group by 1").fetchall()
    assert linked and linked[0][0] == "kinhtedothi" and linked[0][1] >= 2
    con.close()


def test_query_prints_a_table(demo_dir):
    where, _ = demo_dir
    out = run_cli("query", "select kind, count(*) from facts group by 1", cwd=where)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split()[0] == "kind" and "percentage" in out.stdout and lines[-1].endswith("rows)")


def test_status_shows_the_run(demo_dir):
    where, _ = demo_dir
    out = run_cli("status", cwd=where)
    from pipeline.store.warehouse import migrations

    latest = max(version for version, _, _ in migrations())
    assert out.returncode == 0 and "demo" in out.stdout and f"schema version {latest}" in out.stdout


def test_second_demo_run_adds_no_rows(tmp_path):
    first = run_cli("run", "--demo", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    before = counts(tmp_path / "warehouse.duckdb")
    second = run_cli("run", "--demo", cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    after = counts(tmp_path / "warehouse.duckdb")
    assert after["articles"] == before["articles"] and after["facts"] == before["facts"]
    assert after["runs"] == 2
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True)
    new, updated, unchanged, facts = con.execute(
        "select articles_new, articles_updated, articles_unchanged, facts_loaded from runs "
        "order by started_at desc limit 1").fetchone()
    assert (new, updated, facts) == (0, 0, 0) and unchanged == before["articles"]
    # the second night asked conditionally and got 304s
    assert con.execute("select count(*) from fetches where status = 304").fetchone()[0] == before["articles"]
    con.close()


@pytest.fixture
def mirror(tmp_path):
    """The snapshot's hanoitimes.vn served locally, and a config pointing the real host at it."""
    with serve_directory(snapshot_dir() / "hanoitimes.vn") as base:
        (tmp_path / "newsfacts.toml").write_text(
            f'warehouse = "{tmp_path / "nightly.duckdb"}"\nlog_file = "{tmp_path / "logs" / "run.log"}"\n'
            f'log_level = "INFO"\nallow_loopback = true\ndelay_seconds = 0\n'
            f'[[sites]]\nname = "hanoitimes"\nadapter = "hanoitimes"\nbase_url = "https://hanoitimes.vn"\n'
            f'[url_map]\n"https://hanoitimes.vn" = "{base}"\n')
        yield tmp_path


def test_successful_nightly_run_prints_nothing(mirror):
    out = run_cli("run", cwd=mirror)
    assert (out.returncode, out.stdout, out.stderr) == (0, "", "")
    assert counts(mirror / "nightly.duckdb")["articles"] >= 16
    assert "INFO" in (mirror / "logs" / "run.log").read_text()


def test_max_articles_bounds_a_run(mirror):
    out = run_cli("run", "--max-articles", "3", cwd=mirror)
    assert out.returncode == 0, out.stderr
    assert counts(mirror / "nightly.duckdb")["articles"] == 3


def test_unreachable_site_fails_with_one_line_and_keeps_stored_rows(mirror):
    assert run_cli("run", "--max-articles", "2", cwd=mirror).returncode == 0
    config = (mirror / "newsfacts.toml").read_text()
    (mirror / "newsfacts.toml").write_text(config.split("[url_map]")[0]
                                           + '[url_map]\n"https://hanoitimes.vn" = "http://127.0.0.1:9"\n')
    out = run_cli("run", cwd=mirror)
    assert out.returncode == 69
    assert out.stderr.count("\n") == 1 and "robots.txt unavailable" in out.stderr
    c = counts(mirror / "nightly.duckdb")
    assert c["articles"] == 2 and c["runs"] == 2


def test_pages_failing_mid_run_give_partial_exit_3(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(snapshot_dir() / "hanoitimes.vn", site)
    victims = sorted(p for p in site.glob("*.html") if p.name not in ("index.html", "about.html"))[:2]
    for page in victims:
        page.unlink()
    with serve_directory(site) as base:
        (tmp_path / "newsfacts.toml").write_text(
            'allow_loopback = true\ndelay_seconds = 0\n[[sites]]\nname = "ht"\nadapter = "hanoitimes"\n'
            f'base_url = "https://hanoitimes.vn"\n[url_map]\n"https://hanoitimes.vn" = "{base}"\n')
        out = run_cli("run", cwd=tmp_path)
    assert out.returncode == 3
    assert out.stderr.strip().splitlines()[-1].startswith("newsfacts: error: run ")
    c = counts(tmp_path / "warehouse.duckdb")
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True)
    failed = con.execute("select count(*) from fetches where outcome = 'failed' and status = 404").fetchone()[0]
    status = con.execute("select status from runs").fetchone()[0]
    con.close()
    assert failed == 2 and status == "partial" and c["articles"] >= 14


def test_second_writer_exits_75(tmp_path):
    from pipeline.store.lock import RunLock

    with RunLock(tmp_path / "warehouse.duckdb"):
        out = run_cli("run", "--demo", cwd=tmp_path)
    assert out.returncode == 75 and f"pid {os.getpid()}" in out.stderr


def test_extractor_upgrade_refreshes_stored_facts_on_the_next_run(tmp_path):
    assert run_cli("run", "--demo", cwd=tmp_path).returncode == 0
    path = tmp_path / "warehouse.duckdb"
    before = counts(path)
    con = duckdb.connect(str(path))
    con.execute("update articles set extractor_version = 'older' where site = 'hanoitimes'")
    con.execute("update facts set extractor_version = 'older', rule_id = 'retired.rule' "
                "where article_id in (select article_id from articles where site = 'hanoitimes')")
    stale = con.execute("select count(*) from articles where site = 'hanoitimes'").fetchone()[0]
    con.close()
    out = run_cli("run", "--demo", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    after = counts(path)
    assert (after["articles"], after["facts"]) == (before["articles"], before["facts"])
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("select count(*) from facts where rule_id = 'retired.rule'").fetchone()[0] == 0
    assert con.execute("select articles_reextracted from runs order by started_at desc limit 1"
                       ).fetchone()[0] == stale
    con.close()
    out = run_cli("reextract", "--all", cwd=tmp_path)
    assert out.returncode == 0 and out.stdout == "" and counts(path)["facts"] == before["facts"]


def test_run_one_site_verbosely(tmp_path):
    out = run_cli("run", "--demo", "--site", "hanoitimes", "-v", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "INFO" in out.stderr
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True)
    sites = {r[0] for r in con.execute("select distinct site from articles").fetchall()}
    con.close()
    assert sites == {"hanoitimes"}
    bad = run_cli("run", "--demo", "--site", "nowhere", cwd=tmp_path)
    assert bad.returncode == 78 and "no configured site 'nowhere'" in bad.stderr and bad.stderr.count("\n") == 1


def test_each_site_of_a_run_has_its_row_and_stats_line(mirror):
    assert run_cli("run", cwd=mirror).returncode == 0
    con = duckdb.connect(str(mirror / "nightly.duckdb"), read_only=True)
    site, new, facts, fetches, error = con.execute(
        "select site, articles_new, facts_loaded, fetches, error from run_sites").fetchone()
    totals = con.execute("select articles_new, facts_loaded, fetches from runs").fetchone()
    con.close()
    assert (site, error) == ("hanoitimes", None) and new >= 16
    assert (new, facts, fetches) == totals
    assert f"stats hanoitimes: articles_new={new}," in (mirror / "logs" / "run.log").read_text()


def test_under_cron_the_log_file_has_one_json_event_per_line(mirror):
    assert run_cli("run", cwd=mirror).returncode == 0
    events = [json.loads(line) for line in (mirror / "logs" / "run.log").read_text().splitlines()]
    assert events and all({"time", "level", "logger", "message"} <= set(e) for e in events)
    stats = [e for e in events if e["message"].startswith("stats hanoitimes")]
    assert stats and stats[0]["site"] == "hanoitimes" and stats[0]["run_id"]
    text = mirror / "newsfacts.toml"
    text.write_text(text.read_text().replace('log_level = "INFO"', 'log_level = "INFO"\nlog_format = "text"'))
    (mirror / "logs" / "run.log").unlink()
    assert run_cli("run", cwd=mirror).returncode == 0
    assert " INFO " in (mirror / "logs" / "run.log").read_text().splitlines()[0]
