"""Any text either imports or is refused with one line: never an exception, and every record
imported points at exactly its span (the provenance invariant `check` holds the store to).

Hypothesis feeds the whole importer arbitrary text, and real articles mutated the ways pasted
text is: other whitespace (NBSP, tabs, doubled spaces), CRLF line ends, straight for curly
marks and back, wrong-way marks, a cut in mid-quotation, one enormous paragraph.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kirklees_tui.extract.corpus import ArticleError, read_article
from kirklees_tui.extract.dates import PartialDate
from kirklees_tui.extract.importer import ImportRefused, merge
from kirklees_tui.store.decode import parse_tables
from kirklees_tui.store.integrity import problems
from kirklees_tui.store.model import StoreData, store_to_tables
from kirklees_tui.store.read import load_store
from tests.conftest import CORPUS, REALWORLD, ROOT

_SETTINGS = settings(
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_CHARACTERS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?-–—()[]'\"“”‘’\n\t\u00a0\r£%/*•"
)
_PIECES = (
    "Ofsted",
    " said ",
    " Council",
    "Mr ",
    "Cllr ",
    " inspectors ",
    " rated ‘inadequate’",
    "\n\n",
    " in June 2019",
    " the report ",
)
_ALPHABET = st.sampled_from([*_CHARACTERS, *_PIECES])


@cache
def _base() -> StoreData:
    return load_store(ROOT / "db.json")


@cache
def _articles() -> list[str]:
    paths = sorted(REALWORLD.glob("texts/*.txt"))[:20] if REALWORLD.is_dir() else []
    paths += sorted(CORPUS.glob("*.txt"))
    return [p.read_text("utf-8") for p in paths]


def _imports_soundly(tmp: Path, text: str) -> None:
    """Import `text` as a file: refused with a message, or added with every span exact."""
    path = tmp / "article.txt"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        article = read_article(path)
        store, outcomes = merge(_base(), [article], PartialDate(2019, 6), force=True)
    except (ArticleError, ImportRefused) as refused:
        assert str(refused).strip() and "\n" not in str(refused).strip()
        return
    assert outcomes[0].status in ("added", "identical")  # an unmutated seed is already stored
    assert problems(store) == []
    parse_tables(store_to_tables(store))  # the reader's own validation


@_SETTINGS
@given(st.lists(_ALPHABET, max_size=300).map("".join))
def test_arbitrary_text(tmp_path: Path, text: str) -> None:
    _imports_soundly(tmp_path, text)


_MUTATIONS = {
    "nbsp": lambda t: t.replace(" ", "\u00a0"),
    "tabs": lambda t: t.replace(" ", "\t"),
    "double spaces": lambda t: t.replace(" ", "  "),
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "straight marks": lambda t: t.translate(str.maketrans("“”‘’", "\"\"''")),
    "curly marks": lambda t: t.replace('"', "“"),
    "wrong-way marks": lambda t: t.replace("“", "”").replace("‘", "’"),
    "one paragraph": lambda t: t.replace("\n", " "),
    "no blank lines": lambda t: t.replace("\n\n", "\n"),
}


@_SETTINGS
@given(st.data())
def test_real_articles_mutated(tmp_path: Path, data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(_articles()))
    for name in data.draw(st.lists(st.sampled_from(sorted(_MUTATIONS)), max_size=3)):
        text = _MUTATIONS[name](text)
    cut = data.draw(st.integers(min_value=1, max_value=len(text)))
    if data.draw(st.booleans()):
        text = text[:cut]  # truncated anywhere, mid-quotation included
    _imports_soundly(tmp_path, text)


def test_a_real_article_cut_inside_every_quotation(tmp_path: Path) -> None:
    """Deterministic: the first article cut just inside each of its opening marks."""
    text = _articles()[0]
    for at, char in enumerate(text):
        if char in '“‘"' and at > 50:
            _imports_soundly(tmp_path, text[: at + 3])
