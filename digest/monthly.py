"""The monthly compilation: the month's posts in full, as an HTML book and a PDF (WeasyPrint).

Cover, clickable contents with page numbers, running headers naming the paper, "page n of
m" footers, each post's source link; revised posts in their latest revision, marked with its
date. Rendering never fetches anything from the network unless images are enabled.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from importlib import resources
from typing import Any

from digest import render
from digest.config import DigestSettings
from digest.periods import Period

logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict:
    raise ValueError(f"not fetched: {url}")


def build(rows: list[dict], period: Period, settings: DigestSettings) -> render.DigestView:
    return render.build(rows, period, replace(settings, content="full"))


def html(view: render.DigestView, renderer: render.Renderer) -> str:
    css = renderer.html_env.loader.get_source(renderer.html_env, "monthly.css")[0]  # type: ignore[union-attr]
    template = renderer.html_env.get_template("monthly.html.j2")
    return template.render(d=view, css=css, title=renderer.settings.title)


def pdf(page: str, settings: DigestSettings) -> bytes:
    import weasyprint  # heavy: only when a PDF is made

    kwargs: dict[str, Any] = {}
    if not settings.images:
        kwargs["url_fetcher"] = _refuse
    base = str(resources.files("digest.templates"))
    return weasyprint.HTML(string=page, base_url=base, **kwargs).write_pdf()
