"""Reports in traditional script are read, parsed and imported as simplified text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, DATA

from drafter.corpus.ingest import read_document
from drafter.corpus.pipeline import load_report
from drafter.corpus.traditional import is_traditional, to_simplified

VARIANTS = DATA / "variants" / "traditional"
SEED_001 = "001_c036f44d06d6f45b.txt"


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_simplified_reports_are_not_taken_for_traditional(path: Path) -> None:
    assert not is_traditional(path.read_text("utf-8"))


@pytest.mark.parametrize("path", sorted(VARIANTS.glob("*.txt")), ids=lambda p: p.name[:12])
def test_traditional_reports_are_recognised(path: Path) -> None:
    assert is_traditional(path.read_text("utf-8"))


def test_a_few_traditional_names_in_a_simplified_report_change_nothing() -> None:
    text = (CORPUS / SEED_001).read_text("utf-8") + "\n臺灣同胞來訪，參觀乾隆年間的書院。\n"
    assert not is_traditional(text)


def test_conversion_keeps_phrases_and_line_numbers() -> None:
    assert to_simplified("法治政府建設年度情況報告 發布時間 信息來源") == (
        "法治政府建设年度情况报告 发布时间 信息来源"
    )
    doc = read_document(VARIANTS / f"seeds__{SEED_001}")
    original = read_document(CORPUS / SEED_001)
    assert doc.reading.traditional and not original.reading.traditional
    assert [p.number for p in doc.paragraphs] == [p.number for p in original.paragraphs]
    same = sum(a.text == b.text for a, b in zip(doc.paragraphs, original.paragraphs, strict=True))
    assert same >= 0.9 * len(original.paragraphs)  # s2t → t2s is not exactly one to one


def test_traditional_web_page_gives_simplified_metadata(tmp_path: Path) -> None:
    page = (
        "<html><head><meta charset='utf-8'><title>桐江市東城區2023年度法治政府建設情況報告"
        "</title></head><body><p>發布時間：2024-03-22　信息來源：區司法局</p>"
        "<p>桐江市東城區2023年度法治政府建設情況報告</p>"
        "<p>2023年，東城區在市委、市政府的堅強領導下，堅持以習近平法治思想為指導，全面推進法治政府建設，各項工作取得積極成效。"
        "現將有關情況報告如下：</p>"
        "<p>一、主要舉措和成效</p><p>（一）深化行政復議體制改革。全年受理行政復議案件312件。</p>"
        "<p>二、存在的不足和原因</p><p>基層執法力量仍然薄弱。</p>"
        "<p>三、下一步工作打算</p><p>下一步，我區將持續深化法治政府建設。</p>"
        "<p>桐江市東城區人民政府</p><p>2024年3月20日</p></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    report = load_report(path)
    assert report.reading.traditional
    assert report.title == "桐江市东城区2023年度法治政府建设情况报告"
    assert (report.issuer, report.year, report.date) == ("桐江市东城区人民政府", 2023, "2024-03-20")
    slots = {line.text: line.slot for line in report.lines}
    assert slots["（一）深化行政复议体制改革。全年受理行政复议案件312件。"] == "measures"
    assert slots["基层执法力量仍然薄弱。"] == "shortcomings"
    assert slots["下一步，我区将持续深化法治政府建设。"] == "plans"


def test_import_yields_a_simplified_draft(tmp_path: Path) -> None:
    out = tmp_path / "d.draft.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "drafter", "import", str(VARIANTS / f"seeds__{SEED_001}"),
         "-o", str(out)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    draft = out.read_text("utf-8")
    assert "法治政府建设" in draft and "潞州区" in draft
    assert not is_traditional(draft)
    assert "建設" not in draft and "報告" not in draft
