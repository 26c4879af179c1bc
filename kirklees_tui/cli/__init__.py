"""The command line: browse (the default), build, import, check, export, timeline, themes and
restore.

Errors are one line on stderr and a non-zero exit: 2 for unusable input (a missing or broken
store, a bad corpus, a bad option), 1 for `check` finding problems. Heavy modules (Textual, the
extractor) are imported only by the commands that need them, so every command starts fast.
"""

from kirklees_tui.cli.root import cli

__all__ = ["cli"]
