"""Reading article files: plain UTF-8 text with an optional header, refused when unsafe.

A header is a run of `Title:`, `Publisher:`, `Date:` and `Source:` lines at the top, ended by a
blank line; it is removed from the text the store keeps. A first line such as `date 2016-11-25`
(as some sites print) also gives the publication date.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from kirklees_tui.extract.dates import PartialDate, parse_partial

__all__ = ["MAX_ARTICLE_BYTES", "Article", "ArticleError", "SourceNotes", "load_notes", "read_article"]

MAX_ARTICLE_BYTES: Final = 2_000_000
_HEADER: Final = re.compile(r"(?i)^(title|publisher|date|source):[ \t]*(.*)$")
_DATE_LINE: Final = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b")


class ArticleError(ValueError):
    """An article file that cannot be read; the message names the file."""


@dataclass(frozen=True, slots=True)
class Article:
    """One article's text and what its file says about it."""

    file: str
    text: str
    sha256: str
    title: str | None = None
    publisher: str | None = None
    published: PartialDate | None = None
    basis: str = ""
    url: str | None = None


@dataclass(frozen=True, slots=True)
class SourceNotes:
    """What a curator's `sources.toml` adds to an article."""

    publisher: str | None = None
    title: str | None = None
    published: PartialDate | None = None
    basis: str = ""


def _check_file(path: Path) -> bytes:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise ArticleError(f"{path}: no such file") from None
    if stat.S_ISLNK(info.st_mode):
        raise ArticleError(f"{path}: is a symbolic link; give the file itself")
    if stat.S_ISDIR(info.st_mode):
        raise ArticleError(f"{path}: is a directory, not an article")
    if not stat.S_ISREG(info.st_mode):
        raise ArticleError(f"{path}: not a regular file")
    if info.st_size > MAX_ARTICLE_BYTES:
        raise ArticleError(f"{path}: {info.st_size} bytes is too large for an article")
    try:
        data = path.read_bytes()
    except PermissionError:
        raise ArticleError(f"{path}: permission denied") from None
    except OSError as error:
        raise ArticleError(f"{path}: cannot read: {error.strerror}") from None
    if not data.strip():
        raise ArticleError(f"{path}: empty file")
    if b"\x00" in data:
        raise ArticleError(f"{path}: binary file, not text")
    return data


def read_article(path: Path) -> Article:
    """Read and decode one article, splitting off its header."""
    data = _check_file(path)
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise ArticleError(f"{path}: not UTF-8 (byte {error.start})") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fields: dict[str, str] = {}
    lines = text.split("\n")
    used = 0
    for line in lines:
        match = _HEADER.match(line)
        if not match:
            break
        fields[match.group(1).lower()] = match.group(2).strip()
        used += 1
    if fields:
        text = "\n".join(lines[used:]).lstrip("\n")
    published, basis = None, ""
    if "date" in fields:
        try:
            published = parse_partial(fields["date"][:10])
        except ValueError as error:
            raise ArticleError(f"{path}: Date header: {error}") from None
        basis = "the article's Date header"
    elif line_date := _DATE_LINE.match(text):
        published = parse_partial(line_date.group(1))
        basis = f"the article's date line: {line_date.group().strip()!r}"
    if not text.strip():
        raise ArticleError(f"{path}: no text after the header")
    return Article(
        path.name,
        text,
        hashlib.sha256(data).hexdigest(),
        fields.get("title"),
        fields.get("publisher"),
        published,
        basis,
        fields.get("source"),
    )


def load_notes(path: Path) -> dict[str, SourceNotes]:
    """A curator's notes per file name, from `sources.toml`; empty when there is none."""
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        data: dict[str, Any] = tomllib.load(handle)
    default_publisher = data.get("defaults", {}).get("publisher")
    notes: dict[str, SourceNotes] = {}
    for index, raw in enumerate(data.get("source", []), 1):
        try:
            published = parse_partial(str(raw["published"])) if "published" in raw else None
            notes[str(raw["file"])] = SourceNotes(
                raw.get("publisher", default_publisher),
                raw.get("title"),
                published,
                str(raw.get("basis", "")),
            )
        except (KeyError, ValueError) as error:
            raise ValueError(f"{path}: source {index}: {error}") from None
    if default_publisher:
        notes.setdefault("*", SourceNotes(default_publisher))
    return notes
