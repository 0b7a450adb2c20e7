"""What is due, as a pure function of the clock; tick end to end; the instance lock."""

from __future__ import annotations

import os
import threading
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from helpers import open_state, run, table, write_config

from digest import config as config_mod
from digest.config import ScheduleSettings
from digest.config.values import parse_duration
from digest.schedule.due import due, latest_occurrence
from digest.store import lock

IST = ZoneInfo("Asia/Kolkata")
LONDON = ZoneInfo("Europe/London")
S = ScheduleSettings(crawl_every=7200, daily=(7, 0, 0), weekly=(0, 7, 30, 0))


def ist(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=IST)


def utc(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def test_daily_occurrence():
    assert latest_occurrence("daily", ist("2026-04-16T06:59:59"), IST, S) == ist("2026-04-15T07:00")
    assert latest_occurrence("daily", ist("2026-04-16T07:00:00"), IST, S) == ist("2026-04-16T07:00")
    assert latest_occurrence("daily", ist("2026-04-16T23:00:00"), IST, S) == ist("2026-04-16T07:00")


def test_weekly_occurrence():
    # 2026-04-20 is a Monday.
    assert latest_occurrence("weekly", ist("2026-04-20T07:29"), IST, S) == ist("2026-04-13T07:30")
    assert latest_occurrence("weekly", ist("2026-04-20T07:30"), IST, S) == ist("2026-04-20T07:30")
    assert latest_occurrence("weekly", ist("2026-04-26T23:00"), IST, S) == ist("2026-04-20T07:30")


def test_daily_due_once():
    now = ist("2026-04-16T07:00:30")
    todo = due(now, IST, S, last_crawl=None, sent_for=set(), kinds={"daily"}, next_retry=None)
    assert todo.sends == [("daily", ist("2026-04-16T07:00"))] and todo.crawl
    done = {("send-daily", utc(ist("2026-04-16T07:00")))}
    later = now + timedelta(minutes=30)
    todo = due(later, IST, S, last_crawl=now, sent_for=done, kinds={"daily"}, next_retry=None)
    assert todo.sends == [] and not todo.crawl and not todo.anything


def test_crawl_every():
    last = ist("2026-04-16T08:00")
    args = {
        "sent_for": {("send-daily", utc(ist("2026-04-16T07:00")))},
        "kinds": {"daily"},
        "next_retry": None,
    }
    assert not due(ist("2026-04-16T09:59:59"), IST, S, last_crawl=last, **args).crawl
    assert due(ist("2026-04-16T10:00:00"), IST, S, last_crawl=last, **args).crawl


def test_retry_due():
    args = {"last_crawl": ist("2026-04-16T08:00"), "kinds": set(), "sent_for": set()}
    assert due(ist("2026-04-16T08:10"), IST, S, next_retry=ist("2026-04-16T08:05"), **args).retry
    assert not due(
        ist("2026-04-16T08:10"), IST, S, next_retry=ist("2026-04-16T08:15"), **args
    ).retry


def test_downtime_gives_one_catch_up_send_per_kind():
    # Sent on Monday 07:00; down until Thursday 10:00: one daily send (Thursday's) is due.
    sent = {
        ("send-daily", utc(ist("2026-04-13T07:00"))),
        ("send-weekly", utc(ist("2026-04-13T07:30"))),
    }
    now = ist("2026-04-16T10:00")
    todo = due(
        now,
        IST,
        S,
        last_crawl=ist("2026-04-13T07:00"),
        sent_for=sent,
        kinds={"daily", "weekly"},
        next_retry=None,
    )
    assert todo.sends == [("daily", ist("2026-04-16T07:00"))]


@pytest.mark.parametrize(
    "now, expected_utc",
    [
        # Spring forward in London on Sun 29 Mar 2026: 07:00 local is 06:00 UTC from that day.
        ("2026-03-28T12:00:00+00:00", "2026-03-28T07:00:00"),
        ("2026-03-29T12:00:00+00:00", "2026-03-29T06:00:00"),
        # Fall back on Sun 25 Oct 2026: 07:00 local is 07:00 UTC again.
        ("2026-10-24T12:00:00+00:00", "2026-10-24T06:00:00"),
        ("2026-10-25T12:00:00+00:00", "2026-10-25T07:00:00"),
    ],
)
def test_dst_keeps_local_time(now, expected_utc):
    at = latest_occurrence("daily", datetime.fromisoformat(now), LONDON, S)
    assert utc(at) == expected_utc and at.astimezone(LONDON).hour == 7


def test_dst_day_sends_once():
    """Stepping through the DST days hour by hour: exactly one daily send per local day."""
    sent: set = set()
    sends = []
    now = datetime(2026, 3, 27, 0, 0, tzinfo=UTC)
    while now < datetime(2026, 3, 31, tzinfo=UTC):
        todo = due(now, LONDON, S, last_crawl=now, sent_for=sent, kinds={"daily"}, next_retry=None)
        for kind, at in todo.sends:
            sent.add((f"send-{kind}", utc(at)))
            sends.append(at.astimezone(LONDON))
        now += timedelta(minutes=15)
    assert [(s.day, s.hour, s.minute) for s in sends] == [
        (26, 7, 0),
        (27, 7, 0),
        (28, 7, 0),
        (29, 7, 0),
        (30, 7, 0),
    ]


# --- tick, end to end ------------------------------------------------------------------------


def tick_config(tmp_path, site, smtp_port):
    extra = (
        f'\n[mail]\nhost = "127.0.0.1"\nport = {smtp_port}\nsecurity = "none"\n'
        'from = "d@example.org"\n'
        '\n[schedule]\ncrawl_every = "2h"\ndaily = "07:00"\nweekly = "mon 07:30"\n'
        '\n[[subscriber]]\nemail = "a@example.org"\n'
        '\n[[subscriber]]\nemail = "w@example.org"\nperiod = "weekly"\n'
    )
    return write_config(tmp_path, {"sample": site.url}, extra)


def test_tick_end_to_end(tmp_path, site, smtp, monkeypatch):
    cfg = tick_config(tmp_path, site, smtp.port)
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-16T06:00:00+05:30")
    # First tick ever: crawls; the 15th's 07:00 send (for the 14th) is due, and the subscriber's
    # history starts with that digest.
    assert run(cfg, "tick").exit_code == 0
    db = open_state(cfg)
    assert db["posts"].count == 26
    first = len(smtp.messages)
    assert {m["Subject"] for m in smtp.messages} <= {
        "UPSC digest · Tue 14 Apr 2026 · 3 posts",
        "UPSC digest · Week 15, 6–12 Apr 2026 · 0 posts",
    }
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-16T06:30:00+05:30")
    assert run(cfg, "tick").exit_code == 0
    assert len(smtp.messages) == first and len(table(db, "crawls")) == 1  # nothing due
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-16T07:00:05+05:30")
    result = run(cfg, "tick")
    assert result.exit_code == 0
    assert "send-daily: 1 sent, 0 failed" in result.stderr
    assert "crawl: 1 sources, 0 new, 0 updated, 0 failed" in result.stderr
    assert smtp.messages[-1]["Subject"] == "UPSC digest · Wed 15 Apr 2026 · 3 posts"
    assert len(table(db, "crawls")) == 2  # crawled first
    count = len(smtp.messages)
    assert run(cfg, "tick").exit_code == 0 and len(smtp.messages) == count


def test_tick_keeps_the_archive(tmp_path, site, smtp, monkeypatch):
    cfg = tick_config(tmp_path, site, smtp.port)
    cfg.write_text(cfg.read_text() + '\n[digest]\narchive = "site"\n')
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-20T07:45:00+05:30")  # a Monday
    result = run(cfg, "tick")
    assert result.exit_code == 0, result.output
    assert "archive: daily-2026-04-19, 2 posts" in result.stderr
    assert "archive: weekly-2026-W16, 20 posts" in result.stderr
    site_dir = tmp_path / "site"
    assert (site_dir / "daily-2026-04-19.html").exists()
    assert (site_dir / "weekly-2026-W16.txt").exists()
    assert "weekly-2026-W16.html" in (site_dir / "index.html").read_text()


def test_tick_after_downtime_sends_one_catch_up(tmp_path, site, smtp, monkeypatch):
    cfg = tick_config(tmp_path, site, smtp.port)
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-14T07:05:00+05:30")
    assert run(cfg, "tick").exit_code == 0
    before = [m for m in smtp.messages if m["To"] == "a@example.org"]
    # Down from the 14th until the 18th at 10:00: one digest covering the 14th to the 17th.
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-18T10:00:00+05:30")
    assert run(cfg, "tick").exit_code == 0
    after = [m for m in smtp.messages if m["To"] == "a@example.org"][len(before) :]
    assert [m["Subject"] for m in after] == ["UPSC digest · Fri 17 Apr 2026 · 12 posts"]
    body = after[0].get_payload()[0].get_content()
    for title in ("Places in News: Strait of Hormuz", "Anti-Defection Law", "Left-Wing Extremism"):
        assert title in body  # the 14th, the 17th: nothing in between is lost


def test_tick_survives_smtp_outage_and_source_failure(tmp_path, site, smtp, monkeypatch):
    cfg = tick_config(tmp_path, site, smtp.port)
    smtp.stop()
    site.fault = lambda route, params: (500, {}, b"down") if route == "wp/v2/posts" else None
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-16T07:05:00+05:30")
    result = run(cfg, "tick")
    assert result.exit_code == 1
    assert "crawl: 1 sources, 0 new, 0 updated, 1 failed" in result.stderr
    assert "send-daily:" in result.stderr  # the send still ran after the failed crawl


def test_lock(tmp_path, site, smtp, monkeypatch):
    cfg = tick_config(tmp_path, site, smtp.port)
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-16T07:05:00+05:30")
    database = config_mod.load(str(cfg)).database
    held = lock.InstanceLock(database).acquire()
    try:
        result = run(cfg, "tick")
        assert result.exit_code == 1
        assert "another wp-digest (pid " in result.stderr and "use --wait" in result.stderr
        assert not database.exists() or open_state(cfg)["crawls"].count == 0
        threading.Timer(1.0, held.release).start()
        started = time.monotonic()
        waited = run(cfg, "tick", "--wait")
        assert waited.exit_code == 0
        assert time.monotonic() - started >= 0.9
        assert f"waiting for pid {os.getpid()} to finish…" in waited.stderr
    finally:
        held.release()
    assert open_state(cfg)["crawls"].count == 1


def test_schedule_config_errors(tmp_path):
    for bad, message in [
        ('crawl_every = "soon"', "schedule.crawl_every: not a duration"),
        ('daily = "25:00"', "schedule.daily: not a time of day"),
        ('weekly = "someday 07:00"', "schedule.weekly: expected a weekday"),
    ]:
        path = tmp_path / "c.toml"
        path.write_text(f"[schedule]\n{bad}\n")
        with pytest.raises(config_mod.ConfigError, match=message):
            config_mod.load(str(path))
    assert parse_duration("1h30m") == 5400
