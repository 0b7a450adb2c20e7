"""What a crawl survives (docs/RELIABILITY.md lists each fault with its test): answers that
are not WordPress JSON, HTTP errors and retries, network faults, redirects, robots.txt, a
disk that fills, kill -9 at random points, and servers that misbehave on purpose. A source
that fails stops with one clear line; what was saved stays; the cursor is right."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time

import pytest
from helpers import (
    POSTS,
    fault_on_posts,
    make_post,
    many_posts,
    need,
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


GIGANTIC = (200, {"Content-Type": "application/json"}, b"[" + b" " * 1_500_000 + b"]")


def reset_mid_body(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    handler.wfile.write(b'[{"id": 1, "title": ')
    handler.wfile.flush()
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.connection.close()


def hang(handler):
    time.sleep(3)


@pytest.mark.parametrize(
    "action, message",
    [
        (reset_mid_body, "the connection was lost in the middle of the response"),
        (hang, "timed out after 1.0 seconds"),
        (GIGANTIC, "the response is larger than max_response_mb allows"),
    ],
    ids=["reset-mid-body", "hang", "gigantic"],
)
def test_network_faults_keep_data_and_cursor(tmp_path, action, message):
    with WordPressServer(many_posts()) as site:
        site.fault = fault_on_posts(action, from_nth=2)
        cfg = write_config(tmp_path, {"wp": site.url})
        cfg.write_text(cfg.read_text().replace("timeout = 5", "timeout = 1\nmax_response_mb = 1"))
        result = run(cfg, "crawl")
        assert result.exit_code == 1
        [line] = result.stderr.strip().splitlines()
        assert line.startswith(f"error: wp: cannot fetch {site.url}wp-json/wp/v2/posts?")
        assert line.endswith(message)
        db = open_state(cfg)
        assert db["posts"].count == 100
        assert db["cursors"].get(("wp", "posts"))["cursor"] == "2026-04-01T01:39:59"
        site.fault = None
        assert run(cfg, "crawl").exit_code == 0
        assert db["posts"].count == 250


def test_redirect_to_another_host_is_not_followed(tmp_path):
    with WordPressServer(many_posts(5)) as elsewhere, WordPressServer(many_posts(5)) as site:
        target = elsewhere.url.replace("127.0.0.1", "localhost") + "wp-json/wp/v2/posts"
        site.fault = lambda route, params: (
            (302, {"Location": target}, b"") if route == POSTS else None
        )
        cfg = write_config(tmp_path, {"wp": site.url})
        result = run(cfg, "crawl")
        assert result.exit_code == 1
        assert "error: wp: redirected to another host, not followed: " in result.stderr
        assert elsewhere.requests_to(POSTS) == 0
        assert open_state(cfg)["posts"].count == 0


def test_redirect_on_the_same_host_is_followed(tmp_path):
    with WordPressServer(many_posts(5), prefix="/ca/") as site:
        moved = site.url.replace("/ca/", "/moved/")
        site.fault = lambda route, params: (
            (301, {"Location": site.url}, b"") if route == "/moved/" else None
        )
        cfg = write_config(tmp_path, {"wp": moved})
        result = run(cfg, "crawl")
        assert result.exit_code == 0, result.output
        assert open_state(cfg)["posts"].count == 5


def canonical(cfg) -> dict:
    """The database without the times at which we happened to see things (a first crawl's
    publication cursor is the server's clock when it began)."""
    db = open_state(cfg)
    drop = {"first_seen", "last_changed", "seen_at", "updated", "published"}
    out = {}
    for name in ("posts", "post_revisions", "cursors", "terms", "sources"):
        rows = table(db, name, "1")
        out[name] = sorted(json.dumps({k: v for k, v in r.items() if k not in drop},
                                      sort_keys=True) for r in rows)  # fmt: skip
    return out


@pytest.mark.parametrize("chunk", range(4))  # 4 × 5 kill points: spread over the workers
def test_kill_9_at_random_points(tmp_path, chunk):
    posts = many_posts(450)
    posts += [make_post(i, "2026-04-02T10:00:00") for i in range(1001, 1131)]  # a crowded second
    with WordPressServer(posts, seed=11) as site:
        site.on_request = lambda route, params: time.sleep(0.03) if route == POSTS else None
        reference = write_config(tmp_path / "ref", {"wp": site.url})
        assert run(reference, "crawl").exit_code == 0
        expected = canonical(reference)
        rng = random.Random(20261126 + chunk)
        for attempt in range(5):
            folder = tmp_path / f"run{attempt}"
            cfg = write_config(folder, {"wp": site.url})
            proc = subprocess.Popen(
                [sys.executable, "-m", "digest", "--config", str(cfg), "crawl"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
            time.sleep(rng.uniform(0.3, 2.0))
            os.killpg(proc.pid, signal.SIGKILL)  # the CLI and its crawler child, mid-work
            proc.wait()
            result = run(cfg, "crawl")
            assert result.exit_code == 0, result.output
            assert canonical(cfg) == expected, f"attempt {attempt} differs"


def test_crawl_ends_when_the_server_ignores_the_cursor(tmp_path):
    posts = many_posts(150)
    with WordPressServer(posts) as site:
        served = site.collection
        site.collection = lambda params: served(  # type: ignore[method-assign]
            {k: v for k, v in params.items() if k != "modified_after"}
        )
        cfg = write_config(tmp_path, {"wp": site.url})
        started = time.monotonic()
        result = run(cfg, "crawl")
        assert result.exit_code == 1
        assert "the server ignores modified_after" in result.stderr
        assert time.monotonic() - started < 60 and site.requests_to(POSTS) <= 3
        assert open_state(cfg)["posts"].count == 100  # the first page, read before it repeated


def test_page_budget_stops_a_crawl_cleanly(tmp_path):
    with WordPressServer(many_posts(350)) as site:
        cfg = write_config(tmp_path, {"wp": site.url}, "max_pages = 2\n")
        result = run(cfg, "crawl")
        assert result.exit_code == 1
        assert "stopped after 2 pages, the crawl's budget ([crawl] max_pages)" in result.stderr
        db = open_state(cfg)
        assert db["posts"].count == 199 and table(db, "crawls")[0]["outcome"] == "failed"
        assert run(cfg, "crawl").exit_code == 1  # goes on from there, two pages at a time
        assert db["posts"].count > 199


def test_discovery_link_to_another_site_is_not_followed(tmp_path):
    with WordPressServer(many_posts(2)) as elsewhere, WordPressServer(many_posts(3)) as site:
        site.discovery = False
        site.fault = lambda route, params: (
            (200, {"Content-Type": "text/html",
                   "Link": f'<{elsewhere.url}wp-json/>; rel="https://api.w.org/"'}, b"<html/>")
            if route == "page" else None
        )  # fmt: skip
        cfg = write_config(tmp_path, {"wp": site.url})
        result = run(cfg, "crawl")
        assert result.exit_code == 0, result.output
        assert elsewhere.requests_to(POSTS) == 0 and open_state(cfg)["posts"].count == 3


def test_crawler_child_dies_with_its_parent_and_the_row_is_marked(tmp_path):
    with WordPressServer(many_posts(400)) as site:
        site.on_request = lambda route, params: time.sleep(0.5) if route == POSTS else None
        cfg = write_config(tmp_path, {"wp": site.url})
        proc = subprocess.Popen(
            [sys.executable, "-m", "digest", "--config", str(cfg), "crawl"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while site.requests_to(POSTS) < 1 and time.monotonic() < deadline:
            time.sleep(0.1)
        children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True)
        [child] = [int(p) for p in children.stdout.split()]
        os.kill(proc.pid, signal.SIGKILL)  # the parent only
        proc.wait()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                os.kill(child, 0)
            except ProcessLookupError:
                break
            time.sleep(0.2)
        else:
            os.kill(child, signal.SIGKILL)
            pytest.fail("the crawler child outlived its parent")
        site.on_request = None
        db = open_state(cfg)
        rows = table(db, "crawls")
        assert rows[0]["outcome"] in ("interrupted", "running")
        assert run(cfg, "crawl").exit_code == 0
        assert table(db, "crawls")[0]["outcome"] == "interrupted"


@pytest.mark.parametrize("size", ["1m", "120k"])
def test_a_full_disk_ends_a_crawl_with_one_line(tmp_path, size):
    """The state folder on a small file system, a site with megabytes of posts: the crawl
    ends with one line naming the problem, and no traceback; so does a disk too small for
    the database's schema itself (120 KB: the migrations' write-ahead log does not fit)."""
    unshare = shutil.which("unshare")
    need("unshare", bool(unshare), "apt-get install util-linux")
    state = tmp_path / "state"
    state.mkdir()
    posts = [make_post(i, f"2026-04-01T00:{i // 60:02d}:{i % 60:02d}",
                       content={"rendered": "<p>Syllabus: GS2/IR</p><p>" + "x" * 20_000 + "</p>"})
             for i in range(1, 301)]  # fmt: skip
    with WordPressServer(posts) as site:
        cfg = write_config(tmp_path, {"wp": site.url})
        cfg.write_text(f'state_dir = "{state}"\n' + cfg.read_text())
        script = (
            f"mount -t tmpfs -o size={size} tmpfs {state} && "
            f"exec {sys.executable} -m digest --config {cfg} crawl"
        )
        result = subprocess.run(
            [unshare, "--user", "--map-root-user", "--mount", "sh", "-c", script],  # type: ignore[list-item]
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    if "mount:" in result.stderr:
        pytest.skip(f"cannot mount a small file system here: {result.stderr.strip()}")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: ") and "full" in line, line


def test_future_dated_post_without_a_date_header_does_not_freeze_the_cursor(tmp_path):
    """No `Date` header to read the server's clock from: ours is used, so one post dated
    2030 is stored but does not carry the cursor past the posts still to come."""
    future = make_post(7, "2030-01-01T00:00:00")

    def no_date_header(handler):
        body = json.dumps([future]).encode()
        handler.wfile.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-WP-Total: 1\r\n"
            b"X-WP-TotalPages: 1\r\nConnection: close\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        handler.wfile.flush()

    with WordPressServer([]) as site:
        site.fault = lambda route, params: (
            no_date_header if route == POSTS and params.get("orderby") == "modified" else None
        )
        cfg = write_config(tmp_path, {"wp": site.url})
        result = run(cfg, "crawl")
        assert result.exit_code == 0, result.output
        db = open_state(cfg)
        assert db["posts"].get(("wp", 7))["date_gmt"] == "2030-01-01T00:00:00"
        cursor = db["cursors"].get(("wp", "posts"))["cursor"]
        assert cursor < time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())


def test_terminal_sees_no_escape_sequences(tmp_path):
    with WordPressServer(many_posts(3)) as site:
        site.fault = lambda route, params: (
            (403, {"Content-Type": "application/json"},
             json.dumps({"code": "\x1b[2J\x1b[31mgotcha\x07\r\nforged: line"}).encode())
            if route == POSTS else None
        )  # fmt: skip
        cfg = write_config(tmp_path, {"wp": site.url})
        result = run(cfg, "crawl")
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert result.stderr.count("\n") == 1 and "gotcha" in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'[{"id": ' + b"9" * 5000 + b"}]", "digits"),
        (b'[{"id": 1, "title": "caf\xe9"}]', "not UTF-8"),
    ],
    ids=["deep", "huge-number", "latin-1"],
)
def test_json_the_crawler_cannot_read_fails_the_crawl_in_one_line(tmp_path, body, reason):
    with WordPressServer(many_posts(3)) as site:
        site.fault = lambda route, params: (
            (200, {"Content-Type": "application/json"}, body) if route == POSTS else None
        )
        cfg = write_config(tmp_path, {"wp": site.url})
        result = run(cfg, "crawl")
        assert result.exit_code == 1, result.output
        assert reason in result.stderr and f"{site.url}wp-json/wp/v2/posts" in result.stderr
        assert "Traceback" not in result.output + result.stderr
        assert result.stderr.count("\n") == 1
        [crawl] = table(open_state(cfg), "crawls")
        assert crawl["outcome"] == "failed"


@pytest.mark.slow
def test_an_id_past_64_bits_is_quarantined_and_stops_no_crawl(tmp_path):
    posts = [*many_posts(3), make_post(2**63 + 5, "2026-04-01T05:00:00")]
    with WordPressServer(posts) as site:
        cfg = write_config(tmp_path, {"wp": site.url})
        for _ in range(2):  # and every later crawl
            result = run(cfg, "crawl")
            assert result.exit_code == 0, result.output
        db = open_state(cfg)
        assert db["posts"].count == 3
        rejects = table(db, "rejects")
        assert rejects and all(r["post_id"] is None for r in rejects)
        assert all(str(2**63 + 5) in r["reason"] for r in rejects)


@pytest.mark.slow
def test_a_server_that_ignores_page_ends_the_tie_walk_at_the_first_repeat(tmp_path):
    """150 posts in one second, and a cache that drops the query string's `page`: the walk
    asked for page 2, 3, … up to the X-WP-TotalPages it claimed (1,000 requests)."""
    posts = [make_post(i, "2026-04-02T10:00:00") for i in range(1, 151)]
    with WordPressServer(posts) as site:
        served = site.collection

        def claims_many_pages(params):
            data, headers = served({k: v for k, v in params.items() if k != "page"})
            headers["X-WP-TotalPages"] = "1000"
            return data, headers

        site.collection = claims_many_pages  # type: ignore[method-assign]
        cfg = write_config(tmp_path, {"wp": site.url})
        result = run(cfg, "crawl")
        assert result.exit_code == 1
        assert "the server ignores page= (page 2 of the posts at 2026-04-02T10:00:00" in (
            result.stderr
        )
        assert site.requests_to(POSTS) <= 3
        assert result.stderr.count("\n") == 1
