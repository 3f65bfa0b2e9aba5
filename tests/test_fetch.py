from pipeline.config import Config
from pipeline.crawl.discover import canonicalize, discover, fetch_robots, parse_feed, parse_sitemap
from pipeline.crawl.fetch import Fetcher

REAL = "https://news.example"

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>a</title><link>https://news.example/a-1.html</link></item>
<item><title>b</title><link>/b-2.html</link></item></channel></rss>"""
EMPTY_FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
INDEX = """<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://news.example/sm-1.xml</loc></sitemap></sitemapindex>"""
URLSET = """<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://news.example/c-3.html</loc><lastmod>2024-05-01</lastmod></url></urlset>"""


def fetcher_for(base: str, **kw) -> Fetcher:
    return Fetcher(Config(url_map={REAL: base}, allow_loopback=True, delay_seconds=0, **kw), backoff_base=0.01)


def test_feed_sitemap_index_and_robots(http_site):
    base, routes = http_site
    routes.add("/robots.txt", "User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n"
                              "Sitemap: https://news.example/sitemap.xml\n", content_type="text/plain")
    routes.add("/rss/home.rss", FEED, content_type="application/rss+xml")
    routes.add("/rss/empty.rss", EMPTY_FEED, content_type="application/rss+xml")
    routes.add("/sitemap.xml", INDEX, content_type="application/xml")
    routes.add("/sm-1.xml", URLSET, content_type="application/xml")
    fetcher = fetcher_for(base)
    robots, res = fetch_robots(fetcher, REAL)
    assert res.ok and robots.crawl_delay == 2
    assert not robots.allowed(REAL + "/private/x.html", "newsfacts")
    urls, fetches = discover(fetcher, REAL, ("/rss/home.rss", "/rss/empty.rss"), ("/sitemap.xml",), robots)
    assert urls == ["https://news.example/a-1.html", "https://news.example/b-2.html",
                    "https://news.example/c-3.html"]
    assert [f.outcome for f in fetches] == ["ok"] * 4
    assert {p for _, p, _ in routes.requests} == {"/robots.txt", "/rss/home.rss", "/rss/empty.rss",
                                                  "/sitemap.xml", "/sm-1.xml"}


def test_max_sitemaps_bounds_the_sitemaps_read(http_site):
    base, routes = http_site
    routes.add("/sitemap.xml", INDEX, content_type="application/xml")
    routes.add("/sm-1.xml", URLSET, content_type="application/xml")
    for limit, want in ((1, []), (2, ["https://news.example/c-3.html"])):
        routes.requests.clear()
        fetcher = fetcher_for(base, max_sitemaps=limit)
        urls, fetches = discover(fetcher, REAL, (), ("/sitemap.xml",), fetch_robots(fetcher, REAL)[0])
        assert urls == want and len(fetches) == limit
        assert [p for _, p, _ in routes.requests if p != "/robots.txt"] == ["/sitemap.xml", "/sm-1.xml"][:limit]


def test_robots_status_semantics(http_site):
    base, routes = http_site
    robots, _ = fetch_robots(fetcher_for(base), REAL)            # 404: no rules
    assert robots.allowed(REAL + "/anything", "newsfacts")
    routes.add("/robots.txt", "down", status=503, content_type="text/plain")
    robots, _ = fetch_robots(fetcher_for(base), REAL)            # 5xx: nothing allowed this run
    assert not robots.allowed(REAL + "/anything", "newsfacts")


def test_conditional_get_and_failures_are_results(http_site):
    base, routes = http_site
    routes.add("/a-1.html", "<p>x</p>", ETag='"v1"')
    routes.add("/big.html", b"x" * 5000)
    routes.add("/err.html", "boom", status=500)
    fetcher = fetcher_for(base, max_page_bytes=1000)
    first = fetcher.get(REAL + "/a-1.html")
    assert first.ok and first.etag == '"v1"' and first.body == b"<p>x</p>"
    again = fetcher.get(REAL + "/a-1.html", etag=first.etag)
    assert (again.outcome, again.status, again.body) == ("unchanged", 304, b"")
    assert routes.requests[-1][2].get("If-None-Match") == '"v1"'
    big = fetcher.get(REAL + "/big.html")
    assert big.outcome == "failed" and "1000 bytes" in big.reason
    err = fetcher.get(REAL + "/err.html")
    assert (err.outcome, err.status, err.reason) == ("failed", 500, "HTTP 500")


def test_loopback_refused_unless_allowed(http_site):
    base, _ = http_site
    res = Fetcher(Config(delay_seconds=0)).get(base + "/a.html")
    assert res.outcome == "skipped" and "non-public" in res.reason


def test_unreachable_host_is_a_failed_result():
    res = Fetcher(Config(allow_loopback=True, delay_seconds=0, connect_timeout=2),
                  backoff_base=0.01).get("http://127.0.0.1:9/x")
    assert res.outcome == "failed" and res.reason.startswith("connection error")


def test_per_host_delay_is_respected(http_site):
    base, routes = http_site
    routes.add("/p.html", "<p>x</p>")
    fetcher = Fetcher(Config(url_map={REAL: base}, allow_loopback=True, delay_seconds=0.3))
    for _ in range(3):
        fetcher.get(REAL + "/p.html")
    times = [t for t, _, _ in routes.requests]
    assert all(b - a >= 0.29 for a, b in zip(times, times[1:]))


def test_a_delay_set_for_a_site_spaces_the_requests_to_where_it_is_served(http_site):
    base, routes = http_site
    routes.add("/p.html", "<p>x</p>")
    fetcher = Fetcher(Config(url_map={REAL: base}, allow_loopback=True, delay_seconds=0))
    fetcher.set_delay(REAL, 0.3)      # a robots.txt Crawl-delay, set by the real site's URL
    for _ in range(3):
        fetcher.get(REAL + "/p.html")
    times = [t for t, _, _ in routes.requests]
    assert all(b - a >= 0.29 for a, b in zip(times, times[1:]))


def test_canonicalize():
    assert canonicalize("HTTPS://News.Example:443/a.html?utm_source=x&id=3#top") == \
        "https://news.example/a.html?id=3"
    assert canonicalize("http://news.example:8080") == "http://news.example:8080/"
    assert canonicalize("https://news.example/en/a-story/") == canonicalize("https://news.example/en/a-story")


def test_parsers_tolerate_junk():
    assert parse_feed(b"<<not xml", REAL) == []
    assert parse_sitemap(b"", REAL) == ([], [])


def test_listing_pages_are_followed_to_their_next_pages(http_site):
    base, routes = http_site
    page = '<html><body><a href="/a-{n}.html">story</a><a href="/b-{n}.html">story</a>{next}</body></html>'
    routes.add("/news", page.format(n=1, next='<a class="pager-next" href="/news?page=2">Next</a>'))
    routes.add("/news?page=2", page.format(n=2, next='<link rel="next" href="/news?page=3">'))
    routes.add("/news?page=3", page.format(n=3, next='<a href="/news">Next</a>'))   # loops back: stop
    fetcher = fetcher_for(base)
    robots, _ = fetch_robots(fetcher, REAL)
    urls, fetches = discover(fetcher, REAL, (), (), robots, ("/news",))
    assert [u.rsplit("/", 1)[1] for u in urls if "/a-" in u or "/b-" in u] == \
        ["a-1.html", "b-1.html", "a-2.html", "b-2.html", "a-3.html", "b-3.html"]
    assert [p for _, p, _ in routes.requests if p.startswith("/news")] == ["/news", "/news?page=2", "/news?page=3"]
    routes.requests.clear()
    urls, _ = discover(fetcher_for(base, max_listing_pages=2), REAL, (), (), robots, ("/news",))
    assert [p for _, p, _ in routes.requests if p.startswith("/news")] == ["/news", "/news?page=2"]
    assert not [u for u in urls if "-3.html" in u]
