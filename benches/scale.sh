#!/usr/bin/env bash
# Does the cost stay linear, do threads scale, and how much memory does a big run
# take? Builds the release binary, makes inputs of 10 MB and 100 MB from the BBC
# dev articles (or corpus/), and times them. Figures go in docs/performance.md.
# Usage: benches/scale.sh [WORKDIR]   (default: a fresh temp folder)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/claimcheck
shared=${CLAIMCHECK_SHARED:-../shared}
src=$shared/data/news/bbc
[ -d "$src" ] || src=corpus
work=${1:-$(mktemp -d)}
mkdir -p "$work"

# One huge article: the articles concatenated and repeated to size.
make_article() { # SIZE_MB OUT
  find "$src" -name '*.txt' | sort | xargs cat > "$work/all.txt"
  : > "$2"
  while [ "$(stat -c %s "$2")" -lt $(($1 * 1024 * 1024)) ]; do cat "$work/all.txt" >> "$2"; done
  truncate -s $(($1 * 1024 * 1024)) "$2"
}
# One huge sentence dense with numbers: no full stop, no line break.
make_sentence() { # SIZE_MB OUT
  python3 - "$1" "$2" <<'PY'
import sys
size = int(sys.argv[1]) * 1024 * 1024
unit = "sales rose 4 per cent to 1,040 from 1,000 and £3.5bn, up 12% on 2004's 5,311 "
with open(sys.argv[2], "w") as f:
    f.write((unit * (size // len(unit) + 1))[:size])
PY
}

t() { /usr/bin/time -f "%e s, %M KB max RSS" "$@" > /dev/null 2> "$work/time.txt" || true; tail -1 "$work/time.txt"; }

for mb in 10 100; do
  [ -f "$work/article$mb.txt" ] || make_article $mb "$work/article$mb.txt"
  [ -f "$work/sentence$mb.txt" ] || make_sentence $mb "$work/sentence$mb.txt"
done
for kind in article sentence; do
  for mb in 10 100; do
    echo "$kind ${mb} MB, json, 1 thread: $(t "$bin" -j1 --format json "$work/$kind$mb.txt")"
  done
done
echo "BBC dev articles ($src), json, 1 thread: $(t "$bin" -j1 --format json "$src")"
echo "BBC dev articles ($src), json, 2 threads: $(t "$bin" -j2 --format json "$src")"
echo "BBC dev articles x20 copies, jsonl, 2 threads:"
mkdir -p "$work/many"
for i in $(seq 1 20); do [ -e "$work/many/c$i" ] || cp -r "$src" "$work/many/c$i"; done
echo "  $(t "$bin" -j2 --format jsonl "$work/many")"
echo "  (json for comparison: $(t "$bin" -j2 --format json "$work/many"))"
