"""Plain-text reader: decode bytes (UTF-8, UTF-8 with BOM, GB18030/GBK) and normalise newlines."""

from __future__ import annotations

import re
from pathlib import Path

from checker.errors import InputError

# Share of characters that must be "ordinary" for a charset-normalizer guess to be trusted.
_PLAUSIBLE_SHARE = 0.9
# Share of control characters above which decoded text is treated as binary.
_MAX_CONTROL_SHARE = 0.05


def _is_ordinary(ch: str) -> bool:
    if ch in "\n\r\t\f\v":
        return True
    code = ord(ch)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return False
    return ch.isprintable() or ch.isspace()


# Control bytes that count against a file being text.
_CONTROL_BYTES = bytes(b for b in range(256) if (b < 0x20 and b not in (9, 10, 12, 13)) or b == 0x7F)


def looks_binary(data: bytes) -> bool:
    """True when ``data`` holds NUL bytes or is mostly control characters."""
    if b"\x00" in data:
        return True
    sample = data[:65536]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > _MAX_CONTROL_SHARE


# The ordinary characters str.isprintable() rejects: whitespace ("\n", "\u3000" ...), all below U+3001;
# removed with one character class (str.translate with a dict looks every character up: 10x slower).
_ORDINARY_UNPRINTABLE_RE = re.compile("[" + "".join(
    re.escape(chr(code)) for code in range(0x3001) if _is_ordinary(chr(code)) and not chr(code).isprintable()
) + "]")


def plausible_text(text: str) -> bool:
    """Decoded text looks like human text: mostly printable, few replacement characters."""
    if not text:
        return False
    # Almost always every character is ordinary: checked without a loop in Python.
    if "\ufffd" not in text and _ORDINARY_UNPRINTABLE_RE.sub("", text).isprintable():
        return True
    ordinary = sum(1 for ch in text if _is_ordinary(ch) and ch != "\ufffd")
    return ordinary / len(text) >= _PLAUSIBLE_SHARE


def decode_bytes(path: Path, data: bytes) -> tuple[str, str]:
    """Decode ``data``; returns (text, encoding name). Raises InputError if nothing fits."""
    if looks_binary(data):
        raise InputError(str(path), "看起来是二进制文件，无法作为文本读取 (binary file)")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise InputError(str(path), f"UTF-8 编码错误，位置 {exc.start} (invalid UTF-8)") from exc
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            cut_at_end = exc.reason == "unexpected end of data" and exc.start >= len(data) - 3
            if encoding == "utf-8" and cut_at_end and not data[: exc.start].isascii():
                # Valid multi-byte UTF-8 up to a character cut off at the very end: a truncated
                # file, not another encoding (GB18030 would read it as mojibake).
                raise InputError(str(path), "文件不完整：UTF-8 文件在字符中间被截断 (truncated UTF-8 file)") from exc
            continue
        if plausible_text(text):
            return text, encoding
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        if plausible_text(text):
            return text, best.encoding
    raise InputError(str(path), "无法识别文件编码，请转存为 UTF-8 (cannot decode; save as UTF-8)")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, data: bytes) -> tuple[str, str]:
    """Decoded text with newlines normalised to '\\n', and its encoding."""
    text, encoding = decode_bytes(path, data)
    return normalise_newlines(text), encoding
