"""How each named query's time grows with the data (issue 17): every named query of queries/ at each
size of synthetic data, in process, and the ratio of its times between consecutive sizes.

Every size's graph (made by bench/generate.py into bench/data/synthetic-<size>.nq when missing, the
same files as bench/run.py) is loaded once with ``policykg.query.load_built_graph`` and kept in memory.
Each query then runs with the parameters bench/run.py gives it (:data:`run.PARAMETERS`) through
``policykg.query.run_query``, every row consumed: one warm-up run at each size (not counted; it also
counts the rows), then ``--repeat`` rounds of one timed run at each size, the sizes taking turns (and
the order of the turns alternating), so that a change in the machine's load (a shared machine) weighs
on every size alike and the ratios stay meaningful. The median of the timed runs is reported. A query
stops taking rounds once its timed runs have spent ``--budget`` seconds (the table then says ``n=``).

The table gives the time at each size and, for each size after the first, the ratio to the previous
size, and flags (``!``) a query that misses the goal: a ratio above ``--max-ratio`` (12: at most
linear growth, with some room, for 10x the data) or a time above ``--max-seconds`` (1 s) at the
largest size. Below the named queries, two reference queries whose work is linear by construction
(a scan of every quad of the named graphs; a scan of the observations with one index lookup each)
show how much the engine's own cost per row grows between the sizes on this machine (memory
effects of a larger store), which no rewriting of a query can remove: a query whose ratio is near
theirs grows as linearly as the engine allows. They are never flagged.

    python bench/scaling.py [--sizes 100k,1m] [--queries a,b] [--repeat 5] [--budget 60]
                            [--query-dir queries] [--json out.json]

``--query-dir`` measures the queries of another folder (an older copy, to compare before and after);
parameters are still looked up by query name.
"""

import argparse
import gc
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

from generate import generate, parse_size  # noqa: E402
from network_bench import show  # noqa: E402 - one way to print times across the benchmarks
from run import PARAMETERS  # noqa: E402

from policykg.query import NamedQuery, load_built_graph, named_queries, parse_parameter, run_query  # noqa: E402

DATA = HERE / "data"

#: Queries whose work is linear in the data by construction, measured like the named ones, for scale.
REFERENCES = {
    "(reference: scan every quad)": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "(reference: lookup per observation)": "PREFIX pk: <https://w3id.org/policykg/ontology/>\n"
                                           "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?o pk:indicator ?i ; pk:subject ?s } }",
}


def data_file(size: str, seed: int = 2020) -> Path:
    """The synthetic graph of ``size`` (``100k``, ``1m``…), generated first if missing."""
    path = DATA / f"synthetic-{size}.nq"
    if not path.is_file():
        print(f"generating {path} …", file=sys.stderr)
        generate(parse_size(size), path, seed=seed, quiet=True)
    return path


def run_once(store, query, params) -> int:
    """Run ``query`` and consume its result; return the number of rows (or triples)."""
    result = run_query(store, query, params)
    if isinstance(result, bool) or type(result).__name__ == "QueryBoolean":
        return 1
    return sum(1 for _ in result)


def measure(stores: dict, query, params, repeat: int, budget: float) -> dict:
    """A warm-up run on each store, then up to ``repeat`` rounds of one timed run on each, taking turns
    (fewer rounds once the timed runs have spent ``budget`` seconds)."""
    results = {}
    for size, store in stores.items():
        gc.collect()
        started = time.perf_counter()
        rows = run_once(store, query, params)
        results[size] = {"rows": rows, "warm_up": time.perf_counter() - started, "samples": []}
    spent, order = 0.0, list(stores)
    for round_number in range(repeat):
        if spent >= budget:
            break
        for size in order if round_number % 2 == 0 else reversed(order):
            started = time.perf_counter()
            run_once(stores[size], query, params)
            elapsed = time.perf_counter() - started
            results[size]["samples"].append(elapsed)
            spent += elapsed
    for result in results.values():
        result["median"] = statistics.median(result["samples"])
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100k,1m", help="comma-separated sizes, smallest first (default 100k,1m)")
    parser.add_argument("--queries", default="", help="comma-separated query names (default: every named query)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query and size (default 5)")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds of timed runs after which a query stops sampling")
    parser.add_argument("--query-dir", type=Path, default=ROOT / "queries", help="the folder of the named queries")
    parser.add_argument("--max-ratio", type=float, default=12.0, help="flag a ratio between consecutive sizes above this")
    parser.add_argument("--max-seconds", type=float, default=1.0, help="flag a time above this at the largest size")
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--json", type=Path, help="also write the raw numbers here")
    parser.add_argument("--no-reference", action="store_true", help="leave out the two reference queries")
    args = parser.parse_args(argv)

    sizes = [s.strip().lower() for s in args.sizes.split(",") if s.strip()]
    queries = named_queries(args.query_dir)
    if args.queries:
        wanted = [q.strip() for q in args.queries.split(",") if q.strip()]
        unknown = sorted(set(wanted) - {q.name for q in queries})
        if unknown:
            parser.error(f"no query named {', '.join(unknown)} in {args.query_dir}")
        queries = [q for q in queries if q.name in wanted]

    stores, quads = {}, {}
    for size in sizes:
        path = data_file(size, args.seed)
        started = time.perf_counter()
        stores[size] = load_built_graph(path)
        quads[size] = len(stores[size])
        print(f"[{size}] loaded {quads[size]:,} quads in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    references = [] if args.no_reference else [NamedQuery(name, Path("-"), text, {}) for name, text in REFERENCES.items()]
    results: dict[str, dict[str, dict]] = {}
    for query in queries + references:
        params = dict(parse_parameter(p) for p in PARAMETERS.get(query.name, []))
        results[query.name] = measure(stores, query, params, args.repeat, args.budget)
        if query in references:  # the rows a reference reads: its count
            for size, r in results[query.name].items():
                r["rows"] = int(next(iter(run_query(stores[size], query)))["n"].value)
        print(f"{query.name}: " + ", ".join(f"{size} {show(r['median'])} ({r['rows']} rows, n={len(r['samples'])})"
                                            for size, r in results[query.name].items()), file=sys.stderr)

    header = ["query"]
    for i, size in enumerate(sizes):
        header += [f"rows {size}", size] + ([f"{size}/{sizes[i - 1]}"] if i else [])
    header.append("goal")
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    failed = []
    for query in queries + references:
        row, flags = [query.name], []
        for i, size in enumerate(sizes):
            r = results[query.name][size]
            n = len(r["samples"])
            row += [f"{r['rows']:,}", show(r["median"]) + (f" (n={n})" if n < args.repeat else "")]
            if i:
                ratio = r["median"] / results[query.name][sizes[i - 1]]["median"]
                row.append(f"{ratio:.1f}x")
                if ratio > args.max_ratio:
                    flags.append(f"ratio > {args.max_ratio:g}")
        if results[query.name][sizes[-1]]["median"] > args.max_seconds:
            flags.append(f"> {args.max_seconds:g} s")
        if query in references:
            row.append("(reference)")
        else:
            row.append("! " + ", ".join(flags) if flags else "ok")
            failed += [query.name] if flags else []
        lines.append("| " + " | ".join(row) + " |")
    print(f"quads: {', '.join(f'{size} {n:,}' for size, n in quads.items())}; median of {args.repeat} runs after a warm-up")
    print("\n".join(lines))
    print(f"{len(failed)} of {len(queries)} queries miss the goal" + (f": {', '.join(failed)}" if failed else ""))
    if args.json:
        args.json.write_text(json.dumps({"quads": quads, "results": results}, indent=1), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
