"""The source view: a record's article, the exact passage highlighted and scrolled into view.

Each paragraph is its own widget so the passage's paragraph can be scrolled to; the passage is
shown reversed and bold and framed by ▶ ◀ marks, so it stands out without colour. `escape`
returns to the main screen as it was.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from kirklees_tui.sanitize import clean, one_line
from kirklees_tui.store.model import Event, Finding, Quote, Source
from kirklees_tui.ui.widgets.key_bar import KeyBar

__all__ = ["SourceScreen"]


class SourceScreen(Screen[None]):
    """One article, read in place."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="source.back"),
        Binding("q", "app.pop_screen", "Back", show=False, id="source.quit"),
        Binding("up,k", "scroll(-1)", "Up", show=False),
        Binding("down,j", "scroll(1)", "Down", show=False),
    ]

    def __init__(self, source: Source, record: Finding | Quote | Event) -> None:
        super().__init__()
        self.source = source
        self.record = record
        self.paragraph = source.paragraph_of(record.start)

    def compose(self) -> ComposeResult:
        source = self.source
        heading = Text(one_line(source.title), style="bold")
        heading.append(
            f"\n{one_line(source.publisher)} · {source.published} · paragraph "
            f"{self.paragraph} of {len(source.paragraphs)}"
        )
        yield Static(heading, id="source-heading")
        with VerticalScroll(id="article"):
            for number, (start, end) in enumerate(source.paragraphs, 1):
                yield Static(
                    self._paragraph(start, end),
                    id=f"p{number}",
                    classes="-passage" if number == self.paragraph else "",
                )
        yield KeyBar()

    def _paragraph(self, start: int, end: int) -> Text:
        text = self.source.text
        a, b = max(start, self.record.start), min(end, self.record.end)
        if a >= b:
            return Text(clean(text[start:end]))
        paragraph = Text(clean(text[start:a]))
        paragraph.append("▶", style="bold")
        paragraph.append(clean(text[a:b]), style="bold reverse")
        paragraph.append("◀", style="bold")
        paragraph.append(clean(text[b:end]))
        return paragraph

    def on_mount(self) -> None:
        article = self.query_one("#article")
        article.focus()
        target = self.query_one(f"#p{self.paragraph}") if self.paragraph else None
        if target is not None:
            self.call_after_refresh(article.scroll_to_widget, target, animate=False, top=True)

    def action_scroll(self, step: int) -> None:
        self.query_one("#article").scroll_relative(y=step, animate=False)
