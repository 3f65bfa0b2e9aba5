"""Shared helpers for the benchmarks: machine facts, timing, result files."""
from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
DEFAULT_CORPUS = Path(os.environ.get("NEWSFACTS_BENCH_CORPUS", "/tmp/newsfacts-bench/corpus"))

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))


def machine() -> dict:
    import duckdb
    import spacy
    mem = ""
    try:
        mem = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return dict(nproc=os.cpu_count(), cpu=cpu, free_h=mem, python=platform.python_version(),
                spacy=spacy.__version__, duckdb=duckdb.__version__, platform=platform.platform(),
                loadavg_at_start=os.getloadavg())


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - started, out


def median_of(fn, runs: int = 5) -> tuple[float, list[float]]:
    times = [timed(fn)[0] for _ in range(runs)]
    return statistics.median(times), times


def run_child_json(script: str, tree: Path, *args: str) -> dict:
    """`script --child --tree TREE args` in a child process with TREE's code first on the path; the
    JSON object its last line of output holds (the A/B benchmarks' one round on one tree)."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    cmd = [sys.executable, str(Path(script).resolve()), "--child", "--tree", str(tree), *args]
    done = subprocess.run(cmd, env=env, cwd=tree, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def write_result(name: str, data: dict) -> Path:
    RESULTS.mkdir(exist_ok=True)
    data = {"bench": name, "finished": time.strftime("%Y-%m-%d %H:%M:%S"), "loadavg_at_end": os.getloadavg(),
            **data}
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, indent=1, default=str) + "\n")
    return path


def verdict(ok: bool | None) -> str:
    return "unmeasured" if ok is None else ("MET" if ok else "MISSED")
