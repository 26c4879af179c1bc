"""What goes wrong with a file the program keeps: the one line a user is shown.

Its own module so that the writer (`write.py`), which every file goes through, and the reader
share one error type without either importing the records model.
"""

from __future__ import annotations

__all__ = ["SchemaError", "StoreError"]


class StoreError(Exception):
    """A store, or another file the program reads or writes, that cannot be used; `str()` is
    the one line to show the user, naming the file and the place."""


class SchemaError(ValueError):
    """A store whose content does not fit the schema; the message names table, record and
    field (the reader adds the file)."""
