"""What the TUI keeps between runs: the recent drafts list and the autosave slots.

Autosaves live in `user_dirs().autosave`, one slot per draft being edited: the
draft's YAML (as `dump_draft` writes it) plus a small JSON note of where the
draft itself lives. A clean save or quit removes the slot, so a slot found at
start means the last session ended without saving: a crash or a killed terminal.
Drafts and slots are read back for editing (`load_for_editing`): an answer the
writer was in the middle of typing wrong is kept for the form to mark.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.atomic import write_text_atomic
from drafter.errors import DraftError
from drafter.paths import DRAFT_SUFFIX, user_dirs

if TYPE_CHECKING:
    from drafter.drafting.draft import Draft

AUTOSAVE_IDLE = 0.5
"""Seconds after the last keystroke before an autosave."""
AUTOSAVE_MAX = 1.5
"""While typing goes on, autosave at least this often."""
AUTOSAVE_TICK = 0.25
"""How often the drafting screen asks the clock; a crash loses at most
AUTOSAVE_MAX + AUTOSAVE_TICK seconds of typing, plus the write itself."""
RECENT_FILE = "recent.json"
RECENT_LIMIT = 10
"""How many recently opened drafts the start screen lists."""


def load_recent() -> list[Path]:
    """Recently opened or saved drafts, newest first, dropping files that are gone."""
    try:
        names = json.loads((user_dirs().state / RECENT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(names, list):
        return []
    return [Path(name) for name in names if isinstance(name, str) and Path(name).is_file()]


def remember_recent(path: Path) -> None:
    """Put `path` at the top of the recent list (best effort: never fails the caller)."""
    path = path.resolve()
    entries = [path, *(p for p in load_recent() if p != path)][:RECENT_LIMIT]
    try:
        write_text_atomic(
            user_dirs().state / RECENT_FILE,
            json.dumps([str(p) for p in entries], ensure_ascii=False, indent=1),
        )
    except OSError:
        pass


@dataclass(frozen=True)
class Autosave:
    """An autosave slot found on disk: the draft text and where the draft was saved, if ever."""

    yaml_path: Path
    draft_path: Path | None
    saved_at: datetime

    def read(self) -> Draft:
        """The autosaved draft, addressed to its original file (None if never saved)."""
        draft = parse_for_editing(self.yaml_path.read_text(encoding="utf-8"), self.yaml_path)
        draft.path = self.draft_path
        return draft

    def discard(self) -> None:
        """Remove this slot."""
        discard_slot(self.yaml_path)


def load_for_editing(path: Path) -> Draft:
    """A draft file as `parse_for_editing` reads it (missing, unreadable: DraftError)."""
    from drafter.drafting.draft import load_draft

    try:
        return load_draft(path)
    except DraftError as error:
        refused = error
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise refused from None
    return parse_for_editing(text, path, refused)


def parse_for_editing(text: str, path: Path, refused: DraftError | None = None) -> Draft:
    """A draft as `parse_draft` reads it, except that answers which do not pass (a year
    typed as `20245`, a date half typed when the session died) are kept as written, for
    the form to mark: the writer fixes them on screen instead of losing the draft.

    Everything else that is wrong with the file is refused as `parse_draft` refuses it.
    """
    import yaml

    from drafter.drafting.draft import parse_draft
    from drafter.yamlmarks import load_marked

    if refused is None:
        try:
            return parse_draft(text, path)
        except DraftError as error:
            refused = error
    data = load_marked(text, path, DraftError).data
    meta = data.get("meta") if isinstance(data, dict) else None
    if not isinstance(meta, dict) or not meta:
        raise refused
    try:
        draft = parse_draft(yaml.safe_dump({**data, "meta": {}}, allow_unicode=True), path)
    except (DraftError, yaml.YAMLError):
        raise refused from None
    questions = {question.key: question for question in draft.outline.questions}
    kept: dict[str, Any] = {}
    for key, value in meta.items():
        if key not in questions or isinstance(value, list | dict | bool):
            raise refused  # not a value to correct: a file to fix by hand
        value = questions[key].coerce(value)
        if value is not None:
            kept[key] = value
    draft.meta = kept
    return draft


def list_autosaves() -> list[Autosave]:
    """Autosave slots left by sessions that did not end cleanly, newest first."""
    directory = user_dirs().autosave
    found = []
    for yaml_path in directory.glob(f"*{DRAFT_SUFFIX}"):
        try:
            note = json.loads(_note_path(yaml_path).read_text(encoding="utf-8"))
            mtime = yaml_path.stat().st_mtime
        except (OSError, ValueError):
            continue
        draft_path = note.get("path") if isinstance(note, dict) else None
        found.append(
            Autosave(
                yaml_path, Path(draft_path) if draft_path else None, datetime.fromtimestamp(mtime)
            )
        )
    return sorted(found, key=lambda slot: slot.saved_at, reverse=True)


def autosave_for(draft_path: Path) -> Autosave | None:
    """The autosave slot left for the draft at `draft_path`, if any."""
    wanted = slot_path(draft_path)
    return next((slot for slot in list_autosaves() if slot.yaml_path == wanted), None)


def slot_path(draft_path: Path | None) -> Path:
    """The autosave file for a draft: keyed by its path, or a fresh slot for an unsaved draft."""
    if draft_path is None:
        name = f"new-{uuid.uuid4().hex[:12]}"
    else:
        name = hashlib.sha1(str(draft_path.resolve()).encode()).hexdigest()[:12]
    return user_dirs().autosave / f"{name}{DRAFT_SUFFIX}"


def write_slot(yaml_path: Path, text: str, draft_path: Path | None) -> None:
    """Write an autosave slot atomically: the note first, so a slot never lacks one."""
    note = {"path": str(draft_path.resolve()) if draft_path else None}
    write_text_atomic(_note_path(yaml_path), json.dumps(note, ensure_ascii=False))
    write_text_atomic(yaml_path, text)


class SlotWriter:
    """Writes a draft's autosave slot from worker threads: the newest version wins.

    Versions count the edits (`AutosaveClock.version`). A write that arrives after a
    newer one, or after the slot was discarded by a save or a clean quit, is dropped,
    so a slow write can neither bring back older text nor leave a stale slot behind.
    The note beside the slot is written only when it changes.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version = -1
        self._note: tuple[Path, Path | None] | None = None

    def write(self, version: int, yaml_path: Path, text: str, draft_path: Path | None) -> bool:
        """Write `text` as version `version` of the slot; False if a newer one is there."""
        with self._lock:
            if version <= self._version:
                return False
            if self._note != (yaml_path, draft_path):
                write_slot(yaml_path, text, draft_path)
                self._note = (yaml_path, draft_path)
            else:
                write_text_atomic(yaml_path, text)
            self._version = version
            return True

    def discard(self, yaml_path: Path, version: int) -> None:
        """Remove the slot: the draft is saved (or left) as of `version`."""
        with self._lock:
            self._version = max(self._version, version)
            self._note = None
            discard_slot(yaml_path)


def discard_slot(yaml_path: Path) -> None:
    """Remove an autosave slot and its note."""
    yaml_path.unlink(missing_ok=True)
    _note_path(yaml_path).unlink(missing_ok=True)


def _note_path(yaml_path: Path) -> Path:
    return yaml_path.with_name(yaml_path.name.removesuffix(DRAFT_SUFFIX) + ".json")


class AutosaveClock:
    """When an autosave is due: `AUTOSAVE_IDLE` seconds after the last change, and at least
    every `AUTOSAVE_MAX` seconds while changes go on."""

    def __init__(self, pending: bool = False) -> None:
        self.pending = pending
        """Changes not yet in the autosave slot."""
        self.version = int(pending)
        """How many edits so far: the version of the draft an autosave holds."""
        self._changed_at = self._saved_at = time.monotonic()

    def changed(self) -> None:
        self.pending = True
        self.version += 1
        self._changed_at = time.monotonic()

    def saved(self) -> None:
        """The draft as of now is on its way to the slot."""
        self.pending = False
        self._saved_at = time.monotonic()

    def due(self) -> bool:
        now = time.monotonic()
        return self.pending and (
            now - self._changed_at >= AUTOSAVE_IDLE or now - self._saved_at >= AUTOSAVE_MAX
        )
