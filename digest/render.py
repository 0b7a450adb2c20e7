"""Digests: one view model built in Python, rendered by twin Jinja2 templates (HTML, text).

Order of safety, as the developers' guide asks: third-party HTML is sanitised first
(digest.sanitize), then rendered with autoescape on, then CSS is inlined. Templates hold
only loops and ifs; everything they show is computed here.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import css_inline
import jinja2

from digest import clock
from digest.classify import PAPERS, TAGS, paper_rank
from digest.config import DigestSettings
from digest.periods import Period, local_time
from digest.sanitize import clean_html, excerpt

PAPER_TITLES = {
    "GS1": "GS1 · Heritage, history, society, geography",
    "GS2": "GS2 · Polity, governance, social justice, international relations",
    "GS3": "GS3 · Economy, environment, science, security",
    "GS4": "GS4 · Ethics, integrity and aptitude",
    "Essay": "Essay",
    "Prelims": "Prelims",
    "Other": "Other",
}
WIDTH = 78


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

    @property
    def meta_line(self) -> str:
        """The post's details as one line of text (the HTML template lays them out itself)."""
        parts = [self.when, self.source]
        if self.updated:
            parts.insert(0, "UPDATED" + (f" ({', '.join(self.changes)})" if self.changes else ""))
        if self.other_papers:
            parts.append("also " + ", ".join(self.other_papers))
        return " · ".join(parts)


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

    @property
    def empty(self) -> bool:
        return self.total == 0


def build(
    rows: Iterable[dict[str, Any]],
    period: Period,
    settings: DigestSettings,
    *,
    sources: list[str] | None = None,
    now: datetime | None = None,
) -> DigestView:
    """The view model of one digest from query rows (see digest.queries.period_posts)."""
    tz = period.tz
    rows = sorted(rows, key=lambda r: (r["date_gmt"], r["source"], r["post_id"]))
    by_paper: dict[str, list[PostView]] = {}
    for row in rows:
        papers = row["papers"] or ["Other"]
        first = papers[0]  # listed once, under its first paper
        link = row["link"] or ""
        when = local_time(row["date_gmt"], tz)
        full = settings.content == "full"
        by_paper.setdefault(first, []).append(
            PostView(
                ref=0,
                title=_text(row["title"]),
                link=link,
                source=row["source"],
                subject=(row["subjects"] or ["General"])[0],
                when=f"{when:%a} {when.day} {when:%b %Y, %H:%M} {when.tzname()}",
                excerpt=excerpt(row["content"] or row["excerpt"] or ""),
                html=clean_html(row["content"], link or None, images=settings.images)
                if full
                else None,
                updated=bool(row.get("updated")),
                changes=list(row.get("changes") or []),
                other_papers=[p for p in papers if p != first],
                published=row["date_gmt"],
                revised=_day(row["modified_gmt"], tz) if row.get("revision", 1) > 1 else None,
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
    generated = (now or clock.now()).astimezone(tz)
    total = sum(s.count for s in sections)
    return DigestView(
        kind=period.kind,
        label=period.label,
        title=f"{settings.title} · {period.title}",
        heading=period.title,
        sources=sorted(sources if sources is not None else {r["source"] for r in rows}),
        counts=[(s.paper, s.count) for s in sections],
        total=total,
        updated=sum(1 for r in rows if r.get("updated")),
        sections=sections,
        generated=f"{generated:%Y-%m-%d %H:%M} {generated.tzname()}",
        links=links,
    )


def _day(stamp: str | None, tz: Any) -> str | None:
    if not stamp:
        return None
    when = local_time(stamp, tz)
    return f"{when.day} {when:%b %Y}"


def _text(title: str) -> str:
    """Titles arrive as rendered HTML ("&#8211;", "<em>"): plain text for display."""
    return " ".join(html.unescape(TAGS.sub("", title or "")).split())


def wrap(text: str, indent: int = 0, width: int = WIDTH) -> str:
    pad = " " * indent
    return textwrap.fill(
        text, width=width, initial_indent=pad, subsequent_indent=pad, break_on_hyphens=False
    )


class Renderer:
    """Jinja2 environments over the user's template folder (if any) and the bundled one."""

    def __init__(self, settings: DigestSettings):
        self.settings = settings
        bundled = jinja2.FileSystemLoader(str(resources.files("digest.templates")))
        loaders: list[jinja2.BaseLoader] = [bundled]
        if settings.templates:
            loaders.insert(0, jinja2.FileSystemLoader(str(settings.templates)))
        loader = jinja2.ChoiceLoader(loaders)
        common = {"loader": loader, "undefined": jinja2.StrictUndefined, "trim_blocks": True}
        self.html_env = jinja2.Environment(autoescape=True, lstrip_blocks=True, **common)
        # Plain text is not HTML: escaping "&" as "&amp;" there would be a bug, not safety.
        self.text_env = jinja2.Environment(autoescape=False, lstrip_blocks=True, **common)
        self.text_env.filters["wrap"] = wrap
        self.inliner = css_inline.CSSInliner(load_remote_stylesheets=False, keep_style_tags=True)

    def asset(self, name: str) -> str:
        """A file from the template folders (user's first), such as a stylesheet."""
        return self.html_env.loader.get_source(self.html_env, name)[0]  # type: ignore[union-attr]

    def css(self) -> str:
        return self.asset("style.css")

    def html(self, view: DigestView, template: str = "digest.html.j2") -> str:
        page = self.html_env.get_template(template).render(d=view, css=self.css(), papers=PAPERS)
        return self.inliner.inline(page)

    def text(self, view: DigestView) -> str:
        out = self.text_env.get_template("digest.txt.j2").render(d=view)
        return "\n".join(line.rstrip() for line in out.splitlines()).strip() + "\n"

    def page(self, template: str, **context: Any) -> str:
        return self.html_env.get_template(template).render(css=self.css(), **context)


def write(view: DigestView, renderer: Renderer, out: Path) -> tuple[Path, Path]:
    """Write DIR/<label>.html and .txt atomically (a reader never sees half a file)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = (out / f"{view.label}.html", out / f"{view.label}.txt")
    for path, body in zip(paths, (renderer.html(view), renderer.text(view)), strict=True):
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(body, encoding="utf-8")
        tmp.replace(path)
    return paths
