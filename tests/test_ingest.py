import gzip
import shutil
from pathlib import Path

import extractors
from pipeline.jobs.ingest import IngestStats, ingest_pages
from pipeline.store.warehouse import Warehouse

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "corpus" / "snapshot" / "hanoitimes.vn"
PAGES = sorted(p for p in SNAPSHOT.glob("*.html") if p.name not in ("index.html", "about.html"))[:4]


def facts_of(wh: Warehouse) -> list[tuple]:
    return wh.con.execute("""select fact_id, article_id, kind, text, "start", "end", value, unit, person,
                             doc_number, extractor_version from facts order by fact_id""").fetchall()


def snapshot(wh: Warehouse) -> tuple:
    return tuple(wh.con.execute(f"select count(*), coalesce(sum(hash(t)), 0) from {t} t").fetchone()
                 for t in ("articles", "facts", "fetches"))


def test_rows_and_facts_land_and_rerun_loads_nothing(tmp_path):
    # one page stored gzipped, as pipeline.crawl.rawstore keeps them
    gz = tmp_path / "page.html.gz"
    gz.write_bytes(gzip.compress(PAGES[0].read_bytes()))
    paths = [gz, *PAGES[1:]]
    with Warehouse(tmp_path / "w.duckdb") as wh:
        stats = ingest_pages(paths, wh, "hanoitimes", "r1", batch_size=3)
        assert isinstance(stats, IngestStats)
        assert (stats.pages, stats.failed, stats.articles_new, stats.articles_unchanged) == (4, 0, 4, 0)
        rows = wh.con.execute("""select canonical_url, site, parse_complete, extraction_status,
                                 extractor_version, first_seen_run, raw_path from articles""").fetchall()
        assert len(rows) == 4
        assert all(r[0].startswith("https://hanoitimes.vn/") for r in rows)
        assert {r[1:6] for r in rows} == {("hanoitimes", True, "extracted", extractors.EXTRACTOR_VERSION, "r1")}
        assert str(gz) in {r[6] for r in rows}
        n_facts = wh.con.execute("select count(*) from facts").fetchone()[0]
        assert n_facts == stats.facts_loaded == sum(stats.facts_by_kind.values()) > 20
        assert wh.con.execute("select count(distinct article_id) from facts").fetchone()[0] == 4
        assert stats.parse_seconds > 0 and stats.extract_seconds > 0 and stats.load_seconds > 0
        assert abs(sum(stats.stage_shares().values()) - 1) < 1e-9

        before = snapshot(wh)
        again = ingest_pages(paths, wh, "hanoitimes", "r2", batch_size=3)
        assert (again.articles_new, again.articles_updated, again.articles_unchanged) == (0, 0, 4)
        assert again.facts_loaded == 0 and again.extract_seconds == 0
        assert snapshot(wh) == before            # nothing written, not even last_seen_run


def test_changed_page_and_new_extractor_version_are_reloaded(tmp_path):
    page = tmp_path / "a.html"
    shutil.copy(PAGES[0], page)
    with Warehouse(tmp_path / "w.duckdb") as wh:
        ingest_pages([page], wh, "hanoitimes", "r1")
        page.write_text(page.read_text(encoding="utf-8").replace("</h1>", " again</h1>", 1), encoding="utf-8")
        changed = ingest_pages([page], wh, "hanoitimes", "r2")
        assert (changed.articles_updated, changed.articles_unchanged) == (1, 0)
        wh.con.execute("update articles set extractor_version = '0.0.1'")
        stale = ingest_pages([page], wh, "hanoitimes", "r3")
        assert stale.articles_updated == 1 and stale.facts_loaded > 0
        assert wh.con.execute("select distinct run_id from facts").fetchall() == [("r3",)]


def test_unreadable_page_is_counted_not_fatal(tmp_path):
    bad = tmp_path / "missing.html"
    with Warehouse(tmp_path / "w.duckdb") as wh:
        stats = ingest_pages([bad, PAGES[1]], wh, "hanoitimes", "r1")
    assert (stats.pages, stats.failed, stats.articles_new) == (2, 1, 1)
    assert "missing.html" in stats.failures[0]


def test_url_for_names_the_page(tmp_path):
    with Warehouse(tmp_path / "w.duckdb") as wh:
        ingest_pages(PAGES[:1], wh, "hanoitimes", "r1", url_for=lambda p: f"https://m.hanoitimes.vn/{p.name}")
        url, canonical = wh.con.execute("select url, canonical_url from articles").fetchone()
    assert url == f"https://m.hanoitimes.vn/{PAGES[0].name}"
    assert canonical.startswith("https://hanoitimes.vn/")


def test_two_workers_give_the_same_facts_as_one(tmp_path):
    with Warehouse(tmp_path / "one.duckdb") as one, Warehouse(tmp_path / "two.duckdb") as two:
        s1 = ingest_pages(PAGES, one, "hanoitimes", "r1", batch_size=2, workers=1)
        s2 = ingest_pages(PAGES, two, "hanoitimes", "r1", batch_size=2, workers=2)
        assert s2.articles_new == s1.articles_new == 4
        assert s2.facts_loaded == s1.facts_loaded
        assert facts_of(two) == facts_of(one)
        again = ingest_pages(PAGES, two, "hanoitimes", "r2", batch_size=2, workers=2)
        assert again.articles_unchanged == 4 and again.facts_loaded == 0


def test_a_page_over_max_page_bytes_is_a_failure(tmp_path):
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<p>" + b" " * 2_000_000 + b"</p>"))
    with Warehouse(tmp_path / "w.duckdb") as wh:
        stats = ingest_pages([bomb, PAGES[1]], wh, "hanoitimes", "r1", max_page_bytes=1_000_000)
    assert (stats.pages, stats.failed, stats.articles_new) == (2, 1, 1)
    assert "unpacks to more than 1,000,000 bytes (max_page_bytes)" in stats.failures[0]
