-- 003: the crawl frontier (every URL a run has to visit, so a killed night resumes), and the raw
-- file each fetch stored (so stored files can be reconciled with fetches and articles).

CREATE TABLE frontier (
    url               VARCHAR PRIMARY KEY,
    site              VARCHAR NOT NULL,
    status            VARCHAR NOT NULL,
    attempts          INTEGER NOT NULL DEFAULT 0,
    next_fetch_at     TIMESTAMPTZ,
    etag              VARCHAR,
    last_modified     VARCHAR,
    content_sha256    VARCHAR,
    reason            VARCHAR,
    first_seen_at     TIMESTAMPTZ NOT NULL,
    last_fetch_at     TIMESTAMPTZ,
    last_run          VARCHAR
);
COMMENT ON TABLE frontier IS 'Every article URL discovered, with where its crawl stands; a killed run resumes from here.';
COMMENT ON COLUMN frontier.url IS 'Canonicalised article URL (real host).';
COMMENT ON COLUMN frontier.site IS 'Configured site name.';
COMMENT ON COLUMN frontier.status IS 'new (not fetched yet), done (stored or unchanged), skipped (robots, --since, not HTML), failed (retried later) or gave_up (failed too often).';
COMMENT ON COLUMN frontier.attempts IS 'Failed fetches in a row; reset by a success.';
COMMENT ON COLUMN frontier.next_fetch_at IS 'Earliest time a failed URL is tried again; NULL when due now.';
COMMENT ON COLUMN frontier.etag IS 'ETag of the last 200 response.';
COMMENT ON COLUMN frontier.last_modified IS 'Last-Modified of the last 200 response.';
COMMENT ON COLUMN frontier.content_sha256 IS 'sha256 of the last raw body fetched.';
COMMENT ON COLUMN frontier.reason IS 'Why the last attempt was skipped or failed.';
COMMENT ON COLUMN frontier.first_seen_at IS 'When the URL was first discovered.';
COMMENT ON COLUMN frontier.last_fetch_at IS 'When it was last requested.';
COMMENT ON COLUMN frontier.last_run IS 'Run that last touched the URL.';

ALTER TABLE fetches ADD COLUMN raw_sha256 VARCHAR;
COMMENT ON COLUMN fetches.raw_sha256 IS 'sha256 of the raw body this request stored under the raw directory; NULL when nothing was stored.';

COMMENT ON COLUMN runs.status IS 'running, ok, partial (some pages or sites failed), failed, or killed (ended without finishing; the next run resumed).';

CREATE VIEW republications AS
SELECT r.article_id AS article_id, r.site, r.title, COALESCE(r.canonical_url, r.url) AS article_url,
       o.article_id AS original_id, o.site AS original_site, o.title AS original_title,
       COALESCE(o.canonical_url, o.url) AS original_url
FROM articles r JOIN articles o ON o.canonical_url = r.source_url AND o.article_id <> r.article_id;
COMMENT ON VIEW republications IS 'Republished articles (a Source: line) linked to their stored original.';
