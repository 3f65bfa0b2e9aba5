"""`newsfacts run --dry-run` (pipeline/jobs/dryrun.py): the article URLs a run would fetch and why, from the
site's robots.txt and sitemap as the run reads them; no article is fetched and nothing is written."""
from __future__ import annotations

from pathlib import Path

from conftest import generic_site_config, run_cli

PAGES = Path(__file__).parent / "fixtures" / "generic"
REAL = "https://planned.example"


def listed(out: str) -> dict[str, str]:
    """url -> plan from the table the dry run prints."""
    rows = [line.split() for line in out.splitlines()[2:] if line.startswith("planned ")]
    return {url.removeprefix(REAL): plan for _, url, *words in rows for plan in [" ".join(words)]}


def files(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def test_a_dry_run_lists_what_a_run_would_fetch_and_touches_nothing(tmp_path, http_site):
    base, routes = http_site
    routes.add_site(REAL, {"/news/ads-story-page.html": (PAGES / "split_by_ads.html").read_bytes(),
                           "/news/form-story-page.html": (PAGES / "form_wrapped.html").read_bytes(),
                           "/news/gone-story-page.html": "<html></html>"})
    routes.add("/news/gone-story-page.html", "down", status=500, content_type="text/plain")
    generic_site_config(tmp_path, "planned", REAL, base, "max_articles = 2\n")

    before = len(routes.requests)
    first = run_cli("run", "--dry-run", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert listed(first.stdout) == {"/news/ads-story-page.html": "new", "/news/form-story-page.html": "new",
                                    "/news/gone-story-page.html": "over limit"}
    assert "planned: 2 article URLs would be fetched (2 new, 0 stored, 0 retried), 1 over max_articles" \
        in first.stdout
    asked = [path for _, path, _ in routes.requests[before:]]
    assert "/robots.txt" in asked and "/sitemap.xml" in asked and not any("story" in p for p in asked)
    assert not (tmp_path / "warehouse.duckdb").exists() and not (tmp_path / "corpus").exists()

    (tmp_path / "newsfacts.toml").write_text((tmp_path / "newsfacts.toml").read_text()
                                             .replace("max_articles = 2", "max_articles = 5"))
    assert run_cli("run", cwd=tmp_path).returncode == 3        # the third page fails: a partial run
    written = files(tmp_path)
    again = run_cli("run", "--dry-run", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert listed(again.stdout) == {"/news/ads-story-page.html": "stored", "/news/form-story-page.html": "stored",
                                    "/news/gone-story-page.html": "retry"}
    assert files(tmp_path) == written       # no run row, no frontier row, no raw page, no replica refresh


def test_a_dry_run_of_a_site_that_cannot_be_read_says_so(tmp_path, http_site):
    base, routes = http_site
    routes.add("/robots.txt", "busy", status=503, content_type="text/plain")
    generic_site_config(tmp_path, "planned", REAL, base)
    out = run_cli("run", "--dry-run", cwd=tmp_path)
    assert out.returncode == 69 and out.stderr.count("\n") == 1 and "robots.txt unavailable" in out.stderr
    assert run_cli("run", "--dry-run", "--demo", cwd=tmp_path).returncode == 2
