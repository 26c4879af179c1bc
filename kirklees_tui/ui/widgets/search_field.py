"""The search field: an Input whose keys say how to get back to the results.

Typed text is matched literally (the catalog splits it into words); the field never
interprets it. Its own bindings are there for the key bar: while typing, `⏎ Results` and
`esc Back` are what a newcomer needs to see, rather than an empty footer.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from kirklees_tui.ui.widgets.bounded_input import BoundedInput

__all__ = ["MAX_SEARCH", "SearchField"]

MAX_SEARCH = 200
"""The most characters the search box takes: a paste beyond is cut, with a notice."""
PLACEHOLDER = "search: every word, literally (esc leaves, esc again clears)"


class SearchField(BoundedInput):
    """One line of search words, at most `MAX_SEARCH` characters (a paste's lines joined by
    spaces); enter or escape goes back to the findings."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.leave_search", "Results", id="search.results"),
        Binding("escape", "screen.leave_search", "Back", id="search.back"),
    ]

    def __init__(self, words: str = "", *, id: str) -> None:
        super().__init__(words, max_length=MAX_SEARCH, placeholder=PLACEHOLDER, id=id)
