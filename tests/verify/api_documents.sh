#!/usr/bin/env bash
# Official documents over real HTTP against `chungthu serve` (SPEC §5, §7): a batch exported by
# the aggregator as the national XLSX and as the PDF list (magic bytes, pdftotext), a request
# letter by the unit manager, the filtered request list, the XLSX imported back as a dry run
# (nothing written) and for real, a bad CSV refused with 422 and a finding per cell (nothing
# written), the report workbook, a non-spreadsheet (400), a file over 10 MiB (413), and a POST
# without the CSRF token (403).
# Usage: api_documents.sh path/to/chungthu
CT="$1"
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/api_lib.sh"

new_instance
seed_batch

start_server
sign_in um1 "$PW"
expect_rc "unit manager signs in" 201 "$STATUS"
sign_in agg "$PW"
expect_rc "aggregator signs in" 201 "$STATUS"
XLSX='application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
count() { api agg GET "/api/v1/requests?limit=1000"; json "len(d['items'])" <<<"$BODY"; }
disposition() { tr -d '\r' <headers | grep -i '^content-disposition:' || true; }

# Exports.
api agg GET "/api/v1/batches/$BATCH/export?format=xlsx" -D headers
cp body batch.xlsx
expect_rc "batch export xlsx: 200" 200 "$STATUS"
expect_rc "batch export xlsx: spreadsheet type" "$XLSX" "$CTYPE"
expect_rc "xlsx is a ZIP package (PK)" PK "$(head -c 2 batch.xlsx)"
expect_contains "xlsx: attachment with an ASCII file name" "attachment; filename=\"danh-sach-$BATCH.xlsx\"" "$(disposition)"
api agg GET "/api/v1/batches/$BATCH/export?format=pdf" -D headers
cp body batch.pdf
expect_rc "batch export pdf: 200" 200 "$STATUS"
expect_rc "batch export pdf: type" application/pdf "$CTYPE"
expect_rc "pdf magic (%PDF)" "%PDF" "$(head -c 4 batch.pdf)"
expect_contains "pdf: attachment" "attachment; filename=\"danh-sach-$BATCH.pdf\"" "$(disposition)"
TEXT=$(pdftotext -enc UTF-8 batch.pdf - | tr '\n' ' ')
expect_contains "pdf list: national motto" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "$TEXT"
expect_contains "pdf list: name with diacritics" "Nguyễn Thị Ánh Tuyết" "$TEXT"
api agg GET "/api/v1/batches/$BATCH/export?format=docx"
expect_problem "unknown export format" 400
api um1 GET "/api/v1/batches/$BATCH/export"
expect_problem "a unit manager cannot export the aggregator's batch (out of sight: as if missing)" 404
api agg GET "/api/v1/batches/999999/export"
expect_problem "no such batch" 404

api um1 GET "/api/v1/requests/${IDS[0]}/letter" -D headers
cp body letter.pdf
expect_rc "request letter: 200" 200 "$STATUS"
expect_rc "request letter: pdf" application/pdf "$CTYPE"
expect_rc "letter magic (%PDF)" "%PDF" "$(head -c 4 letter.pdf)"
TEXT=$(pdftotext -enc UTF-8 letter.pdf - | tr '\n' ' ')
expect_contains "letter: national motto" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "$TEXT"
expect_contains "letter: form label" "Mẫu 01" "$TEXT"
expect_contains "letter: name" "Nguyễn Thị Ánh Tuyết" "$TEXT"
api_json um1 POST /api/v1/requests "{\"type\": \"mailbox\", \"subscriber_id\": $A}"
expect_rc "mailbox draft created" 201 "$STATUS"
MB=$(json "d['id']" <<<"$BODY")
api um1 GET "/api/v1/requests/$MB/letter"
expect_problem "a mailbox request has no letter" 422

api agg GET "/api/v1/requests/export?state=submitted&batch=$BATCH&search=nguyen%20thi%20anh%20tuyet" -D headers
cp body found.xlsx
expect_rc "filtered request export: 200" 200 "$STATUS"
expect_rc "filtered request export: xlsx" PK "$(head -c 2 found.xlsx)"
expect_contains "request export: attachment" "attachment; filename=\"danh-sach-yeu-cau.xlsx\"" "$(disposition)"
api agg GET "/api/v1/requests/export?state=nonsense"
expect_problem "request export: unknown state" 400
api agg GET "/api/v1/requests/export?overdue=maybe"
expect_problem "request export: overdue must be true or false" 400

# Imports: the exported XLSX back, dry run then commit.
BEFORE=$(count)
api agg POST "/api/v1/imports?dry_run=true&name=batch.xlsx" -H 'Content-Type: application/octet-stream' \
  --data-binary @batch.xlsx
expect_rc "dry run of the exported sheet: 200" 200 "$STATUS"
expect_rc "dry run: two good rows" 2 "$(json "d['good_rows']" <<<"$BODY")"
expect_rc "dry run: no error rows" 0 "$(json "len([i for i in d['issues'] if i['severity']=='error'])" <<<"$BODY")"
expect_rc "dry run: not committed" False "$(json "d['committed']" <<<"$BODY")"
expect_rc "dry run writes nothing" "$BEFORE" "$(count)"
api agg POST "/api/v1/imports?dry_run=false&name=batch.xlsx" -H 'Content-Type: application/octet-stream' \
  --data-binary @batch.xlsx
expect_rc "import of the exported sheet: 200" 200 "$STATUS"
expect_rc "import: committed" True "$(json "d['committed']" <<<"$BODY")"
expect_rc "import: two drafts" 2 "$(json "len(d['request_ids'])" <<<"$BODY")"
expect_rc "two more requests" "$((BEFORE + 2))" "$(count)"

# A bad CSV: 422 with a finding per bad cell (row and column), nothing written.
template_csv bad.csv "Lê Văn Cường|027080001|cuong@bacninh.gov.vn" "Phạm Thị Dung|027080000004|dung@gmail.com" \
  "Vũ Thị Giang|027080000006|giang@bacninh.gov.vn"
BEFORE=$(count)
api um1 POST "/api/v1/imports?dry_run=false&name=bad.csv" -H 'Content-Type: text/csv' --data-binary @bad.csv
expect_problem "bad CSV refused" 422
expect_rc "findings: CCCD named by row and column" 1 "$(json "len([f for f in d['findings'] if f['row']==2 and f['column']=='D' and f['code']=='cmnd_old'])" <<<"$BODY")"
expect_rc "findings: e-mail named by row and column" 1 "$(json "len([f for f in d['findings'] if f['row']==3 and f['column']=='G'])" <<<"$BODY")"
expect_rc "the report is an extra member" "False 2" "$(json "str(d['report']['committed']) + ' ' + str(d['report']['bad_rows'])" <<<"$BODY")"
expect_contains "findings in both languages" "12 chữ số" "$BODY"
expect_rc "bad CSV: nothing written" "$BEFORE" "$(count)"
api um1 POST "/api/v1/imports/report?name=bad.csv" -H 'Content-Type: text/csv' --data-binary @bad.csv -D headers
cp body report.xlsx
expect_rc "report workbook: 200" 200 "$STATUS"
expect_rc "report workbook: xlsx" "$XLSX" "$CTYPE"
expect_rc "report workbook: PK" PK "$(head -c 2 report.xlsx)"
expect_rc "report writes nothing" "$BEFORE" "$(count)"

# The template to fill in, for whoever may import; nobody else.
api um1 GET /api/v1/imports/template
expect_rc "template: 200" 200 "$STATUS"
expect_rc "template: xlsx" "$XLSX" "$CTYPE"
cp body mau.xlsx
expect_rc "template: the national headers" "STT Họ và tên" "$(python3 -c 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); s=z.read("xl/sharedStrings.xml").decode(); import re; print(" ".join(re.findall(r"<t[^>]*>([^<]*)</t>", s)[:2]))' mau.xlsx)"
api - GET /api/v1/imports/template
expect_problem "template without a session" 401

# Refused files and requests.
api agg POST "/api/v1/imports?name=notasheet.xlsx" -H 'Content-Type: application/octet-stream' \
  --data-binary @letter.pdf
expect_problem "a PDF is not a spreadsheet" 400
expect_contains "clear refusal" "not an XLSX or CSV" "$BODY"
head -c $((10 * 1024 * 1024 + 1)) /dev/zero >big.csv
api agg POST "/api/v1/imports?name=big.csv" -H 'Content-Type: text/csv' --data-binary @big.csv
expect_problem "over 10 MiB refused" 413
api agg POST "/api/v1/imports?dry_run=perhaps&name=bad.csv" -H 'Content-Type: text/csv' --data-binary @bad.csv
expect_problem "dry_run must be true or false" 400
STATUS=$(curl -sS -o body -w '%{http_code}' -b agg.jar -H 'Content-Type: text/csv' --data-binary @bad.csv \
  "$BASE/api/v1/imports?name=bad.csv")
expect_rc "import without the CSRF token: 403" 403 "$STATUS"
expect_contains "the refusal names the token" "X-CSRF-Token" "$(cat body)"
api - GET "/api/v1/batches/$BATCH/export"
expect_problem "export without a session" 401

api - GET /api/v1/openapi.json
for p in "/api/v1/batches/{id}/export" "/api/v1/requests/export" "/api/v1/requests/{id}/letter" "/api/v1/imports" \
  "/api/v1/imports/report" "/api/v1/imports/template"; do
  expect_rc "documented: $p" True "$(json "'$p' in d['paths']" <<<"$BODY")"
done

stop_server
expect_rc "SIGTERM: clean exit" 0 "$SERVER_RC"
finish
