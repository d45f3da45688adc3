"""Helpers for the content checks' tests: findings as (code, section, item, field),
clean drafts from `tests/data/planted/`, and small corpora built in a test's home."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from conftest import CORPUS, DATA

from drafter.corpus.phrasebook import Phrasebook
from drafter.drafting.check import Finding, check_draft
from drafter.drafting.draft import Draft, load_draft

PLANTED = DATA / "planted"
NOTES = {"length", "too-short", "too-long", "coverage"}
"""Codes about size, which planting a sentence changes: left out of comparisons."""

COPIED = (
    "持续贯彻机构编制法定化，以贯彻落实《中国共产党机构编制工作条例》为抓手，按照法定权限和程序，"
    "积极完善全区机构职能体系，不断深化机构改革，优化机构编制资源配置，提升服务区域经济社会发展水平。"
)
"""A sentence of 天津市河东区's 2021 report (in the bundled corpus), for the copying check."""

Located = tuple[str, str | None, int | None, str | None]


def findings(
    draft: Draft, against: Path | None = None, corpus: Phrasebook | None = None
) -> list[Finding]:
    """All findings of `check_draft`."""
    return check_draft(draft, against, corpus=corpus)


def located(found: Iterable[Finding], severities: Iterable[str] = ("error", "warning", "info")):
    """(code, section, item, field) of each finding but the size notes."""
    wanted = set(severities)
    return [
        (f.code, f.section, f.item, f.field)
        for f in found
        if f.code not in NOTES and f.severity in wanted
    ]


def clean(name: str) -> Draft:
    """A clean draft of the planted set, fresh each time."""
    return copy.deepcopy(_clean(name))


_CACHE: dict[str, Draft] = {}


def _clean(name: str) -> Draft:
    if name not in _CACHE:
        _CACHE[name] = load_draft(PLANTED / f"{name}.draft.yaml")
    return _CACHE[name]


def planted() -> dict[str, Any]:
    return yaml.safe_load((PLANTED / "defects.yaml").read_text(encoding="utf-8"))


def seed(prefix: str) -> Path:
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return path


def make_corpus(folder: Path, reports: dict[str, tuple[str, dict[str, Any]]]) -> Path:
    """A corpus folder of text reports with their manifest entries: name → (text, entry)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (text, _) in reports.items():
        (folder / name).write_text(text, encoding="utf-8")
    manifest = {"reports": {name: entry for name, (_, entry) in reports.items()}}
    (folder / "manifest.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), "utf-8")
    return folder
