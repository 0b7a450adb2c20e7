"""A period's digest into a folder, in one place: query, build, render, write, index.

The `digest --out` command, scheduled runs keeping the archive, the demo and monthly mails
all publish through here, so a digest looks the same wherever it was made.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from digest.config import DigestSettings
from digest.files import atomic_write, make_folder
from digest.periods import Period
from digest.render import archive, monthly, pdfjob
from digest.render.jinja import Renderer
from digest.render.stories import one_per_story
from digest.render.view import DigestView, build
from digest.store import Database, queries, stories

Files = dict[str, str | bytes]  # suffix -> body


def place_stories(db: Database, period: Period) -> None:
    """Place the period's posts in stories when its digest shows stories (a day, a week).
    The monthly book holds every post in full, story or not: placing a month's thousands
    of posts first (seconds, in a child) only delayed it."""
    if period.kind != "monthly":
        stories.place_for(db, *period.bounds_utc())


def view_for(
    db: Database, period: Period, settings: DigestSettings, ranking: Sequence[str] = ()
) -> DigestView:
    """Daily and weekly: what was published or revised in the period, each story once
    (`ranking`: whose write-up comes first); monthly: the book of everything published in
    the month, in full."""
    if period.kind == "monthly":
        return monthly.build(queries.published_in(db, *period.bounds_utc()), period, settings)
    rows = one_per_story(queries.period_posts(db, *period.bounds_utc()), ranking)[0]
    return build(rows, period, settings)


@dataclass(frozen=True)
class Format:
    """One file a digest is published as: its suffix and what makes it."""

    suffix: str
    make: Callable[[DigestView, Renderer], str | bytes]


# The registry of output formats, and which a period is published in. A new format (an EPUB,
# say) is one function and one line in each.
FORMATS: dict[str, Format] = {
    "html": Format(".html", lambda view, renderer: renderer.html(view)),
    "text": Format(".txt", lambda view, renderer: renderer.text(view)),
    "book": Format(".html", lambda view, renderer: monthly.html(view, renderer)),
    # In a child process: WeasyPrint never enters this one.
    "pdf": Format(".pdf", lambda view, renderer: pdfjob.pdf(view, renderer.settings)),
}
PUBLISHED_AS: dict[str, tuple[str, ...]] = {
    "daily": ("html", "text"),
    "weekly": ("html", "text"),
    "monthly": ("book", "pdf"),
}


def render_files(view: DigestView, renderer: Renderer) -> Files:
    """The files of a digest for the archive folder, in its period's formats (a day or a
    week: HTML and text; a month: the HTML book and its PDF). Each page links back to the
    folder's index."""
    view.archive_link = "index.html"
    formats = [FORMATS[name] for name in PUBLISHED_AS[view.kind]]
    return {f.suffix: f.make(view, renderer) for f in formats}


def write(
    view: DigestView,
    renderer: Renderer,
    out: Path,
    files: Files | None = None,
    *,
    now: datetime | None = None,
) -> list[Path]:
    """Write the digest's files (rendered now unless given) as DIR/<label>.<suffix>, each
    atomically, then refresh the folder's index.html and feed.xml."""
    files = files if files is not None else render_files(view, renderer)
    make_folder(out)
    paths = [atomic_write(out / f"{view.label}{suffix}", body) for suffix, body in files.items()]
    archive.record(view, renderer, out, paths, now=now)
    return paths


def publish(
    db: Database, period: Period, settings: DigestSettings, out: Path, ranking: Sequence[str] = ()
) -> tuple[DigestView, list[Path]]:
    """The period's digest from the store into `out`, its posts placed in stories first (an
    old period's may not be yet); returns the view and the files."""
    place_stories(db, period)
    view = view_for(db, period, settings, ranking)
    return view, write(view, Renderer(settings), out)
