"""`explain`, pinning with `file`, why posts are Other in `status`, and the drift watch
(status, the tick's log, the operator's mail through a real SMTP server)."""

from __future__ import annotations

import json
import logging
import re

from helpers import make_post, open_state, run, write_config

from digest import config
from digest.sample.site import WordPressServer
from digest.schedule import tick as jobs


def papers_of(db, post_id, source="sample"):
    row = db["posts"].get((source, post_id))
    return json.loads(row["papers"]), row["filing"]


def test_explain_by_id_and_by_url(conf, site):
    assert run(conf, "crawl").exit_code == 0
    result = run(conf, "explain", "sample:71990")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "paper first -> GS2 (International Relations)" in out
    assert 'classifier: GS2; marker: line 1 "Syllabus: GS2/International Relations"' in out
    assert "stored: GS2; subjects: International Relations" in out
    link = open_state(conf)["posts"].get(("sample", 71990))["link"]
    assert run(conf, "explain", link).stdout == out
    # A post filed by its category: the reason says the marker was missing.
    out = run(conf, "explain", "sample:70119").stdout
    assert "no marker in the title or the first 8 lines" in out
    assert "syllabus table -> GS3" in out


def test_explain_and_file_refuse_what_is_not_there(conf, site):
    assert run(conf, "crawl").exit_code == 0
    for args in (["explain", "sample:1"], ["explain", "nonsense"], ["file", "other:5", "GS1"]):
        result = run(conf, *args)
        assert result.exit_code == 2 and "no stored post" in result.stderr, args
    result = run(conf, "file", "sample:71990", "GS9")
    assert result.exit_code == 2 and "'GS9' is not a paper" in result.stderr
    assert run(conf, "file", "sample:71990").exit_code == 2  # neither papers nor --clear


def test_a_pin_outlives_recrawls_and_reclassify(conf, site):
    assert run(conf, "crawl").exit_code == 0
    result = run(conf, "file", "sample:71990", "gs3", "Essay")
    assert result.exit_code == 0 and "pinned under GS3, Essay" in result.stdout
    db = open_state(conf)
    papers, reason = papers_of(db, 71990)
    assert papers == ["GS3", "Essay"] and reason.startswith("pinned: by operator at ")
    # An edit on the site makes a new revision; the pin holds, and so it does on reclassify.
    site.edit(71990, "2026-05-01T00:00:00", title="Edited title")
    assert run(conf, "crawl").exit_code == 0
    assert run(conf, "reclassify").exit_code == 0
    db = open_state(conf)
    assert db["posts"].get(("sample", 71990))["revision"] == 2
    assert papers_of(db, 71990)[0] == ["GS3", "Essay"]
    out = run(conf, "explain", "sample:71990").stdout
    assert "stored: GS3, Essay" in out
    assert re.search(r"pinned: GS3, Essay \(by operator at [-\d]+ [\d:]+ IST \(UTC\+05:30\)\)", out)
    assert "classifier: GS2" in out
    status = run(conf, "status").stdout
    assert "pinned by the operator: 1 post" in status
    result = run(conf, "file", "sample:71990", "--clear")
    assert "pin dropped; filed by the classifier under GS2" in result.stdout
    assert papers_of(open_state(conf), 71990)[0] == ["GS2"]


def test_status_says_why_posts_are_other(tmp_path):
    posts = [
        make_post(1, "2026-04-01T00:00:00", content={"rendered": "<p>No marker at all.</p>"}),
        make_post(2, "2026-04-01T01:00:00", content={"rendered": "<p>Category: Daily Quiz</p>"}),
        make_post(3, "2026-04-01T02:00:00"),
    ]
    with WordPressServer(posts, prefix="/ca/") as site:
        cfg = write_config(tmp_path, {"s": site.url})
        assert run(cfg, "crawl").exit_code == 0
    out = run(cfg, "status").stdout
    assert "Other, 1 post: no marker near the top, and no category or tag names a paper" in out
    assert "Other, 1 post: a marker line names no paper or known subject" in out
    data = json.loads(run(cfg, "status", "--json").stdout)
    assert sum(data["sources"][0]["other_reasons"].values()) == 2


def drifting_posts(before: int, after: int) -> list[dict]:
    """A site that marks the paper in text, then (a template change) only in an attribute."""
    posts = [
        make_post(i, f"2026-04-01T{i // 60:02d}:{i % 60:02d}:00") for i in range(1, before + 1)
    ]
    changed = '<div class="syllabus" data-paper="GS2"></div><p>Body of a post.</p>'
    for i in range(before + 1, before + after + 1):
        post = make_post(i, f"2026-04-02T{i // 60:02d}:{i % 60:02d}:00")
        post["content"] = {"rendered": changed}
        post["categories"] = []
        posts.append(post)
    return posts


WATCH = '\n[watch]\nrecent_posts = 10\njump = 0.5\ncrawl_failing_for = "1h"\n'


def test_drift_is_caught_by_status_the_log_and_the_operator_mail(
    tmp_path, smtp, monkeypatch, caplog
):
    with WordPressServer(drifting_posts(30, 10), prefix="/ca/") as site:
        mail = (
            f'\n[mail]\nhost = "127.0.0.1"\nport = {smtp.port}\nsecurity = "none"\n'
            'from = "wp-digest <digest@example.org>"\noperator = "ops@example.org"\n'
        )
        cfg_path = write_config(tmp_path, {"nextias": site.url}, WATCH + mail)
        assert run(cfg_path, "crawl").exit_code == 0
    warning = "nextias: Other is 100% of the last 10 posts, 0% before"
    status = run(cfg_path, "status").stdout
    assert f"warning: {warning}" in status
    assert "warning: nextias: GS2 is 0% of the last 10 posts, 100% before" in status
    cfg = config.load(str(cfg_path))
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-03T10:00:00+05:30")
    watch_log = logging.getLogger("wp-digest.watch")
    watch_log.addHandler(caplog.handler)  # the CLI runs above replaced the root's handlers
    try:
        result = jobs.tick(cfg)
    finally:
        watch_log.removeHandler(caplog.handler)
    assert any(warning in r.getMessage() for r in caplog.records)
    assert "watch: 2 warnings, mailed to ops@example.org" in result.jobs
    assert len(smtp.messages) == 1
    msg = smtp.messages[0]
    assert msg["To"] == "ops@example.org" and msg["Subject"] == "wp-digest: 2 warnings"
    assert warning in msg.get_content()
    # Once a day: a later tick the same day says nothing; the next day it warns again.
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-03T18:00:00+05:30")
    assert not any(j.startswith("watch") for j in jobs.tick(cfg).jobs)
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-04T00:10:00+05:30")
    assert "watch: 2 warnings, mailed to ops@example.org" in jobs.tick(cfg).jobs
    assert len(smtp.messages) == 2


def test_an_operator_mail_not_accepted_is_tried_again(tmp_path, smtp, monkeypatch):
    with WordPressServer(drifting_posts(30, 10), prefix="/ca/") as site:
        mail = (
            f'\n[mail]\nhost = "127.0.0.1"\nport = {smtp.port}\nsecurity = "none"\n'
            'operator = "ops@example.org"\n'
        )
        cfg_path = write_config(tmp_path, {"nextias": site.url}, WATCH + mail)
        assert run(cfg_path, "crawl").exit_code == 0
    cfg = config.load(str(cfg_path))
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-03T10:00:00+05:30")
    smtp.handler.data_replies.append("451 4.3.0 try again later")
    result = jobs.tick(cfg)
    assert not result.ok and smtp.messages == []
    assert any("mail to the operator failed" in j for j in result.jobs)
    result = jobs.tick(cfg)  # the same day: still due, since the mail was not accepted
    assert result.ok and len(smtp.messages) == 1


def test_failing_crawls_and_deliveries_are_warned_about(tmp_path, smtp, monkeypatch):
    subs = "".join(f'\n[[subscriber]]\nemail = "r{i}@example.org"\n' for i in range(3))
    mail = f'\n[mail]\nhost = "127.0.0.1"\nport = {smtp.port}\nsecurity = "none"\n'
    with WordPressServer([make_post(1, "2026-04-01T00:00:00")], prefix="/ca/") as site:
        cfg_path = write_config(tmp_path, {"ok": site.url}, WATCH + mail + subs)
        assert run(cfg_path, "crawl").exit_code == 0
    assert run(cfg_path, "crawl").exit_code == 1  # the site is gone now
    for i in range(3):
        smtp.handler.rcpt_replies[f"r{i}@example.org"] = "550 5.1.1 no such user"
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-02T08:00:00+05:30")
    assert run(cfg_path, "send").exit_code == 1
    monkeypatch.setenv("WP_DIGEST_NOW", "2099-01-01T00:00:00+05:30")  # long after the crawl
    status = run(cfg_path, "status").stdout
    assert "warning: ok: every crawl has failed for" in status
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-02T09:00:00+05:30")
    status = run(cfg_path, "status").stdout
    assert "warning: mail: 3 deliveries failed in the last 24 h; e.g." in status
