-- 002: why a fact is wrong, as the analyst picks it with a wrong verdict (issue 14, queue flow).
-- The view is made anew after the column, so that its * names it however the file is replayed.
ALTER TABLE verdicts ADD COLUMN IF NOT EXISTS reason VARCHAR;
COMMENT ON COLUMN verdicts.reason IS 'Why a fact is wrong, when the analyst said: wrong_value, wrong_kind, not_a_fact, wrong_unit or wrong_span.';
CREATE OR REPLACE VIEW latest_verdicts AS
SELECT * FROM verdicts
QUALIFY row_number() OVER (PARTITION BY fact_id ORDER BY decided_at DESC, verdict_id DESC) = 1;
COMMENT ON VIEW latest_verdicts IS 'The verdict in force for each fact: its latest one.';
