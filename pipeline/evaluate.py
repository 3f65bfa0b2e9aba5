"""Scoring extracted facts against a gold set exactly as FACTS.md says (`newsfacts eval`)."""
from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from extractors.kinds import FIGURE_KINDS, KINDS
from pipeline.jobs.documents import Document, parse_published, extract_documents
from pipeline.errors import InputError, MissingInputError
from pipeline.sites.language import guess_language, language_code

SET_KINDS = tuple(name for name, spec in KINDS.items() if spec.scored_as_set)
# the kinds whose figure is `value`: a prediction agrees when its value (and value_max) does
VALUE_KINDS = tuple(name for name, spec in KINDS.items() if "value" in spec.fields)


@dataclass(slots=True)
class KindScore:
    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else (1.0 if not self.predicted else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Report:
    kinds: dict[str, KindScore] = field(default_factory=lambda: {k: KindScore() for k in KINDS})
    accuracy: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)
    wrong_fields: list[tuple[str, dict, dict]] = field(default_factory=list)
    output_digest: str = ""    # sha256 of every predicted fact, in document order (see evaluate)

    @property
    def overall(self) -> KindScore:
        total = KindScore()
        for s in self.kinds.values():
            total.gold += s.gold
            total.predicted += s.predicted
            total.matched += s.matched
        return total

    def as_dict(self) -> dict:
        out: dict[str, Any] = {k: {"gold": s.gold, "predicted": s.predicted, "matched": s.matched,
                   "precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4)}
               for k, s in self.kinds.items()}
        o = self.overall
        out["overall"] = {"gold": o.gold, "predicted": o.predicted, "matched": o.matched,
                          "precision": round(o.precision, 4), "recall": round(o.recall, 4),
                          "f1": round(o.f1, 4)}
        out["accuracy"] = {key: round(ok / n, 4) if n else None for key, (ok, n) in sorted(self.accuracy.items())}
        return out


def _same_number(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(b)))


def figures_agree(pred: dict, gold: dict) -> bool:
    kind = gold["kind"]
    if kind in VALUE_KINDS:
        if not _same_number(pred.get("value"), gold.get("value")):
            return False
        return "value_max" not in gold or _same_number(pred.get("value_max"), gold["value_max"])
    if kind == "ratio":
        return (_same_number(pred.get("numerator"), gold.get("numerator"))
                and _same_number(pred.get("denominator"), gold.get("denominator")))
    if kind == "date":
        return str(pred.get("date") or "").startswith(str(gold.get("date")))
    if kind == "period":
        return pred.get("period_start") == gold.get("period_start") and \
            pred.get("period_end") == gold.get("period_end")
    return False


def _overlap(a: dict, b: dict) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def fold(text: str | None) -> str:
    """Case-, space-, diacritic- and apostrophe-insensitive form (đ/Đ fold to d, ’ to ')."""
    text = unicodedata.normalize("NFKD", (text or "").replace("đ", "d").replace("Đ", "D").translate(_APOSTROPHES))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def _account(report: Report, key: str, ok: bool, pred: dict, gold: dict) -> None:
    report.accuracy[key][1] += 1
    if ok:
        report.accuracy[key][0] += 1
    else:
        report.wrong_fields.append((key, pred, gold))


def _word_f1(a: str | None, b: str | None) -> float:
    wa, wb = fold(a).split(), fold(b).split()
    if not wa or not wb:
        return 0.0
    common = sum(min(wa.count(w), wb.count(w)) for w in set(wa))
    if not common:
        return 0.0
    p, r = common / len(wa), common / len(wb)
    return 2 * p * r / (p + r)


def _analysis_accuracy(report: Report, pred: dict, gold: dict) -> None:
    """FACTS.md "What a figure is about", over matched figures of a gold set that carries it: place
    (name folded, and level), reference period (both ends, an absent end equal only to an absent
    one), measure (word F1 of the two phrases >= 0.5)."""
    if gold["kind"] not in FIGURE_KINDS:
        return
    if gold.get("place"):
        _account(report, "place:figures", fold(pred.get("place")) == fold(gold["place"])
                 and pred.get("place_level") == gold.get("place_level"), pred, gold)
    _account(report, "ref:figures", (str(pred.get("ref_start") or ""), str(pred.get("ref_end") or ""))
             == (str(gold.get("ref_start") or ""), str(gold.get("ref_end") or "")), pred, gold)
    if gold.get("measure"):
        _account(report, "measure:figures", _word_f1(pred.get("measure"), gold["measure"]) >= 0.5, pred, gold)


def _field_accuracy(report: Report, pred: dict, gold: dict) -> None:
    kind = gold["kind"]
    for name in KINDS[kind].scored_fields:
        if name == "qualifier" and not (pred.get(name) or gold.get(name)):
            continue
        if name != "qualifier" and gold.get(name) is None:
            continue
        _account(report, f"{name}:{kind}", fold(pred.get(name)) == fold(gold.get(name)), pred, gold)


def score_document(report: Report, predicted: list[dict], gold: list[dict], analysis: bool = False) -> None:
    """`analysis`: the gold carries the analysis fields (measure, place, ref), so score them too."""
    for kind in KINDS:
        preds = [p for p in predicted if p["kind"] == kind]
        golds = [g for g in gold if g["kind"] == kind]
        if kind in SET_KINDS:
            _score_sets(report, kind, preds, golds)
            continue
        report.kinds[kind].gold += len(golds)
        report.kinds[kind].predicted += len(preds)
        used: set[int] = set()
        for g in golds:
            best, best_overlap = None, 0
            for i, p in enumerate(preds):
                if i in used or not figures_agree(p, g):
                    continue
                ov = _overlap(p, g)
                if ov > best_overlap:
                    best, best_overlap = i, ov
            if best is None:
                report.misses.append(g)
                continue
            used.add(best)
            report.kinds[kind].matched += 1
            _field_accuracy(report, preds[best], g)
            if analysis:
                _analysis_accuracy(report, preds[best], g)
        report.spurious += [p for i, p in enumerate(preds) if i not in used]


def _score_sets(report: Report, kind: str, preds: list[dict], golds: list[dict]) -> None:
    key: Callable[[dict], object]
    if kind == "official":
        key = lambda f: fold(f.get("person"))  # noqa: E731
    else:
        key = lambda f: (fold(f.get("doc_type")), fold(f.get("doc_number")).replace(" ", ""))  # noqa: E731
    gold_by, pred_by = defaultdict(list), defaultdict(list)
    for g in golds:
        gold_by[key(g)].append(g)
    for p in preds:
        pred_by[key(p)].append(p)
    score = report.kinds[kind]
    score.gold += len(gold_by)
    score.predicted += len(pred_by)
    for k, gs in gold_by.items():
        if k not in pred_by:
            report.misses.append(gs[0])
            continue
        score.matched += 1
        for name in KINDS[kind].scored_fields:
            wanted = {fold(g.get(name)) for g in gs if g.get(name)}
            if wanted:
                got = {fold(p.get(name)) for p in pred_by[k]}
                _account(report, f"{name}:{kind}", bool(wanted & got), pred_by[k][0], gs[0])
    report.spurious += [ps[0] for k, ps in pred_by.items() if k not in gold_by]


def load_gold(gold_dir: Path) -> tuple[list[Document], dict[str, list[dict]]]:
    docs_path, facts_path = gold_dir / "docs.jsonl", gold_dir / "facts.jsonl"
    for path in (docs_path, facts_path):
        if not path.is_file():
            raise MissingInputError(f"{path}: no such file (a gold set is docs.jsonl + facts.jsonl)")
    docs = []
    for lineno, line in enumerate(docs_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            language = language_code(obj.get("lang") or obj.get("language")) or guess_language(obj["text"])
            docs.append(Document(str(obj["id"]), obj["text"], parse_published(obj.get("published"),
                                 f"{docs_path}:{lineno}"), language))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"{docs_path}:{lineno}: not a gold document ({type(exc).__name__})") from None
    facts: dict[str, list[dict]] = defaultdict(list)
    for lineno, line in enumerate(facts_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            facts[obj["doc"]].append(obj)
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"{facts_path}:{lineno}: not a gold fact ({type(exc).__name__})") from None
    return docs, facts


def evaluate(gold_dir: Path) -> Report:
    docs, gold = load_gold(gold_dir)
    predicted: dict[str, list[dict]] = defaultdict(list)
    digest = hashlib.sha256()
    for record in extract_documents(docs):
        predicted[record["doc"]].append(record)
        # the whole output, not the scores: a change that leaves the F1 alone still changes this
        digest.update(json.dumps(record, sort_keys=True, ensure_ascii=False, default=str).encode() + b"\n")
    report = Report(output_digest=digest.hexdigest())
    annotated = {doc_id for doc_id, facts in gold.items()
                 if any(f.get("measure") or f.get("place") for f in facts)}
    for doc in docs:
        score_document(report, predicted[doc.id], gold.get(doc.id, []), doc.id in annotated)
    return report


def format_report(report: Report, show_errors: bool = False) -> str:
    lines = [f"{'kind':<12}{'gold':>6}{'pred':>6}{'match':>7}{'P':>8}{'R':>8}{'F1':>8}"]
    rows: Iterable[tuple[str, KindScore]] = [*report.kinds.items(), ("overall", report.overall)]
    for kind, s in rows:
        lines.append(f"{kind:<12}{s.gold:>6}{s.predicted:>6}{s.matched:>7}"
                     f"{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}")
    if report.accuracy:
        lines.append("")
        lines.append("field accuracy over matched facts:")
        for key, (ok, n) in sorted(report.accuracy.items()):
            lines.append(f"  {key:<24}{ok:>5}/{n:<5}{ok / n:>7.3f}")
    if show_errors:
        fmt = lambda f: json.dumps({k: v for k, v in f.items() if k != "doc"}, ensure_ascii=False)  # noqa: E731
        lines += ["", f"misses ({len(report.misses)}):"] + [f"  {m.get('doc')}: {fmt(m)}" for m in report.misses]
        lines += ["", f"spurious ({len(report.spurious)}):"] + \
                 [f"  {s.get('doc')}: {fmt(s)}" for s in report.spurious]
        lines += ["", f"wrong fields ({len(report.wrong_fields)}):"] + \
                 [f"  {k} {p.get('doc')}: got {fmt(p)} want {fmt(g)}" for k, p, g in report.wrong_fields]
    return "\n".join(lines) + "\n"
