"""What the WordPress spider yields (one item per API page), and where a walk stands.

See spiders/wordpress.py for the keyset paging these support.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from dataclasses import field as dataclass_field  # `field` is also a Walk attribute
from typing import Any

from digest.crawl import wp


@dataclass
class PageItem:
    """One saved unit: a page of posts and, for incremental crawls, the new cursor."""

    source: str
    post_type: str
    posts: list[dict[str, Any]]
    cursor: str | None = None
    total: int | None = None
    cursor_field: str = "modified"  # the walk the cursor belongs to: "modified" or "date"
    rejects: list[dict[str, Any]] = field(default_factory=list)  # for the quarantine


@dataclass
class ApiRootItem:
    source: str
    url: str
    api_root: str


@dataclass
class TermsItem:
    """A page of category or tag names, kept for classification."""

    source: str
    taxonomy: str
    terms: list[dict[str, Any]]


TAXONOMIES = ("categories", "tags")


@dataclass(frozen=True)
class Walk:
    """Where one post type's walk through the collection stands."""

    post_type: str
    field: str  # "modified" or "date": the date the walk pages by
    lower: str | None  # exclusive lower bound, GMT
    upper: str | None = None  # exclusive upper bound, GMT
    persist: bool = False  # incremental walks save their cursor; range walks do not
    floor: str | None = None  # the saved cursor: it never moves back below it
    then: Walk | None = None  # the walk that starts when this one ends
    tie: str | None = None  # the second being paged by ID
    page: int = 1
    tie_total: int | None = None
    restarts: int = 0
    # IDs this tie walk has read: a page must bring only new ones (a server that ignores
    # `page` would otherwise be asked for every page it claims to have).
    tie_ids: frozenset[int] = dataclass_field(default=frozenset(), compare=False)

    def params(self, categories: tuple[int, ...]) -> dict[str, Any]:
        after, before = ("modified_after", "modified_before")
        if self.field == "date":
            after, before = ("after", "before")
        params: dict[str, Any] = {"per_page": wp.PER_PAGE, "_fields": wp.FIELDS}
        if self.tie:
            params.update(orderby="id", order="asc", page=self.page)
            params[after] = wp.shift(self.tie, -1) + "Z"
            params[before] = wp.shift(self.tie, 1) + "Z"
        else:
            params.update(orderby=self.field, order="asc")
            if self.lower:
                params[after] = self.lower + "Z"
            if self.upper:
                params[before] = self.upper + "Z"
        if categories:
            params["categories"] = ",".join(map(str, categories))
        return params
