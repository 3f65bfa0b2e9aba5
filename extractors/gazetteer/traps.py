"""Matches that are not places: a bare name inside a person's name (`_person_trap`), a name of a street
or landmark (`_STREET_BEFORE`, `_STREET_AFTER`), "the capital" of something else (`_CAPITAL_NOT`,
`_NEXT_CAP`)."""
from __future__ import annotations

import re

from .names import fold

# Family names that start a person's name (folded).
_FAMILY = frozenset(fold(x) for x in (
    "Nguyễn Trần Lê Phạm Huỳnh Hoàng Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Trịnh Phùng Đinh Đoàn Lưu Tạ "
    "Lương Trương Nghiêm Khuất Lại Vương Triệu Nông Quách Khổng Tống Diệp Mạc Đàm Đậu Hứa Lục Nhữ Tôn Phí "
    "Hầu Cấn Bế Lò Khúc Khương Doãn Cù Thiều Tiêu Lữ Mã Sầm Tiết Bành Đào Cao Mai Tô Chu Lâm Hà Kiều Tăng "
    "Từ Thân Giáp Lưu Ninh").split())
_SYLLABLE = re.compile(r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}"
                       r"(?:ch|ng|nh|[cmnpt])?$")
_TOKEN = re.compile(r"[^\W\d_][\w']*")
_STREET_BEFORE = re.compile(
    r"(?i:(?:^|[^\w])(?:đường|phố|ngõ|ngách|hẻm|đại[ \u00a0]+lộ|cầu|hồ|sông|chợ|ga|bến[ \u00a0]+xe|đền|chùa|đình|"
    r"quảng[ \u00a0]+trường|núi|sân[ \u00a0]+bay|cảng|pho|duong|ngo)[ \u00a0]+)$")
_STREET_AFTER = re.compile(
    r"[ \u00a0]+(?i:streets?|st\b|roads?|rd\b|avenue|boulevard|bridge|lake|river|station|market|square|"
    r"temple|pagoda|airport|expressway|highway|times|mausoleum|street's)")
_CAPITAL_NOT = re.compile(
    r"[ \u00a0]+(?i:of[ \u00a0]+(?!hanoi|ha[ \u00a0]noi|vietnam|viet[ \u00a0]nam)|investment|contribution|"
    r"construction|sources?|flows?|needs?|plans?|mobili[sz]ation|markets?|allocation|disbursement|"
    r"structure|increase|amount|base|goods|gains?|expenditure|requirements?|costs?|adequacy|account|"
    r"surplus|raising|injection|support)")


_LEFT_TOK = re.compile(r"([^\W\d_][\w']*)[ \u00a0]$")
_RIGHT_TOK = re.compile(r"[ \u00a0]([^\W\d_][\w']*)")
_NEXT_CAP = re.compile(r"[ \u00a0]+[A-ZĐ]")


def _is_name_syllable(tok: str) -> bool:
    return tok[:1].isupper() and not tok.isupper() and bool(_SYLLABLE.match(fold(tok)))


def _person_trap(text: str, s: int, e: int) -> bool:
    """True when text[s:e] (a bare name) stands inside a person's name: a capitalised run of 3-5
    syllables starting with a family name."""
    left: list[str] = []
    pos = s
    for _ in range(4):
        if text[pos - 1:pos] not in (" ", "\u00a0", "\n"):     # quick: _LEFT_TOK needs one of these
            break
        seg = text[max(0, pos - 12):pos]
        m = _LEFT_TOK.search(seg)
        if not m or not _is_name_syllable(m.group(1)):
            break
        left.insert(0, fold(m.group(1)))
        pos -= len(m.group(0))
    right, pos = [], e
    for _ in range(4):
        if text[pos:pos + 1] not in (" ", "\u00a0"):            # quick: _RIGHT_TOK needs one of these
            break
        m = _RIGHT_TOK.match(text, pos, pos + 12)
        if not m or not _is_name_syllable(m.group(1)):
            break
        right.append(fold(m.group(1)))
        pos += len(m.group(0))
    if not left and not right:
        return False
    match = fold(text[s:e]).split()
    tail = []
    for t in right:
        if t in _FAMILY:
            break
        tail.append(t)
    for i, tok in enumerate(left):
        if tok in _FAMILY:
            if 3 <= len(left) - i + len(match) + len(tail) <= 5:
                return True
            break
    if tail and match[0] in _FAMILY and 3 <= len(match) + len(tail) <= 5:
        return True
    return False
