#!/usr/bin/env python3
"""Writes the seed corpus of docx_reader_fuzz (tests/data/docx_reader/): small Word packages
(ECMA-376 Part 1, WordprocessingML) with a table under a title, merged cells (gridSpan, vMerge),
a nested table and a document without a table. Run from the repository root."""
import pathlib
import zipfile

OUT = pathlib.Path("tests/data/docx_reader")
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def document(body):
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>'


def cell(text, props=""):
    return f"<w:tc>{props}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def row(cells):
    return "<w:tr>" + "".join(cells) + "</w:tr>"


SEEDS = {
    "simple.docx": document("<w:p><w:r><w:t>DANH SÁCH</w:t></w:r></w:p><w:tbl>"
                            + row([cell("STT"), cell("Họ và tên"), cell("Số CCCD")])
                            + row([cell("1"), cell("Nguyễn Văn An"), cell("027085000001")]) + "</w:tbl>"),
    "merged.docx": document("<w:tbl>"
                            + row([cell("A", '<w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr>'),
                                   cell("B")])
                            + row([cell("", '<w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr>'), cell("C")])
                            + "</w:tbl>"),
    "nested.docx": document("<w:tbl><w:tr><w:tc><w:tbl>" + row([cell("x")]) + "</w:tbl><w:p/></w:tc></w:tr></w:tbl>"),
    "notable.docx": document("<w:p><w:r><w:t>Kính gửi</w:t><w:tab/><w:t>x</w:t></w:r></w:p>"),
}

OUT.mkdir(parents=True, exist_ok=True)
for name, xml in SEEDS.items():
    with zipfile.ZipFile(OUT / name, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
