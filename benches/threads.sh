#!/usr/bin/env bash
# One thread against two on a folder, as docs/performance.md measures it: -j1
# and -j2 runs alternate (so that a drift of the host's speed hits both), each
# preceded by reading the folder's files once (this host drops file pages from
# its cache within seconds, and a run that waits for the disk measures the
# disk), and the medians of the wall times are compared. With a second binary
# (an older build, say), its -j1 and -j2 runs alternate with this build's in
# the same rounds, so the two are compared at the same host speed.
# Usage: benches/threads.sh DIR [ROUNDS] [FORMAT] [OTHER_BINARY]
#        (default 11 rounds, jsonl)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: benches/threads.sh DIR [ROUNDS] [FORMAT] [OTHER_BINARY]}
rounds=${2:-11}
format=${3:-jsonl}
other=${4:-}
cargo build --release --quiet
bins=("$PWD/target/release/claimcheck")
[ -n "$other" ] && bins+=("$(realpath "$other")")
times=$(mktemp -d)
trap 'rm -rf "$times"' EXIT
for _ in $(seq "$rounds"); do
  for i in "${!bins[@]}"; do
    for j in 1 2; do
      find -L "$dir" -type f -exec cat {} + > /dev/null
      start=$(date +%s%N)
      "${bins[$i]}" -j$j --format "$format" "$dir" > /dev/null 2>&1 || true
      echo $(( ($(date +%s%N) - start) / 1000 )) >> "$times/$i.j$j"
    done
  done
done
median() { sort -n "$1" | awk '{t[NR] = $1} END {print t[int((NR + 1) / 2)] / 1000}'; }
for i in "${!bins[@]}"; do
  one=$(median "$times/$i.j1")
  two=$(median "$times/$i.j2")
  name=this; [ "$i" = 1 ] && name=$other
  awk -v a="$one" -v b="$two" -v f="$format" -v n="$rounds" -v w="$name" \
    'BEGIN {printf "%s: %s, %d rounds: -j1 %.1f ms, -j2 %.1f ms, %.3fx\n", w, f, n, a, b, a / b}'
done
