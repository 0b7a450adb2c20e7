"""What changed between two versions of a post, as a reader would put it: sentences added
and removed, and whether the edit was only cosmetic.

Cosmetic edits (whitespace, a link's tracking parameters, an image's address, markup) leave
the plain text as it was: such a revision is stored but not sent as an update. The diff is
by sentence (difflib over the plain text's sentences), capped, and plain text: the
templates escape it like everything else a site sends.
"""

from __future__ import annotations

import difflib
import re

from digest.text import plain, text_lines

SENTENCE_END = re.compile(r"(?<=[.!?।])\s+")  # "।": the Devanagari full stop
MAX_CHANGES = 6  # sentences shown; the rest is "and N more"
MAX_SENTENCE = 240  # characters of one sentence shown


def _sentences(markup: str) -> list[str]:
    out = []
    for line in text_lines(markup or ""):
        out += [s.strip() for s in SENTENCE_END.split(line) if s.strip()]
    return out


def _canonical(title: str, content: str) -> list[str]:
    return [plain(title or "").casefold()] + [s.casefold() for s in _sentences(content)]


def cosmetic(old: tuple[str, str], new: tuple[str, str]) -> bool:
    """Whether (title, content) `new` reads the same as `old`: equal plain text, whatever
    the markup, the links' addresses or the images."""
    return _canonical(*old) == _canonical(*new)


def sentence_diff(
    old_content: str, new_content: str, limit: int = MAX_CHANGES
) -> tuple[tuple[str, str], ...]:
    """("+", sentence) for each sentence added, ("-", sentence) for each removed, in the
    order of the post; at most `limit`, then ("…", "and N more changes")."""
    old, new = _sentences(old_content), _sentences(new_content)
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            out += [("-", s) for s in old[a1:a2]]
        if op in ("insert", "replace"):
            out += [("+", s) for s in new[b1:b2]]
    shown = [(sign, s if len(s) <= MAX_SENTENCE else s[: MAX_SENTENCE - 1] + "…")
             for sign, s in out[:limit]]  # fmt: skip
    if len(out) > limit:
        more = len(out) - limit
        shown.append(("…", f"and {more} more change{'s' if more != 1 else ''}"))
    return tuple(shown)
