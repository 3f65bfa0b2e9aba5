"""Telling someone that a nightly run did not end well: the `on_failure` hook of the config.

An http(s) URL is POSTed the run's summary as JSON (healthchecks.io and most alerting services take
a ping like that); anything else is a command, run without a shell (split like a shell would), with
the same JSON on its stdin and NEWSFACTS_RUN_STATUS / NEWSFACTS_EXIT_CODE in its environment. A hook
that fails is logged and changes nothing: the run's own exit code stands.
"""
from __future__ import annotations

import json
import logging
import os
import shlex
import subprocess
from typing import Any

import requests

log = logging.getLogger(__name__)

HOOK_SECONDS = 30.0


def notify_failure(hook: str | None, report: dict[str, Any], user_agent: str) -> bool:
    """Run the hook with `report` (run_id, status, exit_code, message ...); True if it went out."""
    if not hook:
        return False
    body = json.dumps(report, ensure_ascii=False, default=str)
    try:
        if hook.startswith(("http://", "https://")):
            answer = requests.post(hook, data=body.encode("utf-8"), timeout=HOOK_SECONDS,
                                   headers={"Content-Type": "application/json", "User-Agent": user_agent})
            if answer.status_code >= 400:
                log.warning("on_failure %s answered %s", hook, answer.status_code)
                return False
            return True
        env = {**os.environ, "NEWSFACTS_RUN_STATUS": str(report.get("status")),
               "NEWSFACTS_EXIT_CODE": str(report.get("exit_code"))}
        done = subprocess.run(shlex.split(hook), input=body, text=True, env=env, timeout=HOOK_SECONDS,
                              capture_output=True)
        if done.returncode:
            log.warning("on_failure command exited %d: %s", done.returncode, done.stderr.strip()[:300])
            return False
        return True
    except (requests.RequestException, OSError, subprocess.SubprocessError, ValueError) as exc:
        log.warning("on_failure hook %r failed: %s", hook, exc)
        return False
