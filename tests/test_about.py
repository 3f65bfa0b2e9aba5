"""What each figure is about (extractors/about.py, extractors/measure.py): reference period, place, measure."""
import datetime

from extractors import extract_facts

PUB = datetime.date(2024, 7, 31)


def figure(facts, text):
    (f,) = [f for f in facts if f.text == text]
    return f


def test_reference_period_from_the_clause():
    facts = extract_facts("In the first 6 months of 2024, Dong Da district disciplined 15 Party members. "
                          "Its 2023 administrative reform index was 96.38%. Up to now, it has completed "
                          "133/155 tasks. Revenue rose 5% compared with 2023.", PUB)
    f = figure(facts, "15 Party members")
    assert (f.ref_start, f.ref_end) == ("2024-01-01", "2024-06-30")
    assert f.measure == "Party members disciplined" and f.measure_key == "party_members_disciplined"
    assert (f.place, f.place_level) == ("Dong Da", "district")
    f = figure(facts, "96.38%")
    assert (f.ref_start, f.ref_end) == ("2023-01-01", "2023-12-31")
    assert "administrative reform index" in f.measure and f.measure_key == "par_index"
    f = figure(facts, "133/155 tasks")
    assert (f.ref_start, f.ref_end) == (None, "2024-07-31")   # "up to now": to the publication day
    f = figure(facts, "5%")
    assert (f.ref_start, f.ref_end) == (None, None)            # 2023 is the baseline, not its period


def test_a_document_date_governs_nothing_and_by_gives_only_the_end():
    facts = extract_facts("Under Directive No. 24-CT/TU dated August 7, 2023, the ward received 40 petitions. "
                          "By the end of June 2024, it had settled 38 petitions.", PUB)
    assert figure(facts, "40 petitions").ref_start is None
    f = figure(facts, "38 petitions")
    assert (f.ref_start, f.ref_end) == (None, "2024-06-30")


def test_vietnamese_figures_with_place_and_period():
    text = ("Quận Hoàn Kiếm giải quyết 96% đơn thư\n"
            "Trong 6 tháng đầu năm 2024, Ủy ban kiểm tra quận đã kỷ luật 7 đảng viên. "
            "Tổng thu ngân sách trên địa bàn huyện Sóc Sơn ước đạt 2.105 tỷ đồng, bằng 81,3% dự toán.")
    facts = extract_facts(text, PUB, lang="vi")
    f = figure(facts, "7 đảng viên")
    assert (f.ref_start, f.ref_end) == ("2024-01-01", "2024-06-30")
    assert f.measure == "đảng viên kỷ luật" and f.measure_key == "party_members_disciplined"
    assert (f.place, f.place_level) == ("Hoàn Kiếm", "district")   # the article's place, from its headline
    money = figure(facts, "2.105 tỷ đồng")
    assert (money.place, money.place_level) == ("Sóc Sơn", "district")   # named in its own sentence
    assert money.measure == "thu ngân sách" and money.measure_key == "budget_revenue"
    assert figure(facts, "81,3%").measure_key == "budget_revenue"


def test_dates_and_officials_carry_no_analysis_fields():
    for f in extract_facts("On May 5, 2024, Chairman Nguyen Van An said Hanoi had 30 districts.", PUB):
        if f.kind in ("date", "official"):
            assert (f.measure, f.place, f.ref_start, f.ref_end) == (None, None, None, None)
