"""The detail area: the whole highlighted record, its speaker, themes and citation.

Article text is untrusted: it is cleaned of control characters and shown as `Text`, never as
markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from kirklees_tui.query.catalog import Catalog
from kirklees_tui.query.stances import stance_words
from kirklees_tui.sanitize import clean, one_line
from kirklees_tui.store.model import Finding, Quote

__all__ = ["DetailPane", "describe_record"]


def describe_record(catalog: Catalog, record: Finding | Quote) -> Text:
    """The record in full, for the detail area and the clipboard."""
    text = Text()
    if isinstance(record, Quote):
        who = one_line(record.speaker or "unattributed")
        role = f" ({one_line(record.role)})" if record.role else ""
        text.append(f"{who}{role}: ", style="bold")
        text.append(f"“{clean(record.text)}”")
    else:
        text.append(stance_words(record.stance), style="bold")
        text.append(f" · visit {record.visit_id or 'none'}\n", style="bold")
        text.append(clean(record.text))
    why = catalog.tagger.why(record.text)
    tags = [f"{t} ({', '.join(why[t])})" if why.get(t) else t for t in record.themes]
    text.append(f"\nThemes: {one_line(', '.join(tags)) or 'none'}", style="italic")
    text.append(f"\n{one_line(catalog.citation(record))}", style="dim")
    return text


class DetailPane(VerticalScroll):
    """Shows one record; scrolls when it is long."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self._shown = Text("Move onto a finding or quote to see it whole.", style="dim")
        self._body = Static(self._shown)
        self.can_focus = False

    def compose(self) -> ComposeResult:
        yield self._body

    @property
    def shown(self) -> Text:
        """What the pane shows now."""
        return self._shown

    def show(self, content: Text) -> None:
        self._shown = content
        self._body.update(content)
        self.scroll_home(animate=False)
