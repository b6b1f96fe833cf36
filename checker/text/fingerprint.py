"""Sentence fingerprints for the duplicate index: an exact hash and bottom-k shingle sketches.

Near-duplicate candidates are found by index lookups, never by comparing every pair:
each sentence stores the k smallest hashes of its character shingles (a bottom-k
MinHash sketch).  Two sentences that differ by a character or two share most
shingles, so they almost always share one of their smallest hashes.
"""

from __future__ import annotations

import hashlib
import re
import zlib

SHINGLE = 6
SKETCH_SIZE = 4
MIN_SKETCH_CHARS = 12
_MASK63 = (1 << 63) - 1
_NOT_CONTENT = re.compile(r"[\s\W_]+", re.UNICODE)


def content_chars(text: str) -> str:
    """The sentence without spaces and punctuation: what duplicates are compared on."""
    return _NOT_CONTENT.sub("", text)


def exact_hash(text: str) -> int:
    """A stable signed-64-bit-safe hash of the sentence's content characters."""
    return _content_hash(content_chars(text))


def _content_hash(content: str) -> int:
    digest = hashlib.blake2b(content.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") & _MASK63


def sketch(text: str) -> list[int]:
    """Bottom-k hashes of the content's character shingles (empty for short sentences)."""
    return _content_sketch(content_chars(text))


def _content_sketch(content: str) -> list[int]:
    if len(content) < MIN_SKETCH_CHARS:
        return []
    data = content.encode("utf-16-le")  # two bytes a character for BMP text, so slicing is cheap
    width = SHINGLE * 2
    crc32 = zlib.crc32
    hashes = {crc32(data[i : i + width]) for i in range(0, len(data) - width + 2, 2)}  # no list in between
    return sorted(hashes)[:SKETCH_SIZE]


def fingerprints(text: str) -> tuple[int, list[int]]:
    """``(exact_hash(text), sketch(text))``, the content computed once."""
    content = content_chars(text)
    return _content_hash(content), _content_sketch(content)


def similarity(a: str, b: str) -> float:
    """Similarity in [0, 1] of two passages' content (rapidfuzz's normalised Indel ratio)."""
    from rapidfuzz.fuzz import ratio

    return float(ratio(content_chars(a), content_chars(b))) / 100.0
