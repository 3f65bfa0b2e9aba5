"""Officials, a named person with a position:
"Deputy Secretary of the Hanoi City Party Committee Nguyen Van Phong" (title first),
"Ms. Phung Thi Hong Ha, Member of the Standing Committee of the City Party Committee and
Permanent Vice Chairwoman of the City People's Council" (name first, a chain of positions),
"Bach Mai Hospital Director Nguyen Quoc Khanh" (organisation, title, name).

News written in English by Vietnamese outlets also puts the title in lower case after the name
("Pham Van An, head of the cadre management unit under the municipal Department of Home
Affairs"), names several people behind one plural title ("Vice Chairmen of the municipal
People's Committee Le Hong Son, Duong Duc Tuan and Nguyen Manh Quyen": one fact each, the title
in the singular), and adds abbreviations ("Chairman of the National Assembly (NA) Tran Thanh Man").

Title and organisation come from the FIRST position of a chain (gold decision 6). Without
an honorific a name must start with a Vietnamese family name, which is where the
organisation before it ends; after an honorific any capitalised words make a name.

Normalised fields: `title` in the capitals of the title lexicon ("deputy director" ->
"Deputy Director"), singular; `organization` the first link of its chain ("land records unit
under the municipal Department of Agriculture" -> "land records unit"), without a bracketed
abbreviation ("National Assembly (NA)" -> "National Assembly") and with straight apostrophes
("People’s" -> "People's"), so SQL finds one organisation however the page typed it; `person` as
written, honorifics left out.
"""
from __future__ import annotations

import functools
import logging
import re

from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc

from extractors.nlp import (
    SPANS_KEY,
    StartFinder,
    add_fact,
    doc_text,
    load_patterns,
)

logger = logging.getLogger(__name__)

KIND = "official"
# An organisation named before a title ("Bach Mai Hospital Director ...") has at most four
# words; they lie within this many characters before the title.
_ORG_REACH = 160
# A foreign name, a comma and what stands before a title ("the utility's operations") lie within
# this many characters before the title.
_APPOSITION_REACH = 80
_APPOSITION_MARK = re.compile(r",|\s[-–—]\s")

# Upper-case Latin letters, Vietnamese ones included ("Đ", "Ư", "Ạ").
_UP = "".join(c for c in map(chr, [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)])
              if c.isupper())
_CAP = rf"[{_UP}][^\W\d_]*"  # a capitalised word of letters
_APOSTROPHES = ("'", "’")
# the outline of a foreign name before its apposition ("Oskar Lindahl," "Choi Min-jun -")
_FOREIGN_SHAPE = re.compile(rf"[{_UP}][^\W\d_]+(?:-[^\W\d_]+)?(?:[ ]+[{_UP}][^\W\d_]+(?:-[^\W\d_]+)?){{1,3}}"
                            r"(?:,|[ ]+[-–—])")
_ABBR_RE = re.compile(r"\s*\([^()]*\)")
_SMALL_WORDS = frozenset(("of", "the", "and", "for", "at", "to", "in", "on", "under"))
# a lower-case field of work, then the body: "(director of) research at Alder Property Vietnam"
_FIELD_AT_RE = re.compile(r"([a-z][a-z\s-]*?)\s+at\s+(\S.*)", re.S)
# what an organisation before its title never contains (org_short: words, spaces, "(NA)")
_ORG_BREAK = re.compile(r"[^\w\s'’&().-]")
_UNDER_RE = re.compile(r"\s+under\s+")
_POSSESSIVE_RE = re.compile(r"'s$")   # "Thailand's energy minister": the body is Thailand


def _trie(phrases, either_case: bool = False) -> str:
    """Alternation of literal phrases as a trie of characters ('Deputy|Director' ->
    'D(?:eputy|irector)'), longer continuations first: re tries the branches of an alternation one
    by one, a trie fails in one test per character. A space matches any run of whitespace;
    `either_case` lets a capitalised word start in lower case as well ("[Dd]eputy")."""
    seqs = set()
    for p in phrases:
        atoms: list[str] = []
        for i, w in enumerate(p.split()):
            if i:
                atoms.append(r"\s+")
            first = w[0]
            if either_case and first.isupper() and first.lower() != first:
                atoms.append(f"[{first}{first.lower()}]")
            else:
                atoms.append(re.escape(first))
            atoms.extend(re.escape(c) for c in w[1:])
        if atoms:
            seqs.add(tuple(atoms))
    return "(?:" + (_node(sorted(seqs)) or "(?!)") + ")"


def _node(seqs) -> str:
    groups: dict[str, list[tuple[str, ...]]] = {}
    ends = False
    for seq in seqs:
        if not seq:
            ends = True
        else:
            groups.setdefault(seq[0], []).append(seq[1:])
    alts = [atom + _node(rests) for atom, rests in groups.items()]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if ends else body


def _words(ws) -> str:
    return _trie(ws) + r"\b"


def _with_curly(words) -> list[str]:
    """The words, plus each one with an apostrophe in its other spelling ("People's", "People’s")."""
    out = list(words)
    for w in words:
        for a, b in (_APOSTROPHES, _APOSTROPHES[::-1]):
            if a in w:
                out.append(w.replace(a, b))
    return out


def _either_case(phrases) -> str:
    """The phrases, each capitalised word matching in lower case as well ("[Dd]eputy\\s+[Dd]irector")."""
    return _trie(phrases, either_case=True)


def _lower_case(title: str) -> bool:
    """'deputy director', not 'former Deputy Prime Minister'."""
    return not any(w[:1].isupper() for w in title.split())


def plural(title: str) -> str:
    """The plural of a title's head word: Chairman -> Chairmen, Secretary -> Secretaries, CEO -> CEOs;
    in a title with 'of' the word before it ("Members of the Standing Committee")."""
    words = title.split()
    i = words.index("of") - 1 if "of" in words else len(words) - 1
    w = words[i]
    low = w.lower()
    if low.endswith("man"):
        w = w[:-3] + ("MEN" if w.isupper() else "men")
    elif low.endswith("y") and low[-2:-1] not in "aeiou":
        w = w[:-1] + "ies"
    elif low.endswith(("s", "x", "ch", "sh")):
        w = w + "es"
    else:
        w = w + "s"
    words[i] = w
    return " ".join(words)


class OfficialExtractor:
    def __init__(self, spans_key: str = SPANS_KEY) -> None:
        self.spans_key = spans_key
        d = load_patterns("official", "en")
        heads, mods, phrases = d["title_heads"], d["title_modifiers"], d["title_phrases"]
        # --- titles: as the lexicon writes them, or lower case ("deputy director"); plurals
        title = (rf"(?:{_either_case(phrases)}"
                 rf"|(?:{_either_case(mods)}\s+){{0,4}}{_either_case(heads)})(?![\w-])")
        plurals = {plural(t): t for t in [*heads, *phrases]}
        title_pl = (rf"(?:{_either_case([p for p, t in plurals.items() if ' of ' in t])}"
                    rf"|(?:{_either_case(mods)}\s+){{0,4}}"
                    rf"{_either_case([p for p, t in plurals.items() if ' of ' not in t])})(?![\w-])")
        # canonical spelling of each title word, by its lower case (capitalised variant first)
        self._canon: dict[str, str] = {}
        for phrase in sorted([*heads, *mods, *phrases], key=lambda p: p[:1].islower()):
            for w in phrase.split():
                if w[:1].isupper():
                    self._canon.setdefault(w.lower(), w)
        self._singular = {" ".join(p.lower().split()): t for p, t in plurals.items()}
        self._title_re = re.compile(title)
        # a title with up to two descriptive lower-case words before its head ("retail analyst",
        # "chief commodity strategist", "energy minister"): only where a name or an organisation
        # says it is a position (after a name and a comma, between an organisation and a name)
        # (not a modifier of the lexicon: "former Deputy Minister" is no free word and the head Deputy)
        free = (rf"(?!{_words(d['org_run_stop_words'])}|{_trie(m.lower() for m in mods)}(?![\w-]))"
                r"[a-z][a-z-]+")
        # (tried first: a title of the lexicon is also the start of a longer one)
        title_x = (rf"(?:(?:{_either_case(mods)}\s+){{0,3}}(?:{free}\s+){{1,2}}"
                   rf"{_either_case(heads)}(?![\w-])|{title})")
        # --- names
        not_name = _words(_with_curly(d["not_name_words"]))
        # a middle name may be a word that is otherwise no name ("Tran The Cuong": Thế)
        given_words = set(d["given_names_like_words"])
        not_given = _words(_with_curly([w for w in d["not_name_words"] if w not in given_words]))
        given = rf"(?!{not_given})[{_UP}][^\W\d_]+"
        vn_name = rf"{_words(d['family_names'])}(?:[ ]+{given}){{1,4}}(?![ \t]+[{_UP}]|[\w'’-])"
        any_name = rf"(?!{not_name}){_CAP}(?:[ ]+{given}){{1,3}}(?![\w'’-])"
        # A name that is neither Vietnamese nor after an honorific ("Oskar Lindahl", "Choi Min-jun")
        # is only told from other capitalised words by where it stands: after a title or before
        # an apposition with one, ending the run of capitals, a clause going on after it (not a
        # title-case headline: "Prime Minister Urges Faster Disbursement").
        hyph = rf"(?!{not_name})[{_UP}][^\W\d_]+(?:-[^\W\d_]+)?"
        foreign = rf"{hyph}(?:[ ]+{hyph}){{1,3}}(?![\w'’-])"
        foreign_end = rf"(?![ \t]+[{_UP}\d])(?=[ \t]*[,.;:)\"”’']|[ \t]+[a-z(])"
        hon1 = rf"{_trie(d['honorifics'])}(?![\w])"
        hon = rf"{hon1}(?:\s+{hon1}){{0,3}}"        # "Assoc. Prof. Dr."
        # --- organisations
        low_word = _words(_with_curly(d["org_lower_words"]))
        abbr = r"(?:\s*\([A-Z][A-Za-z&.-]{0,11}\))?"   # "National Assembly (NA)"
        # a capitalised word (not the start of a name: the organisation ends there), or one of
        # the lower-case words organisations are written with ("municipal", "division")
        # (whole words: a chain's further position may not end inside one, "... of Financ")
        org_word_any = rf"(?:(?![Tt]he\b|{_words(d['not_org_words'])})[{_UP}][\w'’&-]*(?![\w'’&-])|{low_word}){abbr}"
        # where an organisation is taken greedily (after a name), not the start of the name of
        # the next official either
        org_word = rf"(?!{vn_name}){org_word_any}"
        conn = rf"{_trie(d['org_connectors'])}(?:\s+the)?"
        # "and" may not open the next position of a chain
        org_gap = rf"(?:\s+(?!and\s+(?:the\s+)?{title}){conn})?\s+"
        # a list inside a name: "Department of Culture, Sports and Tourism"
        # Repetitions are bounded (names, organisations, chains and lists of real text are short),
        # so that text without the expected end cannot make a match attempt run on through it
        # from every start.
        org_list = (rf"(?:(?:,\s+(?!{title}){org_word}(?:\s+{org_word}){{0,4}}){{1,6}},?\s+and\s+"
                    rf"(?!(?:the\s+)?{title}){org_word}(?:\s+{org_word}){{0,4}})?")
        org = rf"{org_word}(?:{org_gap}{org_word}){{0,14}}{org_list}"
        org_lazy = rf"{org_word_any}(?:{org_gap}{org_word_any}){{0,14}}?"
        # An organisation after a name and its title runs to the end of the apposition, so it may
        # have a lower-case unit before its parent body: "(head of the) cadre management unit under
        # the municipal Department of Home Affairs".
        low_run = rf"(?:(?!{_words(d['org_run_stop_words'])})[a-z][a-z'’-]*\s+){{1,5}}"
        # or a lower-case run that ends in the head noun of a body ("(head coach of the) national
        # women's football team", "(director of the city's) construction department")
        org_free = (rf"(?:{low_run}{_words(d['org_lower_heads'])}(?![\w'’-])"
                    rf"(?:\s+(?:under|of|at|in|within)\s+(?:the\s+)?{org})?"
                    rf"|(?:{low_run}(?:under|of|at|in|within)\s+(?:the\s+)?)?{org})")
        skip = rf"(?:the\s+)?(?:{_trie(_with_curly(d['org_prefixes_skipped']))}\s+)?"
        # an organisation before its title ("Bach Mai Hospital Director", "Industry and Trade
        # Minister"): up to six words, not opening with a sentence adverb ("Meanwhile")
        org_short = (rf"(?=[{_UP}])(?!{title}|{_words(d['not_org_start_words'])})[{_UP}][\w'’&-]*"
                     rf"(?:[ ]+(?:(?:of|and|&)[ ]+(?:the[ ]+)?)?(?!{title}){org_word_any}){{0,5}}")
        # --- positions
        of = r"\s+(?:of|at|under|to|for)\s+"      # "Ambassador to Japan", "Minister for Trade"
        position = (rf"(?:{title}(?:{of}{skip}{org_free}(?:\s+at\s+{org})?)?"
                    rf"|{org_short}\s+{title})")
        # a further position of a chain; not the title of the next official ("..., Deputy
        # Director Le Van B"): no name or other capitalised word follows it
        further = (rf"(?:,\s+and\s+|,\s+|\s+and\s+)(?:the\s+)?{position}"
                   rf"(?![ \t]+[{_UP}]|,?\s+{vn_name}|{of})")   # nor a title cut off its body
        # a possessive body before the title ("Braun's coach", "the utility's operations director")
        owner = rf"(?:(?P<own_a>{_CAP}(?:[ ]+{_CAP}){{0,2}}|[a-z]+)['’]s\s+|(?P<its_a>its|their)\s+)?"
        first_a = (rf"(?:{owner}(?P<t_a>{title_x})"
                   rf"(?:{of}{skip}(?P<o_a>{org_free})(?:\s+at\s+(?P<o2_a>{org}))?)?"
                   rf"|(?:(?P<fo_a>[Ff]ormer|[Tt]hen)\s+)?(?P<oc_a>{org_short})\s+(?P<tc_a>{title}))")
        position_lazy = rf"{title}(?:{of}{skip}{org_lazy})?"
        first_b = rf"(?P<t_b>{title})(?:{of}{skip}(?P<o_b>{org_lazy}))?"
        names_list = rf"{vn_name}(?:\s*,\s*{vn_name}){{0,8}},?\s+and\s+{vn_name}"
        people = rf"""
            (?P<list_p>{names_list}),\s+(?:the\s+)?(?P<t_p>{title_pl})
                (?:{of}{skip}(?P<o_p>{org_free}))?
          | (?:(?P<hon_a>{hon})\s+(?P<name_a>{any_name})|(?P<name_a2>{vn_name})|(?P<name_a3>{foreign}))
                (?:,|[ ]+[-–—]|(?(name_a3)(?!)|(?P<link_a>\s*{_trie(d['name_title_links'])})))
                \s+(?:(?:the|a|an)\s+)?(?P<chain_a>{first_a}(?:{further}){{0,6}})
          | (?P<t_q>{title_pl})(?:{of}{skip}(?P<o_q>{org_lazy}))?,?\s+(?P<list_q>{names_list})
          | (?<!\d[ ])(?:(?={hon}\s)(?!{title})(?P<hon_b>{hon})\s+)?(?P<chain_b>{first_b}
                (?:(?:,\s+|\s+and\s+)(?:the\s+)?{position_lazy}){{0,3}}),?\s+
                (?:(?P<hon_b2>{hon})\s+(?P<name_b2>{any_name})|(?P<name_b>{vn_name})
                   |(?P<name_b3>{foreign}){foreign_end})
                (?:\s+of\s+(?:the\s+)?(?P<o_b2>{org}))?      # "Chairman Tran Van A of the ..."
          | """
        org_first = rf"""(?<![\w])(?P<org_c>{org_short})\s+(?P<title_c>{title_x})\s+(?:(?P<hon_c>{hon})\s+)?
                (?:(?P<name_c>{vn_name})|(?(hon_c)(?P<name_c3>{any_name})|(?P<name_c2>{foreign}){foreign_end}))
            """
        self._re = re.compile(people + org_first, re.VERBOSE)
        # the same without its last branch (org_title_name: the branch never matches) where no
        # title follows within the words an organisation is written with: the branch failing
        # after trying every length of organisation was much of the cost of a start that is none
        self._re_people = re.compile(people + "(?!)" + org_first, re.VERBOSE)
        self._vn_name_re = re.compile(vn_name)
        # the verb a bare "as" needs before the name ("appointed Mai Van B as Deputy Minister")
        self._appointed_re = re.compile(rf"\b{_words(d['appointing_verbs'])}\s+$")
        self._foreign_end = re.compile(foreign_end)
        self._not_before_foreign = {t.lower() for t in d["lower_titles_not_before_foreign_names"]}
        self._of_re = re.compile(rf"{of}{skip}(?P<o>{org})$")
        self._relative_titles = {" ".join(t.lower().split()) for t in d["relative_titles"]}
        self._not_positions = {" ".join(p.lower().split()) for p in d["not_positions"]}
        # A match begins with an honorific, a family name, a title, or (org_title_name) one of
        # the capitalised words just before a title.
        self._names = StartFinder(d["family_names"], d["honorifics"])
        self._titles = StartFinder((), [*phrases, *mods, *heads, *plurals])
        # a title followed by a capitalised word: the titles an organisation may stand before
        self._title_then_cap = re.compile(rf"{title}\s+[{_UP}]")
        # (?<![\w'’&-])[{_UP}] with the capital first, so re skips ahead to capitals in C
        self._cap_start = re.compile(rf"[{_UP}](?<![\w'’&-].)")

    # --- normalising the fields -----------------------------------------------------------
    def _title(self, raw: str) -> str:
        """'former  deputy director' -> 'Former Deputy Director'; 'Vice Chairmen' -> 'Vice Chairman'."""
        words = raw.split()
        low = " ".join(words).lower()
        for n in range(len(words), 0, -1):    # the plural head (with what follows it: "... of the ...")
            tail = " ".join(low.split()[len(words) - n:])
            if tail in self._singular:
                words = words[:len(words) - n] + self._singular[tail].split()
                break
        # words outside the lexicon ("retail analyst") capitalised like the lexicon's
        return " ".join(self._canon.get(w.lower(), w if w in _SMALL_WORDS else w[:1].upper() + w[1:])
                        for w in words)

    @staticmethod
    def _org(raw: str | None) -> str | None:
        if not raw:
            return None
        # the first link of the chain: "civil servant management unit (under the municipal ...)"
        raw = _UNDER_RE.split(raw, 1)[0]
        raw = _POSSESSIVE_RE.sub("", _ABBR_RE.sub("", raw).replace("’", "'"))
        return " ".join(raw.split()) or None

    def _relative(self, raw_title: str) -> bool:
        """A title whose body the chain names later: "Member of the Standing Committee and Chairman of
        ... of the X Party Committee" (X's standing committee); not "Member of the Politburo"."""
        return self._title(raw_title).lower() in self._relative_titles

    def _chain_org(self, chain: str) -> str | None:
        """The organisation of a first position that names none, from the chain: "Member of the
        Standing Committee and Chairman of ... of the X Party Committee" (the standing committee is X's)."""
        parts = re.split(r"\s+of\s+(?:the\s+)?", chain)
        if len(parts) > 1:
            m = self._of_re.search(" of " + parts[-1])
            if m:
                return m.group("o")
        return None

    @staticmethod
    @functools.lru_cache(maxsize=4096)
    def _is_place(person: str, any_length: bool = False) -> bool:
        """"Ninh Binh, Vice Chairman of ...": a province before the comma, not a person. The bare
        names the gazetteer finds that look like a Vietnamese name have two words; a person's
        name has two only rarely ("To Lam"), and then names no unit. `any_length`: a foreign name
        before an apposition ("In Hai Phong, the deputy director ..."), a place of any length."""
        find = _find_places()
        if find is None or (person.count(" ") != 1 and not any_length):
            return False
        return any(p.start == 0 and p.end == len(person) for p in find(person, "en"))

    # --- matching ---------------------------------------------------------------------------
    def candidate_starts(self, doc: Doc) -> list[int]:
        return [pos for pos, _ in self._starts(doc)]

    def _starts(self, doc: Doc) -> list[tuple[int, bool]]:
        """The candidate starts, ascending, each with whether an organisation before a title
        (org_title_name) may begin there: nothing but words, spaces and "(NA)" up to the next title."""
        text = doc_text(doc)
        titles = self._titles.starts(doc)
        # names and honorifics are capitalised ("To Lam", not "to"); titles may be in lower case
        own = {p for p in self._names.starts(doc) if text[p].isupper()}
        own.update(titles)
        caps: list[int] = []
        # the capitals up to _ORG_REACH before each title that a capitalised word follows, and
        # up to _APPOSITION_REACH before a title after a comma or dash (the foreign name of
        # "Oskar Lindahl, chief strategist at ..."), ascending, over the union of those windows:
        # each character searched once (matches_at takes the starts as a set)
        win_start = win_end = -1
        match_title = self._title_then_cap.match
        for t in titles:
            if match_title(text, t):
                lo = max(0, t - _ORG_REACH)
            else:
                lo = max(0, t - _APPOSITION_REACH)
                if not _APPOSITION_MARK.search(text, lo, t):
                    continue
            if lo <= win_end:
                win_end = t
                continue
            if win_end >= 0:
                caps += [c.start() for c in self._cap_start.finditer(text, win_start, win_end)]
            win_start, win_end = lo, t
        if win_end >= 0:
            caps += [c.start() for c in self._cap_start.finditer(text, win_start, win_end)]
        # A capital that is no name, honorific or title starts a match only as the organisation
        # before a title or as a foreign name before its apposition (name_comma_title_foreign: two
        # to four capitalised words, then a comma or dash). Most capitals of the windows are
        # neither, and the whole pattern failing at each of them was most of this stage's time.
        org_break, foreign_shape = _ORG_BREAK.search, _FOREIGN_SHAPE.match
        n, i = len(titles), 0
        out = []
        for pos in sorted(own.union(caps)):
            if text[pos].islower():     # a title in lower case: no organisation before it
                out.append((pos, False))
                continue
            while i < n and titles[i] <= pos:
                i += 1
            org_ok = i < n and not org_break(text, pos, titles[i])
            if org_ok or pos in own or foreign_shape(text, pos):
                out.append((pos, org_ok))
        return out

    def _facts(self, m: re.Match) -> list[tuple[int, int, dict, str]] | None:
        """(start, end, fields, rule) of each official in a match; None when the match is no
        official (a lower-case title with no organisation, a place taken for a name)."""
        g = m.group
        if g("list_p") or g("list_q"):
            if g("list_p"):
                names, raw_title, org, rule = "list_p", g("t_p"), g("o_p"), "official.names_plural_title"
            else:
                names, raw_title, org, rule = "list_q", g("t_q"), g("o_q"), "official.plural_title_names"
            fields = {"title": self._title(raw_title), "organization": self._org(org)}
            base = m.start(names)
            found = list(self._vn_name_re.finditer(g(names)))
            out = []
            for i, n in enumerate(found):
                # spans may not overlap: the title goes with the first name (title first) or the
                # last one (names first)
                start = m.start() if (names == "list_q" and i == 0) else base + n.start()
                end = m.end() if (names == "list_p" and i == len(found) - 1) else base + n.end()
                out.append((start, end, {"person": " ".join(n.group().split()), **fields}, rule))
            return out
        if g("chain_a"):
            person = g("name_a") or g("name_a2") or g("name_a3")
            # a foreign name before an apposition: the position is the last capitalised thing
            # there (not "In New York, President of ... Joe Doe" nor a title before the next name)
            if g("name_a3") and not self._foreign_end.match(m.string, m.end()):
                return None
            if g("t_a"):
                raw_title, org = g("t_a"), g("o_a")
                if g("o2_a"):  # "Head of Research at Savills Hanoi"
                    raw_title, org = f"{raw_title} of {org}", g("o2_a")
                elif org and (fm := _FIELD_AT_RE.match(org)):  # "senior director of research at Alder"
                    field, org = fm.groups()
                    raw_title = f"{raw_title} of {field}"
                if org is None and m.end("t_a") < m.end("chain_a") and self._relative(raw_title):
                    org = self._chain_org(g("chain_a"))
            else:  # "Politburo member and ...", "former Politburo member"
                raw_title, org = g("tc_a"), g("oc_a")
                if g("fo_a") and g("fo_a").lower() == "former":
                    raw_title = f"{g('fo_a')} {raw_title}"
            owned = g("own_a") or g("its_a")
            if org is None and g("own_a") and g("own_a")[:1].isupper():
                org = g("own_a")        # "Braun's coach"
            # a lower-case title names a position only with its organisation ("head of ...", "the
            # utility's operations director")
            if org is None and not owned and _lower_case(raw_title):
                return None
            rule = "official.name_comma_title"
            if g("link_a"):
                if " ".join(g("link_a").split()) == "as" and not self._appointed_re.search(
                        m.string, max(0, m.start() - 20), m.start()):
                    return None     # "... Nguyen Van A as head of ...": no appointment
                rule = "official.name_link_title"
        elif g("chain_b"):
            person, raw_title, org = g("name_b") or g("name_b2") or g("name_b3"), g("t_b"), g("o_b") or g("o_b2")
            # a foreign name after a word that is a title only sometimes ("the official Facebook Page")
            if g("name_b3") and org is None and " ".join(raw_title.lower().split()) in self._not_before_foreign:
                return None
            if org is None and m.end("t_b") < m.end("chain_b") and self._relative(raw_title):
                org = self._chain_org(g("chain_b"))
            rule = "official.title_org_name" if org else "official.title_name"
        else:
            person, raw_title, org = g("name_c") or g("name_c2") or g("name_c3"), g("title_c"), g("org_c")
            rule = "official.org_title_name"
        if " ".join(f"{org or ''} {raw_title}".lower().split()) in self._not_positions:
            return None     # "Party member Nguyen Van A": a membership, not a position
        person = " ".join(person.split())
        if self._is_place(person, any_length=bool(g("name_a3"))):
            return None
        if g("name_a3") or g("name_b3") or g("name_c2"):
            rule += "_foreign"      # a name told by where it stands only: its own provenance
        fields = {"person": person, "title": self._title(raw_title), "organization": self._org(org)}
        return [(m.start(), m.end(), fields, rule)]

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        taken = -1
        match, match_people = self._re.match, self._re_people.match
        for pos, org_ok in self._starts(doc):
            if pos < taken:
                continue
            m = (match if org_ok else match_people)(text, pos)
            if not m:
                continue
            facts = self._facts(m)
            if not facts:   # the words are free for a match starting inside them
                logger.debug("no official in %r", m.group())
                continue
            taken = max(m.end(), pos + 1)
            for start, end, fields, rule in facts:
                add_fact(doc, start, end, KIND, fields, rule, spans_key=self.spans_key)
        return doc


@functools.lru_cache(maxsize=1)
def _find_places():
    try:
        from extractors.gazetteer import find_places
    except ImportError:  # pragma: no cover - the gazetteer ships with the package
        return None
    return find_places


@English.factory("newsfacts_official", assigns=["doc.spans", "span._.fact"],
                 default_config={"spans_key": SPANS_KEY})
def make_official(nlp: Language, name: str, spans_key: str) -> OfficialExtractor:
    return OfficialExtractor(spans_key=spans_key)
