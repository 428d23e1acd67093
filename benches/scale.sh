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

# Runs a command RUNS times (default 5): "min, median wall seconds, max RSS".
# Wall time is taken to the millisecond around /usr/bin/time (whose own %e has
# only two decimals: too coarse for a 0.4 s run), which gives the memory.
runs=${RUNS:-5}
t() {
  : > "$work/time.txt"
  for _ in $(seq "$runs"); do
    # The input (the last argument) read once first: this host drops file
    # pages within seconds, and a run that waits for the disk measures it.
    find -L "${!#}" -type f -exec cat {} + > /dev/null
    start=$(date +%s%N)
    /usr/bin/time -o "$work/rss.txt" -f "%M" "$@" > /dev/null 2>&1 || true
    end=$(date +%s%N)
    # (time also writes "Command exited with non-zero status 1" for a run that
    # found an inconsistency: only the figure counts.)
    echo "$(( (end - start) / 1000 )) $(grep -E '^[0-9]+$' "$work/rss.txt")" >> "$work/time.txt"
  done
  sort -n "$work/time.txt" | awk '{t[NR]=$1 / 1e6; if ($2>m) m=$2} END {printf "min %.3f s, median %.3f s, %d KB max RSS", t[1], t[int((NR+1)/2)], m}'
}
# The ratio of two `t` lines' minimum times.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {split(a, x, " "); split(b, y, " "); printf "%.2fx", x[2] / y[2]}'; }

for mb in 10 100; do
  [ -f "$work/article$mb.txt" ] || make_article $mb "$work/article$mb.txt"
  [ -f "$work/sentence$mb.txt" ] || make_sentence $mb "$work/sentence$mb.txt"
done
for kind in article sentence; do
  small=$(RUNS=3 t "$bin" -j1 --format json "$work/${kind}10.txt")
  big=$(RUNS=3 t "$bin" -j1 --format json "$work/${kind}100.txt")
  echo "$kind 10 MB, json, 1 thread: $small"
  echo "$kind 100 MB, json, 1 thread: $big  (100 MB / 10 MB: $(ratio "$big" "$small"))"
done

echo "BBC dev articles x20 copies ($src), one thread against two:"
mkdir -p "$work/many"
for i in $(seq 1 20); do [ -e "$work/many/c$i" ] || cp -r "$src" "$work/many/c$i"; done
for args in "--format jsonl" "--format text -q" "--format text" "--format json"; do
  # shellcheck disable=SC2086
  one=$(t "$bin" -j1 $args "$work/many")
  # shellcheck disable=SC2086
  two=$(t "$bin" -j2 $args "$work/many")
  echo "  $args, -j1: $one"
  echo "  $args, -j2: $two  (speed-up $(ratio "$one" "$two"))"
done

# The same text in fewer, longer files (16 articles each, ~37 KB): the cost per
# file (opening, reading, the walk) weighs less.
if [ ! -d "$work/long" ]; then
  mkdir -p "$work/long"
  find "$work/many" -name '*.txt' | sort | xargs -n 16 | awk '{print NR, $0}' |
    while read -r n files; do
      # shellcheck disable=SC2086
      cat $files > "$work/long/$(printf 'g%05d.txt' "$n")"
    done
fi
echo "The same text as $(find "$work/long" -name '*.txt' | wc -l) files of 16 articles, one thread against two:"
one=$(t "$bin" -j1 --format jsonl "$work/long")
two=$(t "$bin" -j2 --format jsonl "$work/long")
echo "  --format jsonl, -j1: $one"
echo "  --format jsonl, -j2: $two  (speed-up $(ratio "$one" "$two"))"
