-- 001: runs, articles, facts, fetches, and one analyst view per kind of fact.

CREATE TABLE runs (
    run_id            VARCHAR PRIMARY KEY,
    started_at        TIMESTAMPTZ NOT NULL,
    finished_at       TIMESTAMPTZ,
    status            VARCHAR NOT NULL,
    mode              VARCHAR NOT NULL,
    sites             VARCHAR,
    articles_new      INTEGER DEFAULT 0,
    articles_updated  INTEGER DEFAULT 0,
    articles_unchanged INTEGER DEFAULT 0,
    facts_loaded      INTEGER DEFAULT 0,
    fetches           INTEGER DEFAULT 0,
    failures          INTEGER DEFAULT 0,
    extractor_version VARCHAR,
    message           VARCHAR
);
COMMENT ON TABLE runs IS 'One row per run of the pipeline (nightly, demo or re-extraction).';
COMMENT ON COLUMN runs.run_id IS 'Run id: UTC start time plus a random suffix, e.g. 20241107T020000Z-3f2a.';
COMMENT ON COLUMN runs.started_at IS 'When the run started.';
COMMENT ON COLUMN runs.finished_at IS 'When the run finished; NULL while running or if it was killed.';
COMMENT ON COLUMN runs.status IS 'running, ok, partial (some pages or sites failed) or failed.';
COMMENT ON COLUMN runs.mode IS 'nightly, demo or reextract.';
COMMENT ON COLUMN runs.sites IS 'Comma-separated names of the sites the run covered.';
COMMENT ON COLUMN runs.articles_new IS 'Articles stored for the first time in this run.';
COMMENT ON COLUMN runs.articles_updated IS 'Stored articles whose content changed and were re-extracted.';
COMMENT ON COLUMN runs.articles_unchanged IS 'Articles seen again with unchanged content (304 or same hash).';
COMMENT ON COLUMN runs.facts_loaded IS 'Facts written by this run.';
COMMENT ON COLUMN runs.fetches IS 'HTTP requests made by this run (rows in fetches).';
COMMENT ON COLUMN runs.failures IS 'Requests or pages that failed in this run.';
COMMENT ON COLUMN runs.extractor_version IS 'Version of the extractors that ran.';
COMMENT ON COLUMN runs.message IS 'One-line summary or reason for failure.';

CREATE TABLE articles (
    article_id        VARCHAR PRIMARY KEY,
    url               VARCHAR NOT NULL,
    canonical_url     VARCHAR,
    site              VARCHAR,
    adapter           VARCHAR,
    adapter_version   VARCHAR,
    parse_complete    BOOLEAN,
    title             VARCHAR,
    lead              VARCHAR,
    body_text         VARCHAR,
    published_at      TIMESTAMPTZ,
    published_flag    VARCHAR,
    author            VARCHAR,
    language          VARCHAR,
    source_url        VARCHAR,
    content_sha256    VARCHAR,
    raw_sha256        VARCHAR,
    raw_path          VARCHAR,
    etag              VARCHAR,
    last_modified     VARCHAR,
    extraction_status VARCHAR,
    extractor_version VARCHAR,
    first_seen_run    VARCHAR,
    last_seen_run     VARCHAR
);
COMMENT ON TABLE articles IS 'One row per article (keyed by canonical URL), with its parsed text.';
COMMENT ON COLUMN articles.article_id IS 'Stable id: first 16 hex digits of sha256 of the canonical URL.';
COMMENT ON COLUMN articles.url IS 'URL the article was discovered and fetched at.';
COMMENT ON COLUMN articles.canonical_url IS 'Canonical URL the page declares (rel=canonical / og:url), else the fetched URL.';
COMMENT ON COLUMN articles.site IS 'Configured site name the article came from.';
COMMENT ON COLUMN articles.adapter IS 'Site adapter that parsed the page.';
COMMENT ON COLUMN articles.adapter_version IS 'Version of that adapter.';
COMMENT ON COLUMN articles.parse_complete IS 'True when title, body and publication time were all found.';
COMMENT ON COLUMN articles.title IS 'Headline.';
COMMENT ON COLUMN articles.lead IS 'Lead paragraph (sapo), without the site prefix.';
COMMENT ON COLUMN articles.body_text IS 'Plain body text, one paragraph per line; fact offsets index into it.';
COMMENT ON COLUMN articles.published_at IS 'Publication time, timezone-aware; NULL when the page gives none (never the crawl time).';
COMMENT ON COLUMN articles.published_flag IS 'missing or future when the publication time is absent or after the crawl; NULL when fine.';
COMMENT ON COLUMN articles.author IS 'Byline.';
COMMENT ON COLUMN articles.language IS 'Language code of the page (en, vi, ...).';
COMMENT ON COLUMN articles.source_url IS 'Original article a republication names in its Source: line.';
COMMENT ON COLUMN articles.content_sha256 IS 'sha256 of title + body_text: unchanged content is not re-extracted.';
COMMENT ON COLUMN articles.raw_sha256 IS 'sha256 of the raw response body as stored.';
COMMENT ON COLUMN articles.raw_path IS 'Path of the stored raw page (gzip), relative to the raw directory.';
COMMENT ON COLUMN articles.etag IS 'ETag of the last 200 response, for conditional requests.';
COMMENT ON COLUMN articles.last_modified IS 'Last-Modified of the last 200 response, for conditional requests.';
COMMENT ON COLUMN articles.extraction_status IS 'extracted, unsupported_language (stored, not run through the English rules) or empty_body.';
COMMENT ON COLUMN articles.extractor_version IS 'Extractor version that produced this article''s facts.';
COMMENT ON COLUMN articles.first_seen_run IS 'Run that first stored the article.';
COMMENT ON COLUMN articles.last_seen_run IS 'Last run that saw the article (fetched or confirmed unchanged).';

CREATE TABLE facts (
    fact_id           VARCHAR PRIMARY KEY,
    article_id        VARCHAR NOT NULL,
    kind              VARCHAR NOT NULL,
    text              VARCHAR NOT NULL,
    "start"           INTEGER NOT NULL,
    "end"             INTEGER NOT NULL,
    value             DOUBLE,
    value_max         DOUBLE,
    qualifier         VARCHAR,
    unit              VARCHAR,
    currency          VARCHAR,
    numerator         DOUBLE,
    denominator       DOUBLE,
    date              VARCHAR,
    granularity       VARCHAR,
    period_start      DATE,
    period_end        DATE,
    person            VARCHAR,
    title             VARCHAR,
    organization      VARCHAR,
    doc_type          VARCHAR,
    doc_number        VARCHAR,
    issued            DATE,
    sentence          VARCHAR,
    sentence_start    INTEGER,
    rule_id           VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    run_id            VARCHAR
);
COMMENT ON TABLE facts IS 'Every extracted fact (FACTS.md schema), with the sentence it came from and the rule that fired.';
COMMENT ON COLUMN facts.fact_id IS 'Stable id: hash of article id, kind, span and text.';
COMMENT ON COLUMN facts.article_id IS 'Article the fact was extracted from (articles.article_id).';
COMMENT ON COLUMN facts.kind IS 'count, percentage, ratio, rank, money, quantity, date, period, official or document.';
COMMENT ON COLUMN facts.text IS 'Surface string exactly as in the article body: body_text[start:end].';
COMMENT ON COLUMN facts."start" IS 'Character offset of text in articles.body_text (0-based).';
COMMENT ON COLUMN facts."end" IS 'Character offset just past text in articles.body_text (exclusive); quote it as "end" in SQL.';
COMMENT ON COLUMN facts.value IS 'The figure: 96.38 for 96.38%, 124300000000000 for VND124.3 trillion, 1 for ranked 1st; lower end of a range.';
COMMENT ON COLUMN facts.value_max IS 'Upper end of a range (VND160.8-162 million); NULL otherwise.';
COMMENT ON COLUMN facts.qualifier IS 'approx, more_than, at_least, less_than or at_most; NULL when exact.';
COMMENT ON COLUMN facts.unit IS 'Counted noun phrase (counts, ratios), unit of measure (quantities), percentage_points, or money per-unit (m2).';
COMMENT ON COLUMN facts.currency IS 'ISO 4217 code for money (VND, USD, ...).';
COMMENT ON COLUMN facts.numerator IS 'Ratio numerator (133 in 133/155 tasks).';
COMMENT ON COLUMN facts.denominator IS 'Ratio denominator, or the size of the ranking for ranks (30 in 1st/30).';
COMMENT ON COLUMN facts.date IS 'ISO date at its own precision: 2023-08-07, 2024-07 or 2024.';
COMMENT ON COLUMN facts.granularity IS 'day, month or year, for dates.';
COMMENT ON COLUMN facts.period_start IS 'First day of a period (inclusive).';
COMMENT ON COLUMN facts.period_end IS 'Last day of a period (inclusive).';
COMMENT ON COLUMN facts.person IS 'Official''s name without honorific, diacritics as written.';
COMMENT ON COLUMN facts.title IS 'Official''s position (Deputy Secretary, Vice Chairwoman, ...).';
COMMENT ON COLUMN facts.organization IS 'Body the position belongs to.';
COMMENT ON COLUMN facts.doc_type IS 'Document type: Directive, Resolution, Decision, Plan, ...';
COMMENT ON COLUMN facts.doc_number IS 'Document number as written: 24-CT/TU, 1234/QD-UBND.';
COMMENT ON COLUMN facts.issued IS 'Date the document was issued, where the text gives it.';
COMMENT ON COLUMN facts.sentence IS 'The sentence the fact stands in.';
COMMENT ON COLUMN facts.sentence_start IS 'Character offset of that sentence in articles.body_text.';
COMMENT ON COLUMN facts.rule_id IS 'Id of the extractor rule that fired (e.g. percentage.symbol).';
COMMENT ON COLUMN facts.extractor_version IS 'Extractor version that produced the fact.';
COMMENT ON COLUMN facts.run_id IS 'Run that loaded the fact.';

CREATE SEQUENCE fetch_id_seq START 1;
CREATE TABLE fetches (
    fetch_id          BIGINT PRIMARY KEY DEFAULT nextval('fetch_id_seq'),
    run_id            VARCHAR NOT NULL,
    site              VARCHAR,
    url               VARCHAR NOT NULL,
    fetched_url       VARCHAR,
    status            INTEGER,
    outcome           VARCHAR NOT NULL,
    reason            VARCHAR,
    bytes             BIGINT,
    elapsed_ms        DOUBLE,
    content_type      VARCHAR,
    etag              VARCHAR,
    last_modified     VARCHAR,
    fetched_at        TIMESTAMPTZ
);
COMMENT ON TABLE fetches IS 'One row per HTTP request a run made, with how it ended.';
COMMENT ON COLUMN fetches.fetch_id IS 'Sequence number.';
COMMENT ON COLUMN fetches.run_id IS 'Run that made the request.';
COMMENT ON COLUMN fetches.site IS 'Configured site name.';
COMMENT ON COLUMN fetches.url IS 'The site URL requested (real host, canonicalised).';
COMMENT ON COLUMN fetches.fetched_url IS 'URL actually requested on the wire (after redirects, or the local demo server).';
COMMENT ON COLUMN fetches.status IS 'HTTP status; NULL when no response arrived.';
COMMENT ON COLUMN fetches.outcome IS 'stored (new or changed article), unchanged (304 or same content), fetched (feed, sitemap, robots), skipped or failed.';
COMMENT ON COLUMN fetches.reason IS 'Why it was skipped or failed.';
COMMENT ON COLUMN fetches.bytes IS 'Response body size in bytes.';
COMMENT ON COLUMN fetches.elapsed_ms IS 'Time from request to end of body, milliseconds.';
COMMENT ON COLUMN fetches.content_type IS 'Content-Type header of the response.';
COMMENT ON COLUMN fetches.etag IS 'ETag header of the response.';
COMMENT ON COLUMN fetches.last_modified IS 'Last-Modified header of the response.';
COMMENT ON COLUMN fetches.fetched_at IS 'When the request was made.';

CREATE VIEW fact_context AS
SELECT f.*, a.site, a.title AS article_title, COALESCE(a.canonical_url, a.url) AS article_url,
       a.published_at
FROM facts f JOIN articles a USING (article_id);
COMMENT ON VIEW fact_context IS 'Every fact with its article''s site, title, URL and publication time.';

CREATE VIEW counts AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, value, value_max, qualifier, unit, sentence, rule_id FROM fact_context WHERE kind = 'count';
CREATE VIEW percentages AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, value, value_max, qualifier, unit, sentence, rule_id FROM fact_context WHERE kind = 'percentage';
CREATE VIEW ratios AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, numerator, denominator, numerator / NULLIF(denominator, 0) AS share, unit, sentence, rule_id
    FROM fact_context WHERE kind = 'ratio';
CREATE VIEW ranks AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, value, denominator, unit, sentence, rule_id FROM fact_context WHERE kind = 'rank';
CREATE VIEW money AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, value, value_max, currency, qualifier, unit, sentence, rule_id FROM fact_context WHERE kind = 'money';
CREATE VIEW quantities AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, value, value_max, qualifier, unit, sentence, rule_id FROM fact_context WHERE kind = 'quantity';
CREATE VIEW dates AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, date, granularity,
    CAST(CASE granularity WHEN 'year' THEN date || '-01-01' WHEN 'month' THEN date || '-01' ELSE date END AS DATE) AS date_first_day,
    sentence, rule_id FROM fact_context WHERE kind = 'date';
CREATE VIEW periods AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, period_start, period_end, sentence, rule_id FROM fact_context WHERE kind = 'period';
CREATE VIEW officials AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, person, title, organization, sentence, rule_id FROM fact_context WHERE kind = 'official';
CREATE VIEW documents AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, doc_type, doc_number, issued, sentence, rule_id FROM fact_context WHERE kind = 'document';
COMMENT ON VIEW counts IS 'Counts (15 Party members) with their article.';
COMMENT ON VIEW percentages IS 'Percentages (96.38%, 2.1 percentage points) with their article.';
COMMENT ON VIEW ratios IS 'Ratios (133/155 tasks) with their share and article.';
COMMENT ON VIEW ranks IS 'Ranks (ranked 1st/30 districts) with their article.';
COMMENT ON VIEW money IS 'Amounts of money in currency units, with their article.';
COMMENT ON VIEW quantities IS 'Measurements with units (1,200 ha, 10 days), with their article.';
COMMENT ON VIEW dates IS 'Dates at their own precision, with their article.';
COMMENT ON VIEW periods IS 'Periods (first day, last day), with their article.';
COMMENT ON VIEW officials IS 'Named officials with title and organization, with their article.';
COMMENT ON VIEW documents IS 'Document references (Directive No. 24-CT/TU), with their article.';
