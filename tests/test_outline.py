"""Template packs: bundled outlines, questions, user packs first, broken packs reported."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest

from drafter.corpus.report import TOPICS
from drafter.drafting.outline import copy_pack, list_packs, load_pack
from drafter.errors import TemplateError
from drafter.paths import bundled_dir, user_dirs


def _line_of(text: str, start: str) -> int:
    """The line number (1-based) of the first line of `text` holding `start`."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if start in line)


def user_pack(name: str, edit: str = "", *, base: str = "standard") -> Path:
    """A copy of a bundled pack in the user's templates folder, with `edit` appended."""
    folder = user_dirs().templates / name
    shutil.copytree(bundled_dir("templates") / base, folder)
    if edit:
        with (folder / "outline.yaml").open("a", encoding="utf-8") as handle:
            handle.write(edit)
    return folder


def test_bundled_packs_have_the_five_parts_and_the_nine_task_areas() -> None:
    packs = {pack.name: pack for pack in list_packs()}
    assert {"standard", "department"} <= set(packs)
    for pack in packs.values():
        slots = [s.slot for s in pack.sections]
        assert slots == ["front", "measures", "duties", "shortcomings", "plans", "other"]
        assert all(s.guidance for s in pack.sections)
        assert [s.required for s in pack.sections][-1] is False
    measures = packs["standard"].section("measures")
    assert [item.topic for item in measures.default_items] == list(TOPICS)
    assert measures.default_items[0].heading == "依法全面履行政府职能"
    assert "第二十五条" in measures.guidance
    assert packs["department"].deadline == "03-01"
    assert "部门主要负责人" in packs["department"].section("duties").title
    labels = [s.label for s in packs["standard"].sections]
    assert labels[1:3] == ["主要举措和成效", "第一责任人职责"]
    assert all(len(label) <= 10 for label in labels)  # short enough for an 80-column outline


def test_a_section_without_label_is_named_by_its_title() -> None:
    pack = user_dirs().templates / "nolabel"
    shutil.copytree(bundled_dir("templates") / "standard", pack)
    text = (pack / "outline.yaml").read_text("utf-8").replace("    label: 主要举措和成效\n", "")
    (pack / "outline.yaml").write_text(text, "utf-8")
    measures = load_pack("nolabel").section("measures")
    assert measures.label == measures.title == "{{ year }}年推进法治政府建设的主要举措和成效"


def test_defaults_follow_earlier_answers_and_when() -> None:
    pack = load_pack("standard")
    answers = pack.defaults({"unit": "长治市潞州区", "year": "2024"})
    assert answers["year"] == 2024
    assert answers["title"] == "长治市潞州区2024年度法治政府建设情况报告"
    assert answers["issuer"] == "长治市潞州区人民政府"
    assert answers["date"] == dt.date.today().isoformat()
    assert "party" not in answers  # asked only for a joint report
    joint = pack.defaults({"unit": "长治市潞州区", "year": 2024, "joint": "是"})
    assert joint["party"] == "中共长治市潞州区委员会"
    assert pack.defaults()["year"] == dt.date.today().year - 1
    assert pack.title_of("plans", answers) == "2025年推进法治政府建设的主要安排"


def test_questions_validate_and_coerce_what_users_type() -> None:
    pack = load_pack("standard")
    answers = pack.defaults({"unit": "长治市潞州区", "year": "２０２４", "date": "2025年1月9日"})
    assert answers["year"] == 2024 and answers["date"] == "2025-01-09"
    assert pack.validate_answers(answers) == {}
    bad = {**answers, "unit": "", "year": "明年", "date": "2025-02-30", "joint": "也许"}
    problems = pack.validate_answers(bad)
    assert set(problems) == {"unit", "year", "date", "joint"}
    assert problems["unit"] == "单位名称：必填"
    assert "需要填写整数" in problems["year"]
    assert "否、是" in problems["joint"]
    assert "格式不对" in pack.question("year").validate(1999, answers)
    assert pack.question("recipient").validate("", answers) is None  # optional


def test_a_user_pack_is_found_first_and_may_override_fonts() -> None:
    user_pack("standard", "fonts:\n  body: 仿宋\n  title: 宋体\n")
    pack = load_pack("standard")
    assert pack.root == user_dirs().templates / "standard"
    assert pack.fonts["body"] == "仿宋" and pack.fonts["title"] == "宋体"
    assert pack.fonts["heading1"] == "黑体"  # not overridden: the GB/T 9704 default
    assert [p.name for p in list_packs()].count("standard") == 1


def test_copy_pack_makes_a_user_pack_and_refuses_to_clobber() -> None:
    target = copy_pack("department", "mine")
    assert load_pack("mine").root == target and load_pack("mine").deadline == "03-01"
    with pytest.raises(TemplateError, match="：已经存在；请换一个名字，或先删去它$"):
        copy_pack("standard", "mine")
    with pytest.raises(TemplateError, match=r"^'\.\./escape' 不能用作模板包名（只能用字母、数字、"):
        copy_pack("standard", "../escape")
    assert not (user_dirs().templates / ".mine.copying").exists()


def test_an_interrupted_copy_leaves_no_half_pack(monkeypatch: pytest.MonkeyPatch) -> None:
    copy2 = shutil.copy2

    def copy_then_interrupt(source: Path, target: Path) -> None:
        copy2(source, target)
        raise KeyboardInterrupt

    monkeypatch.setattr("drafter.drafting.outline.shutil.copy2", copy_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        copy_pack("standard", "mine")
    assert list(user_dirs().templates.iterdir()) == []


def test_only_folders_a_pack_can_be_loaded_from_are_listed() -> None:
    for folder in (".mine.copying", "my pack"):
        shutil.copytree(bundled_dir("templates") / "standard", user_dirs().templates / folder)
    assert [pack.name for pack in list_packs()] == ["department", "standard"]
    with pytest.raises(TemplateError, match=r"（现有：department、standard）$"):
        load_pack("nope")


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        ("questions: [\n", "YAML 格式有误：这里缺少内容"),
        ("fonts:\n  bodyy: 仿宋\n", "这里没有 'bodyy' 这一项（可有：title、"),
        ("deadline: 04-15\n", "'deadline' 写了两次，请删去一处"),
        ("colour: red\n", "这里没有 'colour' 这一项（可有：label、"),
    ],
)
def test_a_broken_user_pack_is_one_clear_line(edit: str, problem: str) -> None:
    folder = user_pack("broken", edit)
    with pytest.raises(TemplateError) as caught:
        load_pack("broken")
    message = str(caught.value)
    assert message.startswith(f"{(folder / 'outline.yaml').resolve()}：第")
    assert problem in message and "\n" not in message
    errors: list[TemplateError] = []
    assert "broken" not in [p.name for p in list_packs(errors)]
    assert [e.path for e in errors] == [str((folder / "outline.yaml").resolve())]


def test_broken_questions_and_sections_are_located(tmp_path: Path) -> None:
    folder = user_pack("typo")
    outline = folder / "outline.yaml"
    text = outline.read_text(encoding="utf-8")
    outline.write_text(text.replace("type: date", "type: datum"), encoding="utf-8")
    types = "str、int、date、choice、text"
    with pytest.raises(TemplateError, match=rf"第\d+行第\d+列：type 只能是 {types} 之一$"):
        load_pack("typo")
    outline.write_text(text.replace("slot: plans", "slot: wishes"), encoding="utf-8")
    with pytest.raises(TemplateError, match="：slot 只能是 .* 之一$"):
        load_pack("typo")
    outline.write_text(text.replace("{{ year + 1 }}年推进", "{{ year + }}年推进"), encoding="utf-8")
    unfinished = r"第\d+行第\d+列：第1行：模板语法错误：\{\{ \}\} 里的表达式没写完$"
    with pytest.raises(TemplateError, match=unfinished):
        load_pack("typo")
    outline.write_text(text.replace('deadline: "04-01"', "deadline: April"), encoding="utf-8")
    with pytest.raises(TemplateError, match="：deadline 应写成 月-日，如 04-01$"):
        load_pack("typo")
    for day in ("02-30", "04-31", "02-29"):  # `check` works out the deadline of any year
        outline.write_text(text.replace('deadline: "04-01"', f'deadline: "{day}"'), "utf-8")
        with pytest.raises(TemplateError, match=rf"：deadline {day} 不是每年都有，请换一天$"):
            load_pack("typo")
    outline.write_text(text.replace("key: year", "key: yr"), encoding="utf-8")
    with pytest.raises(TemplateError, match="：模板包必须有 'year' 这个问题$"):
        load_pack("typo")


def test_unknown_pack_names_the_known_ones() -> None:
    with pytest.raises(
        TemplateError, match=r"^没有名为 'nope' 的模板包（现有：department、standard）$"
    ):
        load_pack("nope")
    with pytest.raises(TemplateError, match="^没有名为 '../../etc' 的模板包（模板包名只能用字母、"):
        load_pack("../../etc")


def test_a_default_cannot_reach_outside_the_sandbox() -> None:
    folder = user_pack("sneaky")
    outline = folder / "outline.yaml"
    text = outline.read_text(encoding="utf-8")
    evil = "{{ ''.__class__.__mro__[1].__subclasses__() }}"
    outline.write_text(text.replace('"{{ unit }}人民政府"', f'"{evil}"'), encoding="utf-8")
    with pytest.raises(TemplateError, match="：模板里不允许：访问 str 的属性 __class__$"):
        load_pack("sneaky").defaults({"unit": "长治市潞州区", "year": 2024})


def test_an_outline_is_bounded_yaml_and_its_text_enters_clean() -> None:
    folder = user_pack("odd")
    outline = folder / "outline.yaml"
    text = outline.read_text(encoding="utf-8")
    outline.write_text(text.replace('deadline: "04-01"', "deadline: !!int"), "utf-8")
    line = _line_of(text, "deadline:")
    with pytest.raises(TemplateError, match=rf"：第{line}行第11列：不支持 YAML 标签（!!int）"):
        load_pack("odd")
    strange = text.replace("closing: 特此报告。", 'closing: "特此报告\\x07\\ud800。"').replace(
        "label: 主要举措和成效", 'label: "主要\\x1b举措"'
    )
    assert strange != text
    outline.write_text(strange, "utf-8")
    pack = load_pack("odd")
    assert pack.closing == "特此报告。" and pack.section("measures").label == "主要举措"


def test_copying_a_pack_never_takes_what_lies_outside_it(tmp_path: Path) -> None:
    """A link leaving the pack is refused (the copy would let `{% include %}` read it);
    a link inside the pack stays a link inside the copy; a FIFO is refused, not read."""
    secret = tmp_path / "ssh" / "id_rsa"
    secret.parent.mkdir()
    secret.write_text("PRIVATE KEY", encoding="utf-8")
    folder = user_pack("evil")
    (folder / "sshdir").symlink_to(secret.parent)
    with pytest.raises(TemplateError, match=r"evil：包里的 sshdir 链接到包外，不能复制$"):
        copy_pack("evil", "mine")
    assert sorted(p.name for p in user_dirs().templates.iterdir()) == ["evil"]
    (folder / "sshdir").unlink()
    (folder / "parts").mkdir()
    (folder / "parts" / "body.j2").write_text("{{ title }}", encoding="utf-8")
    (folder / "same").symlink_to("parts")
    copy = copy_pack("evil", "mine")
    assert (copy / "same").is_symlink() and (copy / "same").resolve() == copy / "parts"
    assert (copy / "outline.yaml").read_bytes() == (folder / "outline.yaml").read_bytes()
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe")
        with pytest.raises(TemplateError, match="包里的 pipe 不是普通文件"):
            copy_pack("evil", "other")


@pytest.mark.parametrize(
    ("pattern", "slow"),
    [
        ("(a+)+$", True),
        ("(a|aa)+", True),
        ("(x+x+)+y", True),
        (r"\d*\d*\d*\d*x", True),
        ("[^\\s，。,.:：;；]{2,40}", False),
        (r"20\d\d", False),
        ("(?:省|市|县)+", False),
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", False),
        (".*省.*市", False),
    ],
)
def test_a_validator_that_could_take_ages_is_refused(pattern: str, slow: bool) -> None:
    """Python's regexes have no time limit: `(a+)+$` on `aaaa…!` takes hours. A validator
    whose choice points could multiply beyond a budget is refused when the pack loads."""
    from drafter.drafting.outline import validator_problem

    problem = validator_problem(pattern)
    assert (problem is not None and "可能匹配极慢" in problem) is slow
    if not slow:
        re.fullmatch(pattern, "省" * 199 + "!")  # would hang the test were the rule wrong


def test_a_slow_validator_is_located_in_the_outline_and_long_answers_are_not_matched() -> None:
    folder = user_pack("redos")
    outline = folder / "outline.yaml"
    text = outline.read_text(encoding="utf-8")
    outline.write_text(text.replace(r'validator: "20\\d\\d"', 'validator: "(a+)+$"'), "utf-8")
    line = _line_of(text, r'validator: "20\\d')
    with pytest.raises(TemplateError, match=rf"：第{line}行第16列：validator 可能匹配极慢"):
        load_pack("redos")
    unit = load_pack("standard").question("unit")
    assert unit.validate("长治市潞州区", {}) is None
    assert unit.validate("区" * 201, {}) == "单位名称：太长（最多 200 个字）"
