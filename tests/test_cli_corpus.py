"""`drafter corpus add|build|stats` and `drafter suggest`: JSON shapes and one-line errors."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import DATA, seed_path
from tables import assert_lined_up

from drafter.cli import main
from drafter.cli.corpus_cmds import REPORT_FORMATS
from drafter.corpus.ingest import SUPPORTED_SUFFIXES
from drafter.corpus.phrasebook import Phrasebook
from drafter.paths import user_dirs

FIXTURES = DATA / "phrasebook"
NOTHING_ADDED = "drafter: 没有加入任何报告（原因见上面的警告）"


@pytest.fixture
def built(bundled_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Use the already built index of the bundled corpus."""
    monkeypatch.setenv("DRAFTER_HOME", str(bundled_home))
    return bundled_home


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_suggest_json_shape(built: Path, capsys) -> None:
    code, out, err = run(capsys, "suggest", "行政复议", "--slot", "measures", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert len(data) == 8
    for item in data:
        assert set(item) == {"text", "template", "slot", "topic", "score", "uses", "sources"}
        assert item["slot"] == "measures" and isinstance(item["score"], float)
        assert item["sources"] and all(
            set(source) == {"file", "issuer", "year"} for source in item["sources"]
        )
    assert "行政复议" in data[0]["text"]


def test_suggest_topic_by_alias_and_limit(built: Path, capsys) -> None:
    args = ("suggest", "加强监督", "--slot", "measures", "--topic", "enforcement", "--limit", "5")
    code, out, _ = run(capsys, *args, "--json")
    data = json.loads(out)
    with Phrasebook.open() as book:
        expected = book.suggest("加强监督", slot="measures", topic="行政执法", limit=5)
        plain = book.suggest("加强监督", slot="measures", limit=5)
    assert code == 0 and data == [s.to_json() for s in expected] != [s.to_json() for s in plain]


def test_suggest_readable_output_is_a_table_that_lines_up(built: Path, capsys) -> None:
    code, out, _ = run(capsys, "suggest", "受理行政复议案件", "--limit", "2")
    assert code == 0
    lines = out.splitlines()
    first = "{年度}年，我区共受理行政复议案件{数量}件，审结{数量}件。"
    assert len(lines) == 3 and first in lines[1] and "\x1b" not in out
    source = seed_path("001").name + "（中共长治市潞州区委员会、长治市潞州区人民政府 2023）"
    assert lines[1].endswith(source)
    assert_lined_up(
        lines,
        [
            ("序号", "建议", "得分", "报告数", "部分", "来源"),
            ("1", first, None, "1", "主要举措和成效·矛盾纠纷", source),
            ("2", None, None, "1", "主要举措和成效·矛盾纠纷", None),
        ],
        right=(0, 3),
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--slot", "bogus"), "drafter: 没有 'bogus' 这个部分（可选：front、measures、"),
        (("--topic", "天气"), "drafter: 没有 '天气' 这个主题（可选：政府职能、"),
        (("--corpus", "/nonexistent/corpus"), "drafter: /nonexistent/corpus：找不到这个语料文件夹"),
    ],
)
def test_suggest_errors_are_one_line(built: Path, capsys, args, message) -> None:
    code, out, err = run(capsys, "suggest", "行政复议", *args)
    assert code != 0 and out == ""
    assert err.startswith(message) and err.count("\n") == 1


def test_suggest_year_unit_kind_and_headings(built: Path, capsys) -> None:
    args = ("suggest", "全面贯彻党的十九大", "--json")
    then = json.loads(run(capsys, *args, "--year", "2022")[1])
    later = json.loads(run(capsys, *args, "--year", "2024", "--unit-kind", "部门")[1])
    assert any("十九大" in item["text"] for item in then)
    assert not any("十九大" in item["text"] for item in later)
    code, out, _ = run(capsys, "suggest", "存在的不足", "--slot", "shortcomings", "--headings")
    assert code == 0 and out.splitlines()[1].split()[:2] == ["1", "存在的不足"]
    with pytest.raises(SystemExit) as refused:  # argparse: one of 区县, 开发区, 部门
        main(["suggest", "行政复议", "--unit-kind", "乡镇"])
    assert refused.value.code == 2 and "'乡镇'" in capsys.readouterr().err


def test_stats_json(built: Path, capsys) -> None:
    code, out, _ = run(capsys, "corpus", "stats", "--json")
    data = json.loads(out)
    assert code == 0 and data["reports"] == 5 and data["skipped"] == []
    assert data["duplicates"] == [] and data["specific"] >= 1 and data["fragments"] > 0
    assert {"sentences", "headings", "phrases", "by_slot", "by_topic", "index"} <= set(data)
    assert data["by_slot"]["measures"] > data["by_slot"]["shortcomings"] > 0


def test_stats_says_how_many_duplicates_were_skipped(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", corpus)
    copy = (corpus / "b_hedong.txt").read_text("utf-8").encode("gb18030")
    (corpus / "b_hedong_gbk.txt").write_bytes(copy)
    code, out, err = run(capsys, "corpus", "stats", "--corpus", str(corpus))
    assert code == 0 and "warning" not in err
    lines = out.splitlines()
    assert lines[1].split()[:2] == ["报告", "2"] and lines[2].split()[:2] == ["重复", "1"]
    assert_lined_up(
        lines[:3],
        [
            ("语料", "数目", "说明"),
            ("报告", "2", "跳过0个读不了的文件"),
            ("重复", "1", "同一报告的另一份文件，只计一次"),
        ],
        right=(1,),
    )
    at = lines.index("重复的文件        与之相同的报告")
    assert lines[at + 1].split() == ["b_hedong_gbk.txt", "b_hedong.txt"]


def test_a_manifest_value_of_the_wrong_type_is_one_located_warning(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", corpus)
    (corpus / "manifest.yaml").write_text(
        "reports:\n  a_luzhou.txt: {year: 2024-01-01}\n", encoding="utf-8"
    )
    code, out, err = run(capsys, "corpus", "build", "--corpus", str(corpus))
    assert code == 0 and out.startswith("短语索引已更新：2份报告")
    (warning,) = err.splitlines()[-1:]
    assert warning.startswith("drafter: ") and "manifest.yaml" in warning and "第2行" in warning
    assert "year" in warning and "2024-01-01" in warning and "Traceback" not in err


def test_build_skips_a_bad_file_with_a_warning(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", corpus)
    (corpus / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    code, out, err = run(capsys, "corpus", "build", "--corpus", str(corpus), "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["reports"], data["mined"], data["rebuilt"]) == (2, 3, True)
    assert [entry["file"] for entry in data["skipped"]] == ["broken.txt"]
    warnings = [line for line in err.splitlines() if line.startswith("drafter: 警告：")]
    assert len(warnings) == 1 and "broken.txt" in warnings[0]
    code, out, err = run(capsys, "corpus", "build", "--corpus", str(corpus))
    assert code == 0 and out.startswith("短语索引已是最新：2份报告")
    assert "broken.txt" in err  # still reported, not read again


def test_add_copies_readable_reports_and_warns_about_the_rest(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "picture.txt"
    bad.write_bytes(b"\x00\x01\x02\x03" * 50)
    code, out, err = run(
        capsys, "corpus", "add", str(FIXTURES / "corpus"), str(bad), str(tmp_path / "missing.txt")
    )
    assert code == 0 and out.startswith("已把2份报告复制到 ")
    assert sorted(p.name for p in user_dirs().corpus.iterdir()) == ["a_luzhou.txt", "b_hedong.txt"]
    warnings = err.splitlines()
    assert len(warnings) == 2
    assert "picture.txt" in warnings[0] + warnings[1] and "missing.txt" in warnings[0] + warnings[1]

    code, out, _ = run(capsys, "corpus", "add", str(FIXTURES / "corpus"), "--json")
    data = json.loads(out)
    assert code == 0 and data["copied"] == [] and len(data["present"]) == 2

    code, out, err = run(capsys, "corpus", "add", str(bad))
    assert code == 1 and err.splitlines()[-1] == NOTHING_ADDED

    # The user corpus now joins the bundled one in suggestions.
    code, out, _ = run(capsys, "suggest", "法治宣传的针对性", "--limit", "1", "--json")
    assert json.loads(out)[0]["sources"][0]["file"] == "a_luzhou.txt"


def test_add_gives_a_same_named_different_report_its_own_name(tmp_path: Path, capsys) -> None:
    other = tmp_path / "a_luzhou.txt"
    shutil.copy(FIXTURES / "extra" / "c_cuwen.txt", other)
    assert run(capsys, "corpus", "add", str(FIXTURES / "corpus" / "a_luzhou.txt"))[0] == 0
    assert run(capsys, "corpus", "add", str(other))[0] == 0
    names = sorted(p.name for p in user_dirs().corpus.iterdir())
    assert names == ["a_luzhou-2.txt", "a_luzhou.txt"]


def test_add_to_an_unwritable_corpus_is_one_line_per_file(drafter_home: Path, capsys) -> None:
    (drafter_home / "data").write_text("not a folder", encoding="utf-8")
    code, _, err = run(capsys, "corpus", "add", str(FIXTURES / "corpus"))
    assert code == 1 and "Traceback" not in err
    warnings = err.splitlines()
    assert len(warnings) == 3 and warnings[-1] == NOTHING_ADDED
    assert all("无法复制到" in line for line in warnings[:2])


def test_the_help_names_every_format_the_reader_reads() -> None:
    """The help's list of formats is written out (so `--help` does not load the reader);
    it must name each suffix drafter reads, and nothing else."""
    assert sorted(re.findall(r"\.[a-z]+", REPORT_FORMATS)) == sorted(SUPPORTED_SUFFIXES)
