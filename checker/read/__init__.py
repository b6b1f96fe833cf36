"""Reading input files into :class:`RawDocument` (txt, md, html, docx).

``iter_input_files`` expands the paths given on the command line; ``read_file`` reads one
file, dispatching on its suffix, and raises :class:`InputError` naming the file and the
problem for anything that is not a readable article.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from checker.errors import InputError
from checker.model import MappedText, RawDocument
from checker.read.docx import read_docx
from checker.read.export import EXPORT_FORMATS
from checker.read.html import extract_text, html_reading, read_html
from checker.read.md import markdown_reading, read_markdown
from checker.read.txt import read_text

FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
}
DEFAULT_MAX_BYTES = 10_000_000  # ~1.3 GB peak memory at the limit (docs/robustness.md)
# Documentation next to articles (README.md, CHANGELOG.md ...) is not an article.
NOT_ARTICLES = ("readme", "changelog", "license", "contributing")

__all__ = ["FORMATS", "Reading", "analysis_text", "clean_text", "iter_input_files", "read_file", "reading"]


SKIPPED_SHOWN = 5  # skipped files named in the message about a folder with nothing readable


def _skip_reason(name: str) -> str | None:
    """Why a file found in a folder is not read (None: it is read)."""
    if name.startswith("."):
        return "隐藏文件 (hidden)"
    if Path(name).stem.lower() in NOT_ARTICLES:
        return "项目说明，不是稿件 (project documentation)"
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS and suffix not in EXPORT_FORMATS:
        return f"不支持的文件类型 {suffix or '（无扩展名）'} (unsupported type)"
    return None


def _nothing_readable(folder: Path, skipped: list[tuple[Path, str]]) -> InputError:
    """The error for a folder in which no file can be read, naming what was skipped and why."""
    if not skipped:
        return InputError(str(folder), "目录中没有文件 (empty folder)")
    shown = "；".join(f"{p.relative_to(folder)}：{why}" for p, why in skipped[:SKIPPED_SHOWN])
    more = f"；另有 {len(skipped) - SKIPPED_SHOWN} 个" if len(skipped) > SKIPPED_SHOWN else ""
    known = " ".join(sorted([*FORMATS, *EXPORT_FORMATS]))
    problem = f"目录中没有可读取的稿件文件（支持 {known}），已跳过 {len(skipped)} 个：{shown}{more} (no readable file)"
    return InputError(str(folder), problem)


def iter_input_files(paths: Sequence[str | Path]) -> list[Path]:
    """Files to read: plain files as given, directories walked recursively (sorted).

    Inside directories only known suffixes are taken; hidden files/directories and
    project documentation (README, CHANGELOG …) are skipped.  A directory in which
    nothing is left is an InputError naming what was skipped and why.
    """
    out: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found: list[Path] = []
            skipped: list[tuple[Path, str]] = []
            for dirpath, dirnames, filenames in os.walk(path):
                skipped.extend((Path(dirpath) / d, "隐藏目录 (hidden folder)") for d in dirnames if d.startswith("."))
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    candidate = Path(dirpath) / name
                    why = _skip_reason(name)
                    if why is None:
                        found.append(candidate)
                    else:
                        skipped.append((candidate, why))
            if not found:
                raise _nothing_readable(path, skipped)
            new = sorted(found)
        elif path.exists():
            new = [path]
        else:
            raise InputError(str(path), "文件不存在 (no such file or directory)")
        for item in new:
            if item not in seen:
                seen.add(item)
                out.append(item)
    return out


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """Read one input file into a :class:`RawDocument`; raises InputError on any problem."""
    path = Path(path)
    name = str(path)
    fmt = FORMATS.get(path.suffix.lower())
    if not path.exists():
        raise InputError(name, "文件不存在 (no such file)")
    if not path.is_file():
        raise InputError(name, "不是普通文件 (not a regular file)")
    if fmt is None:
        if path.suffix.lower() in EXPORT_FORMATS:
            raise InputError(name, "稿件导出文件须逐行读取 (an archive export is read row by row)")
        known = " ".join(sorted([*FORMATS, *EXPORT_FORMATS]))
        raise InputError(name, f"不支持的文件类型，支持：{known} (unsupported file type)")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(name, f"文件过大（{size} 字节，上限 {max_bytes}）(file too large)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(name, f"无法读取文件：{exc.strerror or exc} (cannot read)") from exc
    if len(data) > max_bytes:
        raise InputError(name, f"文件过大（{len(data)} 字节，上限 {max_bytes}）(file too large)")
    if not data.strip():
        raise InputError(name, "文件为空 (empty file)")
    encoding: str | None
    if fmt == "docx":
        text, encoding = read_docx(path, data), None
    elif fmt == "html":
        text, encoding = read_html(path, data)
    elif fmt == "md":
        text, encoding = read_markdown(path, data)
    else:
        text, encoding = read_text(path, data)
    visible = extract_text(text).text if fmt == "html" else text
    if not visible.strip():
        raise InputError(name, "文件没有可读的文字内容 (no text content)")
    return RawDocument(
        path=name,
        text=text,
        format=fmt,
        encoding=encoding,
        content_hash=hashlib.sha256(data).hexdigest(),
    )


@dataclass(frozen=True)
class RowParts:
    """The fields of an export row, each mapped to the row's document text."""

    title: MappedText
    author: MappedText
    body: MappedText


@dataclass(frozen=True)
class Reading:
    """What the analysis reads of a document: its article text, mapped to ``doc.text``, and the
    date its metadata gives (a web page's ``<meta>``, a Markdown file's front matter, an export
    row's date column).  An export row also gives its fields apart (``row``)."""

    text: MappedText
    pub_date: date | None = None
    row: RowParts | None = None


def _row_reading(doc: RawDocument) -> Reading:
    """An export row: title, author and body as one text (the order an editor reads them in)."""
    fields = doc.fields
    assert fields is not None
    title, author, body = (MappedText.identity(doc.text[a:b], a) for a, b in (fields.title, fields.author, fields.body))
    pieces: list[MappedText] = []
    for part in (title, author):
        if part.text:
            pieces += [part, MappedText("\n\n", [part.src[-1] + 1] * 2)]
    return Reading(MappedText.join([*pieces, body]), fields.pub_date, RowParts(title, author, body))


def reading(doc: RawDocument) -> Reading:
    """The part of ``doc.text`` worth analysing, mapped to ``doc.text`` indices, and its metadata date.

    For Markdown this drops markup (emphasis, link targets, images, code) and the front matter
    (its title and authors come first, as a headline and a byline line); for HTML it is the
    visible text of the article, without navigation, sidebars and footer (see
    :mod:`checker.read.html`); otherwise identity.  Pass the text to
    :func:`checker.text.normalise.normalise`.
    """
    if doc.fields is not None:
        return _row_reading(doc)
    if doc.format == "md":
        text, pub_date = markdown_reading(doc.text)
        return Reading(text, pub_date)
    if doc.format == "html":
        text, pub_date = html_reading(doc.text)
        return Reading(text, pub_date)
    return Reading(MappedText.identity(doc.text))


_HEADING_MARK = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)


def clean_text(doc: RawDocument, read: Reading) -> MappedText | None:
    """What an editor is shown of ``doc``: its reading without the ``#`` heading marks the page
    splitter reads (a Markdown heading's, or those :mod:`checker.read.html` puts before <h1>-<h6>),
    mapped to ``doc.text``.  None when that is the file's own text (plain text, Word)."""
    if doc.fields is None and doc.format not in ("md", "html"):
        return None
    text = read.text
    marks = [m.span() for m in _HEADING_MARK.finditer(text.text)]
    if not marks:
        return text
    pieces: list[MappedText] = []
    at = 0
    for start, end in marks:
        pieces.append(text[at:start])
        at = end
    pieces.append(text[at:])
    return MappedText.join(pieces)


def analysis_text(doc: RawDocument) -> MappedText:
    """The text of :func:`reading`."""
    return reading(doc).text
