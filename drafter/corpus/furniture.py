"""Web-page furniture: what a report copied from a government site carries besides the report.

Breadcrumbs, metadata tables (索引号, 发布机构 …), font-size links, 编辑/信息来源,
site footers. Both the parser (to find the signature) and the classifier (`noise`)
need to recognise it.
"""

from __future__ import annotations

import re

_LABELS = (
    "索引号|发文字号|文号|发布机构|发文机关|发文单位|主题分类|主题词|主题|公开方式|组配分类|成文时间|"
    "成文日期|发文时间|发文日期|发布日期|发布时间|公文时效|有效性|时效|名称|标题|体裁分类|信息分类|"
    "公开范围|公开时限|公开形式|字体大小|字号|分享到|编辑|责任编辑|信息来源|来源|浏览次数|访问量|"
    "点击数|作者|审核|校对|所属机构|所属主题|生成日期|有效期|废止日期|信息名称"
)
_LABEL_LINE = re.compile(rf"^({_LABELS})\s*[:：]")
LABEL_ONLY = re.compile(rf"^({_LABELS})\s*[:：]\s*$")
_FURNITURE = re.compile(
    r"^(当前位置|您当前的位置|您现在的位置|现在的位置|首页\s*[>＞]|[>＞]|发布于|【|打印|关闭|"
    r"扫一扫|分享|无障碍|长者模式|上一篇|下一篇|相关链接|附件[:：]?\s*$)"
    r"|字体\s*[:：]?\s*[【\[]?\s*[大中小]|简体\s*\|\s*繁体|星期[一二三四五六日天]\s*$"
    r"|^(主办|承办|协办|技术支持|联系我们|网站地图|网站标识码|Copyright)\s*[:：]?"
    r"|版权所有|ICP备|公网安备|©"
)


def is_furniture(text: str) -> bool:
    """Web-page furniture: breadcrumbs, metadata tables, font-size links, 编辑/来源."""
    return bool(_LABEL_LINE.match(text) or _FURNITURE.search(text) or text.count(">") >= 2)


_LINK_BLOCK = re.compile(r"^(相关链接|相关文章|相关阅读|相关新闻|相关稿件|推荐阅读)\s*[:：]?\s*$")


def is_link_block(text: str) -> bool:
    """`相关链接：` on its own line starts the list of other pages under a report."""
    return _LINK_BLOCK.match(text) is not None


# --- furniture glued into running text ---------------------------------------------
# A page copied without its line breaks runs its breadcrumb, metadata table, font-size
# bar and title into one line; so do some pages' metadata rows (`发布时间：… 来源：…
# 浏览次数：…`). Each label or bar starts a piece of its own.

_ROW_LABELS = _LABELS + "|文章标题|浏览量|点击量|阅读量|阅读次数|视力保护色|发布于"
"""Labels of the metadata rows above and below a report, as one line may carry several."""


def _spaced(word: str) -> str:
    """`索引号` also as `索 引 号` and `标　　题` (two-column tables pad labels)."""
    return r"\s*".join(word)


_LONGEST_FIRST = sorted(_ROW_LABELS.split("|"), key=len, reverse=True)
_ROW_LABEL = re.compile("(?:" + "|".join(map(_spaced, _LONGEST_FIRST)) + r")\s*[:：]")
_BAR = re.compile(
    r"(?:当前位置|您当前的位置|您现在的位置|现在的位置)\s*[:：]?(?:\s*首页\s*[>＞»])?"
    r"|首页\s*[>＞»]"
    r"|[【\[]?\s*(?:字体|字号)(?:大小)?\s*[:：]?\s*(?:[【\[]?\s*[大中小]\s*[】\]]?\s*){3}[】\]]?"
    r"|[【\[]\s*(?:打印|关闭)(?:本页|窗口|此页)?\s*[】\]]|打印本页|关闭窗口"
    r"|扫一扫在?手机上?打开(?:当前页|本页)?|分享到\s*[:：]?|上一篇\s*[:：]|下一篇\s*[:：]"
    r"|(?:相关链接|相关文章|相关阅读|推荐阅读)\s*(?:[:：]|$)"
)
"""Breadcrumbs, font-size and print bars, share bars and page links."""
_DATE_VALUE = re.compile(
    r"\s*(?:19|20)\d\d\s*(?:[-/.年]\s*\d{1,2}\s*(?:[-/.月]\s*\d{1,2}\s*日?)?)?"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)
_COUNT_VALUE = re.compile(r"\s*[（(]?\s*\d+\s*[)）]?\s*次?")
_CODE_VALUE = re.compile(r"\s*[A-Za-z0-9][A-Za-z0-9/\-—_.]*")
_VALUE_SHAPES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile("发布时间|发布日期|成文日期|成文时间|发文日期|废止日期|发布于"), _DATE_VALUE),
    (re.compile("浏览|访问|点击|阅读"), _COUNT_VALUE),
    (re.compile("索引号"), _CODE_VALUE),
    (re.compile("字号"), re.compile(r"\s*(?:[【\[]?\s*[大中小]\s*[】\]]?\s*){3}")),
)
"""Label values whose end can be told from their shape, so text glued after them is cut off."""


def row_value(text: str) -> str:
    """A metadata row's value: up to the next label or bar on the same line."""
    cut = min(
        (m.start() for pattern in (_ROW_LABEL, _BAR) if (m := pattern.search(text))),
        default=len(text),
    )
    return text[:cut].strip()


def split_furniture(text: str) -> list[str]:
    """`发布时间：2024-03-22 10:15来源：区司法局浏览次数：1368` → one piece per label or
    bar; a dated or counted value ends where its shape ends, so the report text glued
    after it becomes a piece of its own. Text without furniture comes back whole."""
    bars = list(_BAR.finditer(text))
    starts = [m.start() for m in _ROW_LABEL.finditer(text)] + [m.start() for m in bars]
    starts += [m.end() for m in bars if not m.group().endswith((">", "＞", "»", ":", "："))]
    for match in _ROW_LABEL.finditer(text):
        label = re.sub(r"\s", "", match.group())
        for pattern, shape in _VALUE_SHAPES:
            if pattern.search(label):
                value = shape.match(text, match.end())
                if value and value.end() > match.end():
                    starts.append(value.end())
                break
    starts = sorted({s for s in starts if 0 < s < len(text)})
    bounds = [0, *starts, len(text)]
    return [piece for a, b in zip(bounds, bounds[1:], strict=False) if (piece := text[a:b].strip())]


# --- mirror sites' watermarks --------------------------------------------------------
# Sites that copy reports glue their own name and address to the title or the first
# sentence (`……情况报告_某某范文网 www.example.com`, `【某某文库 http://…】`).

_URL = re.compile(
    r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+"
    r"|(?<![A-Za-z0-9@.])[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:com|cn|net|org|cc|top|info)"
    r"(?:/[A-Za-z0-9\-._~/?#=&%]*)?(?![A-Za-z0-9])"
)
_SITE_SUFFIX = re.compile(r"(?:网站|文库|范文|大全|文档|百科|在线|之家|频道|网)$")
_MAX_SITE_NAME = 12
_MAX_WATERMARKS = 5
"""A mirror marks a page once or twice; more addresses are the report's own."""
_WRAPPERS = "【】[]（）()<>《》「」_|｜-—–·:： \t\u3000"


_SITE_AFTER_TITLE = re.compile(
    r"(?<=报告|汇报)\s*[_|｜]\s*[^_|｜。，；]{2,30}$|(?<=报告|汇报)\s+[-—–]\s*\S{2,30}$"
)
"""`……情况报告_某某范文网`, `……报告 - 某某网站`: a site's name after a title."""


def strip_watermark(text: str) -> tuple[str, int]:
    """The text without web addresses and the site names glued before them; how many
    watermarks went. A name counts only if it ends like a site's (网, 网站, 文库 …) and
    does not reach back into the report (`报告`, a stop). Government addresses
    (`.gov.cn`) are the report's own words and stay."""
    removed = 0
    at = 0
    while removed < _MAX_WATERMARKS and (match := _URL.search(text, at)):
        start, end = match.start(), match.end()
        if "gov.cn" in match.group().lower():
            at = end
            continue
        low = max(0, start - 2 * _MAX_SITE_NAME)
        before = text[low:start].rstrip(" \t\u3000:：")
        if _SITE_SUFFIX.search(before):
            marks = [before.rfind(word) + 2 for word in ("报告", "汇报") if word in before]
            marks += [before.rfind(ch) + 1 for ch in "。，；：:,;_|｜【[（( \u3000"]
            start = low + max(len(before) - _MAX_SITE_NAME, *marks, 0)
        start -= len(_SOURCE_LABEL.search(text, low, start).group())
        while start > 0 and text[start - 1] in _WRAPPERS:
            start -= 1
        while end < len(text) and text[end] in _WRAPPERS:
            end += 1
        text = text[:start] + text[end:]
        at = start
        removed += 1
    if ("法治" in text or "依法" in text) and _SITE_AFTER_TITLE.search(text):
        text = _SITE_AFTER_TITLE.sub("", text)
        removed += 1
    return text.strip(), removed


_SOURCE_LABEL = re.compile(r"(?:(?:来源|转自|转载自|本文来自|出处)\s*[:：]?\s*)?$")
