"""The monthly compilation: the month's posts in full, as an HTML book and a PDF (WeasyPrint).

Cover, clickable contents with page numbers, running headers naming the paper, "page n of
m" footers, an outline of papers and posts, each post's source link; revised posts in their
latest revision, marked with its date. Rendering never fetches anything from the network
unless images are enabled.

WeasyPrint keeps a whole document's layout in memory (about 3 MB a post), so the PDF is laid
out in parts of PART_POSTS posts and joined (digest.render.bind): a 400-post month peaks at
about 360 MB instead of 1.2 GB (bench/RESULTS.md, P6). The parts are laid out side by side in
worker processes, one per core (at most MAX_WORKERS): layout is nearly all of a book's time.
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

from digest.config import DigestSettings
from digest.periods import Period
from digest.render import fetch, fonts
from digest.render.bind import Link, Mark, Number, Place, bind
from digest.render.bullets import CSS as BULLET_CSS
from digest.render.bullets import bulleted
from digest.render.jinja import Renderer
from digest.render.view import DigestView
from digest.render.view import build as build_view
from digest.store.rows import DigestRow
from digest.text import refuse_deep

# WeasyPrint reports as errors what is intended here: refused fetches (no network while
# rendering) and links in the contents to anchors that live in other parts.
logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
logging.getLogger("fontTools").setLevel(logging.ERROR)


PART_POSTS = 50  # posts laid out at a time: WeasyPrint holds a whole document in memory
MAX_WORKERS = 4  # processes laying out parts at once (bounded by the cores, and memory)
NO_FOOTER = "\n@page { @bottom-center { content: none; } }\n"
# A part's first page is not the book's: it keeps the running header. Its bullets are text.
PART_CSS = NO_FOOTER + "@page :first { @top-center { content: string(paper); } }\n" + BULLET_CSS


def build(rows: list[DigestRow], period: Period, settings: DigestSettings) -> DigestView:
    return build_view(rows, period, replace(settings, content="full"))


def html(view: DigestView, renderer: Renderer) -> str:
    """The book for browsers: one page, the contents linked to the posts."""
    template = renderer.html_env.get_template("monthly.html.j2")
    return template.render(d=view, css=renderer.asset("monthly.css"), title=renderer.settings.title)


def _parts(view: DigestView) -> list[list[tuple[Any, list[Any], bool]]]:
    """Cut the sections into parts of about PART_POSTS posts, keeping subject groups whole
    where they fit: each part is a list of (section, its groups in this part, starts here)."""
    parts: list[list[tuple[Any, list[Any], bool]]] = []
    current: list[tuple[Any, list[Any], bool]] = []
    count = 0
    for section in view.sections:
        groups: list[Any] = []
        starts = True
        for group in section.groups:
            posts = list(group.posts)
            while posts:
                room = max(PART_POSTS - count, 1)
                taken, posts = posts[:room], posts[room:]
                groups.append(replace(group, posts=taken))
                count += len(taken)
                if count >= PART_POSTS:
                    current.append((section, groups, starts))
                    parts.append(current)
                    current, groups, starts, count = [], [], False, 0
        if groups:
            current.append((section, groups, starts))
    if current:
        parts.append(current)
    return parts


def pdf(view: DigestView, renderer: Renderer) -> bytes:
    """The PDF book, laid out in parts and joined, so memory stays bounded for big months.

    The cover and contents (`_front`) and the parts are laid out side by side (`_laid_out`)
    and kept only as PDF bytes; the parts' anchors give every post's page; `bind` joins it
    all and writes the contents' page numbers, their links, the outline and the footers.
    """
    fonts.warn_uncovered(
        text
        for s in view.sections
        for g in s.groups
        for p in g.posts
        for text in (p.title, p.html or "")
    )

    parts = _parts(view)
    laid_out = _laid_out(renderer, view, parts)
    front: Front = next(laid_out)  # the cover and contents, not yet numbered
    bodies: list[bytes] = []
    where: dict[str, Place] = {}  # anchor -> its place within the body
    body_pages = 0
    for data, anchors in laid_out:
        for number, names in enumerate(anchors):
            for anchor, y in names.items():
                where.setdefault(anchor, Place(body_pages + number, y))
        body_pages += len(anchors)
        bodies.append(data)
    length = front.pages

    def at(anchor: str) -> Place:
        place = where[anchor]
        return Place(length + place.page, place.y)

    numbers = [
        replace(slot, text=str(at(anchor).page + 1))
        for anchor, slot in front.slots
        if anchor in where
    ]
    links = [Link(number, rect, at(target)) for number, target, rect in front.links
             if target in where]  # fmt: skip
    outline = [Mark("Contents", Place(min(1, length - 1)))] + [
        Mark(s.title, at(s.anchor), [
            Mark(p.title, at(p.anchor)) for g in s.groups for p in g.posts])
        for s in view.sections
        if s.anchor in where
    ]  # fmt: skip
    return bind([front.pdf, *bodies], links, outline, view.title, front.height, numbers)


def _layout(renderer: Renderer, view: DigestView, template: str, extra_css: str = NO_FOOTER,
            **context: Any) -> Any:  # fmt: skip
    """One of the book's documents laid out by WeasyPrint (not yet written as PDF)."""
    css = renderer.asset("monthly.css")
    page = renderer.html_env.get_template(template).render(d=view, css=css + extra_css, **context)
    refuse_deep(page, f"the monthly book of {view.label}")
    # Relative URLs in a post were made absolute on its own link (or removed) when it was
    # sanitised; the base here only serves the bundled stylesheet's own references.
    base = str(resources.files("digest.templates"))
    fetcher = fetch.fetcher(renderer.settings.images)
    book = _book_html(renderer.asset("book-ua.css"))
    return book(string=page, base_url=base, url_fetcher=fetcher).render()


@functools.cache
def _book_html(user_agent_css: str) -> Any:
    """WeasyPrint's HTML with the book's own user-agent stylesheet (templates/book-ua.css):
    the book holds only the templates' elements and what the sanitiser lets through, and
    matching WeasyPrint's whole HTML5 sheet against each of them was a quarter of a part's
    layout. `_ua_stylesheets` is WeasyPrint's own hook for it (not public API: if a version
    drops it, the book is laid out as before, only slower; a test says so)."""
    import weasyprint  # heavy: only when a PDF is made

    sheet = weasyprint.CSS(string=user_agent_css)

    class BookHTML(weasyprint.HTML):
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [sheet]

    return BookHTML


# What the workers lay out: set in the parent just before they are forked, read by index.
_JOB: tuple[Renderer, DigestView, list[Any]] | None = None


def _lay_part(index: int) -> Any:
    """Part `index` of the job as PDF bytes, with the anchors on each of its pages (how far
    down the page each is); for -1, the cover and contents (`_front`)."""
    assert _JOB is not None
    renderer, view, parts = _JOB
    if index < 0:
        return _front(renderer, view)
    doc = _layout(renderer, view, "monthly-part.html.j2", PART_CSS, part=_bulleted(parts[index]))
    return doc.write_pdf(), [
        {name: place[1] for name, place in page.anchors.items()} for page in doc.pages
    ]


def _bulleted(part: list[tuple[Any, list[Any], bool]]) -> list[tuple[Any, list[Any], bool]]:
    """The part with its posts' bullets written as text (digest.render.bullets): here, in
    the workers, so it is done side by side too."""
    return [
        (section, [replace(g, posts=[replace(p, html=bulleted(p.html)) for p in g.posts])
                   for g in groups], starts)
        for section, groups, starts in part
    ]  # fmt: skip


@dataclass(frozen=True)
class Front:
    """The cover and contents, laid out: the PDF, its page count and height (CSS px), a
    slot for each page number (the anchor whose page goes there, and where, its text still
    empty) and the contents' links (page, anchor, box)."""

    pdf: bytes
    pages: int
    height: float
    slots: list[tuple[str, Number]]
    links: list[tuple[int, str, Any]]


def _front(renderer: Renderer, view: DigestView) -> Front:
    """The cover and contents, laid out beside the parts, so before any post's page is
    known: each entry keeps a hidden slot as wide as "9999" (monthly.css), and `bind`
    writes the number there. Laying the contents out again with the numbers took as long
    as two parts, after all of them."""
    anchors = [s.anchor for s in view.sections] + [
        p.anchor for s in view.sections for g in s.groups for p in g.posts
    ]
    doc = _layout(renderer, view, "monthly-front.html.j2", title=renderer.settings.title,
                  pages=dict.fromkeys(anchors, 9999))  # fmt: skip
    from weasyprint.formatting_structure.boxes import LineBox

    slots: list[tuple[str, Number]] = []
    for number, page in enumerate(doc.pages):
        baselines, found = {}, []  # an entry's link -> the baseline of its last line
        for box in _descendants(page._page_box):
            if isinstance(box, LineBox):
                for child in box.children:
                    if child.element_tag == "a":
                        baselines[child.element] = box.position_y + box.baseline
            elif box.element_tag == "a::after" and box.children:
                found.append(box)
        for box in found:
            line = box.children[0]
            baseline = baselines.get(box.element, line.position_y + line.baseline)
            slot = Number(number, box.position_x + box.width, baseline, box.style["font_size"],
                          box.style["font_weight"] >= 600, "")  # fmt: skip
            slots.append((box.element.get("href", "#")[1:], slot))
    links = [
        (number, target, rect)
        for number, page in enumerate(doc.pages)
        for kind, target, rect, _ in page.links
        if kind == "internal"
    ]
    return Front(doc.write_pdf(), len(doc.pages), doc.pages[0].height, slots, links)


def _descendants(box: Any) -> Any:
    """Every box under `box` in document order (an entry's last line comes last), without
    recursion (a long contents nests deep)."""
    stack = [box]
    while stack:
        box = stack.pop()
        yield box
        if box.element_tag != "a::after":
            stack.extend(reversed(getattr(box, "children", ()) or ()))


def _laid_out(renderer: Renderer, view: DigestView, parts: list[Any]) -> Any:
    """The cover and contents, then every part laid out, in order:
    in forked workers, one per core, when there is more than one core; in this process
    otherwise."""
    global _JOB
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    workers = min(MAX_WORKERS, cores or 1, len(parts) + 1)
    jobs = range(-1, len(parts))
    _JOB = (renderer, view, parts)
    try:
        if workers < 2:
            yield from map(_lay_part, jobs)
            return
        # Forked (the job is shared, not pickled), before this process lays anything out.
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            yield from pool.map(_lay_part, jobs)
    finally:
        _JOB = None
