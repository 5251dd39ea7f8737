#!/usr/bin/env bash
# Import of a generated 10,000-row national sheet, every row fully validated (SPEC §11: ≤ 2 s):
# wall time and peak memory of `chungthu batch import` as a dry run (read + validate + report)
# and as a commit (the same, plus 10,000 subscribers and draft requests in one transaction).
# Usage: bench/import.sh [N]   (BIN=build/other to use another Release build tree)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
# BIN: a Release build tree (default: build/release, built by `make build`).
if [ -z "${BIN:-}" ]; then make -s build >/dev/null; BIN=build/release; fi
DATA=$(mktemp -d /tmp/chungthu-bench-XXXXXX)
trap 'rm -rf "$DATA"' EXIT
CT="$BIN/src/cli/chungthu --data $DATA"
$CT init >/dev/null
P=$($CT org add --name "UBND tỉnh Bắc Ninh" --province "Bắc Ninh")
EDU=$($CT org add --name "Sở Giáo dục và Đào tạo" --parent "$P")
for i in $(seq -w 1 20); do $CT org add --name "Trường THPT số $i" --parent "$EDU" >/dev/null; done
printf 'Mật khẩu-đo-hiệu-năng-1\n' >"$DATA/pw"
$CT user add --login agg --role aggregator --org "$EDU" --password-file "$DATA/pw" >/dev/null
$BIN/bench/gen_sheet "$DATA/sheet.xlsx" "$N"
measure() { # label, args…
  local label=$1; shift
  /usr/bin/time -v $CT batch import "$DATA/sheet.xlsx" --as agg "$@" >"$DATA/out.txt" 2>"$DATA/time.txt" || {
    cat "$DATA/out.txt" "$DATA/time.txt" | tail -20; exit 1; }
  local wall kb secs
  wall=$(grep 'Elapsed (wall clock)' "$DATA/time.txt" | awk '{print $NF}')
  kb=$(grep 'Maximum resident set size' "$DATA/time.txt" | awk '{print $NF}')
  secs=$(awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }' <<<"$wall")
  echo "$label: $N rows in ${secs} s wall, peak $((kb / 1024)) MB RSS — $(awk -v s="$secs" 'BEGIN { printf "%.0f%%", 100 * s / 2 }') of the 2 s target"
  head -1 "$DATA/out.txt"
}
measure "dry run (read + validate)" --dry-run
measure "commit (read + validate + write)"
