"""What a run shows on a terminal while it works: one line per site with its articles done out of
those due, what became of them, and an ETA. The run reports to a `RunProgress`; the quiet one is the
default, so cron and tests see nothing."""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import TaskID

# the fetch outcomes of an article URL, in the order the line shows them
OUTCOMES = ("stored", "unchanged", "skipped", "failed")


class RunProgress:
    """The events of a run; this base class ignores them all."""

    def site_started(self, site: str) -> None:
        """Discovery of `site` begins (how many articles are due is not known yet)."""

    def site_due(self, site: str, total: int) -> None:
        """`total` article URLs of `site` are due in this run."""

    def article_done(self, site: str, outcome: str) -> None:
        """One article URL of `site` was fetched (or not) with this outcome (see OUTCOMES)."""

    def site_finished(self, site: str) -> None:
        """`site` is done, completely or stopped early."""

    def note(self, text: str) -> None:
        """Work that is not one site's (re-extraction after the crawl)."""

    def close(self) -> None:
        """The run is over: leave the terminal as it was found."""


class TerminalProgress(RunProgress):
    """rich's live progress bars on `stream` (stderr): it redraws in place, so a long run stays on a
    screenful, and its TimeRemainingColumn gives the ETA from the speed so far."""

    def __init__(self, stream: TextIO):
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeRemainingColumn)

        self._progress = Progress(
            SpinnerColumn(), TextColumn("{task.description:<14}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[counts]}"), TimeRemainingColumn(),
            console=Console(file=stream), transient=False)
        self._tasks: dict[str, TaskID] = {}
        self._counts: dict[str, Counter] = {}
        self._note: TaskID | None = None
        self._progress.start()

    def site_started(self, site: str) -> None:
        self._counts[site] = Counter()
        self._tasks[site] = self._progress.add_task(site, total=None, counts="discovering")

    def site_due(self, site: str, total: int) -> None:
        self._progress.update(self._tasks[site], total=total, counts=self._text(site))

    def article_done(self, site: str, outcome: str) -> None:
        self._counts[site][outcome] += 1
        self._progress.update(self._tasks[site], advance=1, counts=self._text(site))

    def site_finished(self, site: str) -> None:
        task = self._progress.tasks[self._tasks[site]]
        # a site stopped early (robots.txt, refusals) ends at what it did, not at a bar left half full
        self._progress.update(task.id, total=task.completed, counts=self._text(site))
        self._progress.stop_task(task.id)

    def note(self, text: str) -> None:
        if self._note is None:
            self._note = self._progress.add_task("", total=None, counts="")
        self._progress.update(self._note, description=text, counts="")

    def close(self) -> None:
        self._progress.stop()

    def _text(self, site: str) -> str:
        counts = self._counts[site]
        return " · ".join(f"{name} {counts[name]}" for name in OUTCOMES if counts[name]) or ""
