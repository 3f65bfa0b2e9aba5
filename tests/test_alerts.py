"""The on_failure hook (pipeline/jobs/alerts.py): a run that does not end ok pings a URL with its summary, or
runs a command with it on stdin; an ok run calls nothing; a hook that fails changes no exit code."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from conftest import generic_site_config, run_cli

PAGE = (Path(__file__).parent / "fixtures" / "generic" / "split_by_ads.html").read_bytes()


def site(routes, *, broken: bool) -> None:
    pages = {"/news/good-story-page.html": PAGE}
    if broken:
        pages["/news/noise-story-page.html"] = os.urandom(30_000)
    routes.add_site("https://alerting.example", pages)
    routes.add("/ping/fail", "ok", content_type="text/plain")


def config(tmp_path, base: str, hook: str) -> None:
    generic_site_config(tmp_path, "alerting", "https://alerting.example", base, f"on_failure = {json.dumps(hook)}\n")


def test_a_partial_run_pings_the_url_with_its_summary(tmp_path, http_site):
    base, routes = http_site
    site(routes, broken=True)
    config(tmp_path, base, f"{base}/ping/fail")
    out = run_cli("run", cwd=tmp_path)
    assert out.returncode == 3
    (path, headers, body), = routes.posts
    report = json.loads(body)
    assert path == "/ping/fail" and headers["Content-Type"] == "application/json"
    assert report["status"] == "partial" and report["exit_code"] == 3 and "1 failed" in report["message"]


def test_a_command_hook_gets_the_summary_on_stdin_and_an_ok_run_calls_nothing(tmp_path, http_site):
    base, routes = http_site
    site(routes, broken=False)
    got = tmp_path / "alert.json"
    hook = f"{sys.executable} -c \"import sys; open({str(got)!r}, 'w').write(sys.stdin.read())\""
    config(tmp_path, base, hook)
    assert run_cli("run", cwd=tmp_path).returncode == 0
    assert not got.exists() and routes.posts == []
    site(routes, broken=True)
    routes.add("/robots.txt", "", status=503)         # the site cannot be crawled at all: exit 69
    out = run_cli("run", cwd=tmp_path)
    assert out.returncode == 69
    assert json.loads(got.read_text())["exit_code"] == 69


def test_a_hook_that_fails_leaves_the_exit_code_alone(tmp_path, http_site):
    base, routes = http_site
    site(routes, broken=True)
    config(tmp_path, base, f"{base}/no-such-ping")
    out = run_cli("run", cwd=tmp_path)
    assert out.returncode == 3 and "on_failure" in out.stderr
