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


def _fail(exc: OSError):
    def raiser(*args, **kwargs):
        raise exc

    return raiser


@pytest.mark.parametrize(
    "where",
    ["os.replace", "os.fsync", "os.chmod", "shutil.copy2"],
)
@pytest.mark.parametrize("backup", [False, True])
def test_a_failure_at_any_step_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, backup: bool
) -> None:
    """Written to a temporary file and renamed over the target: whatever step fails, the
    target is the old file to the byte and nothing else is left in the folder."""
    import errno

    path = tmp_path / "d.draft.yaml"
    path.write_bytes(b"old text")
    module, name = where.split(".")
    monkeypatch.setattr(f"{module}.{name}", _fail(OSError(errno.EIO, "I/O error")))
    if where == "shutil.copy2" and not backup:
        write_bytes_atomic(path, b"new text", backup=backup)  # no backup: copy2 not needed
        assert path.read_bytes() == b"new text"
        return
    with pytest.raises(OSError, match="I/O error"):
        write_bytes_atomic(path, b"new text", backup=backup)
    assert path.read_bytes() == b"old text"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.draft.yaml"]


def test_a_full_disk_while_writing_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import io

    path = tmp_path / "r.docx"
    path.write_bytes(b"old")
    real_fdopen = os.fdopen

    class FullDisk(io.RawIOBase):
        def __init__(self, fd: int) -> None:
            self._handle = real_fdopen(fd, "wb")

        def write(self, data) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        def close(self) -> None:
            self._handle.close()
            super().close()

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: FullDisk(fd))
    with pytest.raises(OSError, match="No space left"):
        write_bytes_atomic(path, b"new" * 1000)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.docx"]


def test_the_new_content_appears_only_by_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At the moment of the rename the target still holds the old bytes and the new ones are
    complete, flushed and synced in a temporary file of the same folder."""
    path = tmp_path / "d.draft.yaml"
    path.write_bytes(b"old")
    seen: list[tuple[bytes, bytes, Path]] = []
    synced: list[int] = []
    real_replace, real_fsync = os.replace, os.fsync

    def replace(src, dst):
        seen.append((Path(src).read_bytes(), Path(dst).read_bytes(), Path(src).parent))
        return real_replace(src, dst)

    def fsync(fd):
        synced.append(fd)
        return real_fsync(fd)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "fsync", fsync)
    write_bytes_atomic(path, b"new bytes")
    assert seen == [(b"new bytes", b"old", tmp_path)]
    assert len(synced) >= 2  # the file before the rename, the folder after it
    assert path.read_bytes() == b"new bytes"


def test_through_a_link_the_file_it_points_to_is_written(tmp_path: Path) -> None:
    real = tmp_path / "real.draft.yaml"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.draft.yaml"
    link.symlink_to(real.name)
    assert write_text_atomic(link, "new", backup=True) == link
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
    assert (tmp_path / "real.draft.yaml~").read_text(encoding="utf-8") == "old"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_device_pipe_or_folder_is_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "out.txt"
    os.mkfifo(fifo)
    for target in (fifo, tmp_path):
        with pytest.raises(OSError, match="不是普通文件，不会替换它"):
            write_bytes_atomic(target, b"x")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_protected_file_is_never_written_however_it_is_named(tmp_path: Path) -> None:
    draft = tmp_path / "d.draft.yaml"
    draft.write_text("template: standard\n", encoding="utf-8")
    (tmp_path / "alias.txt").symlink_to(draft.name)
    os.link(draft, tmp_path / "hard.txt")
    for name in ("d.draft.yaml", "alias.txt", "hard.txt"):
        with pytest.raises(OSError, match="正在读取的文件本身"):
            write_text_atomic(tmp_path / name, "rendered", protect=[draft])
    assert draft.read_text(encoding="utf-8") == "template: standard\n"
    write_text_atomic(tmp_path / "other.txt", "rendered", protect=[draft])


def test_temporary_files_of_killed_writes_are_removed_by_the_next_write(tmp_path: Path) -> None:
    """A write killed between mkstemp and rename leaves `.NAME.XXXXXXXX.tmp`; the next
    write to the folder removes those old enough to be nobody's, and nothing else."""
    hour_ago = os.stat(tmp_path).st_mtime - 3600
    names = {
        ".r.docx.k3j_x9q2.tmp": hour_ago,  # a killed export of r.docx
        ".d.draft.yaml.ab12cd34.tmp": hour_ago,  # a killed save of another file
        ".d.draft.yaml~.zz99yy88.tmp": hour_ago,  # a killed backup
        ".r.docx.fresh123.tmp": None,  # another process writing r.docx now
        ".other.tmp": hour_ago,  # not ours: no random part
        "notes.tmp": hour_ago,  # not ours: not hidden
    }
    for name, when in names.items():
        (tmp_path / name).write_bytes(b"partial")
        if when is not None:
            os.utime(tmp_path / name, (when, when))
    write_bytes_atomic(tmp_path / "r.docx", b"new")
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([".r.docx.fresh123.tmp", ".other.tmp", "notes.tmp", "r.docx"])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_refused_target_says_what_it_is_and_names_it(tmp_path: Path) -> None:
    """The CLI shows the reason (`os_problem` keeps drafter's own words) for the file the
    error names; a caller tells a refused target from a failed write by EINVAL."""
    import errno

    fifo = tmp_path / "out.txt"
    os.mkfifo(fifo)
    folder = tmp_path / "报告"
    folder.mkdir()
    for target, reason in (
        (folder, "是文件夹，不是普通文件，不会替换它"),
        (fifo, "是设备、管道之类的特殊文件，不是普通文件，不会替换它"),
    ):
        with pytest.raises(OSError) as caught:
            write_bytes_atomic(target, b"x")
        error = caught.value
        assert (error.errno, error.strerror, error.filename) == (errno.EINVAL, reason, str(target))


def test_a_protected_file_is_refused_by_its_own_reason_whatever_else_is_protected(
    tmp_path: Path,
) -> None:
    """A protected path that does not exist (yet) does not end the search for the others."""
    import errno

    draft = tmp_path / "d.draft.yaml"
    draft.write_text("template: standard\n", encoding="utf-8")
    alias = tmp_path / "alias.txt"
    alias.symlink_to(draft.name)
    with pytest.raises(OSError) as caught:
        write_text_atomic(alias, "rendered", protect=[tmp_path / "gone.draft.yaml", draft])
    error = caught.value
    assert (error.errno, error.strerror, error.filename) == (
        errno.EINVAL,
        "就是正在读取的文件本身，不会覆盖它",
        str(draft),
    )
    assert draft.read_text(encoding="utf-8") == "template: standard\n"


def test_without_backup_no_backup_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "d.draft.yaml"
    write_text_atomic(path, "a")
    write_text_atomic(path, "b")
    assert [p.name for p in tmp_path.iterdir()] == ["d.draft.yaml"]


@pytest.mark.parametrize("backup", [False, True])
def test_an_interrupt_just_after_a_rename_is_not_turned_into_another_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backup: bool
) -> None:
    """Ctrl-C arriving as the first rename (the backup's, else the file's) returns: the
    user gets the interrupt, not a complaint that the renamed temporary file is gone."""
    path = tmp_path / "d.draft.yaml"
    path.write_bytes(b"old")
    real_replace = os.replace

    def replace_then_interrupt(src, dst):
        real_replace(src, dst)
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", replace_then_interrupt)
    with pytest.raises(KeyboardInterrupt) as caught:
        write_bytes_atomic(path, b"new", backup=backup)
    assert caught.value.__context__ is None
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_what_a_killed_backup_leaves_is_in_the_folder_and_removed_by_the_next_write(
    tmp_path: Path,
) -> None:
    """A process killed at the backup's rename leaves its two temporary files (the new
    text, the copy of the old) in the target's folder, nowhere else, named so that the
    next write recognises them and removes them once they are old."""
    import subprocess
    import sys

    folder, system_tmp = tmp_path / "drafts", tmp_path / "system-tmp"
    folder.mkdir()
    system_tmp.mkdir()
    path = folder / "d.draft.yaml"
    path.write_bytes(b"old")
    killed = (
        "import os, sys\n"
        "from drafter.atomic import write_bytes_atomic\n"
        "os.replace = lambda src, dst: os._exit(9)\n"
        "write_bytes_atomic(sys.argv[1], b'new', backup=True)\n"
    )
    env = {**os.environ, "TMPDIR": str(system_tmp)}
    result = subprocess.run([sys.executable, "-c", killed, str(path)], env=env, check=False)
    assert result.returncode == 9
    assert list(system_tmp.iterdir()) == []
    left = sorted(p.name for p in folder.iterdir() if p != path)
    assert len(left) == 2 and path.read_bytes() == b"old"
    hour_ago = os.stat(folder).st_mtime - 3600
    for name in left:
        os.utime(folder / name, (hour_ago, hour_ago))
    write_bytes_atomic(path, b"newer")
    assert [p.name for p in folder.iterdir()] == ["d.draft.yaml"]


def test_own_temporary_files_are_stale_sooner_than_other_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One of the target's own is nobody's after a minute (its writer would be us); one of
    another file's after ten minutes; exactly ten minutes old is not yet stale."""
    import drafter.atomic as atomic

    now = 1_700_000_000.0
    monkeypatch.setattr(atomic.time, "time", lambda: now)
    ages = {
        ".r.docx.own5min0.tmp": 300,  # the target's own, five minutes old: stale
        ".d.draft.yaml.oth5min0.tmp": 300,  # another file's, five minutes old: kept
        ".d.draft.yaml.oth_600s.tmp": 600,  # another file's, exactly at the limit: kept
        ".d.draft.yaml.oth11min.tmp": 660,  # another file's, eleven minutes old: stale
    }
    for name, age in ages.items():
        (tmp_path / name).write_bytes(b"partial")
        os.utime(tmp_path / name, (now - age, now - age))
    old_file = tmp_path / "notes.txt"
    old_file.write_bytes(b"notes")
    os.utime(old_file, (now - 3600, now - 3600))
    (tmp_path / ".notes.txt.linked00.tmp").symlink_to(old_file.name)  # a link is not ours
    write_bytes_atomic(tmp_path / "r.docx", b"new")
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(
        [
            ".d.draft.yaml.oth5min0.tmp",
            ".d.draft.yaml.oth_600s.tmp",
            ".notes.txt.linked00.tmp",
            "notes.txt",
            "r.docx",
        ]
    )


def test_a_temporary_file_another_writer_removed_first_does_not_stop_the_cleaning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two writes cleaning one folder: the one that loses the race to a file goes on."""
    hour_ago = os.stat(tmp_path).st_mtime - 3600
    for name in (".a.txt.aaaaaaaa.tmp", ".b.txt.bbbbbbbb.tmp", ".c.txt.cccccccc.tmp"):
        (tmp_path / name).write_bytes(b"partial")
        os.utime(tmp_path / name, (hour_ago, hour_ago))
    real_unlink = os.unlink
    raced: list[str] = []

    def unlink(path, *args, **kwargs):
        if not raced:  # the other writer removes the first one just before us
            raced.append(str(path))
            real_unlink(path)
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    write_bytes_atomic(tmp_path / "r.docx", b"new")
    assert raced and [p.name for p in tmp_path.iterdir()] == ["r.docx"]
