"""Load benchmark of ``policykg serve``: named queries from several clients while runaways arrive.

For each worker count (``--workers 1,2``) one run starts ``policykg serve`` on loopback over the built
graph (dist/graph.nq) and, for ``--seconds`` seconds:
- ``--clients`` clients run the named queries (their reviewed test cases, tests/query_cases.py) one
  after another, as fast as answers come;
- one client sends a runaway (a triple cross product, stopped at the server's ``--timeout``) every
  second;
- one client sends ``ASK {}`` every 50 ms and records how long each answer took.
It prints, per worker count, the named queries answered per second and the p50 and p99 of ``ASK {}``
beside the runaways; the baseline, measured in the same run, is ``ASK {}`` on the same server with
nothing else running. Every request goes to 127.0.0.1 only; the loops are bounded by time and count.

    python bench/serve_load.py [--workers 1,2] [--clients 2] [--seconds 20] [--timeout 1]
"""

import argparse
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from policykg.query import parse_parameter, read_query  # noqa: E402
from query_cases import CASES  # noqa: E402 - the reviewed cases of the named queries, with real parameters

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
MAX_REQUESTS_PER_CLIENT = 100_000


def query_texts() -> list[str]:
    """The named queries' test cases (tests/query_cases.py), parameters bound and PREFIX lines added for the
    prefixes they use undeclared (the CLI adds those; a client of the endpoint must)."""
    texts = []
    for name, parameters in CASES.values():
        query = read_query(ROOT / "queries" / f"{name}.rq")
        bound = query.bind(dict(parse_parameter(f"{key}={value}") for key, value in parameters.items()))
        prefixes = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in (query.undeclared_prefixes or {}).items())
        texts.append(prefixes + bound)
    return texts


def ask(url: str, query: str) -> tuple[int, float]:
    """Send one query; return its status and its time in seconds."""
    request = urllib.request.Request(url + "sparql", data=query.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json, text/turtle"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        error.read()
        status = error.code
    return status, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (0-1) of ``values``, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def start(workers: int, timeout: float, graph: Path) -> tuple[subprocess.Popen, str]:
    """Start the server on a free loopback port and return it with its URL."""
    process = subprocess.Popen([sys.executable, "-m", "policykg.cli", "serve", "--root", str(ROOT), "--graph", str(graph),
                                "--port", "0", "--workers", str(workers), "--timeout", str(timeout)],
                               stdout=subprocess.PIPE, text=True)
    match = re.search(r"(http://127\.0\.0\.1:\d+/)sparql", process.stdout.readline())
    if not match:
        process.kill()
        raise SystemExit("the server did not start")
    return process, match.group(1)


def measure(workers: int, clients: int, seconds: float, timeout: float, graph: Path) -> dict:
    """One configuration: the baseline ASK latency, then the load; returns the figures."""
    process, url = start(workers, timeout, graph)
    try:
        baseline = [ask(url, "ASK {}")[1] for _ in range(100)]
        stop_at = time.monotonic() + seconds
        answered, statuses, latencies, runaways = [0] * clients, {}, [], []
        texts = query_texts()

        def named(index: int) -> None:
            for count in range(MAX_REQUESTS_PER_CLIENT):
                if time.monotonic() >= stop_at:
                    return
                status, _ = ask(url, texts[(index + count) % len(texts)])
                statuses[status] = statuses.get(status, 0) + 1
                answered[index] += status == 200

        def runaway() -> None:
            while time.monotonic() < stop_at:
                began = time.monotonic()
                runaways.append(ask(url, RUNAWAY))
                time.sleep(max(0.0, 1.0 - (time.monotonic() - began)))

        def probe() -> None:
            while time.monotonic() < stop_at:
                status, took = ask(url, "ASK {}")
                latencies.append((status, took))
                time.sleep(0.05)

        threads = [threading.Thread(target=named, args=(i,)) for i in range(clients)]
        threads += [threading.Thread(target=runaway), threading.Thread(target=probe)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        ok = [took for status, took in latencies if status == 200]
        return {
            "workers": workers, "baseline_p50": percentile(baseline, 0.5), "baseline_p99": percentile(baseline, 0.99),
            "throughput": sum(answered) / seconds, "ask_p50": percentile(ok, 0.5) if ok else float("nan"),
            "ask_p99": percentile(ok, 0.99) if ok else float("nan"), "ask_count": len(latencies),
            "ask_failed": len(latencies) - len(ok), "runaways": len(runaways),
            "runaway_503": sum(1 for status, _ in runaways if status == 503), "statuses": statuses,
        }
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    """Parse the options, run each worker count, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", default="1,2", help="worker counts to compare (default 1,2)")
    parser.add_argument("--clients", type=int, default=2, help="clients running the named queries (default 2)")
    parser.add_argument("--seconds", type=float, default=20, help="seconds of load per worker count (default 20)")
    parser.add_argument("--timeout", type=float, default=1.0, help="the server's --timeout, which stops each runaway (default 1)")
    parser.add_argument("--graph", type=Path, default=ROOT / "dist" / "graph.nq", help="the built graph (default dist/graph.nq)")
    args = parser.parse_args()
    if not args.graph.is_file():
        raise SystemExit(f"no built graph at {args.graph}: run python build_graph.py first")
    rows = [measure(int(w), args.clients, args.seconds, args.timeout, args.graph) for w in args.workers.split(",")]
    print(f"{args.clients} clients on the named queries, a runaway every second (stopped at {args.timeout:g} s), "
          f"ASK {{}} every 50 ms, {args.seconds:g} s per row; baseline: ASK {{}} alone on the same server")
    print("| workers | named queries/s | ASK p50 | ASK p99 | ASK p99 / baseline p99 | ASK failed | runaways (503) | baseline p50 | baseline p99 |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['workers']} | {row['throughput']:.1f} | {row['ask_p50'] * 1000:.1f} ms | {row['ask_p99'] * 1000:.1f} ms | "
              f"{row['ask_p99'] / row['baseline_p99']:.1f}x | {row['ask_failed']} of {row['ask_count']} | "
              f"{row['runaways']} ({row['runaway_503']}) | {row['baseline_p50'] * 1000:.1f} ms | {row['baseline_p99'] * 1000:.1f} ms |")
        print(f"  statuses of the named queries: {dict(sorted(row['statuses'].items()))}", file=sys.stderr)


if __name__ == "__main__":
    main()
