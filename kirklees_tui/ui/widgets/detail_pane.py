"""The detail area: the whole highlighted record, its speaker, themes and citation.

It takes the focus (`tab` reaches it) and scrolls with the keyboard, so a long quotation and its
citation can be read whole at 80x24. Article text is untrusted: it is cleaned of control
characters and shown as `Text`, never as markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from kirklees_tui.query.catalog import Catalog, citation_of
from kirklees_tui.query.checked import check_words, report_passage
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
        _append_check(text, catalog, record)
    else:
        text.append(stance_words(record.stance), style="bold")
        council = catalog.authority_of(record) if len(catalog.authorities) > 1 else None
        where = f" · {one_line(council)}" if council else ""
        text.append(f"{where} · visit {record.visit_id or 'none'}\n", style="bold")
        text.append(clean(record.text))
    why = catalog.tagger.why(record.text)
    tags = [f"{t} ({', '.join(why[t])})" if why.get(t) else t for t in record.themes]
    text.append(f"\nThemes: {one_line(', '.join(tags)) or 'none'}", style="italic")
    text.append(f"\n{one_line(catalog.citation(record))}", style="dim")
    return text


def _append_check(text: Text, catalog: Catalog, quote: Quote) -> None:
    """What Ofsted's reports say to a quotation of Ofsted: its status, and where it differs,
    the report's own words and where they are."""
    said = check_words(quote)
    if not said:
        return
    text.append(f"\n{one_line(said)}", style="bold")
    found = report_passage(quote, catalog.sources)
    if found is None:
        return
    report, start, end = found
    if quote.check is not None and quote.check.status == "altered":
        text.append("\nThe report: ", style="bold")
        text.append(f"“{clean(report.text[start:end])}”")
    text.append(f"\n{one_line(citation_of(report, start))} (enter: the report there)", style="dim")


class DetailPane(VerticalScroll, can_focus=True):
    """Shows one record; scrolls when it is long (up, down, page keys, home, end)."""

    TITLE = "Detail"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "scroll_up", "Scroll up", show=False),
        Binding("j", "scroll_down", "Scroll down", show=False),
    ]

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.border_title = self.TITLE
        self._shown = Text("Move onto a finding or quote to see it whole.", style="dim")
        self._body = Static(self._shown)

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
        self.call_after_refresh(self._say_if_more)

    def _say_if_more(self, focused: bool | None = None) -> None:
        """Say on the border when the record runs on below, and how to read the rest.
        `focused` is passed from the focus handlers: they run before Widget's own, which
        is what sets `has_focus`."""
        focused = self.has_focus if focused is None else focused
        hint = ""
        if self.max_scroll_y > 0:
            hint = " · ↑ ↓ pgup pgdn scroll" if focused else " · more below: tab here to scroll"
        self.border_title = f"{self.TITLE}{hint}"

    def on_focus(self) -> None:
        self._say_if_more(focused=True)

    def on_blur(self) -> None:
        self._say_if_more(focused=False)
