import hashlib
import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pyarrow.dataset as ds
import pyarrow.parquet as pq

import extractors
from extractors.facts import Fact
from pipeline.backfill.layout import ARTICLE_SCHEMA, MANIFEST, article_table, read_manifest
from pipeline.backfill.pages import StagedBatch
from pipeline.backfill.staging import PARTS, StagingWriter
from pipeline.store.ids import article_id_for
from pipeline.store.rows import ArticleRow
from pipeline.store.warehouse import facts_table

WHEN = datetime(2025, 3, 1, 12, tzinfo=timezone.utc)
MAY = datetime(2024, 5, 3, tzinfo=timezone.utc)


def row(n: int, site: str = "hanoitimes", published: datetime | None = MAY, title: str = "Title") -> ArticleRow:
    url = f"https://{site}.vn/article-{n}.html"
    # digits that do not compress away, so that file sizes grow with the rows
    noise = " ".join(hashlib.sha256(f"{n}-{i}".encode()).hexdigest() for i in range(8))
    text = f"{title}\nHanoi collected VND {n} trillion. {noise}"
    return ArticleRow(article_id=article_id_for(url), url=url, canonical_url=url, site=site, adapter=site,
                      adapter_version="1", parse_complete=True, title=title, lead=None, body_text=text[len(title) + 1:],
                      published_at=published, published_flag=None, author=None, language="en", source_url=None,
                      content_sha256=f"sha-{n}-{title}", raw_sha256=None, raw_path=f"w.warc.gz#{n}", etag=None,
                      last_modified=None, extraction_status="extracted", extractor_version=extractors.EXTRACTOR_VERSION,
                      first_seen_run="r1", last_seen_run="r1", text=text, lead_start=None, body_start=len(title) + 1,
                      body_path="test")


def fact(r: ArticleRow, i: int) -> Fact:
    return Fact("money", f"VND {i} trillion {r.title}", i, i + 14, value=float(i), unit="VND", rule_id="test",
                sentence="s", sentence_start=0)


def batch(key: str, rows: list[ArticleRow], at: datetime = WHEN, facts_each: int = 2,
          failures: tuple[str, ...] = ()) -> StagedBatch:
    facts = {r.article_id: [fact(r, i) for i in range(facts_each)] for r in rows}
    return StagedBatch(key, article_table(rows), facts_table(rows, facts), [at] * len(rows),
                       [f"w.warc.gz#{key}-{i}" for i in range(len(rows) + len(failures))], list(failures))


def staged(run_dir, table: str):
    return ds.dataset(str(run_dir / table), format="parquet", partitioning="hive").to_table()


def test_a_run_is_staged_by_partition_with_its_manifest_last(tmp_path):
    writer = StagingWriter(tmp_path, "r1")
    writer.add(batch("k1", [row(1), row(2, published=None), row(3, site="kinhtedothi")], failures=("w#9: bad",)))
    writer.add(batch("k2", [row(4, published=MAY + timedelta(days=40))]))
    assert writer.has("k1") and not writer.has("k3")
    assert not (writer.run_dir / MANIFEST).exists()
    manifest = writer.close(engine="local", inputs=["w.warc.gz"], hosts=["hanoitimes.vn"], damaged=["x: cut"])

    assert read_manifest(writer.run_dir) == manifest
    assert (manifest.records, manifest.articles, manifest.facts, manifest.failed) == (5, 4, 8, 1)
    assert manifest.failures == ["w#9: bad"] and manifest.damaged == ["x: cut"]
    assert manifest.extractor_version == extractors.EXTRACTOR_VERSION and manifest.engine == "local"
    assert sorted(manifest.files_of("articles")) == [
        "articles/site=hanoitimes/month=2024-05/part-00000.parquet",
        "articles/site=hanoitimes/month=2024-06/part-00000.parquet",
        "articles/site=hanoitimes/month=unknown/part-00000.parquet",
        "articles/site=kinhtedothi/month=2024-05/part-00000.parquet"]
    assert sorted(manifest.files_of("facts")) == [f.replace("articles/", "facts/") for f in
                                                  sorted(manifest.files_of("articles"))]
    for f in manifest.files:
        path = writer.run_dir / f.path
        assert (pq.read_metadata(path).num_rows, path.stat().st_size) == (f.rows, f.bytes)
        schema = pq.read_schema(path)
        assert schema == (ARTICLE_SCHEMA if f.table == "articles" else facts_table([], {}).schema)
    articles = staged(writer.run_dir, "articles")
    assert sorted(zip(articles.column("article_id").to_pylist(), articles.column("month").to_pylist())) == sorted(
        [(row(1).article_id, "2024-05"), (row(2).article_id, "unknown"), (row(3, site="kinhtedothi").article_id, "2024-05"),
         (row(4).article_id, "2024-06")])
    facts = staged(writer.run_dir, "facts")
    assert facts.num_rows == 8 and set(facts.column("article_id").to_pylist()) == set(articles.column("article_id").to_pylist())
    assert not (writer.run_dir / PARTS).exists()


def test_one_capture_per_article_the_latest_whatever_the_order(tmp_path):
    old = [row(1, title="Old"), row(2, title="Old")]
    new = [row(1, title="New", published=MAY + timedelta(days=60))]          # moved to another month too
    results = []
    for i, order in enumerate(([("a", old, WHEN), ("b", new, WHEN + timedelta(hours=1))],
                               [("b", new, WHEN + timedelta(hours=1)), ("a", old, WHEN)])):
        writer = StagingWriter(tmp_path, f"r{i}")
        for key, rows, at in order:
            writer.add(batch(key, rows, at))
        writer.add(batch("b", new, WHEN + timedelta(hours=1)))                 # a retried batch: the same files
        manifest = writer.close(engine="local", inputs=[], hosts=[])
        articles, facts = staged(writer.run_dir, "articles"), staged(writer.run_dir, "facts")
        titles = dict(zip(articles.column("article_id").to_pylist(), articles.column("title").to_pylist()))
        assert titles == {row(1).article_id: "New", row(2).article_id: "Old"}
        assert (manifest.records, manifest.articles, manifest.facts) == (3, 2, 4)
        assert sorted(facts.column("text").to_pylist()) == ["VND 0 trillion New", "VND 0 trillion Old",
                                                            "VND 1 trillion New", "VND 1 trillion Old"]
        results.append(sorted(articles.to_pylist(), key=lambda r: r["article_id"]))
    assert results[0] == results[1]


def test_ties_in_fetched_at_go_to_the_larger_key(tmp_path):
    writer = StagingWriter(tmp_path, "r1")
    writer.add(batch("b", [row(1, title="B")]))
    writer.add(batch("a", [row(1, title="A")]))
    writer.close(engine="local", inputs=[], hosts=[])
    assert staged(writer.run_dir, "articles").column("title").to_pylist() == ["B"]


def test_partitions_are_compacted_to_the_target_size(tmp_path):
    rows = [row(n) for n in range(60)]
    small = StagingWriter(tmp_path, "small", target_file_bytes=8_000, row_group_bytes=8_000)
    whole = StagingWriter(tmp_path, "whole")
    for writer in (small, whole):
        for i in range(0, 60, 5):
            writer.add(batch(f"k{i:02d}", rows[i:i + 5], facts_each=20))
    one = whole.close(engine="local", inputs=[], hosts=[])
    many = small.close(engine="local", inputs=[], hosts=[])
    assert [len(one.files_of(t)) for t in ("articles", "facts")] == [1, 1]     # a small partition: one file
    assert len(many.files_of("articles")) > 2 and len(many.files_of("facts")) > 2
    assert all(f.bytes < 8_000 + 16_000 for f in many.files)                 # closed once past the target
    for table in ("articles", "facts"):
        assert staged(small.run_dir, table).sort_by("article_id").equals(staged(whole.run_dir, table).sort_by("article_id"))
    assert (many.articles, many.facts) == (one.articles, one.facts) == (60, 1200)


def test_a_killed_close_is_done_again_and_a_finished_run_cleans_up(tmp_path):
    writer = StagingWriter(tmp_path, "r1")
    writer.add(batch("k1", [row(1), row(2)]))
    # a close killed after writing a file of its own, and a batch killed before its marker
    stray = writer.run_dir / "articles" / "site=hanoitimes" / "month=2024-05" / "part-00007.parquet"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"half a file")
    unfinished = batch("k2", [row(3)])
    writer.add(unfinished)
    (writer.parts / "done" / "k2.json").unlink()
    assert writer.finished() is None

    manifest = StagingWriter(tmp_path, "r1").close(engine="local", inputs=[], hosts=[])   # another process
    assert not stray.exists() and (manifest.records, manifest.articles) == (2, 2)
    assert json.loads((writer.run_dir / MANIFEST).read_text())["articles"] == 2
    (writer.parts / "done").mkdir(parents=True)                               # killed before the clean-up
    assert writer.finished() == manifest and not writer.parts.exists()


def test_an_empty_run_has_a_manifest_and_no_files(tmp_path):
    writer = StagingWriter(tmp_path, "r1")
    writer.add(replace(batch("k1", []), failures=["w#1: not text"], sources=["w#1"]))
    manifest = writer.close(engine="local", inputs=["w"], hosts=["h"])
    assert (manifest.records, manifest.failed, manifest.articles, manifest.files) == (1, 1, 0, [])
