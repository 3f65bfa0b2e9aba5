-- 007: what each figure measures, where and when (FACTS.md "What a figure is about"), and the
-- `series` view over them. The per-kind views are re-created to carry the new columns.
ALTER TABLE facts ADD COLUMN measure VARCHAR;
ALTER TABLE facts ADD COLUMN place VARCHAR;
ALTER TABLE facts ADD COLUMN place_level VARCHAR;
ALTER TABLE facts ADD COLUMN ref_start DATE;
ALTER TABLE facts ADD COLUMN ref_end DATE;
ALTER TABLE facts ADD COLUMN measure_key VARCHAR;
COMMENT ON COLUMN facts.measure IS 'What a figure measures: a short lower-case phrase of the article''s own words (budget revenue, thu ngân sách, Party members disciplined); figures only.';
COMMENT ON COLUMN facts.place IS 'The administrative unit the figure belongs to, name as the article writes it without the level word (Dong Da, Đống Đa, Hanoi); from its sentence, else the article''s main place.';
COMMENT ON COLUMN facts.place_level IS 'country, province (incl. centrally-run cities), district or ward.';
COMMENT ON COLUMN facts.ref_start IS 'First day of the period the figure refers to (inclusive), from the date or period governing it in its clause or sentence; NULL when open or none.';
COMMENT ON COLUMN facts.ref_end IS 'Last day of that period (inclusive); NULL when none.';
COMMENT ON COLUMN facts.measure_key IS 'The measure normalised across spellings, articles and languages (budget_revenue for budget revenue, state budget revenues, thu ngân sách); NULL when the measure is in no lexicon.';

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
    text, value, value_max, qualifier, unit, measure, measure_key, place, place_level, ref_start, ref_end,
    sentence, rule_id FROM fact_context WHERE kind = 'count';
CREATE VIEW percentages AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, value, value_max, qualifier, unit, measure, measure_key, place, place_level, ref_start, ref_end,
    sentence, rule_id FROM fact_context WHERE kind = 'percentage';
CREATE VIEW ratios AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, numerator, denominator, numerator / NULLIF(denominator, 0) AS share, unit, measure, measure_key,
    place, place_level, ref_start, ref_end, sentence, rule_id FROM fact_context WHERE kind = 'ratio';
CREATE VIEW ranks AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, value, denominator, unit, measure, measure_key, place, place_level, ref_start, ref_end,
    sentence, rule_id FROM fact_context WHERE kind = 'rank';
CREATE VIEW money AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, value, value_max, currency, qualifier, unit, measure, measure_key, place, place_level,
    ref_start, ref_end, sentence, rule_id FROM fact_context WHERE kind = 'money';
CREATE VIEW quantities AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, value, value_max, qualifier, unit, measure, measure_key, place, place_level, ref_start, ref_end,
    sentence, rule_id FROM fact_context WHERE kind = 'quantity';
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
SELECT COALESCE(measure_key, lower(measure)) AS measure_key, measure, place, place_level, ref_start, ref_end,
       kind, CASE WHEN kind = 'ratio' THEN numerator / NULLIF(denominator, 0) ELSE value END AS value,
       value_max, numerator, denominator, unit, currency, qualifier, text, sentence,
       fact_id, article_id, site, language, published_at, article_title, article_url
FROM fact_context
WHERE kind IN ('count', 'percentage', 'ratio', 'rank', 'money', 'quantity') AND measure IS NOT NULL;
COMMENT ON VIEW series IS 'One row per figure with a measure: (measure_key, place, period) -> value, with its article and sentence; a time series an analyst can chart (ratios as their share).';
