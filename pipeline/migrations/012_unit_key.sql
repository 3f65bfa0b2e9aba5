-- 012: counts and ratios grouped by their counted noun whatever its number (issue 13): facts.unit_key,
-- filled at load (extractors/unitkey.py); stored facts get it when re-extracted (extractor 0.5.1 does it
-- on the next run). The count and ratio views carry it.
ALTER TABLE facts ADD COLUMN unit_key VARCHAR;
COMMENT ON COLUMN facts.unit_key IS 'For counts and ratios: the unit with its head noun in the singular and in lower case, curly apostrophes straight ("party member" for "Party members" and "Party member"; Vietnamese without its plural marker: "hộ dân" for "các hộ dân"), to group by; NULL for other kinds, and for facts stored before migration 012 until re-extracted.';
DROP VIEW IF EXISTS counts;
CREATE VIEW counts AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, section, value, value_max, qualifier, unit, unit_key, measure, measure_key, place, place_level, ref_start,
    ref_end, sentence, rule_id FROM fact_context WHERE kind = 'count';
DROP VIEW IF EXISTS ratios;
CREATE VIEW ratios AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, section, numerator, denominator, numerator / NULLIF(denominator, 0) AS share, unit, unit_key, measure,
    measure_key, place, place_level, ref_start, ref_end, sentence, rule_id FROM fact_context WHERE kind = 'ratio';
COMMENT ON VIEW counts IS 'Counts (15 Party members) with what they measure, where, when, and their article.';
COMMENT ON VIEW ratios IS 'Ratios (133/155 tasks) with their share, what they measure, where, when, and their article.';
