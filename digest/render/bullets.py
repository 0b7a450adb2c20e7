"""The PDF book's bullets as text: each item of a bulleted list starts with its bullet.

WeasyPrint lays out every list marker as a box of its own, absolutely placed, its width
shrunk to fit (the marker's text laid out three times): on real posts, whose lists are many
and short (23 items in the reference post), that was an eighth of a part's instructions and
a fifth of its time (bench/RESULTS.md, "P6 bullets"). A bullet written as the item's first
characters costs a few characters of a line; CSS gives those items a hanging indent as wide
as the bullet and its space, so they read as before. Numbered lists keep WeasyPrint's
markers.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# By depth of list nesting, as a browser's disc and circle; a no-break space keeps the
# bullet on its item's first word.
BULLETS = ("\u2022\u00a0", "\u2013\u00a0")
# The hanging indents: as wide as each bullet and its space in Noto Serif ("\2022" 0.362em,
# "\2013" 0.5em, the space 0.26em), so lines break and end where they did with WeasyPrint's
# markers. The parts' stylesheet gets this from the code that writes the bullets, after
# monthly.css, so a user's own monthly.css cannot bring the markers back beside them.
CSS = """
ul > li { list-style: none; text-indent: -0.622em; }
:is(ul, ol) ul > li { text-indent: -0.76em; }
li > * { text-indent: 0; }
li > p:first-child { text-indent: inherit; }
"""
# Where an item's first text may be inside: the bullet goes into a first paragraph.
INTO = {"p"}
# Elements an item's text may start with: the bullet goes before them, on their line.
INLINE = {
    "a", "b", "br", "code", "em", "i", "img", "s", "small", "span", "strong", "sub", "sup", "u",
}  # fmt: skip
WHITESPACE = " \t\n\r\f"
NEWLINE = re.compile("\n")


class _Items(HTMLParser):
    """Finds where each bulleted item's bullet goes: before its first text or inline
    element, inside a first paragraph, or (an item that starts with a block, or is empty)
    just after its start tag."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=False)
        self.starts = [0] + [m.end() for m in NEWLINE.finditer(markup)]  # for getpos()
        self.lists: list[str] = []  # open ul and ol, innermost last
        self.pending: tuple[int, str] | None = None  # (just after an item's tag, its bullet)
        self.inserts: list[tuple[int, str]] = []

    def _here(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def _place(self, offset: int | None = None) -> None:
        if self.pending is not None:
            after_tag, bullet = self.pending
            self.inserts.append((after_tag if offset is None else offset, bullet))
            self.pending = None

    def handle_starttag(self, tag: str, attrs: object) -> None:
        end = self._here() + len(self.get_starttag_text() or "")
        if self.pending is not None:
            if tag in INTO:
                self.pending = (end, self.pending[1])
                return
            self._place(self._here() if tag in INLINE else None)
        if tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag == "li" and self.lists and self.lists[-1] == "ul":
            self.pending = (end, BULLETS[min(len(self.lists), len(BULLETS)) - 1])

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self._place(self._here() if tag in INLINE else None)

    def handle_endtag(self, tag: str) -> None:
        self._place()
        if tag in ("ul", "ol") and tag in self.lists:
            del self.lists[len(self.lists) - 1 - self.lists[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        text = data.lstrip(WHITESPACE)
        if text and self.pending is not None:
            self._place(self._here() + len(data) - len(text))

    def handle_entityref(self, name: str) -> None:
        self._place(self._here())

    handle_charref = handle_entityref

    def close(self) -> None:
        super().close()
        self._place()  # an item left open at the end


def bulleted(markup: str | None) -> str | None:
    """Sanitised post HTML with each bulleted item's bullet written into its text."""
    if not markup or "<li" not in markup:
        return markup
    items = _Items(markup)
    items.feed(markup)
    items.close()
    out, last = [], 0
    for offset, bullet in items.inserts:
        out += [markup[last:offset], bullet]
        last = offset
    return "".join(out) + markup[last:]
