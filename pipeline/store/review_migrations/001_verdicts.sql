-- 001: the analysts' verdicts on facts, append-only, and the one in force per fact.
-- IF NOT EXISTS: a reviews.duckdb written before migrations has the table already (and its verdicts).
CREATE TABLE IF NOT EXISTS verdicts (
    verdict_id      VARCHAR PRIMARY KEY,
    fact_id         VARCHAR NOT NULL,
    article_id      VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,
    rule_id         VARCHAR,
    fact_text       VARCHAR NOT NULL,
    start           INTEGER NOT NULL,
    "end"           INTEGER NOT NULL,
    verdict         VARCHAR NOT NULL CHECK (verdict IN ('correct', 'wrong', 'corrected')),
    corrected_value VARCHAR,
    note            VARCHAR,
    reviewer        VARCHAR,
    decided_at      TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE verdicts IS 'Every verdict an analyst gave on a fact in the review page (append-only; the latest per fact wins, see latest_verdicts).';
COMMENT ON COLUMN verdicts.verdict_id IS 'Random id of this verdict.';
COMMENT ON COLUMN verdicts.fact_id IS 'facts.fact_id judged: stable hash of article, kind, span and text.';
COMMENT ON COLUMN verdicts.article_id IS 'articles.article_id of the fact.';
COMMENT ON COLUMN verdicts.kind IS 'Kind of the fact when judged.';
COMMENT ON COLUMN verdicts.rule_id IS 'Extraction rule that produced the fact when judged.';
COMMENT ON COLUMN verdicts.fact_text IS 'Text of the fact when judged (with start/end: the span it is tied to).';
COMMENT ON COLUMN verdicts.start IS 'Character offset of the fact in articles.text when judged (before warehouse migration 010: in body_text, which that migration keeps as the text of stored articles).';
COMMENT ON COLUMN verdicts."end" IS 'End offset (exclusive) of the fact in articles.text (see start).';
COMMENT ON COLUMN verdicts.verdict IS 'correct, wrong (not a fact or wrong span) or corrected (right span, wrong value: see corrected_value).';
COMMENT ON COLUMN verdicts.corrected_value IS 'The right normalised value (verdict corrected): as the analyst typed it, except that on figures of Vietnamese articles numbers typed the Vietnamese way (1.234,5) are stored as plain numbers (1234.5).';
COMMENT ON COLUMN verdicts.note IS 'Free-text note of the analyst.';
COMMENT ON COLUMN verdicts.reviewer IS 'Name the analyst gave.';
COMMENT ON COLUMN verdicts.decided_at IS 'When the verdict was given (UTC).';
CREATE OR REPLACE VIEW latest_verdicts AS
SELECT * FROM verdicts
QUALIFY row_number() OVER (PARTITION BY fact_id ORDER BY decided_at DESC, verdict_id DESC) = 1;
COMMENT ON VIEW latest_verdicts IS 'The verdict in force for each fact: its latest one.';
