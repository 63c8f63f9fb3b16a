"""Benchmark of the search (policykg.search; run on demand, not by the tests).

On the real graph (dist/graph.nq; ``--graph`` for another), it times building the search index from
the entity index (``SearchIndex(index)``, beside the entity index itself for scale) and a fixed list of
queries (zh and en names, variants, numbers as written, words of sentences, a class filter, nothing
found). Each time is the median of ``--repeat`` runs after one warm-up, and each query's time is also
given as a ratio to a **baseline measured in the same run**: the plainest search there is, a
case-sensitive substring test of the query against every ``rdfs:label`` of the graph (which finds
neither variants, nor numbers, nor sentences). The requirement is well under 200 ms a query.

    python bench/search_bench.py [--graph dist/graph.nq] [--repeat 7] [--markdown]
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from network_bench import show  # noqa: E402 - one way to print times across the benchmarks
from policykg.entities import Index  # noqa: E402
from policykg.query import load_built_graph  # noqa: E402
from policykg.search import SearchIndex  # noqa: E402

#: (query, class or None): names in zh and en, variants, prefixes and parts, numbers, sentence words.
QUERIES = (
    ("地区生产总值", None), ("gdp", None), ("GDP", None), ("万魔", None), ("万魔声学", None), ("1MORE", None),
    ("gross domestic product", None), ("十四五规划", None), ("衡阳", None), ("产业链", None), ("园区", "Park"),
    ("1600亿元", None), ("1600", None), ("4.3%", None), ("第二", None), ("开复工率 100%", None),
    ("粮食", None), ("招商引资", None), ("project:wanmo-acoustics-smart-manufacturing", None), ("xyzzy", None),
)



def median_time(function, repeat: int) -> tuple[object, float]:
    """``function()`` once to warm up, then ``repeat`` times; its last result and the median time."""
    result = function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return result, statistics.median(times)


def baseline(index: Index, text: str) -> list[str]:
    """The plainest search: the IRIs one of whose labels (any language) contains ``text``, as typed."""
    return sorted(iri for iri, labels in index.label_map.items() if any(text in label for names in labels.values() for label in names))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, default=ROOT / "dist" / "graph.nq", help="the built dataset (default dist/graph.nq)")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per measure, after one warm-up (default 7)")
    parser.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    args = parser.parse_args()

    quads = list(load_built_graph(args.graph))
    index, index_time = median_time(lambda: Index(quads), max(1, args.repeat // 2))
    searcher, build_time = median_time(lambda: SearchIndex(index), args.repeat)
    rows = []
    for text, cls in QUERIES:
        hits, seconds = median_time(lambda: searcher.search(text, None, cls), args.repeat)
        plain, base = median_time(lambda: baseline(index, text), args.repeat)
        rows.append((text, cls or "", len(hits), hits[0].match if hits else "", len(plain), seconds, base))
    slowest = max(row[5] for row in rows)

    sep = " | " if args.markdown else "  "
    print(f"graph: {args.graph} ({len(quads):,} quads); {len(index.entities)} entities, {len(searcher.named) - len(index.entities)} "
          f"indicators, {len(searcher.records)} observations and targets; median of {args.repeat} runs")
    print(f"entity index (policykg.entities.Index): {show(index_time)}; search index: {show(build_time)} "
          f"({build_time / index_time:.2f}x the entity index)")
    header = ["query", "class", "hits", "best match", "baseline hits", "search", "baseline", "search / baseline"]
    if args.markdown:
        print("\n| " + " | ".join(header) + " |\n|" + "---|" * 4 + "---:|" * 4)
    else:
        print("\n" + sep.join(header))
    for text, cls, count, best, plain, seconds, base in rows:
        cells = [text, cls, str(count), best, str(plain), show(seconds), show(base), f"{seconds / base:.1f}x"]
        print(("| " + " | ".join(cells) + " |") if args.markdown else sep.join(cells))
    total = sum(row[5] for row in rows)
    print(f"\nslowest query {show(slowest)}; all {len(rows)} queries {show(total)} "
          f"(baseline {show(sum(row[6] for row in rows))}); requirement: well under 200 ms a query")


if __name__ == "__main__":
    main()
