"""Reading input files into :class:`RawDocument` (txt, md, html, docx).

``iter_input_files`` expands the paths given on the command line; ``read_file`` reads one
file, dispatching on its suffix, and raises :class:`InputError` naming the file and the
problem for anything that is not a readable article.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from checker.errors import InputError
from checker.model import MappedText, RawDocument
from checker.read.docx import read_docx
from checker.read.html import extract_text, read_html
from checker.read.md import markup_mask, read_markdown
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

__all__ = ["FORMATS", "analysis_text", "iter_input_files", "read_file"]


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def iter_input_files(paths: Sequence[str | Path]) -> list[Path]:
    """Files to read: plain files as given, directories walked recursively (sorted).

    Inside directories only known suffixes are taken; hidden files/directories and
    project documentation (README, CHANGELOG …) are skipped.
    """
    out: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found: list[Path] = []
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in filenames:
                    candidate = Path(dirpath) / name
                    if name.startswith(".") or _is_hidden(candidate, path):
                        continue
                    if Path(name).stem.lower() in NOT_ARTICLES:
                        continue
                    if candidate.suffix.lower() in FORMATS:
                        found.append(candidate)
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
        known = " ".join(sorted(FORMATS))
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


def analysis_text(doc: RawDocument) -> MappedText:
    """The part of ``doc.text`` worth analysing, mapped to ``doc.text`` indices.

    For Markdown this drops markup (emphasis, link targets, images, code), for HTML it is
    the visible text (see :mod:`checker.read.html`); otherwise identity.
    Pass the result to :func:`checker.text.normalise.normalise`.
    """
    if doc.format == "md":
        return markup_mask(doc.text)
    if doc.format == "html":
        return extract_text(doc.text)
    return MappedText.identity(doc.text)
