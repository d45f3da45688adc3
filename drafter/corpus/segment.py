"""Word tokens for the phrase index: jieba when indexing, a vocabulary segmenter for queries.

jieba needs about a second to load its 350k-word dictionary. Indexing pays that
once per build; a query must not, so queries are cut by `QuerySegmenter`, the
same maximum-probability route search jieba uses (without HMM), run over only
the words the index actually contains, with jieba's own word frequencies.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

# jieba cuts runs of these characters; anything else (punctuation, spaces) separates them.
_BLOCK = re.compile(r"[\u4e00-\u9fd5a-zA-Z0-9+#&._%\-]+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_WORDLIKE = re.compile(r"[\u3400-\u9fffa-z]")
_ASCII_ALNUM = re.compile(r"[a-z0-9]")
_MEMO_LIMIT = 300_000
"""Blocks remembered by `index_tokens`; reports reuse clauses heavily, so hits are common."""

_memo: dict[str, list[str]] = {}


def load_jieba():  # -> jieba.Tokenizer (jieba is imported lazily on purpose)
    """jieba's default tokenizer, initialized and quiet (≈1 s the first time)."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba.dt


def is_indexable(token: str) -> bool:
    """Tokens worth indexing: words with a Chinese character or Latin letter, not numbers."""
    return _WORDLIKE.search(token) is not None


def index_tokens(folded: str) -> list[str]:
    """Search-mode jieba tokens of folded text (words plus their dictionary sub-words).

    Sub-words let a query for 复议 find 行政复议. Numbers are masked before cutting,
    so blocks that differ only in their figures share one memo entry.
    """
    out: list[str] = []
    tokenizer = None
    for block in _BLOCK.findall(_NUMBER.sub("0", folded)):
        words = _memo.get(block)
        if words is None:
            tokenizer = tokenizer or load_jieba()
            words = [w for w in tokenizer.cut_for_search(block, HMM=False) if is_indexable(w)]
            if len(_memo) >= _MEMO_LIMIT:
                _memo.clear()
            _memo[block] = words
        out.extend(words)
    return out


def word_frequencies(words: Iterable[str]) -> tuple[dict[str, int], int]:
    """jieba's dictionary frequency of each word (1 if unknown), and the dictionary total."""
    tokenizer = load_jieba()
    return {w: tokenizer.FREQ.get(w) or 1 for w in words}, tokenizer.total


class QuerySegmenter:
    """jieba's no-HMM segmentation restricted to a known vocabulary.

    With the full dictionary's total kept, every route scores as it would in jieba,
    so a query is cut the way the same words were cut in the indexed text.
    """

    def __init__(self, freq: Mapping[str, int], total: int) -> None:
        self._freq = freq
        self._log_total = math.log(max(total, 1))
        self._prefixes: set[str] = set()
        for word in freq:
            for end in range(1, len(word)):
                self._prefixes.add(word[:end])

    def cut(self, text: str) -> list[str]:
        """The words of `text` (folded), in order; unknown characters come out singly."""
        words: list[str] = []
        for block in _BLOCK.findall(text):
            words.extend(self._cut_block(block))
        return words

    def _cut_block(self, block: str) -> list[str]:
        n = len(block)
        best: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
        for start in range(n - 1, -1, -1):
            candidates = [
                (self._log_freq(block[start : end + 1]) + best[end + 1][0], end)
                for end in self._ends(block, start)
            ]
            best[start] = max(candidates)
        words: list[str] = []
        ascii_run = ""
        start = 0
        while start < n:
            end = best[start][1] + 1
            word = block[start:end]
            if len(word) == 1 and _ASCII_ALNUM.match(word):
                ascii_run += word  # jieba keeps Latin letters and digits together
            else:
                if ascii_run:
                    words.append(ascii_run)
                    ascii_run = ""
                words.append(word)
            start = end
        if ascii_run:
            words.append(ascii_run)
        return words

    def _ends(self, block: str, start: int) -> list[int]:
        """End positions of vocabulary words starting at `start` (the single character always)."""
        ends = [start]
        end = start + 1
        while end < len(block):
            fragment = block[start : end + 1]
            if fragment in self._freq:
                ends.append(end)
            elif fragment not in self._prefixes:
                break
            end += 1
        return ends

    def _log_freq(self, word: str) -> float:
        return math.log(self._freq.get(word) or 1) - self._log_total
