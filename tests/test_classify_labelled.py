"""Slot and topic labels on whole reports: every mismatch is known by name.

Each labelled set asserts its exact list of known mismatches, not a percentage:
a new mismatch fails (the line names the rule that broke), and a line that
becomes right must be taken off its list, so the lists only shrink honestly.

- `tests/data/gold.yaml`: the five seed reports (the bundled corpus).
- `tests/data/tuning1/` … `tuning3/`: three sets of eight hand-labelled
  reports. Each was labelled before the classifier saw it, but classifier rules
  were later fitted to each, so they are tuning sets: they guard against
  regressions, they do not measure accuracy on unseen reports.
- `tests/data/blind/`: the one set kept blind. It was written and labelled
  without running the classifier and measured once (the figure and its date are
  in the README). No rule may be fitted to it; its known mismatches below are
  those of that first run. Once it has been used to tune, a new blind set
  replaces it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS, DATA, document_from_text

from drafter.corpus.classify import classify
from drafter.corpus.parse import parse_document
from drafter.corpus.report import Report

LABELLED_SETS = {
    "seeds": (CORPUS, DATA / "gold.yaml"),
    "tuning1": (DATA / "tuning1", DATA / "tuning1" / "labels.yaml"),
    "tuning2": (DATA / "tuning2", DATA / "tuning2" / "labels.yaml"),
    "tuning3": (DATA / "tuning3", DATA / "tuning3" / "labels.yaml"),
    "blind": (DATA / "blind", DATA / "blind" / "labels.yaml"),
}
REPORT_SETS = [name for name in LABELLED_SETS if name != "seeds"]

KNOWN_SLOT_MISMATCHES: dict[str, set[tuple[str, int, str]]] = {
    "seeds": set(),
    "tuning1": set(),
    "tuning2": set(),
    "tuning3": set(),
    "blind": {  # measured once, 2026-11-30: 227 of 237 lines right (0.958)
        ("04_county_agri_bureau_unheaded_tail_numbered_plans.txt", 18, "duties"),
        ("04_county_agri_bureau_unheaded_tail_numbered_plans.txt", 19, "duties"),
        ("04_county_agri_bureau_unheaded_tail_numbered_plans.txt", 20, "duties"),
        ("04_county_agri_bureau_unheaded_tail_numbered_plans.txt", 21, "duties"),
        ("04_county_agri_bureau_unheaded_tail_numbered_plans.txt", 22, "duties"),
        ("04_county_agri_bureau_unheaded_tail_numbered_plans.txt", 23, "duties"),
        ("04_county_agri_bureau_unheaded_tail_numbered_plans.txt", 24, "duties"),
        ("06_devzone_duties_first_interleaved_problems_fixes.txt", 45, "shortcomings"),
        ("06_devzone_duties_first_interleaved_problems_fixes.txt", 49, "shortcomings"),
        ("06_devzone_duties_first_interleaved_problems_fixes.txt", 53, "shortcomings"),
    },
}
"""(file, line, slot the classifier gives) for every labelled line it gets wrong."""

KNOWN_TOPIC_MISMATCHES: dict[str, set[tuple[str, int, str]]] = {
    "seeds": set(),
    "tuning1": set(),
    "tuning2": set(),
    "tuning3": set(),
    "blind": {  # measured once, 2026-11-30: 53 of 54 heading topics right
        ("06_devzone_duties_first_interleaved_problems_fixes.txt", 27, "政府职能"),
    },
}
"""(file, line, topic the classifier gives) for every labelled heading topic it gets wrong."""


@dataclass(frozen=True)
class Mismatch:
    """One labelled line whose classified value is not among the accepted readings."""

    file: str
    line: int
    got: str
    want: str
    text: str

    @property
    def key(self) -> tuple[str, int, str]:
        return self.file, self.line, self.got

    def __str__(self) -> str:
        return f"{self.file}:{self.line} {self.got}→{self.want}  {self.text[:40]}"


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


def slot_mismatches(folder: Path, labels_path: Path) -> tuple[int, list[Mismatch]]:
    """Labelled non-blank lines, and those whose slot is not among the labelled ones."""
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
    return total, mismatches


def topic_mismatches(folder: Path, labels_path: Path) -> tuple[int, list[Mismatch]]:
    _, topics = load_labels(labels_path)
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
    return total, mismatches


def assert_known(mismatches: list[Mismatch], known: set[tuple[str, int, str]], what: str) -> None:
    """Fail naming every new mismatch, and every known one that is right now."""
    new = [m for m in mismatches if m.key not in known]
    fixed = known - {m.key for m in mismatches}
    if new or fixed:
        lines = [f"{what}: {len(new)} new mismatch(es), {len(fixed)} known one(s) now right"]
        lines += [f"  new: {m}" for m in new]
        lines += [f"  fixed (take it off the list): {key}" for key in sorted(fixed)]
        pytest.fail("\n".join(lines), pytrace=False)


@pytest.mark.parametrize("name", REPORT_SETS)
def test_labels_cover_every_non_blank_line(name: str) -> None:
    folder, labels_path = LABELLED_SETS[name]
    labels, topics = load_labels(labels_path)
    files = {p.name for p in folder.glob("*.txt")}
    assert set(labels) == files and len(files) == 8
    assert set(topics) <= files
    for file in sorted(files):
        texts = non_blank_lines(folder / file)
        assert 25 <= len(texts) <= 70, file
        assert set(texts) <= set(labels[file]), (file, sorted(set(texts) - set(labels[file])))


@pytest.mark.parametrize("name", list(LABELLED_SETS))
def test_slots_match_the_labels_but_for_known_mismatches(name: str) -> None:
    total, mismatches = slot_mismatches(*LABELLED_SETS[name])
    assert total >= 200
    assert_known(mismatches, KNOWN_SLOT_MISMATCHES[name], f"{name} slots")


@pytest.mark.parametrize("name", REPORT_SETS)
def test_heading_topics_match_the_labels_but_for_known_mismatches(name: str) -> None:
    total, mismatches = topic_mismatches(*LABELLED_SETS[name])
    assert total >= 30
    assert_known(mismatches, KNOWN_TOPIC_MISMATCHES[name], f"{name} heading topics")
