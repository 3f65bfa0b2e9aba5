"""The run's progress (pipeline/jobs/progress.py): the nightly job reports each site's due articles and what
became of each; on a terminal that is a live line per site with counts and an ETA, under cron nothing."""
from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

from conftest import generic_site_config, run_cli
from pipeline.config import load_config
from pipeline.jobs.progress import RunProgress
from pipeline.jobs.run import run

PAGES = Path(__file__).parent / "fixtures" / "generic"


class Recorded(RunProgress):
    def __init__(self):
        self.events: list[tuple] = []

    def site_started(self, site):
        self.events.append(("started", site))

    def site_due(self, site, total):
        self.events.append(("due", site, total))

    def article_done(self, site, outcome):
        self.events.append(("done", site, outcome))

    def site_finished(self, site):
        self.events.append(("finished", site))


def serve(routes, broken: bool) -> None:
    pages = {"/news/ads-story-page.html": (PAGES / "split_by_ads.html").read_bytes(),
             "/news/form-story-page.html": (PAGES / "form_wrapped.html").read_bytes()}
    if broken:
        pages["/news/noise-story-page.html"] = os.urandom(30_000)
    routes.add_site("https://progress.example", pages)


def test_the_run_reports_each_site_its_due_articles_and_each_outcome(tmp_path, http_site):
    base, routes = http_site
    serve(routes, broken=True)
    generic_site_config(tmp_path, "progress", "https://progress.example", base)
    cfg = load_config(tmp_path / "newsfacts.toml", env={},
                      overrides={"warehouse": tmp_path / "warehouse.duckdb"})
    first = Recorded()
    run(cfg, progress=first)
    assert first.events[:2] == [("started", "progress"), ("due", "progress", 3)]
    assert sorted(e[2] for e in first.events if e[0] == "done") == ["failed", "stored", "stored"]
    assert first.events[-1] == ("finished", "progress")
    again = Recorded()
    run(cfg, progress=again)    # the two good pages answer 304 now; the broken one is tried again
    assert sorted(e[2] for e in again.events if e[0] == "done") == ["failed", "unchanged", "unchanged"]


def on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run the command with stderr on a pseudo-terminal, as a person at a shell would; returns its exit
    code and what the terminal showed, escape sequences removed."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFACTS_")}
    child = subprocess.Popen([sys.executable, "-m", "pipeline", *args], cwd=cwd, env=env,
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    shown = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:     # the child closed its end
                break
            if not chunk:
                break
            shown += chunk
        elif child.poll() is not None:
            break
    os.close(master)
    return child.wait(timeout=60), re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown.decode("utf-8", "replace"))


def test_a_terminal_shows_each_site_with_its_counts_and_cron_sees_nothing(tmp_path, http_site):
    base, routes = http_site
    serve(routes, broken=True)
    generic_site_config(tmp_path, "progress", "https://progress.example", base)
    code, shown = on_a_terminal(["run"], tmp_path)
    assert code == 3     # the broken page makes the run partial
    last = [line for line in shown.splitlines() if "progress" in line and "3/3" in line][-1]
    assert "stored 2" in last and "failed 1" in last and "0:00:00" in last   # counts and the ETA column

    quiet = tmp_path / "quiet"
    quiet.mkdir()
    serve(routes, broken=False)
    routes.pages.pop("/news/noise-story-page.html")
    generic_site_config(quiet, "progress", "https://progress.example", base)
    cron = run_cli("run", cwd=quiet)
    assert cron.returncode == 0 and cron.stdout == "" and cron.stderr == ""
