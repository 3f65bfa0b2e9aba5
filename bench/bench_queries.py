"""Analyst queries over 10 million facts (target: each under one second on this machine).

Builds a temporary warehouse with the project's migrations, then bulk-loads (inside DuckDB, from
range()) 100,000 synthetic articles over 3 sites and 7 years and 10,000,000 facts with every kind's
fields filled the way the extractors fill them. Each query runs once cold, then 5 times; the median is
reported, with its ratio to a full scan of `facts` (select count(*), sum(value)) timed the same way.

    python bench/bench_queries.py [--facts 10000000] [--articles 100000]
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import _common  # noqa: F401  (sys.path)
from _common import machine, verdict, write_result

QUERIES = {
    # The forms an analyst should write: the month is computed per article (100k ICU calls on a
    # TIMESTAMPTZ, not 10M) and the top-N per site uses max_by(..., 10) instead of a window sort.
    "count by kind and month": """
        WITH a AS (SELECT article_id, date_trunc('month', published_at) AS month FROM articles)
        SELECT kind, month, count(*) AS n FROM facts JOIN a USING (article_id)
        GROUP BY ALL ORDER BY month, kind""",
    "top ratios by site": """
        SELECT site, unnest(max_by(struct_pack(article_title, text, numerator, denominator, share), share, 10),
                            recursive := true)
        FROM ratios WHERE denominator >= 10 GROUP BY site ORDER BY site""",
    "officials by organization": """
        SELECT organization, count(DISTINCT person) AS people, count(*) AS mentions,
               arg_max(person, published_at) AS latest_person
        FROM officials GROUP BY organization ORDER BY mentions DESC LIMIT 50""",
}
# The same questions written naively against the views, for comparison (not the target).
NAIVE = {
    "count by kind and month (naive, via fact_context)": """
        SELECT kind, date_trunc('month', published_at) AS month, count(*) AS n
        FROM fact_context GROUP BY ALL ORDER BY month, kind""",
    "top ratios by site (naive, window)": """
        SELECT site, article_title, text, numerator, denominator, share
        FROM ratios WHERE denominator >= 10
        QUALIFY row_number() OVER (PARTITION BY site ORDER BY share DESC, fact_id) <= 10
        ORDER BY site, share DESC""",
}
BASELINE = "SELECT count(*), sum(value) FROM facts"


def build(db: Path, n_articles: int, n_facts: int) -> float:
    from pipeline.store.warehouse import Warehouse
    started = time.perf_counter()
    with Warehouse(db) as wh:
        con = wh.con
        con.execute(f"""
            INSERT INTO articles (article_id, url, canonical_url, site, adapter, adapter_version, parse_complete,
                                  title, body_text, published_at, language, content_sha256, extraction_status,
                                  extractor_version, first_seen_run, last_seen_run)
            SELECT printf('a%015d', i), printf('https://s%d.example/%d.html', i % 3, i),
                   printf('https://s%d.example/%d.html', i % 3, i),
                   ['hanoitimes', 'vietnamvn', 'kinhtedothi'][1 + i % 3], 'generic', '1', true,
                   printf('Article %d', i), 'body', TIMESTAMPTZ '2019-01-01 00:00:00+00' + to_minutes(i * 37 % 3681720),
                   'en', md5(i::VARCHAR), 'extracted', '0.2.1', 'bench', 'bench'
            FROM range({n_articles}) t(i)""")
        orgs = ("['the Hanoi People''s Committee', 'the Hanoi Department of Finance', 'the Hanoi Tax Department', "
                "'the Hanoi Department of Transport', 'the Dong Da District People''s Committee', "
                "'the Soc Son District Party Committee', 'the Hanoi Department of Health', "
                "'the Hanoi Statistics Office']")
        kinds = ("['count', 'percentage', 'ratio', 'rank', 'money', 'quantity', 'date', 'period', 'official', "
                 "'document']")
        # Load in slices so the fact_id primary-key index is built incrementally with bounded memory.
        step = 2_000_000
        for lo in range(0, n_facts, step):
            hi = min(n_facts, lo + step)
            con.execute(f"""
                INSERT INTO facts
                SELECT printf('f%019d', i) AS fact_id,
                       printf('a%015d', (i // 100) % {n_articles}) AS article_id,
                       {kinds}[1 + (hash(i) % 10)::INT] AS kind,
                       'text ' || (i % 1000)::VARCHAR, (i % 5000)::INT, (i % 5000 + 12)::INT,
                       (hash(i * 7) % 100000) / 10.0, NULL, NULL, 'tasks', 'VND',
                       (hash(i * 3) % 1000)::DOUBLE, 1 + (hash(i * 5) % 2000)::DOUBLE,
                       NULL, NULL, NULL, NULL,
                       ['Nguyen Van Hung', 'Tran Thi Lan', 'Le Quang Vinh', 'Pham Minh Duc',
                        'Hoang Thi Thu Hien', 'Vu Duc Son'][1 + (hash(i * 11) % 6)::INT] || ' ' || (i % 40)::VARCHAR,
                       'Director', {orgs}[1 + (hash(i * 13) % 8)::INT],
                       NULL, NULL, NULL,
                       'A sentence of the article carrying the fact.', 0, 'bench.rule', '0.2.1', 'bench'
                FROM range({lo}, {hi}) t(i)""")
        con.execute("CHECKPOINT")
    return time.perf_counter() - started


def timed(con, sql: str) -> float:
    started = time.perf_counter()
    con.execute(sql).fetchall()
    return time.perf_counter() - started


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--facts", type=int, default=10_000_000)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    from pipeline.store.warehouse import Warehouse
    out = dict(machine=machine(), facts=args.facts, articles=args.articles)
    with tempfile.TemporaryDirectory(prefix="bench-queries-") as tmp:
        db = Path(tmp) / "w.duckdb"
        out["build_s"] = build(db, args.articles, args.facts)
        out["db_mb"] = db.stat().st_size / 2**20
        print(f"queries: {args.facts:,} facts of {args.articles:,} articles loaded in {out['build_s']:.0f}s "
              f"({out['db_mb']:.0f} MB)")
        with Warehouse(db, read_only=True) as wh:
            con = wh.con
            cold_base = timed(con, BASELINE)
            base = statistics.median(timed(con, BASELINE) for _ in range(args.runs))
            out["baseline"] = dict(sql=BASELINE, cold_s=cold_base, median_s=base)
            print(f"  baseline full scan: {base * 1000:7.1f} ms (cold {cold_base * 1000:.1f} ms)")
            out["queries"] = {}
            for name, sql in [*QUERIES.items(), *NAIVE.items()]:
                cold = timed(con, sql)
                runs = [timed(con, sql) for _ in range(args.runs)]
                med = statistics.median(runs)
                rows = len(con.execute(sql).fetchall())
                out["queries"][name] = dict(sql=" ".join(sql.split()), cold_s=cold, median_s=med, runs=runs,
                                            rows=rows, vs_full_scan=med / base, ok=max(cold, med) < 1.0,
                                            target=name in QUERIES)
                print(f"  {name:28s} median {med * 1000:7.1f} ms, cold {cold * 1000:7.1f} ms, {rows} rows, "
                      f"{med / base:.1f}x the full scan"
                      + (f" (target < 1 s: {verdict(max(cold, med) < 1.0)})" if name in QUERIES else ""))
    write_result("queries", out)
    return out


if __name__ == "__main__":
    main()
