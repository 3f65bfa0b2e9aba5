"""`newsfacts run --dry-run`: what the nightly run would fetch, site by site, and why. It reads robots.txt,
feeds and sitemaps as the run does, fetches no article and writes nothing: no run row, no frontier, no
raw page."""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from pipeline.config import Config
from pipeline.crawl.discover import fetch_robots
from pipeline.errors import SitesUnavailableError
from pipeline.crawl.fetch import Fetcher
from pipeline.store.replica import open_for_reading, replica_path
from pipeline.jobs.run import RunSummary, _SiteRun
from pipeline.store.warehouse import article_state, frontier_due, frontier_status

log = logging.getLogger(__name__)

# why a URL is on the list: a page never seen, one stored (a conditional GET, mostly a 304), one an
# earlier run left unfetched or failed on, or one past max_articles that waits for a later run
PLANS = ("new", "stored", "retry", "over limit")


@dataclass(slots=True)
class SitePlan:
    site: str
    urls: list[tuple[str, str]] = field(default_factory=list)   # (url, one of PLANS)
    requests: int = 0                                          # robots.txt, feeds, sitemaps read
    error: str | None = None

    @property
    def summary(self) -> str:
        counts = Counter(plan for _, plan in self.urls)
        due = len(self.urls) - counts["over limit"]
        text = (f"{self.site}: {due} article URLs would be fetched ({counts['new']} new, {counts['stored']} "
                f"stored, {counts['retry']} retried), {counts['over limit']} over max_articles; "
                f"{self.requests} requests to discover them")
        return text + (f"; {self.error}" if self.error else "")


def plan_run(cfg: Config) -> list[SitePlan]:
    """The work list of each configured site as a run now would make it. Raises SitesUnavailableError
    when no site could be read at all."""
    stored = None
    if cfg.warehouse.exists() or replica_path(cfg.warehouse).exists():
        stored = open_for_reading(cfg.warehouse)    # the replica while a run writes: never a lock
    fetcher = Fetcher(cfg)
    try:
        plans = [_plan_site(cfg, fetcher, site, stored) for site in cfg.sites]
    finally:
        fetcher.close()
        if stored is not None:
            stored.close()
    if plans and all(p.error for p in plans):
        raise SitesUnavailableError("no site could be read: " + "; ".join(p.error for p in plans if p.error))
    return plans


def _plan_site(cfg: Config, fetcher: Fetcher, site, stored) -> SitePlan:
    summary = RunSummary("dry-run", "dry-run")
    crawl = _SiteRun(cfg, None, fetcher, site, "dry-run", summary, None)
    plan = SitePlan(site.name)
    robots, res = fetch_robots(fetcher, site.base_url)
    plan.requests += 1
    if robots.disallow_all:
        plan.error = f"robots.txt unavailable ({res.reason}), site would be skipped"
        return plan
    crawl.polite(robots)
    found = crawl.discover(robots)
    plan.requests += summary.counts["fetches"]
    plan.error = "; ".join(e.split(": ", 1)[1] for e in summary.site_errors) or None
    due = [u for u in (frontier_due(stored, site.name) if stored is not None else [])
           if robots.allowed(u, cfg.user_agent)]
    order = list(dict.fromkeys(found + due))     # as the run orders them: discovered first
    states = article_state(stored, order) if stored is not None else {}
    frontier = frontier_status(stored, order) if stored is not None else {}
    left = set(due) | {u for u, status in frontier.items() if status in ("new", "failed")}
    urls = [(u, "stored" if u in states else "retry" if u in left else "new") for u in order]
    limit = crawl.limit
    plan.urls = urls[:limit] + [(u, "over limit") for u, _ in urls[limit:]]
    return plan


def plan_table(plans: list[SitePlan]) -> pd.DataFrame:
    return pd.DataFrame([(p.site, url, why) for p in plans for url, why in p.urls], columns=["site", "url", "plan"])
