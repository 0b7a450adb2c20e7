"""Hostile content and configuration (docs/RELIABILITY.md lists each with its test): HTML
that would run, links and images that point inward, escape sequences, files a config could
forge. What a crawl or a send survives is in test_crawl_faults.py and test_mail_faults.py;
round 3 of the security review in test_hostile_input.py and test_hostile_site.py."""

from __future__ import annotations

import html.parser
import http.server
import stat
import threading

import pytest
from helpers import (
    PDF_PACKAGES,
    need,
    open_state,
    run,
    weasyprint_works,
    write_config,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from digest import config, render
from digest.config import DigestSettings
from digest.periods import containing
from digest.render import fetch
from digest.text import ALLOWED_TAGS as TAGS
from digest.text import clean_html


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
