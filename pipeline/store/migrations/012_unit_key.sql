-- 012: counts and ratios grouped by their counted noun whatever its number (issue 13): facts.unit_key,
-- filled at load (extractors/unitkey.py); stored facts get it when re-extracted (extractor 0.5.1 does it
-- on the next run). The count and ratio views carry it.
-- fact_context (f.*) fixes its columns when it is created, and a WAL replayed after a crash binds the
-- views again in order: every view is made anew after the column, as migration 010 made them.
ALTER TABLE facts ADD COLUMN unit_key VARCHAR;
COMMENT ON COLUMN facts.unit_key IS 'For counts and ratios: the unit with its head noun in the singular and in lower case, curly apostrophes straight ("party member" for "Party members" and "Party member"; Vietnamese without its plural marker: "hộ dân" for "các hộ dân"), to group by; NULL for other kinds, and for facts stored before migration 012 until re-extracted.';
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
    text, section, value, value_max, qualifier, unit, unit_key, measure, measure_key, place, place_level, ref_start, ref_end,
    sentence, rule_id FROM fact_context WHERE kind = 'count';
CREATE VIEW percentages AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, section, value, value_max, qualifier, unit, measure, measure_key, place, place_level, ref_start, ref_end,
    sentence, rule_id FROM fact_context WHERE kind = 'percentage';
CREATE VIEW ratios AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, section, numerator, denominator, numerator / NULLIF(denominator, 0) AS share, unit, unit_key, measure, measure_key,
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
