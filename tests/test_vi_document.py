"""Vietnamese document references (extractors/lang/vi/document.py), on sentences written for these tests."""
import datetime
import time

import pytest

from extractors import extract_facts
from extractors.nlp import build_nlp

PUB = datetime.date(2024, 9, 20)


def documents(text, published=PUB):
    facts = extract_facts(text, published, lang="vi")
    docs = [f for f in facts if f.kind == "document"]
    for f in docs:
        assert text[f.start:f.end] == f.text
        # only a date may share the words of a document ("ngày 12/3/2024" after it)
        for g in facts:
            if g is not f and g.start < f.end and f.start < g.end:
                assert g.kind == "date" and f.start <= g.start and g.end <= f.end, g
    return [(f.text, f.doc_type, f.doc_number, f.issued) for f in docs]


@pytest.mark.parametrize("text, want", [
    ("Quận ủy ban hành Chỉ thị số 07-CT/QU để chấn chỉnh kỷ cương.",
     ("Chỉ thị số 07-CT/QU", "Chỉ thị", "07-CT/QU", None)),
    ("Thực hiện Chương trình số 05-CTr/TU của Thành ủy, huyện đã triển khai.",
     ("Chương trình số 05-CTr/TU", "Chương trình", "05-CTr/TU", None)),
    ("UBND thành phố ban hành Quyết định 3512/QĐ-UBND phê duyệt quy hoạch.",
     ("Quyết định 3512/QĐ-UBND", "Quyết định", "3512/QĐ-UBND", None)),
    ("Căn cứ Quy định số 41-QĐ/TƯ về miễn nhiệm cán bộ.",
     ("Quy định số 41-QĐ/TƯ", "Quy định", "41-QĐ/TƯ", None)),
    ("Theo Nghị định số 100/2019/NĐ-CP, mức phạt được nâng lên.",
     ("Nghị định số 100/2019/NĐ-CP", "Nghị định", "100/2019/NĐ-CP", None)),
    ("Sở Xây dựng có Công văn số 1187/SXD-QLN gửi các quận.",
     ("Công văn số 1187/SXD-QLN", "Công văn", "1187/SXD-QLN", None)),
    ("Bộ Tài chính ban hành Thông tư 56/2023/TT-BTC hướng dẫn thực hiện.",
     ("Thông tư 56/2023/TT-BTC", "Thông tư", "56/2023/TT-BTC", None)),
    # a bare number after the type is a reference
    ("Các cấp ủy quán triệt Nghị quyết 18 của Trung ương về sắp xếp bộ máy.",
     ("Nghị quyết 18", "Nghị quyết", "18", None)),
    ("Quận hoàn thành các mục tiêu của Kế hoạch 245 trước thời hạn.",
     ("Kế hoạch 245", "Kế hoạch", "245", None)),
    # the name of a law may stand between the type and "số"
    ("Luật Thủ đô số 39/2024/QH15 có hiệu lực từ đầu năm sau.",
     ("Luật Thủ đô số 39/2024/QH15", "Luật", "39/2024/QH15", None)),
    # a lower-case type with a code is still a reference
    ("Việc thu hồi đất thực hiện theo quyết định số 88/QĐ-UBND của huyện.",
     ("quyết định số 88/QĐ-UBND", "quyết định", "88/QĐ-UBND", None)),
])
def test_document_references(text, want):
    assert documents(text) == [want]


@pytest.mark.parametrize("text, span, issued", [
    ("Thực hiện Kết luận số 21-KL/TW ngày 25/10/2021 của Ban Chấp hành Trung ương.",
     "Kết luận số 21-KL/TW ngày 25/10/2021", "2021-10-25"),
    ("Căn cứ Kế hoạch số 96/KH-UBND ngày 9 tháng 4 năm 2024 của UBND quận.",
     "Kế hoạch số 96/KH-UBND ngày 9 tháng 4 năm 2024", "2024-04-09"),
    ("Theo Công điện số 12/CĐ-UBND ngày 6-9-2024, các lực lượng trực 24/24.",
     "Công điện số 12/CĐ-UBND ngày 6-9-2024", "2024-09-06"),
    # no year: the publication year (as the date component reads it)
    ("Huyện đã có Thông báo số 311/TB-UBND ngày 2/8 gửi các xã.",
     "Thông báo số 311/TB-UBND ngày 2/8", "2024-08-02"),
])
def test_issue_date_extends_the_span(text, span, issued):
    [(got_span, _, _, got_issued)] = documents(text)
    assert (got_span, got_issued) == (span, issued)


def test_several_references_in_one_sentence():
    text = ("Triển khai Chỉ thị số 35-CT/TW, Quy định số 22-QĐ/TW và Hướng dẫn số 02-HD/TU, quận đã "
            "ban hành Kế hoạch số 110-KH/QU.")
    assert [(d[1], d[2]) for d in documents(text)] == [
        ("Chỉ thị", "35-CT/TW"), ("Quy định", "22-QĐ/TW"), ("Hướng dẫn", "02-HD/TU"),
        ("Kế hoạch", "110-KH/QU")]


@pytest.mark.parametrize("text", [
    "Quận tập trung thực hiện Kế hoạch 5 năm giai đoạn 2021-2025.",       # a figure with its unit
    "Các chỉ tiêu trong Nghị quyết năm 2024 đều đạt.",                    # a year, not a number
    "Huyện đánh giá việc thực hiện Kế hoạch 2024 về chuyển đổi số.",      # a bare year
    "Luật Đất đai và Nghị quyết Đại hội XIII được quán triệt sâu rộng.",  # unnumbered references
    "Chương trình 3 nội dung trọng tâm đã được thông qua.",
    "Nghị quyết số tạm thời chưa được công bố.",
])
def test_not_documents(text):
    assert documents(text) == []


def test_fast_on_long_text():
    text = ("Nghị quyết số Chỉ thị số Kế hoạch Quyết định Luật Đất đai Nguyễn Văn " * 300)[:20000]
    nlp = build_nlp("vi")
    doc = nlp.make_doc(text)
    started = time.perf_counter()
    nlp.get_pipe("newsfacts_document")(doc)
    assert time.perf_counter() - started < 0.3
