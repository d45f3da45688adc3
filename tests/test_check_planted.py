"""Planted defects: each alone in a copy of a clean draft, found exactly where it is.

The clean drafts (`tests/data/planted/`) and the seeds, imported as drafts, are
what careful writers send: the content checks must leave them alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from checking import NOTES, clean, findings, located, planted, seed
from conftest import CORPUS

from drafter.corpus.phrasebook import Phrasebook
from drafter.drafting.reuse import import_report

SPEC = planted()
CONTENT = {
    "dated", "dated-later", "other-place", "other-brand", "person", "copied", "reused",
    "same-figure", "brackets", "spacing", "pasted-numbering", "percent", "repeated",
}  # fmt: skip
"""The codes of the content checks."""


@pytest.fixture(scope="module")
def corpus(bundled_home: Path) -> Iterator[Phrasebook]:
    """The bundled corpus (the five seeds), indexed once per session."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DRAFTER_HOME", str(bundled_home))
        book = Phrasebook.open()
    yield book
    book.close()


def against(name: str) -> Path | None:
    last_year = SPEC["clean"][name].get("against")
    return seed(last_year) if last_year else None


@pytest.mark.parametrize("name", SPEC["clean"])
def test_the_clean_drafts_have_nothing_but_length_and_coverage_notes(
    name: str, corpus: Phrasebook
) -> None:
    found = findings(clean(name), against(name), corpus)
    assert located(found) == []
    assert {f.code for f in found} <= NOTES


@pytest.mark.parametrize("defect", SPEC["defects"], ids=[d["name"] for d in SPEC["defects"]])
def test_each_planted_defect_is_found_where_it_is(
    defect: dict[str, Any], corpus: Phrasebook
) -> None:
    draft = clean(defect["draft"])
    section, index, field = defect["at"]
    item = draft.sections[section][index]
    text = getattr(item, field)
    assert text.count(defect["old"]) == 1, "the edit must name one place"
    setattr(item, field, text.replace(defect["old"], defect["new"]))
    found = located(findings(draft, against(defect["draft"]), corpus))
    assert sorted(found) == sorted(tuple(e) for e in defect["expect"])


def test_the_planted_set_covers_every_content_check() -> None:
    expected = {e[0] for d in SPEC["defects"] for e in d["expect"]}
    assert expected == CONTENT
    assert len(SPEC["defects"]) >= 20


@pytest.mark.parametrize("report", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_the_seeds_imported_pass_the_content_checks(report: Path, corpus: Phrasebook) -> None:
    found = [
        f
        for f in findings(import_report(report), corpus=corpus)
        if f.code in CONTENT and f.severity != "info"
    ]
    if report.name.startswith("001"):
        # a real slip of the published report: 《法治政府建设实施纲要(2021-2025年》
        assert [(f.code, f.section, f.item, f.field) for f in found] == [
            ("brackets", "plans", 2, "heading")
        ]
        assert "“（”没有对应的“）”" in found[0].message
    else:
        assert found == []


def test_a_seed_naming_its_own_leaders_is_asked_about_only_without_a_corpus(
    corpus: Phrasebook,
) -> None:
    draft = import_report(seed("003"))
    with_corpus = [f for f in findings(draft, corpus=corpus) if f.code == "person"]
    assert [f.severity for f in with_corpus] == ["info", "info"]
    assert "与本单位往年报告相同" in with_corpus[0].message
    alone = [f for f in findings(draft) if f.code == "person"]
    assert [f.severity for f in alone] == ["warning", "warning"]
    assert "请确认是本单位的人员" in alone[0].message
