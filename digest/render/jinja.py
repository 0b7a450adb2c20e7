"""Rendering a view model with twin Jinja2 templates (HTML and text), the user's first.

Order of safety, as the developers' guide asks: third-party HTML is sanitised first (in the
view model, digest.text), then rendered with autoescape on, then CSS is inlined.
"""

from __future__ import annotations

import textwrap
from importlib import resources
from typing import Any

import css_inline
import jinja2

from digest.config import DigestSettings
from digest.papers import PAPERS
from digest.render.view import DigestView
from digest.text import refuse_deep

WIDTH = 78


def wrap(text: str, indent: int = 0, width: int = WIDTH) -> str:
    pad = " " * indent
    return textwrap.fill(
        text, width=width, initial_indent=pad, subsequent_indent=pad, break_on_hyphens=False
    )


class Renderer:
    """Jinja2 environments over the user's template folder (if any) and the bundled one."""

    def __init__(self, settings: DigestSettings):
        self.settings = settings
        bundled = jinja2.FileSystemLoader(str(resources.files("digest.templates")))
        loaders: list[jinja2.BaseLoader] = [bundled]
        if settings.templates:
            loaders.insert(0, jinja2.FileSystemLoader(str(settings.templates)))
        loader = jinja2.ChoiceLoader(loaders)
        strict = jinja2.StrictUndefined
        self.html_env = jinja2.Environment(loader=loader, undefined=strict, trim_blocks=True,
                                           autoescape=True, lstrip_blocks=True)  # fmt: skip
        # Plain text is not HTML: escaping "&" as "&amp;" there would be a bug, not safety.
        self.text_env = jinja2.Environment(loader=loader, undefined=strict, trim_blocks=True,
                                           autoescape=False, lstrip_blocks=True)  # fmt: skip
        self.text_env.filters["wrap"] = wrap
        self.inliner = css_inline.CSSInliner(load_remote_stylesheets=False, keep_style_tags=True)

    def asset(self, name: str) -> str:
        """A file from the template folders (user's first), such as a stylesheet."""
        return self.html_env.loader.get_source(self.html_env, name)[0]  # type: ignore[union-attr]

    def css(self) -> str:
        return self.asset("style.css")

    def html(
        self, view: DigestView, template: str = "digest.html.j2", nav: dict[str, Any] | None = None
    ) -> str:
        """The digest page; `nav` (the readers' site: its name, sign-up on or off) adds the
        site's links above it, which a mail does not carry."""
        page = self.html_env.get_template(template).render(d=view, css=self.css(),
                                                           papers=PAPERS, nav=nav)  # fmt: skip
        return self.inliner.inline(refuse_deep(page, f"the HTML of {view.label}"))

    def text(self, view: DigestView) -> str:
        out = self.text_env.get_template("digest.txt.j2").render(d=view)
        return "\n".join(line.rstrip() for line in out.splitlines()).strip() + "\n"

    def page(self, template: str, **context: Any) -> str:
        return self.html_env.get_template(template).render(css=self.css(), **context)
