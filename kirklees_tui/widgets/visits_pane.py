"""The visits pane: every visit with kind, judgement spelled out and counts under the filter.

An OptionList: the rows are few (one per visit), and its prompts wrap in a narrow pane. The
first row is "all visits". Moving onto a visit narrows the findings and quotes to it at once;
the narrowing visit is marked `▶` so it reads without colour.
"""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kirklees_tui.model import Visit

__all__ = ["VisitsPane"]

ALL = "all"


def _when(visit: Visit) -> str:
    return visit.start[:7]


class VisitsPane(OptionList):
    """One option per visit, plus "all visits"."""

    class Chosen(Message):
        """The user moved onto a visit (None: all visits)."""

        def __init__(self, visit_id: str | None) -> None:
            super().__init__()
            self.visit_id = visit_id

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.visits: tuple[Visit, ...] = ()
        self.chosen: str | None = None
        self._filling = False
        self._labels: dict[str, str] = {}

    def _prompt(self, visit: Visit | None, counts: tuple[int, int]) -> Text:
        mark = "▶ " if (visit.id if visit else None) == self.chosen else "  "
        if visit is None:
            head, judgement = "all visits", ""
        else:
            kind = visit.kind if visit.sequence is None else f"{visit.kind} {visit.sequence}"
            head = f"{_when(visit)} {kind}"
            judgement = visit.judgement or "no judgement"
        text = Text(mark + head, style="bold" if mark.strip() else "")
        text.append(f"\n  {judgement}{' · ' if judgement else ''}{counts[0]}f {counts[1]}q")
        return text

    def show(self, visits: tuple[Visit, ...], counts: dict[str | None, tuple[int, int]],
             chosen: str | None) -> None:
        """Fill (first time) or re-label the options with counts under the current filter."""
        self.chosen = chosen
        if visits != self.visits:
            self.visits = visits
            self._filling = True
            self._labels = {}
            self.set_options([Option(self._prompt(None, counts[None]), id=ALL),
                              *(Option(self._prompt(v, counts.get(v.id, (0, 0))), id=v.id)
                                for v in visits)])
            index = 0 if chosen is None else 1 + [v.id for v in visits].index(chosen)
            self.highlighted = index
            self._filling = False
            return
        self._relabel(ALL, self._prompt(None, counts[None]))
        for visit in visits:
            self._relabel(visit.id, self._prompt(visit, counts.get(visit.id, (0, 0))))

    def _relabel(self, option_id: str, prompt: Text) -> None:
        """Replace a prompt only when its words changed: each replacement repaints."""
        if self._labels.get(option_id) != prompt.plain:
            self._labels[option_id] = prompt.plain
            self.replace_option_prompt(option_id, prompt)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self._filling:
            return
        option_id = event.option.id
        self.post_message(self.Chosen(None if option_id == ALL else option_id))
