"""Calendar periods (digest.periods) and papers (digest.papers): pure, fast."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from digest import periods
from digest.papers import PAPERS, parse_paper, parse_papers

IST = ZoneInfo("Asia/Kolkata")
NY = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("kind", "day", "label", "title", "bounds"),
    [
        ("daily", date(2026, 4, 15), "daily-2026-04-15", "Wed 15 Apr 2026",
         ("2026-04-14T18:30:00", "2026-04-15T18:30:00")),
        ("weekly", date(2026, 4, 22), "weekly-2026-W17", "Week 17, 20–26 Apr 2026",
         ("2026-04-19T18:30:00", "2026-04-26T18:30:00")),
        ("weekly", date(2026, 4, 29), "weekly-2026-W18", "Week 18, 27 Apr – 3 May 2026",
         ("2026-04-26T18:30:00", "2026-05-03T18:30:00")),
        ("monthly", date(2026, 4, 30), "monthly-2026-04", "April 2026",
         ("2026-03-31T18:30:00", "2026-04-30T18:30:00")),
    ],
)  # fmt: skip
def test_periods_in_the_configured_zone(kind, day, label, title, bounds):
    period = periods.containing(kind, day, IST)
    assert (period.label, period.title, period.bounds_utc()) == (label, title, bounds)
    assert periods.from_label(label, IST) == period


def test_previous_and_last_completed():
    assert periods.containing("daily", date(2026, 1, 1), IST).previous().label == (
        "daily-2025-12-31"
    )
    assert periods.containing("weekly", date(2026, 1, 1), IST).label == "weekly-2026-W01"
    now = datetime.fromisoformat("2026-04-17T00:01:00+05:30")
    assert periods.last_completed("daily", now, IST).label == "daily-2026-04-16"
    assert periods.last_completed("weekly", now, IST).label == "weekly-2026-W15"
    assert periods.last_completed("monthly", now, IST).label == "monthly-2026-03"


def test_days_across_dst_are_23_and_25_hours_long():
    def hours(day: date) -> float:
        start, end = (datetime.fromisoformat(s) for s in periods.containing("daily", day, NY)
                      .bounds_utc())  # fmt: skip
        return (end - start).total_seconds() / 3600

    assert hours(date(2026, 3, 8)) == 23 and hours(date(2026, 11, 1)) == 25
    assert hours(date(2026, 11, 2)) == 24


@pytest.mark.parametrize("label", ["daily-2026-4-15", "weekly-2026-W54", "x-2026", "monthly-26-1"])
def test_labels_that_are_not_periods(label):
    with pytest.raises(ValueError):
        period = periods.from_label(label, IST)
        assert period.label == label  # a sloppy label that parses is not the same period


@pytest.mark.parametrize(
    ("written", "paper"),
    [("GS2", "GS2"), ("gs 2", "GS2"), ("GS-3", "GS3"), ("essay", "Essay"), ("PRELIMS", "Prelims")],
)
def test_one_paper_parser(written, paper):
    assert parse_paper(written) == paper


def test_papers_are_refused_by_name_and_kept_once_in_order():
    with pytest.raises(ValueError, match="is not a paper"):
        parse_paper("GS5")
    assert parse_papers(["gs3", "GS2", "GS 3"]) == ["GS3", "GS2"]
    assert all(parse_paper(p) == p for p in PAPERS)
