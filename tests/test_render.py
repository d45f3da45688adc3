"""Rendering: one template to role-tagged blocks, the text writers, numbering, the sandbox."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from jinja2.sandbox import SecurityError

from drafter.drafting.draft import Draft, Item, load_draft, new_draft
from drafter.drafting.gbt9704 import Layout
from drafter.drafting.outline import copy_pack
from drafter.drafting.render import (
    ROLES,
    Block,
    parse_blocks,
    render_blocks,
    render_markdown,
    render_text,
    write_markdown,
    write_text,
)
from drafter.drafting.templating import cn_date, cn_num, environment, md_paragraph, render_string
from drafter.errors import DraftError, TemplateError
from drafter.paths import user_dirs

DRAFTS = Path(__file__).parent / "data" / "drafts"
LUZHOU = DRAFTS / "luzhou2023.draft.yaml"
HALF_WIDTH_IN_CHINESE = re.compile(r"[\u4e00-\u9fff][,:;?!()]|[,:;?!()][\u4e00-\u9fff]")


def test_filters_number_headings_and_write_dates() -> None:
    assert [cn_num(3, level) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]
    assert cn_num(12, 1) == "十二、"
    assert cn_date("2024-01-19") == "2024年1月19日" and cn_date(None) == ""
    assert md_paragraph("1.压实责任") == "1\\.压实责任" and md_paragraph("- 项") == "\\- 项"
    with pytest.raises(ValueError):
        cn_num(1, 5)


@pytest.mark.parametrize("date", ["2025-02-30", "2025-1"])
def test_a_date_that_is_not_one_yet_is_a_draft_error(date: str) -> None:
    draft = load_draft(LUZHOU)
    draft.meta["date"] = date  # as the TUI's form holds it mid-typing
    problem = rf"成文日期：需要日期，如 2025-01-19，而不是 '{date}'"
    with pytest.raises(DraftError, match=problem):
        render_blocks(draft)


def test_seed_001_renders_back_in_the_standard_outline() -> None:
    draft = load_draft(LUZHOU)
    text = render_text(draft)
    lines = [line.strip("\u3000") for line in text.splitlines()]
    parts = [line for line in lines if re.match(r"^[一二三四五六七八九十]+、", line)]
    assert parts == [
        "一、2023年推进法治政府建设的主要举措和成效",
        "二、2023年党政主要负责人履行推进法治建设第一责任人职责情况",
        "三、2023年推进法治政府建设存在的不足和原因",
        "四、2024年推进法治政府建设的主要安排",
        "五、其他需要报告的情况",
    ]
    # second-level numbers restart in every part and run without gaps
    numbers: list[list[str]] = []
    for line in lines:
        if line in parts:
            numbers.append([])
        elif match := re.match(r"^（([一二三四五六七八九十]+)）", line):
            numbers[-1].append(match.group(1))
    assert numbers == [list("一二三四五六"), list("一二三四"), [], list("一二三四五"), ["一", "二"]]
    # the web copy's half-width punctuation comes out full-width, numbers untouched
    raw = LUZHOU.read_text(encoding="utf-8")
    assert HALF_WIDTH_IN_CHINESE.search(raw)
    assert not HALF_WIDTH_IN_CHINESE.search(text)
    assert "实行审批改备案2185件，优化审批服务595件" in text
    assert "7×24小时" in text and "镇（街道）综合执法" in text
    assert lines[:2] == ["长治市潞州区2023年度法治政府建设情况报告", ""]
    # sealed, joint: the two issuers side by side, two blank lines under 特此报告
    assert lines[-5:-2] == ["特此报告。", "", ""]
    assert re.fullmatch(r"中共长治市潞州区委员会\u3000+长治市潞州区人民政府", lines[-2])
    assert lines[-1].strip() == "2024年1月19日"


def test_blocks_carry_the_roles_the_template_gives() -> None:
    draft = load_draft(LUZHOU)
    draft.items("measures")[1].body += "\n1.压实第一责任。为切实发挥作用，开展12次。\n（1）小项"
    blocks = render_blocks(draft)
    kinds = [block.kind for block in blocks]
    assert kinds[0] == "title" and kinds[-3:] == ["signature", "signature", "date"]
    assert kinds.count("heading1") == 5 and kinds.count("heading2") == 17
    assert Block("heading2", "（二）全面提升行政决策水平") in blocks
    sub = next(b for b in blocks if b.kind == "heading3")
    assert (sub.text, sub.body) == ("1.压实第一责任。", "为切实发挥作用，开展12次。")
    assert next(b for b in blocks if b.kind == "heading4").full_text == "（1）小项"
    opening = blocks[1]
    assert opening.kind == "body"
    assert opening.text.startswith("2023年，在市委、市政府的坚强领导下，")
    assert blocks[-4] == Block("body", "特此报告。")


def test_template_lines_are_paragraphs_with_an_optional_role() -> None:
    text = (
        "【公文标题】 某区2024年度报告\n\n"
        "【主送机关】市政府：\n"
        "没有角色的一行是正文\n"
        "\u3000\u3000【典型案例】不是角色，留在正文里\n"
        "【正文】2.压实责任。全年检查8次。\n"
        "【四级标题】（2）小项\n"
        "【附件说明】检查清单\n"
        "【署名】某区人民政府\n"
        "【成文日期】2025年1月19日\n"
        "【正文】\n"
    )
    assert parse_blocks(text) == [
        Block("title", "某区2024年度报告"),
        Block("recipient", "市政府："),
        Block("body", "没有角色的一行是正文"),
        Block("body", "【典型案例】不是角色，留在正文里"),
        Block("heading3", "2.压实责任。", "全年检查8次。"),
        Block("heading4", "（2）小项"),
        Block("attachment", "检查清单"),
        Block("signature", "某区人民政府"),
        Block("date", "2025年1月19日"),
    ]
    assert set(ROLES) == {
        "公文标题", "主送机关", "一级标题", "二级标题", "三级标题", "四级标题", "正文",
        "附件说明", "署名", "成文日期",
    }  # fmt: skip


def test_characters_no_file_can_hold_are_dropped_where_blocks_are_made() -> None:
    draft = load_draft(LUZHOU)
    draft.items("other")[0].body = "响\x07铃\x1b转义\ud800孤代理\x00空\tTab\ufffe结束"
    blocks = render_blocks(draft)
    (block,) = [b for b in blocks if b.text.startswith("响")]
    assert block.text == "响铃转义孤代理空 Tab结束"
    # what a template itself outputs is cleaned the same way
    assert [b.text for b in parse_blocks("【正文】a\x7fb\x85c\udfffd\te")] == ["abcd e"]
    render_text(draft).encode("utf-8")  # a lone surrogate would fail here


@pytest.mark.parametrize(
    ("sealed", "names", "expected"),
    [
        # sealed (7.3.5.1): the date four characters in, the 署名 centred over it
        (True, ["长治市潞州区人民政府"], ["\u3000" * 16 + "长治市潞州区人民政府",
                                    "\u3000" * 17 + " 2024年1月19日"]),
        # unsealed (7.3.5.2): 署名 two characters in, the date two characters right of it
        (False, ["长治市潞州区人民政府"], ["\u3000" * 16 + "长治市潞州区人民政府",
                                     "\u3000" * 18 + "2024年1月19日"]),
        # unsealed, joint: one under another from a common start
        (False, ["中共长治市潞州区委员会", "长治市潞州区人民政府"],
         ["\u3000" * 15 + "中共长治市潞州区委员会", "\u3000" * 15 + "长治市潞州区人民政府",
          "\u3000" * 17 + "2024年1月19日"]),
    ],
)  # fmt: skip
def test_the_text_places_the_signature_on_the_28_character_line(
    sealed: bool, names: list[str], expected: list[str]
) -> None:
    blocks = [Block("body", "特此报告。"), *(Block("signature", n) for n in names),
              Block("date", "2024年1月19日")]  # fmt: skip
    text = write_text(blocks, Layout(sealed=sealed))
    lines = text.splitlines()
    assert lines[0] == "\u3000\u3000特此报告。"
    assert lines[1 : -len(expected)] == [""] * (2 if sealed else 1)
    assert lines[-len(expected) :] == expected


def test_attachments_are_listed_under_the_body() -> None:
    blocks = [Block("body", "特此报告。"), Block("attachment", "检查清单"),
              Block("attachment", "统计表"), Block("date", "2024年1月19日")]  # fmt: skip
    lines = write_text(blocks, Layout(sealed=False)).splitlines()
    assert lines[:4] == ["\u3000\u3000特此报告。", "", "\u3000\u3000附件：1.检查清单",
                         "\u3000" * 5 + "2.统计表"]  # fmt: skip
    single = write_markdown([Block("attachment", "检查清单")])
    assert single == "附件：检查清单\n"


def test_empty_optional_parts_are_left_out_and_numbers_close_up() -> None:
    draft = new_draft("standard", {"unit": "长治市潞州区", "year": 2024, "recipient": "市政府:"})
    draft.items("measures")[:] = [Item("", ""), Item("依法行政", "开展执法检查12次。")]
    blocks = render_blocks(draft)
    assert [b.text for b in blocks if b.kind == "heading1"][
        -1
    ] == "四、2025年推进法治政府建设的主要安排"
    assert [b.text for b in blocks if b.kind == "heading2"][0] == "（一）依法行政"
    assert blocks[1] == Block("recipient", "市政府：")
    draft.items("other").append(Item(body="建议加强培训。"))
    assert "五、其他需要报告的情况" in render_text(draft)


def test_markdown_keeps_the_outline() -> None:
    draft = load_draft(LUZHOU)
    draft.items("duties")[0].body = "1.带头学法。全年学法12次。"
    markdown = render_markdown(draft)
    assert markdown.startswith("# 长治市潞州区2023年度法治政府建设情况报告\n")
    assert "\n## 三、2023年推进法治政府建设存在的不足和原因\n" in markdown
    assert "\n### （四）全面建设高素质法治队伍\n" in markdown
    assert "\n1\\.带头学法。全年学法12次。\n" in markdown
    assert markdown.endswith(
        "\n\n中共长治市潞州区委员会\n\n长治市潞州区人民政府\n\n2024年1月19日\n"
    )


def test_a_user_pack_template_wins_and_department_borrows_standards() -> None:
    department = new_draft("department", {"unit": "长治市潞州区司法局", "year": 2024})
    assert "一、2024年推进法治政府建设的主要举措和成效" in render_text(department)
    folder = copy_pack("standard", "mine")
    (folder / "report.j2").write_text(
        "【公文标题】{{ title }}|{{ year }}|{{ sections | length }}\n"
    )
    draft = new_draft("mine", {"unit": "长治市潞州区", "year": 2024})
    assert render_text(draft) == "长治市潞州区2024年度法治政府建设情况报告|2024|5\n\n"


def _hostile_pack(template: str) -> Draft:
    folder = copy_pack("standard", "hostile")
    (folder / "report.j2").write_text(template, encoding="utf-8")
    return new_draft("hostile", {"unit": "长治市潞州区", "year": 2024})


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ('{% include "../../../../../../etc/passwd" %}', "：模板里不允许：引用模板文件夹之外的 '"),
        ("{% include '/etc/passwd' %}", "：模板里不允许：引用模板文件夹之外的 '/etc/passwd'$"),
        ("{{ ''.__class__.__mro__ }}", "：模板里不允许：访问 str 的属性 __class__$"),
        ("{{ title.__class__ }}", "：模板里不允许：访问 str 的属性 __class__$"),
        ("{{ cycler.__init__.__globals__ }}", "：模板里不允许：访问 .* 的属性 __init__$"),
        ("{{ mayor }}", "：模板出错：用到了 mayor，但没有这一项"),
        ("{% for x in %}", r"：第1行：模板语法错误：\{% %\} 里的语句没写完$"),
    ],
)
def test_templates_cannot_escape_the_sandbox(template: str, problem: str) -> None:
    draft = _hostile_pack(template)
    with pytest.raises(TemplateError, match=problem) as caught:
        render_text(draft)
    assert "hostile" in str(caught.value) and "\n" not in str(caught.value)


def test_a_symlink_out_of_the_pack_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    draft = _hostile_pack('{% include "leak.j2" %}')
    os.symlink(secret, user_dirs().templates / "hostile" / "leak.j2")
    with pytest.raises(TemplateError, match="：模板里不允许：引用链接到模板文件夹之外的 'leak.j2'"):
        render_text(draft)


def test_one_cached_environment_per_set_of_roots(tmp_path: Path) -> None:
    roots = (str(tmp_path),)
    assert environment(roots) is environment(roots)
    assert environment(roots).undefined.__name__ == "StrictUndefined"
    assert render_string("{{ 3 | cn_num(2) }}", {}, roots, "x") == "（三）"


def test_a_link_into_a_sibling_folder_with_the_same_prefix_is_refused(tmp_path: Path) -> None:
    """`templates_x/` beside `templates/` starts with the same characters but is outside."""
    from drafter.drafting.templating import ConfinedLoader

    root = tmp_path / "templates"
    sibling = tmp_path / "templates_x"
    root.mkdir()
    sibling.mkdir()
    (sibling / "secret.j2").write_text("top secret", encoding="utf-8")
    (root / "inside.j2").write_text("fine", encoding="utf-8")
    os.symlink(sibling / "secret.j2", root / "leak.j2")
    env = environment((str(root),))
    assert isinstance(env.loader, ConfinedLoader)
    assert env.get_template("inside.j2").render() == "fine"
    with pytest.raises(SecurityError, match="^引用链接到模板文件夹之外的 'leak.j2'$"):
        env.get_template("leak.j2")
    with pytest.raises(SecurityError, match="^引用模板文件夹之外的 '../templates_x/secret.j2'$"):
        env.get_template("../templates_x/secret.j2")


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("{% macro m() %}{{ 2 ** (10 ** 10) }}{% endmacro %}{{ m() }}", "数字太大"),
        ("{{ 10 ** 100 * 10 ** 1300 }}", "数字太大"),
        ("{{ lipsum(10 ** 7) }}", "lipsum 的参数太大"),
        ("{{ 'x' * 10 ** 9 }}", "重复次数太大"),
        ("{{ [0] * 10 ** 9 }}", "重复次数太大"),
        ("{{ 'x'.ljust(10 ** 9) }}", "参数太大"),
        ("{{ '%999999999d' % 1 }}", "格式宽度太大"),
        ("{{ '%*d' % (10 ** 9, 1) }}", "格式宽度须直接写出"),
        ("{{ '{:>999999999}'.format(1) }}", "格式宽度太大"),
        ("{{ '{0:{1}}'.format(1, 10 ** 9) }}", "不能用 {…} 套 {…}"),
        ("{{ '%(a)999999999s' % {'a': 1} }}", "格式宽度太大"),
        ("{{ '%999999999d' | format(1) }}", "格式宽度太大"),
        ("{{ 'x' | center(10 ** 9) }}", "center 的参数太大"),
        ("{{ [1] | batch(10 ** 9, 0) | list }}", "batch 的参数太大"),
        ("{{ title | indent(width=10 ** 9) }}", "indent 的参数太大"),
        ("{% for i in range(10 ** 9) %}{% endfor %}", "Range too big"),
        (
            "{% set l = [] %}{% for i in range(9) %}{{ l.append(i) }}{% endfor %}",
            "：模板里不允许：访问 list 的属性 append$",
        ),
    ],
)
def test_templates_cannot_ask_for_unbounded_work(template: str, problem: str) -> None:
    """Each of these would take minutes or gigabytes; each is refused before it starts."""
    draft = _hostile_pack(template)
    with pytest.raises(TemplateError, match=problem) as caught:
        render_text(draft)
    assert "hostile" in str(caught.value) and "\n" not in str(caught.value)
    assert len(str(caught.value)) < 300


@pytest.mark.parametrize(
    "template",
    [
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}"
        "{{ m(60) }}",
        "{% set ns = namespace(n=0) %}{% for i in range(100000) %}"
        "{% for j in range(100000) %}{% set ns.n = ns.n + 1 %}{% endfor %}{% endfor %}",
    ],
    ids=["nested-loops", "exponential-macro", "namespace"],
)
def test_a_render_that_runs_too_long_is_stopped(
    monkeypatch: pytest.MonkeyPatch, template: str
) -> None:
    """Loops of allowed size can still nest into hours: every loop pass checks a deadline."""
    monkeypatch.setattr("drafter.drafting.templating.RENDER_SECONDS", 0.05)
    with pytest.raises(TemplateError, match="渲染超过 0.05 秒"):
        render_text(_hostile_pack(template))


def test_output_has_a_ceiling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("drafter.drafting.templating.MAX_OUTPUT", 100_000)
    draft = _hostile_pack("{% for i in range(1000) %}{{ 'x' * 1000 }}{% endfor %}")
    with pytest.raises(TemplateError, match="输出超过 100,000 个字符"):
        render_text(draft)


def test_what_reports_need_still_renders(tmp_path: Path) -> None:
    template = (
        "{{ '=' * 20 }}|{{ '%5d' % 3 }}|{{ '{:,}'.format(1234567) }}|{{ 2 ** 10 }}|"
        "{{ '{{{}}}'.format(7) }}|{{ year + 1 }}|{{ 'ab' | center(6) }}|"
        "{{ [1, 2, 3] | batch(2) | list | length }}|"
        "{{ lipsum(1, html=False) | length > 0 }}|{{ 'x'.ljust(3) }}|{{ 3 | cn_num(2) }}"
    )
    assert render_string(template, {"year": 2024}, (str(tmp_path),), "x") == (
        f"{'=' * 20}|    3|1,234,567|1024|{{7}}|2025|  ab  |2|True|x  |（三）"
    )


def test_nothing_is_computed_when_a_pack_loads() -> None:
    """Jinja's optimizer would fold `2 ** (10 ** 10)` while compiling; compiling a pack
    computes nothing, and the `when` is refused only when it is evaluated."""
    folder = copy_pack("standard", "folding")
    outline = folder / "outline.yaml"
    text = outline.read_text(encoding="utf-8")
    outline.write_text(text.replace("joint == '是'", "2 ** (10 ** 10) > 0"), "utf-8")
    from drafter.drafting.outline import load_pack

    pack = load_pack("folding")
    assert environment(pack.roots).optimized is False
    with pytest.raises(TemplateError, match="数字太大"):
        pack.defaults({"unit": "甲区", "year": 2024})


def test_a_pack_still_holding_the_old_templates_says_what_to_do() -> None:
    folder = copy_pack("standard", "old")
    (folder / "report.j2").unlink()
    (folder / "report.txt.j2").write_text("{{ title }}\n", encoding="utf-8")
    draft = new_draft("old", {"unit": "长治市潞州区", "year": 2024})
    with pytest.raises(TemplateError, match="还在用旧的 report.txt.j2，已不再读取") as caught:
        render_blocks(draft)
    assert str(folder) in str(caught.value)
