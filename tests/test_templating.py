"""Templating: the filters packs use, the confined loader, and one located error per failure.

A pack's templates come from the user's own folder: every way out of the template
folders is refused with the same message, and whatever a template does wrong comes
back as one TemplateError naming the file it is in and what went wrong there.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafter.drafting.templating import (
    check_syntax,
    cn_date,
    cn_num,
    evaluate,
    md_paragraph,
    render_file,
    render_string,
)
from drafter.errors import TemplateError

OUTLINE = "outline.yaml"


@pytest.fixture
def roots(tmp_path: Path) -> tuple[str, ...]:
    """A template folder holding a report template, a broken one and a failing one."""
    root = tmp_path / "templates"
    root.mkdir()
    (root / "report.txt.j2").write_text("{{ unit }}{{ year }}年度法治政府建设情况报告\n", "utf-8")
    (root / "broken.j2").write_text("{{ title }}\n{% for part in %}\n", "utf-8")
    (root / "ratio.j2").write_text("{{ title }}\n{{ cases / closed }}\n", "utf-8")
    return (str(root),)


def failure(call: object, *args: object, **kwargs: object) -> tuple[str | None, str]:
    """The (file, message) of the TemplateError the call raises."""
    with pytest.raises(TemplateError) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    path, message = caught.value.path, str(caught.value)
    assert path is not None and message == f"{path}：{caught.value.problem}" and "\n" not in message
    return path, caught.value.problem


# --- the filters ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("{{ 3 | cn_num }}", "三、"),  # a part: level 1 unless told
        ("{{ 3 | cn_num(1) }}", "三、"),
        ("{{ 12 | cn_num(2) }}", "（十二）"),
        ("{{ 3 | cn_num(3) }}", "3."),
        ("{{ 3 | cn_num(4) }}", "（3）"),
        ("{{ date | cn_date }}", "2025年1月19日"),
        ("{{ '' | cn_date }}", ""),
        ("{{ body | md_paragraph }}", "1\\.压实责任，检查12次。"),
        ("{{ 'a,b' ~ '长治(潞州)' | fullwidth }}", "a,b长治（潞州）"),
    ],
)
def test_filters_a_pack_uses(roots: tuple[str, ...], source: str, text: str) -> None:
    context = {"date": "2025-01-19", "body": "1.压实责任，检查12次。"}
    assert render_string(source, context, roots, OUTLINE) == text


def test_a_heading_level_out_of_range_is_a_located_error(roots: tuple[str, ...]) -> None:
    assert failure(render_string, "{{ 3 | cn_num(5) }}", {}, roots, OUTLINE) == (
        OUTLINE,
        "模板出错：标题层级只能是 1 到 4，而不是 5",
    )
    with pytest.raises(ValueError, match="标题层级只能是 1 到 4，而不是 0"):
        cn_num(3, 0)


@pytest.mark.parametrize(
    "value",
    ["2025-01-19", dt.date(2025, 1, 19), dt.datetime(2025, 1, 19, 9, 30)],
)
def test_a_date_is_written_as_a_chinese_date(value: str | dt.date) -> None:
    assert cn_date(value) == "2025年1月19日"
    assert cn_date(None) == cn_date("") == ""


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("1.压实责任", "1\\.压实责任"),
        ("2)加强培训", "2\\)加强培训"),
        ("12.深化改革", "12\\.深化改革"),
        ("# 标题", "\\# 标题"),
        ("> 引文", "\\> 引文"),
        ("- 一项", "\\- 一项"),
        ("+ 一项", "\\+ 一项"),
        ("* 一项", "\\* 一项"),
        ("2024年1.5万件", "2024年1.5万件"),  # only the start of a paragraph is a leader
        ("一是压实责任", "一是压实责任"),
    ],
)
def test_markdown_leaders_are_escaped(text: str, escaped: str) -> None:
    assert md_paragraph(text) == escaped


# --- the confined loader ---------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "../secret.j2",
        "..\\..\\secret.j2",  # Windows separators
        "sub\\..\\..\\secret.j2",
        "/etc/passwd",
        "\\etc\\passwd",
        "C:/Windows/win.ini",  # a drive
        "c:secret.j2",
    ],
)
def test_every_way_out_of_the_template_folders_is_refused(
    roots: tuple[str, ...], name: str
) -> None:
    assert failure(render_file, [name], {}, roots) == (
        roots[0],
        f"模板里不允许：引用模板文件夹之外的 {name!r}",
    )


# --- errors: what went wrong, and where ----------------------------------------------


def test_a_report_template_renders_with_the_answers(roots: tuple[str, ...]) -> None:
    context = {"unit": "长治市潞州区", "year": 2024}
    text = render_file(["missing.j2", "report.txt.j2"], context, roots)
    assert text == "长治市潞州区2024年度法治政府建设情况报告\n"


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["report.md.j2"], "找不到模板：report.md.j2"),
        (["report.md.j2", "report.html.j2"], "找不到模板：report.md.j2、report.html.j2"),
    ],
)
def test_a_missing_report_template_names_the_folder(
    roots: tuple[str, ...], names: list[str], message: str
) -> None:
    assert failure(render_file, names, {}, roots) == (roots[0], message)


def test_with_no_template_folder_the_error_still_names_one() -> None:
    assert failure(render_file, ["report.txt.j2"], {}, ()) == (
        "templates",
        "找不到模板：report.txt.j2",
    )


def test_errors_inside_a_template_file_name_that_file(roots: tuple[str, ...]) -> None:
    folder = Path(roots[0])
    assert failure(render_file, ["broken.j2"], {"title": "x"}, roots) == (
        str(folder / "broken.j2"),
        "第2行：模板语法错误：{% %} 里的语句没写完",
    )
    assert failure(render_file, ["ratio.j2"], {"title": "x", "cases": 3, "closed": 0}, roots) == (
        str(folder / "ratio.j2"),
        "模板出错：除数为零",
    )
    assert failure(render_file, ["report.txt.j2"], {"unit": "长治市潞州区"}, roots) == (
        str(folder / "report.txt.j2"),
        "模板出错：用到了 year，但没有这一项（拼写错了，还是草稿里还没有填？）",
    )


def test_a_pack_string_error_names_the_outline(roots: tuple[str, ...]) -> None:
    assert failure(render_string, "{{ mayor }}人民政府", {}, roots, OUTLINE) == (
        OUTLINE,
        "模板出错：用到了 mayor，但没有这一项（拼写错了，还是草稿里还没有填？）",
    )
    assert failure(render_string, "{{ ''.__class__ }}", {}, roots, OUTLINE) == (
        OUTLINE,
        "模板里不允许：访问 str 的属性 __class__",
    )


def test_a_when_is_evaluated_with_the_answers(roots: tuple[str, ...]) -> None:
    assert evaluate("joint == '是'", {"joint": "是"}, roots, OUTLINE) is True
    assert evaluate("joint == '是'", {"joint": "否"}, roots, OUTLINE) is False
    assert failure(evaluate, "year // 0", {"year": 2024}, roots, OUTLINE) == (
        OUTLINE,
        "模板出错：除数为零",
    )


def test_syntax_is_checked_as_a_template_unless_an_expression(roots: tuple[str, ...]) -> None:
    check_syntax("{{ unit }}{{ year }}年度法治政府建设情况报告", roots, OUTLINE)
    check_syntax("joint == '是'", roots, OUTLINE, expression=True)
    assert failure(check_syntax, "第一行\n{{ year + }}年", roots, OUTLINE) == (
        OUTLINE,
        "第2行：模板语法错误：{{ }} 里的表达式没写完",
    )
    assert failure(check_syntax, "joint ==", roots, OUTLINE, expression=True) == (
        OUTLINE,
        "第1行：模板语法错误：模板意外结束（表达式没写完？）",
    )


@pytest.mark.parametrize(
    ("source", "context", "message"),
    [
        ("{{ -1 | cn_num }}", {}, "模板出错：序号不能是负数：-1"),
        ("{{ x | foo }}", {}, "第1行：模板语法错误：没有名为 foo 的过滤器"),
        ("{{ x is foo }}", {}, "第1行：模板语法错误：没有名为 foo 的测试"),
        ("{% frob %}", {}, "第1行：模板语法错误：不认识的标签 frob（或它前面的 {% … %} 没有结束）"),
        (
            "{% if x %}",
            {},
            "第1行：模板语法错误：模板意外结束（{% if %}、{% for %} 之类缺少对应的 {% end… %}？）",
        ),
        ("{{ a ~ }", {}, "第1行：模板语法错误：这里不能有 }"),
        ("{{ a. }}", {}, "第1行：模板语法错误：“.”后面应是名字或数字"),
        ("{{ 1 + }}\n", {}, "第1行：模板语法错误：{{ }} 里的表达式没写完"),
        ("{{ a ; }}", {}, "第1行：模板语法错误：{{ }} 里不能有 ;"),
        ("{% if a ; %}{% endif %}", {}, "第1行：模板语法错误：{% %} 里不能有 ;"),
        ("{{ a | default(1 2) }}", {}, "第1行：模板语法错误：这里应是“,”，却是“integer”"),
        ("{{ a $ }}", {}, "第1行：模板语法错误：这里不能有字符 $"),
        ("{% block a %}{% endblock %}{% block a %}{% endblock %}", {},
         "第1行：模板语法错误：block a 定义了两次"),
        ("{{ a.b.c }}", {"a": {}}, "模板出错：dict 没有 b 这一项"),
        ("{{ a[3] }}", {"a": []}, "模板出错：list 没有第 3 项"),
        ("{{ '2025-13-01' | cn_date }}", {}, "模板出错：日期不存在"),
        ("{{ '元旦' | cn_date }}", {}, "模板出错：'元旦' 不是日期（应写成 2025-01-19 这样）"),
        ("{{ 'x' + 1 }}", {}, '模板出错（TypeError: can only concatenate str (not "int") to str）'),
        ("{{ int('x') }}", {"int": int}, "模板出错（invalid literal for int() with base 10: 'x'）"),
    ],
)
def test_what_goes_wrong_in_a_template_is_said_in_chinese(
    roots: tuple[str, ...], source: str, context: dict[str, object], message: str
) -> None:
    """Jinja's and Python's English, reworded; what has no wording is kept, in brackets."""
    assert failure(render_string, source, context, roots, OUTLINE) == (OUTLINE, message)


# --- what a template may compute, and what it is refused ---------------------------------


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("{{ 6 * 7 }}", "42"),  # a product of two numbers
        ("{{ 3 * 'ab' }}|{{ 'ab' * 3 }}", "ababab|ababab"),  # a repetition either way round
        ("{{ 2.5 * 20000 }}", "50000.0"),  # a number times a count repeats nothing
        ("{{ ('x' * 10000) | length }}", "10000"),  # repetition up to MAX_SIZE
        ("{{ ('%10000d' % 1) | length }}", "10000"),  # a width up to MAX_SIZE
        ("{{ 1 ** 3000 }}", "1"),  # 1 and 0 count as one bit: 1 ** 3000 fits
        ("{{ (2 ** 2048) | string | length }}", "617"),  # a power up to MAX_BITS
        ("{{ (2 ** 2047 * 2 ** 2047) | string | length }}", "1233"),  # a product up to it
    ],
)
def test_a_template_computes_up_to_the_limits(
    roots: tuple[str, ...], source: str, text: str
) -> None:
    """The bounds refuse only what passes them: at the limit, the value is computed."""
    assert render_string(source, {}, roots, OUTLINE) == text


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ 10 ** 1000 * 10 ** 1000 }}", "数字太大：约 3322 位二进制的数 * 约 3322 位二进制的数"),
        (
            "{% set x = 2 ** 2047 * 2 ** 2047 %}{{ (x + x + x + x) ** 1 }}",
            "数字太大：约 4097 位二进制的数 ** 1",
        ),
        ("{{ 20000 * 'x' }}", "重复次数太大：20000（上限 10000）"),
        ("{{ 'x' * 2 ** 63 }}", "重复次数太大：约 64 位二进制的数（上限 10000）"),
        ("{{ 'x' * (2 ** 63 - 1) }}", "重复次数太大：9223372036854775807（上限 10000）"),
        ("{{ '%20000d' % 1 }}", "格式宽度太大：20000（上限 10000）"),
        ("{{ '%99999999999999d' % 1 }}", "格式宽度太大：999999999999（上限 10000）"),
        ("{{ '{0:{1}}'.format(1, 5) }}", "格式宽度须直接写出，不能用 {…} 套 {…}"),
    ],
)
def test_a_costly_template_is_stopped_saying_what_it_asked_for(
    roots: tuple[str, ...], source: str, message: str
) -> None:
    """A number of 64 bits or more is said by its size, not by its digits."""
    assert failure(render_string, source, {}, roots, OUTLINE) == (OUTLINE, f"模板已停止：{message}")


def test_joining_texts_beyond_the_output_ceiling_is_stopped(
    roots: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("drafter.drafting.templating.MAX_OUTPUT", 100)
    join = "{% set s = 'x' * 60 %}{{ (s + EXTRA) | length }}"
    assert render_string(join.replace("EXTRA", "'y' * 40"), {}, roots, OUTLINE) == "100"
    assert failure(render_string, join.replace("EXTRA", "s"), {}, roots, OUTLINE) == (
        OUTLINE,
        "模板已停止：文字太长",
    )
