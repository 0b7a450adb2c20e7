"""The same story from different sources: which posts (and items of compilations) report one
event, so that a reader gets it once.

Pure: units of text in, story assignments out; the store keeps them (digest.store.stories).
The similarity is the cosine of TF-IDF vectors (scikit-learn) over a unit's title (counted
twice: headlines name the event) and the start of its text, where news puts its facts,
numbers and names included. IDF comes from the units compared together, so the words every
post of a busy news day shares weigh little.

Time counts as much as words: write-ups of one event appear within a day of it, while the
look-alikes that share its words (the next stage of the same affair, a follow-up two days
on) come later. So past `GRACE` the score loses `DRIFT` a day, and past `WINDOW` nothing
joins at all.

Assignment is online and stable, like a news aggregator's: a new unit joins the story of
its best-scoring earlier unit when they come from different sources, the score is at least
`THRESHOLD`, and the story has no unit from the new unit's source yet (a site's follow-up is
its own post); otherwise it starts a story of its own. A unit once placed is never moved by
later ones, so what a reader was sent stays true.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

WINDOW = timedelta(days=3)  # "the same event, published within a few days of each other"
THRESHOLD = 0.20  # cosine less drift; chosen on tests/labelled_stories.py (bench/RESULTS.md)
GRACE = 0.5  # days: one news cycle, where time costs nothing
DRIFT = 0.20  # score lost per day apart past GRACE
WORDS = 400  # of a unit's text: the lead, where a write-up states its facts
# Words, numbers with their decimals ("6.5", "16,518"), and scripts whose letters carry
# combining marks (Devanagari, Tamil...), which \w alone would cut apart.
TOKEN = r"(?u)\d+(?:[.,]\d+)*|[^\W\d_][\w\u0900-\u0DFF]+"


@dataclass(frozen=True)
class Unit:
    """A post, or an item of a compilation: what a digest shows as one entry."""

    key: str  # "source:post_id", or "source:post_id#n" for item n
    source: str
    when: str  # published, UTC ISO
    title: str
    text: str  # plain text


@dataclass(frozen=True)
class Placed:
    """A unit already in a story. `alone`: the operator split it off; it joins nothing and
    nothing joins it."""

    unit: Unit
    story: str
    alone: bool = False


@dataclass(frozen=True)
class Joined:
    key: str
    story: str  # the key of the story's first unit
    score: float | None = None  # similarity to `via`, when it joined one
    via: str | None = None


def _seconds(stamp: str) -> float:
    """A stamp as seconds; one without an offset is UTC, as the store keeps them."""
    when = datetime.fromisoformat(stamp.replace("Z", "+00:00").replace(" ", "T"))
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp()


def _document(unit: Unit) -> str:
    lead = " ".join(unit.text.split(None, WORDS)[:WORDS])
    return f"{unit.title}\n{unit.title}\n{lead}"


def similarities(units: Sequence[Unit]) -> list[list[float]]:
    """Cosine similarity of every pair of units (a square matrix, as lists)."""
    return _matrix(units).tolist()


def _matrix(units: Sequence[Unit], rows: int = 0) -> Any:
    """Cosine similarities of the units from `rows` on (all by default) to every unit."""
    # Imported here: scikit-learn takes a second to load, and only a send or a crawl
    # that saw new posts needs it.
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not units:
        import numpy

        return numpy.zeros((0, 0))
    vectors = TfidfVectorizer(
        sublinear_tf=True, stop_words="english", token_pattern=TOKEN, lowercase=True
    ).fit_transform([_document(u) for u in units])
    return (vectors[rows:] @ vectors.T).toarray()


def score(similarity: Any, seconds_apart: Any) -> Any:
    """The similarity of two units published that far apart, as assignment weighs it (for
    one pair, or element-wise for arrays of them)."""
    import numpy

    days = numpy.abs(seconds_apart) / 86400
    return similarity - DRIFT * numpy.maximum(0.0, days - GRACE)


def assign(new: Sequence[Unit], placed: Sequence[Placed] = ()) -> list[Joined]:
    """Where each new unit goes, in publication order: into the story of the best-scoring
    placed (or earlier new) unit that may take it, or a story of its own."""
    import numpy

    order = sorted(new, key=lambda u: (u.when, u.key))
    if not order:
        return []
    pool = [p.unit for p in placed] + order
    sim = _matrix(pool, len(placed))  # a row for each new unit
    seconds = numpy.array([_seconds(u.when) for u in pool])
    sources = numpy.array([u.source for u in pool])
    # Who may be joined: placed units not split off, then each new unit once placed.
    open_ = numpy.array([not p.alone for p in placed] + [False] * len(order))
    story = [p.story for p in placed] + [""] * len(order)
    members: dict[str, set[str]] = {}
    for p in placed:
        members.setdefault(p.story, set()).add(p.unit.source)
    out = []
    for i in range(len(placed), len(pool)):
        unit = pool[i]
        apart = numpy.abs(seconds - seconds[i])
        scores = score(sim[i - len(placed)], apart)
        ok = open_ & (sources != unit.source) & (apart <= WINDOW.total_seconds())
        ok &= scores >= THRESHOLD
        joined = Joined(unit.key, unit.key)
        candidates = numpy.flatnonzero(ok)
        for j in candidates[numpy.argsort(-scores[candidates], kind="stable")]:
            if unit.source not in members[story[j]]:
                joined = Joined(unit.key, story[j], round(float(scores[j]), 3), pool[j].key)
                break
        story[i] = joined.story
        open_[i] = True
        members.setdefault(joined.story, set()).add(unit.source)
        out.append(joined)
    return out
