"""Make untrusted article text safe to put on a terminal.

Stored text is shown as `rich.text.Text` (never parsed as markup), and first passes through
`clean`: terminal control characters (C0 but tab and newline, DEL, C1), and with them every
ESC/CSI/OSC sequence, are replaced by U+FFFD; Unicode bidirectional overrides and isolates,
which can make text read differently from what it is, and zero-width characters (spaces,
joiners, word joiner, invisible operators, byte-order mark), which hide inside words, are
removed. The browser, the exports and every line the command line prints pass through here.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["clean", "one_line"]

_CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_INVISIBLE: Final = re.compile(
    r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"  # bidirectional controls
    r"\u200b-\u200d\u2060-\u2064\ufeff\u180e]"
)  # zero-width characters
_SPACE: Final = re.compile(r"\s+")


def clean(text: str) -> str:
    """Text with control characters replaced, bidirectional controls and zero-width
    characters removed."""
    return _CONTROL.sub("\ufffd", _INVISIBLE.sub("", text))


def one_line(text: str) -> str:
    """`clean`, with every run of whitespace (newlines and carriage returns included) folded
    to one space first."""
    return clean(_SPACE.sub(" ", text)).strip()
