"""Launch to first screen: `drafter` (the TUI) against a minimal Textual app, same run.

Each launch runs in its own process on a pseudo-terminal of the given size. The
app writes the wall time of its first paint to a file (DRAFTER_BENCHMARK_EXIT)
and exits; launch time = that time minus the moment the process was spawned.
Runs alternate between the two apps so that machine noise hits both alike.
The phrasebook still starts loading in its worker, as in real use. By default the
apps run in a fresh DRAFTER_HOME, so that worker is building the index (jieba and
all) as on first use; `--home` launches in a user's folders instead (index built,
recent drafts, autosaves).

    python benchmarks/bench_launch.py --runs 20 --size 80x24 [--home DIR]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

BASELINE = """\
import os, sys, time
from textual.app import App
from textual.widgets import Static


class Minimal(App):
    def compose(self):
        yield Static("hello")

    def on_mount(self):
        self.call_after_refresh(self.done)

    def done(self):
        with open(os.environ["DRAFTER_BENCHMARK_EXIT"], "w") as out:
            out.write(f"{time.time():.6f}")
        self.exit()


Minimal().run()
"""


def launch(command: list[str], size: tuple[int, int], env: dict[str, str]) -> float:
    """Seconds from spawning `command` on a pty to its first paint."""
    master, slave = pty.openpty()
    columns, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    with tempfile.TemporaryDirectory() as tmp:
        mark = Path(tmp) / "first-paint"
        start = time.time()
        process = subprocess.Popen(
            command,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**env, "DRAFTER_BENCHMARK_EXIT": str(mark), "TERM": "xterm-256color"},
            close_fds=True,
        )
        os.close(slave)
        drain = threading.Thread(target=_drain, args=(master,), daemon=True)
        drain.start()
        code = process.wait(timeout=60)
        os.close(master)
        if code != 0 or not mark.exists():
            raise SystemExit(f"{' '.join(command)} exited with {code} before its first paint")
        return float(mark.read_text()) - start


def _drain(fd: int) -> None:
    """Read the app's terminal output so that it never blocks on a full pty."""
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="launches of each app")
    parser.add_argument("--size", default="80x24", help="terminal size, COLSxROWS")
    parser.add_argument("--home", help="DRAFTER_HOME to launch in (default: a fresh one)")
    args = parser.parse_args()
    size = tuple(int(part) for part in args.size.split("x"))
    assert len(size) == 2
    with tempfile.TemporaryDirectory() as fresh:
        env = {**os.environ, "DRAFTER_HOME": args.home or fresh}
        commands = {
            "drafter": [sys.executable, "-m", "drafter"],
            "minimal Textual app": [sys.executable, "-c", BASELINE],
        }
        for command in commands.values():  # warm-up: bytecode caches
            launch(command, size, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(launch(command, size, env))
    print(f"launch to first screen, {args.runs} runs each, terminal {args.size}:")
    for name, values in times.items():
        print(
            f"  {name:<20} p50 {percentile(values, 0.5) * 1000:6.0f} ms"
            f"   p95 {percentile(values, 0.95) * 1000:6.0f} ms"
            f"   mean {statistics.mean(values) * 1000:6.0f} ms"
        )
    drafter, baseline = (statistics.median(v) for v in times.values())
    print(f"  drafter − baseline (p50): {(drafter - baseline) * 1000:+.0f} ms")


if __name__ == "__main__":
    main()
