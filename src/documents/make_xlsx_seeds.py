#!/usr/bin/env python3
"""Writes the seed corpus of xlsx_reader_fuzz (tests/data/xlsx_reader/): small XLSX packages
(ECMA-376 Part 2) covering shared strings, inline strings, date styles, the 1904 date system,
namespace prefixes and a second sheet. Run from the repository root."""
import pathlib
import zipfile

OUT = pathlib.Path("tests/data/xlsx_reader")
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def workbook(sheets, date1904=False):
    pr = '<workbookPr date1904="1"/>' if date1904 else ""
    s = "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, n in enumerate(sheets))
    return f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">{pr}<sheets>{s}</sheets></workbook>'


def rels(n):
    r = "".join(f'<Relationship Id="rId{i + 1}" Type="{REL}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                for i in range(n))
    return f'<Relationships xmlns="{PKG}">{r}</Relationships>'


def sheet(rows):
    return f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'


STYLES = (f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
          '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>')
HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Nơi cấp CCCD", "Ngày cấp CCCD", "Thư điện tử công vụ",
           "Cơ quan cấp 1", "Cơ quan cấp 2", "Cơ quan cấp 3", "Cơ quan cấp 4", "Tỉnh/Thành phố", "Chức vụ",
           "Số điện thoại", "Số hiệu chứng thư số cũ", "Nhà mạng", "Giữ số", "Loại thiết bị", "Loại yêu cầu"]


def col(i):
    return chr(ord("A") + i)


def write(name, parts):
    with zipfile.ZipFile(OUT / name, "w", zipfile.ZIP_DEFLATED) as z:
        for part, content in parts.items():
            z.writestr(part, content)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    sst = "".join(f"<si><t>{h}</t></si>" for h in HEADERS) + "<si><t>Nguyễn Văn An</t></si>"
    head = "".join(f'<c r="{col(i)}1" t="s"><v>{i}</v></c>' for i in range(len(HEADERS)))
    data = ('<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>19</v></c><c r="C2" s="1"><v>31213</v></c>'
            '<c r="D2" t="inlineStr"><is><t>027085000001</t></is></c><c r="F2" s="2"><v>44326</v></c></row>')
    write("shared_strings.xlsx", {"xl/workbook.xml": workbook(["Danh sách"]), "xl/_rels/workbook.xml.rels": rels(1),
                                  "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}">{sst}</sst>', "xl/styles.xml": STYLES,
                                  "xl/worksheets/sheet1.xml": sheet(f'<row r="1">{head}</row>{data}')})
    inline = "".join(f'<c t="inlineStr"><is><r><t>{h}</t></r></is></c>' for h in HEADERS[:5])
    write("inline_two_sheets_1904.xlsx", {
        "xl/workbook.xml": workbook(["Một", "Hai"], date1904=True), "xl/_rels/workbook.xml.rels": rels(2),
        "xl/styles.xml": STYLES,
        "xl/worksheets/sheet1.xml": sheet(f'<row>{inline}</row><row><c s="1"><v>0</v></c><c t="b"><v>1</v></c>'
                                          '<c t="str"><v>_x000D_x</v></c><c t="e"><v>#N/A</v></c></row>'),
        "xl/worksheets/sheet2.xml": sheet('<row r="1"><c r="A1"><v>2</v></c></row>')})
    write("prefixed.xlsx", {
        "xl/workbook.xml": f'<x:workbook xmlns:x="{MAIN}" xmlns:q="{REL}"><x:sheets><x:sheet name="P" sheetId="1" q:id="rId1"/></x:sheets></x:workbook>',
        "xl/_rels/workbook.xml.rels": rels(1),
        "xl/worksheets/sheet1.xml": f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData><x:row r="3"><x:c r="C3" t="d"><x:v>2021-05-10</x:v></x:c></x:row></x:sheetData></x:worksheet>'})


if __name__ == "__main__":
    main()
