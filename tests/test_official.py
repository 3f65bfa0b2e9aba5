import pytest

from conftest import facts_of


def officials(text):
    return [(f.text, f.person, f.title, f.organization, f.rule_id) for f in facts_of(text, "official")]


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


# --- titles as English-language Vietnamese news writes them (issue 13) -------------------
@pytest.mark.parametrize("text, person, title, org, rule", [
    # lower-case title after the name; the organisation is the first link ("... unit", not its parent)
    ("Hoang Van Tam, head of the land records unit under the municipal Department of Agriculture, "
     "said the maps were ready.",
     "Hoang Van Tam", "Head", "land records unit",
     "official.name_comma_title"),
    ("Dang Thi Thu, chief of the Office of the provincial People's Committee, signed the notice.",
     "Dang Thi Thu", "Chief", "Office of the provincial People's Committee", "official.name_comma_title"),
    ("Luu Van Thinh, former deputy director of the Department of Planning and Investment, was tried.",
     "Luu Van Thinh", "Former Deputy Director", "Department of Planning and Investment",
     "official.name_comma_title"),
    ("Nguyen Huu Phuoc, a member of the municipal Party Committee, spoke first.",
     "Nguyen Huu Phuoc", "Member", "municipal Party Committee", "official.name_comma_title"),
    # a list inside the organisation's name
    ("Tran Thi Ngoc, director of the Department of Culture, Sports and Tourism, opened the fair.",
     "Tran Thi Ngoc", "Director", "Department of Culture, Sports and Tourism", "official.name_comma_title"),
    # a dash instead of the comma
    ("Mr. Ta Quang Vinh - Vice Chairman of the Me Linh District People's Committee said so.",
     "Ta Quang Vinh", "Vice Chairman", "Me Linh District People's Committee", "official.name_comma_title"),
    # abbreviations: bracketed ones stay out of the organisation, written-out ones stay in
    ("Vice Chairman of the National Assembly (NA) Tran Quang Phuong opened the forum.",
     "Tran Quang Phuong", "Vice Chairman", "National Assembly", "official.title_org_name"),
    ("Vice Chairwoman of the HCMC People's Council Pham Thi Hong Ha agreed.",
     "Pham Thi Hong Ha", "Vice Chairwoman", "HCMC People's Council", "official.title_org_name"),
    # company posts
    ("Marketing Director of Green Bay Realty Vo Thanh Son expects more buyers.",
     "Vo Thanh Son", "Marketing Director", "Green Bay Realty", "official.title_org_name"),
    ("CEO of Saigon Dairy Dinh Thi Lan Anh announced a new plant.",
     "Dinh Thi Lan Anh", "CEO", "Saigon Dairy", "official.title_org_name"),
    ("Quach Minh Tri, general director of Song Hong Construction JSC, said work would end in May.",
     "Quach Minh Tri", "General Director", "Song Hong Construction JSC", "official.name_comma_title"),
    # honorifics, several in a row, stay out of `person`; names with or without diacritics
    ("Assoc. Prof. Dr. Bùi Thị Hạnh, Director of the Institute of Urban Studies, presented it.",
     "Bùi Thị Hạnh", "Director", "Institute of Urban Studies", "official.name_comma_title"),
    ("Prof. Do Quoc Anh, Rector of the Hanoi University of Mining, welcomed the students.",
     "Do Quoc Anh", "Rector", "Hanoi University of Mining", "official.name_comma_title"),
    # a lower-case title before the name and a lower-case organisation
    ("Head of the division Trinh Thi Loan said classes would start on time.",
     "Trinh Thi Loan", "Head", "division", "official.title_org_name"),
    ("Hanoi Party chief Bui Duc Hanh visited the site.",
     "Bui Duc Hanh", "Chief", "Hanoi Party", "official.org_title_name"),
    ("General Secretary Vu Quang Minh received the delegation.",
     "Vu Quang Minh", "General Secretary", None, "official.title_name"),
    ("Chairman of the Gia Lam District People's Council, Ms. Phi Thi Hoa, agreed.",
     "Phi Thi Hoa", "Chairman", "Gia Lam District People's Council", "official.title_org_name"),
])
def test_news_forms(text, person, title, org, rule):
    [(span, *fields)] = officials(text)
    assert tuple(fields) == (person, title, org, rule)


def test_lower_case_chain_takes_first_position():
    text = ("Ha Thi Nga, member of the municipal Party Committee, and Vice Chairwoman of the "
            "municipal People's Committee, chaired the meeting.")
    [(span, person, title, org, _)] = officials(text)
    assert span.endswith("Vice Chairwoman of the municipal People's Committee")
    assert (person, title, org) == ("Ha Thi Nga", "Member", "municipal Party Committee")


def test_plural_title_before_names_one_fact_each():
    text = ("Vice Chairmen of the municipal People's Committee Le Van Khiem, Ngo Minh Tuan "
            "and Cao Thi Hue inspected the dyke.")
    got = officials(text)
    assert [(p, t, o) for _, p, t, o, _ in got] == [
        ("Le Van Khiem", "Vice Chairman", "municipal People's Committee"),
        ("Ngo Minh Tuan", "Vice Chairman", "municipal People's Committee"),
        ("Cao Thi Hue", "Vice Chairman", "municipal People's Committee")]
    # spans do not overlap: the title goes with the first name
    assert [s for s, *_ in got] == ["Vice Chairmen of the municipal People's Committee Le Van Khiem",
                                     "Ngo Minh Tuan", "Cao Thi Hue"]
    assert {r for *_, r in got} == {"official.plural_title_names"}


def test_plural_title_after_names():
    text = "Tran Van Loc and Mai Thi Thu, Deputy Directors of the Hanoi Department of Health, attended."
    got = officials(text)
    assert [(s, p, t, o) for s, p, t, o, _ in got] == [
        ("Tran Van Loc", "Tran Van Loc", "Deputy Director", "Hanoi Department of Health"),
        ("Mai Thi Thu, Deputy Directors of the Hanoi Department of Health", "Mai Thi Thu",
         "Deputy Director", "Hanoi Department of Health")]
    assert {r for *_, r in got} == {"official.names_plural_title"}


def test_curly_apostrophe_organisation_stored_straight():
    [(span, _, _, org, _)] = officials(
        "Vice Chairman of the Dong Anh District People’s Committee Nguyen Xuan Linh said so.")
    assert "People’s" in span            # the text as written
    assert org == "Dong Anh District People's Committee"


def test_next_official_title_not_swallowed_by_chain():
    got = officials("Mr. Ly Van Hai, Director of the Hanoi Department of Transport, Deputy "
                    "Director Kim Van Son and others attended.")
    assert [(p, t) for _, p, t, _, _ in got] == [("Ly Van Hai", "Director"),
                                                 ("Kim Van Son", "Deputy Director")]


@pytest.mark.parametrize("text", [
    "The head of the delegation said the talks went well.",
    "The deputy director of the department said the project was late.",
    "Nguyen Van Binh, head of the family, said the house had flooded.",     # no named body
    "Tran Thi Thu, 52, a vendor at Dong Xuan Market, said prices rose.",    # no position
    "Party member Le Van Khoa was expelled.",                               # a membership
    "Ms. Lan, the director, said the school would open.",                   # one-word name
    "Pham Binh Minh's team completed the first phase.",
])
def test_not_officials(text):
    assert officials(text) == []


def test_place_before_comma_is_not_a_person():
    # "Ninh Binh" starts like a Vietnamese name; the official is the one after the title
    [(_, person, title, org, _)] = officials(
        "In Ninh Binh, Vice Chairman of the provincial People's Committee Tong Quang Thin said "
        "the road had reopened.")
    assert (person, title, org) == ("Tong Quang Thin", "Vice Chairman", "provincial People's Committee")


@pytest.mark.parametrize("text, person, title, org, rule", [
    # the organisation after the name
    ("Chairman Tong Van Quy of the Hoai Duc District People's Committee cut the ribbon.",
     "Tong Van Quy", "Chairman", "Hoai Duc District People's Committee", "official.title_org_name"),
    # an organisation with "and" before its title
    ("Industry and Trade Minister Ha Quang Long opened the fair.",
     "Ha Quang Long", "Minister", "Industry and Trade", "official.org_title_name"),
    # a sentence adverb does not open the organisation
    ("Meanwhile Hanoi Party chief Cu Van Thang toured the site.",
     "Cu Van Thang", "Chief", "Hanoi Party", "official.org_title_name"),
    ("PM Lo Van Nam chaired the meeting.", "Lo Van Nam", "PM", None, "official.title_name"),
    # a body named in the title itself: the chain's last body is not its organisation
    ("Ung Van Dat, member of the Party Central Committee and Secretary of the Lao Cai Provincial "
     "Party Committee, spoke.", "Ung Van Dat", "Member of the Party Central Committee", None,
     "official.name_comma_title"),
    ("Prof. Thach Van Hoa, former Politburo member, spoke at the forum.",
     "Thach Van Hoa", "Former Member", "Politburo", "official.name_comma_title"),
    ("Comrade Au Duc Minh, Deputy Secretary of the Hanoi Party Committee, spoke.",
     "Au Duc Minh", "Deputy Secretary", "Hanoi Party Committee", "official.name_comma_title"),
])
def test_more_news_forms(text, person, title, org, rule):
    [(span, *fields)] = officials(text)
    assert tuple(fields) == (person, title, org, rule)


def test_clock_time_is_no_title():
    assert officials("The talks ended at 5 PM Nguyen Van Tam said.") == []


@pytest.mark.parametrize("unit", [
    "Deputy Director of the Department of Finance and ",     # title-first chains with no name
    "Nguyen Van An, ",                                        # a list of names with no "and"
])
def test_text_without_an_end_is_linear(unit):
    """Each start's match attempt stops within a bounded stretch: 4x the text takes about 4x the
    time (it took 16x when a chain or list could run on through the rest of the text)."""
    import time
    from extractors.nlp import build_nlp
    component = dict(build_nlp("en").pipeline)["newsfacts_official"]

    def run(n):
        doc = build_nlp("en").make_doc(unit * n)
        started = time.perf_counter()
        component(doc)
        return time.perf_counter() - started

    run(50)
    small = min(run(300) for _ in range(3))
    large = min(run(1200) for _ in range(3))
    assert large < 9 * small + 0.05
