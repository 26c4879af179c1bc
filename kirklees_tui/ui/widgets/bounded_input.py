"""An input with a length limit that holds for pastes too.

Textual's `Input` inserts a paste's first line whole: a 10 MB line took over a minute to
appear, held a core for minutes (every keystroke re-filtered by it) and grew the app by half
a gigabyte. Here a paste's lines are joined with spaces (whitespace folded, control
characters replaced as everywhere), only as much of it as fits is ever processed, and a cut
paste says so.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from kirklees_tui.sanitize import one_line

__all__ = ["BoundedInput"]


def _fitting(text: str, room: int) -> tuple[str, bool]:
    """The paste as one line, at most `room` characters, and whether it was cut. Folded a
    growing slice at a time, so a huge paste costs about what fits, not its whole size."""
    size = 4 * room + 64
    while True:
        line = one_line(text[:size])
        if len(line) > room or size >= len(text):
            return line[:room], len(line) > room
        size *= 4


class BoundedInput(Input):
    """One line of at most `max_length` characters, however it arrives."""

    def __init__(
        self, value: str = "", *, max_length: int, placeholder: str = "", id: str | None = None
    ) -> None:
        super().__init__(value[:max_length], placeholder=placeholder, max_length=max_length, id=id)
        self.limit = max_length

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # not Input's own paste, which takes the first line whole
        start, end = sorted((self.selection.start, self.selection.end))
        room = max(0, self.limit - (len(self.value) - (end - start)))
        line, cut = _fitting(event.text, room)
        if line:
            self.replace(line, start, end)
        if cut:
            self.notify(
                f"This field takes at most {self.limit} characters; the paste was cut.",
                severity="warning",
                timeout=4,
            )
