-- 013: the ranks view carries qualifier, which a rank has had since "the top 10 cities" (value 10,
-- qualifier at_most) but the view left out; tests/test_kinds.py holds every per-kind view to the
-- fields extractors/kinds.py declares for its kind.
DROP VIEW IF EXISTS ranks;
CREATE VIEW ranks AS SELECT fact_id, article_id, site, published_at, article_title, article_url,
    text, section, value, qualifier, denominator, unit, measure, measure_key, place, place_level, ref_start, ref_end,
    sentence, rule_id FROM fact_context WHERE kind = 'rank';
COMMENT ON VIEW ranks IS 'Ranks (ranked 1st/30 districts; the top 10: qualifier at_most) with what they rank, where, when, and their article.';
