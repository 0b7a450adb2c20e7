"""The monthly compilation: the month's posts in full, as an HTML book and a PDF (WeasyPrint).

Cover, clickable contents with page numbers, running headers naming the paper, "page n of
m" footers, each post's source link; revised posts in their latest revision, marked with its
date. Rendering never fetches anything from the network unless images are enabled.

WeasyPrint keeps a whole document's layout in memory (about 3 MB a post), so the PDF is laid
out in parts of PART_POSTS posts and joined with pypdf: a 400-post month peaks at about
360 MB instead of 1.2 GB (bench/RESULTS.md, P6).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from importlib import resources
from typing import Any

from digest.config import DigestSettings
from digest.periods import Period
from digest.render import fetch, fonts
from digest.render.jinja import Renderer
from digest.render.view import DigestView
from digest.render.view import build as build_view
from digest.store.rows import DigestRow
from digest.text import refuse_deep

# WeasyPrint reports as errors what is intended here: refused fetches (no network while
# rendering) and links in the contents to anchors that live in other parts.
logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
logging.getLogger("fontTools").setLevel(logging.ERROR)


PART_POSTS = 100  # posts laid out at a time: WeasyPrint holds a whole document in memory
NO_FOOTER = "\n@page { @bottom-center { content: none; } }\n"
# A part's first page is not the book's: it keeps the running header.
PART_CSS = NO_FOOTER + "@page :first { @top-center { content: string(paper); } }\n"


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

    Parts are rendered one at a time and kept only as PDF bytes; the anchors they contain
    give every post's page, from which the contents are rendered (twice if their own length
    changes); an overlay adds "page n of m"; pypdf joins it all and adds the contents' links.
    """
    import io

    import weasyprint  # heavy: only when a PDF is made
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Link

    settings = renderer.settings
    fonts.warn_uncovered(
        text
        for s in view.sections
        for g in s.groups
        for p in g.posts
        for text in (p.title, p.html or "")
    )
    env = renderer.html_env
    css = renderer.asset("monthly.css")
    # Relative URLs in a post were made absolute on its own link (or removed) when it was
    # sanitised; the base here only serves the bundled stylesheet's own references.
    kwargs: dict[str, Any] = {
        "base_url": str(resources.files("digest.templates")),
        "url_fetcher": fetch.fetcher(settings.images),
    }

    def layout(template: str, extra_css: str = NO_FOOTER, **context: Any) -> Any:
        page = env.get_template(template).render(d=view, css=css + extra_css, **context)
        refuse_deep(page, f"the monthly book of {view.label}")
        return weasyprint.HTML(string=page, **kwargs).render()

    bodies: list[bytes] = []
    where: dict[str, int] = {}  # anchor -> page index within the body
    body_pages = 0
    for part in _parts(view):
        doc = layout("monthly-part.html.j2", PART_CSS, part=part)
        for number, page in enumerate(doc.pages):
            for anchor in page.anchors:
                where.setdefault(anchor, body_pages + number)
        body_pages += len(doc.pages)
        bodies.append(doc.write_pdf())
        del doc
    front_pages, pages = 0, dict.fromkeys(where, 9999)
    for _ in range(3):  # the contents' length depends on the numbers it shows
        front = layout("monthly-front.html.j2", title=settings.title, pages=pages)
        if len(front.pages) == front_pages:
            break
        front_pages = len(front.pages)
        pages = {anchor: front_pages + index + 1 for anchor, index in where.items()}
    links = [
        (number, pages[target], rect, page.height)
        for number, page in enumerate(front.pages)
        for kind, target, rect, _ in page.links
        if kind == "internal" and target in pages
    ]
    total = front_pages + body_pages
    footer = layout("monthly-footer.html.j2", extra_css="", pages=total)
    writer = PdfWriter()
    for data in [front.write_pdf(), *bodies]:
        writer.append(PdfReader(io.BytesIO(data)))
    overlay = PdfReader(io.BytesIO(footer.write_pdf()))
    for number, page in enumerate(writer.pages):
        page.merge_page(overlay.pages[number])
        page.compress_content_streams()  # merging leaves the joined stream uncompressed
    for number, target, (x, y, width, height), page_height in links:
        px = 0.75  # CSS px to PDF points, and PDF's y runs upwards
        rect = (x * px, (page_height - y - height) * px, (x + width) * px, (page_height - y) * px)
        writer.add_annotation(number, Link(rect=rect, target_page_index=target - 1))
    writer.compress_identical_objects()  # defaults: drop duplicates and orphans
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
