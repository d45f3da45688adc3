"""`drafter check` from the shell: the content checks with the corpus, and `--coverage`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from checking import COPIED, PLANTED, clean, seed

from drafter.cli import main
from drafter.drafting.draft import save_draft
from drafter.drafting.outline import copy_pack


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def bundled(bundled_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default corpus, its index already built."""
    monkeypatch.setenv("DRAFTER_HOME", str(bundled_home))
    return bundled_home


@pytest.fixture
def copied_draft(tmp_path: Path) -> Path:
    """The clean 2023 draft with a sentence of 天津市河东区's report in it."""
    draft = clean("luzhou2023")
    draft.items("measures")[1].body += COPIED
    return save_draft(draft, tmp_path / "copied.draft.yaml")


def test_check_uses_the_default_corpus_unless_told_not_to(
    bundled: Path, copied_draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", copied_draft)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == str(copied_draft)  # the table's title: the draft checked
    (line,) = [line for line in lines if " copied " in line]
    place = "主要举措和成效 全面提升行政决策水平"
    assert line.split("  ")[1:3] == ["注意", "copied"]
    assert f"{place}  与天津市河东区2021年报告相同：“" in line
    code, out, _ = run(capsys, "check", copied_draft, "--no-corpus", "--json")
    assert code == 0 and "copied" not in {f["code"] for f in json.loads(out)}


def test_check_json_has_every_finding_located(
    bundled: Path, copied_draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "check", copied_draft, "--json")
    (copied,) = [f for f in json.loads(out) if f["code"] == "copied"]
    assert copied["severity"] == "warning" and copied["section"] == "measures"
    assert copied["item"] == 1 and copied["field"] == "body" and copied["line"] > 0
    assert copied["place"] == "主要举措和成效 全面提升行政决策水平"


def test_check_against_last_year_from_the_shell(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = PLANTED / "luzhou2024.draft.yaml"
    code, out, _ = run(capsys, "check", path, "--against", seed("001"), "--no-corpus")
    assert code == 0 and out.splitlines()[-1] == "错误0处，注意0处，提示6处"


def test_coverage_as_text_bars_and_json(
    bundled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = PLANTED / "luzhou2024.draft.yaml"
    code, out, _ = run(capsys, "check", path, "--coverage")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("主要举措和成效共")
    assert "“|”为语料中5份报告的中位数" in lines[0]
    (digital,) = [line for line in lines if line.lstrip().startswith("数字法治")]
    assert "|" in digital and "句" in digital and "常见" in digital
    code, out, _ = run(capsys, "check", path, "--coverage", "--json")
    numbers = json.loads(out)
    assert code == 0 and numbers["reports"] == 5 and len(numbers["topics"]) == 9
    assert sum(t["sentences"] for t in numbers["topics"]) <= numbers["sentences"]
    code, out, _ = run(capsys, "check", path, "--coverage", "--no-corpus")
    assert "没有可对照的语料" in out.splitlines()[0] and "常见" not in out


def test_check_with_bad_corpus_or_pack_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = PLANTED / "luzhou2024.draft.yaml"
    code, _, err = run(capsys, "check", path, "--corpus", tmp_path / "nowhere")
    assert code == 1 and err.count("\n") == 1 and "nowhere" in err and "Traceback" not in err
    pack = copy_pack("standard", "mine")
    (pack / "formulations.yaml").write_text("formulations: 3\n", encoding="utf-8")
    draft = clean("luzhou2024")
    draft.template = "mine"
    mine = save_draft(draft, tmp_path / "mine.draft.yaml")
    code, _, err = run(capsys, "check", mine, "--no-corpus")
    assert code == 1 and err.count("\n") == 1
    assert "formulations.yaml：需要 formulations: 列表" in err


def test_check_help_is_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = capsys.readouterr().out
    assert "--no-corpus" in out and "不做需要语料的检查" in out and "退出状态" in out
