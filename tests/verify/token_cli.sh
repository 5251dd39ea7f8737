#!/usr/bin/env bash
# `chungthu token list` against two SoftHSM2 tokens, cross-checked with tools we did not write:
# OpenSC's `pkcs11-tool -L` and `softhsm2-util --show-slots` list the same slots (ids compared in
# decimal), serials and labels; a wrong PIN tried with pkcs11-tool shows as "user PIN count low"
# in both. The module comes from --module, the configuration or its environment variable, or the
# default; a path that is wrong or not a PKCS#11 module is exit 3 with the bilingual message.
# No data directory is needed: the command only talks to the module.
# Usage: token_cli.sh path/to/chungthu
CT="$1"
source "$(dirname "$0")/lib.sh"
MODULE=/usr/lib/softhsm/libsofthsm2.so

for tool in softhsm2-util pkcs11-tool; do
  if ! command -v "$tool" >/dev/null || [ ! -f "$MODULE" ]; then
    echo "not ok - SoftHSM2 and OpenSC are not installed ($tool, $MODULE): run scripts/install-deps.sh"
    exit 1
  fi
done

export SOFTHSM2_CONF="$SCRATCH/softhsm2.conf"
mkdir "$SCRATCH/tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$SCRATCH/tokens" >"$SOFTHSM2_CONF"
export CHUNGTHU_DATA="$SCRATCH/no-data-dir"
unset CHUNGTHU_DEVICES_PKCS11_MODULE

softhsm2-util --init-token --free --label "Sở Tài chính 01" --so-pin 87654321 --pin 123456 >/dev/null
softhsm2-util --init-token --free --label "token-b" --so-pin 87654321 --pin 654321 >/dev/null

# Each listing as sorted lines "slot_id serial label" (decimal id; "-" for a blank token).
ours() {
  python3 -c '
import json, sys
for s in json.load(sys.stdin):
    if s["token_present"] and s["initialized"]:
        print(s["slot_id"], s["serial"], s["label"])
    elif s["token_present"]:
        print(s["slot_id"], "-")
' | sort
}
from_pkcs11_tool() {
  python3 -c '
import re, sys
slots = []
for line in sys.stdin:
    m = re.match(r"Slot \d+ \(0x([0-9a-f]+)\):", line)
    if m:
        slots.append({"id": int(m.group(1), 16)})
        continue
    m = re.match(r"\s+(token label|serial num|token state)\s*:\s*(.*?)\s*$", line)
    if m and slots:
        slots[-1][m.group(1)] = m.group(2)
for s in slots:
    if s.get("token state") == "uninitialized":
        print(s["id"], "-")
    else:
        print(s["id"], s["serial num"], s["token label"])
' | sort
}
from_softhsm2_util() {
  python3 -c '
import re, sys
slots = []
for line in sys.stdin:
    m = re.match(r"Slot (\d+)$", line.rstrip("\n"))
    if m:
        slots.append({"id": int(m.group(1))})
        continue
    m = re.match(r"\s+(Serial number|Label|Initialized):\s*(.*?)\s*$", line)
    if m and slots:
        slots[-1][m.group(1)] = m.group(2)
for s in slots:
    if s.get("Initialized") == "yes":
        print(s["id"], s["Serial number"], s["Label"])
    else:
        print(s["id"], "-")
' | sort
}

run "$CT" token list --json --module "$MODULE"
expect_rc "list --json: exit 0" 0 "$RC"
LISTED="$OUT"
OURS=$(ours <<<"$LISTED")
P11=$(pkcs11-tool --module "$MODULE" -L | from_pkcs11_tool)
SHU=$(softhsm2-util --show-slots | from_softhsm2_util)
echo "# chungthu token list:"; sed 's/^/#   /' <<<"$OURS"
echo "# pkcs11-tool -L:"; sed 's/^/#   /' <<<"$P11"
echo "# softhsm2-util --show-slots:"; sed 's/^/#   /' <<<"$SHU"
if [ "$(grep -c . <<<"$OURS")" = 3 ]; then pass "two tokens and the blank slot"; else failed "expected 3 slots, got: $OURS"; fi
if [ "$OURS" = "$P11" ]; then pass "slots, serials, labels as pkcs11-tool -L"; else failed "differs from pkcs11-tool -L"; fi
if [ "$OURS" = "$SHU" ]; then pass "slots, serials, labels as softhsm2-util --show-slots"; else failed "differs from softhsm2-util"; fi
expect_contains "json: the Vietnamese label" '"label": "Sở Tài chính 01"' "$LISTED"
expect_contains "json: model" '"model": "SoftHSM v2"' "$LISTED"
expect_contains "json: manufacturer" '"manufacturer": "SoftHSM project"' "$LISTED"
expect_contains "json: PIN flags" '"user_pin_locked": false' "$LISTED"
SERIAL_B=$(json '[s["serial"] for s in d if s["label"] == "token-b"][0]' <<<"$LISTED")
SLOT_B=$(json '[s["slot_id"] for s in d if s["label"] == "token-b"][0]' <<<"$LISTED")

run "$CT" token list --module "$MODULE"
expect_rc "list: exit 0" 0 "$RC"
expect_contains "text: the slot in decimal" "Khe / slot $SLOT_B (SoftHSM slot ID" "$OUT"
expect_contains "text: the serial" "số sê-ri / serial: $SERIAL_B" "$OUT"
expect_contains "text: the label" "nhãn / label: Sở Tài chính 01" "$OUT"
expect_contains "text: the blank token" "thiết bị trắng, chưa khởi tạo / blank token, not initialized" "$OUT"
expect_contains "text: PIN state" "PIN: bình thường / ok" "$OUT"

# A wrong PIN tried with pkcs11-tool: both tools see the token's flag.
run pkcs11-tool --module "$MODULE" --token-label token-b --login --pin 000000 -O
expect_contains "pkcs11-tool: wrong PIN refused" "CKR_PIN_INCORRECT" "$OUT"
run "$CT" token list --json --module "$MODULE"
expect_contains "json: count low after a wrong PIN" "True" \
  "$(json '[s["user_pin_count_low"] for s in d if s["serial"] == "'"$SERIAL_B"'"][0]' <<<"$OUT")"
expect_contains "pkcs11-tool agrees" "user PIN count low" \
  "$(pkcs11-tool --module "$MODULE" -L | grep -A3 "token label *: token-b" | grep "token flags")"
run "$CT" token list --module "$MODULE"
expect_contains "text: count low" "đã có lần nhập sai PIN người dùng / user PIN count low" "$OUT"

# The module: configuration, its environment variable, the default.
DATA="$SCRATCH/data"
mkdir "$DATA"
printf '[devices]\npkcs11_module = "/nonexistent/from-config.so"\n' >"$DATA/chungthu.toml"
run "$CT" --data "$DATA" token list
expect_rc "configured module missing: exit 3" 3 "$RC"
expect_contains "configured module named (vi)" "Mô-đun PKCS#11 /nonexistent/from-config.so: không tìm thấy tệp" "$OUT"
expect_contains "configured module named (en)" "PKCS#11 module /nonexistent/from-config.so: no such file" "$OUT"
run env CHUNGTHU_DEVICES_PKCS11_MODULE="$MODULE" "$CT" --data "$DATA" token list --json
expect_rc "environment beats the file: exit 0" 0 "$RC"
expect_contains "environment beats the file: listed" "\"serial\": \"$SERIAL_B\"" "$OUT"
printf '[devices]\npkcs11_module = "%s"\n' "$MODULE" >"$DATA/chungthu.toml"
run "$CT" --data "$DATA" token list --json
expect_contains "configured module: listed" "\"serial\": \"$SERIAL_B\"" "$OUT"
run "$CT" token list --json
expect_rc "default module without a data directory: exit 0" 0 "$RC"
expect_contains "default module: listed" "\"serial\": \"$SERIAL_B\"" "$OUT"

# Wrong modules: an environment problem, exit 3, the path in both languages.
run "$CT" token list --module /nonexistent/libpkcs11.so
expect_rc "missing module: exit 3" 3 "$RC"
expect_contains "missing module (vi)" "Mô-đun PKCS#11 /nonexistent/libpkcs11.so: không tìm thấy tệp" "$OUT"
expect_contains "missing module (en)" "PKCS#11 module /nonexistent/libpkcs11.so: no such file" "$OUT"
expect_contains "missing module: context" "(pkcs11_module)" "$OUT"
LIBCRYPTO=$(ldd "$CT" | awk '/libcrypto\.so/ && !found {print $3; found = 1}')
run "$CT" token list --module "$LIBCRYPTO"
expect_rc "not a PKCS#11 module: exit 3" 3 "$RC"
expect_contains "not a PKCS#11 module (vi)" "không phải mô-đun PKCS#11 (không có hàm C_GetFunctionList)" "$OUT"
expect_contains "not a PKCS#11 module (en)" "PKCS#11 module $LIBCRYPTO: not a PKCS#11 module (no C_GetFunctionList)" "$OUT"
echo "not a library" >"$SCRATCH/fake.so"
run "$CT" token list --module "$SCRATCH/fake.so"
expect_rc "not a library: exit 3" 3 "$RC"
expect_contains "not a library" "cannot load the library" "$OUT"

finish
