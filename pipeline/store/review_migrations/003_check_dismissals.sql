-- 003: checks an analyst dismissed as false alarms (issue 14, queue flow).
CREATE TABLE IF NOT EXISTS check_dismissals (
    check_id     VARCHAR PRIMARY KEY,
    check_name   VARCHAR NOT NULL,
    reviewer     VARCHAR,
    dismissed_at TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE check_dismissals IS 'Checks an analyst dismissed as false alarms in the review page: no longer flagged, no longer open.';
COMMENT ON COLUMN check_dismissals.check_id IS 'checks.check_id dismissed (stable: a hash of the check, its article and its facts).';
COMMENT ON COLUMN check_dismissals.check_name IS 'Which check it was, when dismissed.';
COMMENT ON COLUMN check_dismissals.reviewer IS 'Name the analyst gave.';
COMMENT ON COLUMN check_dismissals.dismissed_at IS 'When it was dismissed (UTC).';
