"""A cheap language guess for pages that do not declare one."""
from __future__ import annotations

import re

# Letters that occur in Vietnamese but hardly ever in English news text.
_VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


def guess_language(text: str) -> str:
    sample = text[:5000]
    letters = sum(ch.isalpha() for ch in sample) or 1
    return "vi" if len(_VIETNAMESE.findall(sample)) / letters > 0.03 else "en"


def language_code(code: str | None) -> str | None:
    """'en-US' / 'vi_VN' -> 'en' / 'vi'; None for nothing or junk."""
    if not code:
        return None
    primary = re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0]
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def normalize_language(declared: str | None, text: str) -> str:
    """The declared language's code, else one guessed from the text."""
    return language_code(declared) or guess_language(text)
