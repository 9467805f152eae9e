"""The second core for large datasets: a forked child process computes part of a result while this process
computes the rest, and sends its part back pickled.

Used only where it pays and is safe: at least MIN_ITEMS items (the real dataset is far below, so `make build`
and `make serve` of the real site never fork), on a system with `fork` and more than one core, and while this
process runs one thread (a child forked from `mkdocs serve`'s threads could wait forever on a lock another
thread held). Otherwise, and whenever a child fails for any reason, the work runs here, so results and errors
are the same either way: the child's part is only ever a head start.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 2000  # below this, forking and pickling cost more than the half of the work they save


def can_fork(items: int) -> bool:
    """Whether work on `items` items may be shared with a forked child (see the module docstring)."""
    return (
        items >= MIN_ITEMS
        and hasattr(os, "fork")
        and sys.platform != "darwin"  # macOS system libraries are not safe to use in a forked child
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1
    )


class Forked(Generic[T]):
    """`make()` computed in a forked child from the moment this is created; `result()` waits for it. When the
    child fails (an exception, a signal, a value pickle cannot carry), `result()` calls `make()` here instead,
    so an exception is raised in this process exactly as without the child."""

    def __init__(self, make: Callable[[], T]) -> None:
        self._make = make
        self._done = False
        self._value: T | None = None
        sys.stdout.flush()
        sys.stderr.flush()
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, and leave without running this process's exit handlers
            code = 1
            try:
                os.close(read)
                with os.fdopen(write, "wb") as out:
                    pickle.dump(make(), out, protocol=pickle.HIGHEST_PROTOCOL)
                code = 0
            except BaseException:  # any failure: the parent computes the value itself
                pass
            finally:
                os._exit(code)
        os.close(write)
        self._pid = pid
        self._pipe = os.fdopen(read, "rb")
        self._waiting = True

    def result(self) -> T:
        if not self._done:
            if self._waiting:
                try:
                    sent = self._pipe.read()
                finally:
                    self._reap()
                if os.waitstatus_to_exitcode(self._status) == 0:
                    try:
                        self._value, self._done = pickle.loads(sent), True
                    except Exception:  # an unreadable answer counts as a failed child
                        pass
            if not self._done:
                self._value, self._done = self._make(), True
        return self._value  # type: ignore[return-value]

    def _reap(self) -> None:
        self._waiting = False
        self._pipe.close()
        _, self._status = os.waitpid(self._pid, 0)

    def __del__(self) -> None:
        # Never left behind: a child nobody waited for is stopped and reaped.
        if getattr(self, "_waiting", False):
            os.kill(self._pid, signal.SIGKILL)
            self._reap()


class _Here(Generic[T]):
    """`make()` computed in this process when `result()` asks for it: what `head_start` gives when it may not fork."""

    def __init__(self, make: Callable[[], T]) -> None:
        self._make = make

    def result(self) -> T:
        return self._make()


def head_start(make: Callable[[], T], items: int) -> Forked[T] | _Here[T]:
    """`make()` begun now in a forked child when `can_fork(items)` allows it, else made here by `result()`."""
    return Forked(make) if can_fork(items) else _Here(make)


def split_map(func: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """`[func(item) for item in items]`, the second half computed by a forked child when `can_fork` allows it."""
    half = len(items) // 2
    rest = head_start(lambda: [func(item) for item in items[half:]], len(items))
    return [func(item) for item in items[:half]] + rest.result()
