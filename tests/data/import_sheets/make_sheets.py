#!/usr/bin/env python3
# Regenerates the import test spreadsheets variants.xlsx and missing_column.xlsx.
# Run from the repository root:  python3 tests/data/import_sheets/make_sheets.py
# Needs LibreOffice (`libreoffice --headless`). The .xlsx output is committed, so
# LibreOffice is only needed to regenerate it and stays out of `make test`.
# Writes Flat ODF (.fods) files with typed cells into a temp dir, converts them
# with LibreOffice, then removes the temp files.

import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from xml.sax.saxutils import escape

OUT_DIR = os.path.join("tests", "data", "import_sheets")
SHEET_NAME = "Danh sách"

# Cell helpers: (type, value). "date" values are ISO yyyy-mm-dd.
def s(v): return ("string", v)
def d(v): return ("date", v)
def n(v): return ("float", v)
EMPTY = None

HEADERS = ["STT", "Họ tên", "Số CCCD/CMND", "Ngày sinh", "Ngày cấp", "Nơi cấp",
           "Email công vụ", "Cơ quan cấp 1", "Cơ quan cấp 2", "Đơn vị", "Tỉnh/TP",
           "Chức vụ", "SĐT", "Loại thiết bị", "Loại yêu cầu", "Ghi chú"]


def person(stt, name, cccd, dob, issued, place, email, phone, note=EMPTY):
    return [n(stt), s(name), cccd, dob, issued, s(place), s(email),
            s("UBND tỉnh Bắc Ninh"), s("Sở Giáo dục và Đào tạo"),
            s("Trường THPT Hàn Thuyên"), s("Bắc Ninh"), s("Giáo viên"),
            phone, s("TOKEN"), s("cấp mới"), note]


VARIANTS = [
    [s("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")],
    [s("Độc lập - Tự do - Hạnh phúc")],
    [s("DANH SÁCH ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ")],
    [],
    [s(h) for h in HEADERS],
    person(1, "Nguyễn Văn An", s("027085000101"), d("1985-06-15"), d("2021-05-10"),
           "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
           "an.nv@bacninh.gov.vn", s("0912 345 678"), s("Chuyển công tác từ năm 2024")),
    person(2, "Trần Thị Bình", s("027085000102"), s("3/7/1990"), s("2021-04-20"),
           "Cục CS QLHC về TTXH", "binh.tt@bacninh.gov.vn", s("+84 912.345.679")),
    person(3, "Lê Văn Cường", s("027085000103"), s("05-09-1979"), s("01.02.2016"),
           "Cuc Canh sat DKQL cu tru va DLQG ve dan cu", "cuong.lv@bacninh.gov.vn",
           s("0912345680")),
    person(4, "Phạm Thị Dung", s("027085000104"), d("1988-11-20"), d("2024-07-01"),
           "Bộ Công an", "dung.pt@bacninh.gov.vn", s("0912345681")),
    person(5, "Hoàng Văn Em", s("027085000105"), d("1980-01-01"), d("2015-01-01"),
           "Công an tỉnh Nam Định", "em.hv@bacninh.gov.vn", s("0912-345-682")),
    person(6, "Vũ Thị Phương", s("123456789"), s("31/02/1990"), d("2022-03-01"),
           "Cục Cảnh sát ABC", "phuong.vt@bacninh.gov.vn", n(912345683)),
]

MISSING_COLUMN = [
    [s("DANH SÁCH ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ")],
    [],
    [s("STT"), s("Họ và tên"), s("Ngày sinh"), s("Đơn vị"), s("Chức vụ")],
    [n(1), s("Nguyễn Văn An"), d("1985-06-15"), s("Trường THPT Hàn Thuyên"), s("Giáo viên")],
]

FODS_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:automatic-styles>
  <number:date-style style:name="N_ddMMyyyy">
   <number:day number:style="long"/><number:text>/</number:text>
   <number:month number:style="long"/><number:text>/</number:text>
   <number:year number:style="long"/>
  </number:date-style>
  <style:style style:name="ce_date" style:family="table-cell"
   style:parent-style-name="Default" style:data-style-name="N_ddMMyyyy"/>
 </office:automatic-styles>
 <office:body>
  <office:spreadsheet>
"""

FODS_TAIL = """  </office:spreadsheet>
 </office:body>
</office:document>
"""


def cell_xml(cell):
    if cell is None:
        return "<table:table-cell/>"
    kind, value = cell
    if kind == "string":
        return ('<table:table-cell office:value-type="string">'
                "<text:p>%s</text:p></table:table-cell>" % escape(value))
    if kind == "date":
        y, m, dd = value.split("-")
        return ('<table:table-cell table:style-name="ce_date" office:value-type="date" '
                'office:date-value="%s"><text:p>%s/%s/%s</text:p></table:table-cell>'
                % (value, dd, m, y))
    if kind == "float":
        return ('<table:table-cell office:value-type="float" office:value="%s">'
                "<text:p>%s</text:p></table:table-cell>" % (value, value))
    raise ValueError(kind)


def fods(rows):
    for row in rows:
        for cell in row:
            if cell is not None and cell[0] == "string":
                assert unicodedata.is_normalized("NFC", cell[1]), cell[1]
    out = [FODS_HEAD, '   <table:table table:name="%s">\n' % escape(SHEET_NAME)]
    for row in rows:
        cells = "".join(cell_xml(c) for c in row) or "<table:table-cell/>"
        out.append("    <table:table-row>%s</table:table-row>\n" % cells)
    out.append("   </table:table>\n")
    out.append(FODS_TAIL)
    return "".join(out)


def main():
    if not os.path.isdir(OUT_DIR):
        sys.exit("run from the repository root (missing %s)" % OUT_DIR)
    tmp = tempfile.mkdtemp(prefix="import_sheets_")
    try:
        # Private LibreOffice profile so a running LibreOffice does not interfere.
        profile = "-env:UserInstallation=file://" + os.path.join(tmp, "profile")
        for name, rows in (("variants", VARIANTS), ("missing_column", MISSING_COLUMN)):
            src = os.path.join(tmp, name + ".fods")
            with open(src, "w", encoding="utf-8") as f:
                f.write(fods(rows))
            subprocess.run(["libreoffice", profile, "--headless", "--convert-to", "xlsx",
                            "--outdir", OUT_DIR, src], check=True)
            if not os.path.isfile(os.path.join(OUT_DIR, name + ".xlsx")):
                sys.exit("LibreOffice did not write %s.xlsx" % name)
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
