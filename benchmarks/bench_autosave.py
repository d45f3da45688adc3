"""Typing lost to `kill -9`: the TUI killed while someone types at 10 keys a second.

Each run starts `drafter open DRAFT` on a pseudo-terminal (80×24) in a fresh
DRAFTER_HOME, waits for the drafting screen, types letters into the body at a
steady rate for a random 3–8 s, and kills the process with SIGKILL. The autosave
slot it left is then read back: the keys typed after the last one found in it
are the loss, in seconds of typing (from the first lost key to the kill).

The baseline is the same drafter run with the autosave clock it had before
(2 s after the last key, at least every 5 s, checked every second), set in the
same process, so both face the same machine.

    python benchmarks/bench_autosave.py --runs 10
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import random
import signal
import statistics
import string
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

import yaml

LAUNCH = """\
import sys
from drafter.tui import session
clock = sys.argv[1]
if clock != "current":
    idle, most, tick = map(float, clock.split(","))
    session.AUTOSAVE_IDLE, session.AUTOSAVE_MAX, session.AUTOSAVE_TICK = idle, most, tick
from drafter.cli import main
sys.exit(main(["open", sys.argv[2]]))
"""
CLOCKS = {"drafter": "current", "baseline (2 s idle, 5 s max, 1 s tick)": "2,5,1"}
DRAFT = """\
template: standard
meta:
  unit: 长治市潞州区
  year: 2024
  date: '2025-03-15'
sections:
  opening:
  - body: 开头
"""
READY = "编辑 F2".encode()


class Terminal:
    """A process on a pty whose output is drained (and kept) by a thread."""

    def __init__(self, command: list[str], env: dict[str, str], size: tuple[int, int]) -> None:
        self.master, slave = pty.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.process = subprocess.Popen(
            command, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True
        )
        os.close(slave)
        self.output = bytearray()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        try:
            while chunk := os.read(self.master, 65536):
                self.output += chunk
        except OSError:
            pass

    def wait_for(self, marker: bytes, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while marker not in self.output:
            if time.monotonic() > deadline or self.process.poll() is not None:
                tail = bytes(self.output[-300:])
                raise SystemExit(f"the drafting screen never came up: {tail!r}")
            time.sleep(0.05)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        os.close(self.master)


def one_run(clock: str, rate: float, seconds: float) -> tuple[float, int, int]:
    """Seconds of typing lost, keys lost, keys typed."""
    with tempfile.TemporaryDirectory() as home:
        draft = Path(home) / "d.draft.yaml"
        draft.write_text(DRAFT, encoding="utf-8")
        env = {**os.environ, "DRAFTER_HOME": home, "TERM": "xterm-256color"}
        terminal = Terminal([sys.executable, "-c", LAUNCH, clock, str(draft)], env, (80, 24))
        terminal.wait_for(READY, 60)
        time.sleep(1.0)  # the body has the focus once the screen is mounted
        typed = "".join(random.choice(string.ascii_lowercase) for _ in range(int(seconds * rate)))
        sent_at = []
        start = time.monotonic()
        for index, char in enumerate(typed):
            time.sleep(max(0.0, start + index / rate - time.monotonic()))
            os.write(terminal.master, char.encode())
            sent_at.append(time.monotonic())
        time.sleep(max(0.0, start + len(typed) / rate - time.monotonic()))
        killed_at = time.monotonic()
        terminal.kill()
        slots = list((Path(home) / "state" / "autosave").glob("*.draft.yaml"))
        body = ""
        if slots:
            data = yaml.safe_load(slots[0].read_text(encoding="utf-8"))
            body = data["sections"]["opening"][0]["body"]
        kept = len(body) - len("开头") if body.startswith("开头") else 0
        if typed[:kept] != body[len("开头") :]:
            raise SystemExit(f"the autosave holds other text than was typed: {body!r}")
        lost = len(typed) - kept
        return (killed_at - sent_at[kept] if lost else 0.0), lost, len(typed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=8, help="kills per clock")
    parser.add_argument("--rate", type=float, default=10.0, help="keys per second")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    random.seed(args.seed)
    losses: dict[str, list[float]] = {name: [] for name in CLOCKS}
    keys: dict[str, list[int]] = {name: [] for name in CLOCKS}
    for _ in range(args.runs):
        seconds = random.uniform(3, 8)
        for name, clock in CLOCKS.items():  # alternate, so that machine noise hits both
            lost, lost_keys, _typed = one_run(clock, args.rate, seconds)
            losses[name].append(lost)
            keys[name].append(lost_keys)
    print(f"typing lost to kill -9, {args.runs} kills each, {args.rate:g} keys/s:")
    for name, values in losses.items():
        print(
            f"  {name:<40} max {max(values):4.2f} s   median {statistics.median(values):4.2f} s"
            f"   keys lost max {max(keys[name])}"
        )


if __name__ == "__main__":
    main()
