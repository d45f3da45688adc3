"""Title, issuer and year from report openings copied off web pages.

tests/data/variants/openings holds openings written for this test in the shapes
real ones take: metadata rows several to a line, traditional script, mirror
sites' watermarks glued to the title or the first sentence, a breadcrumb glued
to the labels, an opening pasted as one line. expected.yaml says what each gives.
"""

from __future__ import annotations

import pytest
import yaml
from conftest import DATA

from drafter.corpus.pipeline import load_report

OPENINGS = DATA / "variants" / "openings"
EXPECTED = yaml.safe_load((OPENINGS / "expected.yaml").read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_title_issuer_and_year(name: str) -> None:
    report = load_report(OPENINGS / name)
    assert [report.title, report.issuer, report.year] == EXPECTED[name]


def test_labels_give_the_dates_a_page_has() -> None:
    dates = {name: load_report(OPENINGS / name).date for name in EXPECTED}
    assert dates["07_two_column_table_traditional.txt"] == "2024-02-20"  # 成文日期 first
    assert dates["01_label_rows_one_line.txt"] == "2024-03-15"  # else when it was published
    assert dates["04_watermark_in_first_sentence.txt"] is None  # no date on the page
