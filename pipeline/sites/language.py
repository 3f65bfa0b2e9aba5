"""The language of an article's text, and whether the page's declared language holds.

How a text is judged (``guess_language``):

1. Only the first 1,500 characters are read, NFC-normalised (Vietnamese is often served decomposed).
   Text without a letter (empty, whitespace, digits, punctuation) has no language to find and is
   ``DEFAULT_LANGUAGE`` ("en"), as before: figures alone still go through the English rules, which
   read digits, and a declared language always stands against it.
2. Fast paths. English: 30 words or more of which a fifth are English function words (the, of,
   and, to, ...) is "en" without the library. Vietnamese: written Vietnamese puts marks on its everyday
   lowercase words (của, được, người, những, đầu tư). When at least 3 words, and at least 15 % of
   all words, start lowercase and hold a letter no other Latin-script language uses (ơ, ư, a hook
   above, a tone on top of â ă ê ô) the text is "vi" without asking the library. Capitalised words
   do not count, so Vietnamese names (Nguyễn Mạnh Quyền, Đống Đa) never make an English text "vi".
3. Otherwise py3langid (naive Bayes over byte n-grams, 139 languages, model shipped in the package)
   ranks the first 1,000 characters with the Vietnamese names blanked: runs of capitalised words
   one of which holds a Vietnamese letter (Phạm Quang Thành), else single such words when blanking
   runs would leave under a third of the letters (a title-case headline), else nothing.
   A text whose Vietnamese letters are all in capitalised words while it has lowercase words without
   any accent is not Vietnamese, however the library scores it: the best other language wins.
   Codes without an ISO 639-1 code fold into their macrolanguage (wuu/yue -> zh, arz/ary -> ar,
   uzs -> uz, sdh -> ku, gug -> gn), and Nigerian Pidgin into English (pcm: the model's usual
   runner-up on short English).
4. When the best language scores under 0.15 (a word or two: "Hanoi", "GDP rose 5%"), or is zxx
   (no linguistic content: codes, URLs), the library cannot tell, and the answer is whichever of
   en/vi it ranks higher: the two languages this pipeline reads.

Vietnamese written without diacritics (rare: old or SMS-style pages) gets no fast path; it is "vi"
when the library says so, as it does from a short phrase up ("Gia xang tang manh tu hom nay": vi
at 0.41, a sentence at 0.96). A shorter or odder one may come out as another language (stored as
unsupported); a page declaring "vi" keeps "vi" whatever such text scores below 0.9.

``normalize_language(declared, text)`` keeps the declared code unless the text clearly contradicts
it: at least 20 words, and the Vietnamese fast path or a library score of at least 0.9 for another
language that is not a close sibling of the declared one (id/ms, no/nb/nn/da, sr/hr/bs, cs/sk,
gl/pt/es). A Vietnamese page served with lang="en" (a CMS default) is stored as "vi"; a headline,
a caption or a list of figures keeps what the page says. ``language_code`` maps ISO 639-2 and
retired codes (eng, vie, fre, iw ...) to ISO 639-1, and und/mul/zxx/mis to None (no declaration).

Measurements (2-core machine, Python 3.11; 84 test strings of tests/test_language.py, all written
for it: vi quoting English names and terms, en full of Vietnamese names, headlines of ~20-50
characters, vi without diacritics, title case and capitals, 22 other languages; times per call,
best of 5; "hybrid" = the steps above with that library in step 3, thresholds tuned on py3langid):

    library                      alone   5,000 ch  100 ch    load    RSS       installed | hybrid  en 5,000 ch
    py3langid 0.4.0              67/84   0.80 ms   0.070 ms  0.4-0.6 s +86 MiB  4.5 MB   | 84/84   0.55 ms
    pycld2 0.42                  67/84   0.12 ms   0.005 ms  <0.01 s  +2 MiB    14 MB    | 83/84   0.26 ms
    langdetect 1.0.9             66/84   7.0 ms    1.3 ms    0.24 s   +62 MiB   2.5 MB   | 74/84   2.1 ms
    lingua 2.1.1, 13 languages   57/84   2.6 ms    0.21 ms   0.66 s   +259 MiB  96 MB    | 70/84   0.89 ms
    lingua, 13 langs, low acc.   61/84   2.6 ms    0.09 ms   0.05 s   +22 MiB   96 MB    | 71/84   0.87 ms
    lingua, all 75 languages     66/84   4.8 ms    1.3 ms    8.4 s    +1.25 GiB 96 MB    | 82/84   1.8 ms
    lingua, all, low accuracy    66/84   5.0 ms    0.33 ms   0.22 s   +81 MiB   96 MB    | 76/84   1.8 ms

Alone, every library calls name-dense English "vi" ("Lê Hồng Sơn, Nguyễn Thị Thanh Hương and Phạm
Quang Thành ... met in Hà Nội"); lingua restricted to 13 languages calls Dutch, Polish, Arabic ...
one of its 13. 39 further strings written after tuning: 37/39 (Indonesian sentence -> ms, Spanish
headline -> ext). Corpus snapshot pages: 18/18 hanoitimes en, 13/13 kinhtedothi vi.
This module, per call: Vietnamese 5,000-character article 0.12 ms (fast path), English article
0.12 ms (fast path; 599 of 600 bench articles, mean 5,600 characters; 0.43 ms through the library),
name-dense English 0.58 ms, 100 characters
0.01-0.10 ms. The model loads once per process on first need (0.4-0.6 s, +75 MiB RSS);
Vietnamese-only input never loads it. py3langid was chosen: as accurate as any in the hybrid,
within the time goal, pure Python over numpy (already a dependency) so it installs anywhere,
maintained (0.4.0, retrained 139-language model). pycld2 is faster and lighter but binds a frozen
C++ model and has no wheel for Python 3.14 (a source build needs a C++ compiler); lingua is 96 MB
and slower here.
"""
from __future__ import annotations

import re
import threading
import unicodedata

_SAMPLE = 1500            # characters read for the diacritics signal
_LIBRARY_SAMPLE = 1000    # characters handed to the library
_FAST_MIN_WORDS = 3       # Vietnamese fast path: lowercase words with a Vietnamese-only letter ...
_FAST_MIN_SHARE = 0.15    # ... and their share of all words
_UNSURE = 0.15            # below this best score the library cannot tell: choose between en and vi
_OVERRIDE_MIN_WORDS = 20  # fewer words than this never overrule a declared language
# English fast path: running English text is a fifth function words or more; no other language's
# text reaches that share of these (checked on the other languages of tests/test_language.py).
_EN_FAST_MIN_WORDS = 30
_EN_FAST_MIN_SHARE = 0.2
_EN_FUNCTION_WORDS = frozenset("the of and to in a is for on with that by was were has have had from at "
                               "as its it be are will this which an or their said also than been".split())
_OVERRIDE_MIN_SCORE = 0.9

# Letters only Vietnamese uses: the horn letters, a hook above, a tone on top of â ă ê ô ơ ư.
_VI_ONLY = "ơưảẩẳẻểỉỏổởủửỷấầẫậắằẵặếềễệốồỗộớờỡợứừữự"
# Also Vietnamese, but shared with some other language (ă ro, â ê ô fr/pt, đ hr, dot below yo/ig,
# nasal tilde gn): enough to spot a Vietnamese name, not to call a text Vietnamese.
_VI_MARKED = _VI_ONLY + "ăâđêôạẹịọụỵẽĩũỹ"
_VI_MARKED_ANY = _VI_MARKED + _VI_MARKED.upper()
_UPPER = "A-ZÀ-ÖØ-Þ" + "".join(sorted(set(_VI_MARKED.upper())))

_L = r"[^\W\d_]"                        # a letter
_START = rf"(?<!{_L})"                  # start of a word
_LOWER_START = rf"{_START}(?![{_UPPER}]){_L}"
_WORD = re.compile(rf"{_L}+")
_VI_WORD = re.compile(rf"{_LOWER_START}{_L}*?[{_VI_ONLY}]")
_ACCENTED_LOWER_WORD = re.compile(rf"{_LOWER_START}{_L}*?[{_VI_MARKED}àáãèéìíòóõùúý]")
_LOWER_WORD = re.compile(_LOWER_START)
_MARKED_LETTER = re.compile(f"[{_VI_MARKED_ANY}]")
_CAP = rf"[{_UPPER}]{_L}*"
# A run of capitalised words (a name: Phạm Quang Thành); blanked when one holds a Vietnamese letter.
_CAPITALISED_RUN = re.compile(rf"{_START}{_CAP}(?:[ \t]+{_CAP})*")
_NAME_WORD = re.compile(rf"{_START}(?={_L}*[{_VI_MARKED_ANY}]){_CAP}")

_FOLD = {"pcm": "en", "wuu": "zh", "yue": "zh", "arz": "ar", "ary": "ar", "uzs": "uz", "sdh": "ku",
         "gug": "gn"}
_CLOSE = [{"id", "ms"}, {"no", "nb", "nn", "da"}, {"sr", "hr", "bs"}, {"cs", "sk"}, {"gl", "pt", "es"}]

# ISO 639-2 and retired codes pages still declare -> ISO 639-1.
_ALIASES = {"eng": "en", "vie": "vi", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de", "spa": "es",
            "zho": "zh", "chi": "zh", "jpn": "ja", "kor": "ko", "rus": "ru", "tha": "th", "ind": "id",
            "iw": "he", "in": "id", "ji": "yi", "jw": "jv"}
_NO_LANGUAGE = {"und", "mul", "zxx", "mis"}

DEFAULT_LANGUAGE = "en"   # for text with no letters

_identifier = None
_identifier_lock = threading.Lock()


def _library():
    """py3langid's identifier with probabilities, loaded once on first use (0.4-0.6 s, +75 MiB)."""
    global _identifier
    if _identifier is None:
        with _identifier_lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier
                _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def _letters(text: str) -> int:
    return sum(map(str.isalpha, text))


def _blank_name(run: re.Match) -> str:
    return " " if _MARKED_LETTER.search(run.group()) else run.group()


def _without_names(sample: str, names_only: bool) -> str:
    """The sample with Vietnamese names blanked: whole runs (Phạm Quang Thành), else single words
    (Nội in a title-case headline), else nothing when blanking would leave under a third of it.
    `names_only`: the sample's Vietnamese letters are all in names; blank the runs whatever is left."""
    runs = _CAPITALISED_RUN.sub(_blank_name, sample)
    if names_only:
        return runs
    if runs == sample:
        return sample
    letters = _letters(sample)
    if _letters(runs) * 3 >= letters:
        return runs
    words = _NAME_WORD.sub(" ", sample)
    return words if _letters(words) * 3 >= letters else sample


def _detect(text: str, min_words: int = 0) -> tuple[str, float, int]:
    """(language, score 0-1, words read); score 0 when not judged: no letters, or under `min_words` words."""
    sample = unicodedata.normalize("NFC", text[:_SAMPLE])
    words = len(_WORD.findall(sample))
    if not words or words < min_words:
        return DEFAULT_LANGUAGE, 0.0, words
    vietnamese = _MARKED_LETTER.search(sample) is not None
    vi_words = len(_VI_WORD.findall(sample)) if vietnamese else 0
    if vi_words >= _FAST_MIN_WORDS and vi_words >= _FAST_MIN_SHARE * words:
        return "vi", 1.0, words
    if not vi_words and words >= _EN_FAST_MIN_WORDS:
        function_words = sum(w in _EN_FUNCTION_WORDS for w in map(str.lower, _WORD.findall(sample)))
        if function_words >= _EN_FAST_MIN_SHARE * words:
            return "en", 1.0, words   # English fast path: the library (and its 75 MiB) is not needed
    # Vietnamese letters only in capitalised words, none in the lowercase ones (counting plain
    # accents: và, là, có): names quoted in another language, so not Vietnamese.
    names_only = (vietnamese and not vi_words and _LOWER_WORD.search(sample) is not None
                  and not _ACCENTED_LOWER_WORD.search(sample))
    judged = _without_names(sample, names_only) if vietnamese else sample
    scores: dict[str, float] = {}
    for code, p in _library().rank(judged[:_LIBRARY_SAMPLE]):
        code = _FOLD.get(code, code)
        scores[code] = scores.get(code, 0.0) + p
    if names_only:
        rest = 1.0 - scores.pop("vi", 0.0)
        scores = {code: p / rest for code, p in scores.items()} if rest > 0 else {"en": 0.0}
    code, p = max(scores.items(), key=lambda item: item[1])
    if p < _UNSURE or code == "zxx":
        code = "vi" if scores.get("vi", 0.0) > scores.get("en", 0.0) else "en"
    return code, p, words


def guess_language(text: str) -> str:
    """The ISO 639-1 code of the text's language ("vi", "en", "fr", ...); DEFAULT_LANGUAGE without letters."""
    return _detect(text)[0]


def language_code(code: str | None) -> str | None:
    """'en-US' / 'vi_VN' / 'eng' -> 'en' / 'vi' / 'en'; None for nothing, junk or 'und'."""
    if not code:
        return None
    primary = re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0]
    if not re.fullmatch(r"[a-z]{2,3}", primary) or primary in _NO_LANGUAGE:
        return None
    return _ALIASES.get(primary, primary)


def normalize_language(declared: str | None, text: str) -> str:
    """The declared language's code unless the text clearly says otherwise; guessed when none is declared."""
    code = language_code(declared)
    if code is None:
        return guess_language(text)
    found, score, _ = _detect(text, min_words=_OVERRIDE_MIN_WORDS)
    if (found == code or score < _OVERRIDE_MIN_SCORE
            or any(code in group and found in group for group in _CLOSE)):
        return code
    return found
