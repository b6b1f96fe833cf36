"""What the injector knows about Chinese, drawn from data the checker does not use for its rules.

* characters alike in sound or shape: pycorrector's ``same_pinyin.txt`` and
  ``same_stroke.txt`` (fetched by :mod:`checker.evaluate.external`), restricted to its
  ``common_char_set.txt``; offline, the evaluator's own table in
  :mod:`checker.evaluate.confusions`;
* person names and surnames: pycorrector's ``person_name.txt`` (names with their
  frequency in a large news corpus; surnames are the first characters of its Chinese names);
* place names: jionlp's gazetteer of every division of China, read from the zip inside
  its wheel without importing jionlp.

Nothing here comes from the checker's rule pack, its extractors or its similarity tables:
the evaluation would otherwise measure a table against itself.
"""

from __future__ import annotations

import importlib.util
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from checker.evaluate.confusions import CONFUSIONS
from checker.evaluate.external import pycorrector_data

_PERSON_MIN_FREQUENCY = 50
_SURNAMES = 150


def _is_cjk(text: str) -> bool:
    return bool(text) and all("\u4e00" <= ch <= "\u9fff" for ch in text)


def _lines(name: str) -> list[str]:
    path = pycorrector_data(name)
    if path is None:
        return []
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


@dataclass
class CharTable:
    """Characters an editor can type for another: same sound (and tone), other tone, same shape."""

    source: str
    same_sound: dict[str, list[str]] = field(default_factory=dict)
    other_tone: dict[str, list[str]] = field(default_factory=dict)
    same_shape: dict[str, list[str]] = field(default_factory=dict)

    def alternatives(self, ch: str) -> list[str]:
        """Likely mistypings of ``ch``, the closest first (same sound and tone, same shape, other tone)."""
        out: list[str] = []
        for table in (self.same_sound, self.same_shape, self.other_tone):
            for alt in table.get(ch, ()):
                if alt != ch and alt not in out:
                    out.append(alt)
        return out


@cache
def char_table() -> CharTable:
    """pycorrector's sound and shape tables, or the evaluator's own small table when they cannot be had."""
    common = {line.strip() for line in _lines("common_char_set.txt") if len(line.strip()) == 1}
    sound = _lines("same_pinyin.txt")
    shape = _lines("same_stroke.txt")
    if not sound or not shape:
        return CharTable("checker/evaluate/confusions.py", same_shape={k: list(v) for k, v in CONFUSIONS.items()})

    def keep(chars: str) -> list[str]:
        return [c for c in chars if _is_cjk(c) and (not common or c in common)]

    table = CharTable("pycorrector 1.1.4 same_pinyin.txt + same_stroke.txt")
    for line in sound:
        if line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or len(parts[0]) != 1:
            continue
        table.same_sound[parts[0]] = keep(parts[1])
        table.other_tone[parts[0]] = keep(parts[2]) if len(parts) > 2 else []
    for line in shape:
        group = [c for c in line.split("\t") if len(c) == 1 and _is_cjk(c)]
        for ch in group:
            table.same_shape.setdefault(ch, []).extend(c for c in keep("".join(group)) if c != ch)
    return table


@cache
def person_names() -> frozenset[str]:
    """Frequent Chinese person names of 2-4 characters (pycorrector's person_name.txt)."""
    out = set()
    for line in _lines("person_name.txt"):
        parts = line.split("\t")
        if len(parts) >= 2 and 2 <= len(parts[0]) <= 4 and _is_cjk(parts[0]):
            try:
                if int(parts[1]) >= _PERSON_MIN_FREQUENCY:
                    out.add(parts[0])
            except ValueError:
                continue
    return frozenset(out)


@cache
def surnames() -> str:
    """The most common surnames: first characters of the 3-character names of pycorrector's list.

    Offline, the surnames of the evaluator's own sound table (its second half lists them).
    """
    counts: Counter[str] = Counter()
    for line in _lines("person_name.txt"):
        name = line.split("\t")[0]
        if len(name) == 3 and _is_cjk(name):
            counts[name[0]] += 1
    if counts:
        return "".join(ch for ch, _ in counts.most_common(_SURNAMES))
    return ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜"
            "叶程魏吕丁沈姚卢姜崔钟谭陆范汪石廖贾夏韦方邹熊孟秦邱侯江尹薛段雷")


def _gazetteer_file() -> Path | None:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "dictionary" / "china_location.zip"
    return path if path.is_file() else None


@cache
def place_names() -> frozenset[str]:
    """Place names: every province, city, county and town of jionlp's gazetteer (full names), the
    short names of provinces and cities ("浙江", "嘉兴").  (pycorrector's place_name.txt is not
    used: below its top few hundred it is mostly words that are rarely places.)"""
    out: set[str] = set()
    path = _gazetteer_file()
    if path is not None:
        try:
            with zipfile.ZipFile(path) as archive:
                text = archive.read("china_location.txt").decode("utf-8")
        except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError):
            text = ""
        for line in text.splitlines():
            level = len(line) - len(line.lstrip("\t"))
            parts = line.strip().split("\t")
            if level > 3 or not parts or not _is_cjk(parts[0]):
                continue
            if len(parts[0]) >= 2:
                out.add(parts[0])
            if level <= 1 and len(parts) >= 3 and len(parts[2]) >= 2 and _is_cjk(parts[2]):
                out.add(parts[2])
    return frozenset(out)
