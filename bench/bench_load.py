"""Warehouse load: bulk `Warehouse.load_batch` against row-by-row INSERTs of the same facts, in the same
run (target: bulk >= 100x the facts/s), and a re-run of `ingest_pages` over unchanged pages (target: no
extraction, nothing written but the run record).

    python bench/bench_load.py [--articles 300] [--rowwise-facts 3000] [--rerun-pages 300]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import _common  # noqa: F401  (sys.path)
from _common import DEFAULT_CORPUS, machine, verdict, write_result
from generate import generate, page_paths, read_docs


def article_rows(docs, run_id: str) -> list[dict]:
    from datetime import datetime, timezone

    import extractors
    from pipeline.store.ids import article_id_for
    from pipeline.store.warehouse import ARTICLE_COLUMNS
    rows = []
    for doc_id, text, published in docs:
        url = f"https://bench.example/{doc_id}.html"
        row = {c: None for c in ARTICLE_COLUMNS}
        row.update(article_id=article_id_for(url), url=url, canonical_url=url, site="bench", title=doc_id,
                   body_text=text, text=text, body_start=0,
                   published_at=datetime(published.year, published.month, published.day, tzinfo=timezone.utc),
                   extraction_status="extracted", extractor_version=extractors.EXTRACTOR_VERSION,
                   content_sha256=doc_id, first_seen_run=run_id, last_seen_run=run_id)
        rows.append(row)
    return rows


def bulk_load(db: Path, rows, facts, batch: int) -> tuple[float, int]:
    from pipeline.store.warehouse import Warehouse
    with Warehouse(db) as wh:
        started = time.perf_counter()
        n = 0
        for i in range(0, len(rows), batch):
            chunk = rows[i:i + batch]
            n += wh.load_batch(chunk, {r["article_id"]: facts[r["article_id"]] for r in chunk}, [], "bulk")
        return time.perf_counter() - started, n


def rowwise_load(db: Path, rows, facts, limit: int, one_transaction: bool) -> tuple[float, int]:
    """The naive way: one INSERT statement per fact (autocommit, or all in one transaction)."""
    from extractors.facts import SCHEMA_FIELDS
    from pipeline.store.ids import fact_id_for
    from pipeline.store.warehouse import FACT_COLUMNS, Warehouse
    with Warehouse(db) as wh:
        wh.load_batch(rows, {}, [], "setup")            # the articles, untimed
        sql = (f"INSERT INTO facts ({', '.join(chr(34) + c + chr(34) for c in FACT_COLUMNS)}) "
               f"VALUES ({', '.join('?' for _ in FACT_COLUMNS)})")
        todo = [(r, f) for r in rows for f in facts[r["article_id"]]][:limit]
        started = time.perf_counter()
        if one_transaction:
            wh.con.execute("BEGIN TRANSACTION")
        for row, f in todo:
            values = [fact_id_for(row["article_id"], f), row["article_id"],
                      *(getattr(f, name) for name in SCHEMA_FIELDS),
                      f.sentence, f.sentence_start, f.rule_id, row["extractor_version"], "rowwise"]
            wh.con.execute(sql, values)
        if one_transaction:
            wh.con.execute("COMMIT")
        return time.perf_counter() - started, len(todo)


def snapshot_tables(wh) -> dict:
    """Row counts and content checksums of every table but runs."""
    out = {}
    for table in ("articles", "facts", "fetches"):
        out[table] = wh.con.execute(f"SELECT count(*), coalesce(sum(hash(t)), 0) FROM {table} t").fetchone()
    return out


def rerun(corpus: Path, n_pages: int, workdir: Path) -> dict:
    import extractors
    from pipeline.jobs.ingest import ingest_pages
    from pipeline.store.warehouse import Warehouse
    from itertools import islice
    db = workdir / "rerun.duckdb"
    out = {}
    with Warehouse(db) as wh:
        for label, run_id in (("first", "run-1"), ("second", "run-2")):
            wh.start_run(run_id, "backfill", ["bench"], extractors.EXTRACTOR_VERSION)
            before = snapshot_tables(wh)
            stats = ingest_pages(islice(page_paths(corpus), n_pages), wh, "bench", run_id)
            wh.finish_run(run_id, "ok", {"articles_new": stats.articles_new,
                                         "articles_unchanged": stats.articles_unchanged,
                                         "facts_loaded": stats.facts_loaded}, "bench")
            after = snapshot_tables(wh)
            out[label] = dict(seconds=stats.seconds, articles_new=stats.articles_new,
                              articles_unchanged=stats.articles_unchanged, facts_loaded=stats.facts_loaded,
                              parse_s=stats.parse_seconds, extract_s=stats.extract_seconds,
                              load_s=stats.load_seconds, tables_changed=before != after)
        out["second_run_rows_with_its_run_id"] = wh.con.execute(
            "SELECT (SELECT count(*) FROM facts WHERE run_id = 'run-2') "
            "+ (SELECT count(*) FROM articles WHERE last_seen_run = 'run-2' OR first_seen_run = 'run-2')"
            "+ (SELECT count(*) FROM fetches WHERE run_id = 'run-2')").fetchone()[0]
        out["runs_recorded"] = wh.con.execute("SELECT count(*) FROM runs").fetchone()[0]
    s = out["second"]
    out["ok"] = (s["extract_s"] == 0 and s["articles_new"] == 0 and s["facts_loaded"] == 0
                 and not s["tables_changed"] and out["second_run_rows_with_its_run_id"] == 0
                 and s["articles_unchanged"] == n_pages)
    return out


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--articles", type=int, default=300, help="articles whose facts are loaded")
    ap.add_argument("--batch", type=int, default=200, help="articles per load_batch")
    ap.add_argument("--rowwise-facts", type=int, default=3000, help="facts inserted row by row")
    ap.add_argument("--rerun-pages", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    import extractors

    generate(args.corpus, max(args.articles, args.rerun_pages), args.seed, pages=True)
    docs = list(read_docs(args.corpus / "docs.jsonl", args.articles))
    rows = article_rows(docs, "bench")
    facts = dict(zip((r["article_id"] for r in rows),
                     extractors.extract_many((t, p) for _, t, p in docs)))
    n_facts = sum(len(v) for v in facts.values())
    out = dict(machine=machine(), articles=len(rows), facts=n_facts)
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        tmp = Path(tmp)
        bulk_s, loaded = bulk_load(tmp / "bulk.duckdb", rows, facts, args.batch)
        assert loaded == n_facts
        row_tx_s, n_tx = rowwise_load(tmp / "rowtx.duckdb", rows, facts, args.rowwise_facts, True)
        row_ac_s, n_ac = rowwise_load(tmp / "rowac.duckdb", rows, facts, args.rowwise_facts // 3, False)
        bulk_fps, tx_fps, ac_fps = n_facts / bulk_s, n_tx / row_tx_s, n_ac / row_ac_s
        out.update(bulk_facts_per_s=bulk_fps, rowwise_one_tx_facts_per_s=tx_fps,
                   rowwise_autocommit_facts_per_s=ac_fps, bulk_vs_rowwise_one_tx=bulk_fps / tx_fps,
                   bulk_vs_rowwise_autocommit=bulk_fps / ac_fps, rowwise_facts=n_tx)
        print(f"load: {n_facts} facts of {len(rows)} articles, batches of {args.batch} articles")
        print(f"  bulk load_batch:              {bulk_fps:10.0f} facts/s")
        print(f"  row-by-row, one transaction:  {tx_fps:10.0f} facts/s ({n_tx} facts) -> bulk is "
              f"{bulk_fps / tx_fps:.0f}x (target >= 100x: {verdict(bulk_fps / tx_fps >= 100)})")
        print(f"  row-by-row, autocommit:       {ac_fps:10.0f} facts/s ({n_ac} facts) -> bulk is "
              f"{bulk_fps / ac_fps:.0f}x")
        rr = rerun(args.corpus, args.rerun_pages, tmp)
        out["rerun"] = rr
        f, s = rr["first"], rr["second"]
        print(f"  ingest {args.rerun_pages} pages: first run {f['seconds']:.1f}s ({f['articles_new']} new, "
              f"{f['facts_loaded']} facts); re-run {s['seconds']:.1f}s ({s['articles_unchanged']} unchanged, "
              f"extract {s['extract_s']:.2f}s, tables changed: {s['tables_changed']}) "
              f"-> {f['seconds'] / s['seconds']:.1f}x faster; no extraction, only the run record written: "
              f"{verdict(rr['ok'])}")
    write_result("load", out)
    return out


if __name__ == "__main__":
    main()
