"""Slot accuracy on reports the classifier was not tuned on, and on the seed reports.

`tests/data/heldout/` and `tests/data/heldout2/` each hold eight hand-labelled
reports in the shapes real 法治政府建设情况报告 take (the second set in shapes the
first lacks); `labels.yaml` in each (same format as `gold.yaml`) was written
before the classifier was run on them. A failure lists every
mismatching line as `file:line got→want text`, so the lead can see which rule
is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS, DATA, document_from_text

from drafter.classify import classify
from drafter.parse import parse_document
from drafter.report import Report

HELDOUT = DATA / "heldout"
HELDOUT_SETS = pytest.mark.parametrize(
    "folder", [HELDOUT, DATA / "heldout2", DATA / "heldout3"], ids=lambda p: p.name
)
MIN_ACCURACY = 0.95
MIN_TOPIC_ACCURACY = 0.8


@dataclass
class Mismatch:
    """One line whose classified value is not among the labelled readings."""

    file: str
    line: int
    got: str
    want: str
    text: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line} {self.got}→{self.want}  {self.text[:40]}"


@dataclass
class Score:
    """Labelled lines checked, and the ones that came out wrong."""

    total: int
    mismatches: list[Mismatch]

    @property
    def accuracy(self) -> float:
        return 1 - len(self.mismatches) / self.total if self.total else 0.0


def load_labels(path: Path) -> tuple[dict[str, dict[int, set[str]]], dict[str, dict[int, str]]]:
    """Per file, each labelled line's accepted slots; and the optional `topics:` mapping."""
    raw = yaml.safe_load(path.read_text("utf-8"))
    topics = {name: dict(lines) for name, lines in (raw.pop("topics", None) or {}).items()}
    slots: dict[str, dict[int, set[str]]] = {}
    for name, ranges in raw.items():
        by_line = slots.setdefault(name, {})
        for first, last, accepted in ranges:
            for number in range(first, last + 1):
                by_line[number] = set(accepted.split("|"))
    return slots, topics


def classified(path: Path) -> Report:
    """The report as parse + classify see a UTF-8 .txt file."""
    return classify(parse_document(document_from_text(path, path.read_text("utf-8"))))


def non_blank_lines(path: Path) -> dict[int, str]:
    return {n: t for n, t in enumerate(path.read_text("utf-8").splitlines(), 1) if t.strip()}


def score_slots(folder: Path, labels_path: Path) -> Score:
    """Compare the classifier's slot for every labelled line of every labelled file."""
    labels, _ = load_labels(labels_path)
    total, mismatches = 0, []
    for name, wanted in sorted(labels.items()):
        path = folder / name
        texts = non_blank_lines(path)
        got = {line.line: line.slot for line in classified(path).lines}
        for number, accepted in sorted(wanted.items()):
            if number not in texts:  # blank lines inside a range carry no label
                continue
            total += 1
            slot = got.get(number, "(missing)")
            if slot not in accepted:
                want = "|".join(sorted(accepted))
                mismatches.append(Mismatch(name, number, slot, want, texts[number]))
    return Score(total, mismatches)


def check(score: Score, minimum: float, heading: str) -> None:
    """Fail with every mismatch listed, one per line, if accuracy is below `minimum`."""
    if score.accuracy < minimum:
        lines = [f"{heading}: accuracy {score.accuracy:.3f} < {minimum} ({score.total} lines)"]
        lines += [str(m) for m in score.mismatches]
        pytest.fail("\n".join(lines), pytrace=False)


@HELDOUT_SETS
def test_heldout_labels_cover_every_non_blank_line(folder: Path) -> None:
    labels, _ = load_labels(folder / "labels.yaml")
    files = {p.name for p in folder.glob("*.txt")}
    assert set(labels) == files
    for name in sorted(files):
        texts = non_blank_lines(folder / name)
        assert 25 <= len(texts) <= 70, name
        assert set(texts) <= set(labels[name]), (name, sorted(set(texts) - set(labels[name])))


@HELDOUT_SETS
def test_heldout_slot_accuracy(folder: Path) -> None:
    check(score_slots(folder, folder / "labels.yaml"), MIN_ACCURACY, f"{folder.name} slots")


def test_seed_slot_accuracy() -> None:
    check(score_slots(CORPUS, DATA / "gold.yaml"), MIN_ACCURACY, "seed slots")


@HELDOUT_SETS
def test_heldout_heading_topics(folder: Path) -> None:
    _, topics = load_labels(folder / "labels.yaml")
    total, mismatches = 0, []
    for name, wanted in sorted(topics.items()):
        path = folder / name
        got = {line.line: line.topic for line in classified(path).lines}
        texts = non_blank_lines(path)
        for number, topic in sorted(wanted.items()):
            total += 1
            found = str(got.get(number))
            if found != topic:
                mismatches.append(Mismatch(name, number, found, topic, texts[number]))
    check(Score(total, mismatches), MIN_TOPIC_ACCURACY, f"{folder.name} heading topics")
