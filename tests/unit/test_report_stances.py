"""The stance of a report's own sentences, against a reader's labels (issue 19).

`tests/data/report_stances.json`: 238 sentences the extractor takes as findings from the 14
reports in `../shared/reports/` that are not about Kirklees or its neighbours, 17 from each,
evenly spaced through each report, labelled by hand without looking at the classifier's output
(concern, progress, strength; `mixed` with the stances a reader could take; `none` for the two
that judge nothing). The labels are text, so this test needs no PDF. The rules were weighed on
these sentences, so the figure is a development score, not a held-out one; the realworld
articles' stance (test_realworld) guards the articles meanwhile. The floor may rise, never fall.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from kirklees_tui.extract.stance import stance_of
from tests.scores import report

LABELS = Path(__file__).resolve().parents[1] / "data" / "report_stances.json"
REPORT_STANCE = 0.86
NEIGHBOURS = ("kirklees", "bradford", "calderdale", "leeds", "wakefield", "rotherham", "doncaster")


def test_report_sentences_get_a_readers_stance() -> None:
    items = json.loads(LABELS.read_text(encoding="utf-8"))["items"]
    assert not [i for i in items if i["report"].startswith(NEIGHBOURS)], "never the held-back councils"
    judged = [i for i in items if i["stance"] != "none"]
    wrong: Counter[tuple[str, str]] = Counter()
    right = 0
    for item in judged:
        got = stance_of(item["text"])
        if got in (item.get("accept") or [item["stance"]]):
            right += 1
        else:
            wrong[(item["stance"], got)] += 1
    errors = ", ".join(f"{want}→{got} {n}" for (want, got), n in wrong.most_common())
    share = right / len(judged)
    report(f"report sentences: stance right {right}/{len(judged)} ({share:.2f}); wrong: {errors}")
    assert right / len(judged) >= REPORT_STANCE
