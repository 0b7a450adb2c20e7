"""Pure WordPress REST helpers."""

from __future__ import annotations

import pytest

from digest.crawl import records, wp


def test_api_link():
    header = '<https://www.nextias.com/ca/wp-json/>; rel="https://api.w.org/"'
    assert (
        wp.api_link(header, "https://www.nextias.com/ca/") == "https://www.nextias.com/ca/wp-json/"
    )
    two = '<https://x.org/?p=5>; rel=shortlink, <https://x.org/wp-json/>; rel="https://api.w.org/"'
    assert wp.api_link(two, "https://x.org/") == "https://x.org/wp-json/"
    assert wp.api_link('</wp-json/>; rel="https://api.w.org/"', "https://x.org/a/") == (
        "https://x.org/wp-json/"
    )
    assert wp.api_link("<https://x.org/?p=5>; rel=shortlink", "https://x.org/") is None


def test_route_url():
    assert wp.route_url("https://x.org/ca/wp-json/", "wp/v2/posts", {"page": 2}) == (
        "https://x.org/ca/wp-json/wp/v2/posts?page=2"
    )
    assert wp.route_url("https://x.org/?rest_route=/", "wp/v2/posts", {"page": 2}) == (
        "https://x.org/?rest_route=/wp/v2/posts&page=2"
    )


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2026-04-21T12:59:38", "2026-04-21T12:59:38"),
        ("2026-04-21 12:59:38", "2026-04-21T12:59:38"),
        ("2026-04-21T12:59:38Z", "2026-04-21T12:59:38"),
        ("2026-04-21T18:29:38+05:30", "2026-04-21T12:59:38"),
    ],
)
def test_parse_time(value, expected):
    assert records.parse_time(value, "x") == expected


@pytest.mark.parametrize(
    "value",
    [None, "", "yesterday", 12, "0000-00-00T00:00:00", "9999-12-31T23:59:59+14:00",
     "0001-01-01T00:00:00-05:00", "2300-01-01T00:00:00", "1970-01-01T00:00:00"],
)  # fmt: skip
def test_parse_time_rejects(value):
    with pytest.raises(records.Rejected):
        records.parse_time(value, "x")


SITE = "https://example.org/ca/"


def test_parse_post_tolerates_null_text_fields():
    post, _ = records.parse_post(
        {
            "id": 3,
            "date_gmt": "2026-04-21T12:59:38",
            "modified_gmt": "2026-04-21T12:59:38",
            "title": None,
            "content": {"rendered": None},
            "excerpt": {"rendered": "x"},
        },
        "posts",
        SITE,
    )
    assert post["title"] == "" and post["content"] == "" and post["excerpt"] == "x"


@pytest.mark.parametrize("bad", [{"id": "3"}, {"id": True}, {"id": -1}, [], "x"])
def test_parse_post_rejects(bad):
    with pytest.raises(records.Rejected):
        records.parse_post(bad, "posts", SITE)


def good(**fields):
    return {"id": 7, "date_gmt": "2026-04-21T12:59:38", "modified_gmt": "2026-04-21T12:59:38",
            "link": "https://example.org/ca/p7", "title": {"rendered": "T"}, **fields}  # fmt: skip


def test_text_loses_controls_bidi_and_lone_surrogates():
    title = "Ti\x00t\x1bl[31me\u202e \ud800x\x85\ttab\nline"
    post, problem = records.parse_post(good(title={"rendered": title}), "posts", SITE)
    assert post["title"] == "Titl[31me \ufffdx\ttab\nline" and problem is None  # ESC gone


@pytest.mark.parametrize(
    "link, why",
    [("javascript:alert(1)", "not an absolute http(s) URL"),
     ("data:text/html,x", "not an absolute http(s) URL"),
     ("/relative/path", "not an absolute http(s) URL"),
     ("https://evil.example.net/x", "another host"),
     ("https://example.org/a\r\nInjected: line", "spaces or control characters"),
     ("file:///etc/passwd", "not an absolute http(s) URL"),
     ("http://[::1", "not a URL"), (None, "no link"), (42, "no link")],
)  # fmt: skip
def test_bad_links_fall_back_to_the_sites_own_address(link, why):
    post, problem = records.parse_post(good(link=link), "posts", SITE)
    assert post["link"] == "https://example.org/ca/?p=7"
    assert problem and why in problem


def test_allowed_hosts_and_wrong_typed_extras():
    post, problem = records.parse_post(
        good(link="https://cdn.example.net/p7", _links="x", slug=5), "posts", SITE,
        ("cdn.example.net",),
    )  # fmt: skip
    assert post["link"] == "https://cdn.example.net/p7" and problem is None
    assert post["version_count"] is None and post["slug"] is None


def test_a_page_keeps_its_good_posts_and_quarantines_the_rest():
    page = [good(id=1), good(id=2, date_gmt="9999-12-31T23:59:59+14:00"), "junk",
            good(id=3, content={"rendered": "x" * (records.MAX_CONTENT + 1)}),
            good(id=4, link="javascript:alert(1)")]  # fmt: skip
    posts, rejects = records.parse_page(page, "posts", SITE)
    assert [p["post_id"] for p in posts] == [1, 4]
    assert [(r["post_id"], r["kept"]) for r in rejects] == [
        (2, False),
        (None, False),
        (3, False),
        (4, True),
    ]
    assert all(len(r["excerpt"]) <= records.EXCERPT for r in rejects)
    assert "date_gmt is out of range" in rejects[0]["reason"]
