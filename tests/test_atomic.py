"""Atomic writes: the whole file or the old one, with the mode a plain write gives."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from drafter.atomic import write_bytes_atomic, write_text_atomic


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_new_file_gets_the_umask_mode_and_a_replaced_file_keeps_its_own(tmp_path: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    new = write_text_atomic(tmp_path / "new.txt", "报告")
    assert mode(new) == 0o666 & ~umask  # not the 0600 of a temporary file
    shared = tmp_path / "shared.docx"
    shared.write_bytes(b"old")
    shared.chmod(0o664)
    write_bytes_atomic(shared, b"new", backup=True)
    assert shared.read_bytes() == b"new" and mode(shared) == 0o664
    assert mode(tmp_path / "shared.docx~") == 0o664


def test_nothing_but_the_file_and_its_backup_is_left(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "d.draft.yaml"
    write_text_atomic(path, "a")
    write_text_atomic(path, "b", backup=True)
    assert sorted(p.name for p in path.parent.iterdir()) == ["d.draft.yaml", "d.draft.yaml~"]
    assert path.read_text(encoding="utf-8") == "b"
