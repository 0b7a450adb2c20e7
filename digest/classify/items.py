"""Items of a compilation: a daily post that holds several stories, each with its own paper.

nextias' "News In Short" gives each item an `<h2>` heading followed by its own "Syllabus:
GSn/…" line; InsightsIAS, BYJU'S and others group items under section headings that are
markers themselves ("GS Paper 3", "B. GS2 Related", "Facts for Prelims"). A post is split
at its headings; a segment is an item when a marker opens it (within its first lines) or
when a section heading above it names the paper. A section that holds nothing ("Nothing
here for today"), or a table of contents that only lists sections, files nothing.

Pure, like the rest of the classifier: items are offsets into the post's content, so the
store keeps them beside the revision they were read from.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from digest.classify.markers import Marker, parse_line
from digest.text import text_lines

HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
# A paragraph that is only bold text: sites' section headings when they use no <hN>.
BOLD_LINE = re.compile(
    r"<p\b[^>]*>\s*<(strong|b)\b[^>]*>(.*?)</\1>\s*:?\s*</p>", re.IGNORECASE | re.DOTALL
)
ANCHOR = re.compile(r"""\bid\s*=\s*["']?([\w\-:.]{1,100})""", re.IGNORECASE)
TAGS = re.compile(r"<[^>]+>")
ITEM_LINES = 3  # how far into an item its marker may sit, boilerplate aside
EMPTY = re.compile(
    r"^\s*(?:nothing|no\s+(?:news|content|articles?|items?|topics?))\s+(?:here\s+)?"
    r"(?:for\s+)?(?:today|this\s+section)?\b|^\s*(?:nil|none|n/?a)\s*\.?$",
    re.IGNORECASE,
)
MIN_ITEMS = 2  # fewer than this is a post with one subject, filed as a whole


@dataclass(frozen=True)
class Item:
    n: int  # 1-based, in the post's order
    heading: str  # plain text
    anchor: str  # the heading's id, "" when it has none
    start: int  # the item's HTML is content[start:end] (its heading excluded)
    end: int
    papers: tuple[str, ...]
    subjects: tuple[str, ...]
    reason: str  # the line that filed it


@dataclass
class _Segment:
    heading: str
    anchor: str
    start: int  # of the body, after the heading
    end: int
    is_bold: bool


def _plain(markup: str) -> str:
    return " ".join(html.unescape(TAGS.sub(" ", markup)).replace("\xa0", " ").split())


def _segments(content: str) -> list[_Segment]:
    marks = []
    for m in HEADING.finditer(content):
        attrs = m.group(2)
        anchor = ANCHOR.search(attrs)
        inner_anchor = ANCHOR.search(m.group(3))
        name = anchor.group(1) if anchor else (inner_anchor.group(1) if inner_anchor else "")
        marks.append((m.start(), m.end(), _plain(m.group(3)), name, False))
    heading_ends = [m.end() for m in HEADING.finditer(content)]
    for m in BOLD_LINE.finditer(content):
        text = _plain(m.group(2))
        marker = parse_line(text) if text and len(text) < 120 else None
        if marker is None or not marker.papers or any(marker.subjects) or marker.lead.strip():
            continue  # a section heading names papers only ("GS Paper 3", "Prelims Corner")
        if any(0 <= m.start() - end < 200 and not _plain(content[end : m.start()])
               for end in heading_ends):  # fmt: skip
            continue  # right under a heading: that item's own marker, not a section
        marks.append((m.start(), m.end(), text, "", True))
    marks.sort()
    out: list[_Segment] = []
    for i, (start, end, text, name, bold) in enumerate(marks):
        if out and start < out[-1].start:  # a bold line inside a heading
            continue
        stop = marks[i + 1][0] if i + 1 < len(marks) else len(content)
        out.append(_Segment(text, name, end, stop, bold))
    return out


def _section(text: str) -> Marker | None:
    """A heading that is itself a marker ("GS Paper 3", "B. GS2 Related", "Prelims Corner"):
    a section naming its items' paper."""
    marker = parse_line(text)
    if marker is None or not marker.papers:
        return None
    return marker


def split(
    content: str,
    decide_lines: Callable[[list[str]], tuple[tuple[str, ...], tuple[str, ...], str] | None],
) -> list[Item]:
    """The items of a compilation, or [] for a post with one subject. `decide_lines` files
    the first lines of a segment (the classifier's own marker rules): (papers, subjects,
    reason) or None when they hold no marker."""
    segments = _segments(content)
    if len(segments) < MIN_ITEMS:
        return []
    items: list[Item] = []
    section: tuple[tuple[str, ...], str] | None = None  # (papers, the heading's line)
    for seg in segments:
        body = content[seg.start : seg.end]
        lines = [line for line in text_lines(body) if line.strip()]
        marker = _section(seg.heading)
        if marker is not None:  # a section heading
            empty = bool(lines) and EMPTY.match(lines[0]) is not None
            section = None if empty else (marker.papers, seg.heading)
            # A section with text of its own and no items under it is one item itself.
            if lines and not empty and not _only_list_of_headings(body):
                filed = decide_lines(lines[:ITEM_LINES])
                if filed is None:
                    filed = (marker.papers, (), f"section {_show(seg.heading)}")
                items.append(_item(len(items) + 1, seg, *filed))
            continue
        filed = decide_lines(lines[:ITEM_LINES])
        if filed is not None:
            papers, subjects, reason = filed
            items.append(_item(len(items) + 1, seg, papers, subjects, reason))
        elif section is not None and lines and not EMPTY.match(lines[0]):
            items.append(_item(len(items) + 1, seg, section[0], (),
                               f"section {_show(section[1])}"))  # fmt: skip
    return items if len(items) >= MIN_ITEMS else []


def _item(n: int, seg: _Segment, papers, subjects, reason: str) -> Item:
    return Item(n, seg.heading, seg.anchor, seg.start, seg.end, tuple(papers),
                tuple(subjects), reason)  # fmt: skip


def _only_list_of_headings(body: str) -> bool:
    """A table of contents: nothing but a list of links."""
    text = _plain(re.sub(r"<a\b[^>]*>.*?</a>", "", body, flags=re.IGNORECASE | re.DOTALL))
    return not text.strip(" .,:;-–—•")


def _show(line: str) -> str:
    line = " ".join(line.split())
    return '"' + (line if len(line) <= 60 else line[:59] + "…") + '"'
