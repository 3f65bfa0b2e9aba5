"""Vietnamese officials (extractors/lang/vi/official.py), on sentences written for these tests."""
import datetime
import time

import pytest

from conftest import facts_of
from extractors.nlp import build_nlp

PUB = datetime.date(2024, 9, 20)


def officials(text):
    return [(f.text, f.person, f.title, f.organization) for f in facts_of(text, "official", PUB, lang="vi")]


def one(text):
    found = officials(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, want", [
    # title chain before the name, no separator: the family name ends the organisation
    ("Dự buổi làm việc có Bí thư Quận ủy Hai Bà Trưng Đặng Minh Tâm.",
     ("Bí thư Quận ủy Hai Bà Trưng Đặng Minh Tâm", "Đặng Minh Tâm", "Bí thư", "Quận ủy Hai Bà Trưng")),
    ("Phó Chủ tịch UBND TP Hà Nội Trương Quốc Huy kiểm tra công trường.",
     ("Phó Chủ tịch UBND TP Hà Nội Trương Quốc Huy", "Trương Quốc Huy", "Phó Chủ tịch", "UBND TP Hà Nội")),
    ("Giám đốc Sở Tài chính Ngô Thanh Bình báo cáo tiến độ.",
     ("Giám đốc Sở Tài chính Ngô Thanh Bình", "Ngô Thanh Bình", "Giám đốc", "Sở Tài chính")),
    ("Chủ nhiệm Ủy ban Kiểm tra Quận ủy Ba Đình Đinh Thị Thu Hằng chủ trì.",
     ("Chủ nhiệm Ủy ban Kiểm tra Quận ủy Ba Đình Đinh Thị Thu Hằng", "Đinh Thị Thu Hằng", "Chủ nhiệm",
      "Ủy ban Kiểm tra Quận ủy Ba Đình")),
    # a district that starts like a name: the strong family name after it wins
    ("Bí thư Quận ủy Hoàng Mai Phạm Tuấn Long yêu cầu các phường rà soát.",
     ("Bí thư Quận ủy Hoàng Mai Phạm Tuấn Long", "Phạm Tuấn Long", "Bí thư", "Quận ủy Hoàng Mai")),
    ("Phó Chủ tịch Thường trực UBND huyện Sóc Sơn Hoàng Văn Khải đi kiểm tra.",
     ("Phó Chủ tịch Thường trực UBND huyện Sóc Sơn Hoàng Văn Khải", "Hoàng Văn Khải",
      "Phó Chủ tịch Thường trực", "UBND huyện Sóc Sơn")),
    # a title that ends with the body's head word hands it to the organisation
    ("Trưởng ban Dân vận Thành ủy Lưu Thị Ngân phát biểu.",
     ("Trưởng ban Dân vận Thành ủy Lưu Thị Ngân", "Lưu Thị Ngân", "Trưởng ban", "Ban Dân vận Thành ủy")),
    ("Chánh Thanh tra huyện Gia Lâm Tạ Văn Hòa cho biết thêm.",
     ("Chánh Thanh tra huyện Gia Lâm Tạ Văn Hòa", "Tạ Văn Hòa", "Chánh Thanh tra", "Thanh tra huyện Gia Lâm")),
    # no organisation
    ("Chủ tịch Vương Đình Huệ gửi thư chúc mừng.",
     ("Chủ tịch Vương Đình Huệ", "Vương Đình Huệ", "Chủ tịch", None)),
])
def test_title_before_name(text, want):
    assert one(text) == want


@pytest.mark.parametrize("text, want", [
    ("Theo ông Kiều Văn Tấn, Phó trưởng Ban Tiếp công dân thành phố Hà Nội, số đơn đã giảm.",
     ("ông Kiều Văn Tấn, Phó trưởng Ban Tiếp công dân thành phố Hà Nội", "Kiều Văn Tấn", "Phó trưởng Ban",
      "Ban Tiếp công dân thành phố Hà Nội")),
    ("Phát biểu, đồng chí Nghiêm Thị Hảo, Phó Bí thư Thường trực Thành ủy đề nghị các đơn vị khẩn trương.",
     ("đồng chí Nghiêm Thị Hảo, Phó Bí thư Thường trực Thành ủy", "Nghiêm Thị Hảo", "Phó Bí thư Thường trực",
      "Thành ủy")),
    ("Bà Lại Thu Trang, Giám đốc Sở Giao thông vận tải, cho biết sẽ mở thêm tuyến buýt.",
     ("Bà Lại Thu Trang, Giám đốc Sở Giao thông vận tải", "Lại Thu Trang", "Giám đốc",
      "Sở Giao thông vận tải")),
    # military ranks and academic prefixes are inside the span, never in person
    ("Thượng tá Khuất Duy Mạnh, Phó Trưởng Công an huyện Thạch Thất thông báo kết quả.",
     ("Thượng tá Khuất Duy Mạnh, Phó Trưởng Công an huyện Thạch Thất", "Khuất Duy Mạnh",
      "Phó Trưởng Công an", "Công an huyện Thạch Thất")),
    ("PGS.TS Lương Ngọc Khuê, Giám đốc Bệnh viện Đa khoa Xanh Pôn nhận định.",
     ("PGS.TS Lương Ngọc Khuê, Giám đốc Bệnh viện Đa khoa Xanh Pôn", "Lương Ngọc Khuê", "Giám đốc",
      "Bệnh viện Đa khoa Xanh Pôn")),
    # title chain, then honorific and name
    ("Phó Chủ tịch UBND quận Long Biên, ông Phùng Văn Lợi cho biết.",
     ("Phó Chủ tịch UBND quận Long Biên, ông Phùng Văn Lợi", "Phùng Văn Lợi", "Phó Chủ tịch",
      "UBND quận Long Biên")),
])
def test_name_and_title(text, want):
    assert one(text) == want


@pytest.mark.parametrize("text, want", [
    # a lower-case title after "name, "; "nguyên" (former) before the title stays outside it
    ("Theo ông Quách Văn Tài, phó chủ tịch UBND xã Vân Hòa, dự án chậm.",
     ("ông Quách Văn Tài, phó chủ tịch UBND xã Vân Hòa", "Quách Văn Tài", "phó chủ tịch", "UBND xã Vân Hòa")),
    ("Ông Tống Văn Hưng, nguyên Chủ tịch UBND quận Đống Đa chia sẻ kinh nghiệm.",
     ("Ông Tống Văn Hưng, nguyên Chủ tịch UBND quận Đống Đa", "Tống Văn Hưng", "Chủ tịch", "UBND quận Đống Đa")),
    # a comma before an honorific ends the organisation
    ("Phó Giám đốc Công an TP Hà Nội, Thiếu tướng Đào Thanh Hải cho biết.",
     ("Phó Giám đốc Công an TP Hà Nội, Thiếu tướng Đào Thanh Hải", "Đào Thanh Hải", "Phó Giám đốc",
      "Công an TP Hà Nội")),
    # an unknown compound in the organisation when a name follows
    ("Giám đốc Bệnh viện Bệnh Nhiệt đới Trung ương Quản Văn Lộc cảnh báo.",
     ("Giám đốc Bệnh viện Bệnh Nhiệt đới Trung ương Quản Văn Lộc", "Quản Văn Lộc", "Giám đốc",
      "Bệnh viện Bệnh Nhiệt đới Trung ương")),
])
def test_variants(text, want):
    assert one(text) == want


def test_chain_takes_first_position_and_spans_it_all():
    text = ("Dự hội nghị có đồng chí Triệu Thị Minh, Ủy viên Ban Thường vụ Thành ủy, Trưởng ban Tổ chức "
            "Thành ủy; các đại biểu đã thảo luận.")
    span, person, title, org = one(text)
    assert span == ("đồng chí Triệu Thị Minh, Ủy viên Ban Thường vụ Thành ủy, Trưởng ban Tổ chức Thành ủy")
    assert (person, title, org) == ("Triệu Thị Minh", "Ủy viên Ban Thường vụ", "Thành ủy")


def test_chain_before_the_name():
    text = "Ủy viên Ban Thường vụ Thành ủy, Trưởng ban Nội chính Thành ủy Đào Văn Sơn kết luận."
    assert one(text) == (text[:-len(" kết luận.")], "Đào Văn Sơn", "Ủy viên Ban Thường vụ", "Thành ủy")


def test_two_officials_in_one_sentence():
    text = ("Cùng dự có Bí thư Huyện ủy Mê Linh Hoàng Anh Tuấn và Chủ tịch UBND huyện Mê Linh "
            "Bùi Quang Định.")
    assert [o[1] for o in officials(text)] == ["Hoàng Anh Tuấn", "Bùi Quang Định"]


def test_old_spelling_is_matched_and_kept_as_written():
    text = "Theo đồng chí Phan Quang Hoà, Phó Bí thư Huyện uỷ Thanh Trì, kỷ luật được siết chặt."
    _, person, title, org = one(text)
    assert (person, title, org) == ("Phan Quang Hoà", "Phó Bí thư", "Huyện uỷ Thanh Trì")


@pytest.mark.parametrize("text", [
    "Ông Hùng cho biết, người dân đồng tình.",                        # a bare name is no official
    "Theo đồng chí Phan Quang Hòa, kỷ luật được siết chặt.",           # a name without a position
    "Chủ tịch UBND quận Hoàng Mai yêu cầu các phường rà soát.",        # a position without a name
    "Chủ tịch UBND phường Trần Phú đã ký văn bản.",                    # the ward, not a person
    "Tỉnh Bà Rịa - Vũng Tàu và quận Hai Bà Trưng ký kết hợp tác.",     # "Bà" in place names
    "Đoàn công tác thăm tượng đài Chủ tịch Hồ Chí Minh.",              # the city's name
    "Phó Chủ tịch UBND quận cùng Nguyễn Văn Bình đi kiểm tra.",        # no title-name link
])
def test_not_officials(text):
    assert officials(text) == []


def test_ba_in_a_place_before_a_name():
    text = "Dự lễ có Bí thư Quận ủy Hai Bà Trưng Lê Thị Phương Lan."
    assert one(text)[1:] == ("Lê Thị Phương Lan", "Bí thư", "Quận ủy Hai Bà Trưng")


@pytest.mark.parametrize("text", [
    " ".join(["Nguyễn", "Văn", "Hà", "Nội", "Hoàng", "Mai", "Lê", "Thị", "Bí", "Ủy", "Ban", "Sở",
              "Trần"][(i * 7) % 13] for i in range(4000))[:20000],        # capitalised words only
    ("Chủ tịch UBND quận Hoàng Mai, " * 700)[:20000],                    # titles without names
    ("Giám đốc Ban Quản lý dự án đầu tư xây dựng công trình giao thông thành phố " * 300)[:20000],
])
def test_no_catastrophic_backtracking(text):
    nlp = build_nlp("vi")
    doc = nlp.make_doc(text)
    started = time.perf_counter()
    nlp.get_pipe("newsfacts_official")(doc)
    assert time.perf_counter() - started < 0.3
