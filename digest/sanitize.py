"""Third-party HTML in, mail-safe HTML out: an nh3 allow-list and nothing else.

Everything a WordPress site sends is untrusted. Only structure survives (paragraphs, lists,
emphasis, headings, tables, links), links only to http(s) and made absolute, images only
when asked for. No script, style, iframe, event handler, class, style attribute, or
javascript:/data: URL gets through.
"""

from __future__ import annotations

import nh3

from digest.classify import CATEGORY_LINE, PAPER_LINE, PRELIMS_HEADING, SYLLABUS, text_lines

TAGS = {
    "p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "u", "s", "sub", "sup", "small",
    "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "hr",
    "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "a",
}  # fmt: skip
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template"}
ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
IMAGE_ATTRIBUTES = {"img": {"src", "alt", "width", "height"}}


def clean_html(markup: str, base_url: str | None, *, images: bool = False) -> str:
    """Sanitise a post's HTML; relative links resolve against the post's own URL."""
    tags = TAGS | {"img"} if images else TAGS
    attributes = ATTRIBUTES | IMAGE_ATTRIBUTES if images else ATTRIBUTES
    relative = ("rewrite_with_base", base_url) if base_url else "deny"
    return nh3.clean(
        markup or "",
        tags=tags,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=attributes,
        url_schemes={"http", "https"},
        link_rel="noopener",
        url_relative=relative,
        strip_comments=True,
    ).strip()


def excerpt(content: str, limit: int = 280) -> str:
    """A plain-text summary from the top of the content, without the syllabus marker."""
    markers = (SYLLABUS, PAPER_LINE, CATEGORY_LINE, PRELIMS_HEADING)
    skip = {"context", "in news", "about", "news", "why in news?", "why in news"}
    words: list[str] = []
    length = 0
    for line in text_lines(clean_html(content, None)):
        if any(m.match(line) for m in markers) or line.lower().strip(" :") in skip:
            continue
        for word in line.split():
            if length + len(word) + 1 > limit:
                return " ".join(words).rstrip(",;:") + " …"
            words.append(word)
            length += len(word) + 1
    return " ".join(words)
