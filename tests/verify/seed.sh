# Seeding shared by the shell tests (sourced after lib.sh, with CT the chungthu binary): an
# installation in the scratch directory, the CA certificates, keys and CSRs made with openssl,
# minimal PDF documents, and the organizations, accounts and people of Bắc Ninh the registry
# tests start from.

PW='Mật khẩu-thử-nghiệm-1'

# new_instance: `chungthu init` in $SCRATCH/data (CHUNGTHU_DATA; DB is its SQLite database),
# working in $SCRATCH, with pw, a password file holding $PW for the accounts.
new_instance() {
  cd "$SCRATCH"
  export CHUNGTHU_DATA="$SCRATCH/data"
  DB="$CHUNGTHU_DATA/chungthu.db"
  printf '%s\n' "$PW" >pw
  "$CT" init >/dev/null
}

# ca_certs: the root and the issuing CA's certificates in root.pem and issuing.pem.
ca_certs() {
  "$CT" ca cert root >root.pem
  "$CT" ca cert issuing >issuing.pem
}

# new_csr NAME [KEY]: a new key in NAME.key and its CSR in NAME.csr (chungthu sets the subject).
# KEY is rsa:BITS or an EC curve, P-256 (the default) or P-384.
new_csr() {
  local key=${2:-P-256} newkey=()
  case "$key" in
    P-*) newkey=(-newkey ec -pkeyopt "ec_paramgen_curve:$key") ;;
    *) newkey=(-newkey "$key") ;;
  esac
  openssl req -new "${newkey[@]}" -nodes -keyout "$1.key" -subj "/CN=ignored" -out "$1.csr" 2>/dev/null
}

# issue_and_revoke SUBJECT EMAIL: a certificate (default profile) for a new CSR, req.csr, in cert.pem,
# revoked at once for keyCompromise; its serial in SERIAL.
issue_and_revoke() {
  new_csr req
  SERIAL=$("$CT" cert issue --csr req.csr --subject "$1" --email "$2" --out cert.pem)
  "$CT" cert revoke "$SERIAL" --reason keyCompromise >/dev/null
}

# sample_pdfs: don.pdf (a request letter) and qd.pdf (an appointment decision), minimal PDFs.
sample_pdfs() {
  printf '%%PDF-1.4\nđơn đề nghị\n' >don.pdf
  printf '%%PDF-1.4\nquyết định bổ nhiệm\n' >qd.pdf
}

# seed_province: P, the province's people's committee (UBND tỉnh Bắc Ninh, whose e-mail domain
# is bacninh.gov.vn).
seed_province() {
  P=$("$CT" org add --name "UBND tỉnh Bắc Ninh" --province "Bắc Ninh" --email vp@bacninh.gov.vn)
}

# seed_school [org add options for the school]: P, then EDU (Sở Giáo dục và Đào tạo) under it
# and S1 (Trường THPT Hàn Thuyên) under EDU.
seed_school() {
  seed_province
  EDU=$("$CT" org add --name "Sở Giáo dục và Đào tạo" --parent "$P")
  S1=$("$CT" org add --name "Trường THPT Hàn Thuyên" --parent "$EDU" "$@")
}

# add_user LOGIN ROLE [ORG]: an account with the password $PW (the officers' TOTP secrets are
# not kept).
add_user() {
  local org=()
  if [ $# -ge 3 ]; then org=(--org "$3"); fi
  "$CT" user add --login "$1" --role "$2" "${org[@]}" --password-file pw >/dev/null
}

# add_person NAME CCCD EMAIL [DEVICE [ORG]]: a teacher born 15/06/1985 of ORG (S1 unless given)
# added by um1, with a SOFT certificate unless DEVICE says otherwise; prints the new id.
add_person() {
  "$CT" subscriber add --as um1 --org "${5:-$S1}" --name "$1" --dob 15/06/1985 --cccd "$2" --cccd-date 10/05/2021 \
    --cccd-place C06 --email "$3" --position "Giáo viên" --phone 0912345678 --device "${4:-SOFT}" 2>/dev/null
}

# seed_mailbox_request ORG: um1, the unit manager of ORG; AN (Nguyễn Văn An), a person of ORG;
# R, his draft mailbox request.
seed_mailbox_request() {
  add_user um1 unit_manager "$1"
  AN=$(add_person "Nguyễn Văn An" 027085000001 an.nv@bacninh.gov.vn SOFT "$1")
  R=$("$CT" request create --as um1 --type mailbox --subscriber "$AN" 2>/dev/null | head -1)
}

# seed_batch: seed_school; um1 (unit manager of S1) and agg (aggregator of EDU); A and B, two
# teachers of S1 with a TOKEN, each with a submitted `new` request (IDS, with don.pdf and
# qd.pdf attached); BATCH, the aggregator's batch of both in the round ROUND.
seed_batch() {
  seed_school
  add_user um1 unit_manager "$S1"
  add_user agg aggregator "$EDU"
  A=$(add_person "Nguyễn Thị Ánh Tuyết" 001190000123 tuyet.nta@bacninh.gov.vn TOKEN)
  B=$(add_person "Đặng Quỳnh Hương" 027085000002 huong.dq@bacninh.gov.vn TOKEN)
  sample_pdfs
  IDS=()
  local s r
  for s in "$A" "$B"; do
    r=$("$CT" request create --as um1 --type new --subscriber "$s" --attach request_letter=don.pdf \
      --attach appointment_decision=qd.pdf 2>/dev/null | head -1)
    "$CT" request submit "$r" --as um1 >/dev/null
    IDS+=("$r")
  done
  ROUND=$("$CT" round open --as agg --name "Đợt tháng 12" --deadline 31/12/2099)
  BATCH=$("$CT" batch create --as agg --round "$ROUND")
  "$CT" batch add "$BATCH" "${IDS[@]}" --as agg >/dev/null
}

# template_csv FILE ROW…: a list in the national template (the 19 columns, UTF-8 with a BOM),
# one teacher of S1 asking for a new token certificate per ROW, "name|cccd|email[|dob]" (dob
# 15/06/1980 unless given).
template_csv() {
  python3 - "$@" <<'PY'
import csv, sys
h = ["STT","Họ và tên","Ngày sinh","Số CCCD","Nơi cấp CCCD","Ngày cấp CCCD","Thư điện tử công vụ","Cơ quan cấp 1",
     "Cơ quan cấp 2","Cơ quan cấp 3","Cơ quan cấp 4","Tỉnh/Thành phố","Chức vụ","Số điện thoại",
     "Số hiệu chứng thư số cũ","Nhà mạng","Giữ số","Loại thiết bị","Loại yêu cầu"]
def row(n, name, cccd, email, dob="15/06/1980"):
    return [n, name, dob, cccd, "C06", "10/05/2021", email, "UBND tỉnh Bắc Ninh", "Sở Giáo dục và Đào tạo",
            "Trường THPT Hàn Thuyên", "", "Bắc Ninh", "Giáo viên", "0912345678", "", "", "", "TOKEN", "cấp mới"]
with open(sys.argv[1], "w", encoding="utf-8-sig", newline="") as f:
    w = csv.writer(f)
    w.writerow(h)
    for n, spec in enumerate(sys.argv[2:], 1):
        w.writerow(row(str(n), *spec.split("|")))
PY
}
