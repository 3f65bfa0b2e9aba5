"""Vietnamese periods (extractors/lang/vi/period.py): spans of months of a year, quarters, halves,
year ranges, "từ X đến Y" ranges and "đến nay", with both ends as ISO days."""
import datetime

import pytest

from conftest import facts_of
from extractors import extract_facts

PUB = datetime.date(2023, 10, 20)


def periods(text, published=PUB):
    return [(f.text, f.period_start, f.period_end) for f in facts_of(text, "period", published, lang="vi")]


@pytest.mark.parametrize("text, want", [
    ("Trong 3 tháng đầu năm 2022, huyện thu ngân sách đạt kế hoạch.",
     ("3 tháng đầu năm 2022", "2022-01-01", "2022-03-31")),
    ("Nhiệm vụ 6 tháng cuối năm là đẩy mạnh giải ngân.",
     ("6 tháng cuối năm", "2023-07-01", "2023-12-31")),
    ("Kết quả 10 tháng năm 2021 cho thấy kinh tế phục hồi.",
     ("10 tháng năm 2021", "2021-01-01", "2021-10-31")),
    ("Sau 8 tháng đầu năm 2020, tổng thu tăng nhẹ.",
     ("8 tháng đầu năm 2020", "2020-01-01", "2020-08-31")),
    ("Bốn tháng đầu năm nay, lượng khách tăng gấp đôi.",
     ("Bốn tháng đầu năm nay", "2023-01-01", "2023-04-30")),
    ("Doanh thu quý III/2022 tăng so với quý trước.",
     ("quý III/2022", "2022-07-01", "2022-09-30")),
    ("Quý I năm 2021, quận cấp 300 giấy phép.",
     ("Quý I năm 2021", "2021-01-01", "2021-03-31")),
    ("Số liệu quý 2/2019 đã được công bố.",
     ("quý 2/2019", "2019-04-01", "2019-06-30")),
    ("Dự kiến đến quý IV sẽ bàn giao mặt bằng.",
     ("quý IV", "2023-10-01", "2023-12-31")),
    ("Trong nửa đầu năm 2021, thị trường trầm lắng.",
     ("nửa đầu năm 2021", "2021-01-01", "2021-06-30")),
    ("Nửa cuối năm, thành phố tập trung cải cách hành chính.",
     ("Nửa cuối năm", "2023-07-01", "2023-12-31")),
    ("Đại hội Đảng bộ huyện nhiệm kỳ 2025-2030 thành công.",
     ("nhiệm kỳ 2025-2030", "2025-01-01", "2030-12-31")),
    ("Chương trình trọng tâm giai đoạn 2016 - 2020 đã hoàn thành.",
     ("giai đoạn 2016 - 2020", "2016-01-01", "2020-12-31")),
    ("Tuyển sinh năm học 2023-2024 diễn ra thuận lợi.",
     ("năm học 2023-2024", "2023-01-01", "2024-12-31")),
    ("Kế hoạch phát triển 2026–2030 được thông qua.",
     ("2026–2030", "2026-01-01", "2030-12-31")),
])
def test_period_forms(text, want):
    assert periods(text) == [want]


@pytest.mark.parametrize("text, want", [
    ("Từ tháng 2/2022 đến hết tháng 9/2023, quận xử lý 40 vụ.",
     ("Từ tháng 2/2022 đến hết tháng 9/2023", "2022-02-01", "2023-09-30")),
    ("Đợt cao điểm từ ngày 5/9 đến ngày 20/9 đã kết thúc.",
     ("từ ngày 5/9 đến ngày 20/9", "2023-09-05", "2023-09-20")),
    ("Lễ hội diễn ra từ 8/3 đến 12/3/2022 tại chùa Hương.",
     ("từ 8/3 đến 12/3/2022", "2022-03-08", "2022-03-12")),
    ("Từ năm 2015 đến nay, huyện đã xây 12 trường học.",
     ("Từ năm 2015 đến nay", "2015-01-01", "2023-10-20")),
    ("Từ đầu năm đến nay, thành phố ghi nhận 500 ca bệnh.",
     ("Từ đầu năm đến nay", "2023-01-01", "2023-10-20")),
    ("Từ đầu năm 2022 đến nay, giá đất tăng mạnh.",
     ("Từ đầu năm 2022 đến nay", "2022-01-01", "2023-10-20")),
    ("Hội chợ mở cửa từ ngày 2 đến 6/10 tại Cung Văn hóa.",
     ("từ ngày 2 đến 6/10", "2023-10-02", "2023-10-06")),
    ("Từ ngày 10 tháng 1 năm 2021 đến ngày 5 tháng 2 năm 2021, đoàn làm việc.",
     ("Từ ngày 10 tháng 1 năm 2021 đến ngày 5 tháng 2 năm 2021", "2021-01-10", "2021-02-05")),
    ("Từ 20/12 đến 10/1/2023, các chợ hoa mở cửa.",
     ("Từ 20/12 đến 10/1/2023", "2022-12-20", "2023-01-10")),
    ("Từ đầu năm, quận đã tổ chức 30 cuộc kiểm tra.",
     ("Từ đầu năm", "2023-01-01", "2023-10-20")),
])
def test_ranges(text, want):
    assert periods(text) == [want]


def test_the_span_never_starts_at_trong_and_a_date_inside_gives_way():
    facts = [f for f in extract_facts("Trong 9 tháng đầu năm 2023, quận thu 2.000 tỷ đồng.", PUB, lang="vi")
             if f.kind in ("date", "period")]
    assert [(f.kind, f.text) for f in facts] == [("period", "9 tháng đầu năm 2023")]


@pytest.mark.parametrize("text", [
    "Trong 5 tháng qua, quận tiếp nhận nhiều đơn thư.",   # relative: counted back from an unknown day
    "Tỷ lệ hộ nghèo giảm từ 5 đến 7% mỗi năm.",           # a percentage range
    "Trong 3 tháng, đội thi công hoàn thành cây cầu.",    # a duration
    "Những tháng cuối năm, nhu cầu mua sắm tăng.",        # vague
    "Dân số tăng từ 2000 đến 2500 người.",                # amounts, not years
])
def test_not_periods(text):
    assert periods(text) == []


def test_a_bare_first_day_takes_the_month_of_the_second():
    assert periods("Lễ hội hoa diễn ra từ 12 đến 16/2 tại công viên.") == [
        ("từ 12 đến 16/2", "2023-02-12", "2023-02-16")]
    assert periods("Chương trình diễn ra ngày 21-22/9 tại Hoàng Thành.") == [
        ("ngày 21-22/9", "2023-09-21", "2023-09-22")]


def test_trong_n_thang_repeats_an_earlier_span_of_months():
    text = ("Kết quả 8 tháng năm 2022 cho thấy thu ngân sách tăng. Trong 8 tháng, quận thu 900 tỷ đồng. "
            "Trong 4 tháng, đội thi công hoàn thành cây cầu.")
    assert periods(text) == [("8 tháng năm 2022", "2022-01-01", "2022-08-31"),
                             ("8 tháng", "2022-01-01", "2022-08-31")]


def test_publication_year_lookback_for_a_range_across_new_year():
    assert periods("Từ ngày 25/12 đến ngày 5/1, chợ hoa mở cửa.", datetime.date(2024, 1, 20)) == [
        ("Từ ngày 25/12 đến ngày 5/1", "2023-12-25", "2024-01-05")]


def test_a_headline_names_the_months_the_body_dates():
    text = ("Hà Nội: 11 tháng, thu ngân sách đạt hơn 460.000 tỷ đồng\n"
            "Số liệu kinh tế 11 tháng năm 2024 được công bố sáng nay.")
    got = [f for f in extract_facts(text, datetime.date(2024, 12, 5), lang="vi") if f.kind == "period"]
    assert [(f.text, f.period_start, f.period_end) for f in got] == [
        ("11 tháng", "2024-01-01", "2024-11-30"), ("11 tháng năm 2024", "2024-01-01", "2024-11-30")]
