"""What `pip install newsfacts` (not editable) ships: every package of the source tree and its data."""
from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_of_the_tree_is_listed_for_setuptools():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
                 ["tool"]["setuptools"]["packages"])
    in_tree = {".".join(p.parent.relative_to(ROOT).parts)
               for top in ("pipeline", "extractors") for p in (ROOT / top).rglob("__init__.py")
               if "__pycache__" not in p.parts}
    assert in_tree - listed == set(), "packages a non-editable install would leave out"
