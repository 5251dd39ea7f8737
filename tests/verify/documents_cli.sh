#!/usr/bin/env bash
# Official documents through the CLI (SPEC §7 "Documents"): a batch exported as the national
# 19-column XLSX and opened by an independent reader (LibreOffice headless → CSV: the same
# cells, CCCD leading zeros and diacritics intact), as the PDF list, a request letter as PDF
# (text checked with pdftotext), the XLSX imported back (the same data), and bad lists refused
# with a finding per cell and nothing written.
# Usage: documents_cli.sh path/to/chungthu
CT="$1"
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/seed.sh"
export HOME="$SCRATCH"  # LibreOffice keeps its profile there
count() { "$CT" request list --as agg --limit 1000 --json | json "len(d)"; }
# LibreOffice's reading of an XLSX as UTF-8 CSV (filter options: comma, double quote, UTF-8).
lo_csv() {
  rm -rf lo && mkdir lo
  libreoffice --headless --norestore --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir lo "$1" >/dev/null 2>&1
  cat lo/*.csv
}

new_instance
seed_batch
add_user ra1 ra_officer

# Export: XLSX, PDF list, request letter.
run "$CT" batch export "$BATCH" --as agg --format xlsx --out batch.xlsx
expect_rc "batch export xlsx" 0 "$RC"
expect_contains "xlsx is a ZIP package" "PK" "$(head -c 2 batch.xlsx)"
run "$CT" batch export "$BATCH" --as um1 --format xlsx --out nope.xlsx
expect_rc "a unit manager cannot export the aggregator's batch" 2 "$RC"
[ ! -e nope.xlsx ] && pass "nothing written on refusal" || failed "nope.xlsx written"
run "$CT" batch export "$BATCH" --as agg --format pdf --out batch.pdf
expect_rc "batch export pdf" 0 "$RC"
TEXT=$(pdftotext -enc UTF-8 batch.pdf - | tr '\n' ' ')
expect_contains "list: national motto" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "$TEXT"
expect_contains "list: motto line" "Độc lập - Tự do - Hạnh phúc" "$TEXT"
expect_contains "list: name with diacritics" "Nguyễn Thị Ánh Tuyết" "$TEXT"
expect_contains "list: round" "Đợt tháng 12" "$TEXT"
run "$CT" request letter "${IDS[0]}" --as um1 --out letter.pdf
expect_rc "request letter" 0 "$RC"
TEXT=$(pdftotext -enc UTF-8 letter.pdf - | tr '\n' ' ')
expect_contains "letter: form label" "Mẫu 01" "$TEXT"
expect_contains "letter: date line" "Bắc Ninh, ngày" "$TEXT"
expect_contains "letter: addressee" "Kính gửi: Cục Chứng thực số và Bảo mật thông tin" "$TEXT"
expect_contains "letter: name" "Nguyễn Thị Ánh Tuyết" "$TEXT"

# An independent reader: LibreOffice headless sees the same cells.
if command -v libreoffice >/dev/null 2>&1; then
  CSV=$(lo_csv batch.xlsx)
  expect_contains "LibreOffice: the 19 headers" "STT,Họ và tên,Ngày sinh,Số CCCD,Nơi cấp CCCD,Ngày cấp CCCD,Thư điện tử công vụ,Cơ quan cấp 1,Cơ quan cấp 2,Cơ quan cấp 3,Cơ quan cấp 4,Tỉnh/Thành phố,Chức vụ,Số điện thoại,Số hiệu chứng thư số cũ,Nhà mạng,Giữ số,Loại thiết bị,Loại yêu cầu" "$CSV"
  expect_contains "LibreOffice: row 1 cells" "1,Nguyễn Thị Ánh Tuyết,15/06/1985,001190000123,C06,10/05/2021,tuyet.nta@bacninh.gov.vn,UBND tỉnh Bắc Ninh,Sở Giáo dục và Đào tạo,Trường THPT Hàn Thuyên,,Bắc Ninh,Giáo viên,0912345678,,,,TOKEN,cấp mới" "$CSV"
  expect_contains "LibreOffice: row 2 cells" "2,Đặng Quỳnh Hương,15/06/1985,027085000002" "$CSV"
else
  echo "# skip: libreoffice is not installed (Debian: libreoffice-calc-nogui); the LibreOffice checks did not run"
fi

# Import it back: the same people (found by CCCD), new drafts, the same cells.
BEFORE=$(count)
run "$CT" batch import batch.xlsx --as agg --dry-run
expect_rc "dry run of a good sheet" 0 "$RC"
expect_rc "dry run writes nothing" "$BEFORE" "$(count)"
run "$CT" batch import batch.xlsx --as agg
expect_rc "import of the exported batch" 0 "$RC"
expect_contains "two drafts created" "created 2 draft requests" "$OUT"
expect_rc "two more requests" "$((BEFORE + 2))" "$(count)"
"$CT" request export --as agg --state draft --out drafts.xlsx 2>/dev/null
if command -v libreoffice >/dev/null 2>&1; then
  [ "$(lo_csv batch.xlsx)" = "$(lo_csv drafts.xlsx)" ] && pass "round trip: the same cells" || {
    failed "round trip differs"; diff <(lo_csv batch.xlsx) <(lo_csv drafts.xlsx) | sed 's/^/    /'; }
fi
run "$CT" request export --as agg --search "nguyen thi anh tuyet" --out found.xlsx
expect_rc "search without diacritics" 0 "$RC"

# Bad lists: a finding per bad cell, exit 2, nothing written.
BEFORE=$(count)
template_csv bad.csv "Lê Văn Cường|027080001|cuong@bacninh.gov.vn" "Phạm Thị Dung|027080000004|dung@gmail.com" \
  "Hoàng Văn Em|027080000005|em@bacninh.gov.vn|1980/06/15" "Vũ Thị Giang|027080000006|giang@bacninh.gov.vn"
run "$CT" batch import bad.csv --as agg --report report.xlsx
expect_rc "bad list refused" 2 "$RC"
expect_contains "old 9-digit CMND named by row and column" "dòng/row 2, D (Số CCCD) «027080001» [cmnd_old]" "$OUT"
expect_contains "e-mail outside the province" "dòng/row 3, G (Thư điện tử công vụ) «dung@gmail.com» [email_domain]" "$OUT"
expect_contains "wrong date format" "dòng/row 4, C (Ngày sinh) «1980/06/15» [date_format]" "$OUT"
expect_contains "Vietnamese and English" "12 chữ số" "$OUT"
expect_contains "nothing written" "nothing was written" "$OUT"
expect_rc "no request written" "$BEFORE" "$(count)"
[ -s report.xlsx ] && pass "report workbook written" || failed "no report.xlsx"
run "$CT" batch import bad.csv --as agg --good-rows-only
expect_rc "good rows only" 0 "$RC"
expect_rc "one good row written" "$((BEFORE + 1))" "$(count)"
# The template to fill in: 19 text columns, drop-downs backed by its «Danh mục» sheet.
run "$CT" batch template --out mau.xlsx
expect_rc "template written" 0 "$RC"
expect_contains "template: four drop-downs" '<dataValidations count="4">' "$(python3 -c 'import sys,zipfile; print(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' mau.xlsx xl/worksheets/sheet1.xml)"
expect_contains "template: the issue places listed" "Cục Cảnh sát quản lý hành chính về trật tự xã hội" "$(python3 -c 'import sys,zipfile; print(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' mau.xlsx xl/sharedStrings.xml)"
cp letter.pdf notasheet.xlsx
run "$CT" batch import notasheet.xlsx --as agg
expect_rc "a PDF is not a spreadsheet" 2 "$RC"
expect_contains "clear refusal" "not an XLSX or CSV" "$OUT"
printf 'Hä,\xd0\xe3ng\n' >legacy.csv
run "$CT" batch import legacy.csv --as agg
expect_rc "a list without the template header" 2 "$RC"
expect_contains "header finding" "header_missing" "$OUT"

finish
