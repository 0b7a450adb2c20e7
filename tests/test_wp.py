"""Pure WordPress REST helpers."""

from __future__ import annotations

import pytest

from digest.crawl import wp


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
    assert wp.parse_time(value, "x") == expected


@pytest.mark.parametrize("value", [None, "", "yesterday", 12, "0000-00-00T00:00:00"])
def test_parse_time_rejects(value):
    with pytest.raises(wp.BadResponse):
        wp.parse_time(value, "x")


def test_parse_post_tolerates_null_text_fields():
    post = wp.parse_post(
        {
            "id": 3,
            "date_gmt": "2026-04-21T12:59:38",
            "modified_gmt": "2026-04-21T12:59:38",
            "title": None,
            "content": {"rendered": None},
            "excerpt": {"rendered": "x"},
        },
        "posts",
    )
    assert post["title"] == "" and post["content"] == "" and post["excerpt"] == "x"


@pytest.mark.parametrize("bad", [{"id": "3"}, {"id": True}, {"id": -1}, [], "x"])
def test_parse_post_rejects(bad):
    with pytest.raises(wp.BadResponse):
        wp.parse_post(bad, "posts")
