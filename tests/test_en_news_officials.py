"""Officials whose names are not Vietnamese, as English-language news from Hanoi quotes them
(issue 13): foreign executives, analysts, coaches and ministers, named without an honorific before
or after their title, titles with a descriptive word before their head ("retail analyst", "trade
minister"), possessive bodies ("the bank's chief economist"), honorifics of the region ("Datuk
Seri") and hyphenated given names. Every sentence is invented; every named person is fictional."""
import pytest

from conftest import facts_of


def officials(text):
    return [(f.person, f.title, f.organization, f.rule_id) for f in facts_of(text, "official")]


@pytest.mark.parametrize("text, person, title, org, rule", [
    # name first, a title with a descriptive word, the body after "at"
    ('"Demand will recover by spring," said Oskar Lindahl, chief commodity strategist at Brenner Bank.',
     "Oskar Lindahl", "Chief Commodity Strategist", "Brenner Bank", "official.name_comma_title_foreign"),
    ("Marta Kowal, retail analyst at Vistula Capital, said the plan was too late.",
     "Marta Kowal", "Retail Analyst", "Vistula Capital", "official.name_comma_title_foreign"),
    ("Hiroshi Tanabe, president of Sakura Foods Vietnam, said the plant would open in May.",
     "Hiroshi Tanabe", "President", "Sakura Foods Vietnam", "official.name_comma_title_foreign"),
    # a hyphenated given name
    ("Choi Min-jun, head coach of the national team, named 26 players.",
     "Choi Min-jun", "Head Coach", "national team", "official.name_comma_title_foreign"),
    # a possessive body before the title
    ('"We have 900 crews out," said Liam Doherty, the utility\'s operations director.',
     "Liam Doherty", "Operations Director", None, "official.name_comma_title_foreign"),
    ("Jonas Weber, Braun's coach and a former doubles champion, said she needed rest.",
     "Jonas Weber", "Coach", "Braun", "official.name_comma_title_foreign"),
    # title first, capitalised or in lower case, the body before it
    ("Trade Minister Carlos Mendes said tariffs would fall to 5%.",
     "Carlos Mendes", "Minister", "Trade", "official.org_title_name_foreign"),
    ('"Costs are falling," chief executive Rachel Moore told reporters.',
     "Rachel Moore", "Chief Executive", None, "official.title_name_foreign"),
    ("Korea Meteorological Administration chief meteorologist Yoon Seo-yeon said the rain would ease.",
     "Yoon Seo-yeon", "Chief Meteorologist", "Korea Meteorological Administration", "official.org_title_name_foreign"),
    ("Thailand's energy minister Somchai Wongsa said the deal was signed.",
     "Somchai Wongsa", "Energy Minister", "Thailand", "official.org_title_name_foreign"),
    ("Siam Motors President Director Arif Santoso Wibowo opened the plant.",
     "Arif Santoso Wibowo", "President Director", "Siam Motors", "official.org_title_name_foreign"),
    # "for" a portfolio, and an honorific of the region before the name
    ("Deputy Minister for Foreign Affairs Anna Kessler met the delegation.",
     "Anna Kessler", "Deputy Minister", "Foreign Affairs", "official.title_org_name_foreign"),
    ("Rural Development Minister Datuk Seri Ahmad Zulkifli Hassan said 3,000 workers had arrived.",
     "Ahmad Zulkifli Hassan", "Minister", "Rural Development", "official.org_title_name"),
])
def test_foreign_officials(text, person, title, org, rule):
    # (the rules of Vietnamese names and names after an honorific, with _foreign: the name is
    # told by where it stands only)
    assert officials(text) == [(person, title, org, rule)]


@pytest.mark.parametrize("text", [
    # headlines in title case: capitalised words after a title are no name
    "Prime Minister Urges Faster Disbursement\nThe government met on Monday.",
    "Trade Minister Backs New Rules\nExports rose 5%.",
    # a time or a place before a comma is no person
    "Last Friday, Minister of Finance said the budget was on track.",
    "In Hai Phong, the deputy director of the Port Authority said work had resumed.",
    # a lower-case word that is a title only sometimes, before capitalised words
    "The ministry's official Facebook Page said the road was closed.",
    "Its long-time partner Green Leaf Farms said yields rose.",
    # a name with a title and no body
    "Nadia Petrova, a senior analyst, said prices were high.",
])
def test_not_foreign_officials(text):
    assert officials(text) == []


def test_org_words_are_not_a_name():
    # the body runs on to the name: "Electronics" belongs to it, not to the person
    [(person, title, org, _)] = officials("President of Hanbit Electronics Kang Ji-hoon said sales rose.")
    assert (person, title, org) == ("Kang Ji-hoon", "President", "Hanbit Electronics")


def test_vietnamese_names_unchanged():
    got = officials("Nguyen Van Hai, deputy director of the Hanoi Department of Transport, and "
                    "Deputy Minister of Finance Vo Thanh Hung attended.")
    assert [(p, t) for p, t, _, _ in got] == [("Nguyen Van Hai", "Deputy Director"),
                                              ("Vo Thanh Hung", "Deputy Minister")]
