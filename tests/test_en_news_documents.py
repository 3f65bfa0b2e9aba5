"""Further number codes after a document reference, as news lists the documents a measure
replaces (issue 13): "Decree No. 15/2020/ND-CP and No. 100/2019/ND-CP" is two decrees. Sentences
invented."""
import pytest

from conftest import facts_of


def documents(text):
    return [(f.text, f.doc_type, f.doc_number, f.rule_id) for f in facts_of(text, "document")]


@pytest.mark.parametrize("text, want", [
    ("The rules replace Decree No. 12/2021/ND-CP and No. 45/2019/ND-CP.", [
        ("Decree No. 12/2021/ND-CP", "Decree", "12/2021/ND-CP", "document.typed_number"),
        ("No. 45/2019/ND-CP", "Decree", "45/2019/ND-CP", "document.continued")]),
    ("It amends Circular 08/2023/TT-BTC, 09/2023/TT-BTC and 11/2023/TT-BTC.", [
        ("Circular 08/2023/TT-BTC", "Circular", "08/2023/TT-BTC", "document.typed_number"),
        ("09/2023/TT-BTC", "Circular", "09/2023/TT-BTC", "document.continued"),
        ("11/2023/TT-BTC", "Circular", "11/2023/TT-BTC", "document.continued")]),
    ("Under Decision No. 17 and No. 18, two parks were set up.", [
        ("Decision No. 17", "Decision", "17", "document.bare_number"),
        ("No. 18", "Decision", "18", "document.continued")]),
])
def test_further_codes(text, want):
    assert documents(text) == want


@pytest.mark.parametrize("text", [
    "Decree 100 and 200 officials were cited.",
    "Under Decision 1234/QD-UBND, 35 households and 12 firms moved.",
])
def test_no_further_code(text):
    assert len(documents(text)) == 1
