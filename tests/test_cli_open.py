"""`drafter open FILE`: the TUI on a draft; a missing or broken draft is one line, exit 1."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.cli import main
from drafter.drafting.draft import new_draft, save_draft
from drafter.tui import app


@pytest.fixture
def tui_runs(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Stand in for the TUI: record the draft paths it would have been opened on."""
    runs: list[Path] = []

    def run_tui(draft_path: str | Path | None = None) -> int:
        runs.append(Path(str(draft_path)))
        return 0

    monkeypatch.setattr(app, "run_tui", run_tui)
    return runs


def test_open_runs_the_tui_on_the_draft(tmp_path: Path, tui_runs: list[Path]) -> None:
    path = tmp_path / "d.draft.yaml"
    save_draft(new_draft("standard", {"unit": "长治市潞州区", "year": 2024}), path)
    assert main(["open", str(path)]) == 0
    assert tui_runs == [path]


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda path: None, "：找不到这个文件\n"),
        (
            lambda path: path.write_text("meta: [unclosed\n", encoding="utf-8"),
            "：第2行第1列：YAML 格式有误：",
        ),
        (lambda path: path.write_bytes(b"\xff\xfe\x00garbage"), "：不是 UTF-8 文本，不像是草稿"),
        (Path.mkdir, "：是文件夹，不是文件\n"),
    ],
    ids=["missing", "broken", "binary", "folder"],
)
def test_a_bad_draft_is_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    tui_runs: list[Path],
    make: Callable[[Path], object],
    problem: str,
) -> None:
    path = tmp_path / "d.draft.yaml"
    make(path)
    assert main(["open", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and tui_runs == []
    assert err.startswith(f"drafter: {path}：") and err.count("\n") == 1
    assert problem in err and "Traceback" not in err
