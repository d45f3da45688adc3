"""Pathological reports read in bounded time and memory (issue 9, cases 05–07).

The full-size cases (a 300 KB line, 50,000 lines, a 300 KB 发文机关) are in the
reliability script; these are their fast versions, each checking the mechanism
that kept the work bounded rather than the clock.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from conftest import document_from_text

from drafter.corpus import metadata, parse
from drafter.corpus.classify import classify
from drafter.corpus.parse import parse_document
from drafter.corpus.pipeline import load_report


def test_a_marker_ending_inside_an_expansion_is_mapped_back_in_a_few_steps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = 0
    real = unicodedata.normalize

    def counted(form: str, text: str) -> str:
        nonlocal calls
        calls += 1
        return real(form, text)

    monkeypatch.setattr(parse.unicodedata, "normalize", counted)
    line = "1︙" + "我区坚持依法行政" * 2500  # `︙` folds to `...`: `1.` ends inside it
    report = parse_document(document_from_text(Path("q.txt"), line))
    assert calls < 100  # was one normalisation per character of the line: 20,000
    assert report.lines[0].text.startswith("1︙我区")


def test_measures_lines_without_topic_words_take_the_nearest_topic() -> None:
    text = "一、主要举措和成效\n" + "".join(
        f"我区坚持依法行政{i}。\n" if i != 3 else "全面推进行政复议体制改革。\n" for i in range(8)
    )
    report = classify(parse_document(document_from_text(Path("t.txt"), text)))
    topics = [line.topic for line in report.lines if line.slot == "measures"]
    assert topics == ["矛盾纠纷"] * 9  # before and after the one line that names a topic


def test_many_measures_lines_without_topic_words(tmp_path: Path) -> None:
    path = tmp_path / "q2.txt"
    path.write_text(
        "一、主要举措和成效\n" + "".join(f"我区坚持依法行政{i % 10}。\n" for i in range(20_000)),
        encoding="utf-8",
    )
    report = load_report(path)
    assert {line.topic for line in report.lines[1:]} == {"党的领导与推进机制"}


def test_a_place_name_is_looked_for_in_a_bounded_stretch() -> None:
    run = "区" * 100_000
    assert metadata._innermost("长治市" + run, "潞州区" * 5) == run  # no suffix table
    path_text = "发文机关：" + run + "\n我区坚持依法行政。\n"
    report = classify(parse_document(document_from_text(Path("q3.txt"), path_text)))
    assert report.issuer == run and len(report.place or "") <= metadata._MAX_PLACE_TEXT
