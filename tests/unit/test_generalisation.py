"""Extraction on articles written for the tests, imported into the shipped store.

Other councils, other years, other layouts: attribution before and after the quotation,
"she said", reported speech, headlines, bylines, captions and site prompts, a syndicated copy.
The floors are the figures reached; they may rise, never fall.
"""

from __future__ import annotations

import shutil
import tomllib
from typing import Any

import pytest

from kirklees_tui.extract.corpus import read_article
from kirklees_tui.extract.dates import parse_partial
from kirklees_tui.extract.importer import import_files
from kirklees_tui.store.model import StoreData
from kirklees_tui.store.read import load_store
from tests.conftest import GENERALISATION, ROOT, needs
from tests.scores import report

HERE = GENERALISATION
pytestmark = needs(GENERALISATION)
SPAN_FLOOR = 19
SPEAKER_FLOOR = 19
VISIT_FLOOR = 5


def _expected() -> list[dict[str, Any]]:
    with (HERE / "expected.toml").open("rb") as handle:
        articles: list[dict[str, Any]] = tomllib.load(handle)["article"]
    return articles


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[StoreData, dict[str, str]]:
    """The shipped store with every test article imported; file name to source id."""
    db = tmp_path_factory.mktemp("general") / "db.json"
    shutil.copyfile(ROOT / "db.json", db)
    dated = [a for a in _expected() if "published" not in a]
    outcomes = import_files(db, [HERE / a["file"] for a in dated])
    for article in _expected():
        if "published" in article:
            outcomes += import_files(db, [HERE / article["file"]], parse_partial(article["published"]))
    return load_store(db), {o.file: o.source_id for o in outcomes}


def _visit_right(store: StoreData, source_id: str, want: dict[str, Any]) -> bool:
    visit = next((v for v in store.visits if source_id in v.source_ids), None)
    return visit is not None and (
        visit.start.startswith(want["when"])
        and visit.kind == want["kind"]
        and visit.judgement == want.get("judgement")
        and visit.authority == want["authority"]
        and set(visit.inspectors) == set(want["inspectors"])
    )


def test_generalisation_scores(imported: tuple[StoreData, dict[str, str]]) -> None:
    store, ids = imported
    sources = {s.id: s for s in store.sources}
    wanted = found = exact = speakers = visits = visit_total = 0
    for article in _expected():
        if "quotes" not in article:
            continue
        source = sources[ids[article["file"]]]
        text = read_article(HERE / article["file"]).text
        assert source.text == text
        spans = {(q.start, q.end): q for q in store.quotes if q.source_id == source.id}
        found += len(spans)
        for quote in article["quotes"]:
            wanted += 1
            start = text.index(quote["span"])
            got = spans.get((start, start + len(quote["span"])))
            exact += got is not None
            speakers += got is not None and got.speaker in quote["accept"]
        visit_total += 1
        visits += _visit_right(store, source.id, article["visit"])
    precision = exact / found if found else 0.0
    report(
        f"generalisation: quotation spans exact {exact}/{wanted} (precision {precision:.2f}); "
        f"speakers right {speakers}/{wanted}; visits right {visits}/{visit_total}"
    )
    assert exact >= SPAN_FLOOR and speakers >= SPEAKER_FLOOR and visits >= VISIT_FLOOR


def test_syndicated_copy_is_skipped(imported: tuple[StoreData, dict[str, str]]) -> None:
    store, ids = imported
    for article in _expected():
        if "near_duplicate_of" in article:
            assert ids[article["file"]] == ids[article["near_duplicate_of"]]
            assert all(s.file != article["file"] for s in store.sources)


def test_site_clutter_never_becomes_a_record(imported: tuple[StoreData, dict[str, str]]) -> None:
    store, ids = imported
    new = set(ids.values())
    texts = [f.text for f in store.findings if f.source_id in new]
    texts += [q.text for q in store.quotes if q.source_id in new]
    for clutter in ("Hide Ad", "newsletter", "Picket of the month", "By Sarah Lowe", "Published:"):
        assert not any(clutter in t for t in texts), clutter
