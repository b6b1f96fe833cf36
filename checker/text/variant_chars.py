"""Non-standard variant characters (厰 for 厂): never to be suggested as a spelling.

Source: jionlp's character dictionary (``dictionary/chinese_char_dictionary.zip``, read from the
installed wheel without importing jionlp).  A character outside the 6,763 common characters of
GB2312 whose every sense is "the same as X" (同“X”, 古同“X”, 旧同 ...) for one common X is a
variant of X: 厰 (同“厂”), 並 (同“并”).  About 1,100 characters; the file is read on first use
(half a second), which only a name with an uncommon character asks for.
"""

from __future__ import annotations

import contextlib
import importlib.util
import re
import zipfile
from functools import lru_cache
from pathlib import Path

_SENSE_SPLIT = re.compile(r"\[[^\]]*\]|\d+\.")
_SAME_AS = re.compile(r"(?:古同|旧同|俗同|同|古通|通)“(.)")


def _source() -> Path | None:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "dictionary" / "chinese_char_dictionary.zip"
    return path if path.is_file() else None


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    from checker.text.similar_chars import common_characters

    return frozenset(common_characters())


@lru_cache(maxsize=1)
def variant_chars() -> dict[str, str]:
    """Non-standard variant character -> the standard character it stands for."""
    path = _source()
    text = ""
    if path is not None:
        with contextlib.suppress(OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError), \
                zipfile.ZipFile(path) as archive:
            text = archive.read("chinese_char_dictionary.txt").decode("utf-8")
    common = _common()
    out: dict[str, str] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) < 8 or len(parts[0]) != 1 or parts[0] in common:
            continue
        senses = [s for s in _SENSE_SPLIT.split(parts[7]) if s.strip()]
        targets = {m.group(1) if (m := _SAME_AS.match(s.strip())) else "" for s in senses}
        if len(targets) == 1 and (target := targets.pop()) in common:
            out[parts[0]] = target
    return out


def nonstandard(text: str) -> bool:
    """Whether ``text`` holds a non-standard variant character (the common ones never are)."""
    common = _common()
    return any(ch not in common and ch in variant_chars() for ch in text if "\u4e00" <= ch <= "\u9fff")
