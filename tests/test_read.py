"""Readers: encodings, formats and every error case."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from checker.errors import InputError
from checker.read import analysis_text, iter_input_files, read_file
from checker.read.html import extract_text
from checker.read.md import markup_mask

TEXT = "本市昨日召开防汛工作会议，\r\n部署下一阶段任务。\r最后一行。"


def test_utf8_and_newlines(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(TEXT.encode("utf-8"))
    doc = read_file(p)
    assert doc.format == "txt" and doc.encoding == "utf-8"
    assert doc.text == "本市昨日召开防汛工作会议，\n部署下一阶段任务。\n最后一行。"
    assert len(doc.content_hash) == 64


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + "带签名的文本。".encode())
    doc = read_file(p)
    assert doc.text == "带签名的文本。"
    assert doc.encoding == "utf-8-sig"


def test_gb18030(tmp_path: Path) -> None:
    p = tmp_path / "gb.txt"
    p.write_bytes("镇政府今年投入资金三百万元，修缮老街石板路。".encode("gb18030"))
    doc = read_file(p)
    assert doc.encoding == "gb18030"
    assert "石板路" in doc.text


def test_markdown_keeps_file_text_and_mask_maps(tmp_path: Path) -> None:
    src = "# 标题一\n\n这是**重点**内容，详见[链接](http://example.com)。\n\n```\ncode()\n```\n"
    p = tmp_path / "a.md"
    p.write_text(src, encoding="utf-8")
    doc = read_file(p)
    assert doc.format == "md" and doc.text == src
    masked = analysis_text(doc)
    assert "这是重点内容，详见链接。" in masked.text
    assert "http" not in masked.text and "code" not in masked.text and "**" not in masked.text
    assert masked.text.startswith("# 标题一")
    for i, ch in enumerate(masked.text):
        assert src[masked.src[i]] == ch


def test_markup_mask_keeps_newlines() -> None:
    m = markup_mask("a\n\n*b*\n")
    assert m.text == "a\n\nb\n"


def test_html_blocks_and_headings(tmp_path: Path) -> None:
    p = tmp_path / "a.html"
    p.write_text(
        "<html><head><title>不要</title><style>p{}</style></head><body>"
        "<h1>大桥通车</h1><p>第一段<b>加粗</b>文字。<br>换行后。</p><script>var x=1;</script>"
        "<ul><li>条目一</li><li>条目二</li></ul></body></html>",
        encoding="utf-8",
    )
    doc = read_file(p)
    visible = analysis_text(doc)
    lines = [line for line in visible.text.split("\n") if line]
    assert lines == ["# 大桥通车", "第一段加粗文字。", "换行后。", "条目一", "条目二"]
    assert "不要" not in visible.text and "var" not in visible.text
    # Every visible character points at the same character of the markup (the file's own text).
    for ch, raw in zip(visible.text, visible.src, strict=True):
        if ch not in "# \n":
            assert doc.text[raw] == ch


def test_html_entities_map_to_their_ampersand() -> None:
    markup = "<p>甲&amp;乙&#20065;</p>"
    text = extract_text(markup)
    assert text.text.strip() == "甲&乙乡"
    assert markup[text.src[1]] == "&" and markup[text.src[3]] == "&"


def test_html_deep_nesting() -> None:
    depth = 5000
    text = extract_text("<body>" + "<div>" * depth + "深处的文字" + "</div>" * depth + "</body>")
    assert text.text.strip() == "深处的文字"


def _make_docx(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("新闻标题")
    document.add_paragraph("正文第一段。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "表格甲"
    table.cell(0, 1).text = "表格乙"
    document.add_paragraph("正文第二段。")
    document.save(str(path))


def test_docx(tmp_path: Path) -> None:
    p = tmp_path / "a.docx"
    _make_docx(p)
    doc = read_file(p)
    assert doc.format == "docx" and doc.encoding is None
    assert doc.text == "新闻标题\n\n正文第一段。\n\n表格甲\n\n表格乙\n\n正文第二段。"


def test_iter_input_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b.txt", "a.md", "sub/c.html", "sub/d.docx", "x.pdf", ".e.txt", ".hidden/f.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    files = iter_input_files([tmp_path])
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["a.md", "b.txt", "sub/c.html", "sub/d.docx"]
    with pytest.raises(InputError, match="文件不存在"):
        iter_input_files([tmp_path / "nope.txt"])


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.txt", b"", "文件为空"),
        ("blank.txt", b"  \n\t\n", "文件为空"),
        ("bin.txt", b"abc\x00def", "二进制"),
        ("ctl.txt", bytes(range(1, 9)) * 100, "二进制"),
        ("bad.txt", b"\xff\xfe\xfd\x80\x81" * 50 + b"\xc3", "编码"),
        ("bad.docx", b"this is not a zip file", "压缩包损坏"),
    ],
)
def test_read_errors(tmp_path: Path, name: str, data: bytes, problem: str) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_file(p)
    assert info.value.path == str(p)
    assert problem in info.value.problem


def test_missing_and_too_large(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="文件不存在"):
        read_file(tmp_path / "missing.txt")
    p = tmp_path / "big.txt"
    p.write_text("字" * 100, encoding="utf-8")
    with pytest.raises(InputError, match="文件过大"):
        read_file(p, max_bytes=50)


def test_docx_without_document_xml(tmp_path: Path) -> None:
    p = tmp_path / "empty.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("other.xml", "<x/>")
    with pytest.raises(InputError, match=r"word/document\.xml"):
        read_file(p)


def test_docx_zip_bomb_ratio(tmp_path: Path) -> None:
    p = tmp_path / "bomb.docx"
    _make_docx(p)
    with zipfile.ZipFile(p, "a", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/media/zeros.bin", b"\0" * 20_000_000)
    with pytest.raises(InputError, match="压缩"):
        read_file(p)


def test_docx_uncompressed_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import checker.read.docx as docx_reader

    p = tmp_path / "large.docx"
    _make_docx(p)
    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED_BYTES", 1000)
    with pytest.raises(InputError, match="解压后过大"):
        read_file(p)
