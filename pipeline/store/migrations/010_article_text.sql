-- 010: facts from the whole article (issue 12). articles.text is the article's title, lead and body,
-- one per line, with the bounds of the lead and the body; fact offsets index text (they indexed
-- body_text) and facts say which section they stand in. articles also record which path produced
-- the body (body_path).
--
-- The upgrade keeps every stored offset valid rather than moving it: stored articles get
-- text = body_text, body_start = 0, lead_start = NULL (their text is their body alone, as their facts
-- were extracted from) and their facts section = 'body'. Rebuilding text from title + lead + body
-- here would shift every fact's offsets, hence its fact_id (a hash of the offsets), the fact_ids the
-- checks name, and the spans and fact_ids of the analysts' verdicts, which live in reviews.duckdb
-- where no warehouse migration can reach: rewriting them here would be two files changed in two
-- transactions, and a verdict left behind would point at other text. As stored, nothing points at
-- wrong text. An article gets its title and lead into text, and their facts, when its facts are next
-- written: re-extraction (a new extractor version, or `newsfacts reextract --all`) rebuilds text
-- from the stored title, lead and body, and a re-parse (a changed page, an ingest) from the page.
-- Its body facts then get new offsets but keep their ids, which hash where a fact stands in its
-- section (pipeline.warehouse.fact_id_for), so the analysts' verdicts on them still match.
ALTER TABLE articles ADD COLUMN text VARCHAR;
ALTER TABLE articles ADD COLUMN lead_start INTEGER;
ALTER TABLE articles ADD COLUMN body_start INTEGER;
ALTER TABLE articles ADD COLUMN body_path VARCHAR;
-- a body of blank lines is no body (pipeline.articles.article_text leaves it out of text)
UPDATE articles SET text = CASE WHEN regexp_matches(body_text, '\S') THEN body_text ELSE '' END,
                    body_start = CASE WHEN regexp_matches(body_text, '\S') THEN 0 END;
ALTER TABLE facts ADD COLUMN section VARCHAR;
UPDATE facts SET section = 'body';

COMMENT ON COLUMN articles.text IS 'The article''s text: its title, lead and body_text (those it has), each on its own line(s), joined by a newline; a lead that only repeats the body''s first paragraph (or a teaser of it, or the title) and a title repeated as the body''s first line are left out, the body keeping them once. Fact offsets index it: facts.text = substr(text, start + 1, "end" - start). Articles stored before migration 010 have their body_text alone until re-extracted.';
COMMENT ON COLUMN articles.lead_start IS 'Character offset (0-based) in text where the lead begins; NULL when text has no lead (none, or it repeats the body).';
COMMENT ON COLUMN articles.body_start IS 'Character offset (0-based) in text where body_text begins (text from there on is body_text); NULL when there is no body. The title, when text has one, starts at 0 and ends before the lead or the body.';
COMMENT ON COLUMN articles.body_path IS 'Which path produced the body: site (the adapter''s selectors), itemprop, jsonld, trafilatura or heuristic; NULL when there is no body or it was stored before migration 010.';
COMMENT ON COLUMN articles.body_text IS 'Plain body text, one paragraph per line (fact offsets index text, where it starts at body_start).';
COMMENT ON COLUMN articles.content_sha256 IS 'sha256 of title, lead (when there is one) and body_text: unchanged content is not re-extracted.';
COMMENT ON COLUMN articles.extraction_status IS 'extracted, unsupported_language (stored, not run through the extractors) or empty_body (no body: not extracted, even when there is a title or lead).';
COMMENT ON COLUMN facts.fact_id IS 'Stable id: hash of article id, section (title and lead facts only), kind, span within its section and text; a changed title or lead leaves the body facts'' ids as they are.';
COMMENT ON COLUMN facts.section IS 'Section of the article the fact stands in: title, lead or body (from its start and the article''s lead_start and body_start).';
COMMENT ON COLUMN facts.text IS 'Surface string exactly as in the article: articles.text[start:end].';
COMMENT ON COLUMN facts."start" IS 'Character offset of text in articles.text (0-based).';
COMMENT ON COLUMN facts."end" IS 'Character offset just past text in articles.text (exclusive); quote it as "end" in SQL.';
COMMENT ON COLUMN facts.sentence_start IS 'Character offset of that sentence in articles.text.';
COMMENT ON COLUMN fact_checks.text IS 'Surface string exactly as in the article: articles.text[start:end].';

-- the views carry section after text
DROP VIEW IF EXISTS series;
DROP VIEW IF EXISTS counts;
DROP VIEW IF EXISTS percentages;
DROP VIEW IF EXISTS ratios;
DROP VIEW IF EXISTS ranks;
DROP VIEW IF EXISTS money;
DROP VIEW IF EXISTS quantities;
DROP VIEW IF EXISTS dates;
DROP VIEW IF EXISTS periods;
DROP VIEW IF EXISTS officials;
DROP VIEW IF EXISTS documents;
DROP VIEW IF EXISTS fact_context;
CREATE VIEW fact_context AS
SELECT f.*, a.site, a.title AS article_title, COALESCE(a.canonical_url, a.url) AS article_url,
       a.published_at, a.language
FROM facts f JOIN articles a USING (article_id);
COMMENT ON VIEW fact_context IS 'Every fact with its article''s site, title, URL, publication time and language.';
CREATE VIEW counts AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, section, value, value_max, qualifier, unit, measure, measure_key, place, place_level, ref_start, ref_end,
    sentence, rule_id FROM fact_context WHERE kind = 'count';
CREATE VIEW percentages AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, section, value, value_max, qualifier, unit, measure, measure_key, place, place_level, ref_start, ref_end,
    sentence, rule_id FROM fact_context WHERE kind = 'percentage';
CREATE VIEW ratios AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, section, numerator, denominator, numerator / NULLIF(denominator, 0) AS share, unit, measure, measure_key,
    place, place_level, ref_start, ref_end, sentence, rule_id FROM fact_context WHERE kind = 'ratio';
CREATE VIEW ranks AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, section, value, denominator, unit, measure, measure_key, place, place_level, ref_start, ref_end,
    sentence, rule_id FROM fact_context WHERE kind = 'rank';
CREATE VIEW money AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, section, value, value_max, currency, qualifier, unit, measure, measure_key, place, place_level,
    ref_start, ref_end, sentence, rule_id FROM fact_context WHERE kind = 'money';
CREATE VIEW quantities AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, section, value, value_max, qualifier, unit, measure, measure_key, place, place_level, ref_start, ref_end,
    sentence, rule_id FROM fact_context WHERE kind = 'quantity';
CREATE VIEW dates AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, section, date, granularity,
    CAST(CASE granularity WHEN 'year' THEN date || '-01-01' WHEN 'month' THEN date || '-01' ELSE date END AS DATE) AS date_first_day,
    sentence, rule_id FROM fact_context WHERE kind = 'date';
CREATE VIEW periods AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, section, period_start, period_end, sentence, rule_id FROM fact_context WHERE kind = 'period';
CREATE VIEW officials AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, section, person, title, organization, sentence, rule_id FROM fact_context WHERE kind = 'official';
CREATE VIEW documents AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, section, doc_type, doc_number, issued, sentence, rule_id FROM fact_context WHERE kind = 'document';
COMMENT ON VIEW counts IS 'Counts (15 Party members) with what they measure, where, when, and their article.';
COMMENT ON VIEW percentages IS 'Percentages (96.38%, 2.1 percentage points) with what they measure, where, when, and their article.';
COMMENT ON VIEW ratios IS 'Ratios (133/155 tasks) with their share, what they measure, where, when, and their article.';
COMMENT ON VIEW ranks IS 'Ranks (ranked 1st/30 districts) with what they rank, where, when, and their article.';
COMMENT ON VIEW money IS 'Amounts of money in currency units, with what they measure, where, when, and their article.';
COMMENT ON VIEW quantities IS 'Measurements with units (1,200 ha, 10 days), with what they measure, where, when, and their article.';
COMMENT ON VIEW dates IS 'Dates at their own precision, with their article.';
COMMENT ON VIEW periods IS 'Periods (first day, last day), with their article.';
COMMENT ON VIEW officials IS 'Named officials with title and organization, with their article.';
COMMENT ON VIEW documents IS 'Document references (Directive No. 24-CT/TU), with their article.';

CREATE VIEW series AS
SELECT COALESCE(measure_key, lower(measure)) AS measure_key, measure,
       lower(replace(strip_accents(replace(replace(place, 'Đ', 'D'), 'đ', 'd')), ' ', '')) AS place_key,
       place, place_level, ref_start, ref_end,
       kind, CASE WHEN kind = 'ratio' THEN numerator / NULLIF(denominator, 0) ELSE value END AS value,
       value_max, numerator, denominator, unit, currency, qualifier, text, section, sentence,
       fact_id, article_id, site, language, published_at, article_title, article_url
FROM fact_context
WHERE kind IN ('count', 'percentage', 'ratio', 'rank', 'money', 'quantity') AND measure IS NOT NULL
-- a figure an article states in its title or lead and again in its body is one data point: the body's
QUALIFY row_number() OVER (
    PARTITION BY article_id, measure_key, place_key, ref_start, ref_end, kind, value, value_max
    ORDER BY CASE section WHEN 'body' THEN 0 WHEN 'lead' THEN 1 ELSE 2 END, "start") = 1;
COMMENT ON VIEW series IS 'One row per figure with a measure: (measure_key, place_key, period) -> value, with its article and sentence; a time series an analyst can chart (ratios as their share). place_key groups a unit''s Vietnamese and English spellings (namtuliem for Nam Từ Liêm and Nam Tu Liem). A figure an article states in its title or lead and again in its body (same measure, place, period and value) is one row, the body''s; section says where the row''s statement stands.';
COMMENT ON COLUMN series.place_key IS 'The place folded for grouping: no diacritics (Đ as D), lower case, no spaces (namtuliem, dongda, hanoi).';
