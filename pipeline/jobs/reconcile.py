"""End-of-run reconciliation: stored raw files, articles rows and fetches outcomes must agree."""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from pipeline.store.warehouse import Warehouse

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Reconciliation:
    articles_without_raw: int = 0       # an article whose raw page is gone: data lost
    articles_without_fetch: int = 0     # an article no 'stored' fetch accounts for
    orphan_raw_files: int = 0           # raw files no fetch row names (left by a killed run)

    @property
    def consistent(self) -> bool:
        return not (self.articles_without_raw or self.articles_without_fetch)

    def __str__(self) -> str:
        return (f"reconciliation: {self.articles_without_raw} articles without raw page, "
                f"{self.articles_without_fetch} without a stored fetch, "
                f"{self.orphan_raw_files} unreferenced raw files")


def _raw_files(root: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    if not root.is_dir():
        return found
    for sub in os.scandir(root):
        if sub.is_dir():
            for entry in os.scandir(sub.path):
                if entry.name.endswith(".html.gz") and not entry.name.startswith("."):
                    found[entry.name[:-len(".html.gz")]] = Path(entry.path)
    return found


def reconcile(wh: Warehouse, raw_root: Path, sites: list[str]) -> Reconciliation:
    files = _raw_files(raw_root)
    result = Reconciliation()
    for sha, fetched in wh.raw_pages_of_articles(sites):
        result.articles_without_raw += sha not in files
        result.articles_without_fetch += not fetched
    result.orphan_raw_files = len(files.keys() - wh.referenced_raw_pages())
    (log.info if result.consistent else log.warning)("%s", result)
    return result
