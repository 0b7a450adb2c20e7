"""Third-party HTML in, safe HTML or plain text out: one of each, for every stage.

Everything a WordPress site sends is untrusted. `clean_html` keeps only structure
(paragraphs, lists, emphasis, headings, tables, links) through an nh3 allow-list: links
only to http(s) and made absolute, images only when asked for; no script, style, iframe,
event handler, class, style attribute, or javascript:/data: URL gets through. `text_lines`
and `plain` turn markup into text for the classifier, titles and excerpts.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from itertools import accumulate
from urllib.parse import urljoin, urlsplit

import nh3

ALLOWED_TAGS = {
    "p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "u", "s", "sub", "sup", "small",
    "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "hr",
    "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "a",
}  # fmt: skip
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template"}
ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
IMAGE_ATTRIBUTES = {"img": {"src", "alt", "width", "height"}}

BLOCK_TAGS = re.compile(
    r"<\s*/?\s*(?:p|div|br|h[1-6]|li|ul|ol|tr|td|th|table|figure|section|article|blockquote)"
    r"\b[^>]*>",
    re.IGNORECASE,
)
TAGS = re.compile(r"<[^>]*>")
# C0 and C1 control characters, and bidi embeddings, overrides and isolates: what can move a
# terminal's cursor, forge a line, or make text read other than it is.
CONTROL_CHARACTERS = "\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
TERMINAL_UNSAFE = re.compile(f"[{CONTROL_CHARACTERS}]+")
# Excerpt lines that only introduce the news, not worth a reader's first 280 characters.
LEAD_INS = {"context", "in news", "about", "news", "why in news?", "why in news"}


# Elements nested deeper than this in a post are unwrapped (their text kept). Real posts nest
# a dozen levels; 20,000 nested lists made CSS inlining overflow its native stack (SIGSEGV),
# and WeasyPrint's layout recurses in Python (RecursionError near 140 levels).
MAX_DEPTH = 32
# A whole rendered page (template and posts) deeper than this is refused, not rendered.
MAX_PAGE_DEPTH = 120
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*>")
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
}  # fmt: skip
# Start tags that close an open <p> (HTML's implied end tags).
CLOSES_P = {
    "address", "article", "aside", "blockquote", "div", "dl", "fieldset", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p",
    "pre", "section", "table", "ul",
}  # fmt: skip
CELLS = {"td", "th"}
ROWS = CELLS | {"tr"}
CLOSES = {  # a start tag, and the open elements (innermost first) it ends
    "p": {"p"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "option": {"option"},
    "td": CELLS, "th": CELLS, "tr": ROWS,
    "thead": ROWS | {"thead", "tbody", "tfoot"}, "tbody": ROWS | {"thead", "tbody", "tfoot"},
    "tfoot": ROWS | {"thead", "tbody", "tfoot"},
}  # fmt: skip


def _walk_tags(markup: str, limit: int | None) -> tuple[str, int, int]:
    """(markup with tags past `limit` levels dropped, tags dropped, deepest level seen).

    A tolerant scan, not a parser: HTML's common implied end tags are applied so unclosed
    <p> and <li> do not count as nesting; whatever it misjudges only unwraps an element, and
    the sanitiser sees the result anyway. Iterative, so no input can exhaust a stack."""
    stack: list[tuple[str, bool]] = []  # (name, dropped)
    keep: list[str] = []
    last = dropped = deepest = 0
    for match in _TAG.finditer(markup):
        closing, name = match.group(1), match.group(2).lower()
        drop = False
        if closing:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    drop = stack[i][1]
                    del stack[i:]
                    break
        elif name not in VOID and not match.group(0).endswith("/>"):
            ends = CLOSES.get(name, set())
            while stack and (
                (stack[-1][0] == "p" and (name in CLOSES_P or name in CLOSES))
                or stack[-1][0] in ends
            ):
                stack.pop()
            drop = limit is not None and len(stack) >= limit
            stack.append((name, drop))
            deepest = max(deepest, len(stack))
        if drop:
            keep.append(markup[last : match.start()])
            last = match.end()
            dropped += 1
    if not dropped:
        return markup, 0, deepest
    keep.append(markup[last:])
    return "".join(keep), dropped, deepest


_OPEN_OR_CLOSE = re.compile(
    r"<(/?)(?!(?:br|hr|img|input|meta|link|wbr|source|area|col|embed|param|track|base)\b)"
    r"[a-zA-Z]",
    re.IGNORECASE,
)
_STEP = {"": 1, "/": -1}


def _surely_shallow(markup: str, limit: int) -> bool:
    """An upper bound of the depth, in C-speed steps: opening tags minus closing ones so
    far (void elements left out; an unclosed <p> only makes the bound looser)."""
    steps = map(_STEP.__getitem__, _OPEN_OR_CLOSE.findall(markup))
    return max(accumulate(steps), default=0) <= limit


def bound_nesting(markup: str, limit: int = MAX_DEPTH) -> tuple[str, int]:
    """HTML with elements nested deeper than `limit` unwrapped, and how many tags went."""
    if not markup or markup.count("<") <= limit or _surely_shallow(markup, limit):
        return markup, 0
    bounded, dropped, _ = _walk_tags(markup, limit)
    return bounded, dropped


def nesting_depth(markup: str) -> int:
    """How deep elements nest in HTML (by the same tolerant scan)."""
    return _walk_tags(markup, None)[2]


class TooDeep(ValueError):
    """A page nested too deeply for the renderers to lay out safely."""


def refuse_deep(page: str, what: str) -> str:
    """`page`, or TooDeep: what reaches CSS inlining (native code: a deep page overflows its
    stack and kills the process) or WeasyPrint (it recurses) is checked first, so a page that
    cannot be rendered fails alone, as an exception, whatever template or row made it."""
    depth = nesting_depth(page)
    if depth > MAX_PAGE_DEPTH:
        raise TooDeep(f"{what} nests {depth} levels deep, over {MAX_PAGE_DEPTH}")
    return page


def safe_url(url: object, base: str | None = None) -> str | None:
    """The one URL policy for every href and src wp-digest writes (HTML and text digests,
    archive, feed, monthly book, mail): an absolute http(s) URL with no spaces or control
    characters, relative ones resolved against `base` (itself checked); anything else is
    None. Never raises."""
    try:
        if not isinstance(url, str) or not url or TERMINAL_UNSAFE.search(url):
            return None
        if any(c.isspace() for c in url):
            return None
        if base is not None:
            checked = safe_url(base)
            url = urljoin(checked, url) if checked else url
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None
        return url
    except ValueError:
        return None


def clean_html(markup: str, base_url: str | None, *, images: bool = False) -> str:
    """Sanitise a post's HTML; relative links resolve against the post's own URL (when that
    passes `safe_url`; otherwise relative links are removed)."""
    tags = ALLOWED_TAGS | {"img"} if images else ALLOWED_TAGS
    attributes = ATTRIBUTES | IMAGE_ATTRIBUTES if images else ATTRIBUTES
    base = safe_url(base_url)
    options: dict = {
        "tags": tags,
        "clean_content_tags": DROP_WITH_CONTENT,
        "attributes": attributes,
        "url_schemes": {"http", "https"},
        "link_rel": "noopener",
        "strip_comments": True,
    }
    try:
        if base:
            cleaned = nh3.clean(markup or "", url_relative=("rewrite_with_base", base), **options)
        else:
            cleaned = nh3.clean(markup or "", url_relative="deny", **options)
    except ValueError:  # a base nh3's URL parser refuses: relative links go instead
        cleaned = nh3.clean(markup or "", url_relative="deny", **options)
    # Posts stored before nesting was bounded at the crawl's boundary are bounded here too:
    # no renderer after this ever sees a post nested deeper than MAX_DEPTH.
    return bound_nesting(cleaned)[0].strip()


def text_lines(markup: str) -> list[str]:
    """HTML to plain, entity-decoded lines; tolerant of any broken markup."""
    text = BLOCK_TAGS.sub("\n", markup or "")
    text = html.unescape(TAGS.sub("", text)).replace("\xa0", " ")
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def plain(markup: str) -> str:
    """Rendered HTML such as a title ("&#8211;", "<em>") as one line of plain text."""
    return " ".join(text_lines(markup))


def words(markup: str) -> str:
    """The words of HTML for a search index: tags out (each a space), entities decoded. One
    pass, no lines: the index needs words, not layout."""
    return html.unescape(TAGS.sub(" ", markup or ""))


def excerpt(content: str, limit: int = 280, skip: Callable[[str], bool] | None = None) -> str:
    """A plain-text summary from the top of the content, leaving out lines `skip` names
    (the syllabus marker) and lead-ins such as "Context".

    Only as much of the content as the summary needs is sanitised: a prefix a few times
    the limit, larger only when that did not fill it (a long marker block, a table). A
    search page or a digest of hundreds of posts no longer sanitises every post whole."""
    budget = 4 * limit + 2048
    while True:
        part = content if len(content or "") <= budget else content[:budget]
        summary, full = _summary(part, limit, skip)
        if full or part is content:
            return summary
        budget *= 4


def _summary(markup: str, limit: int, skip: Callable[[str], bool] | None) -> tuple[str, bool]:
    """(the summary, whether it reached `limit`): a summary that did is made only of words
    followed by another, so a prefix cut in a word or a tag never shows."""
    words: list[str] = []
    length = 0
    for line in text_lines(clean_html(markup, None)):
        if (skip and skip(line)) or line.lower().strip(" :") in LEAD_INS:
            continue
        for word in line.split():
            if length + len(word) + 1 > limit:
                return " ".join(words).rstrip(",;:") + " …", True
            words.append(word)
            length += len(word) + 1
    return " ".join(words), False


def printable(text: str, limit: int = 1000) -> str:
    """One line for a terminal or a log: control and escape characters (a site's title or
    error body may carry them) become a space, and the line is bounded."""
    line = TERMINAL_UNSAFE.sub(" ", text).rstrip()  # indentation stays
    return line if len(line) <= limit else line[: limit - 1] + "…"


def plural(n: int, word: str) -> str:
    """ "1 post", "2 posts": counts people read."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"
