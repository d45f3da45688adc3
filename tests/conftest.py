"""Shared fixtures: the bundled seed reports, and an isolated DRAFTER_HOME."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.corpus.report import Document, Paragraph

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"


def document_from_text(path: Path, text: str) -> Document:
    """A Document as ingest makes it from a UTF-8 text file (line numbers kept)."""
    paragraphs = [
        Paragraph(number, line) for number, line in enumerate(text.splitlines(), 1) if line.strip()
    ]
    return Document(path, "txt", "utf-8", paragraphs)


def seed_path(prefix: str) -> Path:
    """A bundled seed report by its number, e.g. `seed_path("001")`."""
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return path


@pytest.fixture(scope="session")
def bundled_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A DRAFTER_HOME whose index of the bundled corpus is built once per session."""
    from drafter.corpus.phrasebook import Phrasebook

    home = tmp_path_factory.getbasetemp() / "bundled_home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DRAFTER_HOME", str(home))
        Phrasebook.open().close()
    return home


@pytest.fixture(autouse=True)
def drafter_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own user folders: nothing touches the real home directory."""
    home = tmp_path_factory.mktemp("drafter_home")
    monkeypatch.setenv("DRAFTER_HOME", str(home))
    return home
