#!/usr/bin/env python3
"""How fast is claimcheck next to quantulum3, the Python quantity extractor, on the
same articles? Times quantulum3's parser over every article and prints MB/s and the
number of quantities it found; the claimcheck side is `cargo bench` and the
/usr/bin/time commands in docs/performance.md.

Usage: python3 benches/quantulum3_compare.py [DIR]   (default ../shared/data/news/bbc)
Needs: pip install quantulum3
"""
import os
import sys
import time

from quantulum3 import parser


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.environ.get("CLAIMCHECK_SHARED", os.path.join(os.path.dirname(__file__), "..", "..", "shared")),
        "data", "news", "bbc")
    paths = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(root) for f in fs if f.endswith(".txt"))
    texts = [open(p, encoding="utf-8").read() for p in paths]
    total = sum(len(t.encode("utf-8")) for t in texts)
    parser.parse("warm up 5 per cent")
    start = time.perf_counter()
    found = sum(len(parser.parse(t)) for t in texts)
    secs = time.perf_counter() - start
    print(f"quantulum3: {len(texts)} articles, {total / 1e6:.2f} MB, {found} quantities, "
          f"{secs:.1f} s, {total / 1e6 / secs:.3f} MB/s")


if __name__ == "__main__":
    main()
