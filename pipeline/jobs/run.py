"""The nightly job: discover, fetch, store raw, parse, extract, load, record the run."""
from __future__ import annotations

import errno
import logging
import secrets
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
import duckdb

import extractors
from pipeline.jobs.articles import article_row, unchanged
from pipeline.jobs.load import load_checked
from pipeline.config import Config, SiteConfig
from pipeline.crawl.decode import decode_html, not_text_reason
from pipeline.crawl.discover import Robots, canonicalize, discover, fetch_robots
from pipeline.errors import DamagedWarehouseError, SitesUnavailableError, WarehouseError
from pipeline.crawl.fetch import Fetcher, FetchResult
from pipeline import logcontext
from pipeline.store.lock import RunLock
from pipeline.jobs.progress import RunProgress
from pipeline.crawl.rawstore import store_raw
from pipeline.jobs.reconcile import reconcile
from pipeline.store.replica import is_damage
from pipeline.jobs.reextract import facts_for_rows, reextract
from pipeline.sites import get_adapter
from pipeline.sites.page import PageRefused
from pipeline.store.rows import ArticleRow, FetchRow, FrontierRow
from pipeline.store.warehouse import ArticleState, Warehouse

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
# fetches outcome -> frontier status of an article URL
_FRONTIER_STATUS = {"stored": "done", "unchanged": "done", "skipped": "skipped", "failed": "failed",
                    "fetched": "done"}


@dataclass(slots=True)
class RunSummary:
    run_id: str
    status: str                     # ok | partial | failed
    seconds: float = 0.0
    counts: Counter = field(default_factory=Counter)
    facts_by_kind: Counter = field(default_factory=Counter)
    site_errors: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        c = self.counts
        text = (f"{c['articles_new']} new, {c['articles_updated']} updated, "
                f"{c['articles_unchanged']} unchanged, {c['articles_reextracted']} re-extracted articles; "
                f"{c['facts_loaded']} facts; "
                f"{c['fetches']} requests, {c['failures']} failed")
        return text + ("; " + "; ".join(self.site_errors) if self.site_errors else "")


def new_run_id() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(2)


class _SiteRun:
    """The work of one site in one run: keeps pending articles and fetch rows until a batch loads."""

    def __init__(self, cfg: Config, wh: Warehouse | None, fetcher: Fetcher, site: SiteConfig,
                 run_id: str, summary: RunSummary, since: date | None):
        self.cfg, self._wh, self.fetcher, self.site = cfg, wh, fetcher, site
        self.run_id, self.summary, self.since = run_id, summary, since
        self.adapter = get_adapter(site.adapter)
        self.pending: list[ArticleRow] = []
        self.fetch_rows: list[FetchRow] = []
        self.frontier_rows: list[FrontierRow] = []
        self.seen_ids: list[str] = []
        self.outcome = ""   # what became of the last article URL

    @property
    def wh(self) -> Warehouse:
        if self._wh is None:    # the dry run discovers without a warehouse (pipeline.jobs.dryrun)
            raise RuntimeError(f"{self.site.name}: no warehouse to load into")
        return self._wh

    def record(self, res: FetchResult, outcome: str | None = None, reason: str | None = None, *,
               article: bool = False, raw_sha: str | None = None) -> None:
        """One fetches row per request; for article URLs also the frontier update."""
        outcome = outcome or {"ok": "fetched"}.get(res.outcome, res.outcome)
        reason = reason or res.reason
        self.summary.counts["fetches"] += 1
        if outcome == "failed":
            self.summary.counts["failures"] += 1
            log.warning("%s: %s failed: %s", self.site.name, res.url, reason)
        self.fetch_rows.append(FetchRow(
            run_id=self.run_id, site=self.site.name, url=res.url, fetched_url=res.fetched_url,
            status=res.status, outcome=outcome, reason=reason, bytes=len(res.body),
            elapsed_ms=res.elapsed_ms, content_type=res.content_type, etag=res.etag,
            last_modified=res.last_modified, fetched_at=datetime.now(timezone.utc), raw_sha256=raw_sha))
        if article:
            self.outcome = outcome
            self.frontier_rows.append(FrontierRow(
                url=res.url, site=self.site.name, status=_FRONTIER_STATUS[outcome],
                etag=res.etag if res.ok else None, last_modified=res.last_modified if res.ok else None,
                content_sha256=raw_sha, reason=reason, last_fetch_at=datetime.now(timezone.utc),
                last_run=self.run_id))

    def run(self, progress: RunProgress) -> None:
        robots, res = fetch_robots(self.fetcher, self.site.base_url)
        self.record(res, "fetched" if res.ok else ("skipped" if res.status else "failed"),
                    None if res.ok else (res.reason or "no robots.txt"))
        if robots.disallow_all:
            self.summary.site_errors.append(f"{self.site.name}: robots.txt unavailable "
                                            f"({res.reason}), site skipped")
            self.flush()
            return
        self.polite(robots)
        urls = self.work_list(robots)
        progress.site_due(self.site.name, len(urls))
        states = self.wh.article_state(urls)
        blocked = 0
        for url in urls:
            res = self.fetch_article(url, states.get(url))
            progress.article_done(self.site.name, self.outcome)
            # a site that refuses us (401/403) is left alone for the night, not hammered page by page
            blocked = blocked + 1 if (res.reason or "").startswith("blocked") else 0
            if blocked >= self.cfg.max_blocked:
                self.summary.site_errors.append(f"{self.site.name}: {res.reason} for {blocked} pages in a "
                                                f"row; the rest of the site is left for the next run")
                break
            if len(self.pending) >= self.cfg.batch_size:
                self.flush()
        self.flush()

    def polite(self, robots: Robots) -> None:
        """Space this site's requests as configured, or as its robots.txt asks within max_crawl_delay."""
        crawl_delay = robots.crawl_delay if self.cfg.respect_crawl_delay else None
        if crawl_delay and crawl_delay > self.cfg.max_crawl_delay:
            log.info("%s: robots.txt asks for a Crawl-delay of %g s; waiting %g s (max_crawl_delay)",
                     self.site.name, crawl_delay, self.cfg.max_crawl_delay)
            crawl_delay = self.cfg.max_crawl_delay
        self.fetcher.set_delay(self.site.base_url, max(self.cfg.delay_seconds, crawl_delay or 0.0))

    def discover(self, robots: Robots) -> list[str]:
        feeds = self.site.feeds if self.site.feeds is not None else self.adapter.feed_paths
        sitemaps = self.site.sitemaps if self.site.sitemaps is not None else self.adapter.sitemap_paths
        listings = self.site.listings if self.site.listings is not None else self.adapter.listing_paths
        found, fetches = discover(self.fetcher, self.site.base_url, feeds, sitemaps, robots, listings)
        for res in fetches:
            # a feed or sitemap the site does not have (4xx) is no failure of the run
            missing = res.status is not None and 400 <= res.status < 500
            self.record(res, "skipped" if missing else None)
        if fetches and not any(res.ok for res in fetches):
            self.summary.site_errors.append(f"{self.site.name}: no feed or sitemap could be read")
        urls: list[str] = []
        for url in dict.fromkeys(canonicalize(u) for u in found):
            if not self.adapter.is_article_url(url):
                continue
            if not robots.allowed(url, self.cfg.user_agent):
                log.info("%s: robots.txt disallows %s", self.site.name, url)
                continue
            urls.append(url)
        return urls

    def work_list(self, robots: Robots) -> list[str]:
        """What this run fetches: the URLs discovered now (recorded in the frontier first, so a
        killed run resumes), then those earlier runs left unfetched or failed, up to the limit."""
        urls = self.discover(robots)
        self.wh.frontier_discovered(self.site.name, urls, self.run_id)
        known = set(urls)
        urls += [u for u in self.wh.frontier_due(self.site.name)
                 if u not in known and robots.allowed(u, self.cfg.user_agent)]
        limit = self.limit
        if len(urls) > limit:
            log.info("%s: %d article URLs, fetching the first %d", self.site.name, len(urls), limit)
        return urls[:limit]

    @property
    def limit(self) -> int:
        return self.site.max_articles if self.site.max_articles is not None else self.cfg.max_articles

    def fetch_article(self, url: str, state: ArticleState | None) -> FetchResult:
        res = self.fetcher.get(url, state.etag if state else None, state.last_modified if state else None)
        if res.outcome == "unchanged" and state:
            self.seen_ids.append(state.article_id)
            self.summary.counts["articles_unchanged"] += 1
            self.record(res, article=True)
            return res
        if not res.ok:
            self.record(res, article=True)
            return res
        ctype = (res.content_type or "text/html").split(";")[0].strip().lower()
        if ctype not in HTML_TYPES:
            self.record(res, "skipped", f"content type {ctype}", article=True)
            return res
        raw_sha, raw_path = store_raw(self.cfg.raw_root, res.body, self.cfg.file_mode)
        html, _ = decode_html(res.body, res.content_type)
        if reason := not_text_reason(html):
            self.record(res, "failed", reason, article=True, raw_sha=raw_sha)
            return res
        try:
            parsed = self.adapter.parse(html, url)
        except PageRefused as exc:
            self.record(res, "failed", str(exc), article=True, raw_sha=raw_sha)
            return res
        except Exception as exc:  # one unparseable page must not end the night
            log.exception("%s: cannot parse %s", self.site.name, url)
            self.record(res, "failed", f"parse error: {type(exc).__name__}: {exc}", article=True,
                        raw_sha=raw_sha)
            return res
        if self.since and parsed.published_at and parsed.published_at.date() < self.since:
            self.record(res, "skipped", f"published before {self.since}", article=True, raw_sha=raw_sha)
            return res
        row = article_row(parsed, url, self.site.name, self.run_id, raw_sha256=raw_sha,
                          raw_path=str(raw_path.relative_to(self.cfg.raw_root)), etag=res.etag,
                          last_modified=res.last_modified)
        if unchanged(state, row):
            self.seen_ids.append(row.article_id)
            self.summary.counts["articles_unchanged"] += 1
            self.record(res, "unchanged", "same content", article=True, raw_sha=raw_sha)
            return res
        duplicate_of = self.wh.same_content_elsewhere(row.article_id, row.content_sha256)
        if duplicate_of is None:  # two URLs of one article (or one text) within this batch
            duplicate_of = next((p.url for p in self.pending if p.article_id == row.article_id
                                 or p.content_sha256 == row.content_sha256), None)
        if duplicate_of:
            self.record(res, "skipped", f"same content as {duplicate_of}", article=True, raw_sha=raw_sha)
            return res
        self.summary.counts["articles_updated" if state else "articles_new"] += 1
        self.pending.append(row)
        self.record(res, "stored", article=True, raw_sha=raw_sha)
        return res

    def flush(self) -> None:
        """Extract the pending articles; load them, their checks and the fetch rows in one transaction."""
        facts_by_article = facts_for_rows(self.pending)
        for facts in facts_by_article.values():
            self.summary.facts_by_kind.update(f.kind for f in facts)
        loaded, checks = load_checked(self.wh, self.pending, facts_by_article, self.fetch_rows, self.run_id,
                                      self.frontier_rows, max_attempts=self.cfg.max_attempts)
        self.summary.counts["facts_loaded"] += loaded
        self.summary.counts["checks"] += checks
        self.wh.mark_seen(self.seen_ids, self.run_id)
        self.pending, self.fetch_rows, self.frontier_rows, self.seen_ids = [], [], [], []


def publish_for_readers(cfg: Config, wh: Warehouse) -> None:
    """Readers (query, the review page) read the published replica: a failed publish costs them
    freshness, never the night's data."""
    try:
        wh.publish(cfg.file_mode)
    except DamagedWarehouseError:
        raise
    except (WarehouseError, OSError) as exc:
        log.warning("replica not published: %s", exc)


def run(cfg: Config, mode: str = "nightly", since: date | None = None,
        progress: RunProgress | None = None) -> RunSummary:
    """Run the job over cfg.sites. Raises SitesUnavailableError when no site could be crawled, and
    DamagedWarehouseError when the warehouse file does not read back (nothing is published then)."""
    try:
        return _run(cfg, mode, since, progress or RunProgress())
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        if "no space left" in first.lower():
            raise WarehouseError(f"disk full writing the warehouse {cfg.warehouse}: {first}; what earlier "
                                 f"batches committed is kept") from None
        if is_damage(exc):
            raise DamagedWarehouseError(f"warehouse {cfg.warehouse} is damaged: {first}; nothing was "
                                        f"published") from None
        raise
    except OSError as exc:
        if exc.errno == errno.ENOSPC:   # the raw pages beside the warehouse
            raise WarehouseError(f"disk full: {exc.filename or cfg.raw_root}: {exc.strerror}; what earlier "
                                 f"batches committed is kept") from None
        raise


def _run(cfg: Config, mode: str, since: date | None, progress: RunProgress) -> RunSummary:
    started = time.monotonic()
    summary = RunSummary(new_run_id(), "running")
    with logcontext.about(logcontext.run_id, summary.run_id):
        return _run_logged(cfg, mode, since, progress, started, summary)


def _run_logged(cfg: Config, mode: str, since: date | None, progress: RunProgress,
                started: float, summary: RunSummary) -> RunSummary:
    with RunLock(cfg.warehouse), Warehouse(cfg.warehouse, memory_limit=cfg.memory_limit) as wh:
        if wh.close_dead_runs():
            log.warning("an earlier run ended without finishing; resuming its work")
        wh.start_run(summary.run_id, mode, [s.name for s in cfg.sites], extractors.EXTRACTOR_VERSION)
        fetcher = Fetcher(cfg)
        try:
            for site in cfg.sites:
                _run_site(cfg, wh, fetcher, site, summary, since, progress)
        except BaseException as exc:
            wh.finish_run(summary.run_id, "failed", summary.counts,
                          f"interrupted: {type(exc).__name__}: {exc}"[:500])
            raise
        finally:
            fetcher.close()
        # pages that answered 304 still need facts from the current extractor version
        updated, facts = reextract(wh, summary.run_id, progress=progress.note)
        summary.counts["articles_reextracted"] += updated
        summary.counts["facts_loaded"] += facts
        failed_sites = len(summary.site_errors)
        check = reconcile(wh, cfg.raw_root, [s.name for s in cfg.sites])
        if not check.consistent:
            summary.site_errors.append(str(check))
        if cfg.sites and failed_sites == len(cfg.sites):
            summary.status = "failed"
        elif summary.site_errors or summary.counts["failures"]:
            summary.status = "partial"
        else:
            summary.status = "ok"
        summary.seconds = time.monotonic() - started
        wh.finish_run(summary.run_id, summary.status, summary.counts, summary.message)
        publish_for_readers(cfg, wh)
    if summary.status == "failed":
        raise SitesUnavailableError("no site could be crawled: " + "; ".join(summary.site_errors))
    return summary


_SITE_COUNTS = ("articles_new", "articles_updated", "articles_unchanged", "facts_loaded", "fetches", "failures")


def _run_site(cfg: Config, wh: Warehouse, fetcher: Fetcher, site: SiteConfig, summary: RunSummary,
              since: date | None, progress: RunProgress) -> None:
    """One site's part of the run, and its row in run_sites; the stats go to the log at INFO."""
    with logcontext.about(logcontext.site, site.name):
        _run_site_logged(cfg, wh, fetcher, site, summary, since, progress)


def _run_site_logged(cfg: Config, wh: Warehouse, fetcher: Fetcher, site: SiteConfig, summary: RunSummary,
                     since: date | None, progress: RunProgress) -> None:
    before, errors = Counter(summary.counts), len(summary.site_errors)
    started, began = datetime.now(timezone.utc), time.monotonic()
    progress.site_started(site.name)
    try:
        _SiteRun(cfg, wh, fetcher, site, summary.run_id, summary, since).run(progress)
    finally:
        progress.site_finished(site.name)
        done = {k: summary.counts[k] - before[k] for k in _SITE_COUNTS}
        error = "; ".join(summary.site_errors[errors:]) or None
        seconds = time.monotonic() - began
        wh.record_run_site(dict(run_id=summary.run_id, site=site.name, started_at=started, seconds=seconds,
                                error=error, **done))
        log.info("stats %s: %s in %.1f s%s", site.name, ", ".join(f"{k}={v}" for k, v in done.items()),
                 seconds, f"; {error}" if error else "")


def reextract_stored(cfg: Config, every: bool = False) -> RunSummary:
    """The `reextract` command: a run that fetches nothing and refreshes stale facts."""
    started = time.monotonic()
    summary = RunSummary(new_run_id(), "ok")
    with RunLock(cfg.warehouse), Warehouse(cfg.warehouse, memory_limit=cfg.memory_limit) as wh:
        wh.start_run(summary.run_id, "reextract", [], extractors.EXTRACTOR_VERSION)
        try:
            updated, facts = reextract(wh, summary.run_id, every=every)
        except BaseException as exc:
            wh.finish_run(summary.run_id, "failed", summary.counts, f"interrupted: {type(exc).__name__}")
            raise
        summary.counts["articles_reextracted"] += updated
        summary.counts["facts_loaded"] += facts
        summary.seconds = time.monotonic() - started
        wh.finish_run(summary.run_id, "ok", summary.counts, summary.message)
        publish_for_readers(cfg, wh)
    return summary
