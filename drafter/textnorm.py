"""Text normalization: one key form for matching, proper Chinese punctuation for display.

Reports copied from web pages mix ASCII `(一)` `,` `:` with full-width `（一）` `，` `：`.
Matching works on `fold()` (NFKC, no spaces); what users see goes through
`to_display()`, which restores full-width punctuation in Chinese text.
"""

from __future__ import annotations

import re
import unicodedata

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")
_SPACES = re.compile(r"[\s\u200b\ufeff]+")
_ANY_SPACE = re.compile(r"\s")

# ASCII punctuation that is always full-width in Chinese running text.
_SIMPLE = {";": "；", "?": "？", "!": "！"}
_PAIRED_BRACKETS = {"(": "（", ")": "）"}


_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Control characters other than tab and line feed, lone surrogates and the two
non-characters: invisible in text, refused by the .docx XML and by UTF-8 saving.
Private-use characters stay: Word's symbol fonts put real text there."""


def clean_text(text: str) -> str:
    """Text fit to enter a draft or an outline: line breaks as `\n`, none of `_UNSAFE`.

    Applied once where text comes in (a draft's items and answers, an outline's
    strings), so rendering, saving and exporting never meet such characters.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub("", text)


def has_cjk(text: str) -> bool:
    """True if the text contains at least one Chinese character."""
    return _CJK_RE.search(text) is not None


def fold(text: str) -> str:
    """Matching key: NFKC (full-width → ASCII), no white space, lower case."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).lower()


def clean_spaces(text: str) -> str:
    """Strip a line and drop white space between Chinese characters and punctuation.

    Web copies indent with ideographic spaces and break words with stray blanks;
    spaces between two Latin letters or digits are kept.
    """
    text = _ANY_SPACE.sub(" ", text.replace("\ufeff", "").replace("\u200b", "")).strip()
    return re.sub(r"(?<![A-Za-z0-9]) +| +(?![A-Za-z0-9])", "", text)


def to_display(text: str) -> str:
    """Full-width punctuation in Chinese text, ASCII kept where it belongs.

    `1,569` `09:04` `3.5` `2021-2025` and Latin text keep their ASCII marks;
    `(一)` becomes `（一）`, `，：；？！` replace their ASCII twins next to Chinese.
    """
    if not has_cjk(text):
        return text
    out: list[str] = []
    n = len(text)
    paired = _paired_brackets(text) if "(" in text or ")" in text else {}
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < n else ""
        if ch == "," and not (prev.isdigit() and nxt.isdigit()):
            out.append("，")
        elif ch == ":" and not (prev.isdigit() and nxt.isdigit()) and not _in_url(text, i):
            out.append("：")
        elif ch in _SIMPLE and not _in_url(text, i):
            out.append(_SIMPLE[ch])
        elif ch in _PAIRED_BRACKETS:
            chinese = paired[i] if i in paired else _bracket_is_chinese(text, i)
            out.append(_PAIRED_BRACKETS[ch] if chinese else ch)
        else:
            out.append(ch)
    return _quotes("".join(out))


def _in_url(text: str, i: int) -> bool:
    start = max(text.rfind(" ", 0, i), -1) + 1
    return "://" in text[start : i + 4] or text[start:i].startswith("www.")


def _paired_brackets(text: str) -> dict[int, bool]:
    """Whether each matched pair of ASCII brackets is Chinese, decided once for both
    halves (so `(2)规范` becomes `（2）规范`, never `(2）`): it is when the bracketed text,
    the character before it or the character after it is Chinese."""
    decided: dict[int, bool] = {}
    opened: list[int] = []
    for i, ch in enumerate(text):
        if ch == "(":
            opened.append(i)
        elif ch == ")" and opened:
            start = opened.pop()
            chinese = (
                has_cjk(text[start + 1 : i])
                or has_cjk(text[start - 1 : start])
                or has_cjk(text[i + 1 : i + 2])
            )
            decided[start] = decided[i] = chinese
    return decided


def _bracket_is_chinese(text: str, i: int) -> bool:
    """An unmatched bracket is Chinese if the text beside it is Chinese."""
    if text[i] == "(":
        close = text.find(")", i)
        inner = text[i + 1 : close] if close > 0 else text[i + 1 : i + 3]
        before = text[i - 1 : i]
        return has_cjk(inner) or has_cjk(before)
    open_ = text.rfind("(", 0, i)
    open_full = text.rfind("（", 0, i)
    if open_full > open_:
        return True
    inner = text[open_ + 1 : i] if open_ >= 0 else text[max(0, i - 2) : i]
    return has_cjk(inner) or has_cjk(text[i + 1 : i + 2])


def _quotes(text: str) -> str:
    """Straight double quotes around Chinese text become “ ”, alternating."""
    if '"' not in text:
        return text
    parts = text.split('"')
    if len(parts) % 2 == 0:  # unbalanced: leave as is
        return text
    out = [parts[0]]
    for k, part in enumerate(parts[1:]):
        out.append("“" if k % 2 == 0 else "”")
        out.append(part)
    return "".join(out)


_CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (for heading numbers)."""
    if n < 0:
        raise ValueError(f"序号不能是负数：{n}")
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def parse_chinese_number(text: str) -> int | None:
    """Inverse of `chinese_number` for 一..九十九; None if not a Chinese numeral
    (十四五, 一二, 零十 are not numbers)."""
    if not re.fullmatch(f"[{_CN_DIGITS}]|[{_CN_DIGITS[2:]}]?十[{_CN_DIGITS[1:]}]?", text):
        return None
    if "十" not in text:
        return _CN_DIGITS.index(text)
    tens, _, ones = text.partition("十")
    t = _CN_DIGITS.index(tens) if tens else 1
    o = _CN_DIGITS.index(ones) if ones else 0
    return t * 10 + o


def cell_width(text: str) -> int:
    """Columns `text` takes in a terminal: 2 for a Chinese (wide) character, 0 for a
    combining mark, 1 for the rest."""
    return sum(0 if unicodedata.combining(char) else 1 + is_wide(char) for char in text)


def is_wide(char: str) -> bool:
    """Whether a terminal gives `char` two columns (Chinese characters and punctuation)."""
    return unicodedata.east_asian_width(char) in ("W", "F")
