"""A virtual list of findings or quotes: only the rows on screen are ever rendered.

Built on Textual's Line API (`ScrollView.render_line`), so 100k rows scroll and re-filter
without building a widget per row. The cursor row is marked with `▶` as well as a reverse
style, so it reads without colour. Search hits are underlined and bold: found in the folded
row (`query/fold.py`: a typed `'` finds the article's `’`), marked on the characters as printed.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kirklees_tui.query.checked import check_mark
from kirklees_tui.query.fold import spans
from kirklees_tui.query.stances import STANCE_MARKS
from kirklees_tui.sanitize import one_line
from kirklees_tui.store.model import Finding, Quote

__all__ = ["RecordList", "merged_spans", "record_line"]

Record = Finding | Quote


def record_line(record: Finding | Quote, visit_dates: dict[str, str]) -> str:
    """One list row: a finding's visit date and stance mark, or a quote's check mark (✓ ≠ ?,
    blank for one no report could hold) and speaker; the text."""
    if isinstance(record, Quote):
        mark = check_mark(record) or " "
        return f"{mark} {one_line(record.speaker or 'unattributed')}: “{one_line(record.text)}”"
    when = visit_dates.get(record.visit_id or "", "—")
    return f"{when:<7} {STANCE_MARKS[record.stance]} {one_line(record.text)}"


def merged_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Where the (folded) terms occur in `text`, overlapping hits joined into one."""
    merged: list[tuple[int, int]] = []
    for start, end in spans(text, tuple(terms)):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class RecordList(ScrollView, can_focus=True):
    """Rows of one record kind, a cursor, and search-hit highlighting."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "choose", "Source", id="list.source"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "record-list--cursor",
        "record-list--hit",
        "record-list--empty",
    }

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    class Highlighted(Message):
        """The cursor moved onto a record (None when the list is empty)."""

        def __init__(self, source: RecordList, record: Record | None) -> None:
            super().__init__()
            self.source: RecordList = source
            self.record: Record | None = record

    class Chosen(Message):
        """Enter was pressed on a record: show it in its article."""

        def __init__(self, source: RecordList, record: Record) -> None:
            super().__init__()
            self.source: RecordList = source
            self.record: Record = record

    def __init__(self, describe: Callable[[Record], str], empty: str, *, id: str) -> None:
        super().__init__(id=id)
        self._describe: Callable[[Record], str] = describe
        self._empty = empty
        self._records: Sequence[Record] = ()
        self._rows: Sequence[int] = ()
        self._hits: tuple[str, ...] = ()
        """The folded search terms to mark (none of one letter)."""

    @property
    def count(self) -> int:
        return len(self._rows)

    @property
    def listed(self) -> list[Record]:
        """The records the list holds, in the order it shows them (built on each call)."""
        return [self._records[row] for row in self._rows]

    @property
    def current(self) -> Record | None:
        if not self._rows:
            return None
        return self._records[self._rows[min(self.cursor, len(self._rows) - 1)]]

    def show(
        self, records: Sequence[Record], rows: Sequence[int], terms: Sequence[str], ascending: bool = True
    ) -> None:
        """Show `rows` (store indices; `ascending` unless sorted otherwise) of `records`,
        keeping the cursor on the same record when it is still listed."""
        before = self._rows[self.cursor] if self._rows and self.cursor < len(self._rows) else None
        emptied = bool(self._rows) != bool(rows)
        self._records, self._rows = records, rows
        if emptied:  # `enter` (Source) is offered only with a record to open
            self.refresh_bindings()
        # One-letter terms still filter, but are not highlighted: they would light up most of
        # the screen, which helps nobody and costs the terminal a repaint of every cell.
        self._hits = tuple(t for t in terms if len(t) > 1)
        position = 0
        if before is not None and rows and ascending:
            at = bisect_left(rows, before)
            position = at if at < len(rows) and rows[at] == before else 0
        elif before is not None and rows:  # another order: one C-speed scan of the rows
            try:
                position = (rows if isinstance(rows, list) else list(rows)).index(before)
            except ValueError:
                position = 0
        if position == 0 and self.scroll_offset.y:
            self.scroll_to(y=0, animate=False)
        size = Size(self.size.width, len(rows))
        if size != self.virtual_size:
            # As Textual's own _size_updated does without a layout: a layout pass here would
            # repaint the list a second time, in a second frame (textual is pinned exactly).
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)
        self._keep_in_view(position)
        self.refresh()
        self.set_reactive(RecordList.cursor, min(position, max(0, len(rows) - 1)))
        self.post_message(self.Highlighted(self, self.current))

    def _keep_in_view(self, row: int) -> None:
        """Scroll so that `row` is on screen (a record kept under the cursor by a new filter
        or order may now be anywhere in the list)."""
        height = self.scrollable_content_region.height
        top = int(self.scroll_offset.y)
        if row and height and not top <= row < top + height:
            self.scroll_to(y=max(0, row - height // 2), animate=False)

    def watch_cursor(self, previous: int, cursor: int) -> None:
        height = self.scrollable_content_region.height
        top = int(self.scroll_offset.y)
        if cursor < top:
            self.scroll_to(y=cursor, animate=False)
            self.refresh()
        elif height and cursor >= top + height:
            self.scroll_to(y=cursor - height + 1, animate=False)
            self.refresh()
        else:  # only the two rows whose marker changed
            width = self.size.width
            self.refresh(Region(0, previous - top, width, 1), Region(0, cursor - top, width, 1))
        self.post_message(self.Highlighted(self, self.current))

    def action_move(self, step: int) -> None:
        if self._rows:
            self.cursor = max(0, min(len(self._rows) - 1, self.cursor + step))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.scrollable_content_region.height - 1))

    def action_jump(self, where: int) -> None:
        if self._rows:
            self.cursor = 0 if where == 0 else len(self._rows) - 1

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The key bar offers `enter` only when there is a record to open."""
        return bool(self._rows) if action == "choose" else True

    def action_choose(self) -> None:
        record = self.current
        if record is not None:
            self.post_message(self.Chosen(self, record))

    def on_click(self, event: events.Click) -> None:
        row = int(self.scroll_offset.y) + event.y
        if 0 <= row < len(self._rows):
            self.cursor = row
            if event.chain == 2:
                self.action_choose()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        row = int(self.scroll_offset.y) + y
        base = self.rich_style
        if not self._rows:
            if y == 0:
                empty = self.get_component_rich_style("record-list--empty")
                return Strip([Segment(self._empty[:width], base + empty)]).extend_cell_length(width, base)
            return Strip.blank(width, base)
        if row >= len(self._rows):
            return Strip.blank(width, base)
        text = self._describe(self._records[self._rows[row]])
        is_cursor = row == self.cursor
        style: Style = base
        if is_cursor:
            style = base + (
                self.get_component_rich_style("record-list--cursor") if self.has_focus else Style(bold=True)
            )
        marker = "▶ " if is_cursor else "  "
        body: str = (
            text if cell_len(text) + 2 <= width else set_cell_size(text, max(0, width - 3)).rstrip() + "…"
        )
        if not self._hits:  # one segment: the fewest bytes to the terminal
            line = f"{marker}{body}"
            return Strip([Segment(set_cell_size(line, width), style)], width)
        segments = [Segment(marker, style), *self._segments(body, style)]
        return Strip(segments).crop_extend(0, width, style)

    def _segments(self, body: str, style: Style) -> list[Segment]:
        if not self._hits:
            return [Segment(body, style)]
        hit = style + self.get_component_rich_style("record-list--hit")
        segments: list[Segment] = []
        position = 0
        for start, end in merged_spans(body, self._hits):
            if start > position:
                segments.append(Segment(body[position:start], style))
            segments.append(Segment(body[start:end], hit))
            position = end
        segments.append(Segment(body[position:], style))
        return segments

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self._rows))
        self._keep_in_view(self.cursor)  # a pane made shorter (the search field shown)
        self.refresh()
