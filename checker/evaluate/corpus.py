"""Turning a corpus of real text into article files the checker reads.

A corpus is a directory of ``.txt``/``.md`` files (copied as they are), a THUCNews
style ``.tsv`` file (``topic<TAB>text`` per line, the headline running into the
body), or a directory holding both (``../shared/corpus``: ``seeds/*.txt`` and
``news/*.tsv``).  Each tsv line becomes one article file: a short headline line, a
blank line, and the body cut into paragraphs at sentence ends.  Nothing of the
corpus is stored in the project: it is read at run time.

The lines of a tsv are split into two halves by a hash of each article's text
(:func:`half_of`): the *tuning* half, which rules may be tuned on, and the *held-out* half,
which the reported figures and the CI guard are measured on.  The split depends on nothing
but the text, so it stays the same whatever the order or number of lines.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass
from pathlib import Path

from checker.errors import InputError

TEXT_SUFFIXES = (".txt", ".md")
# Where a Sina headline stops and the body begins: the dateline "新浪体育讯", "导语：" ...
_BODY_START = re.compile(r"新浪\w{1,4}讯|导语[：:]|本报讯|据\w{0,6}报道|（记者|\(记者|记者\w{0,4}(?:报道|获悉)")
_SENTENCE_END = re.compile(r"(?<=[。！？])(?![”’」』）)])")
MIN_PARAGRAPH = 150
MAX_HEADLINE = 60
HALVES = ("tuning", "held-out")


@dataclass
class CorpusFile:
    """One article file of a materialised corpus: its name below the output directory and its text."""

    name: str
    text: str
    source: str  # where it came from: the file, or tsv path and line number


def split_tsv_line(line: str) -> tuple[str, str, str] | None:
    """``topic<TAB>text`` -> (topic, headline, body); the headline is cut at the dateline when there is one."""
    if "\t" not in line:
        return None
    topic, text = line.rstrip("\n").split("\t", 1)
    text = text.strip()
    if not text:
        return None
    m = _BODY_START.search(text, 0, MAX_HEADLINE + 20)
    if m and 4 <= m.start() <= MAX_HEADLINE:
        return topic, text[: m.start()].strip(), text[m.start() :].strip()
    return topic, "", text


def read_text(path: Path) -> str:
    """A corpus file's text: UTF-8 (with or without BOM), else GB18030; an InputError naming it otherwise."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"无法读取 (cannot read): {exc.strerror}") from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(str(path), "无法解码，既不是 UTF-8 也不是 GB18030 (cannot decode as UTF-8 or GB18030)")


def half_of(text: str) -> str:
    """``"tuning"`` or ``"held-out"``: the half an article belongs to, by a hash of its text."""
    digest = hashlib.sha256(text.strip().encode("utf-8")).digest()
    return HALVES[digest[0] & 1]


def paragraphs(body: str, min_chars: int = MIN_PARAGRAPH) -> list[str]:
    """The body cut after sentence ends into paragraphs of at least ``min_chars`` characters."""
    out: list[str] = []
    current = ""
    for piece in _SENTENCE_END.split(body):
        current += piece
        if len(current) >= min_chars:
            out.append(current.strip())
            current = ""
    if current.strip():
        if out and len(current) < 40:
            out[-1] += current.strip()
        else:
            out.append(current.strip())
    return [p for p in out if p]


def tsv_article(topic: str, headline: str, body: str, number: int) -> str:
    """The text of an article file: the headline (or a neutral one), a blank line, paragraphs."""
    head = headline or f"{topic}稿件{number}"
    return head + "\n\n" + "\n\n".join(paragraphs(body)) + "\n"


def read_tsv(path: Path, sample: int | None = None, seed: int = 0, prefix: str = "",
             split: str | None = None) -> list[CorpusFile]:
    """Articles of a THUCNews tsv; ``sample`` picks that many lines at random (fixed ``seed``).

    ``split`` (``"tuning"`` or ``"held-out"``) keeps only the lines of that half, before sampling.
    """
    lines = read_text(path).splitlines()
    numbers = list(range(len(lines)))
    if split is not None:
        numbers = [n for n in numbers if "\t" in lines[n] and half_of(lines[n].split("\t", 1)[1]) == split]
    if sample is not None and sample < len(numbers):
        numbers = sorted(random.Random(seed).sample(numbers, sample))
    out: list[CorpusFile] = []
    for n in numbers:
        parsed = split_tsv_line(lines[n])
        if parsed is None:
            continue
        topic, headline, body = parsed
        name = f"{prefix}{path.stem}/{n + 1:04d}.txt"
        out.append(CorpusFile(name, tsv_article(topic, headline, body, n + 1), f"{path}:{n + 1}"))
    return out


def read_corpus(path: str | Path, *, sample: int | None = None, seed: int = 0,
                split: str | None = None) -> list[CorpusFile]:
    """Every article file of the corpus at ``path`` (a tsv file, or a directory searched recursively).

    ``sample`` limits each tsv file to that many randomly chosen lines, and the text files to that
    many randomly chosen files when there are more; ``split`` limits each tsv file to one half of
    its lines (see :func:`half_of`).  Text files are not split: they are the seed pages, or an
    archive of the user's own.
    """
    if split is not None and split not in HALVES:
        raise ValueError(f"unknown split {split!r}: one of {', '.join(HALVES)}")
    root = Path(path)
    if root.is_file():
        if root.suffix.lower() == ".tsv":
            return read_tsv(root, sample, seed, split=split)
        return [CorpusFile(root.name, read_text(root), str(root))]
    if not root.is_dir():
        raise FileNotFoundError(f"corpus not found: {root}")
    out: list[CorpusFile] = []
    texts: list[tuple[Path, Path]] = []
    for file in sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")):
        rel = file.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or file.stem.upper() == "README":
            continue
        suffix = file.suffix.lower()
        if suffix == ".tsv":
            out.extend(read_tsv(file, sample, seed, prefix=f"{rel.parent.as_posix()}/".lstrip("./"), split=split))
        elif suffix in TEXT_SUFFIXES:
            texts.append((file, rel))
    if sample is not None and len(texts) > sample:
        texts = sorted(random.Random(seed).sample(texts, sample))
    out.extend(CorpusFile(rel.as_posix(), read_text(file), str(file)) for file, rel in texts)
    return sorted(out, key=lambda f: f.name)


def write_corpus(files: list[CorpusFile], out_dir: Path) -> list[Path]:
    """Write the files below ``out_dir`` (UTF-8, ``\\n`` line ends) and return their paths."""
    paths = []
    for f in files:
        target = out_dir / f.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f.text, encoding="utf-8", newline="\n")
        paths.append(target)
    return paths
