"""Old Word, WPS, RTF and ODF reports through LibreOffice: read, time-limited, no leftovers."""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path

import pytest
from conftest import DATA

from drafter.corpus import convert
from drafter.corpus.ingest import read_document
from drafter.errors import IngestError
from drafter.office import convert_files, libreoffice

SEED_DOCX = DATA / "ingest" / "seed000.docx"


def leftovers() -> set[str]:
    """Conversion folders in the temporary directory (none must outlive a conversion)."""
    return {name for name in os.listdir(tempfile.gettempdir()) if name.startswith("drafter-")}


def problem(path: Path) -> str:
    with pytest.raises(IngestError) as caught:
        read_document(path)
    return str(caught.value).removeprefix(f"{path}：")


@pytest.mark.parametrize("suffix", [".doc", ".wps", ".rtf", ".odt"])
def test_without_libreoffice_one_line_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    monkeypatch.setattr(convert, "libreoffice", lambda: None)
    path = tmp_path / f"report{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    # an OLE container is an old Word (or WPS) file, whatever else its name says
    kind = ".wps" if suffix == ".wps" else ".doc"
    assert problem(path) == convert.NO_LIBREOFFICE.format(kind=kind)


def fake_office(tmp_path: Path, body: str) -> str:
    """A stand-in for soffice: a shell script (records the pid of what it starts)."""
    script = tmp_path / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_a_conversion_that_hangs_is_killed_with_its_children(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = tmp_path / "pids"
    program = fake_office(tmp_path, f"sleep 60 & echo $! > {pids}\nwait")
    monkeypatch.setattr(convert, "libreoffice", lambda: program)
    before = leftovers()
    path = tmp_path / "report.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    started = time.monotonic()
    with pytest.raises(IngestError) as caught:
        convert.docx_from_converted(path.read_bytes(), path, ".doc", timeout=1.0)
    assert time.monotonic() - started < 30  # bounded (the child sleeps 60 s)
    assert str(caught.value) == f"{path}：{convert.TIMED_OUT.format(seconds=1.0)}"
    child = int(pids.read_text())
    for _ in range(50):  # the killed child may take a moment to be reaped by init
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("the child of the conversion is still running")
    assert leftovers() == before


def test_a_conversion_that_writes_nothing_is_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = fake_office(tmp_path, "exit 0")
    monkeypatch.setattr(convert, "libreoffice", lambda: program)
    path = tmp_path / "report.wps"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    before = leftovers()
    assert problem(path) == convert.FAILED.format(kind=".wps")
    assert leftovers() == before


@pytest.fixture(scope="session")
def old_formats(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seed 000 saved by LibreOffice as .doc, .rtf and .odt (and a .wps: a .doc renamed,
    as WPS files are Word files inside)."""
    program = libreoffice()
    if program is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("old_formats")
    for target in ("doc", "rtf", "odt"):
        convert_files(program, [SEED_DOCX], target, folder)
    (folder / "seed000.wps").write_bytes((folder / "seed000.doc").read_bytes())
    return folder


@pytest.mark.parametrize("suffix", [".doc", ".wps", ".rtf", ".odt"])
def test_old_formats_read_like_the_docx(old_formats: Path, suffix: str) -> None:
    before = leftovers()
    doc = read_document(old_formats / f"seed000{suffix}")
    original = read_document(SEED_DOCX)
    assert doc.format == suffix[1:] and doc.reading.converted
    assert doc.reading.summary().endswith("（经LibreOffice转换）")
    got, want = [p.text for p in doc.paragraphs], [p.text for p in original.paragraphs]
    # Saving as .doc puts the three paragraphs of the signature cell into one: the text
    # is all there, and every paragraph above it is as in the .docx.
    assert got[:-1] == want[: len(got) - 1] and "".join(got) == "".join(want)
    assert len(got) >= len(want) - 2
    assert leftovers() == before
