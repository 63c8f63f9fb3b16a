"""Benchmark of the network analysis (policykg.network; run on demand, not by the tests).

On the real graph (dist/graph.nq, built first if missing) and on synthetic graphs of 10k, 100k and 1M
quads (bench/generate.py, fixed seed, cached in bench/data/ as bench/run.py does), it times, each step
on its own:

- **build** (the baseline): loading the N-Quads file into pyoxigraph and reading the quads out
  (``load``), gathering what the view and the model need (``index``, policykg.entities.Index) and
  making the networkx MultiDiGraph of the stated relations (``model``);
- the analysis, step by step: degree, betweenness (exact up to ``EXACT_BETWEENNESS_MAX`` entities,
  else estimated from ``BETWEENNESS_SAMPLE`` sampled sources; the output says which), PageRank,
  Louvain communities, connected components, and ``analyse()`` as a whole;
- the whole analysis from the file (build + analyse), and making each network file (GraphML, GEXF,
  CSV) from the model (``network_files``, which runs its own ``analyse`` for the attributes).

Each time is the median of ``--repeat`` runs after one warm-up run (the first run, imports included,
is reported for the real graph as ``cold``), and each is also given as a ratio to the build measured
in the same run, so the figures mean something on any machine.

    /tmp/venv/bin/python bench/network_bench.py [--sizes 10k,100k,1m] [--repeat 3] [--markdown]
"""

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

import networkx as nx  # noqa: E402

from generate import generate, parse_size  # noqa: E402
from policykg.entities import Index  # noqa: E402
from policykg.network import (  # noqa: E402
    BETWEENNESS_SAMPLE, EXACT_BETWEENNESS_MAX, PAGERANK_ALPHA, PAGERANK_TOL, SEED, analyse, build_network, network_files,
    undirected,
)
from policykg.query import load_built_graph  # noqa: E402

DATA = HERE / "data"
STEPS = ("load", "index", "model", "build", "degree", "betweenness", "pagerank", "louvain", "components", "analyse",
         "whole", "graphml", "gexf", "csv")


def show(seconds: float) -> str:
    """A time with three significant digits, in the unit that reads best."""
    if seconds >= 1:
        return f"{seconds:.3g} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds * 1e6:.3g} µs"


def timed(function):
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def one_run(path: Path) -> tuple[dict[str, float], dict]:
    """Every step once on the file at ``path``; returns the times and what the network holds."""
    times = {}
    quads, times["load"] = timed(lambda: list(load_built_graph(path)))
    index, times["index"] = timed(lambda: Index(quads))
    graph, times["model"] = timed(lambda: build_network(index=index))
    times["build"] = times["load"] + times["index"] + times["model"]
    # analyse() first: in the first run of the process it pays for what networkx imports on first use
    # (scipy, for PageRank), which is what a user's first `policykg analyze` pays too.
    analysis, times["analyse"] = timed(lambda: analyse(graph))
    times["whole"] = times["build"] + times["analyse"]
    simple = undirected(graph)
    n = simple.number_of_nodes()
    sample = BETWEENNESS_SAMPLE if n > EXACT_BETWEENNESS_MAX and BETWEENNESS_SAMPLE < n else None
    _, times["degree"] = timed(lambda: dict(graph.degree()))
    _, times["betweenness"] = timed(lambda: nx.betweenness_centrality(simple, k=sample, seed=SEED if sample else None))
    _, times["pagerank"] = timed(lambda: nx.pagerank(graph, alpha=PAGERANK_ALPHA, tol=PAGERANK_TOL, max_iter=1000))
    communities, times["louvain"] = timed(lambda: nx.community.louvain_communities(simple, weight="weight", seed=SEED))
    components, times["components"] = timed(lambda: list(nx.connected_components(simple)))
    for fmt in ("graphml", "gexf", "csv"):
        _, times[fmt] = timed(lambda: network_files(graph, fmt, Path("bench." + fmt)))
    info = {"quads": len(quads), "entities": graph.number_of_nodes(), "relations": graph.number_of_edges(),
            "pairs": simple.number_of_edges(), "communities": len(communities), "components": len(components),
            "betweenness": "exact" if sample is None else f"sampled, k={sample}",
            "sampled": analysis.betweenness_sample}
    del quads, index, graph, simple, analysis
    gc.collect()
    return times, info


def measure(label: str, path: Path, repeat: int, log) -> dict:
    log(f"[{label}] {path}")
    cold, info = one_run(path)
    runs = [one_run(path)[0] for _ in range(repeat)]
    medians = {step: statistics.median(run[step] for run in runs) for step in STEPS}
    log(f"  {info['quads']:,} quads, {info['entities']:,} entities, {info['relations']:,} relations, betweenness {info['betweenness']}")
    return {"label": label, "info": info, "cold": cold, "median": medians, "runs": len(runs)}


def real_graph(log) -> Path:
    path = ROOT / "dist" / "graph.nq"
    if not path.is_file():
        log(f"building {path} (python build_graph.py) …")
        from policykg import build
        build(ROOT)
    return path


def table(results: list[dict]) -> list[str]:
    """One row per step: the median at each size and its ratio to the build of the same size."""
    header = ["step"] + [f"{r['label']} {kind}" for r in results for kind in ("time", "/build")]
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    for step in STEPS:
        cells = [step]
        for r in results:
            seconds, build = r["median"][step], r["median"]["build"]
            cells += [show(seconds), f"{seconds / build:.2f}x"]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1m", help="synthetic sizes, comma-separated (default 10k,100k,1m; '' for none)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs after the warm-up (default 3)")
    parser.add_argument("--seed", type=int, default=2020, help="the generator's seed (default 2020)")
    parser.add_argument("--no-real", action="store_true", help="skip the real graph")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    results = []
    if not args.no_real:
        results.append(measure("real", real_graph(log), args.repeat, log))
    for label in [s for s in args.sizes.split(",") if s]:
        path = DATA / f"synthetic-{label}.nq"
        if not path.is_file():
            log(f"generating {path} …")
            generate(parse_size(label), path, seed=args.seed, quiet=True)
        results.append(measure(label, path, max(1, args.repeat if parse_size(label) < 1_000_000 else min(args.repeat, 2)), log))

    print(f"network analysis: median of {args.repeat} runs after a warm-up (1M: at most 2); ratio = step / build of the same graph")
    print(f"betweenness exact up to {EXACT_BETWEENNESS_MAX:,} entities, else estimated from {BETWEENNESS_SAMPLE} sampled sources "
          f"(seed {SEED}); PageRank alpha {PAGERANK_ALPHA}, tol {PAGERANK_TOL}; Louvain seed {SEED}")
    print()
    print("| graph | quads | entities | relations | linked pairs | communities | components | betweenness |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for r in results:
        i = r["info"]
        print(f"| {r['label']} | {i['quads']:,} | {i['entities']:,} | {i['relations']:,} | {i['pairs']:,} | "
              f"{i['communities']:,} | {i['components']:,} | {i['betweenness']} |")
    print()
    print("\n".join(table(results)))
    for r in results:
        if r["label"] == "real":
            whole, cold = r["median"]["whole"], r["cold"]["whole"]
            print(f"\nreal graph: the whole analysis (load, index, model, analyse) takes {show(whole)} "
                  f"({'under' if whole < 1 else 'OVER'} 1 s); the first run of the process, with what networkx "
                  f"imports on first use (scipy), {show(cold)} ({'under' if cold < 1 else 'OVER'} 1 s)")


if __name__ == "__main__":
    main()
