-- 006: the other article of a cross-article check. Replacing an article's facts must drop the checks
-- that name them; finding those by joining checks to the whole facts table ran out of the writer's
-- memory at 10 million facts, so the article is recorded with the check instead.

ALTER TABLE checks ADD COLUMN other_article_id VARCHAR;
UPDATE checks SET other_article_id = regexp_extract(message, 'in article ([0-9a-f]+)$', 1)
WHERE check_name = 'cross_article_conflict';
COMMENT ON COLUMN checks.other_article_id IS 'For a cross-article check, the older of the two articles (articles.article_id); NULL for the other checks.';
