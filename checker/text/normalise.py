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

from array import array

from checker.model import MappedText

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


def width_map(ch: str) -> str:
    """Half-width equivalent of a full-width letter, digit or ideographic space."""
    code = ord(ch)
    if ch in ("\u3000", "\u00a0"):
        return " "
    if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
        return chr(code - 0xFEE0)
    return ch


def is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FA1F
        or 0x3040 <= code <= 0x30FF  # kana
    )


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


def _convert_parens(chars: list[str]) -> None:
    """Convert ( ) to （ ） as matched pairs when the pair touches Chinese text."""
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    lone: list[int] = []
    for i, ch in enumerate(chars):
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


def _convert_punct(chars: list[str]) -> None:
    for i, ch in enumerate(chars):
        if ch not in HALF_TO_FULL_PUNCT or ch in "()":
            continue
        prev, nxt = _neighbour(chars, i, -1), _neighbour(chars, i, 1)
        prev_wide, next_wide = is_wide(prev), is_wide(nxt)
        prev_num, next_num = prev.isdigit() or prev == "%", nxt.isdigit()
        convert = (prev_wide and (next_wide or next_num or nxt == "\n")) or (prev_num and next_wide)
        if convert:
            chars[i] = HALF_TO_FULL_PUNCT[ch]


def _convert_quotes(chars: list[str]) -> None:
    parity = {q: 0 for q in QUOTE_PAIRS}
    for i, ch in enumerate(chars):
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


def _keep_mask(chars: list[str]) -> list[bool]:
    keep = [ch not in ZERO_WIDTH for ch in chars]
    n = len(chars)
    i = 0
    while i < n:
        if chars[i] not in (" ", "\t"):
            i += 1
            continue
        j = i
        while j < n and chars[j] in (" ", "\t"):
            j += 1
        left = chars[i - 1] if i > 0 else ""
        right = chars[j] if j < n else ""
        if _droppable(left, right):
            for k in range(i, j):
                keep[k] = False
        i = j
    return keep


def normalise(raw_text: str | MappedText) -> MappedText:
    """Normalised text of ``raw_text`` with a map to raw indices (see module docstring).

    ``raw_text`` may be a plain string (identity map) or an already mapped text, e.g. the
    Markdown markup mask, whose map is kept.
    """
    base = raw_text if isinstance(raw_text, MappedText) else MappedText.identity(raw_text)
    chars = [width_map(ch) for ch in base.text]
    _convert_quotes(chars)
    _convert_parens(chars)
    _convert_punct(chars)
    keep = _keep_mask(chars)
    text = "".join(ch for ch, k in zip(chars, keep, strict=True) if k)
    src = array("q", (s for s, k in zip(base.src, keep, strict=True) if k))
    return MappedText(text, src)


def equivalent(raw: str, out: str) -> bool:
    """Whether ``out`` is ``raw`` or one of the mappings :func:`normalise` applies to it."""
    if out == raw or out == width_map(raw):
        return True
    if HALF_TO_FULL_PUNCT.get(raw) == out:
        return True
    return raw in QUOTE_PAIRS and out in QUOTE_PAIRS[raw]
