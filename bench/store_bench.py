"""National scale (issue 17): the named queries on SPARQL stores on disk beside in-process pyoxigraph, in one run.

For each in-process size (``--process``, default 1m and 10m) a child process loads the synthetic graph
the way ``policykg query`` does (:func:`policykg.query.load_built_graph`) and runs every named query; for
each store (``--stores``, default oxigraph and virtuoso) a server is started on loopback with its
database on disk (tests/stores.py), the graph of ``--store-size`` (default 10m) is pushed by ``policykg
push`` (Graph Store Protocol), and every named query runs there through the SPARQL 1.1 Protocol
(:class:`policykg.remote.RemoteStore`). Reported: load and push times, peak memory (the child's, the
server's), disk used, each query's median of ``--repeat`` runs after a warm-up that counts its rows, and
ratios: 10M against 1M in process (linear growth is 10x) and each store against in-process pyoxigraph
at the same size. The baseline of the push is the store's own load of the same N-Quads file in one
request (Oxigraph: ``POST /store``), measured in the same run on a fresh database.

A query that takes longer than ``--budget`` seconds is stopped and shown as ``>budget``: in process its
child is killed and a new one loads the graph again for the rest; on a store the server is restarted
(a store may go on with a query its client left). A store that cuts an answer (Virtuoso's
``ResultSetMaxRows``) is shown as ``cut N/M``, as policykg finds it.

    python bench/store_bench.py                                   # about an hour on 2 cores
    python bench/store_bench.py --process 100k,1m --store-size 1m --repeat 3 --queries projects,parks
"""

import argparse
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

from generate import generate, parse_size
from run import DATA, PARAMETERS, QUERIES
from run import _consume as count  # the rows of any result (a boolean as 1), as bench/run.py counts them

STORES = ("oxigraph", "virtuoso")
#: How each store is pushed to (as tests/test_stores.py does): Virtuoso keeps no default graph of its own
#: and refuses an insert of more than about 1,400 triples.
PUSH_OPTIONS = {"oxigraph": {}, "virtuoso": {"named_default": True, "chunk_size": 1000}}


def data_file(label: str) -> Path:
    """The synthetic graph of size ``label`` (1m, 10m…), written by generate.py when missing."""
    path = DATA / f"synthetic-{label}.nq"
    if not path.is_file():
        print(f"generating {path.name} …", flush=True)
        generate(parse_size(label), path, 2020, ROOT / "ontology")
    return path


def bound(name: str):
    """The named query ``name`` and its parameters (bench/run.py's PARAMETERS), resolved as the CLI does."""
    from policykg.query import parse_parameter, read_query

    return read_query(QUERIES / f"{name}.rq"), dict(parse_parameter(p) for p in PARAMETERS.get(name, []))


def timed(store, name: str, repeat: int) -> dict:
    """Run query ``name`` once to count its rows, then ``repeat`` times; the rows and the median seconds."""
    from policykg.query import run_query
    from policykg.remote import CutAnswer

    query, params = bound(name)
    try:
        rows = count(run_query(store, query, params))
    except CutAnswer as cut:
        return {"cut": [cut.sent, cut.total]}
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        count(run_query(store, query, params))
        times.append(time.perf_counter() - start)
    return {"rows": rows, "median": statistics.median(times)}


# In process ----------------------------------------------------------------------------------------

def _in_process_child(path: str, names: list[str], repeat: int, connection) -> None:
    import resource

    from policykg.query import load_built_graph

    start = time.perf_counter()
    store = load_built_graph(Path(path))
    connection.send(("load", time.perf_counter() - start))
    for name in names:
        connection.send((name, timed(store, name, repeat)))
    connection.send(("peak", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024))


def in_process(path: Path, names: list[str], repeat: int, budget: float, log) -> dict:
    """Every query of ``names`` on the graph at ``path`` in a child process; a query over budget is killed."""
    result: dict = {"queries": {}}
    pending = list(names)
    context = multiprocessing.get_context("fork")
    while True:
        parent, child = context.Pipe()
        process = context.Process(target=_in_process_child, args=(str(path), pending, repeat, child))
        process.start()
        child.close()
        _, seconds = parent.recv()
        result.setdefault("load", seconds)
        log(f"  in process: loaded in {seconds:.1f} s")
        while pending:
            if not parent.poll(budget * (repeat + 1)):
                log(f"  in process: {pending[0]} over {budget:g} s: stopped")
                result["queries"][pending.pop(0)] = {"over": budget}
                process.kill()
                process.join()
                break
            name, measured = parent.recv()
            result["queries"][name] = measured
            pending.remove(name)
            log(f"  in process: {name}: {show(measured)}")
        else:
            result["peak"] = max(result.get("peak", 0), parent.recv()[1])
            process.join()
            return result


# Stores --------------------------------------------------------------------------------------------

def on_store(kind: str, path: Path, names: list[str], repeat: int, budget: float, log) -> dict:
    """Push the graph at ``path`` into a fresh store of ``kind`` on disk, then time every query there."""
    import stores

    from policykg.push import Endpoints, push
    from policykg.remote import RemoteStore, StoreError

    reason = getattr(stores, f"missing_{kind}")()
    if reason:
        log(f"  {kind}: not run: {reason}")
        return {"missing": reason}
    start_store = getattr(stores, f"start_{kind}")
    result: dict = {"queries": {}}
    with tempfile.TemporaryDirectory(prefix=f"policykg-{kind}-", dir=DATA) as folder:
        if kind == "oxigraph":
            result["baseline"] = _oxigraph_bulk_post(start_store, Path(folder) / "baseline", path)
            log(f"  {kind}: its own load of the file in one request: {result['baseline']:.1f} s")
        store = start_store(Path(folder) / "db")
        try:
            start = time.perf_counter()
            try:
                push(path, Endpoints.for_store(store.query_url, store.update_url, store.graph_store_url), **PUSH_OPTIONS[kind])
            except StoreError as error:
                log(f"  {kind}: the push failed: {error}")
                result["missing"] = f"the push failed: {str(error).splitlines()[0]}"
                return result
            result["push"] = time.perf_counter() - start
            log(f"  {kind}: pushed in {result['push']:.1f} s")
            for name in names:
                try:
                    measured = timed(RemoteStore(store.query_url, timeout=budget), name, repeat)
                except Exception as error:  # noqa: BLE001 - a time-out or a store's refusal is a result here
                    measured = {"over": budget} if "within" in str(error) else {"error": str(error).splitlines()[0]}
                    stores.stop_store(store)
                    store = start_store(Path(folder) / "db")
                result["queries"][name] = measured
                log(f"  {kind}: {name}: {show(measured)}")
        finally:
            result["peak"] = _peak_memory(store.process.pid)
            stores.stop_store(store)
        result["disk"] = int(subprocess.run(["du", "-sb", str(Path(folder) / "db")], capture_output=True,
                                            text=True, check=True).stdout.split()[0])
    return result


def _oxigraph_bulk_post(start_store, folder: Path, path: Path) -> float:
    """Seconds for a fresh Oxigraph server to take the whole N-Quads file in one POST to /store."""
    import stores

    from policykg.remote import request

    store = start_store(folder)
    try:
        start = time.perf_counter()
        request("POST", store.graph_store_url, path.read_bytes(), {"Content-Type": "application/n-quads"}, timeout=7200)
        return time.perf_counter() - start
    finally:
        stores.stop_store(store)


def _peak_memory(pid: int) -> int:
    """The peak resident memory (VmHWM) of process ``pid`` and its children, in bytes."""
    total = 0
    for candidate in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{candidate}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


# Report --------------------------------------------------------------------------------------------

def show(measured: dict | None) -> str:
    """A query's cell: its median, ``>budget``, ``cut N/M`` or the error."""
    if not measured:
        return "–"
    if "over" in measured:
        return f">{measured['over']:g} s"
    if "cut" in measured:
        return f"cut {measured['cut'][0]:,}/{measured['cut'][1]:,}"
    if "error" in measured:
        return "error"
    seconds = measured["median"]
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def ratio(a: dict | None, b: dict | None) -> str:
    """``a``'s median over ``b``'s, when both have one."""
    if not a or not b or "median" not in a or "median" not in b or b["median"] == 0:
        return "–"
    return f"{a['median'] / b['median']:.1f}x"


def report(results: dict, names: list[str]) -> str:
    """The two markdown tables: loading, then the queries."""
    process, stores = results["process"], results["stores"]
    lines = ["| way | size | load | baseline (store's own one-request load) | peak memory | disk |", "|---|---|---:|---:|---:|---:|"]
    for label, measured in process.items():
        lines.append(f"| pyoxigraph in process | {label} | {measured['load']:.1f} s | | {measured.get('peak', 0) / 2**30:.1f} GiB | – |")
    for kind, measured in stores.items():
        if "missing" in measured:
            lines.append(f"| {kind} server | {results['store_size']} | not run: {measured['missing']} | | | |")
            continue
        baseline = f"{measured['baseline']:.1f} s" if "baseline" in measured else "–"
        lines.append(f"| {kind} server (policykg push) | {results['store_size']} | {measured['push']:.1f} s | {baseline} | "
                     f"{measured['peak'] / 2**30:.1f} GiB | {measured['disk'] / 2**30:.2f} GiB |")
    labels = list(process)
    header = ["query"] + [f"in process {label}" for label in labels]
    if len(labels) >= 2:
        header.append(f"{labels[-1]}/{labels[-2]}")
    for kind in stores:
        header += [f"{kind} {results['store_size']}", f"{kind}/in process"]
    lines += ["", "| " + " | ".join(header) + " |", "|---" + "|---:" * (len(header) - 1) + "|"]
    same_size = process.get(results["store_size"], {}).get("queries", {})
    for name in names:
        cells = [show(process[label]["queries"].get(name)) for label in labels]
        if len(labels) >= 2:
            cells.append(ratio(process[labels[-1]]["queries"].get(name), process[labels[-2]]["queries"].get(name)))
        for kind, measured in stores.items():
            mine = measured.get("queries", {}).get(name)
            cells += [show(mine), ratio(mine, same_size.get(name))]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    differing = [f"{kind} {name}: {measured['rows']:,} rows, in process {same_size[name]['rows']:,}"
                 for kind, result in stores.items() for name, measured in result.get("queries", {}).items()
                 if "rows" in measured and "rows" in same_size.get(name, {}) and measured["rows"] != same_size[name]["rows"]]
    lines += ["", "Answers with another number of rows than in process: " + ("; ".join(differing) or "none")]
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--process", default="1m,10m", help="sizes run in process (default 1m,10m)")
    parser.add_argument("--store-size", default="10m", help="the size pushed into each store (default 10m)")
    parser.add_argument("--stores", default=",".join(STORES), help=f"stores to run (default {','.join(STORES)})")
    parser.add_argument("--queries", help="query names, comma-separated (default: every named query)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per query after the warm-up (default 3)")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds a query may take (default 60)")
    args = parser.parse_args(argv)
    names = args.queries.split(",") if args.queries else sorted(p.stem for p in QUERIES.glob("*.rq"))

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    results = {"store_size": args.store_size, "process": {}, "stores": {}, "cpus": os.cpu_count()}
    started = time.perf_counter()
    for label in args.process.split(","):
        log(f"in process, {label}:")
        results["process"][label] = in_process(data_file(label), names, args.repeat, args.budget, log)
    for kind in args.stores.split(","):
        log(f"{kind}, {args.store_size}:")
        results["stores"][kind] = on_store(kind, data_file(args.store_size), names, args.repeat, args.budget, log)
    results["minutes"] = (time.perf_counter() - started) / 60
    (DATA / "store-results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(report(results, names))
    print(f"\n{results['minutes']:.0f} minutes in all, {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
