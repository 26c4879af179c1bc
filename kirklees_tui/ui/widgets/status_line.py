"""The status line: the active filter in words and how many records it selects.

A one-line widget that only repaints itself (a `Static.update` would re-lay the screen).
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

__all__ = ["StatusLine"]


class StatusLine(Widget):
    """Always one line; shows the filter as the main screen describes it."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self._text = Text("Loading the store…")

    def show(self, text: Text) -> None:
        if text != self._text:
            self._text = text
            self.refresh()

    def render(self) -> Text:
        return self._text
