"""A cheap language guess for pages that do not declare one."""
from __future__ import annotations

import re

# Letters that occur in Vietnamese but hardly ever in English news text.
_VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


def guess_language(text: str) -> str:
    sample = text[:5000]
    letters = sum(ch.isalpha() for ch in sample) or 1
    return "vi" if len(_VIETNAMESE.findall(sample)) / letters > 0.03 else "en"


def normalize_language(declared: str | None, text: str) -> str:
    """'en-US' -> 'en'; undeclared -> guessed from the text."""
    if declared:
        return declared.strip().lower().replace("_", "-").split("-")[0]
    return guess_language(text)
