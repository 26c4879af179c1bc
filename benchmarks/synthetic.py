"""Synthetic stores of any size, valid by the same schema as the real one.

Each source's text is the concatenation of its findings, so every span is real; every fourth
finding's paragraph is a quotation (“…”), which is also that finding's quote, so quote spans open
and close with marks and `check` passes (a test says so). Deterministic for a given size and seed.
"""

from __future__ import annotations

import random
from pathlib import Path

from kirklees_tui.query.themes import load_themes
from kirklees_tui.store.model import SCHEMA_VERSION, Finding, Meta, Quote, Source, StoreData, Theme, Visit
from kirklees_tui.store.update import write_store

WORDS = (
    "caseloads drift delay oversight supervision risk harm assessment agency staff recruitment "
    "leadership pace progress partnership police permanence placements missing fostering "
    "allegations exploitation recording data training induction funding children social "
    "workers services council inspectors found improved poor steady robust quality"
).split()


def make_store(findings: int, seed: int = 7, per_source: int = 1000) -> StoreData:
    rng = random.Random(seed)
    themes: list[Theme] = load_themes()
    theme_ids = [t.id for t in themes]
    visits = tuple(
        Visit(
            f"v{i:02d}",
            "Kirklees",
            "monitoring visit",
            f"{2016 + i // 4}-{i % 4 * 3 + 1:02d}",
            f"{2016 + i // 4}-{i % 4 * 3 + 1:02d}",
            "month",
            "synthetic",
        )
        for i in range(12)
    )
    sources: list[Source] = []
    rows: list[Finding] = []
    quotes: list[Quote] = []
    for s in range((findings + per_source - 1) // per_source):
        parts: list[str] = []
        offset = 0
        spans: list[tuple[int, int, str]] = []
        for _ in range(min(per_source, findings - s * per_source)):
            text = " ".join(rng.choices(WORDS, k=rng.randint(8, 30))).capitalize() + "."
            if (len(rows) + len(spans) + 1) % 4 == 0:  # this finding gets a quote: mark it
                text = f"“{text}”"
            spans.append((offset, offset + len(text), text))
            parts.append(text)
            offset += len(text) + 2
        body = "\n\n".join(parts)
        source_id = f"s{s:04d}"
        sources.append(
            Source(
                source_id,
                f"Synthetic {s}",
                "Bench",
                "2020",
                "year",
                "synthetic",
                f"{source_id}.txt",
                body,
                "",
                tuple((a, b) for a, b, _ in spans),
            )
        )
        for a, b, text in spans:
            tags = tuple(sorted(rng.sample(theme_ids, rng.randint(0, 3)), key=theme_ids.index))
            visit = rng.choice(visits).id
            rows.append(
                Finding(
                    f"f{len(rows):06d}",
                    visit,
                    text,
                    source_id,
                    a,
                    b,
                    rng.choice(("concern", "progress", "strength")),
                    tags,
                )
            )
            if len(rows) % 4 == 0:
                quotes.append(
                    Quote(
                        f"q{len(quotes):06d}",
                        visit,
                        text[1:-1],
                        source_id,
                        a,
                        b,
                        f"Speaker {rng.randint(1, 40)}",
                        "role",
                        None,
                        "other",
                        "full",
                        tags,
                    )
                )
    return StoreData(
        Meta(SCHEMA_VERSION, f"synthetic:{findings}:{seed}"),
        tuple(sources),
        visits,
        tuple(rows),
        tuple(quotes),
        (),
        tuple(themes),
    )


def write_synthetic(path: Path, findings: int) -> Path:
    write_store(path, make_store(findings), keep_backups=0)
    return path


if __name__ == "__main__":
    import sys

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(f"synthetic-{count}.json")
    print(write_synthetic(out, count))
