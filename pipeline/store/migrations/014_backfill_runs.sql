-- 014: backfill runs published into the warehouse (issue 17). The row is written in the transaction
-- that loads the run, so a run is in the warehouse exactly when it has a row here; a second publish
-- of it finds the row and does nothing. The checks run after, in batches: checked_through says how
-- far they got, so a killed check phase is finished by the next publish.
CREATE TABLE backfill_runs (
    run_id            VARCHAR PRIMARY KEY,
    staged_at         TIMESTAMPTZ NOT NULL,
    published_at      TIMESTAMPTZ NOT NULL,
    checked_at        TIMESTAMPTZ,
    status            VARCHAR NOT NULL,
    engine            VARCHAR,
    extractor_version VARCHAR,
    records           BIGINT,
    articles          BIGINT,
    articles_replaced BIGINT,
    articles_unchanged BIGINT,
    facts             BIGINT,
    failed            BIGINT,
    checks            BIGINT DEFAULT 0,
    checked_through   VARCHAR,
    manifest_sha256   VARCHAR NOT NULL
);
COMMENT ON TABLE backfill_runs IS 'One row per backfill run published into the warehouse (newsfacts backfill, newsfacts publish).';
COMMENT ON COLUMN backfill_runs.run_id IS 'The backfill run: its staging folder and the run_id of its articles and facts.';
COMMENT ON COLUMN backfill_runs.staged_at IS 'When its staging finished (the manifest''s created_at).';
COMMENT ON COLUMN backfill_runs.published_at IS 'When its articles and facts were committed.';
COMMENT ON COLUMN backfill_runs.checked_at IS 'When the checks of its articles were all written; NULL while they are not.';
COMMENT ON COLUMN backfill_runs.status IS 'published (articles and facts in, checks not all written: the next publish finishes them) or checked.';
COMMENT ON COLUMN backfill_runs.engine IS 'Engine that staged it: local or ray.';
COMMENT ON COLUMN backfill_runs.extractor_version IS 'Extractor version that staged its facts.';
COMMENT ON COLUMN backfill_runs.records IS 'WARC response records of the kept hosts and content types.';
COMMENT ON COLUMN backfill_runs.articles IS 'Article rows published (inserted or updated).';
COMMENT ON COLUMN backfill_runs.articles_replaced IS 'Of which were stored before: their facts were replaced.';
COMMENT ON COLUMN backfill_runs.articles_unchanged IS 'Staged articles left as stored: the same content, extracted by the same version (their rows, raw page and facts kept).';
COMMENT ON COLUMN backfill_runs.facts IS 'Fact rows published.';
COMMENT ON COLUMN backfill_runs.failed IS 'Records that could not be parsed or extracted (the manifest lists the first ones).';
COMMENT ON COLUMN backfill_runs.checks IS 'Check rows written for its articles so far.';
COMMENT ON COLUMN backfill_runs.checked_through IS 'Last article_id (in article_id order) whose checks are written.';
COMMENT ON COLUMN backfill_runs.manifest_sha256 IS 'sha256 of the manifest published: a run staged again differently is refused.';
