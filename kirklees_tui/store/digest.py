"""The corpus digest: one short, stable name for the articles a store was made from.

`--version` and `doctor` print it so that two people (or a user and whoever installed the
shared store) can tell at a glance whether they are looking at the same articles. It is a
hash of the sources' own hashes (each source keeps the sha256 of its article's bytes), sorted,
so it does not depend on the order the articles were imported in, and it changes when an
import adds an article; `meta.built_from` does not (it names the corpus of the last build).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Final

from kirklees_tui.store.model import Source

__all__ = ["SHOWN_HEX", "corpus_digest"]

SHOWN_HEX: Final = 12
"""Hex digits shown of the digest: enough to tell corpora apart by eye."""


def corpus_digest(sources: Iterable[Source]) -> str:
    """`sha256:` and the first `SHOWN_HEX` hex digits of the hash of the sorted source hashes."""
    digest = hashlib.sha256()
    for sha in sorted(source.sha256 for source in sources):
        digest.update(sha.encode("ascii", "replace") + b"\n")
    return "sha256:" + digest.hexdigest()[:SHOWN_HEX]
