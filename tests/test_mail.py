"""Mailing digests against a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest
from helpers import make_post, open_state, run, table, write_config
from smtp_server import SmtpServer, make_ca

A, B = "reader@example.org", "other@example.org"
PASSWORD = "s3cret-P@ss-9f2c"


def mail_config(tmp_path, site, port, mail_extra="", subscribers=None):
    subs = subscribers or [f'email = "{A}"\nperiod = "daily"', f'email = "{B}"\nperiod = "daily"']
    extra = (
        f'\n[mail]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n'
        f'from = "UPSC Digest <digest@example.org>"\n'
        f'unsubscribe = "https://example.org/unsubscribe"\n{mail_extra}\n'
    )
    extra += "".join(f"\n[[subscriber]]\n{s}\n" for s in subs)
    return write_config(tmp_path, {"sample": site.url}, extra)


def at(monkeypatch, when: str) -> None:
    monkeypatch.setenv("WP_DIGEST_NOW", when)


@pytest.fixture
def ready(tmp_path, site, smtp, monkeypatch, sample_store):
    """Crawled on the morning of 16 Apr 2026 (IST); two daily subscribers."""
    at(monkeypatch, "2026-04-16T07:00:00+05:30")
    cfg = mail_config(tmp_path, site, smtp.port)
    sample_store("2026-04-16T07:00:00+05:30", cfg)  # the crawl's result, made once
    return cfg


def deliveries(cfg):
    return table(open_state(cfg), "deliveries", "id")


def test_message_structure_and_headers(ready, smtp):
    result = run(ready, "send")
    assert result.exit_code == 0, result.output
    assert f"{A}: daily-2026-04-15, 3 posts (GS1 2, GS2 1): sent" in result.stdout
    assert len(smtp.messages) == 2
    msg = next(m for m in smtp.messages if m["To"] == A)
    assert msg["X-Envelope-To"] == A  # one recipient per message; nobody sees another
    assert msg["From"] == "UPSC Digest <digest@example.org>"
    assert msg["Subject"] == "UPSC digest · Wed 15 Apr 2026 · 3 posts"
    assert (
        msg["Date"] and msg["Message-ID"].startswith("<") and "@example.org>" in msg["Message-ID"]
    )
    assert msg["List-Id"] == "UPSC digest <digest.example.org>"
    assert msg["List-Unsubscribe"] == "<https://example.org/unsubscribe>"
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert msg.get_content_type() == "multipart/alternative"
    text, html = msg.get_payload()
    assert text.get_content_type() == "text/plain" and html.get_content_type() == "text/html"
    assert text.get_content_charset() == "utf-8"
    assert "Urban Local Bodies and the 74th Amendment" in text.get_content()
    assert 'href="#gs1"' in html.get_content()
    [row] = [d for d in deliveries(ready) if d["subscriber"] == A]
    assert row["status"] == "sent" and row["message_id"] == msg["Message-ID"]
    assert row["label"] == "daily-2026-04-15" and row["posts"] == 3


def test_hindi_survives(tmp_path, site, smtp, monkeypatch):
    at(monkeypatch, "2026-04-19T07:00:00+05:30")
    cfg = mail_config(tmp_path, site, smtp.port, subscribers=[f'email = "{A}"'])
    assert run(cfg, "crawl").exit_code == 0
    assert run(cfg, "send").exit_code == 0
    [msg] = smtp.messages
    text, html = msg.get_payload()
    assert "भारत में मातृ मृत्यु दर में गिरावट" in text.get_content()
    assert "भारत में मातृ मृत्यु दर में गिरावट" in html.get_content()


def test_paper_filter(tmp_path, site, smtp, monkeypatch):
    at(monkeypatch, "2026-04-16T07:00:00+05:30")
    subs = [f'email = "{A}"\npapers = ["GS2"]', f'email = "{B}"\npapers = ["GS4", "Essay"]']
    cfg = mail_config(tmp_path, site, smtp.port, subscribers=subs)
    assert run(cfg, "crawl").exit_code == 0
    result = run(cfg, "send")
    # 70107 is GS1 and GS2, 70108 is GS2: A gets both; B has nothing that day.
    assert f"{A}: daily-2026-04-15, 2 posts (GS1 1, GS2 1): sent" in result.stdout
    assert f"{B}: nothing new" in result.stdout
    [msg] = smtp.messages
    body = msg.get_payload()[0].get_content()
    assert "Supreme Court on Governor's Assent to Bills" in body
    assert "Person in News" not in body


def test_exactly_once_across_reruns_and_days(ready, smtp, monkeypatch):
    assert run(ready, "send").exit_code == 0
    again = run(ready, "send")
    assert again.exit_code == 0 and len(smtp.messages) == 2
    # Next morning: the 16th's posts, once.
    at(monkeypatch, "2026-04-17T07:00:00+05:30")
    assert run(ready, "send").exit_code == 0
    assert len(smtp.messages) == 4
    assert {m["Subject"] for m in smtp.messages[2:]} == {"UPSC digest · Thu 16 Apr 2026 · 3 posts"}
    assert run(ready, "send").exit_code == 0
    assert len(smtp.messages) == 4
    rows = deliveries(ready)
    assert [(r["subscriber"], r["label"], r["status"]) for r in rows] == [
        (A, "daily-2026-04-15", "sent"),
        (B, "daily-2026-04-15", "sent"),
        (A, "daily-2026-04-16", "sent"),
        (B, "daily-2026-04-16", "sent"),
    ]


def test_late_and_backdated_posts_are_not_lost(ready, smtp, site, monkeypatch):
    assert run(ready, "send").exit_code == 0
    # Published at 23:00 IST on the 15th but only crawled on the 17th, and a post back-dated
    # to the 1st: both come in the next digest.
    # (The sample site already holds posts up to the 22nd, so these sort after them.)
    site.put(
        make_post(
            91001, "2026-04-15T17:30:00", title="Late post", modified_gmt="2026-04-23T00:00:00"
        )
    )
    site.put(
        make_post(
            91002,
            "2026-04-01T05:00:00",
            title="Back-dated post",
            modified_gmt="2026-04-23T00:00:01",
        )
    )
    at(monkeypatch, "2026-04-17T07:00:00+05:30")
    assert run(ready, "crawl").exit_code == 0
    assert run(ready, "send").exit_code == 0
    body = next(m for m in smtp.messages[2:] if m["To"] == A).get_payload()[0].get_content()
    assert "Late post" in body and "Back-dated post" in body


def test_revision_after_delivery_comes_as_updated(ready, smtp, site, monkeypatch):
    assert run(ready, "send").exit_code == 0
    # Edited on the 23rd (after the sample's newest post); the reader comes back on the 24th
    # and gets one catch-up digest: everything since the 16th, the edit marked as updated.
    site.edit(70108, "2026-04-23T04:00:00", content="<p>Syllabus: GS2/Polity</p><p>Rewritten</p>")
    at(monkeypatch, "2026-04-24T07:00:00+05:30")
    assert run(ready, "crawl").exit_code == 0
    assert run(ready, "send").exit_code == 0
    [msg] = [m for m in smtp.messages[2:] if m["To"] == A]
    assert msg["Subject"] == "UPSC digest · Thu 23 Apr 2026 · 18 posts"  # 17 new + 1 updated
    body = msg.get_payload()[0].get_content()
    assert "Supreme Court on Governor's Assent to Bills [" in body
    assert "UPDATED (content)" in body
    assert "Urban Local Bodies" not in body  # delivered on the 16th already


def test_one_connection_for_the_run(ready, smtp):
    assert run(ready, "send").exit_code == 0
    assert smtp.handler.connections == 1 and len(smtp.messages) == 2


def test_temporary_failure_then_success(ready, smtp, monkeypatch):
    smtp.handler.data_replies = ["451 4.3.0 try again later"]
    result = run(ready, "send")
    assert result.exit_code == 1
    assert f"error: {A}: daily-2026-04-15, 3 posts (GS1 2, GS2 1): retrying: 451 4.3.0" in (
        result.stderr
    )
    assert len(smtp.messages) == 1  # B got theirs
    [row] = [d for d in deliveries(ready) if d["subscriber"] == A]
    assert row["status"] == "pending" and row["attempts"] == 1 and "451" in row["last_error"]
    status = run(ready, "status").stdout
    assert f"{A}: nothing sent yet" in status
    assert (
        "pending daily-2026-04-15: 1 tries, next after 2026-04-16 07:05 IST (UTC+05:30)" in status
    )
    assert "last error: 451 4.3.0 try again later" in status
    # Too early: waits for the backoff.
    assert run(ready, "send").exit_code == 0 and len(smtp.messages) == 1
    at(monkeypatch, "2026-04-16T07:06:00+05:30")
    result = run(ready, "send")
    assert result.exit_code == 0, result.output
    assert len(smtp.messages) == 2
    assert smtp.messages[1]["Message-ID"] == row["message_id"]  # the same message, retried
    [row] = [d for d in deliveries(ready) if d["subscriber"] == A]
    assert row["status"] == "sent" and row["attempts"] == 2


def test_permanent_failure_for_one_recipient(ready, smtp):
    smtp.handler.rcpt_replies = {A: "550 5.1.1 mailbox unavailable"}
    result = run(ready, "send")
    assert result.exit_code == 1
    assert f"error: {A}: daily-2026-04-15, 3 posts (GS1 2, GS2 1): failed: {A} refused: 550" in (
        result.stderr
    )
    assert [m["To"] for m in smtp.messages] == [B]
    rows = {d["subscriber"]: d for d in deliveries(ready)}
    assert rows[A]["status"] == "failed" and rows[B]["status"] == "sent"
    status = run(ready, "status").stdout
    assert "failed daily-2026-04-15 after 1 tries" in status


def test_server_down_then_up(ready, smtp, monkeypatch):
    smtp.stop()
    result = run(ready, "send")
    assert result.exit_code == 1
    assert "retrying: cannot connect to 127.0.0.1:" in result.stderr
    rows = deliveries(ready)
    assert {r["status"] for r in rows} == {"pending"} and len(rows) == 2
    smtp.start()
    at(monkeypatch, "2026-04-16T07:10:00+05:30")
    assert run(ready, "send").exit_code == 0
    assert sorted(m["To"] for m in smtp.messages) == [B, A]
    assert {r["status"] for r in deliveries(ready)} == {"sent"}


def test_starttls_with_private_ca_and_auth(tmp_path, site, monkeypatch):
    ca_file, context = make_ca(tmp_path)
    server = SmtpServer(tls=context, users={"digest": PASSWORD}).start()
    try:
        at(monkeypatch, "2026-04-16T07:00:00+05:30")
        monkeypatch.setenv("WP_DIGEST_SMTP_PASSWORD", PASSWORD)
        extra = f'username = "digest"\nca_file = "{ca_file}"\n'
        cfg = mail_config(tmp_path, site, server.port, extra, [f'email = "{A}"'])
        cfg.write_text(cfg.read_text().replace('security = "none"', 'security = "starttls"'))
        assert run(cfg, "crawl").exit_code == 0
        result = run(cfg, "send")
        assert result.exit_code == 0, result.output
        assert len(server.messages) == 1
    finally:
        server.stop()


def test_tls_verification_stays_on(tmp_path, site, monkeypatch):
    _, context = make_ca(tmp_path)  # the server's CA is not given to the client
    server = SmtpServer(tls=context).start()
    try:
        at(monkeypatch, "2026-04-16T07:00:00+05:30")
        cfg = mail_config(tmp_path, site, server.port, subscribers=[f'email = "{A}"'])
        cfg.write_text(cfg.read_text().replace('security = "none"', 'security = "starttls"'))
        assert run(cfg, "crawl").exit_code == 0
        result = run(cfg, "send")
        assert result.exit_code == 1
        assert (
            "TLS with 127.0.0.1:" in result.stderr and "CERTIFICATE_VERIFY_FAILED" in result.stderr
        )
        assert server.messages == []
    finally:
        server.stop()


def test_auth_failure_and_the_password_never_shows(tmp_path, site, monkeypatch):
    ca_file, context = make_ca(tmp_path)
    server = SmtpServer(tls=context, users={"digest": "the-right-one"}).start()
    try:
        at(monkeypatch, "2026-04-16T07:00:00+05:30")
        monkeypatch.setenv("WP_DIGEST_SMTP_PASSWORD", PASSWORD)
        extra = f'username = "digest"\nca_file = "{ca_file}"\n'
        cfg = mail_config(tmp_path, site, server.port, extra)
        cfg.write_text(cfg.read_text().replace('security = "none"', 'security = "starttls"'))
        outputs = [
            run(cfg, "crawl"),
            run(cfg, "-vv", "--log-format", "json", "send"),
            run(cfg, "status"),
            run(cfg, "status", "--json"),
        ]
        assert outputs[1].exit_code == 1
        assert "SMTP login to 127.0.0.1:" in outputs[1].stderr and "refused (535)" in (
            outputs[1].stderr
        )
        for result in outputs:
            assert PASSWORD not in result.output
        db_bytes = b"".join(p.read_bytes() for p in tmp_path.glob("state.db*"))
        assert PASSWORD.encode() not in db_bytes
        assert {r["status"] for r in deliveries(cfg)} == {"pending"}
    finally:
        server.stop()


def test_missing_password_variable_is_a_config_error(ready, monkeypatch):
    monkeypatch.delenv("WP_DIGEST_SMTP_PASSWORD", raising=False)
    ready.write_text(
        ready.read_text().replace('security = "none"', 'security = "none"\nusername = "u"')
    )
    result = run(ready, "send")
    assert result.exit_code == 2
    assert "no password was found: the environment variable WP_DIGEST_SMTP_PASSWORD" in (
        result.stderr
    )
    assert deliveries(ready) == []


def test_dry_run_and_preview_leave_the_ledger_alone(ready, smtp):
    result = run(ready, "send", "--dry-run")
    assert result.exit_code == 0
    assert f"{A}: daily-2026-04-15, 3 posts (GS1 2, GS2 1): would-send" in result.stdout
    assert smtp.messages == []
    preview = run(ready, "send", "--to", "boss@example.org")
    assert preview.exit_code == 0, preview.output
    assert [m["To"] for m in smtp.messages] == ["boss@example.org"]
    db = open_state(ready)
    assert deliveries(ready) == [] and db["subscribers"].count == 0  # nobody met yet
    assert run(ready, "send").exit_code == 0  # the real run still sends both
    assert len(smtp.messages) == 3


def test_empty_digest_only_when_asked(tmp_path, site, smtp, monkeypatch):
    at(monkeypatch, "2026-05-10T07:00:00+05:30")
    cfg = mail_config(tmp_path, site, smtp.port, subscribers=[f'email = "{A}"'])
    assert run(cfg, "crawl").exit_code == 0
    assert f"{A}: nothing new" in run(cfg, "send").stdout and smtp.messages == []
    cfg.write_text(cfg.read_text().replace("[mail]\n", "[mail]\nsend_empty = true\n"))
    assert run(cfg, "send").exit_code == 0
    [msg] = smtp.messages
    assert msg["Subject"] == "UPSC digest · Sat 9 May 2026 · 0 posts"
    assert "Nothing new in this period." in msg.get_payload()[0].get_content()


def test_weekly_subscriber(tmp_path, site, smtp, monkeypatch):
    at(monkeypatch, "2026-04-20T07:30:00+05:30")  # Monday morning
    cfg = mail_config(tmp_path, site, smtp.port, subscribers=[f'email = "{A}"\nperiod = "weekly"'])
    assert run(cfg, "crawl").exit_code == 0
    assert run(cfg, "send", "--period", "daily").stdout == ""  # not a daily subscriber
    assert run(cfg, "send", "--period", "weekly").exit_code == 0
    [msg] = smtp.messages
    assert msg["Subject"] == "UPSC digest · Week 16, 13–19 Apr 2026 · 20 posts"


def test_outbox_transport(tmp_path, site, monkeypatch):
    at(monkeypatch, "2026-04-16T07:00:00+05:30")
    cfg = write_config(
        tmp_path,
        {"sample": site.url},
        f'\n[mail]\nfrom = "d@example.org"\noutbox = "out"\n\n[[subscriber]]\nemail = "{A}"\n',
    )
    assert run(cfg, "crawl").exit_code == 0
    assert run(cfg, "send").exit_code == 0
    [eml] = (tmp_path / "out").glob("*.eml")
    assert eml.name.startswith("reader_at_example.org-")
    assert b"Subject: UPSC digest" in eml.read_bytes()
    assert run(cfg, "send").exit_code == 0
    assert len(list((tmp_path / "out").glob("*.eml"))) == 1


def test_crash_between_sending_and_recording(ready, smtp):
    """The server accepts, the sender dies before recording: resent once, same Message-ID."""
    env = {**os.environ, "WP_DIGEST_NOW": "2026-04-16T07:00:00+05:30"}
    cmd = [sys.executable, "-m", "digest", "--config", str(ready), "send"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    smtp.handler.on_data = lambda msg: os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert len(smtp.messages) == 1
    first = smtp.messages[0]
    [row] = [d for d in deliveries(ready) if d["subscriber"] == first["To"]]
    assert row["status"] == "pending"  # the ledger does not claim what it did not see
    smtp.handler.on_data = None
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    same = [m for m in smtp.messages if m["To"] == first["To"]]
    assert len(same) == 2 and same[0]["Message-ID"] == same[1]["Message-ID"]
    assert {m["To"] for m in smtp.messages} == {A, B}
    assert {d["status"] for d in deliveries(ready)} == {"sent"}
    assert len(deliveries(ready)) == 2


def test_status_json_has_subscribers(ready, smtp):
    assert run(ready, "send").exit_code == 0
    data = json.loads(run(ready, "status", "--json").stdout)
    subs = {s["subscriber"]: s for s in data["subscribers"]}
    assert subs[A]["last_sent"]["label"] == "daily-2026-04-15"
    assert subs[A]["pending"] == [] and subs[A]["last_error"] is None


def test_each_distinct_digest_is_rendered_once(tmp_path, site, smtp, monkeypatch):
    """Readers due the same posts share one rendering; per reader only the envelope."""
    from digest.render import Renderer

    calls = []
    original = Renderer.html

    def counting(self, view, *args, **kwargs):
        calls.append(view.label)
        return original(self, view, *args, **kwargs)

    monkeypatch.setattr(Renderer, "html", counting)
    at(monkeypatch, "2026-04-16T07:00:00+05:30")
    subs = [f'email = "r{i}@example.org"' for i in range(3)]
    subs.append('email = "gs4@example.org"\npapers = ["GS4"]')
    cfg = mail_config(tmp_path, site, smtp.port, subscribers=subs)
    assert run(cfg, "crawl").exit_code == 0
    result = run(cfg, "send")
    assert result.exit_code == 0, result.output
    sent = [line for line in result.stdout.splitlines() if line.endswith(": sent")]
    assert len(smtp.messages) == len(sent) >= 3
    assert len(calls) == len({m["Subject"] for m in smtp.messages}) < len(smtp.messages)
