"""A small progress reporter for long management commands (no dependency).

On a terminal it redraws one line, at most a few times a second:

    Families  4,500/10,000  45% [#########           ] 12.3 s

Otherwise (a pipe, a CI log, --no-progress) it writes one plain line at every 10%.
"""

from __future__ import annotations

import time
from typing import Protocol


class Stream(Protocol):
    def write(self, text: str, /) -> object: ...

    def flush(self) -> object: ...


class Progress:
    BAR = "bar"
    LINES = "lines"
    OFF = "off"

    def __init__(
        self,
        total: int,
        stream: Stream,
        *,
        mode: str = BAR,
        label: str = "Families",
        width: int = 20,
        interval: float = 0.25,
    ) -> None:
        self.total = total
        self.stream = stream
        self.mode = mode if total > 0 else self.OFF
        self.label = label
        self.width = width
        self.interval = interval
        self.started = time.monotonic()
        self._last_draw = 0.0
        self._last_tenth = 0
        self._done = 0

    def line(self, done: int) -> str:
        total = max(self.total, 1)
        filled = self.width * done // total
        digits = len(f"{self.total:,}")
        return (
            f"{self.label}  {done:>{digits},}/{self.total:,}  {100 * done // total:>3}% "
            f"[{'#' * filled}{' ' * (self.width - filled)}] {time.monotonic() - self.started:.1f} s"
        )

    def update(self, done: int) -> None:
        self._done = done
        if self.mode == self.BAR:
            now = time.monotonic()
            if done < self.total and now - self._last_draw < self.interval:
                return
            self._last_draw = now
            self.stream.write("\r" + self.line(done))
            self.stream.flush()
        elif self.mode == self.LINES:
            tenth = 10 * done // max(self.total, 1)
            if tenth > self._last_tenth:
                self._last_tenth = tenth
                self.stream.write(self.line(done) + "\n")
                self.stream.flush()

    def finish(self) -> None:
        if self.mode == self.BAR:
            self._last_draw = 0.0
            self.update(self._done)
            self.stream.write("\n")
            self.stream.flush()
