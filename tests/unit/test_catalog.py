"""The catalog's filter algebra, as properties over random filters and random stores."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kirklees_tui.query.catalog import Catalog
from kirklees_tui.query.filter import Filter
from kirklees_tui.store.model import Finding, Meta, Source, StoreData, Theme

THEMES = ("a", "b", "c", "d")
WORDS = ("alpha", "beta", "gamma", "delta")


@st.composite
def stores(draw: st.DrawFn) -> StoreData:
    rows = draw(
        st.lists(
            st.tuples(
                st.sets(st.sampled_from(THEMES)),
                st.lists(st.sampled_from(WORDS), min_size=1, max_size=3),
                st.sampled_from(("v1", "v2")),
            ),
            max_size=40,
        )
    )
    text = " ".join(" ".join(words) for _, words, _ in rows) or "x"
    source = Source("s", "t", "p", "2020", "year", "", "s.txt", text, "", ((0, len(text)),))
    findings = tuple(
        Finding(f"f{i}", visit, " ".join(words), "s", 0, 0, "concern", tuple(sorted(themes)))
        for i, (themes, words, visit) in enumerate(rows)
    )
    return StoreData(
        Meta(1, ""), sources=(source,), findings=findings, themes=tuple(Theme(t, t, "", (t,)) for t in THEMES)
    )


filters = st.builds(
    Filter,
    themes=st.frozensets(st.sampled_from(THEMES)),
    match=st.sampled_from(("any", "all")),
    exclude=st.frozensets(st.sampled_from(THEMES)),
    words=st.sampled_from(("", "alpha", "BETA", "alpha gamma", "lta")),
    visit=st.sampled_from((None, "v1", "v2")),
)


def _naive(store: StoreData, flt: Filter) -> list[int]:
    """The definition, written the slow and obvious way."""
    chosen = []
    for row, f in enumerate(store.findings):
        themes = set(f.themes)
        if flt.themes and not (themes & flt.themes if flt.match == "any" else flt.themes <= themes):
            continue
        if themes & flt.exclude or (flt.visit and f.visit_id != flt.visit):
            continue
        if not all(t in f.text.casefold() for t in flt.terms):
            continue
        chosen.append(row)
    return chosen


@settings(max_examples=200, deadline=None)
@given(stores(), filters)
def test_selection_matches_the_definition(store: StoreData, flt: Filter) -> None:
    assert list(Catalog(store).select("findings", flt)) == _naive(store, flt)


@settings(max_examples=150, deadline=None)
@given(stores(), filters)
def test_all_is_a_subset_of_any(store: StoreData, flt: Filter) -> None:
    catalog = Catalog(store)
    every = set(catalog.select("findings", Filter(flt.themes, "all", flt.exclude, flt.words)))
    some = set(catalog.select("findings", Filter(flt.themes, "any", flt.exclude, flt.words)))
    assert every <= some or not flt.themes


@settings(max_examples=150, deadline=None)
@given(stores(), filters, st.sampled_from(THEMES))
def test_exclude_removes_every_row_with_the_theme(store: StoreData, flt: Filter, theme: str) -> None:
    catalog = Catalog(store)
    rows = catalog.select("findings", flt.excluding(theme) if theme not in flt.exclude else flt)
    assert all(theme not in store.findings[r].themes for r in rows)


@settings(max_examples=150, deadline=None)
@given(stores(), filters)
def test_facet_counts_match_the_filtered_rows(store: StoreData, flt: Filter) -> None:
    catalog = Catalog(store)
    rows = list(catalog.select("findings", flt))
    counts = catalog.theme_counts("findings", flt)
    for theme in THEMES:
        assert counts[theme] == sum(theme in store.findings[r].themes for r in rows)
    visits = catalog.visit_counts(flt)
    unvisited = list(catalog.select("findings", Filter(flt.themes, flt.match, flt.exclude, flt.words)))
    assert visits[None][0] == len(unvisited)
    assert sum(visits[v][0] for v in visits if v is not None) <= len(unvisited)


def test_toggle_is_its_own_inverse() -> None:
    flt = Filter(themes=frozenset({"a"}), exclude=frozenset({"b"}))
    assert flt.toggled("c").toggled("c") == flt
    assert "b" in flt.toggled("b").themes and "b" not in flt.toggled("b").exclude


def test_describe_says_the_filter_in_words() -> None:
    flt = Filter(frozenset({"caseloads", "workforce"}), "all", frozenset({"funding"}), " drift ")
    assert flt.describe() == "themes caseloads and workforce; not funding; words “drift”"
    assert Filter().describe() == "everything"


def test_real_catalog_theme_filter(catalog: Catalog) -> None:
    rows = catalog.select("findings", Filter(frozenset({"caseloads"})))
    texts = [catalog.findings[r].text.lower() for r in rows]
    assert texts and all("case" in t or "pressure" in t or "workload" in t for t in texts)
