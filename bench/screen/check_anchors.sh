#!/usr/bin/env bash
# The ctest `bench_screen_anchors` (label bench): keeps the SQL of the bench-screen anchors
# honest at small size. Generates 20,000 persons with feeds (error rate 0), runs the DuckDB
# and SQLite scripts and `jingzhun screen --registry`, and checks that their county summaries
# are identical and that, without
# the test rules (JL-T-*, absent from the truth file), they equal the summary implied by the
# generator's warnings-truth.csv (the reference evaluator's hits). Installs the npm packages
# with `npm ci` when they are missing; exits 77 (skipped) when Node is not installed.
#
# Usage: check_anchors.sh JINGZHUN REGIONS_DIR WORK_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jz=${1:?usage: check_anchors.sh JINGZHUN REGIONS_DIR WORK_DIR}
regions=${2:?regions dir}
work=${3:?work dir}
policy="$here/../../policies/jilin-2024.toml"
as_of=2025-12-31

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "check_anchors: node/npm not installed (scripts/setup installs them); skipped" >&2
  exit 77
fi
if [ ! -d "$here/node_modules/@duckdb/node-api" ]; then
  npm ci --prefix "$here" --no-audit --no-fund >/dev/null
fi
rm -rf "$work" && mkdir -p "$work"
"$jz" generate --out "$work/data" --persons 20000 --seed 11 --year 2025 --regions "$regions" --feeds \
  --error-rate 0 --policy "$policy" >"$work/generate.log"
data="$work/data"
node "$here/duckdb_screen.mjs" "$data/registry.csv" "$data/feeds" "$as_of" "$work/duckdb.csv" "$policy"
"$here/sqlite_screen.sh" "$data/registry.csv" "$data/feeds" "$as_of" "$work/sqlite.csv" "$policy"
node "$here/truth_summary.mjs" "$data/registry.csv" "$data/feeds/warnings-truth.csv" "$work/truth.csv"
grep -v ',JL-T-' "$work/duckdb.csv" >"$work/duckdb-without-tests.csv" || true
"$jz" screen --registry "$data/registry.csv" --policy "$policy" --feeds "$data/feeds" --as-of "$as_of" \
  --ignore-policy-period --out "$work/jingzhun" >"$work/jingzhun.log"

status=0
if ! diff "$work/duckdb.csv" "$work/sqlite.csv" >"$work/diff-sqlite.txt"; then
  echo "check_anchors: DuckDB and SQLite county summaries differ:" >&2
  head -n 20 "$work/diff-sqlite.txt" >&2
  status=1
fi
if ! diff "$work/duckdb.csv" "$work/jingzhun/county-summary.csv" >"$work/diff-jingzhun.txt"; then
  echo "check_anchors: DuckDB and jingzhun screen --registry county summaries differ:" >&2
  head -n 20 "$work/diff-jingzhun.txt" >&2
  status=1
fi
if ! diff "$work/truth.csv" "$work/duckdb-without-tests.csv" >"$work/diff-truth.txt"; then
  echo "check_anchors: DuckDB county summary (without JL-T-*) differs from warnings-truth.csv:" >&2
  head -n 20 "$work/diff-truth.txt" >&2
  status=1
fi
# A summary that agrees only because it is nearly empty would prove nothing.
rows=$(($(wc -l <"$work/truth.csv") - 1))
rules=$(cut -d, -f2 "$work/truth.csv" | sort -u | grep -c '^JL-')
if [ "$rows" -lt 100 ] || [ "$rules" -lt 8 ]; then
  echo "check_anchors: the truth summary has only $rows rows over $rules rules; the data exercise too little" >&2
  status=1
fi
[ "$status" = 0 ] && echo "check_anchors: jingzhun, DuckDB, SQLite and warnings-truth agree ($rows county rows, $rules rules)"
exit "$status"
