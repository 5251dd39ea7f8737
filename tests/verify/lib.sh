# Shared by the shell tests: a scratch directory removed on exit, assertions that print what
# was expected and what came, and two small helpers (run, json).
set -euo pipefail

SCRATCH=$(mktemp -d /tmp/chungthu-test-XXXXXX)
trap 'rm -rf "$SCRATCH"' EXIT
PASSED=0
FAILED=0

pass() { PASSED=$((PASSED + 1)); echo "ok - $1"; }
failed() { FAILED=$((FAILED + 1)); echo "not ok - $1"; }

# expect_contains NAME NEEDLE HAYSTACK
expect_contains() {
  if grep -qF -- "$2" <<<"$3"; then pass "$1"; else failed "$1: expected '$2' in:"; echo "$3" | sed 's/^/    /'; fi
}
expect_not_contains() {
  if grep -qF -- "$2" <<<"$3"; then failed "$1: did not expect '$2' in:"; echo "$3" | sed 's/^/    /'; else pass "$1"; fi
}
# expect_rc NAME WANT GOT
expect_rc() {
  if [ "$2" = "$3" ]; then pass "$1"; else failed "$1: exit code $3, expected $2"; fi
}

# run COMMAND…: its output (stdout and stderr) in OUT and its exit code in RC, whatever it is.
run() { set +e; OUT=$("$@" 2>&1); RC=$?; set -e; }
# json EXPRESSION: EXPRESSION of d, the JSON document read from stdin, printed by Python.
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

finish() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}
