"""Assign every line of a parsed report to a slot, and every `measures` line to a topic.

Evidence, strongest first: web-page furniture patterns (`noise`); the signature
block and 特此报告 (`closing`); the title, recipient and opening paragraph before
the first part heading (`front`); the part headings themselves, matched against
the many ways real reports phrase the five parts of the 2019 regulation; and,
for closing paragraphs that carry no heading, their opening cues
(“……但……还存在……不足” → shortcomings, “下一步，我区将……” → plans).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from drafter.corpus.furniture import LABEL_ONLY, is_furniture, is_link_block
from drafter.corpus.metadata import (
    attachment_lines,
    is_closing_note,
    is_date_line,
    is_org_line,
    is_title_line,
    read_metadata,
)
from drafter.corpus.parse import assign_paths
from drafter.corpus.report import Line, Report

# --- part headings -------------------------------------------------------------


def _alternatives(*parts: str) -> re.Pattern[str]:
    """One regex from several alternatives (kept short per line for reading)."""
    return re.compile("|".join(parts))


_PART_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("other", _alternatives(
        r"其他(需要|应当)?(报告|说明)", r"其他(有关)?(情况|事项)", r"意见(和|与|及)?建议",
        r"工作建议|有关建议", r"对.{0,12}的建议",
    )),
    ("duties", _alternatives(
        r"(党政|主要)(主要)?负责人.{0,20}(职责|责任|履职)", r"第一责任人.{0,6}(职责|责任)",
        r"履行.{0,12}第一责任人",
    )),
    ("shortcomings", _alternatives(
        r"存在的?(主要|突出)?(问题|不足|困难|短板|差距)", r"不足(之处)?(和|及|与)?(原因)?",
        r"问题(和|与|及)(不足|原因)", r"差距(和|与)不足|薄弱环节|主要问题",
    )),
    ("plans", _alternatives(
        r"下一步|下一年|下阶段|主要安排", r"工作(打算|计划|思路|安排|设想)",
        r"改进(措施|方向|举措)|努力方向", r"今后(工作|的工作)?(打算|安排|思路|计划|方向)",
        r"^(主要)?(工作)?(计划|打算|安排|思路|重点|要点)$", r"整改(措施|方向)",
    )),
    ("measures", _alternatives(
        r"主要举措|举措(和|及|与)成效|开展情况|亮点|落实情况|主要做法|(工作)?成效",
        r"主要工作|工作情况|完成情况|基本情况|工作回顾|进展情况",
    )),
)

_PART_EXAMPLES: dict[str, list[str]] = {
    "measures": """推进法治政府建设的主要举措和成效 工作开展情况 亮点工作
                   法治建设工作落实情况 主要工作及成效""".split(),
    "duties": """党政主要负责人履行推进法治建设第一责任人职责情况
                 主要负责人履行推进法治建设第一责任人职责加强法治政府建设的有关情况""".split(),
    "shortcomings": "推进法治政府建设存在的不足和原因 存在的主要问题 存在问题 存在的不足".split(),
    "plans": "下一年度推进法治政府建设的主要安排 下一步工作打算 改进措施 下一步工作计划".split(),
    "other": "其他需要报告的情况 意见建议 其他情况".split(),
}
_EXAMPLE_SLOTS = [slot for slot, texts in _PART_EXAMPLES.items() for _ in texts]
_EXAMPLE_TEXTS = [text for texts in _PART_EXAMPLES.values() for text in texts]
_YEAR_WORD = re.compile(r"(19|20)\d\d年(度)?")
"""`2024年度` in a part heading says nothing about which part it is."""


def part_slot(heading: str) -> str | None:
    """The outline part a heading names, or None when it names none (a topic heading)."""
    explicit = _explicit_part(heading)
    if explicit:
        return explicit
    text = _YEAR_WORD.sub("", heading)
    match = process.extractOne(text, _EXAMPLE_TEXTS, scorer=fuzz.ratio, score_cutoff=72)
    return _EXAMPLE_SLOTS[match[2]] if match else None


def _strong_subsection_slot(heading: str) -> str | None:
    """A subsection heading that clearly names another part (duties hidden in measures).

    Only the explicit patterns count here: fuzzy similarity is too loose for the many
    topical subsection headings.
    """
    slot = _explicit_part(heading)
    return slot if slot != "measures" else None


# --- topics -----------------------------------------------------------------------

_TOPIC_KEYWORDS: dict[str, list[str]] = {
    "政府职能": """政府职能 履行政府职能 放管服 简政放权 营商环境 权责清单 权力清单 责任清单 审批
                  政务服务 事中事后监管 市场主体 机构职能 一网通办 双随机 职能 纾困 证明事项
                  备案事项 监管""".split(),
    "制度体系": """规范性文件 制度体系 制度建设 制度规定 立法 备案审查 文件清理 制度支撑 公文
                  依法行政制度 合法性审核""".split(),
    "行政决策": """行政决策 重大决策 决策 法律顾问 公职律师 合法性审查 专家论证 风险评估
                  三重一大""".split(),
    "行政执法": """行政执法 执法 三项制度 行政处罚 执法人员 执法监督 综合行政执法 包容审慎
                  执法证""".split(),
    "突发事件": "突发事件 应急 疫情 防控 风险隐患 安全生产 重大风险 预案".split(),
    "矛盾纠纷": """矛盾纠纷 行政复议 复议 行政应诉 应诉 调解 信访 诉源 公共法律服务 多元化解 化解
                  仲裁 纠纷""".split(),
    "权力监督": "监督 政务公开 信息公开 诚信 审计 人大 政协 权力制约 制约 问责 公开".split(),
    "数字法治": "数字 信息化 互联网 大数据 政务数据 数据共享 智慧 智能 平台 网上 电子".split(),
    "党的领导与推进机制": """党的领导 习近平法治思想 学法 普法 法治宣传 宣传教育 队伍 第一责任人
                          述法 督察 考核 法治思维 培训 宪法 领导小组 法治意识 推进机制
                          责任落实 法治素养 示范创建 法治机构 法治责任 领导作用
                          组织领导 法治保障 组织保障 工作机制 党组 党委""".split(),
}


def topic_scores(text: str) -> dict[str, float]:
    """Keyword evidence for each topic (longer, more specific keywords weigh more)."""
    scores: dict[str, float] = {}
    for topic, keywords in _TOPIC_KEYWORDS.items():
        score = sum(len(k) * text.count(k) for k in keywords)
        if score:
            scores[topic] = float(score)
    return scores


@lru_cache(maxsize=4096)
def heading_topic(heading: str) -> str | None:
    """A heading's topic: the keyword it ends in (Chinese compounds are head-final, so
    `严格安全生产执法` is about 执法), else the keyword evidence of its whole text."""
    text = heading.rstrip("。；;，,：: ")
    ends = [(len(k), t) for t, ks in _TOPIC_KEYWORDS.items() for k in ks if text.endswith(k)]
    return max(ends)[1] if ends else topic_of(text)


def topic_of(text: str) -> str | None:
    """The topic the text speaks of most clearly, or None."""
    scores = topic_scores(text)
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    return ranked[0][0]


# --- paragraph cues ---------------------------------------------------------------

_SHORTCOMING_CUE = re.compile(
    r"(虽然?|尽管|取得了?.{0,12}(成效|成绩|进展|进步)|有所(提升|提高)).{0,80}"
    r"(但|然而|不过)[^。]{0,80}(存在|还有|仍有|尚有|不足|差距|短板|问题|薄弱|不够)"
)
_SHORTCOMING_TURN = re.compile(
    r"^[^。]{0,12}((成绩|成效)的同时|清醒地?(看到|认识到))[^。]{0,60}"
    r"(存在|还有|仍有|尚有|不足|差距|短板|问题|薄弱|不够)"
)
"""`在肯定成绩的同时，我们也清醒地认识到……还存在一些不足`: a turn with no 但."""
_PLAN_CUE = re.compile(
    r"^(下一步|下阶段|今后|新的一年|展望(19|20)\d\d|(19|20)\d\d年[，,]?\s*(我|全)(区|县|市|镇|局|委|办|部门|旗)"
    r"[^。]{0,6}将)"
)
_CLOSING_FORMULA = re.compile(r"^特此(报告|汇报)")
_OPENING_CUE = re.compile(r"现将.{0,40}(报告|汇报)|报告如下|汇报如下|情况如下|作如下")
_RED_HEAD = re.compile(r"^[\u4e00-\u9fff]{2,30}文件$")
_DOC_NUMBER = re.compile(
    r"^[\u4e00-\u9fff]{1,12}[〔\[［(（]\s*(19|20)\d\d\s*[〕\]］)）]\s*\d{1,4}\s*号$"
)
"""A 发文字号 on its own line, under the 版头: `桃政发〔2024〕6号`."""
_RECIPIENT = re.compile(r"^[\u4e00-\u9fff、]{2,30}[:：]$")


def classify(report: Report) -> Report:
    """Set `slot` on every line and `topic` on every `measures` line, and read the metadata.

    The closing block is found once, walking up from the end; its signature lines
    give the issuer and the date, which the year covered (and so the plan cues)
    depend on.
    """
    lines = report.lines
    if not lines:
        read_metadata(report, [])
        return report
    _mark_noise(lines)
    _promote_unnumbered_part_headings(lines)
    closing_from, signature = _mark_closing(lines)
    read_metadata(report, signature)
    body_from = _mark_front(lines, closing_from)
    _mark_parts(lines[body_from:closing_from], report.year)
    _mark_topics(lines)
    return report


_TITLE_LABELS = frozenset({"名称", "标题", "信息名称"})
"""Labels whose value is a title (the report's title under them is the table's copy)."""


def _mark_noise(lines: list[Line]) -> None:
    """Furniture anywhere, values under label-only lines, and the page header before the report."""
    label_line: int | None = None
    label = ""
    for line in lines:
        value = label_line is not None and line.line == label_line + 1
        if value and label not in _TITLE_LABELS and is_title_line(line.text):
            value = False  # `公文时效：` left empty, then the report's own title
        if is_furniture(line.text) or (value and len(line.text) <= 40):
            line.slot = "noise"
        empty = LABEL_ONLY.match(line.text)
        label_line, label = (line.line, empty.group(1)) if empty else (None, "")
    start = _report_start(lines)
    for line in lines[:start]:
        if not line.slot:
            line.slot = "noise"
    footer = next((i for i in range(start + 1, len(lines)) if is_link_block(lines[i].text)), None)
    for line in lines[footer or len(lines) :]:
        line.slot = "noise"  # a site's list of related links ends the page


def _promote_unnumbered_part_headings(lines: list[Line]) -> None:
    """`存在的不足和原因` on a line of its own is a part heading even without `三、`.

    Only the explicit part patterns count (not fuzzy similarity), on short lines with
    no sentence punctuation that are not the title.
    """
    promoted = False
    for line in lines:
        text = line.text
        if (
            line.level == 0
            and not line.slot
            and len(text) <= 40
            and not re.search(r"[。，,；;：:！？!?]", text)
            and not is_title_line(text)
            and _explicit_part(text)
        ):
            line.level, line.heading, line.body = 1, text, ""
            promoted = True
    if promoted:
        assign_paths(lines)


def _explicit_part(heading: str) -> str | None:
    """The part a heading names by one of the explicit patterns, or None."""
    text = _YEAR_WORD.sub("", heading)
    for slot, pattern in _PART_PATTERNS:
        if pattern.search(text):
            return slot
    return None


def _report_start(lines: list[Line]) -> int:
    """Index of the first line of the report proper (after the web page's header)."""
    for i, line in enumerate(lines):
        if line.slot == "noise":
            continue
        text = line.text
        split_title = i and text.startswith("关于") and is_org_line(lines[i - 1].text)
        if is_title_line(text) and split_title:
            return i - 1
        if _RED_HEAD.match(text) and any(
            _DOC_NUMBER.match(n.text) or is_title_line(n.text) for n in lines[i + 1 : i + 3]
        ):
            return i  # 版头 `XX人民政府文件` above its 发文字号 and the title
        if _DOC_NUMBER.match(text) and i + 1 < len(lines) and is_title_line(lines[i + 1].text):
            return i
        if (
            is_title_line(text)
            or _RECIPIENT.match(text)
            or line.level
            or (len(text) >= 40 and re.search(r"[，。,]", text))
            or (is_org_line(text) and i + 1 < len(lines) and is_date_line(lines[i + 1].text))
        ):
            return i
    return 0


def _mark_closing(lines: list[Line]) -> tuple[int, list[Line]]:
    """Mark 特此报告, the signature and the date; return where the closing starts and the
    lines that sign the report (the issuing bodies and the date).

    Some copies sign at the top instead (the date first): those lines are front, and
    they are the signature when the end has no date but the top has a body and a date.
    """
    end = len(lines)
    start = end
    attachments = attachment_lines(lines)
    i = end - 1
    while i >= 0:
        line = lines[i]
        text = line.text
        if line.slot == "noise" and start == end:
            i -= 1
            continue
        if (
            i in attachments
            or _CLOSING_FORMULA.match(text)
            or is_date_line(text)
            or is_org_line(text)
            or is_closing_note(text)
        ):
            line.slot = line.slot or "closing"
            start = i
            i -= 1
            continue
        break
    tail = [line for line in lines[start:] if _signs(line) and line.slot == "closing"]
    for j in range(start):  # 特此报告 followed by a blank-less signature
        if _CLOSING_FORMULA.match(lines[j].text):
            for line in lines[j:start]:
                line.slot = line.slot or "closing"
            return j, tail
    top: list[Line] = []
    for line in [line for line in lines if not line.slot][:4]:  # the page header is not the top
        if is_date_line(line.text) or (is_org_line(line.text) and line.level == 0):
            line.slot = "front"
            top.append(line)
        else:
            break
    if not any(is_date_line(line.text) for line in tail) and _dated_and_signed(top):
        return start, top
    return start, tail


def _signs(line: Line) -> bool:
    return is_org_line(line.text) or is_date_line(line.text)


def _dated_and_signed(lines: list[Line]) -> bool:
    return any(is_date_line(line.text) for line in lines) and any(
        is_org_line(line.text) for line in lines
    )


def _mark_front(lines: list[Line], closing_from: int) -> int:
    """Title, recipient and opening paragraph: everything before the first part heading,
    or up to the opening paragraph (现将……报告如下) when the body carries no heading."""
    first_heading = next(
        (i for i, line in enumerate(lines[:closing_from]) if line.level and not line.slot),
        None,
    )
    if first_heading is not None:
        for line in lines[:first_heading]:
            line.slot = line.slot or "front"
        return first_heading
    for i, line in enumerate(lines[:closing_from]):
        if line.slot:
            continue
        line.slot = "front"
        if _OPENING_CUE.search(line.text) or len(line.text) >= 60:
            return i + 1
    return closing_from


def _mark_parts(body: list[Line], year: int | None) -> None:
    """Slot the body part by part: each part heading names its part."""
    headings = [line for line in body if line.level and not line.slot]
    part_level = min((line.level for line in headings), default=1)
    starts = [i for i, line in enumerate(body) if line.level and line.level <= part_level
              and not line.slot]
    bounds = zip([0, *starts], [*starts, len(body)], strict=True)
    current = "measures"
    for a, b in bounds:
        part = [line for line in body[a:b] if not line.slot]
        if not part:
            continue
        if part[0].level and part[0].level <= part_level:
            named = part_slot(part[0].heading or "")
            if named is None and current in ("shortcomings", "plans", "other"):
                named = current  # an unnamed part after the closing parts continues them
            current = named or "measures"
        _mark_part(part, current, year)


def _mark_part(part: list[Line], slot: str, year: int | None) -> None:
    """Lines of one part: subsections that name another part (duties hidden in measures),
    and unheaded paragraphs whose first words announce shortcomings or plans.

    In a measures part only paragraphs after its last heading may switch on a cue:
    a 下一步 sentence closing a topical subsection is still measures.
    """
    last_heading = max((i for i, line in enumerate(part) if line.level), default=-1)
    override: tuple[int, str] | None = None  # (level, slot) of a subsection naming a part
    cue_slot: str | None = None
    for i, line in enumerate(part):
        if line.level and i:
            if override and line.level <= override[0]:
                override = None
            strong = _strong_subsection_slot(line.heading or "")
            if strong and slot == "measures":
                override = (line.level, strong)
        current = override[1] if override else slot
        may_cue = current == "shortcomings" or (current == "measures" and i > last_heading)
        if line.level == 0 and may_cue:
            cue = _paragraph_cue(line.text, year)
            if cue and (cue != "shortcomings" or current == "measures"):
                cue_slot = cue
        line.slot = cue_slot or current


def _paragraph_cue(text: str, year: int | None) -> str | None:
    """Unheaded closing paragraphs announce themselves in their first words."""
    if _PLAN_CUE.match(text):
        return "plans"
    if year and re.match(rf"^{year + 1}年", text) and "将" in text[:30]:
        return "plans"
    head = text[:160]
    if _SHORTCOMING_CUE.search(head) or _SHORTCOMING_TURN.search(head):
        return "shortcomings"
    return None


_ENUMERATED_LEAD = re.compile(r"^[一二三四五六七八九十]{1,3}是([^。；;]{2,40})[。；;]")


def _mark_topics(lines: list[Line]) -> None:
    """Topic of every measures line, from the most specific evidence.

    An enumerated item's own lead (`八是健全突发事件应对体系。`) comes first, then the
    nearest heading that names a topic, then the line's own text; a line with no
    evidence (a part heading) takes the topic of what follows it.
    """
    measures = [line for line in lines if line.slot == "measures"]
    found: list[str | None] = []
    for line in measures:
        lead = _ENUMERATED_LEAD.match(line.text) if line.level == 0 else None
        topic = topic_of(lead.group(1)) if lead else None
        for heading in reversed(line.path):
            if topic:
                break
            topic = heading_topic(heading)
        found.append(topic or topic_of(line.text))
    after: list[str | None] = [None] * (len(found) + 1)  # the first topic at or after i
    for i in range(len(found) - 1, -1, -1):
        after[i] = found[i] or after[i + 1]
    before: str | None = None  # the last topic before i
    for i, line in enumerate(measures):
        line.topic = after[i] or before or "党的领导与推进机制"
        before = found[i] or before
