-- 011: what each run did on each site (issue 14): the runs table says it for the whole run only.
CREATE TABLE run_sites (
    run_id             VARCHAR NOT NULL,
    site               VARCHAR NOT NULL,
    started_at         TIMESTAMPTZ NOT NULL,
    seconds            DOUBLE,
    articles_new       INTEGER,
    articles_updated   INTEGER,
    articles_unchanged INTEGER,
    facts_loaded       INTEGER,
    fetches            INTEGER,
    failures           INTEGER,
    error              VARCHAR,
    PRIMARY KEY (run_id, site)
);
COMMENT ON TABLE run_sites IS 'One row per site per run: what the run fetched, stored and extracted on it (runs has the totals).';
COMMENT ON COLUMN run_sites.run_id IS 'The run (runs.run_id).';
COMMENT ON COLUMN run_sites.site IS 'Configured site name.';
COMMENT ON COLUMN run_sites.started_at IS 'When the run started on this site (UTC).';
COMMENT ON COLUMN run_sites.seconds IS 'Seconds the run spent on the site: discovery, fetching, parsing, extraction and loading of its batches.';
COMMENT ON COLUMN run_sites.articles_new IS 'Articles stored for the first time.';
COMMENT ON COLUMN run_sites.articles_updated IS 'Stored articles whose content changed (facts replaced).';
COMMENT ON COLUMN run_sites.articles_unchanged IS 'Articles fetched (or answered 304) with the same content.';
COMMENT ON COLUMN run_sites.facts_loaded IS 'Facts loaded from the site''s new and changed articles (re-extraction at the end of the run is counted in runs only).';
COMMENT ON COLUMN run_sites.fetches IS 'HTTP requests made to the site (robots.txt, feeds, sitemaps, articles).';
COMMENT ON COLUMN run_sites.failures IS 'Requests that failed (see fetches.reason).';
COMMENT ON COLUMN run_sites.error IS 'Why the site was skipped or stopped early (robots.txt unavailable, blocked), else NULL.';
