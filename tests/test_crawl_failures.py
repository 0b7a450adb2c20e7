"""A source that misbehaves stops with one clear line; what was saved stays; the cursor is right."""

from __future__ import annotations

import time

import pytest
from helpers import (
    POSTS,
    fault_on_posts,
    make_post,
    many_posts,
    open_state,
    run,
    table,
    write_config,
)

from digest.sample.site import WordPressServer

CHALLENGE = (200, {"Content-Type": "text/html"}, b"<html><title>Just a moment...</title></html>")
TRUNCATED = (200, {"Content-Type": "application/json"}, b'[{"id": 1, "title": {"rendered": "x')
WRONG_SHAPE = (200, {"Content-Type": "application/json"}, b'{"posts": []}')
NO_ID = (200, {"Content-Type": "application/json"}, b'[{"title": "no id"}]')
BAD_DATE = (
    200,
    {"Content-Type": "application/json"},
    b'[{"id": 5, "date_gmt": "yesterday", "modified_gmt": "2026-04-01T00:00:00"}]',
)
FORBIDDEN = (403, {"Content-Type": "text/html"}, b"<html>Access denied</html>")


@pytest.mark.parametrize(
    "answer, message",
    [
        (CHALLENGE, "expected JSON, got text/html at "),
        (TRUNCATED, "invalid JSON (Unterminated string"),
        (WRONG_SHAPE, "expected a JSON list of posts, got dict at "),
        (FORBIDDEN, "HTTP 403 from "),
    ],
    ids=["challenge-200", "truncated", "object", "403"],
)
def test_bad_second_page_keeps_the_first_and_the_cursor(tmp_path, answer, message):
    with WordPressServer(many_posts()) as site:
        site.fault = fault_on_posts(nth=2, answer=answer)
        cfg = write_config(tmp_path, {"wp": site.url})
        result = run(cfg, "crawl")
        assert result.exit_code == 1
        [line] = result.stderr.strip().splitlines()
        assert line.startswith("error: wp: " + message), line
        assert f"{site.url}wp-json/wp/v2/posts?" in line  # names the URL
        db = open_state(cfg)
        assert db["posts"].count == 100  # page 1 saved whole, nothing of page 2
        # Page 1 ended at 01:40:00 (post 100); the posts at that second come again.
        assert db["cursors"].get(("wp", "posts"))["cursor"] == "2026-04-01T01:39:59"
        [crawl] = table(db, "crawls")
        assert crawl["outcome"] == "failed" and crawl["error"] == line.removeprefix("error: wp: ")
        # The next clean crawl completes the data.
        site.fault = None
        result = run(cfg, "crawl")
        assert result.exit_code == 0, result.output
        assert "wp: 150 new" in result.stdout
        assert db["posts"].count == 250
        assert db["cursors"].get(("wp", "posts"))["cursor"] == "2026-04-01T04:10:00"


def test_server_errors_are_retried_then_reported(tmp_path):
    with WordPressServer(many_posts(5)) as site:
        site.fault = lambda route, params: (
            (503, {"Content-Type": "text/html"}, b"busy") if route == POSTS else None
        )
        cfg = write_config(tmp_path, {"wp": site.url})
        result = run(cfg, "crawl")
        assert result.exit_code == 1
        assert site.requests_to(POSTS) == 3  # the first try and two retries
        assert "HTTP 503 from" in result.stderr and "after 3 tries" in result.stderr
        assert open_state(cfg)["posts"].count == 0


def test_transient_errors_then_success(tmp_path):
    with WordPressServer(many_posts(5)) as site:
        site.fault = fault_on_posts(nth=1, answer=(502, {}, b"bad gateway"))
        cfg = write_config(tmp_path, {"wp": site.url})
        result = run(cfg, "crawl")
        assert result.exit_code == 0, result.output
        assert open_state(cfg)["posts"].count == 5


def test_429_retry_after_is_honoured(tmp_path):
    times: list[float] = []

    def fault(route, params):
        if route != POSTS:
            return None
        times.append(time.monotonic())
        if len(times) == 1:
            return (429, {"Retry-After": "2", "Content-Type": "application/json"}, b"{}")
        return None

    with WordPressServer(many_posts(5)) as site:
        site.fault = fault
        cfg = write_config(tmp_path, {"wp": site.url})
        result = run(cfg, "crawl")
        assert result.exit_code == 0, result.output
        assert len(times) == 3  # the refused try, its retry, then the walk by publication date
        assert times[1] - times[0] >= 1.9  # waited as asked, not the 0.01 s backoff
        assert open_state(cfg)["posts"].count == 5


def test_retry_after_too_long_gives_up_at_once(tmp_path):
    with WordPressServer(many_posts(5)) as site:
        site.fault = lambda route, params: (
            (429, {"Retry-After": "3600"}, b"slow down") if route == POSTS else None
        )
        cfg = write_config(tmp_path, {"wp": site.url})
        started = time.monotonic()
        result = run(cfg, "crawl")
        assert result.exit_code == 1
        assert time.monotonic() - started < 30
        assert "HTTP 429 (Retry-After 3600 s is longer than we wait) from " in result.stderr
        assert site.requests_to(POSTS) == 1


def test_page_past_the_end_is_the_normal_end(tmp_path):
    """A tie walk whose last page vanished (400 past the end) restarts, it does not fail."""
    posts = [make_post(i, "2026-04-02T10:00:00") for i in range(1, 151)]
    with WordPressServer(posts) as site:
        state = {"moved": False}

        def shrink(route, params):
            # Just before the tie walk's page 2, 60 posts leave the second (edited now).
            if params.get("page") == "2" and not state["moved"]:
                state["moved"] = True
                for i in range(1, 61):
                    site.edit(i, "2026-04-03T00:00:00")

        site.on_request = shrink
        cfg = write_config(tmp_path, {"wp": site.url})
        result = run(cfg, "crawl")
        assert result.exit_code == 0, result.output
        assert state["moved"]
        assert open_state(cfg)["posts"].count == 150


def test_robots_txt_disallowing_the_api(tmp_path):
    with WordPressServer(many_posts(3), robots="User-agent: *\nDisallow: /wp-json/\n") as site:
        cfg = write_config(tmp_path, {"wp": site.url})
        result = run(cfg, "crawl")
        assert result.exit_code == 1
        assert "error: wp: disallowed by the site's robots.txt: " in result.stderr
        assert site.requests_to(POSTS) == 0


def test_connection_refused(tmp_path):
    with WordPressServer([]) as site:
        url = site.url
    cfg = write_config(tmp_path, {"gone": url})
    for verbosity in ([], ["-v"]):  # one line, no traceback, below -vv
        result = run(cfg, *verbosity, "crawl")
        assert result.exit_code == 1
        assert f"error: gone: cannot fetch {url} after 3 tries: " in result.stderr
        assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 or verbosity


def test_unsaveable_page_stops_the_walk(tmp_path):
    """If the store refuses a page, no later page is saved and the cursor stays."""
    with WordPressServer(many_posts()) as site:
        cfg = write_config(tmp_path, {"wp": site.url})
        db = open_state(cfg)
        # A trigger that makes saving post 150 (on page 2) fail.
        db.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON posts WHEN NEW.post_id = 150 "
            "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
        )
        result = run(cfg, "crawl")
        assert result.exit_code == 1
        assert "cannot save a page of wp: disk on fire" in result.stderr
        assert db["posts"].count == 100
        assert db["cursors"].get(("wp", "posts"))["cursor"] == "2026-04-01T01:39:59"


def test_posts_that_cannot_be_stored_are_quarantined_not_their_page(tmp_path):
    """A page with good posts beside broken ones: the good ones are stored, the broken ones
    go to the quarantine with a reason, the crawl says how many, status shows them."""
    hostile = [
        make_post(900, "2026-04-01T00:30:00", _links="x"),  # a wrong-typed extra: kept
        make_post(901, "9999-12-31T23:59:59+14:00"),  # out of range, with an offset
        make_post(902, "2026-04-01T00:31:00", "Lone \ud800 surrogate"),  # kept, cleaned
        make_post(903, "2026-04-01T00:32:00", link="javascript:alert(document.cookie)"),
        {"id": "904", "title": "no valid id"},
    ]
    with WordPressServer(many_posts(5)) as site:
        served = site.collection

        def with_junk(params):  # what a hostile site sends, as it sends it
            data, headers = served(params)
            if params.get("orderby") == "modified":
                data = [*data, *hostile]
            return data, headers

        site.collection = with_junk  # type: ignore[method-assign]
        cfg = write_config(tmp_path, {"wp": site.url})
        result = run(cfg, "crawl")
        assert result.exit_code == 0, result.output
        assert "wp: 8 new, 0 updated, 2 rejected (see status)" in result.stdout
        db = open_state(cfg)
        assert {r["post_id"] for r in db["posts"].rows} == {1, 2, 3, 4, 5, 900, 902, 903}
        assert db["posts"].get(("wp", 902))["title"] == "Lone \ufffd surrogate"
        assert db["posts"].get(("wp", 903))["link"] == f"{site.url}?p=903"
        reasons = {r["post_id"]: (r["kept"], r["reason"]) for r in table(db, "rejects")}
        assert reasons[901][0] == 0 and "date_gmt is out of range" in reasons[901][1]
        assert reasons[903][0] == 1 and "not an absolute http(s) URL" in reasons[903][1]
        assert reasons[None][0] == 0 and "no valid id" in reasons[None][1]
        status = run(cfg, "status").stdout
        assert "quarantine: 2 posts not stored, 1 stored with a fix" in status
