"""A 200-page site crawled politely, re-crawled conditionally, and killed at random points."""
import os
import random
import signal
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import WARD_PAGE as PAGE, WARD_SITE as REAL, warehouse_rows as rows, write_ward_site
from pipeline.config import Config, SiteConfig
from pipeline.errors import SitesUnavailableError
from pipeline.jobs.run import run

PAGES = 200
DELAY = 0.03


class _LoggingHandler(SimpleHTTPRequestHandler):
    log: list = []

    def do_GET(self):  # noqa: N802
        self.log.append((time.monotonic(), self.path, self.headers.get("If-Modified-Since")))
        super().do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    write_ward_site(root, PAGES)
    log: list = []
    handler = type("Handler", (_LoggingHandler,), {"log": log})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", log
    server.shutdown()
    server.server_close()


def config(tmp_path, base, **kw):
    return Config(warehouse=tmp_path / "w.duckdb", sites=(SiteConfig("ht", "hanoitimes", REAL),),
                  url_map={REAL: base}, allow_loopback=True, **kw)


def test_polite_crawl_then_conditional_recrawl(site, tmp_path):
    base, log = site
    log.clear()
    first = run(config(tmp_path, base, delay_seconds=DELAY))
    assert first.status == "ok" and first.counts["articles_new"] == PAGES
    times = [t for t, path, _ in log]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert len(times) == PAGES + 3 and min(gaps) >= DELAY - 0.002   # robots, feed, sitemap, pages
    facts = rows(tmp_path / "w.duckdb", "select count(*) from facts")[0][0]
    assert facts >= PAGES * 6

    log.clear()
    second = run(config(tmp_path, base, delay_seconds=0))
    article_requests = [(p, ims) for _, p, ims in log if p.startswith("/ward-")]
    assert len(article_requests) == PAGES and all(ims for _, ims in article_requests)
    assert second.counts["articles_unchanged"] == PAGES and second.counts["facts_loaded"] == 0
    assert rows(tmp_path / "w.duckdb", "select count(*) from articles")[0][0] == PAGES
    assert rows(tmp_path / "w.duckdb", "select count(*) from facts")[0][0] == facts
    assert rows(tmp_path / "w.duckdb", "select count(*) from fetches where status = 304")[0][0] == PAGES
    assert rows(tmp_path / "w.duckdb", "select status, count(*) from frontier group by 1") == [("done", PAGES)]


def test_max_articles_leaves_the_rest_in_the_frontier(site, tmp_path):
    base, _ = site
    run(config(tmp_path, base, delay_seconds=0, max_articles=50))
    assert dict(rows(tmp_path / "w.duckdb", "select status, count(*) from frontier group by 1")) == \
        {"done": 50, "new": PAGES - 50}
    run(config(tmp_path, base, delay_seconds=0, max_articles=PAGES))
    assert rows(tmp_path / "w.duckdb", "select count(*) from articles")[0][0] == PAGES


def test_kill_9_at_random_points_loses_and_duplicates_nothing(site, tmp_path):
    base, _ = site
    reference = tmp_path / "ref"
    reference.mkdir()
    assert run(config(reference, base, delay_seconds=0)).status == "ok"
    want = dict(rows(reference / "w.duckdb", """select a.url, count(f.fact_id) from articles a
        left join facts f using (article_id) group by 1"""))
    work = tmp_path / "work"
    work.mkdir()
    (work / "newsfacts.toml").write_text(
        f'warehouse = "{work / "w.duckdb"}"\nallow_loopback = true\ndelay_seconds = 0.004\nbatch_size = 7\n'
        f'[[sites]]\nname = "ht"\nadapter = "hanoitimes"\nbase_url = "{REAL}"\n'
        f'[url_map]\n"{REAL}" = "{base}"\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFACTS_")}
    rng = random.Random(20261127)
    killed_mid_run = 0
    for _ in range(10):
        proc = subprocess.Popen([sys.executable, "-m", "pipeline", "run"], cwd=work, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(1.0, 4.0))
        if proc.poll() is None:
            killed_mid_run += 1
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        if not (work / "w.duckdb").exists() or not rows(
                work / "w.duckdb", "select count(*) from duckdb_tables() where table_name = 'articles'")[0][0]:
            continue    # killed before the first migration committed: nothing stored yet
        # whatever a killed run committed is whole: every stored article has all its facts
        got = dict(rows(work / "w.duckdb", """select a.url, count(f.fact_id) from articles a
            left join facts f using (article_id) group by 1"""))
        assert all(got[url] == want[url] for url in got)
        if len(got) == PAGES:   # the site is done: start over so later kills land mid-run again
            (work / "w.duckdb").unlink()
            (work / "w.duckdb.wal").unlink(missing_ok=True)
    assert killed_mid_run >= 5
    out = subprocess.run([sys.executable, "-m", "pipeline", "run"], cwd=work, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    got = dict(rows(work / "w.duckdb", """select a.url, count(f.fact_id) from articles a
        left join facts f using (article_id) group by 1"""))
    assert got == want
    assert rows(work / "w.duckdb", "select count(*), count(distinct fact_id) from facts")[0] == \
        rows(reference / "w.duckdb", "select count(*), count(distinct fact_id) from facts")[0]
    last = rows(work / "w.duckdb", "select status, message from runs order by started_at desc limit 1")[0]
    assert last[0] == "ok" and "reconciliation" not in last[1]


def test_one_article_under_two_urls_is_stored_once(http_site, tmp_path):
    base, routes = http_site
    page = PAGE.format(title="Ward 7 reports", url=f"{REAL}/ward-7-reports-7.html", day="2024-03-02",
                       minute=5, n=7, months=3, year=2024, done=40, total=45, share=88.9, members=3,
                       money=12, km=2, rate=91)
    routes.add("/ward-7-reports-7.html", page)
    routes.add("/ward-7-reports-again-8.html", page)                          # same canonical URL
    routes.add("/ward-7-copy-9.html", page.replace(f"{REAL}/ward-7-reports-7.html",
                                                     f"{REAL}/ward-7-copy-9.html"))  # same text
    locs = "".join(f"<url><loc>{REAL}/{p}</loc></url>" for p in
                   ("ward-7-reports-7.html", "ward-7-reports-again-8.html", "ward-7-copy-9.html"))
    routes.add("/sitemap.xml", f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>',
               content_type="application/xml")
    summary = run(config(tmp_path, base, delay_seconds=0))
    assert summary.status == "ok" and summary.counts["articles_new"] == 1
    skipped = rows(tmp_path / "w.duckdb", "select url, reason from fetches where outcome = 'skipped' "
                                         "and reason like 'same content as%' order by url")
    assert [u for u, _ in skipped] == [f"{REAL}/ward-7-copy-9.html", f"{REAL}/ward-7-reports-again-8.html"]
    assert rows(tmp_path / "w.duckdb", "select count(*) from articles")[0][0] == 1


def test_a_blocking_site_is_left_alone_and_the_others_go_on(http_site, tmp_path):
    from pipeline.jobs.demo import serve_directory, snapshot_dir

    base, routes = http_site
    blocked_real = "https://blocked.example"
    locs = "".join(f"<url><loc>{blocked_real}/story-{n}.html</loc></url>" for n in range(10))
    routes.add("/sitemap.xml", f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>',
               content_type="application/xml")
    for n in range(10):
        routes.add(f"/story-{n}.html", "go away", status=403)
    with serve_directory(snapshot_dir() / "hanoitimes.vn") as ht_base:
        cfg = Config(warehouse=tmp_path / "w.duckdb", allow_loopback=True, delay_seconds=0,
                     sites=(SiteConfig("blocked", "generic", blocked_real, feeds=(), sitemaps=("/sitemap.xml",)),
                            SiteConfig("ht", "hanoitimes", REAL)),
                     url_map={blocked_real: base, REAL: ht_base})
        summary = run(cfg)
    story_requests = [p for _, p, _ in routes.requests if p.startswith("/story-")]
    assert len(story_requests) == 3                       # no retries, no storm
    assert summary.status == "partial" and "blocked (HTTP 403)" in summary.message
    assert summary.counts["articles_new"] >= 16           # the other site was crawled in full
    assert rows(tmp_path / "w.duckdb", "select count(*) from frontier where site = 'blocked' "
                                       "and status = 'new'")[0][0] == 7   # left for the next run


def _generic_site(routes, real: str, status: int, pages: int = 5) -> None:
    locs = "".join(f"<url><loc>{real}/story-{n}.html</loc></url>" for n in range(pages))
    routes.add("/sitemap.xml", f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>',
               content_type="application/xml")
    for n in range(pages):
        routes.add(f"/story-{n}.html", "no", status=status)


def _generic_config(tmp_path, real: str, base: str, **kw) -> Config:
    return Config(warehouse=tmp_path / "w.duckdb", allow_loopback=True, delay_seconds=0,
                  sites=(SiteConfig("one", "generic", real, feeds=(), sitemaps=("/sitemap.xml",)),),
                  url_map={real: base}, **kw)


def test_max_blocked_setting(http_site, tmp_path):
    base, routes = http_site
    real = "https://blocked.example"
    _generic_site(routes, real, 403)
    with pytest.raises(SitesUnavailableError, match=r"blocked \(HTTP 403\) for 1 pages in a row"):
        run(_generic_config(tmp_path, real, base, max_blocked=1))     # the one site was stopped
    assert [p for _, p, _ in routes.requests if p.startswith("/story-")] == ["/story-0.html"]


@pytest.mark.parametrize("max_attempts, status", [(1, "gave_up"), (2, "failed")])
def test_max_attempts_setting(http_site, tmp_path, max_attempts, status):
    base, routes = http_site
    real = "https://gone.example"
    _generic_site(routes, real, 404, pages=2)
    run(_generic_config(tmp_path, real, base, max_attempts=max_attempts))
    assert rows(tmp_path / "w.duckdb", "select status, count(*) from frontier group by 1") == [(status, 2)]
