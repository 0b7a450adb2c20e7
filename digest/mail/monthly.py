"""The monthly compilation's PDF for mail: attached when under the size cap, else linked."""

from __future__ import annotations

from digest import periods
from digest.config import Config
from digest.render import Renderer
from digest.store.rows import DigestRow


def monthly_pdf(
    cfg: Config, renderer: Renderer, rows: list[DigestRow], period: periods.Period
) -> tuple[tuple[tuple[str, bytes], ...], str | None]:
    """The month's PDF book: attached when under the size cap, else linked."""
    from digest.render import monthly, publish

    settings = cfg.digest
    book = monthly.build(rows, period, settings)
    files = publish.render_files(book, renderer)
    data = files[".pdf"]
    assert isinstance(data, bytes)
    if settings.archive:
        publish.write(book, renderer, settings.archive, files)
    name = f"{period.label}.pdf"
    cap = cfg.mail.attachment_max_mb
    if len(data) <= cap * 1024 * 1024:
        return ((name, data),), None
    size = len(data) / 1024 / 1024
    notice = f"The PDF compilation ({size:.1f} MB) is over the {cap:g} MB attachment limit"
    if settings.base_url and settings.archive:
        return (), f"{notice}; read it at {settings.base_url}{name}"
    return (), (
        f"{notice}; make it with: wp-digest digest --period monthly "
        f"--date {period.first.isoformat()} --out DIR"
    )
