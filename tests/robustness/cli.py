"""Running the real ``checker`` CLI in a child process, with limits and measurements."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# Address-space ceiling for a child: Python + jieba + SQLAlchemy need ~0.5 GB of mappings;
# anything that tried to inflate a zip bomb or hold many copies of a big file would hit it.
MEMORY_LIMIT_BYTES = 1_500_000_000


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float


def child_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CHECKER_", "COV_", "PYTEST_"))}
    env["PYTHONPATH"] = str(REPO)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(extra or {})
    return env


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))


_RSS: dict[int, float] = {}


def _peak_rss_mb(pid: int) -> float:
    return _RSS.get(pid, 0.0)


class _Popen(subprocess.Popen[str]):
    """Popen that records the child's peak RSS from wait4 when it is reaped."""

    def _try_wait(self, wait_flags: int) -> tuple[int, int]:
        try:
            pid, status, usage = os.wait4(self.pid, wait_flags)
        except ChildProcessError:
            return self.pid, 0
        if pid == self.pid:
            _RSS[pid] = usage.ru_maxrss / 1024
        return pid, status


def checker_cmd(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "checker", *map(str, args)]


def run_checker(
    args: Sequence[str | Path],
    *,
    cwd: Path,
    env: Mapping[str, str] | None = None,
    timeout: float = 120,
    limit_memory: bool = True,
) -> Run:
    """Run ``python -m checker ARGS``; wall time and the child's peak resident memory."""
    started = time.monotonic()
    proc = _Popen(
        checker_cmd(*args), cwd=cwd, env=child_env(env), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL, text=True, preexec_fn=_limit_memory if limit_memory else None,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise AssertionError(f"checker {' '.join(map(str, args))} took over {timeout} s\n{err}") from None
    seconds = time.monotonic() - started
    # ru_maxrss of this one child (KiB on Linux): wait4 gives the child's own usage.
    return Run(proc.returncode, out, err, seconds, _peak_rss_mb(proc.pid))
