"""Which codec names may read or write a report's text.

Python's codec registry also holds codecs that are not character encodings of a
file: bytes-to-bytes transforms (base64, zlib, rot13 …), label codecs for host
names (idna, punycode), escape syntaxes and one that refuses everything
(`undefined`). A name given on the command line (`export --encoding`) or found
in a file (`<meta charset>`) goes through `text_codec` first, so every such name
is one clear error rather than a traceback.
"""

from __future__ import annotations

import codecs

_NOT_FILE_TEXT = frozenset(
    {"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape", "palmos"}
)
"""Codecs Python counts as text encodings that no report file is written in."""


def text_codec(name: str) -> str:
    """The codec's normalised name (`UTF8` → `utf-8`, `cp936` → `gbk`).

    ValueError, with a Chinese message, for an unknown name or one that is not
    a character encoding of a text file.
    """
    try:
        info = codecs.lookup(name)
    except (LookupError, TypeError, ValueError):
        raise ValueError(f"未知的字符编码 {name!r}（可用 utf-8 或 gb18030）") from None
    if not info._is_text_encoding or info.name in _NOT_FILE_TEXT:
        raise ValueError(f"{name!r} 不是文本文件的字符编码（可用 utf-8 或 gb18030）")
    return info.name
