"""Vietnamese dates (extractors/lang/vi/dates.py): head word in the span, day-first numerics, a
day/month without a year only in a date context, and the look-alikes that are no dates."""
import datetime

import pytest

from conftest import facts_of
from extractors import extract_facts

PUB = datetime.date(2023, 10, 20)


def dates(text, published=PUB):
    return [(f.text, f.date, f.granularity, f.rule_id) for f in facts_of(text, "date", published, lang="vi")]


@pytest.mark.parametrize("text, want", [
    ("Hội nghị được tổ chức ngày 9/3/2022 tại trụ sở UBND quận.",
     ("ngày 9/3/2022", "2022-03-09", "day", "date.dmy_numeric")),
    ("Ngày 12 tháng 5 năm 2021, huyện khánh thành cây cầu mới.",
     ("Ngày 12 tháng 5 năm 2021", "2021-05-12", "day", "date.dmy_words")),
    ("Văn bản ban hành 3-11-2022 đã được gửi các phường.",
     ("3-11-2022", "2022-11-03", "day", "date.dmy_numeric")),
    ("Hồ sơ được tiếp nhận từ 14.2.2018 theo quy trình mới.",
     ("14.2.2018", "2018-02-14", "day", "date.dmy_numeric")),
    ("Thời hạn nộp hồ sơ là 05/06/2023 theo thông báo.",
     ("05/06/2023", "2023-06-05", "day", "date.dmy_numeric")),
    ("Trong tháng 4/2022, thành phố cấp phép cho nhiều dự án.",
     ("tháng 4/2022", "2022-04", "month", "date.month_year")),
    ("Công trình khởi công vào tháng 11-2021 và đang thi công.",
     ("tháng 11-2021", "2021-11", "month", "date.month_year")),
    ("Đến tháng 3 năm 2020, quận đã hoàn thành việc rà soát.",
     ("tháng 3 năm 2020", "2020-03", "month", "date.month_year")),
    ("Năm 2021, toàn huyện có thêm hai xã đạt chuẩn.",
     ("Năm 2021", "2021", "year", "date.year")),
    ("Dự án sẽ hoàn thành trước cuối tháng 6/2024 như cam kết.",
     ("cuối tháng 6/2024", "2024-06", "month", "date.month_year")),
    ("Từ đầu năm 2022 đến tháng trước, giá nhà tăng mạnh.",
     ("đầu năm 2022", "2022", "year", "date.year")),
    ("Giữa tháng 7, mưa lớn gây ngập nhiều tuyến phố.",
     ("Giữa tháng 7", "2023-07", "month", "date.month")),
])
def test_date_forms(text, want):
    assert dates(text) == [want]


def test_month_without_year_takes_the_publication_year_with_lookback():
    assert dates("Đoàn giám sát sẽ làm việc vào tháng 11.") == [
        ("tháng 11", "2023-11", "month", "date.month")]
    # Published in February: a December without a year is last December.
    assert dates("Số liệu được chốt vào tháng 12.", datetime.date(2024, 2, 3)) == [
        ("tháng 12", "2023-12", "month", "date.month")]
    assert dates("Tháng 10 năm ngoái, huyện đã thu hồi đất.") == [
        ("Tháng 10 năm ngoái", "2022-10", "month", "date.month")]


@pytest.mark.parametrize("text, want", [
    ("Sáng 21/9, Thành ủy tổ chức hội nghị.", "21/9"),
    ("Tối 2-9, pháo hoa được bắn tại 30 điểm.", "2-9"),
    ("Chiều nay (18/10), đoàn công tác đến thăm huyện.", "18/10"),
    ("Thứ Sáu (13/10) là hạn cuối nộp báo cáo.", "13/10"),
    ("Chiều Chủ nhật 15/10, người dân đổ về hồ Gươm.", "15/10"),
    ("Hôm 11/10, lực lượng chức năng kiểm tra cơ sở.", "11/10"),
    ("Theo kế hoạch, ngày 25/10 quận sẽ tổng kết.", "ngày 25/10"),
    ("Đêm 16/10, công an phường bắt quả tang hai đối tượng.", "16/10"),
])
def test_day_month_in_a_date_context(text, want):
    (got,) = dates(text)
    assert got[0] == want
    day, month = (int(x) for x in want.split()[-1].replace("-", "/").split("/"))
    assert got[1] == datetime.date(2023, month, day).isoformat()
    assert got[2] == "day"


def test_time_of_day_and_weekday_stay_outside():
    assert dates("Thứ Ba, ngày 17/10, hội nghị khai mạc.") == [
        ("ngày 17/10", "2023-10-17", "day", "date.dm_numeric")]
    assert dates("Sáng ngày 19 tháng 10, đoàn đến thăm.") == [
        ("ngày 19 tháng 10", "2023-10-19", "day", "date.dm_words")]


def test_dateline():
    assert dates("(09:41 03/10/2023) Hà Nội đón khách quốc tế.") == [
        ("03/10/2023", "2023-10-03", "day", "date.dateline")]


@pytest.mark.parametrize("text", [
    "Quận đã hoàn thành 118/150 nhiệm vụ đề ra.",                      # a ratio
    "Thực hiện Nghị định 15/2021/NĐ-CP về quản lý dự án.",             # a document number
    "Tuyến xe chạy từ 5-7 chuyến mỗi giờ.",                              # a range
    "Hội nghị bắt đầu lúc 8 giờ, kết thúc lúc 11h30, nghỉ lúc 14:15.",   # clock times
    "Năm nay số ca mắc cao hơn năm ngoái và cùng kỳ năm trước.",         # relative words
    "Năm học mới, nhà trường tuyển năm lớp chuyên.",                      # "năm" is five / a school year
    "Dịch Covid-19 ảnh hưởng đến sản xuất.",
    "Kế hoạch giai đoạn 2021-2025 được triển khai.",                      # a year range is a period
    "Đội kiểm tra họp mỗi tháng 2 lần.",                                  # per month, not February
    "Tỷ lệ đạt 30/9 chỉ tiêu đề ra.",                                     # a bare pair without context
])
def test_not_dates(text):
    assert dates(text) == []


def test_dates_inside_a_period_give_way_to_it():
    facts = extract_facts("Từ ngày 3/4 đến ngày 10/4, quận kiểm tra 20 cơ sở.", PUB, lang="vi")
    assert [f.kind for f in facts if f.kind in ("date", "period")] == ["period"]


def test_old_spelling_and_lookalike_letters_do_not_break_offsets():
    text = "Ðoàn công tác làm việc ngày 6/9/2023 với UBND huyện."
    assert dates(text) == [("ngày 6/9/2023", "2023-09-06", "day", "date.dmy_numeric")]


@pytest.mark.parametrize("text, want", [
    ("Các phường phải nộp báo cáo trước 20-11.", ("20-11", "2023-11-20", "day", "date.dm_cued")),
    ("Từ 1/7, giá dịch vụ được điều chỉnh.", ("1/7", "2023-07-01", "day", "date.dm_cued")),
    ("Kỳ nghỉ kéo dài đến 3/9 và người dân trở lại làm việc.", ("3/9", "2023-09-03", "day", "date.dm_cued")),
])
def test_a_deadline_word_makes_a_day_month_a_date_when_no_noun_follows(text, want):
    assert dates(text) == [want]


@pytest.mark.parametrize("text", [
    "Đến nay đã có 15/17 xã đạt chuẩn, tăng từ 12/17 xã.",   # ratios after "đến"/"từ"
    "Quận xếp thứ 3/12 quận, huyện về chỉ số này.",          # a rank, not Tuesday 3 December
])
def test_cue_words_before_ratios_and_ranks(text):
    assert dates(text) == []
