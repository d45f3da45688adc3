"""A report file, read, parsed and classified: what every user of the corpus engine wants."""

from __future__ import annotations

from pathlib import Path

from drafter.corpus.classify import classify
from drafter.corpus.ingest import read_document
from drafter.corpus.parse import parse_document
from drafter.corpus.report import Report


def load_report(path: str | Path) -> Report:
    """Read, parse and classify one report file (raises IngestError on bad input)."""
    document = read_document(Path(path))
    report = parse_document(document)
    report.reading = document.reading
    return classify(report)
