"""The gazetteer and place finder (extractors/gazetteer): forms, levels, codes before and after the
2025 reform, the traps (people, streets, honorifics), main_place. Sentences are this project's own."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest

from extractors.gazetteer import Place, find_places, main_place

PRE = dt.date(2024, 5, 10)
POST = dt.date(2025, 9, 1)


def spans(text, lang, published=PRE):
    return [(text[p.start:p.end], p.name, p.level, p.code) for p in find_places(text, lang, published)]


def one(text, lang, published=PRE):
    got = find_places(text, lang, published)
    assert len(got) == 1, got
    p = got[0]
    return text[p.start:p.end], p.name, p.level, p.code


# ------------------------------------------------------------------------------ Vietnamese forms
@pytest.mark.parametrize("text, mention, name, level, code", [
    ("Năm nay quận Đống Đa thu ngân sách vượt dự toán.", "quận Đống Đa", "Đống Đa", "district", "006"),
    ("Quận Đống Đa dẫn đầu về cải cách hành chính.", "Quận Đống Đa", "Đống Đa", "district", "006"),
    ("Người dân huyện Sóc Sơn đã nhận hỗ trợ.", "huyện Sóc Sơn", "Sóc Sơn", "district", "016"),
    ("Ủy ban nhân dân thị xã Sơn Tây họp sáng nay.", "thị xã Sơn Tây", "Sơn Tây", "district", "269"),
    ("Làng gốm xã Bát Tràng đón nhiều khách.", "xã Bát Tràng", "Bát Tràng", "ward", "00583"),
    ("Kinh tế TP Hà Nội tăng trưởng khá.", "TP Hà Nội", "Hà Nội", "province", "01"),
    ("Kinh tế TP. Hà Nội tăng trưởng khá.", "TP. Hà Nội", "Hà Nội", "province", "01"),
    ("Kinh tế thành phố Hà Nội tăng trưởng khá.", "thành phố Hà Nội", "Hà Nội", "province", "01"),
    ("Kinh tế Hà Nội tăng trưởng khá.", "Hà Nội", "Hà Nội", "province", "01"),
    ("Doanh nghiệp tỉnh Bắc Ninh xuất khẩu mạnh.", "tỉnh Bắc Ninh", "Bắc Ninh", "province", "27"),
    ("Giá nhà ở TP.HCM tiếp tục tăng.", "TP.HCM", "TP.HCM", "province", "79"),
    ("Giá nhà ở thành phố Hồ Chí Minh tiếp tục tăng.", "thành phố Hồ Chí Minh", "Hồ Chí Minh", "province", "79"),
    ("Nhiều dự án lớn ở Thủ đô được khởi công.", "Thủ đô", "Hà Nội", "province", "01"),
    ("Tỷ lệ này cao nhất cả nước.", "cả nước", "Việt Nam", "country", None),
    ("Mô hình được nhân rộng trên toàn quốc.", "toàn quốc", "Việt Nam", "country", None),
    ("Việt Nam đón 12 triệu lượt khách.", "Việt Nam", "Việt Nam", "country", None),
    ("Quận Hoàng Mai đã hoàn thành kế hoạch.", "Quận Hoàng Mai", "Hoàng Mai", "district", "008"),
    ("Bí thư Quận ủy Hai Bà Trưng chủ trì hội nghị.", "Hai Bà Trưng", "Hai Bà Trưng", "district", "007"),
    ("Thành phố Bắc Ninh mở rộng đô thị.", "Thành phố Bắc Ninh", "Bắc Ninh", "district", "256"),
    ("Học sinh Quận 1 đi học trở lại.", "Quận 1", "1", "district", "760"),
])
def test_vietnamese_forms(text, mention, name, level, code):
    assert one(text, "vi") == (mention, name, level, code)


def test_vietnamese_without_diacritics_and_old_tone_marks():
    assert one("Kinh te Ha Noi tang truong.", "vi") == ("Ha Noi", "Ha Noi", "province", "01")
    # old-style tone placement in the text (Hoà) and new-style in the data (Hòa), and the reverse
    assert one("Tỉnh Hoà Bình có nhiều dự án.", "vi")[2:] == ("province", "17")
    assert one("Tỉnh Hòa Bình có nhiều dự án.", "vi")[2:] == ("province", "17")
    assert one("Huyện Ứng Hoà làm tốt việc này.", "vi")[2] == "district"


def test_decomposed_text_and_eth():
    text = unicodedata.normalize("NFD", "Ngân sách quận Đống Đa tăng.")
    (p,) = find_places(text, "vi", PRE)
    assert text[p.start:p.end] == unicodedata.normalize("NFD", "quận Đống Đa")
    assert p.code == "006"
    text = "Ngân sách quận \u00d0ống Đa tăng."      # U+00D0 for Đ
    (p,) = find_places(text, "vi", PRE)
    assert text[p.start:p.end] == "quận \u00d0ống Đa" and p.code == "006"


def test_vietnamese_list_carries_the_level_word():
    text = "Các phường Trúc Bạch, Phúc Xá và Quán Thánh đã hoàn thành."
    got = spans(text, "vi")
    assert [g[1] for g in got] == ["Trúc Bạch", "Phúc Xá", "Quán Thánh"]
    assert all(g[2] == "ward" for g in got)
    assert [g[3] for g in got] == ["00004", "00001", "00013"]


# ------------------------------------------------------------------------------ English forms
@pytest.mark.parametrize("text, mention, name, level, code", [
    ("Revenue of Dong Da district rose.", "Dong Da district", "Dong Da", "district", "006"),
    ("Revenue of Dong Da District rose.", "Dong Da District", "Dong Da", "district", "006"),
    ("Farmers in Soc Son received support.", "Soc Son", "Soc Son", "district", "016"),
    ("Tourism in Hanoi grew.", "Hanoi", "Hanoi", "province", "01"),
    ("Tourism in Ha Noi grew.", "Ha Noi", "Ha Noi", "province", "01"),
    ("Tourism in Hanoi City grew.", "Hanoi City", "Hanoi", "province", "01"),
    ("Tourism in the capital grew.", "the capital", "Hanoi", "province", "01"),
    ("Tourism in the Capital grew.", "the Capital", "Hanoi", "province", "01"),
    ("Housing in Ho Chi Minh City is costly.", "Ho Chi Minh City", "Ho Chi Minh City", "province", "79"),
    ("Housing in HCMC is costly.", "HCMC", "HCMC", "province", "79"),
    ("The former Tu Liem area grew fast.", "Tu Liem", "Tu Liem", "district", None),
    ("Exports of Vietnam rose.", "Vietnam", "Vietnam", "country", None),
    ("Exports of Viet Nam rose.", "Viet Nam", "Viet Nam", "country", None),
    ("The campaign runs nationwide.", "nationwide", "Vietnam", "country", None),
    ("Firms in Bac Ninh province hired more.", "Bac Ninh province", "Bac Ninh", "province", "27"),
    ("Students in District 1 returned.", "District 1", "1", "district", "760"),
    ("Visitors to Bat Trang commune rose.", "Bat Trang commune", "Bat Trang", "ward", "00583"),
    ("Revenue of Đống Đa district rose.", "Đống Đa district", "Đống Đa", "district", "006"),
])
def test_english_forms(text, mention, name, level, code):
    assert one(text, "en") == (mention, name, level, code)


def test_english_ward_after_the_reform():
    assert one("Hoan Kiem ward collected VND 1 trillion.", "en", POST) == \
        ("Hoan Kiem ward", "Hoan Kiem", "ward", "00070")
    # before the reform there was no Hoan Kiem ward: found, but no code
    assert one("Hoan Kiem ward collected VND 1 trillion.", "en", PRE) == \
        ("Hoan Kiem ward", "Hoan Kiem", "ward", None)
    # without a date, either set
    assert one("Hoan Kiem ward collected VND 1 trillion.", "en", None)[3] == "00070"


def test_plural_level_word_and_possessive():
    got = spans("Hanoi's Dong Da and Hoan Kiem districts lead.", "en")
    assert got == [("Hanoi", "Hanoi", "province", "01"), ("Dong Da", "Dong Da", "district", "006"),
                   ("Hoan Kiem districts", "Hoan Kiem", "district", "002")]


# ------------------------------------------------------------------------------ codes and the reform
def test_codes_before_and_after_the_reform():
    text = "Tỉnh Bắc Giang và tỉnh Bà Rịa - Vũng Tàu ký kết hợp tác."
    pre = spans(text, "vi", PRE)
    post = spans(text, "vi", POST)
    assert [(g[1], g[2], g[3]) for g in pre] == [("Bắc Giang", "province", "24"),
                                                  ("Bà Rịa - Vũng Tàu", "province", "77")]
    # after 1 July 2025 the old provinces resolve to the ones they were merged into; names stay
    assert [(g[1], g[2], g[3]) for g in post] == [("Bắc Giang", "province", "24"),
                                                   ("Bà Rịa - Vũng Tàu", "province", "79")]
    assert spans("Tỉnh Hà Giang có nhiều đèo.", "vi", POST)[0][3] == "08"     # into Tuyên Quang


def test_district_after_the_reform_has_no_code():
    assert one("Dự án ở huyện Sóc Sơn đã xong.", "vi", POST) == ("huyện Sóc Sơn", "Sóc Sơn", "district", None)
    assert one("The project in Chuong My district is done.", "en", POST)[2:] == ("district", None)


def test_former_ward_after_the_reform_resolves_to_its_new_ward():
    # phường Trúc Bạch (00004) went into the new phường Ba Đình (00004 in the 2025 set)
    assert one("Phường Trúc Bạch tổ chức lễ hội.", "vi", POST) == ("Phường Trúc Bạch", "Trúc Bạch", "ward", "00004")
    # phường Phúc Xá (00001) went into phường Hồng Hà (00097)
    assert one("Phường Phúc Xá tổ chức lễ hội.", "vi", POST)[3] == "00097"


def test_bare_hanoi_district_name_after_the_reform_is_the_new_ward():
    assert one("Đống Đa đã hoàn thành chỉ tiêu.", "vi", POST) == ("Đống Đa", "Đống Đa", "ward", "00235")
    assert one("Đống Đa đã hoàn thành chỉ tiêu.", "vi", PRE) == ("Đống Đa", "Đống Đa", "district", "006")
    assert one("Đống Đa đã hoàn thành chỉ tiêu.", "vi", None)[2:] == ("district", "006")


def test_ambiguous_name_resolves_under_the_article_province():
    # many "Tân Lập" communes in the country: Hanoi's by default
    (p,) = find_places("Xã Tân Lập làm tốt công tác dân vận.", "vi", PRE)
    assert p.level == "ward" and p.code is not None
    from extractors.gazetteer import _get_data
    assert _get_data().units[("2024", p.code)].province == "01"
    # the article's province decides
    (q, r) = find_places("Tỉnh Phú Thọ: xã Tân Lập làm tốt công tác dân vận.", "vi", PRE)
    assert q.code == "25" and _get_data().units[("2024", r.code)].province == "25"


def test_ambiguous_name_without_context_has_no_code():
    # "Phường 1" exists in many districts of many provinces
    got = find_places("Phường 1 tổ chức ngày hội.", "vi", PRE)
    assert got and got[0].level == "ward" and got[0].code is None


# ------------------------------------------------------------------------------ traps
def test_person_names_are_not_places():
    assert find_places("Bà Nguyễn Thị Hoàng Mai phát biểu.", "vi", PRE) == []
    assert find_places("Anh Hoàng Mai Anh nhận giải.", "vi", PRE) == []
    assert find_places("Ms. Nguyen Thi Hoang Mai spoke.", "en", PRE) == []
    assert find_places("Ông Lê Thái Bình nhận giải.", "vi", PRE) == []
    # President Ho Chi Minh is not the city
    assert find_places("Học tập tư tưởng Hồ Chí Minh.", "vi", PRE) == []
    assert find_places("Following Ho Chi Minh's example.", "en", PRE) == []


def test_place_next_to_a_person_name():
    got = spans("Chủ tịch UBND Hà Nội Trần Sỹ Thanh phát biểu.", "vi")
    assert [g[1] for g in got] == ["Hà Nội"]
    got = spans("Chủ tịch UBND quận Hoàng Mai Nguyễn Văn A phát biểu.", "vi")
    assert [g[1] for g in got] == ["Hoàng Mai"]


def test_streets_and_landmarks_are_not_places():
    assert find_places("Cửa hàng trên phố Hai Bà Trưng đông khách.", "vi", PRE) == []
    assert find_places("Cửa hàng trên đường Hoàng Mai đông khách.", "vi", PRE) == []
    assert find_places("Xe qua cầu Long Biên.", "vi", PRE) == []
    assert find_places("Shops on Hai Ba Trung street are busy.", "en", PRE) == []
    assert find_places("Shops on Hai Ba Trung Street are busy.", "en", PRE) == []
    # a ward named after a person, without its level word, is not a place; with it, it is
    assert find_places("Đường Trần Phú và đường Lê Lợi được sửa.", "vi", PRE) == []
    assert one("Phường Trần Phú được khen.", "vi", PRE)[2] == "ward"


def test_ba_ria_and_hai_ba_trung_vs_the_honorific():
    assert one("Tỉnh Bà Rịa - Vũng Tàu thu hút đầu tư.", "vi")[1:3] == ("Bà Rịa - Vũng Tàu", "province")
    assert one("Bà Rịa - Vũng Tàu thu hút đầu tư.", "vi")[1:3] == ("Bà Rịa - Vũng Tàu", "province")
    assert one("Thành phố Bà Rịa mở rộng.", "vi")[1:3] == ("Bà Rịa", "district")
    assert one("Quận Hai Bà Trưng và bà Lan.", "vi")[1] == "Hai Bà Trưng"
    assert find_places("Bà Lan và bà Hoa đến thăm.", "vi", PRE) == []
    assert find_places("hai bà Trưng khởi nghĩa", "vi", PRE) == []


def test_common_words_are_not_places():
    assert find_places("Công tác xã hội và hòa bình.", "vi", PRE) == []
    assert find_places("Thái Bình Dương rộng lớn.", "vi", PRE) == []
    assert find_places("The capital investment plan was approved.", "en", PRE) == []


# ------------------------------------------------------------------------------ API shape
def test_ascending_non_overlapping_longest():
    text = "Thành phố Hồ Chí Minh, Hà Nội, quận Ba Đình và Thủ đô Hà Nội; Ho Chi Minh City."
    got = find_places(text, "vi", PRE)
    assert all(a.end <= b.start for a, b in zip(got, got[1:]))
    assert text[got[0].start:got[0].end] == "Thành phố Hồ Chí Minh"
    assert "Thủ đô Hà Nội" in [text[p.start:p.end] for p in got]
    assert isinstance(got[0], Place)


def test_capitals_headline():
    (p,) = find_places("QUẬN ĐỐNG ĐA VỀ ĐÍCH SỚM\nNội dung.", "vi", PRE)
    assert (p.name, p.level, p.code) == ("ĐỐNG ĐA", "district", "006")


# ------------------------------------------------------------------------------ main_place
def test_main_place_from_the_headline():
    text = ("Dong Da district completes 95% of its tasks\n"
            "Hanoi's Dong Da district has completed most tasks assigned by the city.\n"
            "Hanoi City and Hanoi's People's Committee praised it. Hanoi plans more. Hanoi.")
    p = main_place(text, "en", PRE)
    assert (p.name, p.level, p.code) == ("Dong Da", "district", "006")


def test_main_place_most_frequent_when_the_headline_names_none():
    text = ("Budget revenue rises sharply\nThe result is the best in years.\n"
            "Chuong My district collected more. Chuong My district plans more. Hanoi praised it.")
    p = main_place(text, "en", PRE)
    assert (p.name, p.level) == ("Chuong My", "district")
    assert main_place("Không có địa danh nào.", "vi", PRE) is None


def test_main_place_vietnamese():
    text = "Huyện Sóc Sơn giải ngân vượt kế hoạch\nSáng nay, UBND huyện Sóc Sơn cho biết...\nHà Nội khen."
    p = main_place(text, "vi", PRE)
    assert (p.name, p.level, p.code) == ("Sóc Sơn", "district", "016")


# ------------------------------------------------------------------------------ the matcher
def test_mentions_at_the_ends_of_the_text_and_after_a_dot_or_a_word():
    # the matcher consumes the character before a mention ("\n" before the text for one at 0)
    assert spans("Hanoi", "en") == [("Hanoi", "Hanoi", "province", "01")]
    assert spans("Hanoi.", "en") == [("Hanoi", "Hanoi", "province", "01")]
    assert spans("Quận 1 và Hà Nội", "vi") == [("Quận 1", "1", "district", "760"),
                                               ("Hà Nội", "Hà Nội", "province", "01")]
    assert spans("\nHà Nội\n", "vi") == [("Hà Nội", "Hà Nội", "province", "01")]
    assert spans("xHanoi", "en") == spans(".Hanoi", "en") == spans("Hanoi1", "en") == []
    assert [p[0] for p in spans("(Hanoi) Dong Da district, District 3.", "en")] == ["Hanoi", "Dong Da district",
                                                                                "District 3"]


def _first_chars(items, flags, every, cache):
    """The characters a parsed pattern (a sequence of (op, arg)) can start with, and whether it can
    match the empty string; lookarounds count as empty (so the set is never too small)."""
    from re import _constants as C  # Python >= 3.11 (the test skips before)

    def chars(cls: str, icase: bool) -> set[str]:
        key = (cls, icase)
        if key not in cache:
            cache[key] = set(re.findall(("(?i:" if icase else "(?:") + cls + ")", every))
        return cache[key]

    def class_of(op, av) -> str:
        esc = re.escape
        if op is C.LITERAL:
            return "[" + esc(chr(av)) + "]"
        if op is C.NOT_LITERAL:
            return "[^" + esc(chr(av)) + "]"
        parts, neg = [], ""
        for o, a in av:                 # IN
            if o is C.NEGATE:
                neg = "^"
            elif o is C.LITERAL:
                parts.append(esc(chr(a)))
            elif o is C.RANGE:
                parts.append(esc(chr(a[0])) + "-" + esc(chr(a[1])))
            elif o is C.CATEGORY:
                parts.append({C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_WORD: r"\w",
                              C.CATEGORY_NOT_WORD: r"\W", C.CATEGORY_SPACE: r"\s",
                              C.CATEGORY_NOT_SPACE: r"\S"}[a])
            else:
                raise AssertionError(f"unexpected {o} in a class")
        return "[" + neg + "".join(parts) + "]"

    out: set[str] = set()
    for op, av in items:
        if op in (C.LITERAL, C.NOT_LITERAL, C.IN):
            return out | chars(class_of(op, av), bool(flags & C.SRE_FLAG_IGNORECASE)), False
        if op is C.ANY:
            return out | set(every), False
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            continue
        if op is C.BRANCH:
            nullable = False
            for alt in av[1]:
                f, n = _first_chars(list(alt), flags, every, cache)
                out |= f
                nullable |= n
        elif op is C.SUBPATTERN:
            _group, add, delete, sub = av
            f, nullable = _first_chars(list(sub), (flags | add) & ~delete, every, cache)
            out |= f
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            f, n = _first_chars(list(av[2]), flags, every, cache)
            out |= f
            nullable = n or av[0] == 0
        elif op is C.ATOMIC_GROUP:
            f, nullable = _first_chars(list(av), flags, every, cache)
            out |= f
        else:
            raise AssertionError(f"unexpected {op}")
        if not nullable:
            return out, False
    return out, True


def _lookaheads(items, flags, every, cache):
    """(what a one-class lookahead lets through, what follows it can start with) for every such
    lookahead in a parsed pattern."""
    from re import _constants as C

    for i, (op, av) in enumerate(items):
        if op is C.ASSERT and av[0] == 1 and len(av[1]) == 1 and av[1][0][0] is C.IN:
            yield (_first_chars(list(av[1]), flags, every, cache)[0],
                   _first_chars(items[i + 1:], flags, every, cache)[0])
        subs = []
        if op is C.BRANCH:
            subs = [(alt, flags) for alt in av[1]]
        elif op is C.SUBPATTERN:
            subs = [(av[3], (flags | av[1]) & ~av[2])]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            subs = [(av[2], flags)]
        elif op in (C.ASSERT, C.ASSERT_NOT):
            subs = [(av[1], flags)]
        elif op is C.ATOMIC_GROUP:
            subs = [(av, flags)]
        for sub, f in subs:
            yield from _lookaheads(list(sub), f, every, cache)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_matcher_lookaheads_let_every_mention_start_through(lang):
    """The matcher's lookaheads for the first characters (_STARTS, _trie_regex) only make it fail
    sooner: each lets through every character what follows it can start with, found here from the
    parsed pattern (in both cases, by the regex engine itself, where a part ignores case)."""
    _parser = pytest.importorskip("re._parser")
    from extractors.gazetteer import _matcher, _matchers

    every = "".join(map(chr, range(0x110000)))
    cache: dict = {}
    for rx, least in ((_matcher(lang), 3), (_matchers[lang + ":cont"], 1)):   # all, names, bare names
        tree = _parser.parse(rx.pattern)
        found = list(_lookaheads(list(tree), tree.state.flags, every, cache))
        assert len(found) >= least
        for allowed, starts in found:
            assert starts <= allowed, sorted(starts - allowed)
    # the first one is the lookahead for every branch, after the character before the mention
    tree = _parser.parse(_matcher(lang).pattern)
    first_op, second_op = list(tree)[:2]
    assert str(first_op[0]) == "IN" and str(second_op[0]) == "ASSERT"
