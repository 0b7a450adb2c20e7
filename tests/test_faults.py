"""Fault injection into real servers, and hostile input. docs/RELIABILITY.md lists each fault
with the test that proves it."""

from __future__ import annotations

import html.parser
import json
import os
import random
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
    open_state,
    run,
    table,
    write_config,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from digest import render
from digest.config import DigestSettings
from digest.periods import containing
from digest.sample.site import WordPressServer
from digest.text import ALLOWED_TAGS as TAGS
from digest.text import clean_html


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


GIGANTIC = (200, {"Content-Type": "application/json"}, b"[" + b" " * 1_500_000 + b"]")


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


# --- crash safety ---------------------------------------------------------------------------


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


# --- mail faults ----------------------------------------------------------------------------


@pytest.fixture
def mail_ready(tmp_path, site, smtp, monkeypatch):
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-16T07:00:00+05:30")
    extra = (
        f'\n[mail]\nhost = "127.0.0.1"\nport = {smtp.port}\nsecurity = "none"\n'
        'from = "d@example.org"\n\n[[subscriber]]\nemail = "a@example.org"\n'
    )
    cfg = write_config(tmp_path, {"sample": site.url}, extra)
    assert run(cfg, "crawl").exit_code == 0
    return cfg


@pytest.mark.parametrize(
    "where, reply",
    [("mail_replies", "421 4.3.2 service shutting down"), ("rcpt_replies", "450 4.2.0 busy")],
)
def test_temporary_smtp_replies_are_retried(mail_ready, smtp, monkeypatch, where, reply):
    if where == "rcpt_replies":
        smtp.handler.rcpt_replies = {"a@example.org": reply}
    else:
        smtp.handler.mail_replies = [reply]
    result = run(mail_ready, "send")
    assert result.exit_code == 1 and "retrying: " in result.stderr
    assert reply.split()[0] in result.stderr
    [row] = table(open_state(mail_ready), "deliveries")
    assert row["status"] == "pending" and smtp.messages == []
    smtp.handler.rcpt_replies, smtp.handler.mail_replies = {}, []
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-16T07:06:00+05:30")
    assert run(mail_ready, "send").exit_code == 0
    assert len(smtp.messages) == 1 and smtp.messages[0]["Message-ID"] == row["message_id"]


def test_connection_dropped_after_data(mail_ready, smtp, monkeypatch):
    """The server takes the message and hangs up without answering: it is sent again, once,
    with the same Message-ID, and the ledger says so."""

    def drop(msg):
        raise ConnectionResetError  # aiosmtpd closes the connection without a reply

    smtp.handler.on_data = drop
    result = run(mail_ready, "send")
    assert result.exit_code == 1 and "retrying: " in result.stderr
    [row] = table(open_state(mail_ready), "deliveries")
    assert row["status"] == "pending"
    smtp.handler.on_data = None
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-16T07:06:00+05:30")
    assert run(mail_ready, "send").exit_code == 0
    ids = {m["Message-ID"] for m in smtp.messages}
    assert ids == {row["message_id"]}
    [row] = table(open_state(mail_ready), "deliveries")
    assert row["status"] == "sent" and row["attempts"] == 2


# --- concurrency ----------------------------------------------------------------------------


def test_crawl_send_and_status_at_once(tmp_path, smtp):
    with WordPressServer(many_posts(600)) as site:
        site.on_request = lambda route, params: time.sleep(0.05) if route == POSTS else None
        extra = (
            f'\n[mail]\nhost = "127.0.0.1"\nport = {smtp.port}\nsecurity = "none"\n'
            'from = "d@example.org"\nsend_empty = true\n\n[[subscriber]]\nemail = "a@example.org"\n'
        )
        cfg = write_config(tmp_path, {"wp": site.url}, extra)
        base = [sys.executable, "-m", "digest", "--config", str(cfg)]
        procs = [subprocess.Popen(base + ["crawl"], stderr=subprocess.PIPE, text=True)]
        time.sleep(0.5)
        for _ in range(3):
            procs.append(subprocess.Popen(base + ["send"], stderr=subprocess.PIPE, text=True))
            procs.append(
                subprocess.Popen(base + ["status", "--json"], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True)
            )  # fmt: skip
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
            assert "locked" not in err
        db = open_state(cfg)
        assert db["posts"].count == 600
        assert len(smtp.messages) == 1  # three concurrent sends, one digest
        assert [r["status"] for r in table(db, "deliveries")] == ["sent"]


# --- config ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, key",
    [
        ("timezone = ", "invalid TOML"),
        ('timezone = "Asia/Kolkatta"', "timezone: unknown time zone"),
        ('[[source]]\nname = "x"\nurl = "not a url"', "source 'x'.url: not an http(s) URL"),
        ('[[subscriber]]\nemail = "a@x.org"\nperiod = "hourly"', "subscriber 'a@x.org'.period"),
        ('[[subscriber]]\nemail = "nobody"', "subscriber[0].email: not an email address"),
        ("[mail]\nhost = 'smtp.example.org'\nsecurity = 'none'", "mail.security"),
        ("[mail]\npassword = 'hunter2'", "mail.password: passwords never go in the file"),
        ("[mail]\nhots = 'x'", "mail.hots: unknown key (did you mean 'host'?)"),
        ("[digest]\ncontent = 'all'", "digest.content"),
        ('[schedule]\ndaily = "7am"', "schedule.daily: not a time of day"),
    ],
)
def test_config_errors_are_one_line_exit_2(tmp_path, text, key):
    path = tmp_path / "wp-digest.toml"
    path.write_text(text + "\n")
    for command in (["status"], ["crawl"], ["send"], ["tick"]):
        result = run(path, *command)
        assert result.exit_code == 2
        [line] = result.stderr.strip().splitlines()
        assert line.startswith(f"error: {path}: ") and key in line
        assert "hunter2" not in result.output


# --- hostile content ------------------------------------------------------------------------

HOSTILE_BITS = [
    "<script>alert(1)</script>", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">', '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>', '<a href="jav&#x61;script:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>', '<a href="data:text/html,<script>x</script>">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>', "<iframe src=//evil.example></iframe>",
    "<style>*{display:none}</style>", '<p style="background:url(javascript:x)">p</p>',
    "<svg onload=alert(1)>", "<object data=x></object>", "<embed src=x>",
    '<form action="//evil.example"><input name=q></form>', "<meta http-equiv=refresh content=0>",
    "<base href=//evil.example/>", "<link rel=stylesheet href=//evil.example/x.css>",
    '<div onmouseover="x()">d</div>', "<math><mi xlink:href=javascript:x>m</mi></math>",
    "<!--<script>x</script>-->", "<p>text &amp; more</p>", "<ul><li>item</li></ul>",
    '<a href="/relative">r</a>', "<table><tr><td>c</td></tr></table>", "<",
    ">", "&", '"', "'", "<p", "</", "<scr<script>ipt>alert(1)</script>",
]  # fmt: skip


class Checker(html.parser.HTMLParser):
    """Walks sanitised output and records anything executable or styled that got through."""

    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            self.bad.append(f"tag {tag}")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "class", "src", "srcdoc", "action"):
                self.bad.append(f"attribute {name}")
            if name == "href" and value and not value.startswith(("http://", "https://")):
                self.bad.append(f"href {value}")


def assert_safe(markup: str) -> None:
    checker = Checker()
    checker.feed(markup)
    assert checker.bad == [], (checker.bad, markup)
    low = markup.lower()
    assert "<script" not in low and "javascript:" not in low


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(HOSTILE_BITS) | st.text(max_size=20), max_size=25))
def test_sanitiser_lets_nothing_executable_through(parts):
    out = clean_html("".join(parts), "https://example.org/ca/post")
    assert_safe(out)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(HOSTILE_BITS) | st.text(max_size=20), max_size=25),
       st.text(max_size=60))  # fmt: skip
def test_rendered_digest_is_safe(parts, title):
    content = "".join(parts)
    from digest.store.rows import DigestRow

    row = DigestRow(
        source="x", post_id=1, revision=1, title=title, link="https://x.org/p",
        date_gmt="2026-04-14T03:00:00", modified_gmt="2026-04-14T03:00:00",
        excerpt=content, content=content, papers=("GS2",), subjects=(title or "s",),
        categories=(),
    )  # fmt: skip
    from zoneinfo import ZoneInfo

    period = containing("daily", __import__("datetime").date(2026, 4, 14), ZoneInfo("UTC"))
    settings_ = DigestSettings(content="full")
    view = render.build([row], period, settings_)
    page = render.Renderer(settings_).html(view)
    body = page.split("<body", 1)[1]
    low = body.lower()
    assert "<script" not in low and "javascript:" not in low and "<iframe" not in low
    assert " onerror=" not in low and " onload=" not in low and " onclick=" not in low
