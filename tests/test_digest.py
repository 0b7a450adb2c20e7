"""Digests: golden files, the sample site, sanitising, time-zone boundaries, the archive."""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, date, datetime
from pathlib import Path
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
from helpers import make_post, open_state, pin_clock, run, write_config

from digest import config as config_mod
from digest import periods, render
from digest.classify import PAPERS
from digest.config import DigestSettings
from digest.sample.site import WordPressServer
from digest.store import queries

GOLDEN = Path(__file__).parent / "golden"
IST = ZoneInfo("Asia/Kolkata")
FIXED_NOW = datetime(2026, 4, 16, 1, 30, tzinfo=UTC)


@pytest.fixture
def crawled(conf, site):
    """The sample site crawled, then one post edited and crawled again (revision 2)."""
    assert run(conf, "crawl").exit_code == 0
    site.edit(
        70101,
        "2026-04-23T03:00:00",  # 08:30 IST on the 23rd
        title="India–Maldives Currency Swap Agreement Extended to 2027",
        content="<p><strong>Syllabus: GS2/International Relations</strong></p><p>Extended.</p>",
    )
    assert run(conf, "crawl").exit_code == 0
    return conf


def view_for(conf, kind, day, settings=None, now=FIXED_NOW):
    cfg = config_mod.load(str(conf))
    period = periods.containing(kind, day, cfg.tz)
    db = open_state(conf)
    rows = queries.period_posts(db, *period.bounds_utc())
    return render.build(rows, period, settings or cfg.digest, now=now)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs (UPDATE_GOLDEN=1 to accept)"


def test_golden_files(crawled):
    renderer = render.Renderer(DigestSettings())
    daily = view_for(crawled, "daily", date(2026, 4, 15))
    check_golden("daily-2026-04-15.txt", renderer.text(daily))
    check_golden("daily-2026-04-15.html", renderer.html(daily))
    weekly = view_for(crawled, "weekly", date(2026, 4, 22))
    check_golden("weekly-2026-W17.txt", renderer.text(weekly))
    check_golden("weekly-2026-W17.html", renderer.html(weekly))


def test_daily_contents(crawled):
    view = view_for(crawled, "daily", date(2026, 4, 15))
    assert view.label == "daily-2026-04-15" and view.title == "UPSC digest · Wed 15 Apr 2026"
    assert view.counts == [("GS1", 2), ("GS2", 1)]
    [gs1, gs2] = view.sections
    titles = [p.title for g in gs1.groups for p in g.posts]
    assert titles == [
        "Urban Local Bodies and the 74th Amendment",
        "Person in News: Dr. B. R. Ambedkar",
    ]
    urban = gs1.groups[0].posts[0]
    assert urban.other_papers == ["GS2"]
    assert urban.subject == "Urbanization, challenges and remedies"
    assert [g.name for g in gs2.groups] == ["Polity and Governance"]


def test_revised_post_is_marked_updated(crawled):
    view = view_for(crawled, "daily", date(2026, 4, 23))
    [section] = view.sections
    [post] = section.groups[0].posts
    assert post.title == "India–Maldives Currency Swap Agreement Extended to 2027"
    assert post.updated and post.changes == ["title", "content"]
    assert view.updated == 1 and view.total == 1
    text = render.Renderer(DigestSettings()).text(view)
    assert "UPDATED (title, content) · Mon 13 Apr 2026, 09:12 IST" in text
    html = render.Renderer(DigestSettings()).html(view)
    assert "Updated: title, content</span>" in html


def test_text_is_wrapped_with_numbered_links(crawled):
    text = render.Renderer(DigestSettings()).text(view_for(crawled, "weekly", date(2026, 4, 15)))
    body = text.split("\nLinks\n", 1)[0]
    assert all(len(line) <= 78 for line in body.splitlines())
    refs = re.findall(r"^\[(\d+)\] (https?://\S+)$", text, re.M)
    assert [int(n) for n, _ in refs] == list(range(1, len(refs) + 1))
    assert len(refs) == 20 and "&amp;" not in text and "<" not in body
    # references are numbered in the order the posts appear
    shown = [int(n) for n in re.findall(r" \[(\d+)\]$", body, re.M)]
    assert shown == sorted(shown)


def test_papers_in_digest_order(crawled):
    view = view_for(crawled, "weekly", date(2026, 4, 15))
    order = [s.paper for s in view.sections]
    assert order == sorted(order, key=PAPERS.index)
    assert order == ["GS1", "GS2", "GS3", "GS4", "Essay", "Prelims"]
    html = render.Renderer(DigestSettings()).html(view)
    positions = [html.index(f'id="{p.lower()}"') for p in order]
    assert positions == sorted(positions)
    for paper in order:
        assert f'href="#{paper.lower()}"' in html  # table of contents


def test_empty_period(crawled):
    view = view_for(crawled, "daily", date(2026, 3, 1))
    assert view.empty
    renderer = render.Renderer(DigestSettings())
    assert "Nothing new in this period." in renderer.text(view)
    assert "Nothing new in this period." in renderer.html(view)


def test_time_zone_boundaries(tmp_path):
    posts = [
        make_post(1, "2026-04-13T18:29:00"),  # 23:59 IST on the 13th
        make_post(2, "2026-04-13T18:30:00"),  # 00:00 IST on the 14th
        make_post(3, "2026-04-30T18:00:00"),  # Thu 30 Apr 23:30 IST
        make_post(4, "2026-05-03T18:29:59"),  # Sun 3 May 23:59:59 IST
        make_post(5, "2026-05-03T18:30:00"),  # Mon 4 May 00:00 IST
    ]
    with WordPressServer(posts) as site:
        cfg = write_config(tmp_path, {"wp": site.url})
        assert run(cfg, "crawl").exit_code == 0
        ids = lambda kind, day: sorted(  # noqa: E731
            p.ref and int(p.link.rsplit("-", 1)[1])
            for s in view_for(cfg, kind, day).sections
            for g in s.groups
            for p in g.posts
        )
        assert ids("daily", date(2026, 4, 13)) == [1]
        assert ids("daily", date(2026, 4, 14)) == [2]
        # ISO week 18 runs Mon 27 Apr to Sun 3 May, across the month end.
        assert ids("weekly", date(2026, 5, 1)) == [3, 4]
        assert view_for(cfg, "weekly", date(2026, 5, 1)).label == "weekly-2026-W18"
        assert view_for(cfg, "weekly", date(2026, 5, 1)).heading == "Week 18, 27 Apr – 3 May 2026"


HOSTILE = """
<p><strong>Syllabus: GS2/Polity</strong></p>
<script>alert('x')</script><style>body{display:none}</style>
<p onclick="steal()" style="position:fixed" class="evil">Text <a href="javascript:alert(1)">js</a>
<a href="data:text/html;base64,PHNjcmlwdD4=">data</a> <a href="/ca/relative">rel</a>
<img src="https://tracker.example/p.gif" onerror="alert(2)"></p>
<iframe src="https://evil.example/"></iframe><svg onload="alert(3)"></svg>
<form action="https://evil.example/"><input name="q"></form>
<table><tr><td onmouseover="x()">cell</td></tr></table>
"""


def test_hostile_content_is_sanitised(tmp_path):
    post = make_post(1, "2026-04-14T03:00:00", title="<script>alert('t')</script>Title & more")
    post["content"] = {"rendered": HOSTILE}
    with WordPressServer([post]) as site:
        cfg = write_config(tmp_path, {"wp": site.url}, extra='\n[digest]\ncontent = "full"\n')
        assert run(cfg, "crawl").exit_code == 0
        view = view_for(cfg, "daily", date(2026, 4, 14))
        html = render.Renderer(config_mod.load(str(cfg)).digest).html(view)
    low = html.lower()
    for bad in (
        "<script",
        "javascript:",
        "data:text",
        "onclick",
        "onerror",
        "onload",
        "onmouseover",
        "<iframe",
        "<svg",
        "<form",
        "<input",
        "tracker.example",
        "position:fixed",
        'class="evil"',
    ):
        assert bad not in low, bad
    assert 'href="https://example.org/ca/relative" rel="noopener"' in html  # made absolute
    assert "Title &amp; more</a>" in html  # the title's markup is text, escaped
    assert ">cell</td>" in html
    assert "Text " in html


def test_images_only_when_enabled(tmp_path):
    from digest.text import clean_html

    markup = '<p><img src="https://x.org/a.png" alt="map" onerror="x()"></p>'
    assert "<img" not in clean_html(markup, "https://x.org/p")
    assert clean_html(markup, "https://x.org/p", images=True) == (
        '<p><img src="https://x.org/a.png" alt="map"></p>'
    )


def test_cli_writes_archive(crawled, tmp_path):
    out = tmp_path / "site"
    for args in (
        ["--date", "2026-04-15"],
        ["--date", "2026-04-16"],
        ["--period", "weekly", "--date", "2026-04-15"],
    ):
        result = run(crawled, "digest", *args, "--out", str(out))
        assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "archive.json",
        "daily-2026-04-15.html",
        "daily-2026-04-15.txt",
        "daily-2026-04-16.html",
        "daily-2026-04-16.txt",
        "feed.xml",
        "index.html",
        "weekly-2026-W16.html",
        "weekly-2026-W16.txt",
    ]
    index = (out / "index.html").read_text()
    order = [index.index(n) for n in ("daily-2026-04-16.html", "daily-2026-04-15.html")]
    assert order == sorted(order)  # newest first
    feed = ElementTree.parse(out / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 3
    assert {e.find("a:id", ns).text for e in entries} == {
        "tag:wp-digest,2026:daily-2026-04-15",
        "tag:wp-digest,2026:daily-2026-04-16",
        "tag:wp-digest,2026:weekly-2026-W16",
    }
    # Rendering a period again replaces its entry.
    assert run(crawled, "digest", "--date", "2026-04-15", "--out", str(out)).exit_code == 0
    assert len(json.loads((out / "archive.json").read_text())) == 3


def test_cli_prints_text_without_out(crawled):
    result = run(crawled, "digest", "--date", "2026-04-15")
    assert result.exit_code == 0
    assert result.stdout.startswith("UPSC digest · Wed 15 Apr 2026\n")


@pytest.mark.parametrize(
    ("now", "title"),
    [
        ("2026-04-16T23:59:00+05:30", "Wed 15 Apr 2026"),
        ("2026-04-17T00:01:00+05:30", "Thu 16 Apr 2026"),  # 18:31 UTC on the 16th
        ("2026-04-17T06:59:00+05:30", "Thu 16 Apr 2026"),
        ("2026-04-17T07:01:00+05:30", "Thu 16 Apr 2026"),
    ],
)
def test_default_is_yesterday_in_the_configured_zone(crawled, monkeypatch, now, title):
    pin_clock(monkeypatch, now)
    assert f"UPSC digest · {title}" in run(crawled, "digest").stdout


def test_template_override(crawled, tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "digest.txt.j2").write_text("Custom {{ d.label }}: {{ d.total }}\n")
    cfg = Path(crawled)
    cfg.write_text(cfg.read_text() + f'\n[digest]\ntemplates = "{folder}"\n')
    result = run(cfg, "digest", "--date", "2026-04-15")
    assert result.stdout == "Custom daily-2026-04-15: 3\n"
    # an unknown variable is an error, not silence (StrictUndefined)
    (folder / "digest.txt.j2").write_text("{{ d.nonsense }}\n")
    with pytest.raises(Exception, match="nonsense"):
        run(cfg, "digest", "--date", "2026-04-15")


def test_full_content_mode(crawled):
    cfg = Path(crawled)
    cfg.write_text(cfg.read_text() + '\n[digest]\ncontent = "full"\n')
    view = view_for(cfg, "daily", date(2026, 4, 15))
    post = view.sections[0].groups[0].posts[0]
    assert post.html and "<li>" in post.html and "74th Amendment" in post.html
