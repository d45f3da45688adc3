"""Structure and metadata of real reports."""

from __future__ import annotations

from conftest import document_from_text, seed_path

from drafter.corpus.parse import parse_document, split_enumeration


def parse_seed(prefix: str):
    path = seed_path(prefix)
    return parse_document(document_from_text(path, path.read_text(encoding="utf-8")))


def by_line(report, number):
    return next(line for line in report.lines if line.line == number)


def test_heading_levels_in_ascii_and_full_width_forms() -> None:
    report = parse_seed("000")
    assert (by_line(report, 5).level, by_line(report, 5).marker) == (1, "一、")
    assert by_line(report, 5).heading == "不断完善推进机制，推动整体水平提升"
    six = by_line(report, 6)  # "(一)深入学习贯彻习近平法治思想" in ASCII brackets
    assert (six.level, six.marker, six.heading, six.body) == (
        2, "（一）", "深入学习贯彻习近平法治思想", ""
    )
    assert by_line(report, 7).level == 0
    report4 = parse_seed("004")
    assert (by_line(report4, 6).level, by_line(report4, 6).heading) == (3, "压实第一责任")


def test_heading_that_runs_into_its_body_is_split() -> None:
    line = by_line(parse_seed("001"), 10)
    assert line.heading == "依法履行政府职能"
    assert line.body.startswith("一是继续强化权力清单、责任清单动态管理")
    assert len(line.items) >= 2 and line.items[0].startswith("一是")
    assert line.items[1].startswith("二是")


def test_display_text_uses_chinese_punctuation_but_keeps_numbers() -> None:
    report = parse_seed("000")
    assert by_line(report, 3).text == "唐山市人民政府："
    assert "，" in by_line(report, 4).text and "," not in by_line(report, 4).text
    assert by_line(report, 2).text == "发布于：2023-01-06 09:04:54"


def test_heading_paths() -> None:
    line = by_line(parse_seed("000"), 16)
    assert line.path == ["依法全面履行政府职能", "优化政府机构职能"]


def test_enumeration_needs_two_items() -> None:
    assert split_enumeration("一是加强领导。二是完善制度。") == ["一是加强领导。", "二是完善制度。"]
    assert split_enumeration("我们一是加强") == []


def test_numbered_paragraph_with_long_lead_is_not_a_heading() -> None:
    text = (
        "1.为切实发挥法治建设第一责任人在推进景区法治建设中的领导核心作用和示范带头作用，"
        "制定了年度工作清单并逐项抓好落实，推动各项任务落地见效"
    )
    report = parse_document(document_from_text(seed_path("000"), text))
    assert report.lines[0].heading is None and report.lines[0].level == 0
