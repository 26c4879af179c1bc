"""A `▶` before the highlighted option, so the cursor shows without colour (NO_COLOR, 16
colours, screen readers' review cursors): OptionList marks it by background alone."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.widgets import OptionList

__all__ = ["mark_highlighted", "marked"]


def marked(prompt: Text, on: bool) -> Text:
    """The prompt with a two-column gutter: `▶ ` when highlighted, else blank."""
    line = Text("▶ " if on else "  ", style="bold")
    line.append_text(prompt)
    return line


def mark_highlighted(
    options: OptionList, previous: int | None, current: int, prompt_at: Callable[[int], Text]
) -> None:
    """Move the mark from the previously highlighted option to the current one."""
    if previous is not None and previous != current and previous < options.option_count:
        options.replace_option_prompt_at_index(previous, marked(prompt_at(previous), False))
    options.replace_option_prompt_at_index(current, marked(prompt_at(current), True))
