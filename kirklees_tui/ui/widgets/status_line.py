"""The status line: the active filter in words, how many records it selects, and the sort.

A one-line widget that only repaints itself (a `Static.update` would re-lay the screen). It fits
its parts to its width when it draws, so the counts are never what is cut: at 80 columns a long
filter is shortened first (its label, then its words, with `…`), then the sort.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.widget import Widget

__all__ = ["Status", "StatusLine"]

_GAP = "  ·  "


@dataclass(frozen=True, slots=True)
class Status:
    """What the line says, in parts, each already plain text."""

    described: str
    """The filter in words ("everything", "themes caseloads; visit ...")."""
    counts: str
    """How many records it selects ("14 findings, 4 quotes"): never cut."""
    sort: str = "date"
    store_changed: bool = False


class StatusLine(Widget):
    """Always one line; shows the filter as the main screen describes it."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self._status: Status | None = None

    @property
    def status(self) -> Status | None:
        return self._status

    def show(self, status: Status) -> None:
        if status != self._status:
            self._status = status
            self.refresh()

    def render(self) -> Text:
        status = self._status
        if status is None:
            return Text("Loading the store…")
        return fitted(status, self.content_region.width or 80)


def fitted(status: Status, width: int) -> Text:
    """The status in at most `width` cells, shortening the least needed part first: the
    label, the sort's words, the sort (kept, short, when it is not time order), and only
    then the filter's words, with `…`. The counts are never shortened."""
    sort = status.sort
    candidates = [
        ("Showing: ", f"sort: {sort}", False),
        ("", f"sort: {sort}", False),
        ("", f"by {sort}", True),
        ("", "", True),
    ]
    last = candidates[2] if sort != "date" else candidates[3]
    for label, sorted_by, short in candidates:
        notice, tail, room = _parts(status, width, label, sorted_by, short)
        if room >= cell_len(status.described):
            return _assemble(notice, label, status.described, tail)
    label, sorted_by, short = last
    notice, tail, room = _parts(status, width, label, sorted_by, short)
    return _assemble(notice, label, _shortened(status.described, room), tail)


def _parts(status: Status, width: int, label: str, sorted_by: str, short: bool) -> tuple[str, str, int]:
    """The notice and the tail for one candidate, and the room left for the filter's words."""
    notice = (
        ("Store changed: r" if short else "Store changed on disk: r reloads") if status.store_changed else ""
    )
    tail = _GAP + status.counts + (_GAP + sorted_by if sorted_by else "")
    room = width - cell_len(notice) - (2 if notice else 0) - cell_len(label) - cell_len(tail)
    return notice, tail, room


def _shortened(text: str, room: int) -> str:
    if cell_len(text) <= room:
        return text
    if room < 2:
        return ""
    return set_cell_size(text, room - 1).rstrip() + "…"


def _assemble(notice: str, label: str, described: str, tail: str) -> Text:
    line = Text(no_wrap=True, overflow="ellipsis")
    if notice:  # first, so that a narrow terminal never cuts it off
        line.append(notice, style="bold reverse")
        line.append("  ")
    if label:
        line.append(label, style="bold")
    line.append(described)
    line.append(tail)
    return line
