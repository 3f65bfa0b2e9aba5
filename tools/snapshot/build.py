"""Build corpus/snapshot/ from the article texts in ht.py, vn.py, ktdt.py and extra.py: `python tools/snapshot/build.py`."""
import html
import json
import os
import shutil
import unicodedata
from datetime import datetime
from email.utils import format_datetime

import ht
import ktdt
import vn
from extra import EXTRA

OUT = os.environ.get("SNAPSHOT_OUT", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "corpus", "snapshot"))
VI_WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]


def nfc(s):
    return unicodedata.normalize("NFC", s)


def esc(s, quote=False):
    return html.escape(nfc(s), quote=quote)


def ht_esc(s, quote=False):
    # Hanoi Times pages emit typographic characters as entities, as many CMSes do.
    return esc(s, quote).replace("’", "&#8217;").replace("–", "&ndash;")


def write(path, text):
    full = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8", newline="\n") as f:
        f.write(nfc(text))


def paras_of(a):
    ps = list(a["paras"])
    extra = EXTRA.get(a["slug"], [])
    return ps[:-1] + extra + ps[-1:] if extra else ps


def jsonld(obj):
    return ('<script type="application/ld+json">'
            + json.dumps(obj, ensure_ascii=False, indent=1) + "</script>")


# ---------------------------------------------------------------- Hanoi Times
HT = "https://hanoitimes.vn"


def ht_url(a):
    return f"{HT}/{a['slug']}{a['sep']}{a['id']}.html"


def ht_body(a, idx, related):
    ps = paras_of(a)
    out = []
    fig_at = 2 if len(ps) > 4 else 1
    rel_at = (len(ps) * 2) // 3
    inline_caption = idx % 4 == 1     # some pages put the caption in a centred paragraph
    inline_readmore = idx % 5 == 2    # some use a one-line "Read more:" paragraph instead of a box
    for i, p in enumerate(ps):
        if i == fig_at:
            img = f"https://hanoitimes.vn/upload/{a['date'][:4]}/{a['date'][5:7]}/{a['slug'][:24]}.jpg"
            if inline_caption:
                out.append(f'<p style="text-align:center"><img src="{img}" alt="" width="800"></p>')
                out.append(f'<p style="text-align:center"><em>{ht_esc(a["caption"])}</em></p>')
            else:
                out.append(f'<figure class="article-image"><img src="{img}" alt="{ht_esc(a["title"], True)}">'
                           f'<figcaption>{ht_esc(a["caption"])}</figcaption></figure>')
        if i == rel_at:
            if inline_readmore:
                r = related[0]
                out.append(f'<p><strong>Read more:</strong> <a href="{ht_url(r)}">{ht_esc(r["title"])}</a></p>')
            else:
                items = "".join(f'<li><a href="{ht_url(r)}">{ht_esc(r["title"])}</a></li>' for r in related)
                out.append(f'<div class="related-box"><div class="related-box__title">Read more</div><ul>{items}</ul></div>')
        if p.startswith("## "):
            out.append(f"<h2>{ht_esc(p[3:])}</h2>")
        else:
            out.append(f"<p>{ht_esc(p)}</p>")
    return "\n".join(out)


def ht_page(a, idx, all_articles):
    url = ht_url(a)
    dt = datetime.fromisoformat(a["date"])
    others = [o for o in all_articles if o is not a]
    related = [others[(idx + k) % len(others)] for k in (1, 4, 7)]
    heads = []
    if a["mode"] == "meta":
        heads.append(f'<meta property="article:published_time" content="{a["date"]}">')
    if a["mode"] == "jsonld":
        art = {"@type": "NewsArticle", "headline": nfc(a["title"]), "description": nfc(a["sapo"]),
               "datePublished": a["date"], "dateModified": a["date"],
               "author": {"@type": "Person", "name": a["author"]},
               "publisher": {"@type": "Organization", "name": "The Hanoi Times",
                             "logo": {"@type": "ImageObject", "url": f"{HT}/static/img/logo.png"}},
               "mainEntityOfPage": {"@type": "WebPage", "@id": url}}
        if idx % 2:   # one style uses a plain object, the other a @graph
            heads.append(jsonld({"@context": "https://schema.org", **art}))
        else:
            heads.append(jsonld({"@context": "https://schema.org", "@graph": [
                {"@type": "WebSite", "@id": f"{HT}/#website", "url": f"{HT}/", "name": "The Hanoi Times"},
                art]}))
    crumbs = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "Home", "item": f"{HT}/"},
        {"@type": "ListItem", "position": 2, "name": a["section"],
         "item": f"{HT}/{a['section'].lower().replace(' ', '-')}"}]}
    dateline = dt.strftime("%b %d, %Y / %H:%M")
    sec = a["section"].lower().replace(" ", "-")
    most_read = "".join(f'<li><a href="{ht_url(o)}">{ht_esc(o["title"])}</a></li>' for o in others[:5])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{ht_esc(a['title'])} | The Hanoi Times</title>
<meta name="description" content="{ht_esc(a['sapo'], True)}">
<link rel="canonical" href="{url}">
<link rel="alternate" type="application/rss+xml" title="The Hanoi Times" href="{HT}/rss/home.rss">
<meta property="og:site_name" content="The Hanoi Times">
<meta property="og:type" content="article">
<meta property="og:title" content="{ht_esc(a['title'], True)}">
<meta property="og:description" content="{ht_esc(a['sapo'], True)}">
<meta property="og:url" content="{url}">
<meta property="og:image" content="{HT}/upload/{a['date'][:4]}/{a['date'][5:7]}/{a['slug'][:24]}.jpg">
{chr(10).join(heads)}
<meta property="article:section" content="{a['section']}">
{jsonld(crumbs)}
<link rel="stylesheet" href="/static/css/main.css?v=2.4.1">
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body class="page-detail">
<header class="site-header">
  <div class="topbar"><span class="topbar__date">Hanoi, Vietnam</span> <a href="/search">Search</a> <a href="/newsletter">Newsletter</a></div>
  <div class="logo"><a href="{HT}/"><img src="/static/img/logo.png" alt="The Hanoi Times"></a></div>
  <nav class="main-nav"><ul>
    <li><a href="{HT}/politics">Politics</a></li><li><a href="{HT}/economy">Economy</a></li>
    <li><a href="{HT}/society">Society</a></li><li><a href="{HT}/travel">Travel</a></li>
    <li><a href="{HT}/infrastructure">Infrastructure</a></li><li><a href="{HT}/real-estate">Real Estate</a></li>
  </ul></nav>
</header>
<main class="container">
  <div class="breadcrumb"><a href="{HT}/">Home</a> &rsaquo; <a href="{HT}/{sec}">{a['section']}</a></div>
  <article class="article-detail">
    <h1 class="article-title">{ht_esc(a['title'])}</h1>
    <div class="article-meta">
      <span class="article-author">{ht_esc(a['author'])}</span>
      <span class="article-date">{dateline}</span>
    </div>
    <div class="article-sapo"><p>{ht_esc(a['sapo'])}</p></div>
    <div class="article-content">
{ht_body(a, idx, related)}
    </div>
    <div class="article-tags"><span>Tags:</span> <a href="{HT}/tag/hanoi">Hanoi</a> <a href="{HT}/tag/{sec}">{a['section']}</a></div>
    <div class="article-share">Share: <a href="#" class="share-fb">Facebook</a> <a href="#" class="share-tw">Twitter</a> <a href="#" class="share-mail">Email</a></div>
  </article>
  <section class="related-news"><h3>Related news</h3><ul>{"".join(f'<li><a href="{ht_url(r)}">{ht_esc(r["title"])}</a></li>' for r in related)}</ul></section>
  <aside class="sidebar"><h3>Most read</h3><ol>{most_read}</ol></aside>
</main>
<footer class="site-footer">
  <p>The Hanoi Times &ndash; the voice of the capital. Licence No. 12/GP-BTTTT.</p>
  <p>Editor-in-chief: Le Ngoc Anh. Address: 44 Le Thai To, Hoan Kiem, Hanoi.</p>
  <p>&copy; The Hanoi Times. All rights reserved.</p>
</footer>
</body>
</html>
"""


def rfc822(iso):
    return format_datetime(datetime.fromisoformat(iso))


def build_ht():
    arts = ht.ARTICLES
    for i, a in enumerate(arts):
        write(f"hanoitimes.vn/{a['slug']}{a['sep']}{a['id']}.html", ht_page(a, i, arts))
    newest = sorted(arts, key=lambda a: a["date"], reverse=True)
    items = "\n".join(f"""<item>
  <title>{ht_esc(a['title'])}</title>
  <link>{ht_url(a)}</link>
  <guid isPermaLink="true">{ht_url(a)}</guid>
  <pubDate>{rfc822(a['date'])}</pubDate>
  <category>{a['section']}</category>
  <description><![CDATA[{nfc(a['sapo'])}]]></description>
</item>""" for a in newest[:20])
    write("hanoitimes.vn/rss/home.rss", f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>The Hanoi Times - Home</title>
<link>{HT}/</link>
<description>Latest news from the Hanoi Times</description>
<language>en</language>
<atom:link href="{HT}/rss/home.rss" rel="self" type="application/rss+xml"/>
<lastBuildDate>{rfc822(newest[0]['date'])}</lastBuildDate>
{items}
</channel>
</rss>
""")
    write("hanoitimes.vn/sitemap.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>{HT}/sitemaps/news-2024.xml</loc><lastmod>{max(a['date'] for a in arts if a['date'] < '2025')}</lastmod></sitemap>
  <sitemap><loc>{HT}/sitemaps/news-2025.xml</loc><lastmod>{newest[0]['date']}</lastmod></sitemap>
</sitemapindex>
""")
    # news-2024.xml is the archive sitemap: everything published before 2025.
    for name, sel, news in (("news-2024", lambda a: a["date"] < "2025", False),
                            ("news-2025", lambda a: a["date"] >= "2025", True)):
        urls = []
        for a in sorted(filter(sel, arts), key=lambda a: a["date"], reverse=True):
            ext = ""
            if news:
                ext = f"""
    <news:news>
      <news:publication><news:name>The Hanoi Times</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>{a['date']}</news:publication_date>
      <news:title>{ht_esc(a['title'])}</news:title>
    </news:news>"""
            urls.append(f"""  <url>
    <loc>{ht_url(a)}</loc>
    <lastmod>{a['date']}</lastmod>{ext}
  </url>""")
        ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
        write(f"hanoitimes.vn/sitemaps/{name}.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>
{chr(10).join(urls)}
</urlset>
""")
    write("hanoitimes.vn/robots.txt", f"""User-agent: *
Disallow: /search
Disallow: /api/
Allow: /

Sitemap: {HT}/sitemap.xml
""")
    lis = "\n".join(f'    <li class="news-item"><a href="{ht_url(a)}"><h3>{ht_esc(a["title"])}</h3></a>'
                    f'<p class="news-item__sapo">{ht_esc(a["sapo"])}</p></li>' for a in newest)
    write("hanoitimes.vn/index.html", f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>The Hanoi Times - News from the capital</title>
<link rel="canonical" href="{HT}/">
<meta property="og:type" content="website"><meta property="og:title" content="The Hanoi Times">
<meta property="og:url" content="{HT}/"></head>
<body>
<header class="site-header"><div class="logo"><a href="{HT}/">The Hanoi Times</a></div>
<nav class="main-nav"><ul><li><a href="{HT}/politics">Politics</a></li><li><a href="{HT}/economy">Economy</a></li><li><a href="{HT}/about.html">About us</a></li></ul></nav></header>
<main class="container">
  <h2 class="section-title">Latest news</h2>
  <ul class="news-list">
{lis}
  </ul>
</main>
<footer class="site-footer"><p>&copy; The Hanoi Times</p></footer>
</body></html>
""")
    write("hanoitimes.vn/about.html", f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>About us | The Hanoi Times</title>
<link rel="canonical" href="{HT}/about.html">
<meta property="og:type" content="website"><meta property="og:title" content="About us">
<meta property="og:url" content="{HT}/about.html"></head>
<body>
<header class="site-header"><div class="logo"><a href="{HT}/">The Hanoi Times</a></div></header>
<main class="container">
  <h1 class="page-title">About us</h1>
  <div class="page-content">
    <p>The Hanoi Times is an English-language news site about the capital city of Vietnam: its politics,
    economy, society, culture and the daily life of its residents.</p>
    <p>Contact the newsroom at 44 Le Thai To street, Hoan Kiem, Hanoi. Tel: (+84) 24 3825 0000.</p>
  </div>
</main>
<footer class="site-footer"><p>&copy; The Hanoi Times</p></footer>
</body></html>
""")


# ---------------------------------------------------------------- vietnam.vn
VN = "https://www.vietnam.vn"


def vn_url(a):
    return f"{VN}/en/{a['slug']}/"


def vn_page(a, idx, all_articles):
    url = vn_url(a)
    dt = datetime.fromisoformat(a["date"])
    modified = a["date"][:11] + "23:59:00+07:00"
    post_id = 1804000 + idx * 3517
    cat = a["cat"]
    cslug = cat.lower().replace(" ", "-")
    heads = [f'<meta property="article:modified_time" content="{modified}">']
    if a["jsonld"]:
        heads.append('<script type="application/ld+json" class="yoast-schema-graph">' + json.dumps({
            "@context": "https://schema.org", "@graph": [
                {"@type": "WebPage", "@id": url, "url": url, "name": nfc(a["title"]),
                 "datePublished": a["date"], "dateModified": modified},
                {"@type": ["Article", "NewsArticle"], "@id": url + "#article",
                 "headline": nfc(a["title"]), "isPartOf": {"@id": url},
                 "author": {"@id": f"{VN}/#/schema/person/{idx}"},
                 "datePublished": a["date"], "dateModified": modified,
                 "articleSection": [cat], "inLanguage": "en-US"},
                {"@type": "Person", "@id": f"{VN}/#/schema/person/{idx}", "name": a["author"]},
            ]}, ensure_ascii=False) + "</script>")
    ps = paras_of(a)
    body = []
    if idx % 4 == 3:   # some posts mark the lead only by making the first paragraph bold
        body.append(f"<p><strong>{esc(a['sapo'])}</strong></p>")
    else:
        body.append(f'<p class="post-sapo"><strong>{esc(a["sapo"])}</strong></p>')
    for i, p in enumerate(ps):
        if i == 1:
            body.append(f'<figure class="wp-block-image size-large"><img decoding="async" '
                        f'src="https://www.vietnam.vn/wp-content/uploads/{a["date"][:4]}/{a["date"][5:7]}/{a["slug"][:30]}.jpg" alt="">'
                        f'<figcaption class="wp-element-caption">{esc(a["caption"])}</figcaption></figure>')
        body.append(f"<p>{esc(p)}</p>")
    src = a["source"]
    if a["source_style"] == "text":
        body.append(f"<p><em>Source: {src}</em></p>")
    elif a["source_style"] == "named":
        body.append(f'<p>Source: <a href="{src}" target="_blank" rel="noopener nofollow">Kinhtedothi</a></p>')
    else:
        body.append(f'<p>Source: <a href="{src}" target="_blank" rel="noopener nofollow">{src}</a></p>')
    body.append('<div class="post-share"><span>Share</span> <a class="share-facebook" href="#">Facebook</a> '
                '<a class="share-x" href="#">X</a> <a class="share-copy" href="#">Copy link</a></div>')
    body.append('<div class="post-comment-count"><a href="#comments">Comment (0)</a></div>')
    others = [o for o in all_articles if o is not a]
    same = "".join(f'<li><a href="{vn_url(o)}">{esc(o["title"])}</a></li>' for o in others[idx % 5: idx % 5 + 4])
    return f"""<!doctype html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(a['title'])} - Vietnam.vn</title>
<meta name="robots" content="index, follow, max-image-preview:large">
<link rel="canonical" href="{url}">
<meta property="og:locale" content="en_US">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(a['title'], True)}">
<meta property="og:description" content="{esc(a['sapo'], True)}">
<meta property="og:url" content="{url}">
<meta property="og:site_name" content="Vietnam.vn">
<meta property="article:section" content="{cat}">
{chr(10).join(heads)}
<link rel="stylesheet" id="main-css" href="{VN}/wp-content/themes/vietnamvn/style.css?ver=3.1" media="all">
</head>
<body class="post-template-default single single-post postid-{post_id} single-format-standard">
<div id="page" class="site">
<header id="masthead" class="site-header">
  <div class="site-branding"><a href="{VN}/en/" rel="home">Vietnam.vn</a></div>
  <nav id="site-navigation" class="main-navigation"><ul id="primary-menu">
    <li><a href="{VN}/en/category/politics/">Politics</a></li><li><a href="{VN}/en/category/economy/">Economy</a></li>
    <li><a href="{VN}/en/category/travel/">Travel</a></li><li><a href="{VN}/en/category/health/">Health</a></li>
  </ul></nav>
  <div class="lang-switch"><a href="{VN}/">Tiếng Việt</a> | <a href="{VN}/en/">English</a></div>
</header>
<div id="content" class="site-content"><div class="container"><div class="row">
<main id="main" class="site-main col-md-8">
<article id="post-{post_id}" class="post post-{post_id} type-post status-publish category-{cslug}">
  <header class="entry-header">
    <div class="post-category"><a href="{VN}/en/category/{cslug}/">{cat}</a></div>
    <h1 class="post-title entry-title">{esc(a['title'])}</h1>
    <div class="post-meta">
      <span class="post-author">By <a href="{VN}/en/author/{a['author'].lower().replace(' ', '-')}/">{esc(a['author'])}</a></span>
      <span class="sep">|</span>
      <time class="post-date entry-date published" datetime="{a['date']}">{dt.strftime('%d/%m/%Y %H:%M')}</time>
    </div>
  </header>
  <div class="post-content entry-content">
{chr(10).join(body)}
  </div>
  <footer class="entry-footer">
    <div class="post-tags"><span>Tags:</span> <a href="{VN}/en/tag/hanoi/" rel="tag">Hanoi</a> <a href="{VN}/en/tag/{cslug}/" rel="tag">{cat}</a></div>
  </footer>
</article>
<div id="comments" class="comments-area">
  <h3 class="comments-title">Comment (0)</h3>
  <form class="comment-form" action="{VN}/wp-comments-post.php" method="post"><textarea name="comment" placeholder="Please leave a comment..."></textarea><button type="submit">Send</button></form>
</div>
<section class="related-posts"><h3>Same category</h3><ul>{same}</ul></section>
</main>
<aside id="secondary" class="widget-area col-md-4"><section class="widget"><h3 class="widget-title">Latest</h3><ul>{"".join(f'<li><a href="{vn_url(o)}">{esc(o["title"])}</a></li>' for o in others[:5])}</ul></section></aside>
</div></div></div>
<footer id="colophon" class="site-footer"><div class="site-info">&copy; Vietnam.vn &ndash; Vietnam's national information portal. All rights reserved.</div></footer>
</div>
</body>
</html>
"""


def build_vn():
    arts = vn.ARTICLES
    for i, a in enumerate(arts):
        write(f"www.vietnam.vn/en/{a['slug']}/index.html", vn_page(a, i, arts))
    newest = sorted(arts, key=lambda a: a["date"], reverse=True)
    items = "\n".join(f"""<item>
  <title>{esc(a['title'])}</title>
  <link>{vn_url(a)}</link>
  <dc:creator><![CDATA[{a['author']}]]></dc:creator>
  <pubDate>{rfc822(a['date'])}</pubDate>
  <category><![CDATA[{a['cat']}]]></category>
  <guid isPermaLink="false">{VN}/en/?p={1804000 + arts.index(a) * 3517}</guid>
  <description><![CDATA[{nfc(a['sapo'])}]]></description>
</item>""" for a in newest)
    write("www.vietnam.vn/en/feed.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>Vietnam.vn</title>
<atom:link href="{VN}/en/feed.xml" rel="self" type="application/rss+xml" />
<link>{VN}/en/</link>
<description>Vietnam's national information portal</description>
<lastBuildDate>{rfc822(newest[0]['date'])}</lastBuildDate>
<language>en-US</language>
{items}
</channel>
</rss>
""")
    urls = "\n".join(f"  <url><loc>{vn_url(a)}</loc><lastmod>{a['date']}</lastmod></url>" for a in newest)
    write("www.vietnam.vn/sitemap.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>{VN}/en/</loc><changefreq>hourly</changefreq></url>
{urls}
</urlset>
""")
    write("www.vietnam.vn/robots.txt", f"""User-agent: *
Crawl-delay: 1
Disallow: /wp-admin/
Allow: /wp-admin/admin-ajax.php
Disallow: /?s=

Sitemap: {VN}/sitemap.xml
""")
    lis = "\n".join(f'  <article class="post-item"><h2 class="post-item__title"><a href="{vn_url(a)}">{esc(a["title"])}</a></h2>'
                    f'<time datetime="{a["date"]}">{a["date"][:10]}</time></article>' for a in newest)
    write("www.vietnam.vn/en/index.html", f"""<!doctype html>
<html lang="en-US">
<head><meta charset="UTF-8"><title>Vietnam.vn - English</title>
<link rel="canonical" href="{VN}/en/">
<link rel="alternate" type="application/rss+xml" title="Vietnam.vn" href="{VN}/en/feed.xml">
<meta property="og:type" content="website"><meta property="og:url" content="{VN}/en/"></head>
<body class="home blog">
<header id="masthead" class="site-header"><div class="site-branding"><a href="{VN}/en/">Vietnam.vn</a></div></header>
<main id="main" class="site-main">
{lis}
</main>
<footer id="colophon" class="site-footer">&copy; Vietnam.vn</footer>
</body></html>
""")


# ---------------------------------------------------------------- kinhtedothi.vn
KT = "https://kinhtedothi.vn"


def kt_url(a):
    return f"{KT}/{a['slug']}.html"


def kt_page(a, idx, all_articles):
    layout = a.get("layout", "2025")
    if layout == "old":
        return kt_page_old(a, idx, all_articles)
    if layout == "detail":
        return kt_page_detail(a, idx, all_articles)
    url = kt_url(a)
    dt = datetime.fromisoformat(a["date"])
    dateline = f"{VI_WEEKDAYS[dt.weekday()]}, {dt.strftime('%H:%M %d/%m/%Y')}"
    img_dir = f"https://resource.kinhtedothi.vn/{dt.strftime('%Y/%m/%d')}"
    heads = []
    if a["meta"]:
        heads.append(f'<meta property="article:published_time" content="{a["date"]}">')
    ps = paras_of(a)
    others = [o for o in all_articles if o is not a]
    body = []
    for i, p in enumerate(ps):
        if i == 1:
            body.append(f'<figure class="expNoEdit"><img src="{img_dir}/{a["slug"][:20]}-1.jpg" alt="{esc(a["title"], True)}">'
                        f'<figcaption>{esc(a["caption"])}</figcaption></figure>')
        if i == 3:
            items = "".join(f'<li><a href="{kt_url(o)}">{esc(o["title"])}</a></li>' for o in others[:2])
            body.append(f'<div class="box-related"><div class="box-related__title">Tin liên quan</div><ul>{items}</ul></div>')
        if i == 4 and idx % 2 == 0:  # a second photo whose caption sits in a plain paragraph
            body.append(f'<p style="text-align:center"><img src="{img_dir}/{a["slug"][:20]}-2.jpg" alt=""></p>')
            body.append(f'<p style="text-align:center"><em>Ảnh minh họa: {esc(a["author"])}</em></p>')
        body.append(f"<p>{esc(p)}</p>")
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(a['title'])}</title>
<meta name="description" content="{esc(a['sapo'], True)}">
<link rel="canonical" href="{url}">
<meta property="og:site_name" content="Kinh tế &amp; Đô thị">
<meta property="og:type" content="article">
<meta property="og:locale" content="vi_VN">
<meta property="og:title" content="{esc(a['title'], True)}">
<meta property="og:description" content="{esc(a['sapo'], True)}">
<meta property="og:url" content="{url}">
<meta property="og:image" content="{img_dir}/{a['slug'][:20]}-1.jpg">
{chr(10).join(heads)}
<link rel="stylesheet" href="/static/css/style.min.css?v=20250301">
</head>
<body>
<div class="header">
  <div class="header__top"><a href="{KT}/" class="logo">Kinh tế &amp; Đô thị</a> <a href="{KT}/tim-kiem">Tìm kiếm</a> <a href="https://beta.kinhtedothi.vn/">English</a></div>
  <nav class="menu"><ul>
    <li><a href="{KT}/thoi-su">Thời sự</a></li><li><a href="{KT}/chinh-tri">Chính trị</a></li>
    <li><a href="{KT}/kinh-te">Kinh tế</a></li><li><a href="{KT}/do-thi">Đô thị</a></li>
    <li><a href="{KT}/doanh-nghiep/khoi-nghiep">Khởi nghiệp</a></li>
  </ul></nav>
</div>
<main class="main"><div class="container">
  <div class="article">
    <div class="article-breadcrumb"><a href="{KT}/thoi-su">Thời sự</a></div>
    <h1 class="article-title">{esc(a['title'])}</h1>
    <div class="article-meta"><div class="article-published-on">{dateline}</div></div>
    <h2 class="sapo_detail">{esc(a['sapo'])}</h2>
    <div class="article-content" itemprop="articleBody">
{chr(10).join(body)}
    </div>
    <div class="article-author"><span class="detail__author">{esc(a['author'])}</span></div>
    <div class="article-tags">Từ khóa: <a href="{KT}/tag/ha-noi">Hà Nội</a></div>
    <div class="article-share">Chia sẻ: <a href="#">Facebook</a> <a href="#">Zalo</a></div>
  </div>
  <div class="box-news-related"><div class="title">Tin cùng chuyên mục</div><ul>{"".join(f'<li><a href="{kt_url(o)}">{esc(o["title"])}</a></li>' for o in others)}</ul></div>
</div></main>
<footer class="footer"><p>Cơ quan chủ quản: UBND TP Hà Nội. Tòa soạn: 14 Đông Quan, Cầu Giấy, Hà Nội.</p></footer>
</body>
</html>
"""


def kt_page_detail(a, idx, all_articles):
    """The 2020-2024 layout: h1.detail__title, .detail__time ("15:30 | 12/10/2022"), h2.detail__sapo,
    div[itemprop=articleBody] with captions in p.caption, span.detail__author; no og:title."""
    url = kt_url(a)
    dt = datetime.fromisoformat(a["date"])
    img_dir = f"https://resource.kinhtedothi.vn/{dt.strftime('%Y/%m/%d')}"
    heads = []
    if a["meta"]:
        heads.append(f'<meta property="article:published_time" content="{a["date"]}">')
    others = [o for o in all_articles if o is not a]
    body = []
    for i, p in enumerate(paras_of(a)):
        if i == 1:
            body.append(f'<p style="text-align:center"><img src="{img_dir}/{a["slug"][:20]}-1.jpg" alt=""></p>')
            body.append(f'<p class="caption">{esc(a["caption"])}</p>')
        if i == 3:
            items = "".join(f'<li><a href="{kt_url(o)}">{esc(o["title"])}</a></li>' for o in others[:2])
            body.append(f'<div class="detail__related"><strong>Tin liên quan</strong><ul>{items}</ul></div>')
        body.append(f"<p>{esc(p)}</p>")
    return f"""<!DOCTYPE html>
<html lang="vi-VN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(a['title'])} - Kinh tế &amp; Đô thị</title>
<meta name="description" content="{esc(a['sapo'], True)}">
<link rel="canonical" href="{url}">
{chr(10).join(heads)}
<link rel="stylesheet" href="/static/css/detail.css?v=2021">
</head>
<body>
<div class="header"><a href="{KT}/" class="logo">Kinh tế &amp; Đô thị</a>
  <ul class="menu"><li><a href="{KT}/thoi-su">Thời sự</a></li><li><a href="{KT}/kinh-te">Kinh tế</a></li><li><a href="{KT}/do-thi">Đô thị</a></li></ul>
</div>
<div class="detail">
  <div class="detail__breadcrumb"><a href="{KT}/thoi-su">Thời sự</a></div>
  <h1 class="detail__title">{esc(a['title'])}</h1>
  <div class="detail__meta"><span class="detail__author">{esc(a['author'])}</span> <span class="detail__time">{dt.strftime('%H:%M | %d/%m/%Y')}</span></div>
  <h2 class="detail__sapo">{esc(a['sapo'])}</h2>
  <div class="detail__content" itemprop="articleBody">
{chr(10).join(body)}
  </div>
  <div class="detail__tags">Từ khóa: <a href="{KT}/tag/ha-noi">Hà Nội</a></div>
</div>
<div class="box-news-related"><div class="title">Tin cùng chuyên mục</div><ul>{"".join(f'<li><a href="{kt_url(o)}">{esc(o["title"])}</a></li>' for o in others[:6])}</ul></div>
<div class="footer">Cơ quan chủ quản: UBND TP Hà Nội.</div>
</body>
</html>
"""


def kt_page_old(a, idx, all_articles):
    """The layout before 2020 (2020 pages are still served in it): h1.title_detail_news,
    .time_detail_news ("(09:12 06/05/2019)"), div.sapo_detail, #cotent_detail (sic) with photos in
    table.picture / td.caption, .author_detail; no lang attribute, no OpenGraph."""
    url = kt_url(a)
    dt = datetime.fromisoformat(a["date"])
    heads = []
    if a["meta"]:
        heads.append(f'<meta property="article:published_time" content="{a["date"]}" />')
    others = [o for o in all_articles if o is not a]
    justify = idx % 2 == 1   # some bodies are <div style="text-align: justify"> blocks between empty <p>
    body = []
    for i, p in enumerate(paras_of(a)):
        if i == 1:
            body.append(f'<table class="picture" align="center"><tr><td><img src="http://cdn.kinhtedothi.vn/'
                        f'{dt.strftime("%Y/%m/%d")}/{a["slug"][:20]}.jpg" /></td></tr>\n'
                        f'<tr><td class="caption">{esc(a["caption"])}</td></tr></table>')
        if justify:
            body.append(f'<p></p>\n<div style="text-align: justify">{esc(p)}</div>')
        else:
            body.append(f"<p>{esc(p)}</p>")
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{esc(a['title'])}</title>
<meta name="description" content="{esc(a['sapo'], True)}" />
<link rel="canonical" href="{url}" />
{chr(10).join(heads)}
</head>
<body>
<div id="wrapper">
<div class="menu_top"><a href="{KT}/">Trang chủ</a> | <a href="{KT}/xa-hoi">Xã hội</a> | <a href="{KT}/kinh-te">Kinh tế</a></div>
<div class="detail_news">
  <h1 class="title_detail_news">{esc(a['title'])}</h1>
  <div class="time_detail_news">({dt.strftime('%H:%M %d/%m/%Y')})</div>
  <div class="sapo_detail">{esc(a['sapo'])}</div>
  <div id="cotent_detail">
{chr(10).join(body)}
  </div>
  <div class="author_detail">{esc(a['author'])}</div>
</div>
<div class="other_news"><h3>Các tin khác</h3><ul>{"".join(f'<li><a href="{kt_url(o)}">{esc(o["title"])}</a></li>' for o in others[:5])}</ul></div>
<div class="footer">Báo Kinh tế &amp; Đô thị - Cơ quan của UBND TP Hà Nội</div>
</div>
</body>
</html>
"""


def build_kt():
    arts = ktdt.ARTICLES
    for i, a in enumerate(arts):
        write(f"kinhtedothi.vn/{a['slug']}.html", kt_page(a, i, arts))
    newest = sorted(arts, key=lambda a: a["date"], reverse=True)
    # The home feed answers with a valid channel but no items, as observed on the live site.
    write("kinhtedothi.vn/rss/home.rss", f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>Kinh tế &amp; Đô thị - Trang chủ</title>
<link>{KT}/</link>
<description>Báo Kinh tế &amp; Đô thị</description>
<language>vi</language>
</channel>
</rss>
""")
    write("kinhtedothi.vn/sitemap.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>{KT}/sitemaps/articles.xml</loc><lastmod>{newest[0]['date']}</lastmod></sitemap>
</sitemapindex>
""")
    urls = "\n".join(f"  <url><loc>{kt_url(a)}</loc><lastmod>{a['date']}</lastmod></url>" for a in newest)
    write("kinhtedothi.vn/sitemaps/articles.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{urls}
</urlset>
""")
    write("kinhtedothi.vn/robots.txt", f"""User-agent: *
Disallow: /api/
Disallow: /tim-kiem
Allow: /

Sitemap: {KT}/sitemap.xml
""")
    lis = "\n".join(f'  <div class="story"><h3 class="story__title"><a href="{kt_url(a)}">{esc(a["title"])}</a></h3></div>'
                    for a in newest)
    write("kinhtedothi.vn/index.html", f"""<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>Kinh tế &amp; Đô thị - Báo Kinh tế &amp; Đô thị</title>
<link rel="canonical" href="{KT}/">
<meta property="og:type" content="website"><meta property="og:url" content="{KT}/"></head>
<body>
<div class="header"><a href="{KT}/" class="logo">Kinh tế &amp; Đô thị</a></div>
<main class="main">
{lis}
</main>
<footer class="footer">Cơ quan chủ quản: UBND TP Hà Nội.</footer>
</body></html>
""")


if __name__ == "__main__":
    for d in ("hanoitimes.vn", "www.vietnam.vn", "kinhtedothi.vn"):
        shutil.rmtree(os.path.join(OUT, d), ignore_errors=True)
    build_ht()
    build_vn()
    build_kt()
