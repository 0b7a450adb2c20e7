"""Binding the monthly book: its front matter and parts, laid out apart, joined into one PDF.

pikepdf (qpdf) copies the parts' pages into one document without parsing their contents
into Python objects: at 3,000 posts (61 parts, 4,800 pages) the join takes 2 s and 343 MB
where pypdf took 10 s and 519 MB (bench/RESULTS.md, "P6 bound"). Here the book
also gets what only the whole book can have: "page n of m" at each page's foot, the
contents' links to the posts, and an outline (papers, and their posts) for a reader's
sidebar, made from the book's own structure, not from every heading inside the posts.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

PT = 0.75  # CSS px to PDF points


@dataclass(frozen=True)
class Place:
    """A point in the book: a page (0-based) and how far from its top, in CSS px."""

    page: int
    y: float = 0.0


@dataclass(frozen=True)
class Link:
    """A clickable box (x, y, width, height in CSS px from the page's top left) on page
    `page` going to `to`."""

    page: int
    box: tuple[float, float, float, float]
    to: Place


@dataclass(frozen=True)
class Number:
    """A page number for the contents: `text` set right-aligned at `right`, on the baseline
    `baseline` (CSS px from the page's top left) of page `page`, `size` px high."""

    page: int
    right: float
    baseline: float
    size: float
    bold: bool
    text: str


@dataclass(frozen=True)
class Mark:
    """An entry of the outline and the entries under it."""

    title: str
    to: Place
    children: Sequence[Mark] = field(default_factory=tuple)


def bind(documents: Iterable[bytes], links: Sequence[Link], outline: Sequence[Mark],
         title: str, page_height: float, numbers: Sequence[Number] = ()) -> bytes:  # fmt: skip
    """One PDF of `documents` in order, numbered, linked and with its outline; `numbers`
    are the contents' page numbers, known only now."""
    import pikepdf

    book = pikepdf.Pdf.new()
    sources = []  # open until the book is saved: its pages' streams are read from them then
    for data in documents:
        source = pikepdf.Pdf.open(io.BytesIO(data))
        sources.append(source)
        book.pages.extend(source.pages)
    pages = [page.obj for page in book.pages]

    def destination(place: Place) -> Any:
        top = (page_height - place.y) * PT  # PDF's y runs upwards from the foot
        return pikepdf.Array([pages[place.page], pikepdf.Name.XYZ, None, top, None])

    _number_pages(book)
    _write_numbers(book, numbers, page_height)
    for link in links:
        x, y, width, height = link.box
        rect = [x * PT, (page_height - y - height) * PT, (x + width) * PT, (page_height - y) * PT]
        annotation = book.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=rect, Border=[0, 0, 0],
            Dest=destination(link.to)))  # fmt: skip
        page = pages[link.page]
        if pikepdf.Name.Annots not in page:
            page.Annots = pikepdf.Array()
        page.Annots.append(annotation)
    with book.open_outline() as sidebar:
        sidebar.root.extend(_items(outline, destination))
    book.docinfo[pikepdf.Name.Title] = title
    book.Root.PageMode = pikepdf.Name.UseOutlines  # open with the outline shown
    out = io.BytesIO()
    book.save(out, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def _items(marks: Sequence[Mark], destination: Any) -> list[Any]:
    from pikepdf import OutlineItem

    items = []
    for mark in marks:
        item = OutlineItem(mark.title, destination(mark.to))
        item.children.extend(_items(mark.children, destination))
        items.append(item)
    return items


# Footers and the contents' numbers are in the PDF's standard fonts, which every reader
# has: nothing embedded, no layout. Helvetica's advance widths (1/1000 em) of what a footer
# says; the contents' numbers are in Times (a serif, like the book's text).
_WIDTHS = {" ": 278, "f": 278, **dict.fromkeys("0123456789aegop", 556)}
TIMES_DIGIT = 500  # every digit's width in Times-Roman and Times-Bold
FOOT_PT, FOOT_Y, FOOT_GREY = 9, 28, 0.333  # size, baseline above the page's foot, #555


def _standard_font(book: Any, name: str) -> Any:
    """One of the PDF's standard 14 fonts, by name, as an object of `book`."""
    import pikepdf

    return book.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name("/" + name),
        Encoding=pikepdf.Name.WinAnsiEncoding))  # fmt: skip


def _number_pages(book: Any) -> None:
    """ "page n of m" centred at the foot of every page but the cover, drawn straight into
    the PDF (a WeasyPrint overlay of m blank pages took longer than many parts). Each page's
    own drawing is wrapped in q/Q first, so whatever state it leaves does not move ours."""
    import pikepdf

    font = _standard_font(book, "Helvetica")
    save, restore = book.make_stream(b"q\n"), book.make_stream(b"\nQ\n")
    total = len(book.pages)
    for number, page in enumerate(book.pages, start=1):
        if number == 1:
            continue  # the cover
        name = page.add_resource(font, pikepdf.Name.Font, pikepdf.Name.WpdFoot)
        text = f"page {number} of {total}"
        width = sum(_WIDTHS.get(c, 556) for c in text) * FOOT_PT / 1000
        x = (float(page.mediabox[2]) - float(page.mediabox[0]) - width) / 2
        page.contents_add(save, prepend=True)
        page.contents_add(restore)
        foot = f"{FOOT_GREY} g BT {name} {FOOT_PT} Tf {x:.2f} {FOOT_Y} Td ({text}) Tj ET\n"
        page.contents_add(book.make_stream(foot.encode()))


def _write_numbers(book: Any, numbers: Sequence[Number], page_height: float) -> None:
    """The contents' page numbers, each right-aligned in its slot, in Times (bold for a
    paper's line), the contents' own colour (#111)."""
    import pikepdf

    fonts = {bold: _standard_font(book, "Times-Bold" if bold else "Times-Roman")
             for bold in (False, True)}  # fmt: skip
    by_page: dict[int, list[Number]] = {}
    for number in numbers:
        by_page.setdefault(number.page, []).append(number)
    for index, entries in by_page.items():
        page = book.pages[index]
        names = {bold: page.add_resource(font, pikepdf.Name.Font, prefix="WpdToc")
                 for bold, font in fonts.items()}  # fmt: skip
        lines = ["0.067 g"]
        for n in entries:
            size = n.size * PT
            x = n.right * PT - len(n.text) * TIMES_DIGIT * size / 1000
            y = (page_height - n.baseline) * PT
            lines.append(f"BT {names[n.bold]} {size:.2f} Tf {x:.2f} {y:.2f} Td ({n.text}) Tj ET")
        page.contents_add(book.make_stream(("\n".join(lines) + "\n").encode()))
