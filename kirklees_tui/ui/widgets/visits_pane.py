"""The visits pane: every visit with kind, judgement spelled out and counts under the filter.

A small Line-API widget: lines are wrapped to the pane's width once per resize, and a change of
counts repaints the pane without a layout pass (an OptionList re-lays out on every changed
prompt, which cost two extra frames per key). The first entry is "all visits"; moving onto a
visit narrows the findings and quotes to it at once, and it is marked `▶`, so the choice reads
without colour. With visits of more than one council, each council's visits come under its
name, so no visit is read as another council's.
"""

from __future__ import annotations

import textwrap
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kirklees_tui.query.visit_words import judgement_words
from kirklees_tui.sanitize import one_line
from kirklees_tui.store.model import Visit
from kirklees_tui.wording import counted

__all__ = ["VisitsPane"]


class VisitsPane(ScrollView, can_focus=True):
    """ "All visits" and one entry per visit; up/down choose."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(-1)", "Previous visit", show=False),
        Binding("down,j", "move(1)", "Next visit", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "All visits", show=False),
        Binding("end", "jump(-1)", "Last visit", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"visits-pane--chosen", "visits-pane--head"}

    class Chosen(Message):
        """The user moved onto a visit (None: all visits)."""

        def __init__(self, visit_id: str | None) -> None:
            super().__init__()
            self.visit_id = visit_id

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.visits: tuple[Visit, ...] = ()
        self.grouped = False
        """Whether council headings divide the visits (a store about more than one council)."""
        self._widest: dict[int, int] = {}
        self.counts: dict[str | None, tuple[int, int]] = {}
        self.cursor = 0
        self._lines: list[tuple[int, str, bool]] = []
        """Wrapped lines: (entry index, text, is the entry's first line); a council's heading
        has the index -1 and cannot be chosen."""
        self._fixed: list[list[tuple[int, str, bool]]] = []
        """Each entry's wrapped lines above its tally (and a council's heading before it):
        wrapped once per width and list of visits, as only the tallies change with the filter
        (a national store lists some 500 visits)."""
        self._fixed_width = 0

    @property
    def chosen(self) -> str | None:
        return self.visits[self.cursor - 1].id if self.cursor and self.visits else None

    def _ids(self) -> list[str]:
        return [v.id for v in self.visits]

    def entry_index(self, visit_id: str | None) -> int:
        """The entry of a visit (0 is "all visits")."""
        return 0 if visit_id is None else 1 + self._ids().index(visit_id)

    def show(
        self,
        visits: tuple[Visit, ...],
        counts: dict[str | None, tuple[int, int]],
        chosen: str | None,
        grouped: bool = False,
    ) -> None:
        """New counts under the filter, the visits it shows (grouped by council, councils in
        the order given), and the chosen one: the pane always agrees with the filter, however
        it changed (undo, the palette, another screen)."""
        changed = visits != self.visits or grouped != self.grouped
        if changed:
            self._widest = {}
            self._fixed = []
            self.visits, self.grouped = visits, grouped
        cursor = self.entry_index(chosen) if chosen is None or chosen in self._ids() else 0
        moved = cursor != self.cursor
        self.cursor = cursor
        self.counts = counts
        before = self._lines
        self._wrap()
        if changed or moved or len(before) != len(self._lines):
            if moved:
                self._scroll_to_cursor()
            self.refresh()
            return
        # Only the counts changed: repaint just their lines, not the pane (bytes over SSH).
        for row, (old, new) in enumerate(zip(before, self._lines, strict=True)):
            if old != new:
                self.refresh_line(row)

    def _entry(self, index: int) -> list[str]:
        """The entry's lines before wrapping, above its tally: heading, judgement."""
        if index == 0:
            return ["all visits"]
        visit = self.visits[index - 1]
        kind = visit.kind if visit.sequence is None else f"{visit.kind} {visit.sequence}"
        heading = f"{visit.start[:7]} {kind}"
        judgement = judgement_words(visit, short=True)
        if visit.provisional:
            judgement += " · provisional"
        return [heading, judgement]

    def _fixed_lines(self, width: int) -> list[list[tuple[int, str, bool]]]:
        """Every entry's lines above its tally, wrapped to `width` (cached)."""
        if self._fixed and self._fixed_width == width:
            return self._fixed
        fixed: list[list[tuple[int, str, bool]]] = []
        council: str | None = None
        for index in range(len(self.visits) + 1):
            lines: list[tuple[int, str, bool]] = []
            if self.grouped and index and self.visits[index - 1].authority != council:
                council = self.visits[index - 1].authority
                heading = f"── {one_line(council)} ──"  # a name from a PDF or the record: untrusted
                lines.extend((-1, part, False) for part in textwrap.wrap(heading, width + 2))
            head, *body = self._entry(index)
            lines.append((index, head, True))
            for text in body:  # most fit: textwrap only for those that do not
                lines.extend(
                    (index, part, False)
                    for part in ([text] if len(text) <= width else textwrap.wrap(text, width))
                )
            fixed.append(lines)
        self._fixed, self._fixed_width = fixed, width
        return fixed

    def _wrap(self) -> None:
        width = max(10, self.scrollable_content_region.width - 2)
        lines: list[tuple[int, str, bool]] = []
        ids = [None, *(v.id for v in self.visits)]
        for index, fixed in enumerate(self._fixed_lines(width)):
            lines += fixed
            found, quoted = self.counts.get(ids[index], (0, 0))
            tally = f"{counted(found, 'finding')} · {counted(quoted, 'quote')}"
            # The tally breaks where its widest form did, so a changing count never moves the
            # lines below it (and only the changed lines are sent to the terminal).
            widest = self._widest[index] = max(self._widest.get(index, 0), len(tally))
            if widest > width:
                lines.extend((index, part, False) for part in tally.split(" · "))
            else:
                lines.append((index, tally, False))
        self._lines = lines
        size = Size(self.size.width, len(lines))
        if size != self.virtual_size:
            self.set_reactive(ScrollView.virtual_size, size)  # no layout pass: see RecordList
            self._scroll_update(size)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        row = int(self.scroll_offset.y) + y
        base = self.rich_style
        if row >= len(self._lines):
            return Strip.blank(width, base)
        index, text, first = self._lines[row]
        style: Style = base
        if index < 0:  # a council's heading
            style = base + Style(bold=True)
            return Strip([Segment(text.ljust(width)[:width], style)], width)
        if index == self.cursor:
            part = "visits-pane--chosen" if self.has_focus else "visits-pane--head"
            style = base + self.get_component_rich_style(part)
        marker = ("▶ " if index == self.cursor else "  ") if first else "  "
        return Strip([Segment(f"{marker}{text}".ljust(width)[:width], style)], width)

    def _entry_rows(self, index: int) -> tuple[int, int]:
        rows = [row for row, line in enumerate(self._lines) if line[0] == index]
        return rows[0], rows[-1]

    def _scroll_to_cursor(self) -> None:
        top, bottom = self._entry_rows(self.cursor)
        if self.grouped and top and self._lines[top - 1][0] < 0:  # its council's heading too
            top -= 1
        self.scroll_to_region(Region(0, top, 1, bottom - top + 1), animate=False)

    def _move_to(self, index: int) -> None:
        index = max(0, min(len(self.visits), index))
        if index == self.cursor:
            return
        self.cursor = index
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Chosen(self.chosen))

    def action_move(self, step: int) -> None:
        self._move_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        """A page of lines up or down; the choice moves with the view, as in the lists."""
        if not self._lines:
            return
        top, _ = self._entry_rows(self.cursor)
        step = max(1, self.scrollable_content_region.height - 1)
        row = max(0, min(len(self._lines) - 1, top + direction * step))
        index = self._lines[row][0]
        while index < 0 and 0 <= row + direction < len(self._lines):  # a heading: the next entry
            row += direction
            index = self._lines[row][0]
        if index < 0 or index == self.cursor:
            index = self.cursor + direction
        self._move_to(index)

    def action_jump(self, where: int) -> None:
        self._move_to(0 if where == 0 else len(self.visits))

    def choose(self, visit_id: str | None) -> None:
        """Move onto a visit, as the keyboard would."""
        self._move_to(self.entry_index(visit_id))

    def on_click(self, event: events.Click) -> None:
        row = int(self.scroll_offset.y) + event.y
        if 0 <= row < len(self._lines) and self._lines[row][0] >= 0:
            self._move_to(self._lines[row][0])

    def on_resize(self) -> None:
        self._wrap()
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
