"""The one Jinja environment that renders template packs, sandboxed and cached.

Packs may come from the user's own folder, so their templates are untrusted:
rendering goes through a `SandboxedEnvironment` (no `''.__class__` tricks),
`StrictUndefined` (a misspelt name is an error, not a silent blank) and a loader
that refuses any path outside the template roots, `..` and symlinks included.
One environment is built per set of roots and reused, like copier does.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from drafter.errors import DrafterError, TemplateError
from drafter.textnorm import chinese_number, to_display

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
            raise SecurityError(f"template {template!r} is outside the template folders")
        source, filename, uptodate = super().get_source(environment, template)
        real = os.path.realpath(filename)
        if not any(real.startswith(root + os.sep) for root in self._real_roots):
            raise SecurityError(f"template {template!r} links outside the template folders")
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
    raise ValueError(f"heading level must be 1-4, not {level}")


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


@lru_cache(maxsize=16)
def environment(roots: Roots) -> SandboxedEnvironment:
    """The cached sandboxed environment for templates found under `roots` (first wins)."""
    env = SandboxedEnvironment(
        loader=ConfinedLoader(roots),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        cn_num=cn_num, cn_date=cn_date, fullwidth=to_display, md_paragraph=md_paragraph
    )
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
        return _compiled(roots, source).render(context)


def evaluate(expression: str, context: dict[str, Any], roots: Roots, where: Path | str) -> Any:
    """Evaluate a Jinja expression from a pack (a question's `when`)."""
    with template_errors(where):
        return _expression(roots, expression)(**context)


def render_file(names: Sequence[str], context: dict[str, Any], roots: Roots) -> str:
    """Render the first of `names` found under `roots` (a pack's report template)."""
    with template_errors(roots[0] if roots else "templates"):
        template = environment(roots).select_template(list(names))
    with template_errors(template.filename or template.name or names[0]):
        return template.render(context)


def check_syntax(source: str, roots: Roots, where: Path | str, *, expression: bool = False) -> None:
    """Compile a pack's template string now, so a typo is reported when the pack loads."""
    with template_errors(where):
        if expression:
            _expression(roots, source)
        else:
            _compiled(roots, source)


@contextmanager
def template_errors(where: Path | str) -> Iterator[None]:
    """Turn anything a broken or hostile template raises into one clear TemplateError."""
    try:
        yield
    except DrafterError:
        raise
    except Exception as error:
        raise TemplateError(_describe(error), _location(error, where)) from error


def _location(error: BaseException, where: Path | str) -> Path | str:
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        return error.filename
    return where


def _describe(error: BaseException) -> str:
    if isinstance(error, SecurityError):
        return f"not allowed in a template: {error}"
    if isinstance(error, jinja2.TemplatesNotFound):
        return f"template not found: {', '.join(map(str, error.templates))}"
    if isinstance(error, jinja2.TemplateNotFound):
        return f"template not found: {error.name}"
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"line {error.lineno}: template syntax error: {error.message}"
    if isinstance(error, jinja2.UndefinedError):
        return f"template error: {error.message}"
    return f"template error: {type(error).__name__}: {error}"
