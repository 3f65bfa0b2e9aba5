-- 004: consistency checks over the facts of each article (pipeline/checks.py computes them after
-- every load), and one row per (fact, check) for joining them to facts.

CREATE TABLE checks (
    check_id          VARCHAR PRIMARY KEY,
    article_id        VARCHAR NOT NULL,
    check_name        VARCHAR NOT NULL,
    severity          VARCHAR NOT NULL,
    fact_ids          VARCHAR[] NOT NULL,
    message           VARCHAR NOT NULL,
    computed_at       TIMESTAMPTZ NOT NULL,
    run_id            VARCHAR
);
COMMENT ON TABLE checks IS 'Consistency checks of the facts of each article (a ratio over its whole, a percentage that disagrees with its ratio, parts that do not sum, ...), recomputed after every load.';
COMMENT ON COLUMN checks.check_id IS 'Stable id: hash of check name, article id and the fact ids involved.';
COMMENT ON COLUMN checks.article_id IS 'Article the check is about (articles.article_id); for a cross-article check the newer of the two articles.';
COMMENT ON COLUMN checks.check_name IS 'ratio_exceeds_whole, ratio_percentage_disagree, ratio_percentage_agree, parts_sum_mismatch, parts_sum_agree, percentage_over_100, future_date_past_tense or cross_article_conflict.';
COMMENT ON COLUMN checks.severity IS 'error (the figures cannot all be right), warning (probably inconsistent) or info (confirmed consistent).';
COMMENT ON COLUMN checks.fact_ids IS 'facts.fact_id of every fact involved, in text order (a cross-article check names facts of both articles).';
COMMENT ON COLUMN checks.message IS 'One-line explanation quoting the figures, e.g. 18/22 is 81.8%, not 81.1%.';
COMMENT ON COLUMN checks.computed_at IS 'When the check was computed.';
COMMENT ON COLUMN checks.run_id IS 'Run that computed the check.';

CREATE VIEW fact_checks AS
SELECT c.check_id, c.article_id AS check_article_id, c.check_name, c.severity, c.message,
       u.fact_id, f.article_id, f.kind, f.text, f.sentence, c.computed_at, c.run_id
FROM checks c, unnest(c.fact_ids) AS u(fact_id)
LEFT JOIN facts f ON f.fact_id = u.fact_id;
COMMENT ON VIEW fact_checks IS 'One row per fact named by a check, with the check and the fact''s article, kind, text and sentence.';
COMMENT ON COLUMN fact_checks.check_id IS 'checks.check_id.';
COMMENT ON COLUMN fact_checks.check_article_id IS 'Article the check is filed under (checks.article_id).';
COMMENT ON COLUMN fact_checks.check_name IS 'Name of the check (checks.check_name).';
COMMENT ON COLUMN fact_checks.severity IS 'error, warning or info (checks.severity).';
COMMENT ON COLUMN fact_checks.message IS 'One-line explanation (checks.message).';
COMMENT ON COLUMN fact_checks.fact_id IS 'One fact the check names (facts.fact_id).';
COMMENT ON COLUMN fact_checks.article_id IS 'Article the fact was extracted from (differs from check_article_id for the older side of a cross-article check).';
COMMENT ON COLUMN fact_checks.computed_at IS 'When the check was computed.';
COMMENT ON COLUMN fact_checks.run_id IS 'Run that computed the check.';
