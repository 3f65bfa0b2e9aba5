import datetime

import pytest

from conftest import facts_of
from extractors import extract_facts


def documents(text):
    return [(f.text, f.doc_type, f.doc_number, f.issued, f.rule_id) for f in facts_of(text, "document", datetime.date(2022, 5, 1))]


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
    assert documents("The Law on Land and the Decree on fines were discussed.") == []


# --- references as English-language news writes them (issue 13) --------------------------
@pytest.mark.parametrize("text, want", [
    # a bare number after "No." (with or without its dot or a space)
    ("The ward carried out Program No.05 on street order.",
     ("Program No.05", "Program", "05", None, "document.bare_number")),
    ("Under Decision No 412, the board was set up.",
     ("Decision No 412", "Decision", "412", None, "document.bare_number")),
    ("The Law on Land and Decree No. 100 were discussed.",
     ("Decree No. 100", "Decree", "100", None, "document.bare_number")),
    # a bare number without "No." after the types that take one
    ("The ministry sent document 3190 to the provinces.",
     ("document 3190", "Document", "3190", None, "document.bare_number")),
    ("Resolution 68 on the private economy was studied.",
     ("Resolution 68", "Resolution", "68", None, "document.bare_number")),
    # a number and its year
    ("Fees follow Circular 27/2023 of the ministry.",
     ("Circular 27/2023", "Circular", "27/2023", None, "document.typed_number")),
    # a code after a lower-case type
    ("It cited decision 2874/QD-UBND in full.",
     ("decision 2874/QD-UBND", "Decision", "2874/QD-UBND", None, "document.typed_number")),
    ("Plan No. 61/KH-UBND and its annex were sent out.",
     ("Plan No. 61/KH-UBND", "Plan", "61/KH-UBND", None, "document.typed_number")),
    ("Conclusion No. 72-KL/TU set the targets.",
     ("Conclusion No. 72-KL/TU", "Conclusion", "72-KL/TU", None, "document.typed_number")),
    ("Official Letter No. 2210/UBND-DT reminded the wards.",
     ("Official Letter No. 2210/UBND-DT", "Official Letter", "2210/UBND-DT", None,
      "document.typed_number")),
    ("Notice No. 87/TB-VP dated 4/6/2021 was posted.",
     ("Notice No. 87/TB-VP dated 4/6/2021", "Notice", "87/TB-VP", "2021-06-04",
      "document.typed_number_dated")),
    ("Circular 08/2022/TT-BXD guides the rules.",
     ("Circular 08/2022/TT-BXD", "Circular", "08/2022/TT-BXD", None, "document.typed_number")),
    # a law's name between its type and its number
    ("The Law on Housing No. 27/2023/QH15 takes effect in August.",
     ("Law on Housing No. 27/2023/QH15", "Law", "27/2023/QH15", None, "document.typed_number")),
    ("Decision No. 15 dated May 4, 2020 set the fees.",
     ("Decision No. 15 dated May 4, 2020", "Decision", "15", "2020-05-04",
      "document.bare_number_dated")),
])
def test_news_forms(text, want):
    assert documents(text) == [want]


def test_plural_type_before_a_list():
    got = documents("Decisions No. 31/QD-UBND and 32/QD-UBND were signed the same day.")
    assert got == [("Decisions No. 31/QD-UBND", "Decision", "31/QD-UBND", None, "document.listed"),
                   ("32/QD-UBND", "Decision", "32/QD-UBND", None, "document.listed")]


@pytest.mark.parametrize("text", [
    "Decision makers met in the morning.",
    "The plan 2021-2025 was adopted.",                 # a period
    "Resolution 2024 was the slogan of the year.",     # a year without "No."
    "A decision 10 days later changed it.",            # a duration after the number
    "The inspectors had to document 300 cases.",       # the verb
    "The Plan 3 site is near the river.",              # a type that takes no bare number
    "The decision 30/4 was rushed.",                   # a date, not number / year
    "It lives at No. 12 Hang Bac street.",             # a house number
])
def test_not_documents(text):
    assert documents(text) == []
