"""The accuracy gate: extractor scores on the gold sets never drop below their pinned floors."""
import json
import subprocess
from pathlib import Path

import pytest

from extractors import EXTRACTOR_VERSION
from pipeline.evaluate import evaluate

HERE = Path(__file__).resolve().parent
FLOORS_PATH = HERE / "gold" / "floors.json"
FLOORS = json.loads(FLOORS_PATH.read_text(encoding="utf-8"))
DIGESTS_PATH = HERE / "gold" / "output_digests.json"
SEEDS = HERE.parent.parent / "shared" / "gold" / "seeds"   # beside the repo, when it is there
GOLD_DIRS = {"train": HERE / "gold" / "train", "test": HERE / "gold" / "test", "seeds": SEEDS,
             "snapshot": HERE / "gold" / "snapshot", "vi_train": HERE / "gold" / "vi" / "train",
             "vi_dev": HERE / "gold" / "vi" / "dev", "vi_test": HERE / "gold" / "vi" / "test",
             # the news-style English set (tests/gold/news): gated once the lead pins its floors
             "news_train": HERE / "gold" / "news" / "train", "news_test": HERE / "gold" / "news" / "test"}
IN_REPO_SETS = {name: path for name, path in GOLD_DIRS.items() if name != "seeds"}


@pytest.fixture(scope="module")
def scores():
    return {}


@pytest.mark.parametrize("name", list(GOLD_DIRS))
def test_scores_at_or_above_floors(name, scores):
    if not GOLD_DIRS[name].is_dir():
        pytest.skip(f"{GOLD_DIRS[name]} is not here (the seeds live outside the repo)")
    if name not in FLOORS["sets"]:
        pytest.skip(f"{name}: no floors pinned in tests/gold/floors.json yet (a new set is not gated "
                    f"until its floors are added)")
    result = evaluate(GOLD_DIRS[name])
    if name in IN_REPO_SETS:
        scores[name] = result.output_digest
    report = result.as_dict()
    floor = FLOORS["sets"][name]
    assert report["overall"]["f1"] >= floor["overall_f1"]
    low = {k: report[k]["f1"] for k, f in floor["kind_f1"].items() if report[k]["f1"] < f}
    assert low == {}, f"{name}: kinds below their floors {low}"
    for key in ("unit:count", "unit:ratio"):
        assert report["accuracy"][key] >= floor[key], f"{name}: {key} {report['accuracy'][key]}"
    for key, value in floor.get("analysis", {}).items():   # place, reference period, measure
        assert report["accuracy"][key] >= value, f"{name}: {key} {report['accuracy'][key]}"


def test_floors_meet_the_targets_or_say_why():
    known = FLOORS["known_below_target"]
    for name, floor in FLOORS["sets"].items():
        if name in ("train", "snapshot", "vi_train", "vi_dev", "news_train"):
            continue  # the targets are for the seeds and the held-out splits
        targets = FLOORS["targets_vi"] if name.startswith("vi_") else FLOORS["targets"]
        assert floor["overall_f1"] >= targets["overall_f1"] or f"{name}:overall_f1" in known
        for kind, value in floor["kind_f1"].items():
            assert value >= targets["kind_f1"] or f"{name}:{kind}" in known, (name, kind)
        for key in ("unit:count", "unit:ratio"):
            assert floor[key] >= targets[key] or f"{name}:{key}" in known, (name, key)


def test_the_extraction_output_is_the_one_pinned_for_this_extractor_version(scores):
    """Stored articles are re-extracted only when EXTRACTOR_VERSION changes, so facts that change under an
    unchanged version would leave old articles with stale facts: the output of every gold set is pinned per
    version (tests/gold/pin_digests.py), and a different output needs a new version."""
    pinned = json.loads(DIGESTS_PATH.read_text(encoding="utf-8"))
    assert EXTRACTOR_VERSION in pinned, (f"EXTRACTOR_VERSION {EXTRACTOR_VERSION} has no pinned output: run "
                                         f"python tests/gold/pin_digests.py")
    now = {name: scores.get(name) or evaluate(path).output_digest for name, path in IN_REPO_SETS.items()}
    changed = sorted(name for name in now if pinned[EXTRACTOR_VERSION].get(name) != now[name])
    assert changed == [], (f"the facts of {changed} changed under EXTRACTOR_VERSION {EXTRACTOR_VERSION}: bump "
                           f"it in extractors/__init__.py and run python tests/gold/pin_digests.py")


def test_a_pinned_output_is_never_changed_afterwards():
    """Every committed version of output_digests.json agrees on each version it pins (a digest edited to
    fit a changed output, instead of a version bump, fails here on any clone with its history)."""
    try:
        log = subprocess.run(["git", "log", "--format=%H", "--", "tests/gold/output_digests.json"],
                             cwd=HERE.parent, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        pytest.skip("git is not available")
    if log.returncode != 0 or not log.stdout.strip():
        pytest.skip("no git history of tests/gold/output_digests.json (not a git checkout, or a shallow one)")
    seen: dict[str, dict] = json.loads(DIGESTS_PATH.read_text(encoding="utf-8"))
    for commit in log.stdout.split():
        shown = subprocess.run(["git", "show", f"{commit}:tests/gold/output_digests.json"], cwd=HERE.parent,
                               capture_output=True, text=True, timeout=30)
        if shown.returncode != 0:
            continue
        for version, digests in json.loads(shown.stdout).items():
            assert seen.setdefault(version, digests) == digests, \
                f"the pinned output of {version} was changed in {commit[:10]} or later; bump the version instead"


def _committed_floors() -> dict | None:
    try:
        out = subprocess.run(["git", "show", "HEAD:tests/gold/floors.json"], cwd=HERE, capture_output=True,
                             text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return json.loads(out.stdout) if out.returncode == 0 else None


def test_no_floor_lowered_since_the_last_commit():
    before = _committed_floors()
    if before is None:
        pytest.skip("no committed floors.json to compare with (not a git checkout)")
    lowered = []
    for name, old in before["sets"].items():
        new = FLOORS["sets"].get(name, {})
        for key in ("overall_f1", "unit:count", "unit:ratio"):
            if new.get(key, 0) < old[key]:
                lowered.append(f"{name}:{key}")
        for kind, value in old["kind_f1"].items():
            if new.get("kind_f1", {}).get(kind, 0) < value:
                lowered.append(f"{name}:{kind}")
    assert lowered == [], f"floors lowered: {lowered}; raise the code, not the floor"


# --- the consistency checks on their own gold (tests/gold/checks/README.md) ----------------------
CHECKS_GOLD = HERE / "gold" / "checks"
CHECK_FLOORS = FLOORS["checks"]


@pytest.fixture(scope="module")
def checks_scores():
    from pipeline.checks.gold import evaluate_checks

    return {name: report.as_dict() for name, report in evaluate_checks(CHECKS_GOLD).items()}


@pytest.mark.parametrize("split", list(CHECK_FLOORS["sets"]))
def test_checks_at_or_above_floors(split, checks_scores):
    """Precision and recall of the checks' warnings and errors, the real extractors and checks over
    the checks gold's texts in a DuckDB warehouse."""
    overall = checks_scores[split]["overall"]
    floor = CHECK_FLOORS["sets"][split]
    assert overall["gold"] >= 25, f"{split}: the checks gold lost its expected findings"
    assert overall["precision"] >= floor["precision"], (split, overall)
    assert overall["recall"] >= floor["recall"], (split, overall)


def test_checks_floors_meet_the_targets_on_the_held_out_split():
    targets, held_out = CHECK_FLOORS["targets"], CHECK_FLOORS["sets"]["test"]
    assert held_out["precision"] >= targets["precision"] and held_out["recall"] >= targets["recall"]


def test_no_checks_floor_lowered_since_the_last_commit():
    before = _committed_floors()
    if before is None or "checks" not in before:
        pytest.skip("no committed checks floors to compare with")
    lowered = [f"checks:{split}:{key}" for split, old in before["checks"]["sets"].items() for key, value in old.items()
               if CHECK_FLOORS["sets"].get(split, {}).get(key, 0) < value]
    assert lowered == [], f"floors lowered: {lowered}; raise the code, not the floor"
