"""One line per failure: the file first, a full-width colon, the problem in Chinese."""

from __future__ import annotations

import errno

from drafter.errors import DraftError, PlaceholdersLeft, explained, os_problem


def test_the_file_comes_first_with_a_full_width_colon() -> None:
    error = DraftError("找不到这个文件", "报告.draft.yaml")
    assert str(error) == "报告.draft.yaml：找不到这个文件"
    assert (error.path, error.problem) == ("报告.draft.yaml", "找不到这个文件")
    assert str(DraftError("草稿还没有文件名")) == "草稿还没有文件名"


def test_placeholders_left_counts_each_and_names_each_once() -> None:
    error = PlaceholdersLeft(["{数量}", "{比例}", "{数量}"], "r.docx")
    assert error.names == ["{数量}", "{比例}"]
    assert str(error) == "r.docx：还有3处待填：{数量}、{比例}；请先填写，或加 --force 照样导出"


def test_the_systems_reasons_are_said_in_chinese() -> None:
    assert os_problem(PermissionError(errno.EACCES, "Permission denied")) == "没有权限"
    assert os_problem(OSError(errno.ENOSPC, "No space left on device")) == "磁盘空间不足"
    assert os_problem(OSError(errno.EROFS, "Read-only file system")) == "所在的磁盘只能读、不能写"
    # a reason drafter wrote itself, or one it has no wording for, is kept
    assert os_problem(OSError(errno.EINVAL, "是文件夹，不是普通文件")) == "是文件夹，不是普通文件"
    assert os_problem(OSError(errno.EXDEV, "Invalid cross-device link")) == (
        "Invalid cross-device link"
    )
    assert os_problem(OSError("no errno at all")) == "no errno at all"


def test_a_library_message_is_reworded_by_the_first_pattern_it_matches() -> None:
    wordings = [(r"^'(.*)' is (\w+)$", "{1} 是 {2}"), (r"is", "不会用到")]
    assert explained("'year' is undefined", wordings) == "：year 是 undefined"
    assert explained("something else", wordings) == "（something else）"
    assert explained("x is", [(r"x (is)?( y)?", "[{1}][{2}]")]) == "：[is][]"
