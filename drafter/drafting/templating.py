"""The one Jinja environment that renders template packs, sandboxed, bounded and cached.

Packs may come from the user's own folder, so their templates are untrusted:
rendering goes through a `SandboxedEnvironment` (no `''.__class__` tricks),
`StrictUndefined` (a misspelt name is an error, not a silent blank) and a loader
that refuses any path outside the template roots, `..` and symlinks included.
One environment is built per set of roots and reused, like copier does.

Untrusted templates must not hang or exhaust memory either, so `PackEnvironment`
bounds what a few characters can cost: nothing is evaluated at compile time (Jinja's
optimizer would fold `2 ** (10 ** 10)` while loading the pack), powers, repetitions
and `%` widths are checked before they are computed, the size arguments of filters,
built-in methods and `lipsum` are capped, every loop pass and call checks a render
deadline, and the output has a ceiling.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
import time
import types
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any

import jinja2
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment, SecurityError
from jinja2.utils import generate_lorem_ipsum

from drafter.errors import DrafterError, TemplateError, explained
from drafter.textnorm import chinese_number, clean_text, to_display

Roots = tuple[str, ...]


class ConfinedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that says *why* it refuses a path leaving its roots."""

    def __init__(self, roots: Sequence[str]) -> None:
        super().__init__(list(roots))
        self._real_roots = [os.path.realpath(root) for root in roots]

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = template.replace("\\", "/").split("/")
        if template.startswith(("/", "\\")) or ".." in pieces or ":" in pieces[0]:
            raise SecurityError(f"引用模板文件夹之外的 {template!r}")
        source, filename, uptodate = super().get_source(environment, template)
        real = os.path.realpath(filename)
        if not any(real.startswith(root + os.sep) for root in self._real_roots):
            raise SecurityError(f"引用链接到模板文件夹之外的 {template!r}")
        return source, filename, uptodate


def cn_num(number: int, level: int = 1) -> str:
    """Heading number for an outline level: 1 → `一、`, 2 → `（一）`, 3 → `1.`, 4 → `（1）`."""
    if level == 1:
        return f"{chinese_number(number)}、"
    if level == 2:
        return f"（{chinese_number(number)}）"
    if level == 3:
        return f"{number}."
    if level == 4:
        return f"（{number}）"
    raise ValueError(f"标题层级只能是 1 到 4，而不是 {level}")


def cn_date(value: str | dt.date | None) -> str:
    """`2024-01-19` → `2024年1月19日`, the way a 成文日期 is written; empty stays empty."""
    if not value:
        return ""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return f"{day.year}年{day.month}月{day.day}日"


_MD_LEADER = re.compile(r"^(\d{1,2})([.)])|^([#>+*-])")


def md_paragraph(text: str) -> str:
    """Escape what Markdown would read as a list or heading: `1.压实责任` stays text."""
    return _MD_LEADER.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


RENDER_SECONDS = 5.0
"""A whole report renders in milliseconds; a template still busy after this is stopped."""
MAX_SIZE = 10_000
"""Largest width, count or repetition a template may ask of a filter or method."""
MAX_BITS = 4_096
"""Largest integer a power or product may make (some 1,200 digits)."""
MAX_OUTPUT = 50_000_000
"""Characters a render may produce; a report is some 100,000."""
_LIPSUM_MAX = 100

_SIZED_FILTERS = ("batch", "center", "indent", "slice", "truncate", "wordwrap")
"""Default filters whose number arguments say how much to make or how often to loop."""
_FORMAT_FIELD = re.compile(r"%(?:\([^)]*\))?[^a-zA-Z%]*|\{[^{}]*\}")
_NESTED_FIELD = re.compile(r"\{[^{}]*\{")
_NUMBER = re.compile(r"\d+")


class TemplateTooCostly(SecurityError):
    """A template asked for more time or memory than any report needs."""


_render = threading.local()
"""The deadline of the render running in this thread (the TUI renders in workers)."""


class _BoundedCodeGenerator(CodeGenerator):
    """Checks the deadline at the top of every block, so every loop pass checks it."""

    def blockvisit(self, nodes: Any, frame: Frame) -> None:
        self.writeline("environment.tick()")
        super().blockvisit(nodes, frame)


class PackEnvironment(ImmutableSandboxedEnvironment):
    """A sandbox that also bounds the time and memory a template can take; lists and
    dicts cannot be changed in place (a loop appending to one grows without bound)."""

    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset({"**", "*", "%", "+"})

    def tick(self) -> None:
        """Stop a render that has run past its deadline."""
        deadline = getattr(_render, "deadline", None)
        if deadline is not None and time.monotonic() > deadline:
            raise TemplateTooCostly(
                f"渲染超过 {RENDER_SECONDS:g} 秒，已停止（模板里有过大的循环？）"
            )

    def call_binop(self, context: jinja2.runtime.Context, op: str, left: Any, right: Any) -> Any:
        if _is_int(left) and _is_int(right):
            if op == "**" and right > 0 and max(abs(left).bit_length(), 1) * right > MAX_BITS:
                raise TemplateTooCostly(f"数字太大：{_number(left)} ** {_number(right)}")
            if op == "*" and abs(left).bit_length() + abs(right).bit_length() > MAX_BITS:
                raise TemplateTooCostly(f"数字太大：{_number(left)} * {_number(right)}")
        elif op == "*" and (_is_int(left) or _is_int(right)):
            count, sequence = (left, right) if _is_int(left) else (right, left)
            _check_size(count * _length(sequence), "重复次数")
        elif op == "+" and _length(left) + _length(right) > MAX_OUTPUT:
            raise TemplateTooCostly("文字太长")
        elif op == "%" and isinstance(left, str):
            _check_format(left)
        return super().call_binop(context, op, left, right)

    def call(
        __self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any
    ) -> Any:
        __self.tick()
        if isinstance(__obj, types.BuiltinMethodType):  # "x".ljust(10 ** 9)
            for value in (*args, *kwargs.values()):
                if _is_int(value):
                    _check_size(value, "参数")
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        if isinstance(getattr(value, "__self__", None), str):
            _check_format(value.__self__)  # "{:>999999999}".format(1)
        return super().wrap_str_format(value)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _length(value: Any) -> int:
    return len(value) if isinstance(value, str | list | tuple) else 0


def _check_size(number: int, what: str) -> None:
    if abs(number) > MAX_SIZE:
        raise TemplateTooCostly(f"{what}太大：{_number(number)}（上限 {MAX_SIZE}）")


def _number(number: int) -> str:
    """A number for a message: a huge one by its size, not its 4,000 digits."""
    return str(number) if number.bit_length() < 64 else f"约 {number.bit_length()} 位二进制的数"


def _check_format(text: str) -> None:
    """Refuse a `%` or `format` string whose fields ask for widths beyond MAX_SIZE, or
    take their width from an argument (`%*d`, `{0:{1}}`)."""
    if _NESTED_FIELD.search(text.replace("{{", "").replace("}}", "")):
        raise TemplateTooCostly("格式宽度须直接写出，不能用 {…} 套 {…}")
    for field in _FORMAT_FIELD.findall(text):
        if field.startswith("%") and "*" in field:
            raise TemplateTooCostly(f"格式宽度须直接写出：{field}")
        for digits in _NUMBER.findall(field):
            if len(digits) > len(str(MAX_SIZE)) or int(digits) > MAX_SIZE:
                raise TemplateTooCostly(f"格式宽度太大：{digits[:12]}（上限 {MAX_SIZE}）")


def _sized(name: str, function: Callable[..., Any], limit: int, skip: int) -> Callable[..., Any]:
    """`function` with its number arguments (after the first `skip`) capped at `limit`."""

    @wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        for value in (*args[skip:], *kwargs.values()):
            if _is_int(value) and abs(value) > limit:
                raise TemplateTooCostly(f"{name} 的参数太大：{_number(value)}（上限 {limit}）")
        return function(*args, **kwargs)

    return bounded


def _checked_format(function: Callable[..., str]) -> Callable[..., str]:
    """The `format` filter, refusing widths beyond MAX_SIZE (`"%999999999d"|format(1)`)."""

    @wraps(function)
    def checked(value: Any, *args: Any, **kwargs: Any) -> str:
        _check_format(str(value))
        return function(value, *args, **kwargs)

    return checked


@lru_cache(maxsize=16)
def environment(roots: Roots) -> SandboxedEnvironment:
    """The cached sandboxed environment for templates found under `roots` (first wins)."""
    env = PackEnvironment(
        optimized=False,
        loader=ConfinedLoader(roots),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["format"] = _checked_format(env.filters["format"])
    for name in _SIZED_FILTERS:  # value first; with pass_environment, the environment first
        skip = 2 if hasattr(env.filters[name], "jinja_pass_arg") else 1
        env.filters[name] = _sized(name, env.filters[name], MAX_SIZE, skip)
    env.filters.update(
        cn_num=cn_num, cn_date=cn_date, fullwidth=to_display, md_paragraph=md_paragraph
    )
    env.globals["lipsum"] = _sized("lipsum", generate_lorem_ipsum, _LIPSUM_MAX, 0)
    return env


@lru_cache(maxsize=512)
def _compiled(roots: Roots, source: str) -> jinja2.Template:
    return environment(roots).from_string(source)


@lru_cache(maxsize=256)
def _expression(roots: Roots, source: str) -> Callable[..., Any]:
    return environment(roots).compile_expression(source)


def render_string(source: str, context: dict[str, Any], roots: Roots, where: Path | str) -> str:
    """Render a template string from a pack (a title, a default answer)."""
    with template_errors(where):
        return _generate(_compiled(roots, source), context)


def evaluate(expression: str, context: dict[str, Any], roots: Roots, where: Path | str) -> Any:
    """Evaluate a Jinja expression from a pack (a question's `when`)."""
    with template_errors(where):
        return _expression(roots, expression)(**context)


def render_file(names: Sequence[str], context: dict[str, Any], roots: Roots) -> str:
    """Render the first of `names` found under `roots` (a pack's report template)."""
    with template_errors(roots[0] if roots else "templates"):
        template = environment(roots).select_template(list(names))
    with template_errors(template.filename or template.name or names[0]):
        return _generate(template, context)


def _generate(template: jinja2.Template, context: dict[str, Any]) -> str:
    """The rendered text, stopped once it passes MAX_OUTPUT characters."""
    pieces: list[str] = []
    size = 0
    for piece in template.generate(context):
        size += len(piece)
        if size > MAX_OUTPUT:
            raise TemplateTooCostly(f"输出超过 {MAX_OUTPUT:,} 个字符，已停止")
        pieces.append(piece)
    return clean_text("".join(pieces))


def check_syntax(source: str, roots: Roots, where: Path | str, *, expression: bool = False) -> None:
    """Compile a pack's template string now, so a typo is reported when the pack loads."""
    with template_errors(where):
        if expression:
            _expression(roots, source)
        else:
            _compiled(roots, source)


@contextmanager
def template_errors(where: Path | str) -> Iterator[None]:
    """Run template work within the render deadline, and turn anything a broken or
    hostile template raises into one clear TemplateError."""
    outer = getattr(_render, "deadline", None)
    if outer is None:
        _render.deadline = time.monotonic() + RENDER_SECONDS
    try:
        yield
    except DrafterError:
        raise
    except Exception as error:
        raise TemplateError(_describe(error), _location(error, where)) from error
    finally:
        _render.deadline = outer


def _location(error: BaseException, where: Path | str) -> Path | str:
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        return error.filename
    return where


def _describe(error: BaseException) -> str:
    if isinstance(error, TemplateTooCostly):
        return f"模板已停止：{error}"
    if isinstance(error, SecurityError):
        return f"模板里不允许{explained(str(error), _WORDINGS)}"
    if isinstance(error, jinja2.TemplatesNotFound):
        return f"找不到模板：{'、'.join(map(str, error.templates))}"
    if isinstance(error, jinja2.TemplateNotFound):
        return f"找不到模板：{error.name}"
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"第{error.lineno}行：模板语法错误{explained(error.message or '', _WORDINGS)}"
    if isinstance(error, ValueError | ZeroDivisionError | jinja2.UndefinedError):
        return f"模板出错{explained(str(error), _WORDINGS)}"
    return f"模板出错（{type(error).__name__}: {error}）"


_WORDINGS = (
    # what a template may not do (the sandbox)
    (r"access to attribute '(.*)' of '(.*)' object is unsafe", "访问 {2} 的属性 {1}"),
    (r"^(.*) is not safely callable$", "调用 {1}"),
    # syntax
    (r"unexpected 'end of print statement'|got 'end of print statement'", "{{ }} 里的表达式没写完"),
    (r"unexpected 'end of statement block'|got 'end of statement block'", "{% %} 里的语句没写完"),
    (r"unexpected 'end of template'", "模板意外结束（表达式没写完？）"),
    (r"Unexpected end of template",
     "模板意外结束（{% if %}、{% for %} 之类缺少对应的 {% end… %}？）"),
    (r"Expected an expression, got '(.*)'", "这里缺少表达式（遇到了 {1}）"),
    (r"Encountered unknown tag '(.*?)'", "不认识的标签 {1}（或它前面的 {% … %} 没有结束）"),
    (r"expected token 'end of print statement', got '(.*?)'", "{{ }} 里不能有 {1}"),
    (r"expected token 'end of statement block', got '(.*?)'", "{% %} 里不能有 {1}"),
    (r"expected token '(.*?)', got '(.*?)'", "这里应是“{1}”，却是“{2}”"),
    (r"expected name or number", "“.”后面应是名字或数字"),
    (r"unexpected char '(.*?)'", "这里不能有字符 {1}"),
    (r"^unexpected '(.*)'$", "这里不能有 {1}"),
    (r"No filter named '(.*?)'", "没有名为 {1} 的过滤器"),
    (r"No test named '(.*?)'", "没有名为 {1} 的测试"),
    (r"block '(.*?)' defined twice", "block {1} 定义了两次"),
    # running
    (r"^'(.*)' is undefined$", "用到了 {1}，但没有这一项（拼写错了，还是草稿里还没有填？）"),
    (r"^'?(.*?)(?: object)?'? has no attribute '(.*)'$", "{1} 没有 {2} 这一项"),
    (r"^'?(.*?)(?: object)?'? has no element (.*)$", "{1} 没有第 {2} 项"),
    (r"division by zero|division or modulo by zero", "除数为零"),
    (r"Invalid isoformat string: (.*)", "{1} 不是日期（应写成 2025-01-19 这样）"),
    (r"must be in \d+\.\.\d+|day is out of range", "日期不存在"),
    (r"^([^a-zA-Z]*[\u4e00-\u9fff].*)$", "{1}"),  # already Chinese: drafter's own filters
)  # fmt: skip
"""Jinja's and Python's wording of what goes wrong in a template, as a pack's author
would be told it."""
