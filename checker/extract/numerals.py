"""Chinese and Arabic numeral parsing.

``parse_numeral`` reads one numeral as written in a news text: Arabic digits
(half or full width, with ``,``/``，`` thousands separators and a decimal
point), Chinese numerals (``二十一``, ``两``, ``一千二百万``, ``二〇二一``) and the
mixed form (``1.2万``, ``700万``, ``3千万``).  A small hand-written parser handles
the common shapes fast; anything it does not understand goes to ``cn2an``.

``step_of`` gives the size of one step of the last significant digit, which is
what ``多``/``余`` add: ``700多万`` lies in [700万, 800万).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}
MAGNITUDES: dict[str, int] = {**SMALL_UNITS, **BIG_UNITS}

CHINESE_NUMERAL_CHARS = "".join(DIGITS) + "".join(MAGNITUDES)
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_ARABIC_RE = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")


def to_halfwidth_digits(text: str) -> str:
    """Full-width digits, point and comma to ASCII."""
    return text.translate(_FULLWIDTH)


def parse_arabic(text: str) -> float | None:
    """``1,234.5`` / ``１，２３４`` -> 1234.5; None if ``text`` is not one Arabic number."""
    t = to_halfwidth_digits(text)
    if not _ARABIC_RE.fullmatch(t):
        return None
    return float(t.replace(",", ""))


def magnitude_factor(mag: str) -> int | None:
    """``万`` -> 10^4, ``千万`` -> 10^7, ``万亿`` -> 10^12; None for anything else."""
    if not mag:
        return 1
    factor = 1
    for ch in mag:
        if ch not in MAGNITUDES:
            return None
        factor *= MAGNITUDES[ch]
    return factor


def _parse_section(text: str) -> int | None:
    """A Chinese numeral below 10^4 (``二千零五``, ``十一``, ``三百``)."""
    if not text:
        return 0
    total = 0
    digit: int | None = None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            total += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        else:
            return None
    if digit is not None:
        # "一百五" style abbreviation (150) is rare in news text; treat the tail digit as units.
        total += digit
    return total


def _parse_positional(text: str) -> int | None:
    """Digit-by-digit Chinese numerals: ``二〇二一`` -> 2021."""
    if len(text) < 2 or len(text) > 300 or any(ch not in DIGITS for ch in text):
        return None  # (over 300 digits is no numeral, and beyond int-from-str limits)
    return int("".join(str(DIGITS[ch]) for ch in text))


def parse_chinese(text: str) -> float | None:
    """A Chinese numeral (``一千二百万``, ``两``, ``二十一``, ``二〇二一``) or None."""
    try:
        value = _parse_chinese(text)
    except OverflowError:  # beyond any float (一亿亿亿…, hundreds of digits)
        return None
    return value if value is None or math.isfinite(value) else None


def _parse_chinese(text: str) -> float | None:
    if not text:
        return None
    positional = _parse_positional(text)
    if positional is not None:
        return float(positional)
    total = 0
    rest = text
    for big_char in ("亿", "万"):
        if big_char in rest:
            head, _, rest = rest.partition(big_char)
            head_value = parse_chinese(head) if head else 1.0
            if head_value is None:
                return None
            total += int(head_value) * BIG_UNITS[big_char]
    section = _parse_section(rest)
    if section is None:
        return _cn2an(text)
    return float(total + section)


@lru_cache(maxsize=1024)
def _cn2an(text: str) -> float | None:
    try:
        import cn2an
    except ImportError:  # pragma: no cover - cn2an is a declared dependency
        return None
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def parse_numeral(text: str) -> float | None:
    """Any numeral as written: ``1.2万`` -> 12000, ``二十一`` -> 21, ``1，234`` -> 1234.

    None as well for a numeral too large for a float (``1`` and 400 zeros).
    """
    try:
        value = _parse_numeral(text)
    except OverflowError:
        return None
    return value if value is None or math.isfinite(value) else None


def _parse_numeral(text: str) -> float | None:
    t = to_halfwidth_digits(text.strip())
    if not t:
        return None
    arabic = parse_arabic(t)
    if arabic is not None:
        return arabic
    m = re.fullmatch(r"([0-9][0-9,]*(?:\.[0-9]+)?)([十百千万亿]+)", t)
    if m:
        base = parse_arabic(m.group(1))
        factor = magnitude_factor(m.group(2))
        if base is None or factor is None:
            return None
        return base * factor
    if all(ch in CHINESE_NUMERAL_CHARS for ch in t):
        return parse_chinese(t)
    return _cn2an(t)


def split_magnitude(text: str) -> tuple[str, str]:
    """Split a trailing run of ``万``/``亿`` off a Chinese numeral: ``一千二百万`` -> (``一千二百``, ``万``).

    A numeral that is only magnitude characters (``万``) is not split.
    """
    i = len(text)
    while i > 0 and text[i - 1] in BIG_UNITS:
        i -= 1
    if i == 0:
        return text, ""
    return text[:i], text[i:]


def step_of(mantissa: str) -> float:
    """One step of the last significant digit of ``mantissa`` (before any magnitude).

    ``700`` -> 100, ``6000`` -> 1000, ``120`` -> 10, ``1.5`` -> 0.1, ``二十`` -> 10, ``十`` -> 10.
    """
    t = to_halfwidth_digits(mantissa).replace(",", "")
    if t and (t[0].isdigit()):
        if "." in t:
            decimals = len(t.split(".", 1)[1].rstrip("0"))
            if decimals:
                return float(10**-decimals)
            t = t.split(".", 1)[0]
        stripped = t.rstrip("0")
        if not stripped:
            return 1.0
        return float(10 ** (len(t) - len(stripped)))
    # Chinese: the smallest place written with a non-zero digit.
    value = parse_chinese(t)
    if value is None or value <= 0:
        return 1.0
    v = int(value)
    step = 1
    while v % (step * 10) == 0:
        step *= 10
    return float(step)
