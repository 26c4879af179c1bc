"""Is a quotation the report's own words? Verified, altered, not found, or no report to ask.

The quotation and each report are compared as folded tokens (`folding.py`: case, quote marks,
dashes, line breaks, hyphenation at a line's end, ellipses and bracketed insertions fold; a
word never does). Candidate passages are found through an index of each report's tokens: the
quotation's rarer words vote for where it would start. The best few passages are aligned to
it word by word (difflib), and the best alignment decides:

- **verified**: every word of the quotation, in order, with nothing between them but what its
  ellipses and brackets stand for;
- **altered**: at least 80% of the quotation's words matched, and at most one edit (a word
  changed, added or dropped) for every five of its words, one at least: the report's words
  and the difference are kept;
- **not found**: nothing as close in any report; **no report**: none to look in.

The report's words are a span of its text (`text[start:end]`, from the first word matched to
the last); the difference names the words, which are untrusted text to be shown through
`sanitize` like any other.
"""

from __future__ import annotations

import difflib
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal

from kirklees_tui.extract.folding import Token, quote_tokens, text_tokens
from kirklees_tui.extract.pdf import ReportText

__all__ = ["CheckStatus", "Edit", "QuoteCheck", "check_quotation"]

CheckStatus = Literal["verified", "altered", "not found", "no report"]
MIN_MATCHED: Final = 0.8
"""An altered quotation has at least this share of its words in the report's passage."""
WORDS_PER_EDIT: Final = 5
"""… and at most one edit for this many of its words (one edit at least)."""
_CANDIDATES: Final = 4
_COMMON: Final = 400
"""A word found more often than this in a report votes only when the quotation has no rarer."""


@dataclass(frozen=True, slots=True)
class Edit:
    """One difference between a quotation and the report: words changed, added or dropped."""

    kind: Literal["changed", "added", "dropped"]
    """Words of the report changed in the quotation, words it added, or words it dropped."""
    report: str
    """The report's words ("" for an addition)."""
    quote: str
    """The quotation's words ("" for a word dropped)."""

    def describe(self) -> str:
        if self.kind == "changed":
            return f"changed “{self.report}” to “{self.quote}”"
        return f"added “{self.quote}”" if self.kind == "added" else f"dropped “{self.report}”"


@dataclass(frozen=True, slots=True)
class QuoteCheck:
    """What a quotation was found to be, and where."""

    status: CheckStatus
    """Verified, altered, not found, or no report to look in."""
    source_id: str | None = None
    """The id of the report it was found in (as passed in); None when not found."""
    start: int | None = None
    """Where the report's passage starts: `report.text[start:end]`."""
    end: int | None = None
    """Where it ends."""
    page: int | None = None
    """1-based page the passage starts on."""
    report_words: str | None = None
    """The report's passage as the report writes it."""
    edits: tuple[Edit, ...] = ()
    """What the quotation changed, added or dropped, in reading order; () when verified."""

    @property
    def difference(self) -> str:
        """The edits in a line: 'dropped “on”; changed “a” to “the”'; "" when verified."""
        return "; ".join(edit.describe() for edit in self.edits)


@dataclass(frozen=True, slots=True)
class _Index:
    """A report's tokens as parallel arrays (a few bytes a word, each word string shared)."""

    words: tuple[str, ...]
    starts: array[int]
    ends: array[int]
    places: dict[str, array[int]]
    """Where each word occurs, by token position."""
    vocabulary: frozenset[str]


@lru_cache(maxsize=32)
def _index(text: str) -> _Index:
    """A report's tokens and where each word occurs; built once per text (the 32 texts
    checked last are kept: a council's reports, or a batch being imported)."""
    tokens = text_tokens(text)
    words = tuple(sys.intern(token.word) for token in tokens)
    places: dict[str, array[int]] = defaultdict(lambda: array("i"))
    for position, word in enumerate(words):
        places[word].append(position)
    return _Index(
        words,
        array("i", (t.start for t in tokens)),
        array("i", (t.end for t in tokens)),
        dict(places),
        frozenset(places),
    )


@dataclass(frozen=True, slots=True)
class _Alignment:
    matched: int
    edits: tuple[Edit, ...]
    cost: int
    first: int
    last: int
    """Report token positions of the passage, first to last inclusive."""


def _starts(quote: list[Token], index: _Index) -> list[int]:
    """Where in the report the quotation may start: the positions its rarer words vote for."""
    words = [(offset, token.word) for offset, token in enumerate(quote) if token.word]
    counts = {word: len(index.places.get(word, ())) for _, word in words}
    voters = [(o, w) for o, w in words if 0 < counts[w] <= _COMMON] or [(o, w) for o, w in words if counts[w]]
    votes: Counter[int] = Counter()
    for offset, word in voters:
        for position in index.places[word]:
            votes[(position - offset) // 4] += 1
    return [bucket * 4 for bucket, _ in votes.most_common(_CANDIDATES)]


def _text(text: str, tokens: Sequence[Token]) -> str:
    return text[tokens[0].start : tokens[-1].end] if tokens else ""


def _span(text: str, index: _Index, first: int, last: int) -> str:
    """The report's words from token `first` to token `last - 1`."""
    return text[index.starts[first] : index.ends[last - 1]] if last > first else ""


def _align(
    words: str, quote: list[Token], report: ReportText, index: _Index, start: int
) -> _Alignment | None:
    reach = sum(token.gap for token in quote) + len(quote) // 2 + 8
    low, high = max(0, start - reach // 2), min(len(index.words), start + len(quote) + reach)
    window = index.words[low:high]
    matcher = difflib.SequenceMatcher(None, [t.word or "\x00" for t in quote], window, autojunk=False)
    codes = _trimmed(matcher.get_opcodes())
    if not any(code == "equal" for code, *_ in codes):
        return None
    matched = cost = 0
    edits: list[Edit] = []
    span: list[int] = []
    for code, i1, i2, j1, j2 in codes:
        said = [t for t in quote[i1:i2] if t.word]
        allowance = sum(t.gap for t in quote[i1:i2])
        written = j2 - j1
        if code == "equal":
            matched += i2 - i1
            span.extend((low + j1, low + j2 - 1))
            continue
        if not said and written <= allowance:
            continue  # what an ellipsis or a bracket stands for
        extra = max(0, written - allowance)
        kind: Literal["changed", "added", "dropped"] = (
            "changed" if said and extra else "added" if said else "dropped"
        )
        cost += max(len(said), extra)
        dropped = _span(report.text, index, low + j1, low + j2) if extra else ""
        edits.append(Edit(kind, dropped, _text(words, said)))
        if written:
            span.extend((low + j1, low + j2 - 1))
    first, last = min(span), max(span)
    return _Alignment(matched, tuple(edits), cost, first, last)


_Code = tuple[str, int, int, int, int]


def _trimmed(codes: Sequence[_Code]) -> list[_Code]:
    """The opcodes without the report's words before and after the passage: leading and
    trailing insertions go, and a change at either end keeps only as many of the report's
    words as the quotation has there."""
    codes = list(codes)
    while codes and codes[0][0] == "insert":
        codes = codes[1:]
    while codes and codes[-1][0] == "insert":
        codes = codes[:-1]
    if codes and codes[0][0] == "replace":
        code, i1, i2, j1, j2 = codes[0]
        codes = [(code, i1, i2, max(j1, j2 - (i2 - i1)), j2), *codes[1:]]
    if codes and codes[-1][0] == "replace":
        code, i1, i2, j1, j2 = codes[-1]
        codes = [*codes[:-1], (code, i1, i2, j1, min(j2, j1 + (i2 - i1)))]
    return codes


def _status(alignment: _Alignment, size: int) -> CheckStatus:
    if alignment.cost == 0 and alignment.matched == size:
        return "verified"
    allowed = max(1, size // WORDS_PER_EDIT)
    if alignment.matched >= MIN_MATCHED * size and alignment.cost <= allowed:
        return "altered"
    return "not found"


def check_quotation(words: str, reports: Sequence[tuple[str, ReportText]]) -> QuoteCheck:
    """The quotation `words` checked against each `(source id, report)`, in the order given:
    the first report holding the closest passage wins a tie."""
    if not reports:
        return QuoteCheck("no report")
    best: tuple[tuple[int, int, int], QuoteCheck] | None = None
    for source_id, report in reports:
        index = _index(report.text)
        quote = quote_tokens(words, index.vocabulary)
        size = sum(1 for token in quote if token.word)
        if size == 0:
            return QuoteCheck("not found")
        for start in _starts(quote, index):
            alignment = _align(words, quote, report, index, start)
            if alignment is None:
                continue
            status = _status(alignment, size)
            rank = ({"verified": 2, "altered": 1}.get(status, 0), alignment.matched, -alignment.cost)
            if best is not None and rank <= best[0]:
                continue
            first, last = index.starts[alignment.first], index.ends[alignment.last]
            best = (
                rank,
                QuoteCheck(
                    status,
                    source_id,
                    first,
                    last,
                    report.page_of(first),
                    report.text[first:last],
                    alignment.edits,
                ),
            )
    if best is None or best[1].status == "not found":
        return QuoteCheck("not found")
    return best[1]
