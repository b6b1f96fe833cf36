"""Data files of other projects, fetched once at run time and never stored in this repository.

The evaluation needs knowledge the checker does not share: pycorrector's tables of
characters alike in sound (``same_pinyin.txt``) and in shape (``same_stroke.txt``), and
the SIGHAN-2015 test set its wheel ships (``sighan2015_test.tsv``).  The wheel is
fetched with pip (``pip download --no-deps``) into a cache folder; the named file is
extracted beside it.  Offline, or when pip fails, the caller gets ``None`` and decides
(tests skip with a reason, the injector falls back to its other kinds).
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

CACHE_DIR_ENV = "CHECKER_CACHE_DIR"
PYCORRECTOR_VERSION = "1.1.4"
_WHEEL_DATA = "pycorrector/data/"
_FETCH_TIMEOUT_S = 180


def cache_dir() -> Path | None:
    """``$CHECKER_CACHE_DIR/external``, else ``~/.cache/checker/external``; None when set empty."""
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured is not None and not configured.strip():
        return None
    if configured:
        return Path(configured).expanduser() / "external"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "checker" / "external"


def _wheel(folder: Path) -> Path | None:
    found = sorted(folder.glob(f"pycorrector-{PYCORRECTOR_VERSION}-*.whl"))
    if found:
        return found[0]
    with tempfile.TemporaryDirectory(dir=folder) as fetched:
        try:
            done = subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--quiet",
                 "--disable-pip-version-check", "-d", fetched, f"pycorrector=={PYCORRECTOR_VERSION}"],
                capture_output=True, timeout=_FETCH_TIMEOUT_S, check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        wheels = sorted(Path(fetched).glob(f"pycorrector-{PYCORRECTOR_VERSION}-*.whl"))
        if done.returncode != 0 or not wheels:
            return None
        return wheels[0].replace(folder / wheels[0].name)


def pycorrector_data(name: str) -> Path | None:
    """The path of pycorrector's data file ``name`` (e.g. ``"same_pinyin.txt"``), fetched on first use.

    ``name`` is a file of the wheel's ``pycorrector/data/`` folder.  Returns None, never
    raises, when it cannot be had (no network, pip failing, no such file, no cache folder).
    """
    base = cache_dir()
    member_name = name.removeprefix(_WHEEL_DATA).removeprefix("data/")
    if base is None or not member_name or "/" in member_name or member_name.startswith("."):
        return None
    folder = base / f"pycorrector-{PYCORRECTOR_VERSION}"
    target = folder / member_name
    if target.is_file():
        return target
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # One process fetches at a time (parallel test workers share the folder); the others
        # wait and then find the wheel there.
        with (folder / ".lock").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                if target.is_file():
                    return target
                wheel = _wheel(folder)
                if wheel is None:
                    return None
                with zipfile.ZipFile(wheel) as archive:
                    data = archive.read(_WHEEL_DATA + member_name)
                # Written beside, then renamed: a reader never sees half a file.
                partial = folder / f".{member_name}.{os.getpid()}.part"
                partial.write_bytes(data)
                partial.replace(target)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    return target
