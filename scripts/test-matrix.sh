#!/usr/bin/env bash
# The README's test command (`npm test`) on every tested Node: the machine's own, then each
# version in .ci/node-versions, installed by scripts/install-node.sh. Prints one line per Node
# ("node v24.22.3: 3405 passed, 0 failed") and exits non-zero if any run failed. The example
# app's better-sqlite3 is built for each Node in turn, then restored for the machine's Node.
#   bash scripts/test-matrix.sh            every version
#   bash scripts/test-matrix.sh 24.22.3    the machine's Node and that one
set -uo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -gt 0 ]; then versions=("$@"); else mapfile -t versions < <(grep -Ev '^\s*(#|$)' .ci/node-versions); fi

binary=node_modules/better-sqlite3/build/Release/better_sqlite3.node
own_binary="$(mktemp)"
cp "$binary" "$own_binary"
restore() { cp --remove-destination "$own_binary" "$binary"; rm -f "$own_binary"; }
trap restore EXIT

summaries=()
status=0
run_tests() { # LABEL [PATH-prefix]
  local label="$1" log
  log="$(mktemp)"
  printf '\n==> npm test on %s\n' "$label"
  npm test 2>&1 | tee "$log"
  local rc="${PIPESTATUS[0]}"
  local line
  line="$(grep -E '^Tests: ' "$log" | tail -n 1)"
  local passed failed
  passed="$(sed -nE 's/.* ([0-9]+) passed.*/\1/p' <<<"$line")"
  failed="$(sed -nE 's/.* ([0-9]+) failed.*/\1/p' <<<"$line")"
  rm -f "$log"
  summaries+=("node $label: ${passed:-0} passed, ${failed:-0} failed$([ "$rc" -ne 0 ] && echo " (exit $rc)")")
  [ "$rc" -eq 0 ] || status=1
}

run_tests "$(node --version)"
for version in "${versions[@]}"; do
  if ! dir="$(bash scripts/install-node.sh "$version")" || ! bash scripts/sqlite-for-node.sh "$dir"; then
    summaries+=("node v$version: could not be installed")
    status=1
    continue
  fi
  PATH="$dir/bin:$PATH" npm_config_nodedir="$dir" run_tests "v$version"
done

printf '\n'
printf '%s\n' "${summaries[@]}"
exit "$status"
