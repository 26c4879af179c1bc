"""Copying text where the user can paste it, and saying where it went.

Textual copies with OSC 52, which the terminal may or may not honour. Inside tmux (`$TMUX` set)
OSC 52 reaches the outer terminal only with `set-clipboard on`, which is not tmux's default, so
the text is also handed to `tmux load-buffer -` (no shell; a short timeout), where tmux's own
paste key finds it whatever the setting.
"""

from __future__ import annotations

import os
import subprocess
from typing import Final

from textual.app import App

__all__ = ["TMUX_SECONDS", "copy_text"]

TMUX_SECONDS: Final = 2.0
"""How long tmux may take to take the text: it answers in milliseconds, or is stuck."""


def copy_text(app: App[object], text: str) -> str:
    """Copy `text` (OSC 52, and tmux's paste buffer inside tmux); the notice to show."""
    app.copy_to_clipboard(text)
    if app.is_web:  # served: the page's terminal (xterm.js) hands OSC 52 to the browser
        return "Copied to the browser's clipboard."
    if not os.environ.get("TMUX"):
        return "Copied to the terminal clipboard (OSC 52; ? says which terminals need a setting)."
    try:
        subprocess.run(
            ["tmux", "load-buffer", "-"],
            input=text.encode("utf-8"),
            capture_output=True,
            timeout=TMUX_SECONDS,
            check=True,
        )
    except (OSError, subprocess.SubprocessError) as error:
        reason = "tmux took too long" if isinstance(error, subprocess.TimeoutExpired) else "tmux refused it"
        return f"Copied to the terminal clipboard only (OSC 52): {reason}, so its paste buffer has not."
    return "Copied to tmux's paste buffer and the terminal clipboard."
