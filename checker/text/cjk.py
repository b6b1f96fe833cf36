"""Chinese characters, defined once: the code-point ranges and the patterns built on them.

``HAN`` is the CJK Unified Ideographs block (U+4E00-U+9FFF, every common character), as the
body of a regular-expression class; ``WIDE_CJK`` adds extension A, the compatibility
ideographs, the supplementary planes and kana (what :func:`is_cjk` accepts, for layout).
"""

from __future__ import annotations

import re

HAN = "\u4e00-\u9fff"
WIDE_CJK = f"{HAN}\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0002fa1f\u3040-\u30ff"

HAN_RE = re.compile(f"[{HAN}]")
HAN_RUN_RE = re.compile(f"[{HAN}]+")
WIDE_CJK_RE = re.compile(f"[{WIDE_CJK}]")


def is_han(ch: str) -> bool:
    """Whether ``ch`` is one character of the unified ideographs block."""
    return len(ch) == 1 and "\u4e00" <= ch <= "\u9fff"


def all_han(text: str) -> bool:
    """Whether ``text`` is not empty and every character of it is in the unified ideographs block."""
    return bool(text) and HAN_RUN_RE.fullmatch(text) is not None


def is_cjk(ch: str) -> bool:
    """Whether ``ch`` is any CJK ideograph or kana (the ranges of :data:`WIDE_CJK`; compared as
    code points: the normaliser asks this of every character)."""
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FA1F
        or 0x3040 <= code <= 0x30FF  # kana
    )
