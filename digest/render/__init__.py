"""The render stage: rows from the store into digests people read.

- `view`: the view model (posts grouped by paper and subject);
- `jinja`: the twin templates' renderer (HTML with CSS inlined, and text);
- `monthly`: the monthly book, HTML and PDF;
- `archive`: the folder's index.html and feed.xml;
- `publish`: a period's digest into a folder, in one place.
"""

from digest.render.jinja import Renderer
from digest.render.view import DigestView, build

__all__ = ["DigestView", "Renderer", "build"]
