"""How filings on a labelled set are scored: exact papers, and precision and recall per
paper (tests/test_labelled.py, tests/test_inferred.py and the figures in bench/RESULTS.md)."""

from __future__ import annotations

from collections import Counter


def score(
    found: list[tuple[str, list[str], list[str]]], ignore: tuple[str, ...] = ()
) -> tuple[float, dict[str, tuple[float, float]]]:
    """(share exactly right, {paper: (precision, recall)}) of (what, expected, filed);
    papers in `ignore` are left out of the per-paper figures."""
    exact = sum(sorted(e) == sorted(f) for _, e, f in found) / len(found)
    tp, fp, fn = Counter(), Counter(), Counter()
    for _, expected, filed in found:
        for paper in (set(filed) | set(expected)) - set(ignore):
            if paper in filed and paper in expected:
                tp[paper] += 1
            elif paper in filed:
                fp[paper] += 1
            else:
                fn[paper] += 1
    papers = sorted(set(tp) | set(fp) | set(fn))
    per = {p: (tp[p] / ((tp[p] + fp[p]) or 1), tp[p] / ((tp[p] + fn[p]) or 1)) for p in papers}
    return exact, per
