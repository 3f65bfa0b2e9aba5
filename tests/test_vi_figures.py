"""Vietnamese counts, percentages, ratios, ranks, money and quantities through extract_facts(lang="vi")."""
import datetime
import unicodedata

import pytest

from conftest import facts_of, one_fact
from extractors import extract_facts

PUB = datetime.date(2024, 7, 20)


def facts(text, kind):
    return facts_of(text, kind, PUB, lang="vi")


def one(text, kind):
    return one_fact(text, kind, PUB, lang="vi")


# --- counts ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text, span, value, unit", [
    ("Đảng bộ phường đã kết nạp 23 đảng viên trong năm.", "23 đảng viên", 23, "đảng viên"),
    ("Huyện có 31 tổ chức cơ sở đảng trực thuộc.", "31 tổ chức cơ sở đảng trực thuộc", 31,
     "tổ chức cơ sở đảng trực thuộc"),
    ("Thành phố lập ba tổ công tác liên ngành.", "ba tổ công tác", 3, "tổ công tác"),
    ("Ban tiếp công dân tiếp 86 lượt công dân đến kiến nghị.", "86 lượt công dân", 86, "lượt công dân"),
    ("Cuộc vận động thu hút 1,5 triệu lượt người tham gia.", "1,5 triệu lượt người", 1_500_000, "lượt người"),
    ("Năm qua có 14 xã đạt chuẩn nông thôn mới.", "14 xã", 14, "xã"),
    ("Chỉ thị được quán triệt đến 9.400 cán bộ, đảng viên, đạt 98%.", "9.400 cán bộ, đảng viên", 9400,
     "cán bộ, đảng viên"),
    ("Quận có 12 phường Tây Mỗ, Đại Mỗ và Xuân Phương.", "12 phường", 12, "phường"),
    ("Có 5 đồng chí được điều động.", "5 đồng chí", 5, "đồng chí"),
])
def test_count(text, span, value, unit):
    f = one(text, "count")
    assert (f.text, f.value, f.unit) == (span, value, unit)


def test_count_qualifier_and_range():
    f = one("Đã có hơn 1.200 hộ dân nhận tiền bồi thường.", "count")
    assert (f.text, f.value, f.qualifier) == ("hơn 1.200 hộ dân", 1200, "more_than")
    f = one("Mỗi đoàn làm việc với từ 5 đến 7 đơn vị.", "count")
    assert (f.value, f.value_max, f.rule_id) == (5, 7, "count.range")


def test_bare_figures_take_the_unit_of_their_enumeration():
    got = facts("Qua kiểm tra đã xử lý kỷ luật 9 đảng viên, trong đó khiển trách 5, cảnh cáo 3 "
                "và cách chức 1 đảng viên.", "count")
    assert [(f.text, f.value, f.unit) for f in got] == [
        ("9 đảng viên", 9, "đảng viên"), ("5", 5, "đảng viên"), ("3", 3, "đảng viên"),
        ("1 đảng viên", 1, "đảng viên")]
    assert got[1].rule_id == "count.list_inherit"


@pytest.mark.parametrize("text", [
    "Kỳ họp thứ 18 HĐND quận khai mạc lúc 8 giờ 30.",
    "Đoàn làm việc tại số 16 Lê Thánh Tông và trên quốc lộ 21B.",
    "Đây là lần thứ 3 hội nghị được tổ chức, mức độ 4 trực tuyến.",
    "Một số đơn vị còn chậm, hàng trăm hộ dân chưa nhận tiền.",
    "Năm nay, ông 56 tuổi, công trình tăng gấp 2 lần.",
    "Dịch Covid-19 ảnh hưởng đến Phường 3 và đường Vành đai 4.",
])
def test_not_counts(text):
    assert facts(text, "count") == []


# --- percentages ----------------------------------------------------------------------------
@pytest.mark.parametrize("text, span, value, extra", [
    ("Thu ngân sách đạt 49,1% dự toán.", "49,1%", 49.1, {}),
    ("Tỷ lệ hộ nghèo còn 0,8 phần trăm.", "0,8 phần trăm", 0.8, {}),
    ("Tỷ lệ giảm 1,3 điểm phần trăm.", "1,3 điểm phần trăm", 1.3, {"unit": "percentage_points"}),
    ("Mức tăng từ 5 đến 7% mỗi năm.", "từ 5 đến 7%", 5, {"value_max": 7}),
    ("Tăng trưởng 6-7% là khả thi.", "6-7%", 6, {"value_max": 7}),
    ("Gần 100% hồ sơ được giải quyết đúng hạn.", "Gần 100%", 100, {"qualifier": "approx"}),
])
def test_percentage(text, span, value, extra):
    f = one(text, "percentage")
    assert (f.text, f.value) == (span, value)
    for k, v in extra.items():
        assert getattr(f, k) == v


# --- ratios ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text, span, num, den, unit", [
    ("Huyện hoàn thành 122/161 nhiệm vụ được giao.", "122/161 nhiệm vụ", 122, 161, "nhiệm vụ"),
    ("Đã có 21/21 phường tổ chức đối thoại.", "21/21 phường", 21, 21, "phường"),
    ("Có 356 trên tổng số 386 xã đạt chuẩn.", "356 trên tổng số 386 xã", 356, 386, "xã"),
])
def test_ratio(text, span, num, den, unit):
    f = one(text, "ratio")
    assert (f.text, f.numerator, f.denominator, f.unit) == (span, num, den, unit)


def test_bare_ratio_takes_the_unit_of_the_whole():
    f = one("Ủy ban nhận 64 đơn và đã giải quyết 61/64.", "ratio")
    assert (f.text, f.unit) == ("61/64", "đơn")


def test_two_units_are_two_counts_not_a_ratio():
    text = "Quận đã tiếp 440 lượt/1.306 công dân."
    assert facts(text, "ratio") == []
    assert [(f.text, f.unit) for f in facts(text, "count")] == [("440 lượt", "lượt"), ("1.306 công dân", "công dân")]


@pytest.mark.parametrize("text", ["Ngày 15/4, quận họp.", "Trong tháng 6/2024, quận họp.",
                                  "Theo Quyết định 2618/QĐ-UBND, quận họp.",
                                  "Nghị định 53/2017/NĐ-CP quy định rõ.", "Đường dây trực 24/7."])
def test_not_ratios(text):
    assert facts(text, "ratio") == []


# --- ranks ----------------------------------------------------------------------------------
def test_rank_with_the_size_of_the_ranking():
    f = one("Chỉ số năm 2023 của quận xếp thứ 1/30 quận, huyện, thị xã.", "rank")
    assert (f.text, f.value, f.denominator, f.unit) == ("xếp thứ 1/30 quận, huyện, thị xã", 1, 30,
                                                         "quận, huyện, thị xã")


@pytest.mark.parametrize("text, span, value", [
    ("Huyện xếp thứ ba toàn thành phố.", "xếp thứ ba", 3),
    ("Tỉnh đứng thứ 5 cả nước.", "đứng thứ 5", 5),
    ("Thành phố vươn lên vị trí thứ 2.", "vươn lên vị trí thứ 2", 2),
])
def test_rank(text, span, value):
    f = one(text, "rank")
    assert (f.text, f.value) == (span, value)


def test_ordinal_labels_are_not_ranks():
    assert facts("Kỳ họp thứ 25, lần thứ 16; chỉ số tăng 3 bậc.", "rank") == []


# --- money ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text, span, value, currency, extra", [
    ("Thu ngân sách ước đạt 176.737 tỷ đồng.", "176.737 tỷ đồng", 176_737e9, "VND", {}),
    ("Sai sót 46,5 triệu đồng.", "46,5 triệu đồng", 46.5e6, "VND", {}),
    ("Chi 5.330,9 tỷ đồng cho đầu tư.", "5.330,9 tỷ đồng", 5330.9e9, "VND", {}),
    ("Tổng vốn 2 nghìn tỷ đồng.", "2 nghìn tỷ đồng", 2e12, "VND", {}),
    ("Vốn FDI đạt 1,12 tỷ USD.", "1,12 tỷ USD", 1.12e9, "USD", {}),
    ("Dự án 1.500 tỷ VNĐ.", "1.500 tỷ VNĐ", 1.5e12, "VND", {}),
    ("Giá 65 triệu đồng/m2.", "65 triệu đồng/m2", 65e6, "VND", {"unit": "m2"}),
    ("Giá từ 70 đến 120 triệu đồng/m2.", "từ 70 đến 120 triệu đồng/m2", 70e6, "VND",
     {"value_max": 120e6, "unit": "m2"}),
    ("Hỗ trợ hơn 412 tỷ đồng.", "hơn 412 tỷ đồng", 412e9, "VND", {"qualifier": "more_than"}),
    ("Kinh phí 70,759 tỷ đồng.", "70,759 tỷ đồng", 70.759e9, "VND", {}),
])
def test_money(text, span, value, currency, extra):
    f = one(text, "money")
    assert (f.text, f.value, f.currency) == (span, pytest.approx(value), currency)
    for k, v in extra.items():
        assert getattr(f, k) == v


@pytest.mark.parametrize("text", ["Đồng chí Bí thư đồng thời chỉ đạo đồng bộ.", "Tỷ lệ 12 tỷ lệ"])
def test_not_money(text):
    assert facts(text, "money") == []


# --- quantities -----------------------------------------------------------------------------
@pytest.mark.parametrize("text, span, value, unit", [
    ("Huyện đã bàn giao 246,5 ha mặt bằng.", "246,5 ha", 246.5, "ha"),
    ("Tổng diện tích 53.350ha.", "53.350ha", 53350, "ha"),
    ("Tuyến đường dài 5,6 km.", "5,6 km", 5.6, "km"),
    ("Sàn rộng 12.000 m² cho thuê.", "12.000 m²", 12000, "m2"),
    ("Thu gom 38.000 tấn rác.", "38.000 tấn", 38000, "tấn"),
    ("Thời hạn giải quyết là 15 ngày làm việc.", "15 ngày làm việc", 15, "ngày làm việc"),
    ("Công trình kéo dài hai năm.", "hai năm", 2, "năm"),
    ("Việc này mất nửa năm.", "nửa năm", 0.5, "năm"),
    ("Xe chạy trong 48 giờ liên tục.", "48 giờ", 48, "giờ"),
])
def test_quantity(text, span, value, unit):
    f = one(text, "quantity")
    assert (f.text, f.value, f.unit) == (span, value, unit)


@pytest.mark.parametrize("text", ["Trong 5 tháng qua, quận họp lúc 14 giờ.", "Buổi họp bắt đầu 8 giờ 30 phút.",
                                  "Chỉ số tăng gấp 2,5 lần."])
def test_not_quantities(text):
    assert facts(text, "quantity") == []


# --- the text as given ----------------------------------------------------------------------
def test_old_spelling_and_decomposed_text_keep_offsets():
    text = unicodedata.normalize("NFD", "Uỷ ban đã giải quyết 15/17 đơn, đạt 88,2%.")
    got = extract_facts(text, PUB, lang="vi")
    assert {f.kind for f in got} >= {"ratio", "percentage"}
    for f in got:
        assert text[f.start:f.end] == f.text
    pct = [f for f in got if f.kind == "percentage"][0]
    assert unicodedata.normalize("NFC", pct.text) == "88,2%" and pct.value == 88.2


def test_rank_within_a_group():
    f = one("Giải ngân đạt 64,9%, đứng thứ 2 trong 5 thành phố trực thuộc Trung ương.", "rank")
    assert (f.text, f.value, f.denominator, f.unit) == ("đứng thứ 2 trong 5 thành phố", 2, 5, "thành phố")
