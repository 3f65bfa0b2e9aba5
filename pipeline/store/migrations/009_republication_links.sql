-- 009: republications linked as pipeline/republication.py links them: the Source line's URL matched
-- against the original's url or canonical_url without scheme, www., query, fragment and trailing slash
-- (the Source line may name http://, a www. host or a trailing slash the stored original lacks).
-- Hanoi Times versions linked by their figures appear only in their checks (other_article_id).
DROP VIEW IF EXISTS republications;
CREATE VIEW republications AS
WITH r AS (SELECT article_id, site, title, COALESCE(canonical_url, url) AS article_url,
                  regexp_replace(regexp_replace(regexp_replace(regexp_replace(lower(trim(source_url)), '^[a-z][a-z0-9+.-]*://', ''), '^www\.', ''), '[?#].*$', ''), '/+$', '') AS k FROM articles WHERE source_url IS NOT NULL),
     o AS (SELECT article_id, regexp_replace(regexp_replace(regexp_replace(regexp_replace(lower(trim(url)), '^[a-z][a-z0-9+.-]*://', ''), '^www\.', ''), '[?#].*$', ''), '/+$', '') AS k, 0 AS pref FROM articles
           UNION ALL
           SELECT article_id, regexp_replace(regexp_replace(regexp_replace(regexp_replace(lower(trim(canonical_url)), '^[a-z][a-z0-9+.-]*://', ''), '^www\.', ''), '[?#].*$', ''), '/+$', '') AS k, 1 AS pref FROM articles WHERE canonical_url IS NOT NULL)
SELECT r.article_id, r.site, r.title, r.article_url,
       a.article_id AS original_id, a.site AS original_site, a.title AS original_title,
       COALESCE(a.canonical_url, a.url) AS original_url
FROM r JOIN o ON o.k = r.k AND o.article_id <> r.article_id
JOIN articles a ON a.article_id = o.article_id
QUALIFY row_number() OVER (PARTITION BY r.article_id ORDER BY o.pref DESC, o.article_id) = 1;
COMMENT ON VIEW republications IS 'Republished articles (a Source: line) linked to their stored original, URLs compared without scheme, www., query, fragment and trailing slash.';

COMMENT ON COLUMN checks.check_name IS 'ratio_exceeds_whole, ratio_percentage_disagree, ratio_percentage_agree, parts_sum_mismatch, parts_sum_agree, percentage_over_100, future_date_past_tense, cross_article_conflict, republication_mismatch (a figure of a translation the original does not state) or republication_dropped (a figure of the original the translation leaves out).';
COMMENT ON COLUMN checks.other_article_id IS 'For a cross-article check, the older of the two articles; for a republication check (filed under the translation), the original (articles.article_id); NULL for the other checks.';
