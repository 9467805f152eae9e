"""Worker processes (`python -m linkhealth.worker`): start one, hand it its job, stop them all.

Apart from engine.py, and importing only what starting a process needs, so that scripts/check_links.py can start
the first worker before anything else it imports (engine.py's own imports took 60-90 ms of a run's start).
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))


def stop_workers(processes: list[subprocess.Popen]) -> None:
    """Terminate each worker's process group, then kill what is left after a short wait."""
    for process in processes:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGTERM)
    end = time.monotonic() + 3
    for process in processes:
        try:
            process.wait(timeout=max(0.1, end - time.monotonic()))
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_for_any(processes: list[subprocess.Popen], timeout: float) -> None:
    """Return as soon as one of the running `processes` ends, or after `timeout` seconds.

    Popen.wait(timeout) polls, sleeping up to 50 ms between looks: the end of a run waited for that. A pidfd
    (Linux 5.3+) becomes readable the moment its process ends; elsewhere, the first process is waited for."""
    fds = []
    try:
        for process in processes:
            fds.append(os.pidfd_open(process.pid))
    except (AttributeError, OSError):  # no pidfds here (or the process is gone already): poll as before
        for fd in fds:
            os.close(fd)
        with contextlib.suppress(subprocess.TimeoutExpired):
            processes[0].wait(timeout=timeout)
        return
    try:
        select.select(fds, [], [], timeout)
    finally:
        for fd in fds:
            os.close(fd)


def _spawn_worker(job: str, stdin=None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "linkhealth.worker", job],
        stdin=stdin,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        start_new_session=True,  # its own process group: stopped as a whole, never orphaned
    )


_spares: list[subprocess.Popen] = []  # started, waiting for a job


def prestart_worker(count: int = 1) -> None:
    """Have `count` workers started and waiting, starting the ones missing now, before the caller reads its URLs
    and history: a worker's interpreter and linkchecker's imports (0.2-0.3 s) then run on another core meanwhile,
    and start_worker hands a waiting one its job instead of starting a process (it waits for its job file's path
    on stdin, and exits on end of input)."""
    _spares[:] = [spare for spare in _spares if spare.poll() is None]
    while len(_spares) < count:
        _spares.append(_spawn_worker("-", stdin=subprocess.PIPE))


NO_CHECK_OPTIONS = ("-h", "--help", "--merge", "--plan-shards")


def run_checks_soon(argv: list[str]) -> bool:
    """Whether a command line (check_links.py's arguments) asks for a check, so a worker is worth starting
    before its options are parsed: not for help, --merge or --plan-shards. A wrong guess costs one spare worker,
    which main stops when no run used it."""
    return not any(arg.split("=", 1)[0] in NO_CHECK_OPTIONS for arg in argv)


def discard_spare_worker() -> None:
    """Stop the pre-started workers that no run used."""
    spares, _spares[:] = list(_spares), []
    for spare in spares:
        with contextlib.suppress(OSError):
            spare.stdin.close()  # end of input: it exits by itself
    stop_workers(spares)


def start_worker(job: str) -> subprocess.Popen:
    """A worker for the job file `job`: a pre-started one, if one is still waiting; a new one otherwise."""
    while _spares:
        spare = _spares.pop(0)
        if spare.poll() is not None:
            continue
        try:
            spare.stdin.write(f"{job}\n".encode())
            spare.stdin.close()
            return spare
        except OSError:
            stop_workers([spare])
    return _spawn_worker(job)
