"""The view model of a digest: posts grouped by paper and subject, everything shown computed.

Templates (digest.render.jinja) hold only loops and ifs. Third-party HTML is sanitised here,
before any template sees it (digest.text).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from digest import clock
from digest.classify import is_marker
from digest.config import DigestSettings
from digest.papers import PAPER_TITLES, paper_rank
from digest.periods import Period, local_time
from digest.render.stories import item_link
from digest.store.rows import DigestRow
from digest.text import clean_html, excerpt, plain, safe_url


@dataclass
class PostView:
    ref: int
    title: str
    link: str
    source: str
    subject: str
    when: str
    excerpt: str
    html: str | None
    updated: bool
    changes: list[str]
    other_papers: list[str]
    published: str  # UTC, for ordering
    revised: str | None = None  # local date of the latest revision, when there was one
    from_title: str | None = None  # an item of a compilation: the compilation's title
    diff: list[tuple[str, str]] = field(default_factory=list)  # since the reader's version
    old_title: str = ""  # the title the reader saw, when it changed
    refiled: str = ""  # "Filed before under GS2; now under GS2, GS3", when that changed
    # The same story from other sources: (source, title, link, reference number).
    also: list[tuple[str, str, str, int]] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """The post's id in the monthly book, which its contents entry and outline go to."""
        return f"post-{self.ref}"

    @property
    def meta_line(self) -> str:
        """The post's details as one line of text (the HTML template lays them out itself)."""
        parts = [self.when, self.source]
        if self.from_title:
            parts.insert(0, f"from {self.from_title}")
        if self.updated:
            parts.insert(0, "UPDATED" + (f" ({', '.join(self.changes)})" if self.changes else ""))
        if self.other_papers:
            parts.append("also " + ", ".join(self.other_papers))
        return " · ".join(parts)

    @property
    def also_line(self) -> str:
        """ "Also covered by: insightsias [4], drishti [5]" (the text digest's references)."""
        return "Also covered by: " + ", ".join(f"{s} [{ref}]" for s, _, _, ref in self.also)


@dataclass
class SubjectGroup:
    name: str
    posts: list[PostView] = field(default_factory=list)


@dataclass
class Section:
    paper: str
    anchor: str
    title: str
    count: int
    groups: list[SubjectGroup]


@dataclass
class DigestView:
    kind: str
    label: str
    title: str
    heading: str
    sources: list[str]
    counts: list[tuple[str, int]]
    total: int
    updated: int
    sections: list[Section]
    generated: str
    links: list[tuple[int, str]]
    notice: str | None = None  # e.g. why a PDF is linked instead of attached
    archive_link: str | None = None  # the archive's index, where the digest is published
    manage_link: str | None = None  # the reader's manage page (filled in per message)

    @property
    def empty(self) -> bool:
        return self.total == 0


def build(
    rows: Iterable[DigestRow],
    period: Period,
    settings: DigestSettings,
    *,
    sources: list[str] | None = None,
    now: datetime | None = None,
    papers: Iterable[str] = (),
) -> DigestView:
    """The view model of one digest from query rows (see digest.store.queries). `papers`:
    the reader's; a compilation shows only its items filed under them (all when empty), an
    item is an entry of its own, titled by its heading."""
    tz = period.tz
    wanted = set(papers)
    rows = sorted(rows, key=lambda r: (r.date_gmt, r.source, r.post_id))
    by_paper: dict[str, list[PostView]] = {}
    for row in rows:
        if row.items:
            for paper, view in _items(row, settings, tz, wanted):
                by_paper.setdefault(paper, []).append(view)
            continue
        papers = list(row.papers) or ["Other"]
        first = papers[0]  # listed once, under its first paper
        link = safe_url(row.link) or ""  # an old row, or a database edited by hand
        when = local_time(row.date_gmt, tz)
        full = settings.content == "full"
        by_paper.setdefault(first, []).append(
            PostView(
                ref=0,
                title=plain(row.title),
                link=link,
                source=row.source,
                subject=(row.subjects or ("General",))[0],
                when=f"{when:%a} {when.day} {when:%b %Y, %H:%M} {when.tzname()}",
                excerpt=excerpt(row.content or row.excerpt, skip=is_marker),
                html=clean_html(row.content, link or None, images=settings.images)
                if full
                else None,
                updated=row.updated,
                changes=list(row.changes),
                other_papers=[p for p in papers if p != first],
                published=row.date_gmt,
                revised=_day(row.modified_gmt, tz) if row.revision > 1 else None,
                diff=list(row.diff),
                old_title=plain(row.old_title),
                refiled=(
                    f"Filed before under {', '.join(row.old_papers)}; now under {', '.join(papers)}"
                )
                if row.old_papers
                else "",  # fmt: skip
                also=[(a.source, plain(a.title), a.link, 0) for a in row.also],
            )
        )
    sections = []
    for paper in sorted(by_paper, key=paper_rank):
        groups: dict[str, SubjectGroup] = {}
        for post in by_paper[paper]:
            groups.setdefault(post.subject, SubjectGroup(post.subject)).posts.append(post)
        sections.append(
            Section(
                paper=paper,
                anchor=paper.lower(),
                title=PAPER_TITLES.get(paper, paper),
                count=len(by_paper[paper]),
                groups=list(groups.values()),
            )
        )
    links: list[tuple[int, str]] = []
    for section in sections:  # references numbered in the order the posts are shown
        for group in section.groups:
            for post in group.posts:
                post.ref = len(links) + 1
                links.append((post.ref, post.link))
                for n, (source, title, link, _) in enumerate(post.also):
                    post.also[n] = (source, title, link, len(links) + 1)
                    links.append((len(links) + 1, link))
    generated = (now or clock.now()).astimezone(tz)
    total = sum(s.count for s in sections)
    return DigestView(
        kind=period.kind,
        label=period.label,
        title=f"{settings.title} · {period.title}",
        heading=period.title,
        sources=sorted(sources if sources is not None else {r.source for r in rows}),
        counts=[(s.paper, s.count) for s in sections],
        total=total,
        updated=sum(1 for r in rows if r.updated),
        sections=sections,
        generated=f"{generated:%Y-%m-%d %H:%M} {generated.tzname()}",
        links=links,
    )


def _items(
    row: DigestRow, settings: DigestSettings, tz: Any, wanted: set[str]
) -> list[tuple[str, PostView]]:
    """A compilation's entries: each item the reader's papers take, under its first paper
    among them, with its own excerpt and a link that lands on it."""
    link = safe_url(row.link) or ""
    when = local_time(row.date_gmt, tz)
    out = []
    for item in row.items:
        shown = [p for p in item.papers if not wanted or p in wanted]
        if not shown:
            continue  # another paper's item: none of its text reaches this reader
        body = row.content[item.start : item.end]
        target = item_link(row, item)
        out.append((shown[0], PostView(
            ref=0,
            title=plain(item.heading) or plain(row.title),
            link=target or link,
            source=row.source,
            subject=(item.subjects or row.subjects or ("General",))[0],
            when=f"{when:%a} {when.day} {when:%b %Y, %H:%M} {when.tzname()}",
            excerpt=excerpt(body, skip=is_marker),
            html=clean_html(body, link or None, images=settings.images)
            if settings.content == "full" else None,
            updated=row.updated,
            changes=list(row.changes),
            other_papers=[p for p in shown if p != shown[0]],
            published=row.date_gmt,
            revised=_day(row.modified_gmt, tz) if row.revision > 1 else None,
            from_title=plain(row.title),
            also=[(a.source, plain(a.title), a.link, 0) for a in item.also],
        )))  # fmt: skip
    return out


def _day(stamp: str | None, tz: Any) -> str | None:
    if not stamp:
        return None
    when = local_time(stamp, tz)
    return f"{when.day} {when:%b %Y}"
