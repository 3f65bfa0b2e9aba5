-- 005: facts without a primary-key index. The key on fact_id held an in-memory index that grew with
-- every fact stored (memory must not grow with the corpus); ids stay unique because a load replaces an
-- article's facts as a whole. The views read facts by name and keep working.

CREATE TABLE facts_without_key (
    fact_id           VARCHAR NOT NULL,
    article_id        VARCHAR NOT NULL,
    kind              VARCHAR NOT NULL,
    text              VARCHAR NOT NULL,
    "start"           INTEGER NOT NULL,
    "end"             INTEGER NOT NULL,
    value             DOUBLE,
    value_max         DOUBLE,
    qualifier         VARCHAR,
    unit              VARCHAR,
    currency          VARCHAR,
    numerator         DOUBLE,
    denominator       DOUBLE,
    date              VARCHAR,
    granularity       VARCHAR,
    period_start      DATE,
    period_end        DATE,
    person            VARCHAR,
    title             VARCHAR,
    organization      VARCHAR,
    doc_type          VARCHAR,
    doc_number        VARCHAR,
    issued            DATE,
    sentence          VARCHAR,
    sentence_start    INTEGER,
    rule_id           VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    run_id            VARCHAR
);
INSERT INTO facts_without_key (fact_id, article_id, kind, text, "start", "end", value, value_max, qualifier, unit, currency, numerator, denominator, date, granularity, period_start, period_end, person, title, organization, doc_type, doc_number, issued, sentence, sentence_start, rule_id, extractor_version, run_id) SELECT fact_id, article_id, kind, text, "start", "end", value, value_max, qualifier, unit, currency, numerator, denominator, date, granularity, period_start, period_end, person, title, organization, doc_type, doc_number, issued, sentence, sentence_start, rule_id, extractor_version, run_id FROM facts;
DROP TABLE facts;
ALTER TABLE facts_without_key RENAME TO facts;
COMMENT ON TABLE facts IS 'Every extracted fact (FACTS.md schema), with the sentence it came from and the rule that fired.';
COMMENT ON COLUMN facts.fact_id IS 'Stable id: hash of article id, kind, span and text (unique: an article''s facts are replaced as a whole).';
COMMENT ON COLUMN facts.article_id IS 'Article the fact was extracted from (articles.article_id).';
COMMENT ON COLUMN facts.kind IS 'count, percentage, ratio, rank, money, quantity, date, period, official or document.';
COMMENT ON COLUMN facts.text IS 'Surface string exactly as in the article body: body_text[start:end].';
COMMENT ON COLUMN facts."start" IS 'Character offset of text in articles.body_text (0-based).';
COMMENT ON COLUMN facts."end" IS 'Character offset just past text in articles.body_text (exclusive); quote it as "end" in SQL.';
COMMENT ON COLUMN facts.value IS 'The figure: 96.38 for 96.38%, 124300000000000 for VND124.3 trillion, 1 for ranked 1st; lower end of a range.';
COMMENT ON COLUMN facts.value_max IS 'Upper end of a range (VND160.8-162 million); NULL otherwise.';
COMMENT ON COLUMN facts.qualifier IS 'approx, more_than, at_least, less_than or at_most; NULL when exact.';
COMMENT ON COLUMN facts.unit IS 'Counted noun phrase (counts, ratios), unit of measure (quantities), percentage_points, or money per-unit (m2).';
COMMENT ON COLUMN facts.currency IS 'ISO 4217 code for money (VND, USD, ...).';
COMMENT ON COLUMN facts.numerator IS 'Ratio numerator (133 in 133/155 tasks).';
COMMENT ON COLUMN facts.denominator IS 'Ratio denominator, or the size of the ranking for ranks (30 in 1st/30).';
COMMENT ON COLUMN facts.date IS 'ISO date at its own precision: 2023-08-07, 2024-07 or 2024.';
COMMENT ON COLUMN facts.granularity IS 'day, month or year, for dates.';
COMMENT ON COLUMN facts.period_start IS 'First day of a period (inclusive).';
COMMENT ON COLUMN facts.period_end IS 'Last day of a period (inclusive).';
COMMENT ON COLUMN facts.person IS 'Official''s name without honorific, diacritics as written.';
COMMENT ON COLUMN facts.title IS 'Official''s position (Deputy Secretary, Vice Chairwoman, ...).';
COMMENT ON COLUMN facts.organization IS 'Body the position belongs to.';
COMMENT ON COLUMN facts.doc_type IS 'Document type: Directive, Resolution, Decision, Plan, ...';
COMMENT ON COLUMN facts.doc_number IS 'Document number as written: 24-CT/TU, 1234/QD-UBND.';
COMMENT ON COLUMN facts.issued IS 'Date the document was issued, where the text gives it.';
COMMENT ON COLUMN facts.sentence IS 'The sentence the fact stands in.';
COMMENT ON COLUMN facts.sentence_start IS 'Character offset of that sentence in articles.body_text.';
COMMENT ON COLUMN facts.rule_id IS 'Id of the extractor rule that fired (e.g. percentage.symbol).';
COMMENT ON COLUMN facts.extractor_version IS 'Extractor version that produced the fact.';
COMMENT ON COLUMN facts.run_id IS 'Run that loaded the fact.';
