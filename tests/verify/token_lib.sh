# Shared by the token station tests (sourced after lib.sh and seed.sh): SoftHSM2 tokens in the
# scratch directory through SOFTHSM2_CONF, an instance with a school, its unit manager and
# aggregator, and helpers for requests that wait for a device and for the module's slots.
# Needs: softhsm2-util, pkcs11-tool (OpenSC), sqlite3.
MODULE=/usr/lib/softhsm/libsofthsm2.so

for tool in softhsm2-util pkcs11-tool sqlite3; do
  if ! command -v "$tool" >/dev/null || [ ! -f "$MODULE" ]; then
    echo "not ok - SoftHSM2, OpenSC and sqlite3 are needed ($tool, $MODULE): run scripts/install-deps.sh"
    exit 1
  fi
done

export SOFTHSM2_CONF="$SCRATCH/softhsm2.conf"
mkdir "$SCRATCH/tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$SCRATCH/tokens" >"$SOFTHSM2_CONF"
export CHUNGTHU_DEVICES_PKCS11_MODULE="$MODULE"
unset CHUNGTHU_TEST_FAIL_AT

# token_instance: a new instance, its CA certificates, a school with um1 and agg, sample PDFs, a round.
token_instance() {
  new_instance
  ca_certs
  seed_school
  add_user um1 unit_manager "$S1"
  add_user agg aggregator "$EDU"
  sample_pdfs
  ROUND=$("$CT" round open --as agg --name "Đợt thiết bị" --deadline 31/12/2099)
}
forward() { # request id; submitted by um1 then batched by the aggregator
  "$CT" request submit "$1" --as um1 >/dev/null
  local b; b=$("$CT" batch create --as agg --round "$ROUND")
  "$CT" batch add "$b" "$1" --as agg >/dev/null
  "$CT" batch submit "$b" --as agg >/dev/null 2>&1
}
# approved_new SUBSCRIBER: a `new` without a CSR, forwarded and approved by ra1; prints its id.
approved_new() {
  local r
  r=$("$CT" request create --as um1 --type new --subscriber "$1" --attach request_letter=don.pdf \
    --attach appointment_decision=qd.pdf 2>/dev/null | head -1)
  forward "$r"
  "$CT" request approve "$r" --as ra1 >/dev/null
  echo "$r"
}
show() { "$CT" request show "$1" --as ra1 --json | json "d['$2']"; }
blank_slot() { "$CT" token list --json | json "[s['slot_id'] for s in d if s['token_present'] and not s['initialized']][0]"; }
slot_of() { "$CT" token list --json | json "[s['slot_id'] for s in d if s['serial'] == '$1'][0]"; }
certs_of() { sqlite3 "$DB" "SELECT COUNT(*) FROM certificates WHERE request_id = $1"; }
p11() { pkcs11-tool --module "$MODULE" "$@"; }
