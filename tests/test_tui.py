"""The drafting TUI, driven headless the way a user drives it: keys, Pilot, real files.

One phrasebook over the bundled corpus is opened for the whole module and handed
to every app, so the tests exercise real suggestions without rebuilding the index.
"""

from __future__ import annotations

import asyncio
import functools
import io
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from checking import COPIED, clean
from conftest import seed_path
from rich.cells import cell_len
from rich.console import Console
from textual import events
from textual.color import Color
from textual.command import CommandList
from textual.keys import _character_to_key
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static, TextArea
from textual.worker import WorkerCancelled

from drafter.corpus.phrasebook import Phrasebook
from drafter.corpus.report import TOPICS
from drafter.drafting import draft as drafts
from drafter.drafting.draft import load_draft
from drafter.errors import DraftError
from drafter.placeholders import find_placeholders
from drafter.textnorm import has_cjk
from drafter.tui import drafting, session, suggestions
from drafter.tui.app import DrafterApp, make_app
from drafter.tui.coverage_view import CoverageScreen
from drafter.tui.dialogs import ConfirmDialog, OpenDialog, SaveDialog
from drafter.tui.drafting import DraftingScreen, known_answers
from drafter.tui.editor import BodyArea, Span, fill_known, next_gap
from drafter.tui.export_dialog import ExportDialog
from drafter.tui.from_report import FromReportScreen
from drafter.tui.help import HelpScreen
from drafter.tui.meta_form import MetaForm
from drafter.tui.new_draft import NewDraftScreen
from drafter.tui.outline_tree import OutlineTree, Place
from drafter.tui.session import AutosaveClock, SlotWriter, list_autosaves, load_recent
from drafter.tui.start import StartScreen
from drafter.tui.status import StatusBar
from drafter.tui.suggestions import SuggestionPanel

SIZES = [(80, 24), (160, 48)]
UNIT = "长治市潞州区"
DATE = "2025-03-15"

TYPED = {
    "duties": "区委、区政府主要负责人带头学法，专题研究法治政府建设工作。",
    "shortcomings": "行政执法人员业务能力还有待提高，基层法治力量仍然薄弱。",
    "plans": "持续深化行政执法三项制度，加强执法人员培训。",
    "other": "建议上级加强对基层法治政府建设的业务指导。",
}


def sync(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test on its own event loop (Textual's Pilot is async)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


@pytest.fixture(scope="module")
def phrasebook(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Phrasebook]:
    """The bundled corpus, indexed once in its own DRAFTER_HOME."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DRAFTER_HOME", str(tmp_path_factory.mktemp("tui_book")))
        book = Phrasebook.open()
    yield book
    book.close()


@pytest.fixture(autouse=True)
def quick_timers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Short debounce, check and autosave delays, and a working folder of our own."""
    monkeypatch.setattr(suggestions, "DEBOUNCE", 0.01)
    monkeypatch.setattr(drafting, "CHECK_DELAY", 0.3)
    monkeypatch.setattr(session, "AUTOSAVE_IDLE", 0.1)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def app_factory(phrasebook: Phrasebook) -> Callable[[], DrafterApp]:
    """make_app() as the CLI calls it, with the shared phrasebook."""
    return lambda: make_app(load_book=lambda progress: phrasebook)


async def wait_until(pilot: Pilot, condition: Callable[[], object], timeout: float = 10) -> None:
    """Let the app run until `condition()` holds (workers and timers included)."""
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app never reached the expected state")


async def settle(pilot: Pilot) -> None:
    """Let timers fire and workers finish. A worker replaced by a newer one of its group
    (a check begun again when the phrasebook opens) ends cancelled: that is finished too."""
    await pilot.pause(0.15)
    for _ in range(200):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            continue  # others may still run: wait again
        break
    await pilot.pause()


async def type_text(pilot: Pilot, text: str) -> None:
    """Type like a user, one key per character (Pilot.press drops CJK punctuation).

    The keys are queued; a test that then moves the focus itself (not by a key) must
    not overtake them, so this waits until the focused field shows what was typed —
    on a busy machine the queue takes a while."""
    target = pilot.app.focused
    for char in text:
        pilot.app.post_message(events.Key(_character_to_key(char), char))
    await pilot.pause()
    if isinstance(target, (Input, TextArea)):
        shown = (lambda: target.value) if isinstance(target, Input) else (lambda: target.text)
        await wait_until(pilot, lambda: text in shown())


async def fill_start_form(pilot: Pilot) -> None:
    """新建报告 from the start menu, then unit, year 2024 and a fixed date in the form."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, StartScreen))
    await pilot.press("enter")  # the menu opens with 新建报告 highlighted
    await wait_until(
        pilot,
        lambda: isinstance(app.screen, NewDraftScreen) and app.screen.query(".question-field"),
    )
    fields = list(app.screen.query(".question-field"))
    fields[0].focus()
    await type_text(pilot, UNIT)
    for index, value in ((1, "2024"), (-1, DATE)):
        fields[index].focus()
        await pilot.press("home", "ctrl+k")
        await type_text(pilot, value)
    await pilot.pause()


async def new_draft(pilot: Pilot) -> DraftingScreen:
    """From the start screen to the drafting screen for 长治市潞州区 2024."""
    await fill_start_form(pilot)
    await pilot.press("ctrl+n")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, DraftingScreen))
    await wait_until(pilot, lambda: pilot.app.book is not None)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, DraftingScreen)
    return screen


async def edit(pilot: Pilot, screen: DraftingScreen, place: Place) -> BodyArea:
    """Pick an item in the outline with the keyboard and start typing in its body."""
    tree = screen.query_one(OutlineTree)
    tree.focus()
    tree.move_to(place)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    body = screen.query_one("#body", BodyArea)
    assert screen.place == place and screen.focused is body
    return body


def autosaved(text: str) -> bool:
    """Whether an autosave slot holds `text` yet."""
    return any(text in slot.yaml_path.read_text(encoding="utf-8") for slot in list_autosaves())


async def wait_for_suggestions(pilot: Pilot, screen: DraftingScreen) -> None:
    panel = screen.query_one(SuggestionPanel)
    await wait_until(pilot, lambda: panel.suggestions)


async def fill_placeholders(pilot: Pilot, text: Callable[[], str], value: str) -> None:
    """Ctrl+L to each placeholder in the focused field and type over it."""
    for _ in range(20):
        if not find_placeholders(text()):
            return
        await pilot.press("ctrl+l")
        await type_text(pilot, value)
    raise AssertionError(f"placeholders left in {text()!r}")


async def export_through_dialog(pilot: Pilot, out: Path, *, force: bool = False) -> ExportDialog:
    await pilot.press("ctrl+o")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ExportDialog))
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    dialog.query_one("#export-path", Input).value = str(out)
    await pilot.press("enter")
    await settle(pilot)
    if force:
        assert dialog.query_one("#force").display
        await pilot.click("#force")
        await settle(pilot)
    return dialog


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@sync
async def test_whole_flow(
    app_factory: Callable[[], DrafterApp], tmp_path: Path, size: tuple[int, int]
) -> None:
    """New draft → the five parts with a suggestion and placeholders → preview → .docx → save."""
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        screen = await new_draft(pilot)

        # The opening arrives with a {工作概述} placeholder: Ctrl+L selects it, typing fills it.
        body = screen.query_one("#body", BodyArea)
        await pilot.press("ctrl+l")
        await type_text(pilot, "全区法治政府建设取得新成效")
        opening = screen.draft.items("opening")[0].body
        assert "全区法治政府建设取得新成效" in opening and not find_placeholders(opening)

        # Measures: type a few words, take the top suggestion's template, fill its gaps.
        body = await edit(pilot, screen, Place("measures", 0))
        await type_text(pilot, "深化放管服改革")
        await wait_for_suggestions(pilot, screen)
        chosen = screen.query_one(SuggestionPanel).selected
        assert chosen is not None and chosen.slot == "measures" and chosen.sources
        await pilot.press("ctrl+t")
        inserted = chosen.template.replace("{年度}", "2024")  # the draft answers {年度}
        assert inserted in body.text and "深化放管服改革" not in body.text
        await fill_placeholders(pilot, lambda: body.text, "12")
        measures = screen.draft.items("measures")[0].body
        assert not find_placeholders(measures) and "12" in measures

        # The other parts: typed by hand; shortcomings also takes a heading suggestion.
        for key, text in TYPED.items():
            if not screen.draft.items(key):
                screen.add_item(key)
                await pilot.pause()
            body = await edit(pilot, screen, Place(key, 0))
            await type_text(pilot, text)
            item = screen.draft.items(key)[0]
            await wait_until(pilot, lambda item=item, text=text: text in item.body)
        body = await edit(pilot, screen, Place("shortcomings", 0))
        screen.query_one("#heading", Input).focus()
        await pilot.pause()
        await wait_until(pilot, lambda: screen.query_one(SuggestionPanel).suggestions)
        heading = screen.query_one(SuggestionPanel).selected
        assert heading is not None
        await pilot.press("ctrl+t")
        filled = heading.template.replace("{年度}", "2024")
        assert screen.draft.items("shortcomings")[0].heading == filled
        field = screen.query_one("#heading", Input)
        await fill_placeholders(pilot, lambda: field.value, "2024")
        shortcomings_heading = field.value

        # Preview.
        await pilot.press("f3")
        await settle(pilot)
        preview = str(screen.query_one("#preview-text").render())
        assert f"{UNIT}2024年度法治政府建设情况报告" in preview
        assert all(text in preview for text in TYPED.values()), preview
        await pilot.press("f2")

        # Export to .docx: the document holds what was typed.
        out = tmp_path / "报告.docx"
        dialog = await export_through_dialog(pilot, out)
        assert dialog.exported == out
        document = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
        assert "全区法治政府建设取得新成效" in document
        assert all(text in document for text in TYPED.values())
        assert measures.splitlines()[0][:20] in document
        await pilot.press("escape")

        # Save: asked for a path the first time; the autosave slot goes away.
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveDialog))
        app.screen.query_one("#path", Input).value = str(tmp_path / "潞州区2024")
        await pilot.press("enter")
        await pilot.pause()
        saved_path = tmp_path / "潞州区2024.draft.yaml"
        assert screen.draft.path == saved_path and not screen.dirty
        assert list_autosaves() == [] and load_recent() == [saved_path]

        await pilot.press("ctrl+q")  # nothing unsaved: quits without asking
        await pilot.pause()
    assert app.return_code == 0

    saved = load_draft(saved_path)
    assert saved.meta["unit"] == UNIT and saved.meta["year"] == 2024
    assert saved.sections["measures"][0].body == measures
    assert saved.sections["opening"][0].body == opening
    for key, text in TYPED.items():
        assert text in saved.sections[key][0].body
    assert saved.sections["shortcomings"][0].heading == shortcomings_heading


@sync
async def test_kill_and_recover(app_factory: Callable[[], DrafterApp]) -> None:
    """Typing is autosaved; an app that dies without saving is offered back at next start."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_draft(pilot)
        body = await edit(pilot, screen, Place("plans", 0))
        await type_text(pilot, "加强执法人员培训")
        await wait_until(pilot, lambda: autosaved("加强执法人员培训"))
        typed = body.text
    # The test harness tears the app down without a clean quit: like a killed terminal.

    (slot,) = list_autosaves()
    assert slot.draft_path is None and slot.read().sections["plans"][0].body == typed

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, StartScreen))
        recover = app.screen.query_one("#recover-list", OptionList)
        # Named after the first paint: reading a draft loads its template pack.
        await wait_until(pilot, lambda: UNIT in str(recover.get_option_at_index(0).prompt))
        assert "未保存的新草稿" in str(recover.get_option_at_index(0).prompt)
        await pilot.click("#recover-button")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftingScreen))
        screen = app.screen
        assert isinstance(screen, DraftingScreen) and screen.dirty
        assert screen.draft.sections["plans"][0].body == typed
        assert screen.draft.meta["unit"] == UNIT

        await pilot.press("ctrl+q")  # unsaved: asks first
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.click("#discard")
        await pilot.pause()
    assert list_autosaves() == []


@sync
async def test_export_with_placeholders_left_offers_force(
    app_factory: Callable[[], DrafterApp], tmp_path: Path
) -> None:
    """Export refuses a draft with gaps, says so in the dialog, and can be forced."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_draft(pilot)  # the opening still holds {工作概述}
        out = tmp_path / "报告.txt"
        dialog = await export_through_dialog(pilot, out)
        assert not out.exists() and dialog.exported is None
        assert "工作概述" in str(dialog.query_one("#export-result").render())
        dialog = await export_through_dialog(pilot, out, force=True)
        assert dialog.exported == out and "{工作概述}" in out.read_text(encoding="utf-8")


@sync
async def test_findings_take_you_to_their_place(app_factory: Callable[[], DrafterApp]) -> None:
    """F4 lists the checks' findings; Enter on one moves the editor there."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_draft(pilot)
        await edit(pilot, screen, Place("plans", 0))
        await pilot.press("f4")
        await settle(pilot)
        findings = screen.query_one("#findings-list")
        placeholder = next(i for i, f in enumerate(screen.findings) if f.code == "placeholder")
        findings.highlighted = placeholder
        await pilot.press("enter")
        await pilot.pause()
        assert screen.place == Place("opening", 0)
        assert screen.focused is screen.query_one("#body")


@sync
async def test_opening_a_file_with_an_autosave_asks(
    app_factory: Callable[[], DrafterApp], tmp_path: Path
) -> None:
    """A saved draft whose session died offers its newer autosave when opened from the list."""
    app = app_factory()
    path = tmp_path / "a.draft.yaml"
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_draft(pilot)
        screen._save_to(path)
        body = await edit(pilot, screen, Place("other", 0)) if screen.draft.items("other") else None
        if body is None:
            screen.add_item("other")
            body = await edit(pilot, screen, Place("other", 0))
        await type_text(pilot, "未保存的一句")
        await wait_until(pilot, lambda: autosaved("未保存的一句"))

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, StartScreen))
        app.screen.query_one("#start-menu").focus()  # the recovery box has the focus first
        await pilot.press("end", "enter")  # the recent drafts end the menu; the file is the one
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.click("#recover")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftingScreen))
        assert app.screen.draft.sections["other"][0].body == "未保存的一句"
        assert app.screen.draft.path == path


@sync
async def test_help_lists_the_keys(app_factory: Callable[[], DrafterApp]) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_draft(pilot)
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "Ctrl+L" in text or "ctrl+l" in text.lower()
        await pilot.press("escape")
        assert isinstance(app.screen, DraftingScreen)


@sync
async def test_first_screen_does_not_wait_for_the_phrasebook(phrasebook: Phrasebook) -> None:
    """The start screen is up and says the phrasebook is loading while it still loads."""
    release = threading.Event()

    def slow_loader(progress: Callable[[int, int, str], None]) -> Phrasebook:
        progress(1, 5, "000.txt")
        release.wait(10)
        return phrasebook

    app = make_app(load_book=slow_loader)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "1/5" in app.book_status)
        assert isinstance(app.screen, StartScreen) and app.book is None
        assert "正在建立短语索引" in str(app.screen.query_one("#status").render())
        release.set()
        await wait_until(pilot, lambda: app.book is phrasebook)


def saved_draft(path: Path, year: int) -> Path:
    """A new draft for the unit and `year`, saved at `path` as `drafter new` would."""
    drafts.save_draft(drafts.new_draft("standard", {"unit": UNIT, "year": year}), path)
    return path


@sync
async def test_open_dialog_and_back_from_the_form(
    app_factory: Callable[[], DrafterApp], tmp_path: Path
) -> None:
    """Ctrl+O asks for a path (and says what is wrong with one); Esc leaves the new-draft form."""
    path = saved_draft(tmp_path / "b.draft.yaml", 2023)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: isinstance(app.screen, NewDraftScreen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, StartScreen))

        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(app.screen, OpenDialog))
        field = app.screen.query_one("#path", Input)
        assert field.value == f"{tmp_path}/"  # the working folder, to complete
        await type_text(pilot, "missing.draft.yaml")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OpenDialog)
        assert "找不到" in str(app.screen.query_one("#path-error").render())
        field.value = str(path)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftingScreen))
        assert app.screen.draft.path == path and app.screen.draft.meta["year"] == 2023
    assert load_recent() == [path]


@sync
async def test_launched_on_a_draft_file(phrasebook: Phrasebook, tmp_path: Path) -> None:
    """`drafter open FILE` (run_tui with a path) goes straight to the drafting screen."""
    path = saved_draft(tmp_path / "c.draft.yaml", 2024)
    app = make_app(path, load_book=lambda progress: phrasebook)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, DraftingScreen))
        assert app.screen.draft.path == path and not app.screen.dirty


def test_first_screen_loads_no_core_module() -> None:
    """The start screen paints before yaml, Jinja, the packs, the index or jieba are loaded:
    they load after the first paint (the start screen's `_prepare`, the phrasebook worker)."""
    code = """\
import asyncio, sys
from drafter.errors import DrafterError
from drafter.tui.app import make_app
from drafter.tui.start import StartScreen

at_first_paint = []
StartScreen._prepare = lambda self: at_first_paint.append(set(sys.modules) & set(sys.argv[1:]))

def loader(progress):
    raise DrafterError("not in this test")

async def main():
    app = make_app(load_book=loader)
    async with app.run_test(size=(80, 24)) as pilot:
        while not at_first_paint:
            await pilot.pause(0.05)
        assert isinstance(app.screen, StartScreen) and app.screen.query_one("#start-menu")
    print(sorted(at_first_paint[0]))

asyncio.run(main())
"""
    heavy = ["yaml", "jinja2", "jieba", "docx", "sqlite3"]
    heavy += [f"drafter.{name}" for name in ("outline", "draft", "render", "check", "export")]
    heavy += ["drafter.corpus.phrasebook", "drafter.tui.new_draft", "drafter.tui.drafting"]
    out = subprocess.run(
        [sys.executable, "-c", code, *heavy], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


# --- snapshots -----------------------------------------------------------------------
# Fixed DRAFTER_HOME (per test), fixed answers and dates, suggestions and checks settled
# before the picture is taken; the autosave slot name never shows on screen.


def _snapshot_app(phrasebook: Phrasebook) -> DrafterApp:
    return make_app(load_book=lambda progress: phrasebook)


def steady(run_before: Callable[[Pilot], Coroutine[Any, Any, None]]) -> Callable[..., Any]:
    """Run `run_before`, then stop cursors blinking so that pictures are repeatable."""

    async def run(pilot: Pilot) -> None:
        await run_before(pilot)
        for screen in pilot.app.screen_stack:
            for widget in screen.query("Input, TextArea"):
                widget.cursor_blink = False  # type: ignore[attr-defined]
            for area in screen.query(TextArea):
                area._line_cache.clear()  # lines cached in the blink's dark phase lack the cursor
                area.refresh()
        await pilot.pause()

    return run


async def _drafting_with_suggestions(pilot: Pilot) -> None:
    screen = await new_draft(pilot)
    await edit(pilot, screen, Place("measures", 3))
    await type_text(pilot, "严格规范公正文明执法")
    await wait_for_suggestions(pilot, screen)
    await settle(pilot)


def test_snapshot_start_screen(snap_compare: Callable[..., bool], phrasebook: Phrasebook) -> None:
    @steady
    async def run_before(pilot: Pilot) -> None:
        await wait_until(pilot, lambda: pilot.app.book is not None)
        await settle(pilot)

    assert snap_compare(_snapshot_app(phrasebook), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_new_draft_form(snap_compare: Callable[..., bool], phrasebook: Phrasebook) -> None:
    @steady
    async def run_before(pilot: Pilot) -> None:
        await fill_start_form(pilot)
        await wait_until(pilot, lambda: pilot.app.book is not None)
        await settle(pilot)

    assert snap_compare(_snapshot_app(phrasebook), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_drafting_screen(
    snap_compare: Callable[..., bool], phrasebook: Phrasebook, size: tuple[int, int]
) -> None:
    assert snap_compare(
        _snapshot_app(phrasebook), terminal_size=size, run_before=steady(_drafting_with_suggestions)
    )


def test_snapshot_preview(snap_compare: Callable[..., bool], phrasebook: Phrasebook) -> None:
    @steady
    async def run_before(pilot: Pilot) -> None:
        await _drafting_with_suggestions(pilot)
        await pilot.press("f3")
        await settle(pilot)

    assert snap_compare(_snapshot_app(phrasebook), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_findings(snap_compare: Callable[..., bool], phrasebook: Phrasebook) -> None:
    @steady
    async def run_before(pilot: Pilot) -> None:
        await new_draft(pilot)
        await pilot.press("f4")
        await settle(pilot)

    assert snap_compare(_snapshot_app(phrasebook), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_export_dialog(
    snap_compare: Callable[..., bool], phrasebook: Phrasebook, tmp_path: Path
) -> None:
    @steady
    async def run_before(pilot: Pilot) -> None:
        await new_draft(pilot)
        await export_through_dialog(pilot, Path("/tmp/drafter-snapshot-无此目录/报告.docx"))

    assert snap_compare(_snapshot_app(phrasebook), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_placeholder_selected(
    snap_compare: Callable[..., bool], phrasebook: Phrasebook
) -> None:
    """Just after Ctrl+T: {年度} filled, the first gap in reverse video, the status bar
    saying what to type."""

    @steady
    async def run_before(pilot: Pilot) -> None:
        screen = await new_draft(pilot)
        await insert_the_top_suggestion(pilot, screen, "深化放管服改革")
        await settle(pilot)

    assert snap_compare(_snapshot_app(phrasebook), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_guidance_expanded(
    snap_compare: Callable[..., bool], phrasebook: Phrasebook
) -> None:
    @steady
    async def run_before(pilot: Pilot) -> None:
        screen = await new_draft(pilot)
        await edit(pilot, screen, Place("measures", 0))
        await settle(pilot)
        await pilot.press("f6")
        await pilot.pause()

    assert snap_compare(_snapshot_app(phrasebook), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_year_marked(snap_compare: Callable[..., bool], phrasebook: Phrasebook) -> None:
    @steady
    async def run_before(pilot: Pilot) -> None:
        screen = await new_draft(pilot)
        await go_to_meta(pilot, screen, "year")
        await type_text(pilot, "5")
        await settle(pilot)

    assert snap_compare(_snapshot_app(phrasebook), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_from_report(
    snap_compare: Callable[..., bool],
    phrasebook: Phrasebook,
    tmp_path_factory: pytest.TempPathFactory,
    size: tuple[int, int],
) -> None:
    """What was recognised in last year's report, and the two ways to use it."""
    folder = tmp_path_factory.mktemp("report")
    path = report_docx(folder / "潞州区2023年报告.docx")

    @steady
    async def run_before(pilot: Pilot) -> None:
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FromReportScreen))
        await wait_until(pilot, lambda: pilot.app.screen.draft is not None)
        await settle(pilot)

    app = make_app(path, load_book=lambda progress: phrasebook)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_promises(
    snap_compare: Callable[..., bool],
    phrasebook: Phrasebook,
    tmp_path_factory: pytest.TempPathFactory,
    size: tuple[int, int],
) -> None:
    """Next year's draft: a measure being written, last year's promises beside it."""
    path = next_year_file(tmp_path_factory.mktemp("promises"))

    @steady
    async def run_before(pilot: Pilot) -> None:
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, DraftingScreen))
        await settle(pilot)
        screen = pilot.app.screen
        await edit(pilot, screen, Place("measures", 2))
        # The promise is answered; the sentence being typed has suggestions in a stable order.
        answer = "深化“一窗受理”改革，推广电子证照应用，推行告知承诺制。"
        await type_text(pilot, answer + "严格规范公正文明执法")
        await wait_for_suggestions(pilot, screen)
        title = screen.query_one("#promises-title")
        await wait_until(pilot, lambda: "已回应 1/" in str(title.render()))
        screen.query_one("#promise-list").focus()  # browsing them (no blinking cursor)
        await settle(pilot)

    app = make_app(path, load_book=lambda progress: phrasebook)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


# --- helpers for the tests below -------------------------------------------------------


class Said:
    """The notifications an app showed (a `message_hook` for `run_test`)."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.messages.append(f"{message.notification.title} {message.notification.message}")

    def __contains__(self, text: str) -> bool:
        return any(text in message for message in self.messages)


def checking(app: DrafterApp) -> bool:
    """Whether the checks are running."""
    return any(worker.group == "check" and worker.is_running for worker in app.workers)


def help_keys(screen: Screen) -> str:
    """The help screen's table of keys, as the screen prints it."""
    assert isinstance(screen, HelpScreen)
    console = Console(file=io.StringIO(), width=100, record=True)
    console.print(screen._keys())
    return console.export_text()


def status_text(app: DrafterApp) -> str:
    return str(app.screen.query_one(StatusBar).render())


def report_docx(path: Path, seed: str = "001") -> Path:
    """A seed report as a .docx, as a user would have last year's report from Word."""
    document = docx.Document()
    for line in seed_path(seed).read_text(encoding="utf-8").splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    document.save(str(path))
    return path


async def wait_for_start(pilot: Pilot) -> Screen:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, StartScreen))
    return pilot.app.screen


async def go_to_meta(pilot: Pilot, screen: DraftingScreen, key: str) -> Input:
    """The 报告信息 form, focused on question `key`, cursor at its end."""
    screen.go_to(Place(), key)
    await pilot.pause()
    field = screen.query_one(f"#draft-meta #q-{key} .question-field", Input)
    assert screen.focused is field
    field.cursor_position = len(field.value)
    return field


def row_problem(screen: Screen, key: str) -> str:
    """The problem shown beside question `key`'s field ("" if none)."""
    row = screen.query_one(f"#q-{key}")
    return str(row.query_one(".question-problem").render()) if row.has_class("-invalid") else ""


# --- issue: hostile input does not crash the TUI ---------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@sync
async def test_a_year_typed_wrong_is_marked_not_a_crash(
    app_factory: Callable[[], DrafterApp], size: tuple[int, int]
) -> None:
    """`20245` in 报告年度: the field and the outline are marked, preview and checks say why,
    the autosave keeps it, and the recovered draft opens on the marked field."""
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        screen = await new_draft(pilot)
        field = await go_to_meta(pilot, screen, "year")
        await type_text(pilot, "5")
        assert field.value == "20245"
        await settle(pilot)
        assert screen.draft.meta["year"] == 20245
        assert row_problem(screen, "year").startswith("！")
        assert "20245" in str(screen.query_one("#draft-meta .form-note").render())  # all of it
        assert "报告年度有误" in status_text(app)
        marked = ("meta:year", "error")
        await wait_until(pilot, lambda: marked in [(f.field, f.severity) for f in screen.findings])
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, DraftingScreen)
        await wait_until(pilot, lambda: autosaved("year: 20245"))
    (slot,) = list_autosaves()

    app = app_factory()
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.click("#recover-button")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftingScreen))
        screen = app.screen
        assert isinstance(screen, DraftingScreen) and screen.place == Place()
        await settle(pilot)
        field = screen.query_one("#draft-meta #q-year .question-field", Input)
        assert screen.focused is field and field.value == "20245"
        assert row_problem(screen, "year").startswith("！")
        await pilot.press("end", "backspace")  # the writer puts it right
        await settle(pilot)
        assert screen.draft.meta["year"] == 2024 and not row_problem(screen, "year")
        assert "有误" not in status_text(app)


@pytest.mark.parametrize("value", ["20x4", "20245", "'2024年'"])
@sync
async def test_a_draft_file_with_a_wrong_answer_opens_with_it_marked(
    phrasebook: Phrasebook, tmp_path: Path, value: str
) -> None:
    path = saved_draft(tmp_path / "bad.draft.yaml", 2024)
    path.write_text(path.read_text(encoding="utf-8").replace("year: 2024", f"year: {value}"))
    app = make_app(path, load_book=lambda progress: phrasebook)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, DraftingScreen))
        await settle(pilot)
        screen = app.screen
        field = screen.query_one("#draft-meta #q-year .question-field", Input)
        assert screen.focused is field and row_problem(screen, "year")
        assert screen.query_one(OutlineTree).get_node_at_line(0).label.plain.startswith("!")


def test_only_wrong_answers_are_kept_for_the_form(tmp_path: Path) -> None:
    """A year typed wrong is kept as written; anything else wrong with a draft is refused."""
    path = saved_draft(tmp_path / "x.draft.yaml", 2024)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("year: 2024", "year: 20x4"), encoding="utf-8")
    assert session.load_for_editing(path).meta["year"] == "20x4"
    with pytest.raises(DraftError):
        drafts.load_draft(path)
    for broken in ("year: 2024\n  colour: red", "year: [2024]"):
        path.write_text(text.replace("year: 2024", broken), encoding="utf-8")
        with pytest.raises(DraftError):
            session.load_for_editing(path)


@sync
async def test_markup_typed_or_in_file_names_is_plain_text(
    app_factory: Callable[[], DrafterApp], phrasebook: Phrasebook, tmp_path: Path
) -> None:
    """`[/]` in the form (quoted back by the problem), the heading, the body, a file name."""
    said = Said()
    app = app_factory()
    async with app.run_test(size=(80, 24), message_hook=said) as pilot:
        await fill_start_form(pilot)
        year = list(app.screen.query(".question-field"))[1]
        year.focus()
        await pilot.press("end")
        await type_text(pilot, "[/]")
        await pilot.pause()
        assert "[/]" in str(app.screen.query_one(".form-note").render())
        await pilot.press("backspace", "backspace", "backspace")
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftingScreen))
        screen = app.screen
        assert isinstance(screen, DraftingScreen)
        field = await go_to_meta(pilot, screen, "unit")
        await type_text(pilot, "[b]")
        await settle(pilot)
        assert f"{UNIT}[b]" in status_text(app)
        screen.add_item("other")
        await pilot.pause()
        await type_text(pilot, "[/]标题[b]")
        body = await edit(pilot, screen, Place("other", 0))
        await type_text(pilot, "正文[/][red]")
        await settle(pilot)
        name = tmp_path / "[@click=app.quit]报告[red].draft.yaml"  # no "/" in a file name
        screen._save_to(name)
        await settle(pilot)
        assert name.name in status_text(app) and str(name) in said
        assert field.value == f"{UNIT}[b]" and body.text == "正文[/][red]"
    saved = load_draft(name)
    assert saved.sections["other"][0].heading == "[/]标题[b]"
    app = make_app(name, load_book=lambda progress: phrasebook)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, DraftingScreen))
        assert name.name in status_text(app)


@sync
async def test_a_window_narrower_than_six_columns(
    app_factory: Callable[[], DrafterApp], tmp_path: Path
) -> None:
    """Every screen survives being squeezed to a few columns (or rows) and back."""
    app = app_factory()

    async def squeeze(pilot: Pilot) -> None:
        for size in ((5, 10), (1, 1), (3, 40), (80, 2)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()

    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, StartScreen))
        await squeeze(pilot)
        await fill_start_form(pilot)
        await squeeze(pilot)
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftingScreen))
        await settle(pilot)
        await squeeze(pilot)
        for key, screen_type in (("ctrl+o", ExportDialog), ("f1", HelpScreen)):
            await pilot.press(key)
            await wait_until(pilot, lambda: isinstance(app.screen, screen_type))  # noqa: B023
            await squeeze(pilot)
            await pilot.press("escape")
            await pilot.pause()
        assert isinstance(app.screen, DraftingScreen) and app.return_code is None


@sync
async def test_control_characters_in_the_export_path(
    app_factory: Callable[[], DrafterApp], tmp_path: Path
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_draft(pilot)
        for name in ("报告\x01.docx", "报\x00告.txt", "a\x1b[31m.md"):
            dialog = await export_through_dialog(pilot, tmp_path / name)
            assert "控制字符" in str(dialog.query_one("#export-result").render())
            await pilot.press("escape")
            await pilot.pause()
        assert list(tmp_path.iterdir()) == [] and isinstance(app.screen, DraftingScreen)


@sync
async def test_failures_become_messages(
    phrasebook: Phrasebook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A phrasebook that cannot open, a lookup, a check, a preview, an export and a
    screen's own handler that fail: each is a message; typing goes on and is kept."""
    from drafter.drafting import check, export, render

    def broken_book(progress: Callable[[int, int, str], None]) -> Phrasebook:
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "a corpus file named badly")

    said = Said()
    app = make_app(load_book=broken_book)
    async with app.run_test(size=(80, 24), message_hook=said) as pilot:
        await wait_until(pilot, lambda: "短语库打开失败" in said)
        assert app.book_status == "短语库不可用" and "UnicodeDecodeError" in said

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(Phrasebook, "suggest", fail)
    monkeypatch.setattr(check, "check_draft", fail)
    monkeypatch.setattr(render, "render_blocks", fail)
    monkeypatch.setattr(export, "export_draft", fail)
    monkeypatch.setattr(DraftingScreen, "action_toggle_guidance", fail)
    said = Said()
    app = make_app(load_book=lambda progress: phrasebook)
    async with app.run_test(size=(80, 24), message_hook=said) as pilot:
        screen = await new_draft(pilot)
        body = await edit(pilot, screen, Place("plans", 0))
        await type_text(pilot, "依法行政")
        title = screen.query_one("#suggestions-title")
        await wait_until(pilot, lambda: "查询出错" in str(title.render()))
        assert any(f.code == "not-checked" and "boom" in f.message for f in screen.findings)
        await pilot.press("f6")
        await pilot.pause()
        assert "程序内部错误" in said and "boom" in said
        assert (session.user_dirs().state / "tui-errors.log").read_text().count("RuntimeError")
        await pilot.press("f3")
        await settle(pilot)
        assert "无法预览" in str(screen.query_one("#preview-text").render())
        await pilot.press("f2")
        dialog = await export_through_dialog(pilot, tmp_path / "r.docx")
        assert "导出失败" in str(dialog.query_one("#export-result").render())
        await pilot.press("escape")
        await type_text(pilot, "，继续写")
        await wait_until(pilot, lambda: autosaved("依法行政，继续写"))
        assert body.text == "依法行政，继续写" and app.return_code is None


@sync
async def test_a_fatal_error_autosaves_first(
    app_factory: Callable[[], DrafterApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """When Textual itself must stop, the draft is autosaved before it does."""
    app = app_factory()
    with pytest.raises(RuntimeError, match="fatal"):
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await new_draft(pilot)
            await edit(pilot, screen, Place("plans", 0))
            monkeypatch.setattr(session, "AUTOSAVE_IDLE", 3600)  # no autosave by the clock
            monkeypatch.setattr(session, "AUTOSAVE_MAX", 3600)
            await type_text(pilot, "崩溃前的一句")
            assert not autosaved("崩溃前的一句")
            app._handle_exception(RuntimeError("fatal"))
    assert autosaved("崩溃前的一句")


def test_typing_is_autosaved_within_two_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    """The clock, asked every AUTOSAVE_TICK while keys come every 0.1 s (and pauses), has
    every key in an autosave less than 2 s after it was typed."""
    now = [0.0]
    monkeypatch.setattr(session.time, "monotonic", lambda: now[0])
    clock = AutosaveClock()
    keys = [round(0.1 * i, 2) for i in range(120)] + [round(20 + 0.1 * i, 2) for i in range(30)]
    pending: list[float] = []
    delays: list[float] = []
    tick = session.AUTOSAVE_TICK
    for step in range(int(30 / 0.01)):
        now[0] = round(step * 0.01, 2)
        if now[0] in keys:
            clock.changed()
            pending.append(now[0])
        if step % round(tick / 0.01) == 0 and clock.due():
            clock.saved()
            delays += [now[0] - typed for typed in pending]
            pending = []
    assert not pending and len(delays) == len(keys)
    assert max(delays) <= session.AUTOSAVE_MAX + tick <= 2.0


def test_autosave_writes_keep_the_newest(tmp_path: Path) -> None:
    """A slow, older autosave never overwrites a newer one, nor brings back a discarded slot."""
    writer, slot = SlotWriter(), tmp_path / "s.draft.yaml"
    assert writer.write(2, slot, "two", None)
    assert not writer.write(1, slot, "one", None) and slot.read_text() == "two"
    writer.discard(slot, 3)
    assert not writer.write(3, slot, "three", None) and not slot.exists()
    assert writer.write(4, slot, "four", None) and slot.read_text() == "four"


@sync
async def test_keys_typed_in_a_burst_arrive_in_order(app_factory: Callable[[], DrafterApp]) -> None:
    """Backspace then digits, all at once (a busy moment, tmux send-keys): in order."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await fill_start_form(pilot)
        year = list(app.screen.query(".question-field"))[1]
        assert isinstance(year, Input)
        year.focus()
        await pilot.press("end")
        burst = ["backspace"] * 4 + list("2023") + ["home"] + list("9") + ["end"] + list("1")
        for key in burst:
            character = key if len(key) == 1 else None
            app.post_message(events.Key(_character_to_key(key) if character else key, character))
        await pilot.pause(0.5)
        assert year.value == "920231"


# --- issue: from last year's report to the finished draft -------------------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(
    ("way", "choice", "year"),
    [("menu", "#as-draft", 2023), ("ctrl+o", "#next-year", 2024)],
    ids=["import", "next-year"],
)
@sync
async def test_open_last_years_report(
    app_factory: Callable[[], DrafterApp],
    tmp_path: Path,
    size: tuple[int, int],
    way: str,
    choice: str,
    year: int,
) -> None:
    """A .docx from the start menu or Ctrl+O: what was recognised, then import it as this
    year's draft, or start next year's from it."""
    path = report_docx(tmp_path / "潞州区2023年报告.docx")
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, StartScreen))
        if way == "menu":
            menu = app.screen.query_one("#start-menu", OptionList)
            menu.highlighted = menu.get_option_index("open")
        await pilot.press("enter" if way == "menu" else "ctrl+o")
        await wait_until(pilot, lambda: isinstance(app.screen, OpenDialog))
        app.screen.query_one("#path", Input).value = str(path)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, FromReportScreen))
        dialog = app.screen
        assert isinstance(dialog, FromReportScreen)
        await wait_until(pilot, lambda: dialog.draft is not None)
        shown = str(dialog.query_one("#recognised").render())
        assert UNIT in shown and "2023" in shown and "主要举措和成效 6条" in shown
        assert "2024年的草稿" in shown and "中的 5 项" in shown  # the lead-in promises nothing
        await pilot.click(choice)
        await wait_until(pilot, lambda: isinstance(app.screen, DraftingScreen))
        screen = app.screen
        assert isinstance(screen, DraftingScreen)
        assert screen.draft.meta["unit"] == UNIT and screen.draft.meta["year"] == year
        assert f"{UNIT} {year}" in status_text(app)
        # the draft is on no disk yet: quitting asks, and 取消 keeps it open
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        assert app.is_running


@sync
async def test_drafter_open_on_a_report(phrasebook: Phrasebook, tmp_path: Path) -> None:
    """`drafter open 报告.docx` (make_app with its path) reads the report at once."""
    path = report_docx(tmp_path / "报告.docx")
    app = make_app(path, load_book=lambda progress: phrasebook)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, FromReportScreen))
        await wait_until(pilot, lambda: app.screen.draft is not None)
        await pilot.press("enter")  # the focus is on 开始新一年
        await wait_until(pilot, lambda: isinstance(app.screen, DraftingScreen))
        assert app.screen.draft.meta["year"] == 2024

    broken = tmp_path / "坏的.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    app = make_app(broken, load_book=lambda progress: phrasebook)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, FromReportScreen))
        dialog = app.screen
        shown = dialog.query_one("#recognised")
        await wait_until(pilot, lambda: "无法读取" in str(shown.render()))
        assert dialog.query_one("#next-year").disabled and app.return_code is None


def test_drafter_open_cli_on_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI no longer reads a report as a draft; a missing one is one line."""
    from drafter.cli import main
    from drafter.tui import app as tui_app

    runs: list[Path] = []
    monkeypatch.setattr(tui_app, "run_tui", lambda draft_path=None: runs.append(draft_path) or 0)
    path = report_docx(tmp_path / "报告.docx")
    assert main(["open", str(path)]) == 0 and runs == [path]
    assert main(["open", str(tmp_path / "没有.docx")]) == 1
    err = capsys.readouterr().err
    assert err == f"drafter: {tmp_path / '没有.docx'}：找不到这个文件\n" and "UTF-8" not in err


def test_placeholders_the_draft_answers() -> None:
    draft = drafts.new_draft("standard", {"unit": UNIT, "year": 2024})
    known = known_answers(draft)
    assert known["年度"] == "2024" and known["单位"] == UNIT
    text = fill_known("{单位}{年度}年办理{数量}件，｛年度｝", known)
    assert text == f"{UNIT}2024年办理{{数量}}件，2024"


def test_ctrl_l_never_skips_a_gap() -> None:
    text = "审批{数量}件，比例{比例}，{数量}次"
    first, second, third = Span(2, 6), Span(10, 14), Span(15, 19)
    assert next_gap(text, first, offered=first) == first  # offered: stay and fill it
    assert next_gap(text, first, offered=None) == second  # chosen with Ctrl+L: move on
    assert next_gap(text, Span(0, 0), None) == first
    assert next_gap(text, Span(4, 4), None) == first  # the cursor is inside it
    assert next_gap(text, Span(8, 8), None) == second
    assert next_gap(text, third, None) is None


async def insert_the_top_suggestion(pilot: Pilot, screen: DraftingScreen, typed: str) -> BodyArea:
    body = await edit(pilot, screen, Place("measures", 0))
    await type_text(pilot, typed)
    await wait_for_suggestions(pilot, screen)
    await pilot.press("ctrl+t")
    await pilot.pause()
    return body


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@sync
async def test_placeholders_cannot_go_wrong(
    app_factory: Callable[[], DrafterApp], size: tuple[int, int]
) -> None:
    """Insert → the first gap is selected and named in the status bar; figures typed with
    Ctrl+L between them land in their own gaps; after the last, the cursor goes to the
    end of the sentence and Enter does not split it; Ctrl+Home/End."""
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        screen = await new_draft(pilot)
        body = await insert_the_top_suggestion(pilot, screen, "深化放管服改革")
        chosen = screen.query_one(SuggestionPanel).selected
        assert chosen is not None
        inserted = fill_known(chosen.template, known_answers(screen.draft))
        assert "{年度}" in chosen.template and "{年度}" not in body.text and "2024年" in body.text
        gaps = find_placeholders(body.text)
        assert body.selected_text == gaps[0].group(0) == "{数量}"
        assert "Ctrl+L 下一处" in status_text(app) and "{数量}" in status_text(app)
        await pilot.press("ctrl+l")  # the first one stays selected: nothing is skipped
        assert body.selected_text == "{数量}" and body.span.start == gaps[0].start()
        await type_text(pilot, "1320")
        await pilot.press("ctrl+l")
        await type_text(pilot, "95%")
        assert "行政审批1320件" in body.text and "“一次办”比例达到95%" in body.text
        figures = iter(["96%", "97%", "88"])
        while find_placeholders(body.text):
            await pilot.press("ctrl+l")
            await type_text(pilot, next(figures))
        assert "承诺制审批88件" in body.text and "已填完" in status_text(app)
        end = body.text.index(inserted[-4:]) + 4
        await pilot.press("left", "left", "enter")  # inside the filled sentence
        assert body.text.count("\n") == 1 and body.text.index("\n") == end
        assert screen.draft.items("measures")[0].body == body.text
        await pilot.press("ctrl+home")
        assert body.cursor_location == (0, 0)
        await pilot.press("ctrl+end")
        assert body.cursor_location == body.document.end

        await type_text(pilot, "深化放管服改革")  # the same sentence again: Ctrl+L at its end
        await wait_for_suggestions(pilot, screen)
        await pilot.press("ctrl+t")
        while find_placeholders(body.text):
            await pilot.press("ctrl+l")
            await type_text(pilot, "7")
        assert body.text.endswith("承诺制审批7件，均位居全市前列。")
        assert body.cursor_index < len(body.text)  # just after the last figure typed
        await pilot.press("ctrl+l")
        assert body.cursor_index == len(body.text)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@sync
async def test_nothing_typed_is_lost(
    app_factory: Callable[[], DrafterApp], tmp_path: Path, size: tuple[int, int]
) -> None:
    """Tab in the body moves the focus, visibly; whatever has the focus next, what is
    typed lands in the draft and in the saved file."""
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        screen = await new_draft(pilot)
        await edit(pilot, screen, Place("duties", 0))
        accent = Color.parse(app.get_css_variables()["accent"])
        typed = ["【0】"]
        await type_text(pilot, typed[0])
        for keys in (["tab"], ["tab"], ["tab"], ["escape"], ["escape", "down"], ["f3"], ["f4"]):
            before = screen.focused
            await pilot.press(*keys)
            await pilot.pause()
            focused = screen.focused
            assert focused is not None and focused is not before
            if focused.styles.border_left[0]:  # the panes show the focus by their left edge
                assert focused.styles.border_left[1] == accent
            typed.append(f"【{len(typed)}】")
            await type_text(pilot, typed[-1])
            await pilot.pause()
            assert any(typed[-1] in item.body for item in screen.draft.items(screen.place.section))
        screen._save_to(tmp_path / "d.draft.yaml")
    saved = load_draft(tmp_path / "d.draft.yaml")
    text = "".join(i.heading + i.body for items in saved.sections.values() for i in items)
    assert all(marker in text for marker in typed)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@sync
async def test_the_drafting_screen_reads_at_its_size(
    app_factory: Callable[[], DrafterApp], size: tuple[int, int]
) -> None:
    """Guidance: two lines and a sign there is more, all of it on F6; the section title
    whole (wrapped); the outline's full title under it while it has the focus; three
    suggestions or more in view, two lines each."""
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        screen = await new_draft(pilot)
        await edit(pilot, screen, Place("measures", 2))
        await type_text(pilot, "严格规范公正文明执法")
        await wait_for_suggestions(pilot, screen)
        await settle(pilot)
        guidance = screen.query_one("#guidance")
        section = screen.outline.section("measures")
        collapsed = 2 if size == (80, 24) else 6
        assert "F6 展开全文" in str(guidance.render()) and guidance.region.height == collapsed
        await pilot.press("f6")
        await pilot.pause()
        assert "".join(section.guidance.split()) in "".join(str(guidance.render()).split())
        assert guidance.region.height > collapsed
        await pilot.press("f6")
        await pilot.pause()
        assert guidance.region.height == collapsed

        await edit(pilot, screen, Place("duties", 0))  # the longest title
        title = screen.query_one("#section-title")
        full = screen.outline.title_of("duties", screen.draft.meta)
        assert full in str(title.render())
        lines = -(-cell_len(str(title.render())) // title.content_region.width)
        assert title.region.height == lines  # wrapped, not cut
        await edit(pilot, screen, Place("measures", 2))

        tree = screen.query_one(OutlineTree)
        tree.focus()
        tree.move_to(Place("measures", 2))
        await pilot.pause()
        hint = str(screen.query_one("#outline-hint").render()).replace("\n", "")
        assert hint == "推进行政决策科学化、民主化、法治化"

        options = screen.query_one("#suggestion-list", OptionList)
        visible = options.region.height
        assert options.option_count >= 3 and visible >= 6
        for index in range(options.option_count):
            lines = options.get_option_at_index(index).prompt
            assert cell_len(str(lines)) <= 2 * options.scrollable_content_region.width
        source = str(screen.query_one("#suggestion-source").render())
        assert "篇报告用过" in source


@sync
async def test_asks_before_discarding_the_form(app_factory: Callable[[], DrafterApp]) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await fill_start_form(pilot)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.click("#stay")
        await wait_until(pilot, lambda: isinstance(app.screen, NewDraftScreen))
        assert app.screen.query_one(MetaForm).answers()["unit"] == UNIT
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.click("#discard")
        await wait_until(pilot, lambda: isinstance(app.screen, StartScreen))


@sync
async def test_asks_before_overwriting_an_export(
    app_factory: Callable[[], DrafterApp], tmp_path: Path
) -> None:
    out = tmp_path / "报告.txt"
    out.write_text("在 Word 里改过的报告", encoding="utf-8")
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_draft(pilot)
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportDialog))
        dialog = app.screen
        dialog.query_one("#export-path", Input).value = str(out)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.click("#cancel")
        await wait_until(pilot, lambda: app.screen is dialog)
        assert out.read_text(encoding="utf-8") == "在 Word 里改过的报告"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.click("#overwrite")
        await settle(pilot)
        await pilot.click("#force")  # the opening's {工作概述} is still to fill
        await settle(pilot)
        assert "{工作概述}" in out.read_text(encoding="utf-8")


@sync
async def test_footer_help_and_commands_speak_chinese(
    app_factory: Callable[[], DrafterApp],
) -> None:
    app = app_factory()
    async with app.run_test(size=(160, 48)) as pilot:
        for screen in (await wait_for_start(pilot), await new_draft(pilot)):
            footer = " ".join(str(w.render()) for w in screen.query("Footer *"))
            assert "palette" not in footer and "命令" in footer
            commands = list(app.get_system_commands(screen))
            assert len(commands) >= 5
            assert all(has_cjk(command.title) for command in commands), [
                command.title for command in commands
            ]
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen.query_one("Input", Input)
        assert palette.placeholder == "搜索命令…"
        await type_text(pilot, "qqqq")  # no command has it
        found = app.screen.query_one(CommandList)
        await wait_until(pilot, lambda: found.option_count == 1)
        said = str(found.get_option_at_index(0).prompt.renderable)
        assert said == "没有找到这个命令" and found.get_option_at_index(0).disabled
        await pilot.press("escape")
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = " ".join(str(w.render()) for w in app.screen.query(Static))
        text += help_keys(app.screen)
        assert "Ctrl+L" in text or "ctrl+l" in text.lower()
        assert not any(word in text for word in ("Cursor", "Copy", "Focus", "palette"))


# --- last year's plans, in view while this year's measures are written --------------------


def next_year_file(folder: Path) -> Path:
    """Next year's draft from last year's .docx, saved: it keeps the report as its source
    and last year's plans as its promises."""
    from drafter.drafting.reuse import import_report, next_year_draft

    draft = next_year_draft(import_report(report_docx(folder / "潞州区2023年报告.docx")))
    assert draft.promises and draft.source
    return drafts.save_draft(draft, folder / "潞州区2024.draft.yaml")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@sync
async def test_last_years_promises_stay_in_view(
    phrasebook: Phrasebook, tmp_path: Path, size: tuple[int, int]
) -> None:
    """Each promise is listed beside the measures, marked once a measure answers it;
    Enter on one not answered goes to the measure headed with it."""
    path = next_year_file(tmp_path)
    app = make_app(path, load_book=lambda progress: phrasebook)
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, DraftingScreen))
        screen = app.screen
        assert isinstance(screen, DraftingScreen)
        panel = screen.query_one("#promises")
        assert not panel.display  # the opening is not where promises are answered
        body = await edit(pilot, screen, Place("measures", 2))
        await settle(pilot)
        from drafter.drafting.reuse import promise_keys

        promises = [p for p in screen.draft.promises if promise_keys(p)]  # not the lead-in
        assert 0 < len(promises) < len(screen.draft.promises)
        title = screen.query_one("#promises-title")
        assert panel.display and f"已回应 0/{len(promises)}" in str(title.render())
        listed = screen.query_one("#promise-list", OptionList)
        assert listed.option_count == len(promises) and listed.region.height >= 3
        assert all(str(listed.get_option_at_index(i).prompt)[0] == "○" for i in range(3))

        answered = promises[2]  # the item in the editor is the one headed with it
        assert screen.draft.items("measures")[2].heading == answered.heading
        await type_text(pilot, answered.body)  # this year's text says what was promised
        await wait_until(pilot, lambda: f"已回应 1/{len(promises)}" in str(title.render()))
        index = promises.index(answered)
        assert str(listed.get_option_at_index(index).prompt).startswith("✓")
        assert listed.highlighted == index and body.text == answered.body

        waiting = next(i for i, p in enumerate(promises) if p.heading and p is not answered)
        listed.focus()
        listed.highlighted = waiting
        await pilot.press("enter")
        await pilot.pause()
        heading = promises[waiting].heading
        item = screen.item
        assert item is not None and item.heading == heading and screen.focused is body
        await edit(pilot, screen, Place("duties", 0))
        assert not panel.display


@sync
async def test_checks_compare_with_last_years_report(
    phrasebook: Phrasebook, tmp_path: Path
) -> None:
    """A draft started from last year's report: a paragraph kept as it was is flagged."""
    path = next_year_file(tmp_path)
    kept = next(
        line.strip()
        for line in seed_path("001").read_text(encoding="utf-8").splitlines()
        if len(line.strip()) > 60 and "。" in line
    )
    app = make_app(path, load_book=lambda progress: phrasebook)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, DraftingScreen))
        screen = app.screen
        assert isinstance(screen, DraftingScreen)
        await edit(pilot, screen, Place("measures", 1))
        await type_text(pilot, kept)
        await wait_until(pilot, lambda: any(f.code == "verbatim" for f in screen.findings))
        finding = next(f for f in screen.findings if f.code == "verbatim")
        assert finding.section == "measures" and finding.item == 1


@sync
async def test_keys_after_a_focus_change_in_a_burst(app_factory: Callable[[], DrafterApp]) -> None:
    """Esc ↓ ↓ Enter and typing, all at once: the outline moves, the item opens, the text
    lands in its body (the focus change does not wait behind the keys)."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_draft(pilot)
        await edit(pilot, screen, Place("measures", 0))
        burst = ["escape", "down", "down", "enter", *"写在第三条"]
        for key in burst:
            character = key if len(key) == 1 else None
            app.post_message(events.Key(_character_to_key(key) if character else key, character))
        items = screen.draft.items("measures")
        await wait_until(pilot, lambda: items[2].body == "写在第三条")
        assert screen.place == Place("measures", 2)
        assert screen.draft.items("measures")[0].body == ""


# --- suggestions for the draft's year and unit, checks with the corpus, coverage ----------


def test_lookup_scope_is_the_drafts_year_and_kind_of_unit() -> None:
    """A year being typed is no year (suggestions of any year); the department pack
    makes a 部门 whatever its name, a 区's government a 区县, a zone a 开发区."""
    county = drafts.new_draft("standard", {"unit": UNIT, "year": 2022})
    assert drafting.lookup_scope(county) == (2022, "区县")
    county.meta["year"] = 5
    assert drafting.lookup_scope(county) == (None, "区县")
    zone = drafts.new_draft("standard", {"unit": "阿拉善高新技术产业开发区", "year": 2024})
    assert drafting.lookup_scope(zone) == (2024, "开发区")
    department = drafts.new_draft("department", {"unit": "长治市潞州区人民政府", "year": 2024})
    assert drafting.lookup_scope(department) == (2024, "部门")
    county.meta["unit"] = " "
    assert county.unit_kind is None


@sync
async def test_suggestions_fit_the_drafts_year(app_factory: Callable[[], DrafterApp]) -> None:
    """A 2024 draft is never offered 十九大 as current; once its year is 2022, it is."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_draft(pilot)
        panel = screen.query_one(SuggestionPanel)
        await edit(pilot, screen, Place("measures", 8))
        await type_text(pilot, "全面贯彻党的十九大")
        await wait_until(pilot, lambda: panel.suggestions and panel._request.year == 2024)
        await settle(pilot)
        assert panel._request.unit_kind == "区县"
        shown = panel.query_one(OptionList)
        texts = [str(shown.get_option_at_index(i).prompt) for i in range(shown.option_count)]
        assert texts and not any("十九" in text for text in texts)
        assert not any("十九大" in s.text for s in panel.suggestions)

        field = await go_to_meta(pilot, screen, "year")
        await pilot.press("backspace", "backspace")
        await type_text(pilot, "22")
        await wait_until(pilot, lambda: screen.draft.meta.get("year") == 2022)
        await edit(pilot, screen, Place("measures", 8))
        assert field.value == "2022"
        await wait_until(pilot, lambda: any("十九大" in s.text for s in panel.suggestions))
        assert panel._request.year == 2022


@sync
async def test_checks_find_text_copied_from_another_units_report(
    phrasebook: Phrasebook, tmp_path: Path
) -> None:
    """Checked while the phrasebook loads, the draft has no corpus findings; once it is
    open it is checked again, and a sentence typed from 天津市河东区's report is named."""
    path = drafts.save_draft(clean("luzhou2023"), tmp_path / "luzhou2023.draft.yaml")
    release = threading.Event()
    checked: list[list[Any]] = []

    def slow_loader(progress: Callable[[int, int, str], None]) -> Phrasebook:
        release.wait(60)  # a loaded machine runs the steps before `release.set()` slowly
        return phrasebook

    def hook(message: Message) -> None:
        if isinstance(message, drafting.FindingsList.Checked):
            checked.append(message.findings)

    app = make_app(path, load_book=slow_loader)
    async with app.run_test(size=(80, 24), message_hook=hook) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, DraftingScreen) and checked)
        screen = app.screen
        assert isinstance(screen, DraftingScreen) and app.book is None
        body = await edit(pilot, screen, Place("measures", 1))
        body.move_cursor(body.document.end)
        await type_text(pilot, COPIED)
        await wait_until(pilot, lambda: COPIED in screen.draft.items("measures")[1].body)
        await pilot.pause(drafting.CHECK_DELAY * 2)  # the check after the typing has begun
        await wait_until(pilot, lambda: not checking(app))  # (not `settle`: the loader waits)
        assert "copied" not in {f.code for f in screen.findings}  # no corpus yet
        release.set()
        # checked again, unedited (a check begun before the release may come first)
        await wait_until(pilot, lambda: any(f.code == "copied" for f in checked[-1]))
        (copied,) = [f for f in screen.findings if f.code == "copied"]
        assert copied.section == "measures" and copied.item == 1 and copied.field == "body"
        assert copied.message.startswith("与天津市河东区2021年报告相同：“")
        await pilot.press("f4")
        await settle(pilot)
        listed = screen.query_one("#findings-list", OptionList)
        prompts = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        assert any("天津市河东区2021年报告" in prompt for prompt in prompts)


PLANTED_DRAFT = Path(__file__).parent / "data" / "planted" / "luzhou2024.draft.yaml"
"""A whole 2024 report: 42 sentences of measures, over every task area."""


async def open_coverage(pilot: Pilot, path: Path) -> CoverageScreen:
    """Open `path`, wait for the phrasebook, F5, and wait for the bars."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, DraftingScreen))
    await wait_until(pilot, lambda: app.book is not None)
    await pilot.press("f5")
    await wait_until(pilot, lambda: isinstance(app.screen, CoverageScreen))
    view = app.screen
    assert isinstance(view, CoverageScreen)
    await wait_until(pilot, lambda: view.found is not None and view.found.reports)
    await settle(pilot)
    return view


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@sync
async def test_coverage_view(phrasebook: Phrasebook, tmp_path: Path, size: tuple[int, int]) -> None:
    """F5 shows the measures per task area as bars beside the corpus's typical report, the
    bars as wide as the view allows, no line wrapped; Esc closes it. The footer, the help
    and the command palette name it."""
    path = drafts.save_draft(load_draft(PLANTED_DRAFT), tmp_path / "luzhou2024.draft.yaml")
    app = make_app(path, load_book=lambda progress: phrasebook)
    async with app.run_test(size=size) as pilot:
        view = await open_coverage(pilot, path)
        bars = str(view.query_one("#coverage-bars", Static).render()).splitlines()
        assert bars[0] == "主要举措和成效共42句，按纲要任务分项（“|”为语料中5份报告的中位数）："
        rows = {line.split()[0]: line for line in bars[1:]}
        assert list(rows) == list(TOPICS)
        assert view.found is not None
        counts = {t.topic: t.sentences for t in view.found.topics}
        assert sum(counts.values()) == 42 and all(counts.values())
        for topic, line in rows.items():
            assert f" {counts[topic]:>3}句 " in line and "常见" in line and "|" in line
        widths = {len(line.split()[1]) for line in bars[1:]}
        room = view.query_one("#coverage").scrollable_content_region.width
        assert len(widths) == 1 and max(cell_len(line) for line in bars[1:]) <= room
        assert widths == {20} if size[0] == 80 else widths.pop() > 20
        legend = str(view.query_one("#coverage-legend", Static).render())
        assert "满格为40%" in legend and "偏少：不到中位数的三分之一" in legend
        await pilot.press("escape")
        screen = app.screen
        assert isinstance(screen, DraftingScreen)

        footer = " ".join(str(w.render()) for w in screen.query("Footer *"))
        assert "纲要覆盖" in footer and "命令" in footer and "帮助" in footer
        assert any(c.title == "纲要覆盖" for c in app.get_system_commands(screen))
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        guide = str(app.screen.query(Static).first().render())
        keys = help_keys(app.screen)
        assert "F5 纲要覆盖" in guide and re.search(r"(?i)f5\s+纲要覆盖", keys)


@sync
async def test_coverage_view_while_the_phrasebook_loads(
    phrasebook: Phrasebook, tmp_path: Path
) -> None:
    """Before the phrasebook is open the view shows the draft's own figures and says why
    there is nothing to compare with; once it opens, the typical shares come in."""
    path = drafts.save_draft(load_draft(PLANTED_DRAFT), tmp_path / "luzhou2024.draft.yaml")
    release = threading.Event()

    def slow_loader(progress: Callable[[int, int, str], None]) -> Phrasebook:
        release.wait(60)  # a loaded machine runs the steps before `release.set()` slowly
        return phrasebook

    app = make_app(path, load_book=slow_loader)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, DraftingScreen))
        await pilot.press("f5")
        await wait_until(pilot, lambda: isinstance(app.screen, CoverageScreen))
        view = app.screen
        assert isinstance(view, CoverageScreen)
        await wait_until(pilot, lambda: view.found is not None)
        bars = view.query_one("#coverage-bars", Static)
        assert "没有可对照的语料" in str(bars.render()) and "常见" not in str(bars.render())
        assert "短语库加载中" in str(view.query_one("#coverage-note", Static).render())
        release.set()
        await wait_until(pilot, lambda: "常见" in str(bars.render()))
        assert not view.query_one("#coverage-note").display


def test_snapshot_coverage_view(
    snap_compare: Callable[..., bool], phrasebook: Phrasebook, tmp_path: Path
) -> None:
    path = drafts.save_draft(load_draft(PLANTED_DRAFT), tmp_path / "luzhou2024.draft.yaml")

    @steady
    async def run_before(pilot: Pilot) -> None:
        await open_coverage(pilot, path)

    app = make_app(path, load_book=lambda progress: phrasebook)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
