"""The draft commands from the shell: new → edit → check → export, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from conftest import DATA, ROOT, seed_path

from drafter.cli import main
from drafter.drafting.check import MIN_VERBATIM_CHARS
from drafter.drafting.draft import load_draft, save_draft
from drafter.drafting.outline import copy_pack
from drafter.paths import user_dirs
from drafter.textnorm import fold

LUZHOU = DATA / "drafts" / "luzhou2023.draft.yaml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str, *needles: str) -> None:
    assert err.startswith("drafter: ") and err.count("\n") == 1 and "Traceback" not in err
    for needle in needles:
        assert needle in err


def test_new_edit_check_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "2024.draft.yaml"
    code, out, _ = run(
        capsys, "new", "--unit", "长治市潞州区", "--year", "2024", "--set", "date=2025-01-19",
        "--set", "recipient=中共长治市委、长治市人民政府", "-o", path,
    )  # fmt: skip
    assert code == 0 and out.splitlines() == [
        f"已创建草稿 {path}（长治市潞州区2024年度法治政府建设情况报告）",
        f"下一步：编辑它（或运行 drafter open {path}），然后运行 drafter check {path}",
    ]

    code, out, _ = run(capsys, "check", path)
    assert code == 1
    row = ["14", "错误", "placeholder", "开头语", "第1段", "还有1处待填：{工作概述}"]
    assert row in [line.split() for line in out.splitlines()]
    assert out.splitlines()[-1].startswith("错误5处，")

    # the user edits the YAML: fills the opening and writes every part
    text = path.read_text(encoding="utf-8").replace("{工作概述}", "全区法治政府建设取得积极成效")
    path.write_text(text, encoding="utf-8")
    draft = load_draft(path)
    last_year = load_draft(LUZHOU)
    for key in ("measures", "duties", "shortcomings", "plans"):
        draft.sections[key] = last_year.sections[key]
    save_draft(draft)
    code, out, _ = run(capsys, "check", path, "--json")
    findings = json.loads(out)
    assert code == 0 and not [f for f in findings if f["severity"] == "error"]
    assert {"severity", "code", "message", "section", "item", "field", "line"} <= set(findings[0])

    for suffix in (".txt", ".md", ".docx"):
        code, out, _ = run(capsys, "export", path, "-o", tmp_path / f"report{suffix}")
        assert code == 0 and out == f"已导出 {tmp_path / f'report{suffix}'}\n"
    assert "中共长治市委、长治市人民政府：" in (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert "## 一、2024年推进法治政府建设的主要举措和成效" in (tmp_path / "report.md").read_text()
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "report.docx")).paragraphs]
    assert "（一）依法履行政府职能" in paragraphs and paragraphs[-1] == "2025年1月19日"


def test_new_refuses_bad_answers_and_existing_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "d.draft.yaml"
    code, _, err = run(capsys, "new", "--unit", "潞州区", "--year", "明年", "-o", path)
    assert code == 1 and not path.exists()
    one_line_error(err, "报告年度：需要填写整数，而不是 '明年'")
    code, _, err = run(capsys, "new", "--unit", "潞州区", "--set", "mayor=张三", "-o", path)
    assert err == (
        "drafter: 模板包 'standard' 不问 mayor"
        "（可填：unit、year、title、recipient、joint、party、issuer、date）\n"
    )
    assert code == 1 and not path.exists()
    code, _, err = run(capsys, "new", "--template", "nope", "--unit", "潞州区", "-o", path)
    assert err == "drafter: 没有名为 'nope' 的模板包（现有：department、standard）\n"
    assert run(capsys, "new", "--unit", "潞州区", "--year", "2024", "-o", path)[0] == 0
    before = path.read_bytes()
    code, _, err = run(capsys, "new", "--unit", "别的区", "--year", "2024", "-o", path)
    one_line_error(err, f"{path}：已经存在；要覆盖它请加 --force\n")
    assert code == 1 and path.read_bytes() == before


def test_import_next_year_render(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    imported = tmp_path / "2023.draft.yaml"
    code, _, _ = run(capsys, "import", seed_path("001"), "-o", imported)
    assert code == 0 and load_draft(imported).meta["year"] == 2023
    following = tmp_path / "2024.draft.yaml"
    assert run(capsys, "next-year", imported, "-o", following)[0] == 0
    code, out, _ = run(capsys, "render", following)
    assert code == 0 and out.startswith("长治市潞州区2024年度法治政府建设情况报告\n")
    assert "　　（三）全面创优法治营商环境\n" in out
    code, out, _ = run(capsys, "render", following, "-o", tmp_path / "r.md")
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# 长治市潞州区2024年度")
    code, out, _ = run(capsys, "render", imported, "--template", "department")
    assert code == 0 and "2023年部门主要负责人履行推进法治建设第一责任人职责情况" in out


def test_render_o_never_replaces_the_draft_and_keeps_what_it_replaces(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "d.draft.yaml"
    draft.write_bytes(LUZHOU.read_bytes())
    (tmp_path / "d.yaml").symlink_to(draft.name)
    for output, problem in (
        (draft, "渲染结果不能写成草稿文件"),
        (tmp_path / "d.yaml", "就是正在读取的文件本身"),
    ):
        code, _, err = run(capsys, "render", draft, "-o", output)
        one_line_error(err, str(output), problem)
        assert code == 1
    assert draft.read_bytes() == LUZHOU.read_bytes()
    report = tmp_path / "report.txt"
    report.write_text("edited by hand", encoding="utf-8")
    assert run(capsys, "render", draft, "-o", report)[0] == 0
    assert report.read_text(encoding="utf-8").startswith("长治市潞州区2023年度")
    assert (tmp_path / "report.txt~").read_text(encoding="utf-8") == "edited by hand"


def test_next_year_is_named_after_unit_and_year(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    last = tmp_path / "last.draft.yaml"
    last.write_text(LUZHOU.read_text("utf-8").replace("\n  year: 2023\n", "\n"), "utf-8")
    code, out, err = run(capsys, "next-year", last)
    year = load_draft(last).answers()["year"] + 1  # no year written: the pack's default
    assert code == 0 and err == ""
    assert (tmp_path / f"长治市潞州区{year}.draft.yaml").is_file()


def test_check_against_last_years_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "check", LUZHOU, "--against", seed_path("001"), "--json")
    verbatim = [f for f in json.loads(out) if f["code"] == "verbatim"]
    paragraphs = [
        paragraph
        for items in load_draft(LUZHOU).sections.values()
        for item in items
        for paragraph in item.body.splitlines()
        if len(fold(paragraph)) >= MIN_VERBATIM_CHARS
    ]
    assert code == 0 and len(verbatim) == len(paragraphs) == 20  # it *is* that report
    code, _, err = run(capsys, "check", LUZHOU, "--against", tmp_path / "missing.docx")
    assert code == 1
    one_line_error(err, "missing.docx")


def test_export_refuses_placeholders_and_bad_drafts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "d.draft.yaml"
    run(capsys, "new", "--unit", "潞州区", "--year", "2024", "-o", draft)
    out = tmp_path / "r.docx"
    code, _, err = run(capsys, "export", draft, "-o", out)
    assert code == 1 and not out.exists()
    one_line_error(err, f"{out}：还有1处待填：{{工作概述}}；请先填写，或加 --force 照样导出\n")
    assert run(capsys, "export", draft, "-o", out, "--force")[0] == 0 and out.exists()

    broken = DATA / "drafts" / "broken.draft.yaml"
    code, _, err = run(capsys, "export", broken, "-o", tmp_path / "b.txt")
    assert code == 1 and not (tmp_path / "b.txt").exists()
    one_line_error(err, f"{broken}：第6行第9列：YAML 格式有误：")
    code, _, err = run(capsys, "export", LUZHOU, "-o", tmp_path / "no" / "such" / "dir" / "x.odt")
    one_line_error(err, "不能导出为 .odt")


def test_templates_list_copy_and_broken_packs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "templates", "copy", "standard", "mine")
    mine = user_dirs().templates / "mine"
    assert code == 0 and out.splitlines() == [
        f"已把 standard 复制为 {mine}",
        "请修改其中的 outline.yaml（问题和提纲）和 report.j2（报告的排法）",
    ]
    code, _, err = run(capsys, "templates", "copy", "standard", "mine")
    one_line_error(err, f"{mine}：已经存在；请换一个名字，或先删去它\n")
    broken = copy_pack("standard", "broken")
    (broken / "outline.yaml").write_text("questions: [\n", encoding="utf-8")
    code, out, err = run(capsys, "templates", "list")
    assert code == 0
    assert [line.split()[:2] for line in out.splitlines()] == [
        ["名称", "来源"],
        ["mine", "你的"],
        ["department", "自带"],
        ["standard", "自带"],
    ]
    assert err.startswith("drafter: 警告：跳过了有问题的模板包：") and err.count("\n") == 1
    assert "broken/outline.yaml：第2行第1列：YAML 格式有误" in err
    code, _, err = run(capsys, "new", "--template", "broken", "--unit", "潞州区")
    one_line_error(err, "broken/outline.yaml：第2行第1列：YAML 格式有误：")


def test_a_template_reaching_outside_the_sandbox(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_pack("standard", "sneaky")
    (folder / "report.j2").write_text('{% include "../../../../../etc/passwd" %}')
    draft = tmp_path / "d.draft.yaml"
    run(capsys, "new", "--template", "sneaky", "--unit", "潞州区", "--year", "2024", "-o", draft)
    out = tmp_path / "r.txt"
    code, _, err = run(capsys, "export", draft, "-o", out, "--force")
    assert code == 1 and not out.exists()
    one_line_error(err, "：模板里不允许：引用模板文件夹之外的 '../../../../../etc/passwd'\n")


def test_a_real_process_prints_one_line_and_leaves_no_file(tmp_path: Path) -> None:
    broken = DATA / "drafts" / "broken.draft.yaml"
    out = tmp_path / "r.docx"
    result = subprocess.run(
        [sys.executable, "-m", "drafter", "export", str(broken), "-o", str(out)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert result.returncode == 1 and result.stdout == "" and not out.exists()
    assert result.stderr == f"drafter: {broken}：第6行第9列：YAML 格式有误：" + (
        "这里不能有冒号（缩进不对？值里有冒号时请给整个值加引号）\n"
    )
    good = subprocess.run(
        [sys.executable, "-m", "drafter", "export", str(LUZHOU), "-o", str(out)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert good.returncode == 0 and out.stat().st_size > 5000
