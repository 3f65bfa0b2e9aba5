"""The documentation a user clones: it names no path of a developer's machine, and the README's layout
section names the modules that exist."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# where a developer's checkout or scratch files lived; a user's clone has none of them
MACHINE_PATHS = re.compile(r"(?<![\w.])/(?:work|home|Users|root)/[\w.-]+")
TEXT = ("*.md", "*.py", "*.toml", "*.cfg", "*.txt")


def tracked_text_files() -> list[Path]:
    skip = {".git", ".venv", "node_modules", "__pycache__", "corpus"}
    return [p for pattern in TEXT for p in ROOT.rglob(pattern)
            if not skip & set(p.relative_to(ROOT).parts)]


def test_no_developer_machine_path_in_docs_or_code():
    found = [f"{p.relative_to(ROOT)}:{n}: {m.group(0)}"
             for p in tracked_text_files() if p != Path(__file__).resolve()
             for n, line in enumerate(p.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
             for m in [MACHINE_PATHS.search(line)] if m]
    assert found == []


def test_the_readme_layout_names_modules_that_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("\n## Layout", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`((?:pipeline|extractors)/[\w/]+(?:\.py)?/?)`", layout))
    assert named, "the layout section names no module"
    missing = sorted(n for n in named if not (ROOT / n.rstrip("/")).exists())
    assert missing == []
