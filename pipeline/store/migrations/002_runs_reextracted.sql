-- 002: runs count the stored articles they re-extracted after an extractor upgrade.
ALTER TABLE runs ADD COLUMN articles_reextracted INTEGER DEFAULT 0;
COMMENT ON COLUMN runs.articles_reextracted IS 'Stored articles whose facts were re-extracted with a newer extractor version.';
