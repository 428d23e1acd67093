#!/usr/bin/env bash
# One thread against two on a folder, as docs/performance.md measures it: -j1
# and -j2 runs alternate (so that a drift of the host's speed hits both), each
# preceded by reading the folder's files once (this host drops file pages from
# its cache within seconds, and a run that waits for the disk measures the
# disk), and the medians of the wall times are compared.
# Usage: benches/threads.sh DIR [ROUNDS] [FORMAT]   (default 11 rounds, jsonl)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: benches/threads.sh DIR [ROUNDS] [FORMAT]}
rounds=${2:-11}
format=${3:-jsonl}
cargo build --release --quiet
bin=$PWD/target/release/claimcheck
times=$(mktemp -d)
trap 'rm -rf "$times"' EXIT
for _ in $(seq "$rounds"); do
  for j in 1 2; do
    find -L "$dir" -type f -exec cat {} + > /dev/null
    start=$(date +%s%N)
    "$bin" -j$j --format "$format" "$dir" > /dev/null 2>&1 || true
    echo $(( ($(date +%s%N) - start) / 1000 )) >> "$times/j$j"
  done
done
median() { sort -n "$1" | awk '{t[NR] = $1} END {print t[int((NR + 1) / 2)] / 1000}'; }
one=$(median "$times/j1")
two=$(median "$times/j2")
awk -v a="$one" -v b="$two" -v f="$format" -v n="$rounds" \
  'BEGIN {printf "%s, %d rounds: -j1 %.1f ms, -j2 %.1f ms, %.3fx\n", f, n, a, b, a / b}'
