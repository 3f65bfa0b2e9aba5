"""Synthetic news articles for the benchmarks: `python bench/generate.py OUT_DIR -n 10000 --seed 1 [--lang vi]`.

Writes, streamed (memory does not grow with N):
  OUT_DIR/pages/hanoitimes.vn/NNN/<slug>-<id>.html      Hanoi Times layout (as corpus/snapshot/)
  OUT_DIR/pages/www.vietnam.vn/NNN/<slug>.html          vietnam.vn/en layout
  OUT_DIR/pages/kinhtedothi.vn/NNN/<slug>-<id>.html     kinhtedothi.vn layout (--lang vi only)
  OUT_DIR/docs.jsonl                                    {"id", "url", "published", "title", "text"}
  OUT_DIR/pages.txt                                     page paths in article order

Article i depends only on (seed, i), so any N is a prefix of a larger N. Texts are in the genre of the
snapshot (Hanoi districts, budgets, Party inspections, ...), 200-2,000 words, and carry every kind of
fact (count, percentage, ratio, rank, money, quantity, date, period, official, document) through ~60
sentence templates, mixed with sentences that carry none. `text` is exactly the body_text that
`pipeline.sites.parse_page` returns for the page (checked by `--check`).

`--lang vi` writes Vietnamese articles instead (generate_vi.py: kinhtedothi.vn pages, 52 templates,
Vietnamese number, date and document formats); use another OUT_DIR than the English corpus. The English
output does not depend on the Vietnamese code.
"""
from __future__ import annotations

import argparse
import html
import json
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from generate_vi import kinhtedothi_html, make_article_vi

VN_TZ = timezone(timedelta(hours=7))
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MON3 = [m[:3] for m in MONTHS]
NUM_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth"]
PERIOD_MONTHS = {3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
                 10: "ten", 11: "eleven"}

DISTRICTS = ["Ba Dinh", "Hoan Kiem", "Dong Da", "Hai Ba Trung", "Long Bien", "Cau Giay", "Tay Ho",
             "Thanh Xuan", "Hoang Mai", "Ha Dong", "Nam Tu Liem", "Bac Tu Liem", "Soc Son", "Dong Anh",
             "Gia Lam", "Me Linh", "Chuong My", "Thach That", "Quoc Oai", "Ba Vi", "Phuc Tho",
             "Dan Phuong", "Hoai Duc", "Thanh Oai", "My Duc", "Ung Hoa", "Thuong Tin", "Phu Xuyen",
             "Thanh Tri", "Son Tay"]
SURNAMES = ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ho", "Ngo", "Duong"]
MIDDLE = ["Van", "Thi", "Quoc", "Minh", "Thanh", "Duc", "Huu", "Ngoc", "Hong", "Xuan", "Dinh"]
GIVEN = ["Hung", "Lan", "Phong", "Thuy", "Son", "Huong", "Tuan", "Ha", "Long", "Dung", "Vinh", "Hien",
         "Quang", "Anh", "Trang", "Hai", "Thiem", "Chau", "Binh", "Khoa"]
TITLES = ["Chairman", "Vice Chairman", "Vice Chairwoman", "Director", "Deputy Director", "Secretary",
          "Deputy Secretary", "Standing Deputy Secretary", "Head"]
CITY_BODIES = ["the Hanoi People's Committee", "the Hanoi Department of Finance",
               "the Hanoi Department of Planning and Investment", "the Hanoi Department of Transport",
               "the Hanoi Department of Education and Training", "the Hanoi Department of Tourism",
               "the Hanoi Department of Industry and Trade", "the Hanoi Tax Department",
               "the Hanoi Statistics Office", "the Hanoi Department of Health"]
DOC_TYPES = [("Decision", "QD-UBND"), ("Plan", "KH-UBND"), ("Directive", "CT-UBND"), ("Resolution", "NQ-HDND"),
             ("Conclusion", "KL-TU"), ("Official Letter", "UBND-KT")]
TOPICS = ["budget", "investment", "inspection", "education", "tourism", "infrastructure", "health", "agriculture"]
NOUNS = {
    "budget": ["revenue items", "tax offices", "enterprises", "business households", "invoices"],
    "investment": ["projects", "investors", "foreign-invested enterprises", "industrial clusters", "licences"],
    "inspection": ["Party members", "Party organizations", "inspections", "denunciations", "petitions"],
    "education": ["classrooms", "schools", "teachers", "students", "candidates"],
    "tourism": ["hotels", "tour guides", "travel agencies", "tourist sites", "festivals"],
    "infrastructure": ["bridges", "roads", "households", "land plots", "construction sites"],
    "health": ["clinics", "hospitals", "doctors", "vaccination points", "patients"],
    "agriculture": ["cooperatives", "OCOP products", "farms", "communes", "households"],
}
HEADLINES = {
    "budget": "{d} collects VND{a} trillion in {p}",
    "investment": "{d} attracts US${a} billion in investment in {p}",
    "inspection": "{d} Party inspection commission handles {n} cases in {p}",
    "education": "{d} adds {n} classrooms for the new school year",
    "tourism": "{d} welcomes {n} thousand visitors in {p}",
    "infrastructure": "{d} clears {n} ha for Ring Road 4 project",
    "health": "{d} vaccinates {n} percent of adults",
    "agriculture": "{d} has {n} OCOP products rated three stars or more",
}
FILLER = [
    "The meeting was attended by representatives of departments, agencies and localities.",
    "Local authorities said the results reflected the efforts of the whole political system.",
    "Residents welcomed the changes, saying that procedures had become simpler and faster.",
    "The district will continue to review the implementation and report to the city.",
    "Officials noted that some units were still slow in completing their assigned tasks.",
    "Businesses called for clearer guidance on land, taxes and administrative procedures.",
    "The city has identified digital transformation as a key driver of growth in the coming years.",
    "Experts said the figures showed a steady recovery after a difficult period.",
    "Many communes have mobilized people to contribute land and labor for public works.",
    "The working delegation also visited several production facilities in the area.",
    "Difficulties remain in site clearance, especially for projects that affect many households.",
    "The committee requested agencies to strengthen coordination and share data in a timely manner.",
]


class Gen:
    """Sentence templates filled from one article's random state."""

    def __init__(self, rng: random.Random, year: int, month: int, district: str, topic: str):
        self.r, self.year, self.month, self.district, self.topic = rng, year, month, district, topic
        self.noun = lambda: rng.choice(NOUNS[topic])

    # --- figures ------------------------------------------------------------------------
    def int_(self, lo: int, hi: int) -> str:
        return f"{self.r.randint(lo, hi):,}"

    def pct(self) -> str:
        v = round(self.r.uniform(0.5, 99.5), self.r.choice([0, 1, 1, 2]))
        v = int(v) if float(v).is_integer() else v
        return self.r.choice([f"{v}%", f"{v} percent", f"{v} per cent"])

    def money(self) -> str:
        r = self.r
        return r.choice([f"VND {r.randint(1, 999):,} billion", f"VND{round(r.uniform(1, 300), 1)} trillion",
                         f"US${round(r.uniform(1, 20), 2)} billion", f"VND {r.randint(100, 99_000):,} billion",
                         f"US${r.randint(2, 900)} million", f"VND{r.randint(2, 900)} million"])

    def person(self) -> str:
        r = self.r
        return f"{r.choice(SURNAMES)} {r.choice(MIDDLE)} {r.choice(GIVEN)}"

    def official(self) -> str:
        r = self.r
        body = r.choice(CITY_BODIES + [f"the {self.district} District People's Committee",
                                       f"the {self.district} District Party Committee"])
        title = r.choice(TITLES)
        return r.choice([f"{title} of {body} {self.person()}",
                         f"{r.choice(['Mr.', 'Ms.'])} {self.person()}, {title} of {body},"])

    def date(self) -> str:
        r = self.r
        m = r.randint(1, 12)
        return r.choice([f"{MONTHS[m - 1]} {r.randint(1, 28)}", f"{MONTHS[m - 1]} {r.randint(1, 28)}, {self.year}",
                         f"the end of {MONTHS[m - 1]} {self.year}"])

    def period(self) -> str:
        r = self.r
        k = max(3, min(11, self.month - 1))
        return r.choice([f"the first {PERIOD_MONTHS[k]} months of {self.year}", f"the first half of {self.year}",
                         f"Q{r.randint(1, 4)}/{self.year}", f"the first quarter of {self.year}",
                         f"the {self.year}-{self.year + 5} period",
                         f"from {MONTHS[r.randint(0, 5)]} to {MONTHS[r.randint(6, 11)]} {self.year}"])

    def document(self) -> str:
        r = self.r
        kind, suffix = r.choice(DOC_TYPES)
        num = f"{r.randint(10, 9999)}/{suffix}"
        issued = f" dated {MONTHS[r.randint(0, 11)]} {r.randint(1, 28)}, {self.year - r.randint(0, 2)}" \
            if r.random() < 0.4 else ""
        return f"{kind} {r.choice(['No. ', ''])}{num}{issued}"

    def quantity(self) -> str:
        r = self.r
        return r.choice([f"{r.randint(2, 3000):,} ha", f"about {r.randint(20, 900)} hectares",
                         f"{r.randint(2, 90)} working days", f"{r.randint(2, 60)} km",
                         f"{r.randint(1000, 90000):,} square meters", f"more than {r.randint(2, 48)} months"])

    def ratio(self) -> str:
        r = self.r
        den = r.randint(10, 2000)
        num = r.randint(1, den)
        return r.choice([f"{num:,}/{den:,} {self.noun()}", f"{num:,} out of {den:,} {self.noun()}",
                         f"{num:,} of the {den:,} {self.noun()}"])

    def rank(self) -> str:
        r = self.r
        n = r.randint(1, 30)
        suf = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return r.choice([f"ranked {n}{suf}/30 districts", f"ranked {r.choice(ORDINALS)}",
                         f"ranked {n}{suf} among 63 provinces and cities"])

    def count(self) -> str:
        r = self.r
        return r.choice([f"{r.randint(2, 9000):,} {self.noun()}", f"{r.choice(NUM_WORDS)} {self.noun()}",
                         f"more than {r.randint(10, 50000):,} {self.noun()}"])

    # --- sentences ----------------------------------------------------------------------
    def sentence(self) -> str:
        r, d = self.r, self.district
        t = r.randrange(30)   # 23..29: a sentence without facts (about a quarter)
        if t == 0:
            return f"In {self.period()}, {d} district's revenue reached {self.money()}, equal to {self.pct()} of the plan."
        if t == 1:
            return f"{self.official()} said the district had completed {self.ratio()}, reaching {self.pct()}."
        if t == 2:
            return f"As of {self.date()}, the city had disbursed {self.money()}, up {self.pct()} year-on-year."
        if t == 3:
            return f"The district's administrative reform index {self.rank()}, up {r.randint(1, 9)}.{r.randint(1, 9)} percentage points."
        if t == 4:
            return f"Under {self.document()}, {d} must clear {self.quantity()} for the project before {self.date()}."
        if t == 5:
            return f"The authorities inspected {self.count()} and found violations at {self.count()}."
        if t == 6:
            return f"{self.official()} asked agencies to implement {self.document()} and to report by {self.date()}."
        if t == 7:
            return f"Some {self.count()} took part, while {self.ratio()} met the standards."
        if t == 8:
            return f"Total registered capital was {self.money()}, while {self.count()} resumed operation in {self.period()}."
        if t == 9:
            return f"The project covers {self.quantity()} and is expected to take {self.quantity()} to complete."
        if t == 10:
            return f"The rate of dossiers settled on time stood at {self.pct()}, and {self.ratio()} were submitted online."
        if t == 11:
            return f"In {self.period()}, {d} {self.rank()} in the city's competitiveness rankings."
        if t == 12:
            return f"According to {self.official()} the sector earned {self.money()} in {self.period()}."
        if t == 13:
            return f"On {self.date()}, the delegation worked with {self.count()} in {d}."
        if t == 14:
            return f"Retail sales rose {self.pct()} to {self.money()}, and exports increased {self.pct()}."
        if t == 15:
            return f"The plan sets a target of {self.pct()} for {self.period()}, as required by {self.document()}."
        if t == 16:
            return f"{d} district received {self.count()} and resolved {self.ratio()} within {self.quantity()}."
        if t == 17:
            return f"Land-use fees were only {self.money()}, or {self.pct()} of the annual estimate."
        if t == 18:
            return f"Meeting on {self.date()}, {self.official()} praised the results."
        if t == 19:
            return f"The GRDP growth rate in {self.period()} was {self.pct()}, which {self.rank()}."
        if t == 20:
            return f"The city built {self.quantity()} of new roads and planted {self.count()} in {self.period()}."
        if t == 21:
            return f"{r.choice(NUM_WORDS).capitalize()} out of {r.randint(12, 40)} targets were met, and spending reached {self.money()}."
        if t == 22:
            return f"{self.document()} was issued to guide {self.count()} in {self.period()}."
        return r.choice(FILLER)


def _ord(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def make_article(seed: int, i: int) -> dict:
    """Article i: url, site, title, lead, published (aware datetime), author, paragraphs, subheads."""
    r = random.Random(f"{seed}:{i}")
    topic = r.choice(TOPICS)
    district = r.choice(DISTRICTS)
    published = datetime(2019, 1, 1, tzinfo=VN_TZ) + timedelta(days=r.randint(0, 7 * 365 - 1),
                                                                   minutes=r.randint(6 * 60, 22 * 60))
    g = Gen(r, published.year, published.month, district, topic)
    pname = f"the first {PERIOD_MONTHS[max(3, min(11, published.month - 1))]} months"
    title = HEADLINES[topic].format(d=district, a=round(r.uniform(1, 300), 1), n=r.randint(3, 950), p=pname)
    # Lengths 200-2,000 words, skewed towards shorter pieces as real news is.
    target = int(200 + 1700 * r.random() ** 1.6)
    paragraphs: list[str] = []
    words = 0
    while words < target:
        para = " ".join(g.sentence() for _ in range(r.randint(2, 5)))
        if r.random() < 0.08 and paragraphs:
            paragraphs.append(r.choice(["Growth drivers", "Key tasks ahead", "Results so far",
                                        f"Targets for {published.year + 1}", "Remaining difficulties"]))
        paragraphs.append(para)
        words += len(para.split())
    lead = f"{district} district reported {g.count()} and {g.money()} in {g.period()}, local authorities said."
    site = "hanoitimes" if r.random() < 0.6 else "vietnamvn"
    slug = "-".join(w.lower() for w in "".join(c if c.isalnum() or c == " " else " " for c in title).split())[:80]
    slug = slug.rstrip("-")
    if site == "hanoitimes":
        url = f"https://hanoitimes.vn/{slug}-{300000 + i}.html"
    else:
        url = f"https://www.vietnam.vn/en/{slug}-{i}/"
    return dict(id=f"syn-{i:06d}", url=url, site=site, title=title, lead=lead, published=published,
                author=g.person(), paragraphs=paragraphs)


def _e(s: str) -> str:
    return html.escape(s, quote=False)


def hanoitimes_html(a: dict) -> str:
    p = a["published"]
    body = "\n".join(f"<h2>{_e(x)}</h2>" if len(x.split()) < 6 else f"<p>{_e(x)}</p>" for x in a["paragraphs"])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{_e(a['title'])} | The Hanoi Times</title>
<link rel="canonical" href="{a['url']}">
<meta property="og:type" content="article">
<meta property="og:title" content="{html.escape(a['title'])}">
<meta property="og:url" content="{a['url']}">
<meta property="article:published_time" content="{p.isoformat()}">
</head>
<body class="page-detail">
<header class="site-header"><nav class="main-nav"><ul><li><a href="https://hanoitimes.vn/politics">Politics</a></li><li><a href="https://hanoitimes.vn/economy">Economy</a></li></ul></nav></header>
<main class="container">
  <article class="article-detail">
    <h1 class="article-title">{_e(a['title'])}</h1>
    <div class="article-meta">
      <span class="article-author">{_e(a['author'])}</span>
      <span class="article-date">{MON3[p.month - 1]} {p.day:02d}, {p.year} / {p.hour:02d}:{p.minute:02d}</span>
    </div>
    <div class="article-sapo"><p>{_e(a['lead'])}</p></div>
    <div class="article-content">
{body}
    </div>
    <div class="article-share">Share: <a href="#" class="share-fb">Facebook</a></div>
  </article>
</main>
<footer class="site-footer"><p>&copy; The Hanoi Times. All rights reserved.</p></footer>
</body>
</html>
"""


def vietnamvn_html(a: dict) -> str:
    p = a["published"]
    body = "\n".join(f"<h2>{_e(x)}</h2>" if len(x.split()) < 6 else f"<p>{_e(x)}</p>" for x in a["paragraphs"])
    return f"""<!doctype html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<title>{_e(a['title'])} - Vietnam.vn</title>
<link rel="canonical" href="{a['url']}">
<meta property="og:type" content="article">
<meta property="og:url" content="{a['url']}">
<meta property="article:published_time" content="{p.isoformat()}">
</head>
<body class="single single-post">
<div id="page" class="site">
<main id="main" class="site-main">
<article class="post type-post">
  <header class="entry-header">
    <h1 class="post-title entry-title">{_e(a['title'])}</h1>
    <div class="post-meta">
      <span class="post-author">By <a href="https://www.vietnam.vn/en/author/x/">{_e(a['author'])}</a></span>
      <time class="post-date entry-date published" datetime="{p.isoformat()}">{p.day:02d}/{p.month:02d}/{p.year} {p.hour:02d}:{p.minute:02d}</time>
    </div>
  </header>
  <div class="post-content entry-content">
<p class="post-sapo"><strong>{_e(a['lead'])}</strong></p>
{body}
<p>Source: <a href="https://kinhtedothi.vn/{a['id']}.html">https://kinhtedothi.vn/{a['id']}.html</a></p>
<div class="post-share"><span>Share</span> <a class="share-facebook" href="#">Facebook</a></div>
  </div>
</article>
</main>
</div>
</body>
</html>
"""


def page_path(out: Path, a: dict, i: int) -> Path:
    shard = f"{i // 1000:03d}"
    if a["site"] == "kinhtedothi":
        return out / "pages" / "kinhtedothi.vn" / shard / a["url"].rsplit("/", 1)[1]
    if a["site"] == "hanoitimes":
        return out / "pages" / "hanoitimes.vn" / shard / a["url"].rsplit("/", 1)[1]
    return out / "pages" / "www.vietnam.vn" / shard / (a["url"].rstrip("/").rsplit("/", 1)[1] + ".html")


def body_text(a: dict) -> str:
    return "\n".join(a["paragraphs"])


MAKERS = {"en": make_article, "vi": make_article_vi}
RENDER = {"hanoitimes": hanoitimes_html, "vietnamvn": vietnamvn_html, "kinhtedothi": kinhtedothi_html}


def _stamp(out: Path) -> tuple[int, int, int, str] | None:
    """(n, seed, pages, lang) of the corpus under out; English stamps have no language field."""
    stamp = Path(out) / ".done"
    if not stamp.exists():
        return None
    n, seed, pages, *lang = stamp.read_text().split(":")
    return int(n), int(seed), int(pages), (lang[0] if lang else "en")


def generate(out: Path, n: int, seed: int = 1, pages: bool = True, lang: str = "en") -> Path:
    """Write n articles in `lang` ("en" or "vi") under out; return the docs.jsonl path. Reuses a corpus of
    >= n articles with the same seed and language (article i does not depend on n; readers take a prefix)."""
    out = Path(out)
    stamp = out / ".done"
    make = MAKERS[lang]
    key = f"{n}:{seed}:{int(pages)}" + ("" if lang == "en" else f":{lang}")
    have = _stamp(out)
    if have is not None:
        have_n, have_seed, have_pages, have_lang = have
        if have_n >= n and have_seed == seed and have_pages >= int(pages) and have_lang == lang:
            return out / "docs.jsonl"
    stamp.unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "docs.jsonl", "w", encoding="utf-8") as docs, \
            open(out / "pages.txt", "w", encoding="utf-8") as manifest:
        for i in range(n):
            a = make(seed, i)
            if pages:
                path = page_path(out, a, i)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(RENDER[a["site"]](a), encoding="utf-8")
                manifest.write(str(path.relative_to(out)) + "\n")
            docs.write(json.dumps({"id": a["id"], "url": a["url"], "published": a["published"].date().isoformat(),
                                   "title": a["title"], "text": body_text(a)}, ensure_ascii=False) + "\n")
    stamp.write_text(key)
    return out / "docs.jsonl"


def page_paths(out: Path):
    """Page paths in article order (from the manifest), streamed."""
    with open(Path(out) / "pages.txt", encoding="utf-8") as fh:
        for line in fh:
            yield Path(out) / line.rstrip("\n")


def read_docs(path: Path, limit: int | None = None):
    """(id, text, published date) per line, streamed."""
    from datetime import date
    with open(path, encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            if limit is not None and k >= limit:
                return
            d = json.loads(line)
            yield d["id"], d["text"], date.fromisoformat(d["published"])


def check(out: Path, sample: int = 200) -> dict:
    """parse_page on generated pages: complete, same body and title; which fact kinds appear."""
    from collections import Counter

    import extractors
    from pipeline.sites import parse_page
    _, seed, _, lang = _stamp(out)
    make = MAKERS[lang]
    kinds: Counter | None = Counter()
    words = []
    bad = 0
    docs = {}
    with open(out / "docs.jsonl", encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            if k >= sample:
                break
            d = json.loads(line)
            docs[d["url"]] = d
    for i, (url, d) in enumerate(docs.items()):
        a = make(seed, i)
        parsed = parse_page(page_path(out, a, i).read_text(encoding="utf-8"), "")
        if not (parsed.complete and parsed.body_text == d["text"] and parsed.title == d["title"]
                and parsed.canonical_url == url):
            bad += 1
            if bad <= 3:
                print("MISMATCH", url, parsed.complete, parsed.title, repr(parsed.body_text[:200]),
                      repr(d["text"][:200]), file=sys.stderr)
        words.append(len(d["text"].split()))
        if lang == "en":
            kinds.update(f.kind for f in extractors.extract_facts(d["text"]))
        elif kinds is not None:
            try:
                kinds.update(f.kind for f in next(extractors.extract_many([(d["text"], None)], lang=lang)))
            except (TypeError, ValueError, LookupError) as exc:   # no extractors for the language (yet)
                print(f"facts not counted: extract_many(lang={lang!r}) failed: {type(exc).__name__}: {exc}",
                      file=sys.stderr)
                kinds = None
    return dict(checked=len(docs), mismatches=bad, min_words=min(words), max_words=max(words),
                mean_words=sum(words) / len(words), facts_by_kind=None if kinds is None else dict(kinds))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-pages", action="store_true", help="docs.jsonl only")
    ap.add_argument("--check", action="store_true", help="parse a sample of pages back and compare")
    ap.add_argument("--lang", choices=sorted(MAKERS), default="en",
                    help="en: Hanoi Times and vietnam.vn pages; vi: kinhtedothi.vn pages in Vietnamese")
    args = ap.parse_args(argv)
    generate(args.out, args.n, args.seed, pages=not args.no_pages, lang=args.lang)
    if args.check:
        print(json.dumps(check(args.out), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
