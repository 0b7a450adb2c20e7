"""Inferred filing (digest.classify.infer) on real posts without a marker, and the model's
rules: confident or Other, deterministic, learning from marked posts."""

from __future__ import annotations

from labelled_unmarked import POSTS
from scoring import score

from digest.classify import decide, infer


def outcomes(model: infer.Model) -> list[tuple[str, list[str], list[str]]]:
    return [
        (
            p["title"],
            p["expected"],
            decide(p["title"], f"<p>{p['summary']}</p>", model=model).papers,
        )
        for p in POSTS
    ]


def figures(model: infer.Model) -> tuple[float, dict[str, tuple[float, float]], float]:
    found = outcomes(model)
    exact, per = score(found, ignore=("Other",))
    filed = sum(f != ["Other"] for _, _, f in found) / len(found)
    return exact, per, filed


def test_unmarked_real_posts_are_filed_by_what_they_are_about():
    exact, per, _ = figures(infer.Model())
    wrong = [(t, e, f) for t, e, f in outcomes(infer.Model()) if sorted(e) != sorted(f)]
    assert exact >= 0.8, wrong
    for paper, (precision, _recall) in per.items():
        assert precision >= 0.9, (paper, per, wrong)


def test_a_weak_guess_stays_other_and_says_so():
    decision = decide("Notes", "<p>The committee met and the report said the plan is on.</p>",
                      model=infer.Model())  # fmt: skip
    assert decision.papers == ["Other"]
    assert decision.reason.startswith("none: no marker; best guess ")


def test_a_marker_always_wins_over_the_model():
    content = "<p>Syllabus: GS1/History</p><p>Repo rate, inflation and RBI credit policy.</p>"
    assert decide("RBI policy", content, model=infer.Model()).papers == ["GS1"]


def test_learning_moves_the_model_and_is_deterministic():
    title, text = "Notes", "<p>The bhungroo rainwater structure and the zabo method</p>"
    before = decide(title, text, model=infer.Model())
    taught = infer.Model({"GS3": {"bhungroo": 40.0, "zabo": 40.0, "rainwater": 20.0}})
    after = decide(title, text, model=taught)
    again = decide(title, text, model=infer.Model({"GS3": {"bhungroo": 40.0, "zabo": 40.0,
                                                          "rainwater": 20.0}}))  # fmt: skip
    assert before.papers == ["Other"] and after.papers == ["GS3"]
    assert after.reason == again.reason and after.reason.startswith("inferred: GS3 ")


if __name__ == "__main__":  # the figures for bench/RESULTS.md
    exact, per, filed = figures(infer.Model())
    print(f"{len(POSTS)} unmarked posts, {len({p['site'] for p in POSTS})} sites: exact "
          f"{exact:.1%}, filed (not Other) {filed:.1%}")  # fmt: skip
    for paper, (precision, recall) in per.items():
        print(f"  {paper}: precision {precision:.2f}, recall {recall:.2f}")
    for t, e, f in outcomes(infer.Model()):
        print(("  ok " if sorted(e) == sorted(f) else "  XX ") + f"{t}: {e} -> {f}")
