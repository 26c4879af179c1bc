"""Screens that are dismissed once, however many keys ask.

Keys typed fast (or pasted without bracketing) are queued before the first is handled: two
enters in the export dialog dismissed it twice, and the second `dismiss` popped whatever
screen was on top by then, the main screen, leaving the app on its splash; a third raised
`ScreenStackError`. A second dismissal, or one from a screen no longer on top, does nothing.
"""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete
from textual.screen import Screen

__all__ = ["DismissedOnce"]


class DismissedOnce:
    """Mixed into a `Screen` subclass before it: `dismiss` counts once."""

    _dismissed = False

    def dismiss(self, result: Any = None) -> AwaitComplete:
        screen = self
        assert isinstance(screen, Screen)
        if self._dismissed or screen.app.screen is not screen:
            return AwaitComplete.nothing()  # type: ignore[no-untyped-call, no-any-return]
        self._dismissed = True
        return super().dismiss(result)  # type: ignore[misc, no-any-return]
