-- 008: `series` gains place_key, the place without diacritics, case or spaces, so that one unit
-- written in Vietnamese ("Nam Từ Liêm", "Đống Đa") and in English ("Nam Tu Liem", "Dong Da") is one
-- series; place keeps the article's own spelling.
DROP VIEW IF EXISTS series;
CREATE VIEW series AS
SELECT COALESCE(measure_key, lower(measure)) AS measure_key, measure,
       lower(replace(strip_accents(replace(replace(place, 'Đ', 'D'), 'đ', 'd')), ' ', '')) AS place_key,
       place, place_level, ref_start, ref_end,
       kind, CASE WHEN kind = 'ratio' THEN numerator / NULLIF(denominator, 0) ELSE value END AS value,
       value_max, numerator, denominator, unit, currency, qualifier, text, sentence,
       fact_id, article_id, site, language, published_at, article_title, article_url
FROM fact_context
WHERE kind IN ('count', 'percentage', 'ratio', 'rank', 'money', 'quantity') AND measure IS NOT NULL;
COMMENT ON VIEW series IS 'One row per figure with a measure: (measure_key, place_key, period) -> value, with its article and sentence; a time series an analyst can chart (ratios as their share). place_key groups a unit''s Vietnamese and English spellings (namtuliem for Nam Từ Liêm and Nam Tu Liem).';
COMMENT ON COLUMN series.place_key IS 'The place folded for grouping: no diacritics (Đ as D), lower case, no spaces (namtuliem, dongda, hanoi).';
