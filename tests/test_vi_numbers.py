"""Vietnamese figures (extractors/lang/vi/numbers.py) and the matching text (normalize.py)."""
import unicodedata

import pytest

from extractors.lang.vi.normalize import normalize
from extractors.lang.vi.numbers import parse_number


@pytest.mark.parametrize("raw, value", [
    ("176.737", 176737), ("7,6", 7.6), ("70,759", 70.759), ("5.330,9", 5330.9),
    ("1.234.567", 1234567), ("12", 12), ("1,2 triệu", 1_200_000), ("2 nghìn tỷ", 2e12),
    ("3 ngàn tỷ", 3e12), ("19,8 nghìn", 19_800), ("1.500 tỷ", 1.5e12), ("4 tỉ", 4e9),
    ("ba", 3), ("mười", 10), ("mười lăm", 15), ("hai mươi", 20), ("hai mươi mốt", 21),
    ("ba mươi tư", 34), ("một trăm", 100), ("hai trăm linh năm", 205), ("nửa", 0.5),
    ("hai triệu", 2e6),
])
def test_parse_number(raw, value):
    assert parse_number(raw) == pytest.approx(value)


@pytest.mark.parametrize("raw", ["", "tỷ", "ba bốn", "1,2,3", "mươi", "12 đồng"])
def test_not_a_number(raw):
    with pytest.raises(ValueError):
        parse_number(raw)


def test_normalize_keeps_length_for_nfc_text():
    text = "Uỷ ban nhân dân huyện; hoà giải; Quỹ đầu tư; ÐẢNG BỘ; thuỷ lợi"
    norm, offsets = normalize(text)
    assert offsets is None and len(norm) == len(text)
    assert norm == "Ủy ban nhân dân huyện; hòa giải; Quỹ đầu tư; ĐẢNG BỘ; thủy lợi"


def test_normalize_maps_decomposed_text_back():
    text = unicodedata.normalize("NFD", "Ủy ban đạt 7,6%")
    norm, offsets = normalize(text)
    assert norm == "Ủy ban đạt 7,6%"
    i = norm.index("7,6%")
    assert text[offsets[i]:offsets[i + 4]] == "7,6%"
