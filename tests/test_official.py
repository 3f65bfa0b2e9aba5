import pytest

from extractors import extract_facts


def officials(text):
    facts = [f for f in extract_facts(text) if f.kind == "official"]
    for f in facts:
        assert text[f.start:f.end] == f.text
    return [(f.text, f.person, f.title, f.organization, f.rule_id) for f in facts]


@pytest.mark.parametrize("text, want", [
    ("Vice Chairman of the Ba Vi District People's Committee Tran Quoc Binh said so.",
     ("Vice Chairman of the Ba Vi District People's Committee Tran Quoc Binh", "Tran Quoc Binh",
      "Vice Chairman", "Ba Vi District People's Committee", "official.title_org_name")),
    ("Mr. Đỗ Hữu Thắng, Director of the Hanoi Department of Justice, spoke first.",
     ("Mr. Đỗ Hữu Thắng, Director of the Hanoi Department of Justice", "Đỗ Hữu Thắng",
      "Director", "Hanoi Department of Justice", "official.name_comma_title")),
    ("Chairwoman of the Soc Son District People's Council, Kieu Thi Mai Anh, agreed.",
     ("Chairwoman of the Soc Son District People's Council, Kieu Thi Mai Anh",
      "Kieu Thi Mai Anh", "Chairwoman", "Soc Son District People's Council",
      "official.title_org_name")),
    ("Deputy Secretary Ngo Thanh Tung closed the session.",
     ("Deputy Secretary Ngo Thanh Tung", "Ngo Thanh Tung", "Deputy Secretary", None,
      "official.title_name")),
    ("Saint Paul Hospital Director Luong Van Quang warned of delays.",
     ("Saint Paul Hospital Director Luong Van Quang", "Luong Van Quang", "Director",
      "Saint Paul Hospital", "official.org_title_name")),
])
def test_official_rules(text, want):
    assert officials(text) == [want]


def test_chain_takes_first_position():
    text = ("Ms. Dao Thi Thu, Member of the Standing Committee of the District Party Committee "
            "and Vice Chairwoman of the District People's Council, chaired it.")
    [(span, person, title, org, _)] = officials(text)
    assert span.endswith("District People's Council")
    assert (person, title, org) == ("Dao Thi Thu", "Member of the Standing Committee",
                                    "District Party Committee")


def test_company_head_at():
    [(_, person, title, org, _)] = officials(
        "Mr. Peter Walsh, Head of Sales at Kappa Realty Vietnam, expects growth.")
    assert (person, title, org) == ("Peter Walsh", "Head of Sales", "Kappa Realty Vietnam")


def test_bare_name_is_not_an_official():
    assert officials("Mr. Hoang said the work would go on.") == []
