"""Word (.docx) reader: paragraphs and table cells, one per line, blank line between.

The zip container is inspected *before* anything is decompressed: too many members, a
total uncompressed size over the limit or an extreme compression ratio is refused, so a
zip bomb cannot exhaust memory.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from checker.errors import InputError

MAX_UNCOMPRESSED_BYTES = 200_000_000
MAX_COMPRESSION_RATIO = 200
MAX_MEMBERS = 10_000
# Small members may compress extremely well (repeated XML); ignore the ratio below this size.
RATIO_CHECK_MIN_BYTES = 1_000_000


def check_container(path: Path, data: bytes) -> None:
    """Refuse corrupt or oversized .docx files before decompressing anything."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(str(path), "不是有效的 .docx 文件（压缩包损坏）(corrupt .docx: bad zip)") from exc
    with archive:
        infos = archive.infolist()
        names = {info.filename for info in infos}
        if "word/document.xml" not in names:
            raise InputError(str(path), "不是有效的 .docx 文件（缺少 word/document.xml）(corrupt .docx)")
        if len(infos) > MAX_MEMBERS:
            raise InputError(str(path), f".docx 内文件过多（{len(infos)} 个）(too many zip members)")
        total = sum(info.file_size for info in infos)
        compressed = sum(info.compress_size for info in infos)
        if total > MAX_UNCOMPRESSED_BYTES:
            raise InputError(
                str(path),
                f".docx 解压后过大（{total} 字节，上限 {MAX_UNCOMPRESSED_BYTES}）(uncompressed size too large)",
            )
        if total > RATIO_CHECK_MIN_BYTES and total > MAX_COMPRESSION_RATIO * max(compressed, 1):
            raise InputError(str(path), ".docx 压缩比异常，疑似压缩炸弹 (suspicious compression ratio)")


def _table_lines(table: Any) -> Iterator[str]:
    for row in table.rows:
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # merged cells repeat the same element
                continue
            seen.add(id(cell._tc))
            for paragraph in cell.paragraphs:
                if paragraph.text.strip():
                    yield paragraph.text
            for inner in cell.tables:
                yield from _table_lines(inner)


def _body_lines(document: Any) -> Iterator[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text
            if text.strip():
                yield text
        elif tag == "tbl":
            yield from _table_lines(Table(child, document))


def read_docx(path: Path, data: bytes) -> str:
    """Text of a .docx file: paragraphs (and table cell paragraphs) joined by blank lines."""
    check_container(path, data)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        lines = [line.replace("\r\n", "\n").replace("\r", "\n") for line in _body_lines(document)]
    except InputError:
        raise
    except Exception as exc:  # python-docx raises many kinds of errors on broken XML
        raise InputError(str(path), f"无法解析 .docx 文件：{exc.__class__.__name__} (corrupt .docx)") from exc
    return "\n\n".join(lines)
