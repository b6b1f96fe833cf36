"""Character-level clean-up of raw text, keeping a map back to every raw character.

Steps (newlines are always kept, so the splitter still sees the file's lines):

1. full-width ASCII letters and digits and the ideographic space become half-width;
2. half-width punctuation next to Chinese text becomes full-width (``,`` -> ``，`` ...),
   straight double/single quotes next to Chinese text become curly quotes, alternating
   open/close within a line;
3. runs of spaces/tabs *inside* Chinese text (left by column breaks or letter-spaced
   furniture such as '友 情 提 醒') are dropped; spaces between Latin words are kept;
4. zero-width characters are dropped.

Every output character's ``src`` points at the raw character it came from.
"""

from __future__ import annotations

import re
from array import array

from checker.model import MappedText
from checker.text.cjk import is_cjk

HALF_TO_FULL_PUNCT: dict[str, str] = {
    ",": "，",
    ";": "；",
    ":": "：",
    "?": "？",
    "!": "！",
    "(": "（",
    ")": "）",
}
QUOTE_PAIRS: dict[str, tuple[str, str]] = {'"': ("“", "”"), "'": ("‘", "’")}
SPACE_LIKE = frozenset(" \t\u00a0\u3000")
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
# Characters other than CJK ideographs that occupy a full cell in Chinese typesetting.
WIDE_SYMBOLS = frozenset("“”‘’…—–·■□◆◇●○▲△★☆『』「」【】〔〕《》〈〉℃")


# width_map as a table. str.translate looks every character of a Chinese text up in it (with
# a new int each), ten times slower than a regex finding the few that change.
_WIDTH_TABLE: dict[str, str] = {"\u3000": " ", "\u00a0": " "}
for _lo, _hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)):
    _WIDTH_TABLE.update({chr(c): chr(c - 0xFEE0) for c in range(_lo, _hi + 1)})
_WIDE_FORM = re.compile("[\u3000\u00a0\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def _half_width(m: re.Match[str]) -> str:
    return _WIDTH_TABLE[m.group()]

# Where each step can change something; the Python loops visit only these positions.
_QUOTE_OR_NL = re.compile("[\n\"']")
_PAREN_OR_NL = re.compile(r"[\n()]")
_PUNCT = re.compile(r"[,;:?!]")
_GAP = re.compile("[ \t]+|[\u200b\u200c\u200d\u2060\ufeff]")


def width_map(ch: str) -> str:
    """Half-width equivalent of a full-width letter, digit or ideographic space."""
    code = ord(ch)
    if ch in ("\u3000", "\u00a0"):
        return " "
    if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
        return chr(code - 0xFEE0)
    return ch


def is_wide(ch: str) -> bool:
    """A CJK character or full-width punctuation/symbol."""
    code = ord(ch)
    return (
        is_cjk(ch)
        or 0x3001 <= code <= 0x303F
        or 0xFF01 <= code <= 0xFF0F
        or 0xFF1A <= code <= 0xFF20
        or 0xFF3B <= code <= 0xFF40
        or 0xFF5B <= code <= 0xFF65
        or ch in WIDE_SYMBOLS
    )


def _neighbour(chars: list[str], i: int, step: int) -> str:
    """Nearest character from ``i`` in direction ``step``, skipping spaces; '\\n' at line ends."""
    j = i + step
    while 0 <= j < len(chars):
        ch = chars[j]
        if ch == "\n":
            return "\n"
        if ch not in SPACE_LIKE:
            return ch
        j += step
    return "\n"


def _positions(chars: list[str], text: str | None, pattern: re.Pattern[str]) -> list[int]:
    """Indexes of the characters ``pattern`` matches (``text`` is ``"".join(chars)`` if known)."""
    return [m.start() for m in pattern.finditer("".join(chars) if text is None else text)]


def _convert_parens(chars: list[str], text: str | None = None) -> None:
    """Convert ( ) to （ ） as matched pairs when the pair touches Chinese text."""
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    lone: list[int] = []
    for i in _positions(chars, text, _PAREN_OR_NL):
        ch = chars[i]
        if ch == "\n":
            lone.extend(stack)
            stack = []
        elif ch == "(":
            stack.append(i)
        elif ch == ")":
            if stack:
                pairs.append((stack.pop(), i))
            else:
                lone.append(i)
    lone.extend(stack)
    for open_at, close_at in pairs:
        around = (
            _neighbour(chars, open_at, -1),
            _neighbour(chars, open_at, 1),
            _neighbour(chars, close_at, -1),
            _neighbour(chars, close_at, 1),
        )
        if any(is_wide(c) for c in around):
            chars[open_at], chars[close_at] = "（", "）"
    for i in lone:
        if is_wide(_neighbour(chars, i, -1)) or is_wide(_neighbour(chars, i, 1)):
            chars[i] = HALF_TO_FULL_PUNCT[chars[i]]


def _convert_punct(chars: list[str], text: str | None = None) -> None:
    for i in _positions(chars, text, _PUNCT):
        ch = chars[i]
        prev, nxt = _neighbour(chars, i, -1), _neighbour(chars, i, 1)
        prev_wide, next_wide = is_wide(prev), is_wide(nxt)
        prev_num, next_num = prev.isdigit() or prev == "%", nxt.isdigit()
        convert = (prev_wide and (next_wide or next_num or nxt == "\n")) or (prev_num and next_wide)
        if convert:
            chars[i] = HALF_TO_FULL_PUNCT[ch]


def _convert_quotes(chars: list[str], text: str | None = None) -> None:
    parity = {q: 0 for q in QUOTE_PAIRS}
    for i in _positions(chars, text, _QUOTE_OR_NL):
        ch = chars[i]
        if ch == "\n":
            parity = {q: 0 for q in QUOTE_PAIRS}
            continue
        if ch not in QUOTE_PAIRS:
            continue
        prev, nxt = _neighbour(chars, i, -1), _neighbour(chars, i, 1)
        if not (is_wide(prev) or is_wide(nxt)):
            continue
        if ch == "'" and prev.isascii() and prev.isalpha() and nxt.isascii() and nxt.isalpha():
            continue  # an apostrophe inside a Latin word
        chars[i] = QUOTE_PAIRS[ch][parity[ch] % 2]
        parity[ch] += 1


def _droppable(left: str, right: str) -> bool:
    if not left or not right:
        return False
    if is_wide(left) and is_wide(right):
        return True
    return (is_wide(left) and right.isdigit()) or (left.isdigit() and is_wide(right))


def _dropped(text: str) -> list[tuple[int, int]]:
    """[start, end) ranges :func:`normalise` drops from ``text``: zero-width characters and
    runs of spaces or tabs between two wide characters (or a wide character and a digit)."""
    out: list[tuple[int, int]] = []
    n = len(text)
    for m in _GAP.finditer(text):
        i, j = m.span()
        if text[i] in ZERO_WIDTH:
            out.append((i, j))
            continue
        left = text[i - 1] if i > 0 else ""
        right = text[j] if j < n else ""
        if _droppable(left, right):
            out.append((i, j))
    return out


def normalise(raw_text: str | MappedText) -> MappedText:
    """Normalised text of ``raw_text`` with a map to raw indices (see module docstring).

    ``raw_text`` may be a plain string (identity map) or an already mapped text, e.g. the
    Markdown markup mask, whose map is kept.
    """
    base = raw_text if isinstance(raw_text, MappedText) else MappedText.identity(raw_text)
    text = _WIDE_FORM.sub(_half_width, base.text)
    # The three conversions replace characters one for one, and each changes only characters
    # the later ones never look for, so every step's candidates can be found in ``text``.
    # Each conversion changes only the characters it is named after (its loop also visits every
    # newline): skipped when the text holds none of them.
    quotes = '"' in text or "'" in text
    parens = "(" in text or ")" in text
    punct = _PUNCT.search(text) is not None
    if quotes or parens or punct:
        chars = list(text)
        if quotes:
            _convert_quotes(chars, text)
        if parens:
            _convert_parens(chars, text)
        if punct:
            _convert_punct(chars, text)
        text = "".join(chars)
    drops = _dropped(text)
    if not drops:
        return MappedText(text, array("q", base.src))
    pieces: list[str] = []
    src: array[int] = array("q")
    at = 0
    for start, end in drops:
        pieces.append(text[at:start])
        src.extend(base.src[at:start])
        at = end
    pieces.append(text[at:])
    src.extend(base.src[at:])
    return MappedText("".join(pieces), src)


def equivalent(raw: str, out: str) -> bool:
    """Whether ``out`` is ``raw`` or one of the mappings :func:`normalise` applies to it."""
    if out == raw or out == width_map(raw):
        return True
    if HALF_TO_FULL_PUNCT.get(raw) == out:
        return True
    return raw in QUOTE_PAIRS and out in QUOTE_PAIRS[raw]
