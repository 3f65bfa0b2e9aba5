import datetime

import pytest

from extractors import extract_facts


def documents(text):
    facts = [f for f in extract_facts(text, datetime.date(2022, 5, 1)) if f.kind == "document"]
    for f in facts:
        assert text[f.start:f.end] == f.text
    return [(f.text, f.doc_type, f.doc_number, f.issued, f.rule_id) for f in facts]


@pytest.mark.parametrize("text, want", [
    ("The ward applied Resolution No. 07-NQ/HU to its plan.",
     ("Resolution No. 07-NQ/HU", "Resolution", "07-NQ/HU", None, "document.typed_number")),
    ("Under Decision 2231/QD-UBND the fund was set up.",
     ("Decision 2231/QD-UBND", "Decision", "2231/QD-UBND", None, "document.typed_number")),
    ("Decree 45/2021/ND-CP raised fines.",
     ("Decree 45/2021/ND-CP", "Decree", "45/2021/ND-CP", None, "document.typed_number")),
    ("It sent Official Letter No. 318/UBND-DT to the wards.",
     ("Official Letter No. 318/UBND-DT", "Official Letter", "318/UBND-DT", None,
      "document.typed_number")),
    ("The city issued Plan No. 77/KH-UBND dated March 9, 2021 on waste.",
     ("Plan No. 77/KH-UBND dated March 9, 2021", "Plan", "77/KH-UBND", "2021-03-09",
      "document.typed_number_dated")),
    ("It follows Directive No. 11-CT/TU, dated June 2nd, 2020, closely.",
     ("Directive No. 11-CT/TU, dated June 2nd, 2020", "Directive", "11-CT/TU", "2020-06-02",
      "document.typed_number_dated")),
])
def test_document_rules(text, want):
    assert documents(text) == [want]


def test_issue_date_is_also_a_date():
    text = "Conclusion No. 52-KL/TU dated April 4, 2021 was read out."
    facts = extract_facts(text, datetime.date(2022, 5, 1))
    assert [(f.kind, f.text) for f in facts] == [
        ("document", "Conclusion No. 52-KL/TU dated April 4, 2021"), ("date", "April 4, 2021")]


def test_unnumbered_is_not_a_document():
    assert documents("The Law on Land and Decree No. 100 were discussed.") == []
