"""One codec check for the codec names users and files give (--encoding, <meta charset>)."""

from __future__ import annotations

import pytest

from drafter.encodings import text_codec


@pytest.mark.parametrize(
    ("name", "codec"),
    [("UTF8", "utf-8"), ("utf_8", "utf-8"), ("GB18030", "gb18030"), ("cp936", "gbk"),
     ("gb2312", "gb2312"), ("UTF-16", "utf-16"), ("latin-1", "iso8859-1")],
)  # fmt: skip
def test_text_encodings_by_their_normal_name(name: str, codec: str) -> None:
    assert text_codec(name) == codec


@pytest.mark.parametrize(
    "name",
    ["rot13", "rot_13", "idna", "punycode", "base64", "uu", "zlib", "bz2", "hex", "quopri",
     "undefined", "unicode_escape", "raw-unicode-escape"],
)  # fmt: skip
def test_codecs_that_are_not_a_files_encoding_are_refused(name: str) -> None:
    with pytest.raises(
        ValueError, match=f"^'{name}' 不是文本文件的字符编码（可用 utf-8 或 gb18030）$"
    ):
        text_codec(name)


@pytest.mark.parametrize("name", ["klingon", "", "utf-8\x00", "x" * 300])
def test_unknown_names_are_one_line(name: str) -> None:
    with pytest.raises(ValueError, match="^未知的字符编码 .*（可用 utf-8 或 gb18030）$"):
        text_codec(name)
