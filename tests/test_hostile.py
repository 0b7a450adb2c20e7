"""A hostile site, class by class (issue #15): what it sends is data, never a reason to stop
serving everyone else, to read local files, to fetch internal addresses, or to paint the
terminal. Each test keeps normal posts beside the hostile ones and checks they still go out."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time

import pytest
from helpers import (
    PDF_PACKAGES,
    POSTS,
    make_post,
    many_posts,
    need,
    open_state,
    run,
    table,
    weasyprint_works,
    write_config,
)

from digest import config
from digest.render import fetch
from digest.sample.site import WordPressServer


class Canary:
    """An HTTP server on loopback that must see no request."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        canary = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                canary.hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/svg+xml")
                self.end_headers()
                self.wfile.write(b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>')

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def stop(self) -> None:
        self.httpd.shutdown()


@pytest.mark.parametrize("images", [False, True])
def test_the_pdf_renderer_fetches_no_local_or_internal_url(tmp_path, site, images):
    need("WeasyPrint's libraries (Pango, HarfBuzz)", weasyprint_works(), PDF_PACKAGES)
    canary = Canary()
    try:
        site.edit(70101, "2026-04-20T00:00:00", content=(
            f'<p>Syllabus: GS2/IR</p><p><img src="{canary.url}direct.png" alt="x"></p>'
            f'<p><img src="http://localhost:{canary.url.rsplit(":", 1)[1]}via-name.svg"></p>'
            '<p><img src="file:///etc/hostname"></p><p>Kept text.</p>'))  # fmt: skip
        extra = f"\n[digest]\nimages = {'true' if images else 'false'}\n"
        cfg = write_config(tmp_path, {"sample": site.url}, extra)
        assert run(cfg, "crawl").exit_code == 0
        out = tmp_path / "out"
        args = ("digest", "--period", "monthly", "--date", "2026-04-15", "--out", str(out))
        result = run(cfg, *args)
        assert result.exit_code == 0, result.output
        assert (out / "monthly-2026-04.pdf").stat().st_size > 0
        assert canary.hits == []
        assert "Kept text." in (out / "monthly-2026-04.html").read_text()
    finally:
        canary.stop()


def test_fetch_policy_refuses_what_is_not_public_http():
    for url in ["file:///etc/passwd", "http://127.0.0.1/x", "http://[::1]/x",
                "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/", "ftp://x/y",
                "http://192.168.0.1/", "data:image/png;base64,AAAA"]:  # fmt: skip
        with pytest.raises(ValueError, match="not fetched"):
            fetch.check(url)


def test_hostile_links_and_bodies_never_stop_digests(tmp_path, site, monkeypatch):
    """Links a site (or an old database) holds that are relative, garbage or scripts: the
    digest goes out with the other posts, and no unsafe URL is written anywhere."""
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-16T07:05:00+05:30")
    extra = '\n[[subscriber]]\nemail = "a@example.org"\n'
    cfg = write_config(tmp_path, {"sample": site.url}, extra)
    assert run(cfg, "crawl").exit_code == 0
    db = open_state(cfg)
    bad = ["javascript:alert(1)", "/relative", "http://[::1", "https://x.org/a\r\nBcc: y@z.org"]
    ids = [r["post_id"] for r in db.query(
        "SELECT post_id FROM posts WHERE date_gmt >= '2026-04-14T18:30' "
        "AND date_gmt < '2026-04-15T18:30'")]  # fmt: skip
    for post_id, link in zip(ids, bad, strict=False):
        db["posts"].update(("sample", post_id), {"link": link, "content": '<a href="x">r</a>'})
    db.conn.commit()
    result = run(cfg, "send")
    assert result.exit_code == 0, result.output
    assert "a@example.org: daily-2026-04-15, " in result.stdout and ": sent" in result.stdout
    [eml] = (tmp_path / "outbox").glob("*.eml")
    body = eml.read_text(errors="replace").lower()
    assert "javascript:" not in body and "bcc: y@z.org" not in body
    assert stat.S_IMODE(eml.stat().st_mode) == 0o600


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


def test_config_refuses_what_could_forge_files_or_feeds(tmp_path):
    path = tmp_path / "c.toml"
    for text, message in [
        ('[digest]\ntitle = "UPSC\\u0001digest"', "digest.title: control characters"),
        ('[[subscriber]]\nemail = "../../x@y.z"', "not an email address"),
        ('[[subscriber]]\nemail = "a@b.org\\nBcc: c@d.org"', "not an email address"),
    ]:
        path.write_text(text)
        with pytest.raises(config.ConfigError, match=message):
            config.load(str(path))


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


def big_post_config(tmp_path, site, port, mail_extra=""):
    extra = (
        f'\n[digest]\ncontent = "full"\n\n[mail]\nhost = "127.0.0.1"\nport = {port}\n'
        f'security = "none"\nfrom = "d@example.org"\n{mail_extra}\n'
        '\n[[subscriber]]\nemail = "a@example.org"\n'
    )
    cfg = write_config(tmp_path, {"sample": site.url}, extra)
    assert run(cfg, "crawl").exit_code == 0
    db = open_state(cfg)
    [post_id] = [r[0] for r in db.execute(
        "SELECT post_id FROM posts WHERE date_gmt >= '2026-04-14T18:30' "
        "AND date_gmt < '2026-04-15T18:30' LIMIT 1")]  # fmt: skip
    huge = "<p>Syllabus: GS2/IR</p>" + "<p>" + "enormous " * 40_000 + "</p>"  # ~360 KB
    db["posts"].update(("sample", post_id), {"content": huge})
    db.conn.commit()
    return cfg


def test_a_digest_too_big_to_mail_goes_out_as_excerpts(tmp_path, site, smtp, monkeypatch):
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-16T07:05:00+05:30")
    cfg = big_post_config(tmp_path, site, smtp.port, "max_message_mb = 0.1")
    result = run(cfg, "send")
    assert result.exit_code == 0 and ": sent" in result.stdout, result.output
    [msg] = smtp.messages
    assert len(msg.as_bytes()) < 0.1 * 1024 * 1024
    assert "too large to mail whole" in msg.get_body(("plain",)).get_content()


def test_a_552_is_retried_small(tmp_path, site, monkeypatch):
    from smtp_server import SmtpServer

    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-16T07:05:00+05:30")
    server = SmtpServer(size_limit=100_000).start()
    try:
        cfg = big_post_config(tmp_path, site, server.port)
        result = run(cfg, "send")
        assert result.exit_code == 0 and ": sent" in result.stdout, result.output
        [msg] = server.messages
        assert "too large to mail whole" in msg.get_body(("plain",)).get_content()
        assert [d["status"] for d in table(open_state(cfg), "deliveries")] == ["sent"]
    finally:
        server.stop()


def test_a_full_disk_ends_a_crawl_with_one_line(tmp_path):
    """The state folder on a 400 KB file system, a site with megabytes of posts: the crawl
    ends with one line naming the problem, and no traceback."""
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
            f"mount -t tmpfs -o size=400k tmpfs {state} && "
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


def test_one_digest_that_cannot_be_made_stops_no_other(tmp_path, site, smtp, monkeypatch):
    from digest.render import Renderer

    original = Renderer.html

    def fragile(self, view, *args, **kwargs):
        if view.kind == "weekly":
            raise RuntimeError("a template blew up")
        return original(self, view, *args, **kwargs)

    monkeypatch.setattr(Renderer, "html", fragile)
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-20T08:00:00+05:30")  # Monday: both due
    extra = (
        f'\n[mail]\nhost = "127.0.0.1"\nport = {smtp.port}\nsecurity = "none"\n'
        'from = "d@example.org"\n\n[[subscriber]]\nemail = "w@example.org"\nperiod = "weekly"\n'
        '\n[[subscriber]]\nemail = "d@example.org"\n'
    )
    cfg = write_config(tmp_path, {"sample": site.url}, extra)
    assert run(cfg, "crawl").exit_code == 0
    result = run(cfg, "send")
    assert result.exit_code == 1
    assert "error: w@example.org: weekly-2026-W16" in result.stderr
    assert "could not make the digest: RuntimeError: a template blew up" in result.stderr
    assert "d@example.org: daily-2026-04-19" in result.stdout
    assert [m["To"] for m in smtp.messages] == ["d@example.org"]
    statuses = {d["subscriber"]: d["status"] for d in table(open_state(cfg), "deliveries")}
    assert statuses == {"w@example.org": "pending", "d@example.org": "sent"}  # retried later


@pytest.mark.parametrize(
    "base",
    ["http://ex%ample.com/a", "http://[::1", "javascript:x", "/relative", "", None, "ht tp://x"],
)
def test_sanitising_never_raises_whatever_the_base(base):
    from digest.text import clean_html, safe_url

    out = clean_html('<p><a href="rel">r</a> <a href="javascript:alert(1)">j</a></p>', base)
    assert "javascript" not in out and "<p>" in out
    resolved = safe_url("rel", base)
    assert resolved is None or resolved.startswith("http://ex%ample.com/")
    assert safe_url("https://example.org/x", base) == "https://example.org/x"
