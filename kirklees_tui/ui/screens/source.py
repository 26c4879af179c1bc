"""The source view: a record's article (or report), the exact passage highlighted and scrolled
into view. A quotation of Ofsted found in a report opens the report at the passage it was found
at, the check said above it; `a` goes to the article that quoted it.

Each paragraph is its own widget so the passage's paragraph can be scrolled to; the passage is
shown reversed and bold and framed by ▶ ◀ marks, so it stands out without colour. The search
words are marked where the article has them (typography folded, as in the lists: `query/fold`),
`n` / `N` step through them, and `/` finds other words here. `escape` returns to the screen
below as it was.
"""

from __future__ import annotations

from typing import ClassVar, Final

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from kirklees_tui.query.catalog import citation_of
from kirklees_tui.query.checked import check_words
from kirklees_tui.query.fold import fold
from kirklees_tui.sanitize import clean, one_line
from kirklees_tui.store.model import Event, Finding, Quote, Source
from kirklees_tui.ui.screens.clipboard import copy_text
from kirklees_tui.ui.widgets.bounded_input import BoundedInput
from kirklees_tui.ui.widgets.key_bar import KeyBar
from kirklees_tui.ui.widgets.record_list import merged_spans
from kirklees_tui.wording import counted

__all__ = ["SourceScreen"]

MAX_FIND: Final = 200
Hit = tuple[int, int, int]
"""A hit of the search words: paragraph number, start and end in the paragraph as shown."""


class SourceScreen(Screen[None]):
    """One article, read in place."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "find", "Find", priority=True, id="source.find"),
        Binding("n", "hit(1)", "Next hit", id="source.next"),
        Binding("N", "hit(-1)", "Previous hit", id="source.previous"),
        Binding("y", "copy", "Copy", id="source.copy"),
        Binding("a", "article", "Article", id="source.article"),
        Binding("escape", "back", "Back", id="source.back"),
        Binding("question_mark,f1", "help", "Help", id="source.help"),
        Binding("q", "app.quit", "Quit", id="source.quit"),
        Binding("up,k", "scroll(-1)", "Up", show=False),
        Binding("down,j", "scroll(1)", "Down", show=False),
    ]

    def __init__(
        self,
        source: Source,
        record: Finding | Quote | Event,
        terms: tuple[str, ...] = (),
        span: tuple[int, int] | None = None,
        quoted_in: Source | None = None,
    ) -> None:
        """`span` shows another passage than the record's own (a quotation's match in a
        report), and `quoted_in` is then the article that quoted it (`a` opens it)."""
        super().__init__()
        self.source = source
        self.record = record
        self.start, self.end = span or (record.start, record.end)
        self.quoted_in = quoted_in
        self.paragraph = source.paragraph_of(self.start)
        self.terms = tuple(t for t in terms if len(t) > 1)
        """The folded words marked in the article: the main screen's search, or typed after `/`."""
        self.hits: list[Hit] = []
        self.current: int | None = None
        """The hit `n` / `N` last moved to (an index into `hits`)."""

    def compose(self) -> ComposeResult:
        yield Static(self._heading(), id="source-heading")
        with VerticalScroll(id="article"):
            for number in range(1, len(self.source.paragraphs) + 1):
                yield Static(id=f"p{number}", classes="-passage" if number == self.paragraph else "")
        yield BoundedInput(
            max_length=MAX_FIND, placeholder=f"find in this {self.source.kind} (enter: go)", id="find"
        )
        yield KeyBar()

    def _heading(self) -> Text:
        source = self.source
        heading = Text(one_line(source.title), style="bold")
        page = f"page {source.page_of(self.start)} of {len(source.pages)} · " if source.pages else ""
        heading.append(
            f"\n{one_line(source.publisher)} · {source.published} · {page}paragraph "
            f"{self.paragraph} of {len(source.paragraphs)}"
        )
        if self.quoted_in is not None and isinstance(self.record, Quote):
            heading.append(f"\nThe quotation, checked: {one_line(check_words(self.record))}", style="bold")
            heading.append(
                f"\na: the article, as {one_line(self.quoted_in.publisher)} quoted it", style="dim"
            )
        if self.terms:
            words = " ".join(self.terms)
            where = f"hit {self.current + 1} of {len(self.hits)}" if self.current is not None else ""
            found = where or (counted(len(self.hits), "hit") if self.hits else "no hits")
            heading.append(f" · “{one_line(words)}”: {found}", style="bold" if self.hits else "italic")
        return heading

    def _printed(self, number: int) -> Text:
        """A paragraph as printed, the passage marked ▶ ◀ and reversed."""
        start, end = self.source.paragraphs[number - 1]
        text = self.source.text
        a, b = max(start, self.start), min(end, self.end)
        if a >= b:
            return Text(clean(text[start:end]))
        paragraph = Text(clean(text[start:a]))
        paragraph.append("▶", style="bold")
        paragraph.append(clean(text[a:b]), style="bold reverse")
        paragraph.append("◀", style="bold")
        paragraph.append(clean(text[b:end]))
        return paragraph

    def _paragraph(self, number: int) -> Text:
        """The paragraph with the words' hits underlined, and the current hit reversed."""
        paragraph = self._printed(number)
        current = self.hits[self.current] if self.current is not None else None
        for start, end in merged_spans(paragraph.plain, self.terms):
            style = "underline bold reverse" if current == (number, start, end) else "underline bold"
            paragraph.stylize(style, start, end)
        return paragraph

    def _find_hits(self) -> None:
        self.hits = [
            (number, start, end)
            for number in range(1, len(self.source.paragraphs) + 1)
            for start, end in merged_spans(self._printed(number).plain, self.terms)
        ]
        self.current = None

    def _redraw(self) -> None:
        for number in range(1, len(self.source.paragraphs) + 1):
            self.query_one(f"#p{number}", Static).update(self._paragraph(number))
        self.query_one("#source-heading", Static).update(self._heading())

    def on_mount(self) -> None:
        self._find_hits()
        self._redraw()
        article = self.query_one("#article")
        article.focus()
        target = self.query_one(f"#p{self.paragraph}") if self.paragraph else None
        if target is not None:
            self.call_after_refresh(article.scroll_to_widget, target, animate=False, top=True)

    def action_scroll(self, step: int) -> None:
        self.query_one("#article").scroll_relative(y=step, animate=False)

    def action_hit(self, step: int) -> None:
        """`n` / `N`: the next or previous hit, from the passage on the first press."""
        if not self.hits:
            said = "Press / to find words in this article." if not self.terms else "No hits in this article."
            self.notify(said, timeout=2)
            return
        if self.current is None:
            after = [i for i, hit in enumerate(self.hits) if hit[0] >= self.paragraph]
            self.current = (after[0] if after else 0) if step > 0 else ((after[0] if after else 0) - 1)
        else:
            self.current += step
        self.current %= len(self.hits)
        self._redraw()
        number = self.hits[self.current][0]
        self.query_one("#article", VerticalScroll).scroll_to_widget(
            self.query_one(f"#p{number}"), animate=False, top=True
        )

    def action_find(self) -> None:
        field = self.query_one("#find", Input)
        self.add_class("-finding")
        self.set_focus(field)

    @on(Input.Changed, "#find")
    def _find_changed(self, event: Input.Changed) -> None:
        self.terms = tuple(t for t in fold(event.value).split() if len(t) > 1)
        self._find_hits()
        self._redraw()

    @on(Input.Submitted, "#find")
    def _find_submitted(self) -> None:
        self.query_one("#article").focus()
        self.remove_class("-finding")
        if self.hits:
            self.action_hit(1)

    def action_back(self) -> None:
        """Out of the find box back to the article; from the article back a screen."""
        if self.query_one("#find").has_focus:
            self.query_one("#article").focus()
            self.remove_class("-finding")
            return
        self.app.pop_screen()

    def action_article(self) -> None:
        """`a`, on a report opened at a quotation: the article that quoted it, at the quotation."""
        if self.quoted_in is None:
            self.notify("This is the passage's own source.", timeout=2)
            return
        self.app.switch_screen(SourceScreen(self.quoted_in, self.record, self.terms))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In the find box, `/` (and `n`, `y`, `q`: any letter) is typed, not a key; `a` is
        offered only on a report opened at a quotation."""
        if action == "article":
            return self.quoted_in is not None
        return not (action == "find" and self.query_one("#find").has_focus)

    def action_copy(self) -> None:
        passage = clean(self.source.text[self.start : self.end])
        where = copy_text(self.app, f"“{passage}”\n{one_line(citation_of(self.source, self.start))}")
        self.notify(f"The passage with its citation: {where}", timeout=4)

    def action_help(self) -> None:
        from kirklees_tui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("article"))
