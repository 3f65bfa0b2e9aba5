import datetime

import pytest
from spacy.tokens import Span

import extractors
from extractors import EXTRACTOR_VERSION, SUPPORTED_LANGUAGES, extract_facts, extract_many
from extractors.facts import Fact
from extractors.nlp import FACT_COMPONENTS, SPANS_KEY, add_fact, blank_pipeline, build_nlp, resolve_overlaps

ARTICLE = (
    "Flood relief in the highlands\n"
    "By the end of June, the province had rebuilt 318/340 homes and repaired 46 out of 50 "
    "bridges. Of these, 12/12 were in the north.\n\n"
    "Rice output rose 4.6% while the poverty rate fell 1.2 percentage points, "
    "and about 90 percent of farms had insurance. Work continues on 24/7 shifts."
)

DOCS = [
    (ARTICLE, datetime.date(2024, 7, 1)),
    ("Nothing to count here.", None),
    ("", None),
    ("In 2023, 5 of the town's 9 wards met 75% of their targets.", datetime.date(2024, 1, 2)),
]


def test_version_and_languages():
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION.count(".") == 2
    assert SUPPORTED_LANGUAGES == ("en", "vi")
    assert set(extractors.__all__) >= {"extract_facts", "extract_many", "EXTRACTOR_VERSION"}


def test_article_facts():
    facts = extract_facts(*DOCS[0])
    got = [(f.kind, f.text, f.rule_id) for f in facts]
    assert got == [
        ("date", "the end of June", "date.month"),
        ("ratio", "318/340 homes", "ratio.slash"),
        ("ratio", "46 out of 50 bridges", "ratio.out_of"),
        ("ratio", "12/12", "ratio.slash"),
        ("percentage", "4.6%", "percentage.symbol"),
        ("percentage", "1.2 percentage points", "percentage.points"),
        ("percentage", "about 90 percent", "percentage.word"),
    ]
    assert facts[0].date == "2024-06" and facts[0].granularity == "month"
    assert [f.unit for f in facts[1:4]] == ["homes", "bridges", None]  # no unit across sentences
    assert facts[5].unit == "percentage_points" and facts[6].qualifier == "approx"
    assert all(isinstance(f, Fact) for f in facts)


@pytest.mark.parametrize("text, published", DOCS)
def test_text_matches_offsets_and_sentence(text, published):
    for f in extract_facts(text, published):
        assert text[f.start:f.end] == f.text
        assert text[f.sentence_start:f.sentence_start + len(f.sentence)] == f.sentence
        assert f.sentence_start <= f.start and f.end <= f.sentence_start + len(f.sentence)
        assert f.rule_id.startswith(f.kind + ".")


def test_sentence_attached_and_headline_split_off():
    facts = extract_facts(*DOCS[0])
    first = facts[0]
    assert first.sentence.startswith("By the end of June")
    assert first.sentence.endswith("bridges.")
    assert first.sentence_start == ARTICLE.index("By the end")
    assert facts[3].sentence == "Of these, 12/12 were in the north."
    assert facts[4].sentence.startswith("Rice output")


def test_sorted_by_start_then_kind():
    facts = extract_facts(*DOCS[0])
    assert facts == sorted(facts, key=lambda f: (f.start, f.kind))


def test_extract_many_equals_extract_facts():
    many = list(extract_many(iter(DOCS), batch_size=2))
    assert len(many) == len(DOCS)
    for (text, published), facts in zip(DOCS, many):
        assert facts == extract_facts(text, published)


def test_empty_and_whitespace():
    assert extract_facts("") == []
    assert extract_facts("   \n\n ") == []


def test_to_json_contract():
    f = extract_facts("Completion reached 96.5% and 40/40 units reported.")
    assert [x.to_json() for x in f] == [
        {"kind": "percentage", "text": "96.5%", "start": 19, "end": 24, "value": 96.5, "measure": "completion"},
        {"kind": "ratio", "text": "40/40 units", "start": 29, "end": 40,
         "unit": "units", "numerator": 40, "denominator": 40, "measure": "units reported"},
    ]


def test_pipeline_is_cached_and_ordered():
    nlp = build_nlp()
    assert build_nlp() is nlp
    assert nlp.pipe_names == ["sentencizer", *FACT_COMPONENTS, "newsfacts_resolve", "newsfacts_about"]


def _span(doc, start, end, kind, fact=None):
    span = doc.char_span(start, end, label=kind, span_id=kind + ".test")
    span._.fact = fact or {}
    return span


def test_resolve_overlaps_priority_length_nesting():
    nlp = build_nlp()
    doc = nlp.make_doc("Directive No. 5 dated May 1, 2024 hit 3/4 units and 20% of 7 units.")
    t = doc.text
    doc_ref = _span(doc, 0, t.index(" hit"), "document")
    date = _span(doc, t.index("May"), t.index(" hit"), "date")
    short_ratio = _span(doc, t.index("3/4"), t.index("3/4") + 3, "ratio")
    long_ratio = _span(doc, t.index("3/4"), t.index(" and"), "ratio")
    count = _span(doc, t.index("3/4"), t.index(" and"), "count")
    pct = _span(doc, t.index("20%"), t.index("20%") + 3, "percentage")
    pct_ratio = _span(doc, t.index("20%"), t.index(" units."), "ratio")
    kept = resolve_overlaps([count, short_ratio, pct_ratio, date, long_ratio, pct, doc_ref])
    assert [(s.label_, s.text) for s in kept] == [
        ("document", "Directive No. 5 dated May 1, 2024"),
        ("date", "May 1, 2024"),           # nested in a document: both kept
        ("ratio", "3/4 units"),            # longest of its kind; beats the count
        ("percentage", "20%"),             # percentage outranks ratio
    ]


def test_fact_extension_keeps_kinds_apart():
    # spaCy keys span extensions by offsets; two kinds over the same characters must not
    # overwrite each other's fields.
    doc = build_nlp().make_doc("They met 8 teams.")
    a = _span(doc, 9, 16, "count", {"value": 8})
    b = _span(doc, 9, 16, "quantity", {"value": 9})
    assert a._.fact["value"] == 8 and b._.fact["value"] == 9


def test_spans_written_to_doc():
    doc = build_nlp()("Roughly 62% of 80/90 clinics reopened.")
    spans = list(doc.spans[SPANS_KEY])
    assert [s.label_ for s in spans] == ["percentage", "ratio"]
    assert isinstance(spans[0], Span)
    assert spans[0]._.fact == {"value": 62.0, "qualifier": "approx"}
    assert [s.id_ for s in spans] == ["percentage.symbol", "ratio.slash"]   # the rule that found it


def test_a_later_claim_of_the_same_words_by_a_kind_replaces_the_earlier():
    doc = build_nlp().make_doc("They met 8 teams.")
    add_fact(doc, 9, 16, "count", {"value": 8, "unit": "teams"}, "count.first")
    add_fact(doc, 9, 16, "count", {"value": 9, "unit": None}, "count.second")
    add_fact(doc, 9, 10, "count", {"value": 8}, "count.bare")
    assert [(s.text, s.id_, s._.fact) for s in doc.spans[SPANS_KEY]] == [
        ("8 teams", "count.second", {"value": 9}), ("8", "count.bare", {"value": 8})]


def test_components_take_their_span_group_from_their_config():
    build_nlp()   # registers the English components
    nlp = blank_pipeline("en")
    nlp.add_pipe("newsfacts_percentage", config={"spans_key": "figures"})
    nlp.add_pipe("newsfacts_resolve", config={"spans_key": "figures"})
    doc = nlp("Roughly 62% of clinics reopened, up from 40%.")
    assert SPANS_KEY not in doc.spans
    assert [(s.text, s.id_) for s in doc.spans["figures"]] == [("Roughly 62%", "percentage.symbol"),
                                                               ("40%", "percentage.symbol")]


def test_pipeline_is_renewed_so_the_vocabulary_does_not_grow_with_the_corpus(monkeypatch):
    import extractors
    texts = [(f"Ward {i} settled {100 + i}/{200 + i} tasks, or {i}.{i}%, with VND{i},{i:03d} billion.", None)
             for i in range(7)]
    expected = [extract_facts(t) for t, _ in texts]
    monkeypatch.setattr(extractors, "RENEW_AFTER_DOCS", 3)
    monkeypatch.setattr(extractors, "_docs_since_build", 0)
    first = build_nlp()
    got = list(extract_many(texts))
    assert [[f.to_json() for f in fs] for fs in got] == [[f.to_json() for f in fs] for fs in expected]
    now = build_nlp()
    assert now is not first                  # rebuilt on the way
    assert len(now.vocab) < len(first.vocab)  # holding only what the last chunk added


def test_a_text_longer_than_a_spacy_doc_is_extracted_in_pieces(monkeypatch):
    from extractors.nlp import build_nlp

    monkeypatch.setattr(build_nlp("en"), "max_length", 2_000)   # spaCy's is 1,000,000 (E088 past it)
    para = "The district disbursed VND 1.2 trillion, or 61.5% of its plan, in 2024.\n"
    text = para * 60
    facts = extract_facts(text)
    assert len(text) > 2_000 and len(facts) == 3 * 60
    assert all(f.text == text[f.start:f.end] and text[f.sentence_start:].startswith(f.sentence) for f in facts)
    many = list(extract_many([("It has 12 wards.", None), (text, None, "en"), ("It has 5 wards.", None)]))
    assert [len(x) for x in many] == [1, 180, 1]
