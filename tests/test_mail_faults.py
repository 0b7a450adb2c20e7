"""What a send survives (docs/RELIABILITY.md lists each fault with its test): temporary and
permanent replies, a connection dropped after DATA, a digest too big to mail, one that
cannot be made, and a crawl, sends and status on one database at once."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from helpers import (
    POSTS,
    many_posts,
    open_state,
    run,
    table,
    write_config,
)

from digest.sample.site import WordPressServer


@pytest.fixture
def mail_ready(tmp_path, site, smtp, monkeypatch, sample_store):
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-16T07:00:00+05:30")
    extra = (
        f'\n[mail]\nhost = "127.0.0.1"\nport = {smtp.port}\nsecurity = "none"\n'
        'from = "d@example.org"\n\n[[subscriber]]\nemail = "a@example.org"\n'
    )
    cfg = write_config(tmp_path, {"sample": site.url}, extra)
    sample_store("2026-04-16T07:00:00+05:30", cfg)  # the crawl's result, made once
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
