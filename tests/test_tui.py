"""The drafting TUI, driven headless the way a user drives it: keys, Pilot, real files.

One phrasebook over the bundled corpus is opened for the whole module and handed
to every app, so the tests exercise real suggestions without rebuilding the index.
"""

from __future__ import annotations

import asyncio
import functools
import subprocess
import sys
import threading
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from drafter.corpus.phrasebook import Phrasebook
from drafter.drafting import draft as drafts
from drafter.drafting.draft import load_draft
from drafter.placeholders import find_placeholders
from drafter.tui import drafting, session, suggestions
from drafter.tui.app import DrafterApp, make_app
from drafter.tui.dialogs import ConfirmDialog, OpenDialog, SaveDialog
from drafter.tui.drafting import DraftingScreen
from drafter.tui.editor import BodyArea
from drafter.tui.export_dialog import ExportDialog
from drafter.tui.help import HelpScreen
from drafter.tui.new_draft import NewDraftScreen
from drafter.tui.outline_tree import OutlineTree, Place
from drafter.tui.session import list_autosaves, load_recent
from drafter.tui.start import StartScreen
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
    """Let timers fire and workers finish."""
    await pilot.pause(0.15)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot: Pilot, text: str) -> None:
    """Type like a user, one key per character (Pilot.press drops CJK punctuation)."""
    for char in text:
        pilot.app.post_message(events.Key(_character_to_key(char), char))
    await pilot.pause()


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
        await export_through_dialog(pilot, Path("/tmp/报告.docx"))

    assert snap_compare(_snapshot_app(phrasebook), terminal_size=(80, 24), run_before=run_before)
