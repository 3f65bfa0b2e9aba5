from dataclasses import fields, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from pipeline.backfill.layout import ARTICLE_SCHEMA
from pipeline.backfill.pages import SiteMap, batch_key, stage_pages
from pipeline.backfill.warc import ArchivedPage
from pipeline.config import DEFAULT_SITES
from pipeline.errors import ConfigError
from pipeline.jobs.ingest import ingest_pages
from pipeline.store.rows import ArticleRow
from pipeline.store.warehouse import Warehouse

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "corpus" / "snapshot"
HOSTS = ("kinhtedothi.vn", "hanoitimes.vn", "www.vietnam.vn")
WHEN = datetime(2025, 3, 1, 12, tzinfo=timezone.utc)


def snapshot_pages(per_site: int = 3) -> list[tuple[str, Path]]:
    """(real URL, stored file) of a few article pages of each bundled site."""
    out = []
    for host in HOSTS:
        root = SNAPSHOT / host
        files = sorted(p for p in root.rglob("*.html")      # no site front page, no about page
                       if p.name != "about.html" and not (p.name == "index.html" and p.parent in (root, root / "en")))
        files = files[:per_site]
        for f in files:
            rel = f.relative_to(SNAPSHOT).as_posix()
            out.append(("https://" + (rel[:-len("index.html")] if rel.endswith("/index.html") else rel), f))
    return out


def archived(url: str, path: Path, at: datetime = WHEN, offset: int = 0) -> ArchivedPage:
    return ArchivedPage(url, at, path.read_bytes(), "text/html; charset=utf-8", f"test.warc.gz#{offset}")


SITES = SiteMap.for_hosts(DEFAULT_SITES, HOSTS)
FACT_COLUMNS = ("article_id", "kind", "text", "start", "end", "value", "unit", "rule_id", "sentence",
                "measure_key", "period_start", "unit_key", "extractor_version")


def test_staged_rows_and_facts_are_what_ingest_stores(tmp_path):
    pages = snapshot_pages()
    assert len(pages) == 9
    batch = stage_pages([archived(u, p, offset=i) for i, (u, p) in enumerate(pages)], SITES, "r1")
    assert batch.records == 9 and batch.failures == [] and batch.articles.schema == ARTICLE_SCHEMA
    staged = {r["article_id"]: r for r in batch.articles.to_pylist()}
    assert len(staged) == 9 and len(batch.fetched_at) == 9

    with Warehouse(tmp_path / "w.duckdb") as wh:
        for site in DEFAULT_SITES:
            mine = [(u, p) for u, p in pages if SITES.site_for(u) == site]
            ingest_pages([p for _, p in mine], wh, site.name, "r1", adapter=site.adapter,
                         url_for=dict((p, u) for u, p in mine).__getitem__)
        columns = [f.name for f in fields(ArticleRow)]
        stored = {r[0]: dict(zip(columns, r)) for r in
                  wh.con.execute(f"select {', '.join(columns)} from articles").fetchall()}
        facts = set(wh.con.execute(f"""select {', '.join(f'"{c}"' for c in FACT_COLUMNS[:-3])},
            cast(period_start as varchar), unit_key, extractor_version from facts""").fetchall())
    assert staged.keys() == stored.keys()
    for article_id, row in stored.items():
        assert staged[article_id]["raw_path"].startswith("test.warc.gz#")
        differ = {k for k in columns if staged[article_id][k] != row[k]}
        assert differ == {"raw_path"}, (article_id, differ)
    staged_facts = set(zip(*(batch.facts.column(c).to_pylist() for c in FACT_COLUMNS)))
    assert staged_facts == facts and len(facts) > 50
    assert {r["site"] for r in staged.values()} == {"kinhtedothi", "hanoitimes", "vietnamvn"}


def test_a_bad_page_is_a_failure_of_the_batch_not_an_exception():
    (url, path), *_ = snapshot_pages(1)
    good = archived(url, path)
    pages = [
        good,
        replace(good, url=url + "?binary", body=bytes(range(256)) * 40, source="t#1"),
        replace(good, body=b"", error="OSError: Gzip decompression error", source="t#2"),
        replace(good, url="https://example.com/x.html", source="t#3"),
    ]
    batch = stage_pages(pages, SITES, "r1")
    assert batch.records == 4 and batch.articles.num_rows == 1
    assert [f.split(":")[0] for f in batch.failures] == ["t#1", "t#2", "t#3"]
    assert "not text" in batch.failures[0] and "Gzip" in batch.failures[1] and "no configured site" in batch.failures[2]


def test_two_captures_of_an_article_keep_the_later():
    (url, path), *_ = snapshot_pages(1)
    html = path.read_text(encoding="utf-8")
    older = archived(url, path, WHEN - timedelta(days=3))
    newer = replace(older, body=html.replace("</p>", " Cập nhật lúc 12 giờ.</p>", 1).encode(), fetched_at=WHEN,
                    source="t#9")
    alone = stage_pages([newer], SITES, "r1").articles.to_pylist()[0]
    assert alone["content_sha256"] != stage_pages([older], SITES, "r1").articles.to_pylist()[0]["content_sha256"]
    for order in ([older, newer], [newer, older]):
        batch = stage_pages(order, SITES, "r1")
        assert batch.articles.to_pylist() == [alone] and batch.fetched_at == [WHEN]
        assert set(batch.facts.column("article_id").to_pylist()) == {alone["article_id"]}


def test_site_map_of_the_configured_sites():
    assert SITES.site_for("https://m.hanoitimes.vn/a.html").name == "hanoitimes"
    assert SITES.site_for("https://vietnam.vn/en/x/").adapter == "vietnamvn"
    assert SITES.site_for("https://example.com/") is None
    assert SiteMap.for_hosts(DEFAULT_SITES, ["WWW.HanoiTimes.vn."]).hosts == {"hanoitimes.vn"}
    with pytest.raises(ConfigError, match="host 'example.com' is no configured site's"):
        SiteMap.for_hosts(DEFAULT_SITES, ["hanoitimes.vn", "example.com"])
    with pytest.raises(ConfigError, match="no host"):
        SiteMap.for_hosts(DEFAULT_SITES, [" "])


def test_batch_key_is_the_pages_sources():
    (url, path), *_ = snapshot_pages(1)
    a, b = archived(url, path, offset=1), archived(url, path, offset=2)
    assert batch_key([a, b]) == batch_key([replace(a, body=b""), b]) != batch_key([b, a])
    assert stage_pages([a, b], SITES, "r1").key == batch_key([a, b])
