"""Hostile input, round 3 (issue #26): what a site, a reader or a file sends cannot crash a
process, leak a reader's link, or lose a digest for good. The readers' site's share is in
tests/test_hostile_site.py."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import (
    POSTS,
    make_post,
    many_posts,
    need,
    open_state,
    pin_clock,
    run,
    table,
    weasyprint_works,
    write_config,
)

from digest import store
from digest.crawl import records
from digest.sample.site import WordPressServer
from digest.text import MAX_DEPTH, bound_nesting, clean_html, nesting_depth

DEEP = 20_000  # levels: 360 KB of <ul><li>, under every size limit


def deep_lists(levels: int, text: str = "the bottom") -> str:
    return "<p>Syllabus: GS2/Polity</p>" + "<ul><li>" * levels + text + "</li></ul>" * levels


# 1. Deep nesting -------------------------------------------------------------------------


def test_nesting_is_bounded_at_the_boundary_and_recorded_as_a_fix():
    post = make_post(7, "2026-04-15T06:30:00", content={"rendered": deep_lists(DEEP)})
    record, problem = records.parse_post(post, "posts", "https://example.org/ca/")
    assert nesting_depth(record["content"]) <= MAX_DEPTH
    assert "the bottom" in record["content"] and "Syllabus: GS2/Polity" in record["content"]
    assert problem and f"nested deeper than {MAX_DEPTH} levels" in problem
    shallow = make_post(8, "2026-04-15T06:30:00", content={"rendered": deep_lists(10)})
    assert records.parse_post(shallow, "posts", "https://example.org/ca/")[1] is None


@pytest.mark.parametrize(
    "markup",
    [
        "<p>a<p>b<p>c" * 200,  # unclosed paragraphs are siblings, not nesting
        "<ul>" + "<li>item" * 500 + "</ul>",
        "<table>" + "<tr><td>x" * 300 + "</table>",
        "<br>" * 1000 + "<img src=x>" * 100,
    ],
)
def test_implied_end_tags_are_not_nesting(markup):
    assert bound_nesting(markup) == (markup, 0)


def test_sanitised_html_is_never_deeper_than_the_bound_whatever_is_stored():
    """Rows stored before the boundary bounded nesting are bounded when rendered."""
    html = clean_html(deep_lists(3_000), "https://example.org/ca/x")
    assert nesting_depth(html) <= MAX_DEPTH and "the bottom" in html


def full_content(tmp_path, site, smtp, extra: str = "") -> Path:
    return write_config(
        tmp_path,
        {"wp": site.url},
        f'\n[mail]\nhost = "127.0.0.1"\nport = {smtp.port}\nsecurity = "none"\n'
        'from = "d@example.org"\n\n[digest]\ncontent = "full"\n'
        '\n[[subscriber]]\nemail = "a@example.org"\n' + extra,
    )


@pytest.mark.slow
def test_a_deeply_nested_post_is_crawled_mailed_and_served(tmp_path, smtp, monkeypatch):
    """20,000 nested lists made CSS inlining overflow its native stack: `send` died with
    SIGSEGV (exit 139) on every run and nobody got a digest."""
    posts = [
        make_post(1, "2026-04-15T06:30:00", "Deep", content={"rendered": deep_lists(DEEP)}),
        make_post(2, "2026-04-15T07:30:00", "Plain"),
    ]
    with WordPressServer(posts) as site:
        cfg = full_content(tmp_path, site, smtp)
        assert run(cfg, "crawl").exit_code == 0
        [fix] = [r for r in table(open_state(cfg), "rejects") if r["post_id"] == 1]
        assert fix["kept"] and "nested deeper" in fix["reason"]
        pin_clock(monkeypatch, "2026-04-16T07:05:00+05:30")
        result = subprocess.run(  # a real process: a crash is an exit code, not a test error
            [sys.executable, "-m", "digest", "--config", str(cfg), "send"],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        [msg] = smtp.messages
        assert "the bottom" in msg.get_body(("html",)).get_content()


@pytest.mark.slow
def test_a_deep_row_stored_before_the_fix_still_goes_out(tmp_path, site, smtp, monkeypatch):
    cfg = full_content(tmp_path, site, smtp)
    assert run(cfg, "crawl").exit_code == 0
    db = open_state(cfg)
    db.execute("UPDATE posts SET content = ? WHERE post_id = 71990", [deep_lists(DEEP)])
    db.conn.commit()
    pin_clock(monkeypatch, "2026-04-22T07:05:00+05:30")
    result = subprocess.run(
        [sys.executable, "-m", "digest", "--config", str(cfg), "send"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert len(smtp.messages) == 1


@pytest.mark.slow
def test_the_monthly_book_survives_a_deeply_nested_post(tmp_path):
    """At 3,000 levels WeasyPrint raised RecursionError and the book failed for everyone."""
    need("WeasyPrint with Pango", weasyprint_works(), "apt-get install libpango-1.0-0")
    posts = [make_post(1, "2026-04-15T06:30:00", "Deep", content={"rendered": deep_lists(3000)})]
    with WordPressServer(posts) as site:
        cfg = write_config(tmp_path, {"wp": site.url})
        assert run(cfg, "crawl").exit_code == 0
        out = tmp_path / "out"
        result = run(
            cfg, "digest", "--period", "monthly", "--date", "2026-04-15", "--out", str(out)
        )
        assert result.exit_code == 0, result.output
        assert (out / "monthly-2026-04.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.slow
def test_a_page_too_deep_to_render_fails_alone_and_is_retried(tmp_path, site, smtp, monkeypatch):
    """Whatever makes a page deep (here an operator's template), the renderers are never
    handed it: that digest fails as an error, is retried like a temporary failure, and goes
    out once the cause is fixed. Before, a build failure was failed for good."""
    folder = tmp_path / "templates"
    folder.mkdir()
    bundled = Path(__file__).parent.parent / "templates" / "digest.html.j2"
    deep = "<div>" * 400 + "{{ d.label }}" + "</div>" * 400
    (folder / "digest.html.j2").write_text(bundled.read_text().replace("</body>", deep + "</body>"))
    cfg = full_content(tmp_path, site, smtp)
    cfg.write_text(cfg.read_text().replace("[digest]\n", f'[digest]\ntemplates = "{folder}"\n'))
    assert run(cfg, "crawl").exit_code == 0
    pin_clock(monkeypatch, "2026-04-22T07:05:00+05:30")
    result = subprocess.run(
        [sys.executable, "-m", "digest", "--config", str(cfg), "send"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "could not make the digest: TooDeep" in result.stderr
    [row] = table(open_state(cfg), "deliveries")
    assert row["status"] == "pending" and row["next_attempt"]  # retried, not failed for good
    status = json.loads(run(cfg, "status", "--json").stdout)
    assert "could not make the digest" in json.dumps(status)
    (folder / "digest.html.j2").unlink()  # the operator fixes the template
    pin_clock(monkeypatch, "2026-04-22T07:20:00+05:30")  # after the backoff
    assert run(cfg, "send").exit_code == 0
    [row] = table(open_state(cfg), "deliveries")
    assert row["status"] == "sent" and len(smtp.messages) == 1


# 3. Header-bound config values -----------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    ["list_id", "from", "unsubscribe", "username", "operator", "host"],
)
def test_header_bound_config_values_with_cr_lf_are_refused(tmp_path, key):
    value = {"from": "d@example.org", "operator": "o@example.org", "host": "mail.example.org",
             "unsubscribe": "https://example.org/u"}.get(key, "x")  # fmt: skip
    cfg = write_config(tmp_path, {}, f'\n[mail]\n{key} = "{value}\\r\\nBcc: victim@example.org"\n')
    result = run(cfg, "status")
    assert result.exit_code == 2
    assert f"mail.{key}: control characters are not allowed" in result.stderr
    assert result.stderr.count("\n") == 1


# 4. JSON a crawler cannot read ------------------------------------------------------------


# 9. An ID the quarantine could not hold --------------------------------------------------


# 10. A tie walk that never moves on ------------------------------------------------------


# 11. Children run the installed package ---------------------------------------------------


@pytest.mark.slow
def test_children_ignore_a_digest_package_in_the_working_directory(tmp_path):
    """`pip install .` then `wp-digest …` from inside the clone: the crawler and the
    monthly book's child must import the installed package, not ./digest."""
    decoy = tmp_path / "clone"
    (decoy / "digest" / "crawl").mkdir(parents=True)
    (decoy / "digest" / "render").mkdir()
    for package in ("digest", "digest/crawl", "digest/render"):
        (decoy / package / "__init__.py").write_text(
            "raise ImportError('the decoy was imported')\n"
        )
    wp_digest = Path(sys.executable).with_name("wp-digest")
    with WordPressServer(many_posts(3)) as site:
        cfg = write_config(tmp_path, {"wp": site.url})
        crawl = subprocess.run([wp_digest, "--config", str(cfg), "crawl"], cwd=decoy,
                               capture_output=True, text=True, timeout=120)  # fmt: skip
        assert crawl.returncode == 0, crawl.stderr
        assert "decoy" not in crawl.stderr and "wp: 3 new" in crawl.stdout
        if weasyprint_works():
            book = subprocess.run(
                [wp_digest, "--config", str(cfg), "digest", "--period", "monthly", "--date",
                 "2026-04-01", "--out", str(tmp_path / "out")],
                cwd=decoy, capture_output=True, text=True, timeout=300,
            )  # fmt: skip
            assert book.returncode == 0, book.stderr
            assert (tmp_path / "out" / "monthly-2026-04.pdf").exists()


# 16, 17. IDs and CSV files -----------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("ref", ["wp:" + "9" * 5000, "wp:" + "9" * 19, "wp:²", "x" * 100_000])
def test_explain_and_file_refuse_impossible_ids_in_one_line(tmp_path, ref):
    cfg = write_config(tmp_path, {})
    store.open_db(tmp_path / "state.db").close()  # a database, with no such post
    for args in (("explain", ref), ("file", ref, "GS2")):
        result = CliRun(cfg, *args)
        assert result.returncode == 2 and "no stored post" in result.stderr, result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert len(result.stderr) < 400


def CliRun(cfg, *args):  # noqa: N802 - a real process: tracebacks show as they would
    return subprocess.run([sys.executable, "-m", "digest", "--config", str(cfg), *args],
                          capture_output=True, text=True, timeout=60)  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"email,period\nr\xe9@example.org,daily\n", "in.csv:2: not UTF-8 text"),
        (b"email,period\n" + b"a" * 200_000 + b"@example.org,daily\n", "in.csv:2: not a CSV row"),
        (b"email,period,email\na@example.org,daily,b@example.org\n", "column 'email' appears"),
    ],
    ids=["latin-1", "huge-field", "two-email-columns"],
)
def test_import_refuses_unreadable_csv_in_one_line(tmp_path, content, said):
    cfg = write_config(tmp_path, {})
    store.open_db(tmp_path / "state.db").close()
    (tmp_path / "in.csv").write_bytes(content)
    result = CliRun(cfg, "subscribers", "import", str(tmp_path / "in.csv"))
    assert result.returncode == 2 and said in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1
    assert CliRun(cfg, "subscribers", "export").stdout.count("\n") == 1  # nothing written


def test_export_then_import_keeps_states_origins_and_confirms_nobody(tmp_path):
    """Before: every imported reader became active, from `cli`."""
    from digest import clock
    from digest.store import signups, subscribers

    cfg = write_config(tmp_path, {}, '\n[[subscriber]]\nemail = "c@example.org"\n')
    assert run(cfg, "subscribers", "add", "=sum@example.org").exit_code == 0
    for email in ("u@example.org", "s@example.org"):
        assert run(cfg, "subscribers", "add", email).exit_code == 0
    db = open_state(cfg)
    signups.request(db, "p@example.org", "weekly", ["GS2"], clock.now())
    subscribers.set_status(db, "u@example.org", "unsubscribed")
    subscribers.set_status(db, "s@example.org", "suspended")
    exported = run(cfg, "subscribers", "export").stdout
    assert "\n'=sum@example.org,active," in exported  # no formula for a spreadsheet
    before = {r.email: (r.status, r.origin, r.period, r.papers) for r in subscribers.listed(db)}
    (tmp_path / "out.csv").write_text(exported)
    other = write_config(tmp_path / "new", {})
    assert run(other, "subscribers", "import", str(tmp_path / "out.csv")).exit_code == 0
    new_db = open_state(other)
    after = {r.email: (r.status, r.origin, r.period, r.papers) for r in subscribers.listed(new_db)}
    assert after == before
    assert after["p@example.org"][0] == "pending" and after["c@example.org"][1] == "config"
    # Told to, import sets a state, but a pending reader still is not confirmed.
    result = run(other, "subscribers", "import", "--status", "active", str(tmp_path / "out.csv"))
    assert result.exit_code == 0
    states = {r.email: r.status for r in subscribers.listed(open_state(other))}
    assert states["p@example.org"] == "pending" and states["u@example.org"] == "active"


# 18. Expiry --------------------------------------------------------------------------------


def test_rate_events_and_unconfirmed_sign_ups_expire(tmp_path):
    from datetime import datetime, timedelta

    from digest.store import signups, subscribers

    cfg = write_config(tmp_path, {})
    assert run(cfg, "subscribers", "add", "back@example.org").exit_code == 0
    db = open_state(cfg)
    then = datetime.fromisoformat("2026-04-01T10:00:00+00:00")
    assert signups.rate_hit(db, "client:192.0.2.1", 5, timedelta(hours=1), then)
    signups.request(db, "never@example.org", "daily", [], then)
    subscribers.set_status(db, "back@example.org", "unsubscribed")
    signups.request(db, "back@example.org", "daily", [], then)  # had been a reader
    signups.request(db, "fresh@example.org", "daily", [], then + timedelta(days=3))
    later = then + timedelta(days=3, hours=1)
    assert signups.expire(db, later, timedelta(days=3), timedelta(days=2)) == 2
    assert db.execute("SELECT count(*) FROM rate_events").fetchone()[0] == 0
    states = {r.email: r.status for r in subscribers.listed(db)}
    assert states == {"back@example.org": "unsubscribed", "fresh@example.org": "pending"}


# 19. status --json -------------------------------------------------------------------------


@pytest.mark.slow
def test_status_json_carries_no_bidi_or_control_characters(tmp_path):
    with WordPressServer(many_posts(3)) as site:
        evil = json.dumps({"code": "ok\u202egnp.exe\x1b[2J"}).encode()
        site.fault = lambda route, params: (
            (403, {"Content-Type": "application/json"}, evil) if route == POSTS else None
        )
        cfg = write_config(tmp_path, {"wp": site.url})
        assert run(cfg, "crawl").exit_code == 1
    out = run(cfg, "status", "--json").stdout
    text = json.dumps(json.loads(out), ensure_ascii=False)
    assert "gnp.exe" in text and not re.search("[\u202a-\u202e\u2066-\u2069\x1b]", text)
