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

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from digest.classify.markers import Marker, parse_line
from digest.text import text_lines, words

HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
# A paragraph that is only bold text: sites' section headings when they use no <hN>.
BOLD_LINE = re.compile(
    r"<p\b[^>]*>\s*<(strong|b)\b[^>]*>(.*?)</\1>\s*:?\s*</p>", re.IGNORECASE | re.DOTALL
)
ANCHOR = re.compile(r"""\bid\s*=\s*["']?([\w\-:.]{1,100})""", re.IGNORECASE)
ITEM_LINES = 3  # how far into an item its marker may sit, boilerplate aside
EMPTY = re.compile(
    r"^\s*(?:nothing|no\s+(?:news|content|articles?|items?|topics?))\s+(?:here\s+)?"
    r"(?:for\s+)?(?:today|this\s+section)?\b|^\s*(?:nil|none|n/?a)\s*\.?$",
    re.IGNORECASE,
)
MIN_ITEMS = 2  # fewer than this is a post with one subject, filed as a whole
# What a marker line or section heading begins with: a compilation has two at least. One
# scan of the post decides whether splitting it is worth trying (most posts have one).
CUES = re.compile(
    r">\s*(?:<[^>]+>\s*)*[\u2600-\u27bf\ufe0f\U0001f300-\U0001faff]*\s*"
    r"(?:[a-z0-9]{1,2}[.)]\s*)?(?:(?:syllabus|relevance|category|focus"
    r"|related\s+to|part\s+of|tags?|topics?\s+covered|upsc[^<:]{0,30}|mains[^<:]{0,30})\s*[:\-–|]|(?:g\.?\s?s\.?|general\s+studies)\s*[-–:.]?\s*(?:paper)?"
    r"\s*[-–:.]?\s*(?:[1-4]|iv|i{1,3})\b|prelim|essay|ethics|facts\s+for|in\s+news\s+for"
    r"|सामान्य|जीएस|प्रारंभिक|निबंध|मुख्य|[^<]{0,80}\(\s*g\.?s\.?\s*-?\s*(?:[1-4]|iv|i{1,3})\b[^<()]{0,40}\))",
    re.IGNORECASE,
)  # a marker or section heading where a paragraph or heading begins


def worth_splitting(content: str) -> bool:
    found = 0
    for _ in CUES.finditer(content):
        found += 1
        if found >= MIN_ITEMS:
            return True
    return False


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
    level: int  # 1–6 for <hN>, 0 for a bold line that is a section heading


def _plain(markup: str) -> str:
    return " ".join(words(markup).split())  # str.split() takes \xa0 for a space too


def _headings(content: str) -> list[tuple[int, int, str, str, int]]:
    """(start, end, text, id, level) of every heading, and of bold lines that are section
    headings ("GS Paper 3", "Prelims Corner") but not an item's own marker under a heading."""
    marks = []
    for m in HEADING.finditer(content):
        anchor = ANCHOR.search(m.group(2)) or ANCHOR.search(m.group(3))
        marks.append((m.start(), m.end(), _plain(m.group(3)), anchor.group(1) if anchor else "",
                      int(m.group(1))))  # fmt: skip
    heading_ends = [m[1] for m in marks]
    for m in BOLD_LINE.finditer(content):
        text = _plain(m.group(2))
        marker = parse_line(text) if text and len(text) < 120 else None
        if marker is None or not marker.papers or any(marker.subjects) or marker.lead.strip():
            continue  # a section heading names papers only ("GS Paper 3", "Prelims Corner")
        if any(0 <= m.start() - end < 200 and not _plain(content[end : m.start()])
               for end in heading_ends):  # fmt: skip
            continue  # right under a heading: that item's own marker, not a section
        marks.append((m.start(), m.end(), text, "", 0))
    marks.sort()
    out: list[tuple[int, int, str, str, int]] = []
    for mark in marks:
        if out and mark[0] < out[-1][1]:  # a bold line inside a heading
            continue
        out.append(mark)
    return out


def _segments(content: str, marks: list, deepest: int) -> list[_Segment]:
    """Segments at headings of level `deepest` or outer; deeper headings (an item's own
    "Context", "About") stay inside their item."""
    kept = [m for m in marks if m[4] <= deepest]
    out = []
    for i, (_, end, text, name, level) in enumerate(kept):
        stop = kept[i + 1][0] if i + 1 < len(kept) else len(content)
        out.append(_Segment(text, name, end, stop, level))
    return out


def _item_level(content: str, marks: list, decide_lines) -> int:
    """The heading level items sit at: the outermost one whose headings open with a marker
    (nextias: <h2> then "Syllabus:", its <h3> "Context" inside), else the one right under
    section headings (BYJU'S: <h3> "B. GS2 Related", then <h4> items)."""
    opened: dict[int, int] = {}
    sections = []
    for i, (_, end, text, _, level) in enumerate(marks):
        if _section(text) is not None:
            sections.append(level)
            continue
        stop = marks[i + 1][0] if i + 1 < len(marks) else len(content)
        lines = [line for line in text_lines(content[end:stop]) if line.strip()]
        if decide_lines(_head(lines)) is not None:
            opened[level] = opened.get(level, 0) + 1
    if opened:
        return min(level for level, count in opened.items() if count == max(opened.values()))
    deeper = [m[4] for m in marks if sections and m[4] > min(sections) and _section(m[2]) is None]
    return min(deeper) if deeper else 6


def _section(text: str) -> Marker | None:
    """A heading that is itself a marker ("GS Paper 3", "B. GS2 Related", "Prelims Corner"):
    a section naming its items' paper."""
    marker = parse_line(text)
    if marker is None or not marker.papers:
        return None
    return marker


Filed = tuple[tuple[str, ...], tuple[str, ...], str]


def split(
    content: str,
    decide_lines: Callable[[list[str]], Filed | None],
    infer_item: Callable[[str, list[str]], Filed | None] | None = None,
) -> list[Item]:
    """The items of a compilation, or [] for a post with one subject. `decide_lines` files
    the first lines of a segment (the classifier's own marker rules): (papers, subjects,
    reason) or None when they hold no marker. `infer_item` (heading, lines) files an item
    of a compilation that has neither a marker nor a section by its words, when sure."""
    if not worth_splitting(content):
        return []
    rows = _table_rows(content, decide_lines)
    if len(rows) >= MIN_ITEMS:
        return rows
    marks = _headings(content)
    if len(marks) < MIN_ITEMS:
        return []
    segments = _segments(content, marks, _item_level(content, marks, decide_lines))
    items: list[Item] = []
    pending: list[tuple[int, _Segment, list[str]]] = []
    section: tuple[tuple[str, ...], str] | None = None  # (papers, the heading's line)
    section_seen = False
    for seg in segments:
        body = content[seg.start : seg.end]
        lines = [line for line in text_lines(body) if line.strip()]
        marker = _section(seg.heading)
        if marker is not None:  # a section heading
            section_seen = section_seen or seg.level > 0  # an <hN>, not a bold line
            empty = bool(lines) and EMPTY.match(lines[0]) is not None
            section = None if empty else (marker.papers, seg.heading)
            # A section with text of its own and no items under it is one item itself.
            if lines and not empty and not _only_list_of_headings(body):
                filed = decide_lines(_head(lines))
                if filed is None:
                    filed = (marker.papers, (), f"section {_show(seg.heading)}")
                items.append(_item(len(items) + 1, seg, *filed))
            continue
        filed = decide_lines(_head(lines))
        if filed is not None:
            papers, subjects, reason = filed
            items.append(_item(len(items) + 1, seg, papers, subjects, reason))
        elif section is not None and lines and not EMPTY.match(lines[0]):
            items.append(_item(len(items) + 1, seg, section[0], (),
                               f"section {_show(section[1])}"))  # fmt: skip
        elif infer_item is not None and lines and seg.level > 0:
            pending.append((len(items), seg, lines))  # decided once the post is a compilation
    if len(items) < MIN_ITEMS and not (
        len(items) == 1 and section_seen and parse_line(items[0].heading) is None
    ):
        return []  # one subject; but one story under a section heading is a compilation
    for position, seg, lines in reversed(pending):  # an unmarked item, filed by its words
        guessed = infer_item(seg.heading, lines)  # type: ignore[misc]
        if guessed is not None:
            items.insert(position, _item(0, seg, *guessed))
    return [replace(item, n=n) for n, item in enumerate(items, 1)]


ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr\s*>", re.IGNORECASE | re.DOTALL)
CELL = re.compile(r"<t([dh])\b[^>]*>(.*?)</t\1\s*>", re.IGNORECASE | re.DOTALL)


def _table_rows(content: str, decide_lines: Callable[[list[str]], Filed | None]) -> list[Item]:
    """A compilation laid out as a table, a story to a row (nextias' "Headlines of the Day":
    headline | source | syllabus | points): a row whose cell is a marker is an item, its first
    cell the heading. Rows with no marker (a header, "Miscellaneous") file nothing."""
    found: list[Item] = []
    for row in ROW.finditer(content):
        cells = [_plain(cell.group(2)) for cell in CELL.finditer(row.group(1))]
        if len(cells) < 2 or not cells[0]:
            continue
        for cell in cells[1:]:
            filed = decide_lines([cell[:200]]) if cell else None
            if filed is not None:
                seg = _Segment(cells[0], "", row.start(1), row.end(1), 0)
                found.append(_item(len(found) + 1, seg, *filed))
                break
    return found


def _head(lines: list[str]) -> list[str]:
    """An item's first lines, and a marker block that runs on past them (the Indian
    Express: "Syllabus:", "Preliminary Examination: …", "Main Examination:", then a bullet a
    paper)."""
    end = ITEM_LINES
    while end < min(len(lines), ITEM_LINES + 5) and parse_line(lines[end]) is not None:
        end += 1
    return lines[:end]


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
