"""Benchmark of policykg's query path against raw pyoxigraph (the baseline) and rdflib, on synthetic data.

For each size (10k, 100k, 1m quads; data made by bench/generate.py when missing, into bench/data/),
one run measures three ways of loading the N-Quads file and running each named query of queries/
with the parameters of :data:`PARAMETERS`:

- **policykg**: ``policykg.query.load_built_graph(path)``, then ``run_query(store, query, params)``
  fully consumed (``list()``);
- **raw pyoxigraph** (the baseline, the engine's limit): ``pyoxigraph.Store()`` + ``bulk_load(path=…,
  format=N_QUADS)``, then ``store.query(text, use_default_graph_as_union=True)`` on the query text with
  the parameters bound the same way (``VALUES`` at the start of the outer ``WHERE``);
- **rdflib**: ``rdflib.Dataset(default_union=True)`` + ``parse(path, format="nquads")``, then
  ``dataset.query(text)`` on the same text, consumed.

How times are taken: each way's first run of a query is a warm-up that also counts the rows; a sample
is then the mean of enough back-to-back runs to last ≥ 0.2 s (one run for slow queries), policykg and
raw samples alternating; the reported time is the median of ``--repeat`` samples. A first run of 1 s
or more counts as the first sample, and no further samples are taken once a way has spent ``--slow``
seconds on a query (so slow medians may rest on fewer samples: the tables say ``n=``). Loads are
repeated ``--repeat`` times for pyoxigraph (alternating; a load under 1 s is first warmed up once and
then sampled at least 7 times), for rdflib only while a load takes less than ``--slow`` seconds.

A query whose first run is under 50 ms gets at least 7 samples (the medians of sub-millisecond
queries are otherwise too noisy for a 1.2x comparison). The two pyoxigraph ways alternate: a fast
query (under 0.2 s) runs interleaved run by run (policykg, raw, raw, policykg …, each timed alone), so
that both see the same moment of the machine; a slower one alternates sample by sample.

Budgets: every rdflib query runs in a forked child and is killed after ``--budget`` seconds (all its
runs together; reported ``>budget``); a single pyoxigraph run (either way) is stopped after
``--ox-budget`` seconds by restarting the worker that holds the stores. When sizes run in one
invocation, an rdflib query is not run at all if its time at the previous size, scaled linearly by
the number of quads, already exceeds ``--budget`` (reported ``>budget (pred.)``, its ratio marked
``*``; rdflib's time grows at least linearly on these queries; ``--no-predict`` runs them anyway). The
rdflib load is likewise skipped when its extrapolation exceeds ``--load-budget`` (and killed if it
does).

    /tmp/venv/bin/python bench/run.py [--sizes 10k,100k,1m] [--repeat 3] [--budget 120] [--queries a,b]

Prints a table per size, a summary line per target and markdown tables for bench/README.md; writes
the raw numbers to bench/data/results.json.
"""

import argparse
import gc
import json
import math
import multiprocessing as mp
import os
import signal
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

from generate import generate, parse_size  # noqa: E402

DATA = HERE / "data"
QUERIES = ROOT / "queries"
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}

#: The parameters of each named query, as given to ``policykg query NAME --param …``: values that exist
#: in every synthetic dataset (city 0, 衡阳, with the real IRIs; global chains, indicators and periods).
PARAMETERS: dict[str, list[str]] = {
    "awards": ["year=2020"],
    "chain-members": ["chain=chain:automobile"],
    "chain-neighbourhood": ["chain=chain:automobile"],
    "entity-facts": ["entity=project:hengyang-acoustics-00"],
    "find-entity": ["text=声学"],
    "goal-measures": ["goal=goal:industry-strong-city"],
    "goal-targets": ["goal=goal:industry-strong-city"],
    "indicator-over-periods": ["indicator=ind:industrial-value-added"],
    "keyword-entities": ["keyword=keyword:000000-industrial-chain-building"],
    "measure-names": ["measure=measure:industry-strong-city-1"],
    "park-neighbourhood": ["park=park:hengyang-hi-tech-zone"],
    "portfolio-investment": ["period=period:2020-01_2020-06"],
    "projects": ["status=pkc:InProduction", "year=2020"],
    "strategy-tree": [],  # its default, strategy:one-body-two-wings
}

MIN_SAMPLE = 0.2  # seconds: a sample repeats a fast query until it lasts this long
FAST, FAST_SAMPLES = 0.05, 7  # a query whose first run is under FAST seconds gets at least FAST_SAMPLES samples
WAYS = ("policykg", "raw", "rdflib")

# ---------------------------------------------------------------------------------------------------
# Workers (separate processes, so that a runaway query can be stopped)
# ---------------------------------------------------------------------------------------------------


def benchmark_query(name: str):
    """The named query ``name``, its parameters from :data:`PARAMETERS`, and its text with them bound
    (what raw pyoxigraph and rdflib run)."""
    from policykg.query import bind_parameters, parse_parameter, read_query

    query = read_query(QUERIES / f"{name}.rq")
    params = dict(parse_parameter(p) for p in PARAMETERS.get(name, []))
    return query, params, bind_parameters(query.text, params)


def _consume(result) -> int:
    """Consume a pyoxigraph or rdflib result fully; return its number of rows (or triples)."""
    if isinstance(result, bool):
        return 1
    try:
        import pyoxigraph as ox

        if isinstance(result, ox.QueryBoolean):
            return 1
    except ImportError:
        pass
    return len(list(result))


def _measure(conn, ways, repeat: int, slow: float):
    """Measure ``ways`` [(name, fn)] as described in the module docstring, sending each step to ``conn``."""
    first, inner, samples, spent, wanted = {}, {}, {}, {}, {}
    for way, fn in ways:
        conn.send(("start", way))
        gc.collect()
        started = time.perf_counter()
        rows = fn()
        elapsed = time.perf_counter() - started
        first[way], spent[way] = elapsed, elapsed
        samples[way] = [elapsed] if elapsed >= 1.0 else []
        inner[way] = 1 if elapsed >= MIN_SAMPLE else max(1, min(2000, math.ceil(MIN_SAMPLE / max(elapsed, 1e-6))))
        wanted[way] = max(repeat, FAST_SAMPLES) if elapsed < FAST else repeat
        conn.send(("first", way, elapsed, rows))
        if samples[way]:
            conn.send(("sample", way, elapsed))
    for round_number in range(10 ** 6):
        pending = [(way, fn) for way, fn in ways if len(samples[way]) < wanted[way] and spent[way] < slow]
        if not pending:
            break
        if len(pending) == 2 and all(inner[way] > 1 for way, _ in pending):
            _paired_sample(conn, pending, min(inner[way] for way, _ in pending), samples, spent)
            continue
        for way, fn in pending if round_number % 2 else reversed(pending):  # alternate which way goes first
            conn.send(("start", way))
            gc.collect()
            started = time.perf_counter()
            for _ in range(inner[way]):
                fn()
            elapsed = time.perf_counter() - started
            spent[way] += elapsed
            samples[way].append(elapsed / inner[way])
            conn.send(("sample", way, elapsed / inner[way]))
    conn.send(("done",))


def _paired_sample(conn, pending, runs: int, samples: dict, spent: dict):
    """One sample of each of two fast ways, run interleaved (a, b, b, a, a, b …) so that both see the
    same machine: a ratio of sub-millisecond times is otherwise at the mercy of what else the machine
    is doing from one moment to the next."""
    conn.send(("start", pending[0][0]))
    gc.collect()
    totals = {way: 0.0 for way, _ in pending}
    for run in range(runs):
        for way, fn in pending if run % 2 else reversed(pending):
            started = time.perf_counter()
            fn()
            totals[way] += time.perf_counter() - started
    for way, _ in pending:
        spent[way] += totals[way]
        samples[way].append(totals[way] / runs)
        conn.send(("sample", way, totals[way] / runs))


def oxigraph_worker(conn, path: str, repeat: int, measure_loads: bool, slow: float):
    """Hold a policykg store and a raw pyoxigraph store of ``path``; measure the queries sent."""
    import pyoxigraph as ox

    from policykg.query import load_built_graph, run_query

    def load_policykg():
        return load_built_graph(Path(path))

    def load_raw():
        store = ox.Store()
        store.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
        return store

    stores, rounds, i = {}, 1, 0
    while i < rounds:
        for way, load in (("policykg", load_policykg), ("raw", load_raw)) if i % 2 == 0 else (("raw", load_raw), ("policykg", load_policykg)):
            stores.pop(way, None)
            gc.collect()
            started = time.perf_counter()
            stores[way] = load()
            elapsed = time.perf_counter() - started
            if measure_loads and i == 0 and elapsed < 1.0:  # a fast load: this one warms up, more samples follow
                rounds = 1 + max(repeat, FAST_SAMPLES)
            elif measure_loads:
                rounds = max(rounds, repeat)
                conn.send(("load", way, elapsed, len(stores[way])))
        i += 1
    conn.send(("ready",))
    while True:
        job = conn.recv()
        if job is None:
            break
        name, ways = job
        query, params, text = benchmark_query(name)
        fns = {
            "policykg": lambda: len(list(run_query(stores["policykg"], query, params))),
            "raw": lambda: _consume(stores["raw"].query(text, use_default_graph_as_union=True)),
        }
        _measure(conn, [(w, fns[w]) for w in ways], repeat, slow)


def rdflib_worker(conn, path: str, repeat: int, slow: float):
    """Hold an rdflib Dataset of ``path``; run each query sent in a forked child (killed by the parent on budget)."""
    import rdflib

    dataset = None
    for i in range(repeat):
        dataset = None
        gc.collect()
        started = time.perf_counter()
        dataset = rdflib.Dataset(default_union=True)
        dataset.parse(path, format="nquads")
        elapsed = time.perf_counter() - started
        conn.send(("load", "rdflib", elapsed, len(dataset)))
        if elapsed >= slow:
            break
    conn.send(("ready",))
    while True:
        job = conn.recv()
        if job is None:
            break
        name, _ = job
        _, _, text = benchmark_query(name)
        pid = os.fork()
        if pid == 0:  # the child: measure, report through the inherited connection, exit at once
            try:
                conn.send(("pid", os.getpid()))
                _measure(conn, [("rdflib", lambda: _consume(dataset.query(text)))], repeat, slow)
            except BaseException as error:  # noqa: BLE001 - reported to the parent
                conn.send(("error", "rdflib", f"{type(error).__name__}: {error}"))
                conn.send(("done",))
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
        conn.send(("reaped",))


class Worker:
    """A worker process and its connection, with a deadline-aware receive."""

    def __init__(self, target, *args):
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=target, args=(child, *args), daemon=True)
        self.process.start()
        child.close()

    def recv(self, timeout: float | None):
        """The next message, or None when ``timeout`` seconds pass (or the worker dies) first."""
        if timeout is not None and not self.conn.poll(max(0.0, timeout)):
            return None
        try:
            return self.conn.recv()
        except EOFError:
            return None

    def send(self, message):
        self.conn.send(message)

    def stop(self):
        try:
            self.conn.send(None)
        except (BrokenPipeError, OSError):
            pass
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.kill()

    def kill(self):
        if self.process.is_alive():
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.join()


# ---------------------------------------------------------------------------------------------------
# One size
# ---------------------------------------------------------------------------------------------------


def new_result() -> dict:
    return {"samples": [], "rows": None, "timeout": None, "error": None, "note": None, "predicted": None}


def run_oxigraph(path: Path, names: list[str], args, results: dict, log):
    """Loads and queries for policykg and raw pyoxigraph, in one worker (restarted after a timeout)."""
    worker = Worker(oxigraph_worker, str(path), args.repeat, True, args.slow)
    while True:
        message = worker.recv(args.load_budget)
        if message is None:
            raise SystemExit(f"pyoxigraph load of {path} did not finish in {args.load_budget} s")
        if message[0] == "ready":
            break
        _, way, seconds, size = message
        results["load"][way]["samples"].append(seconds)
        results["load"][way]["rows"] = size
    for name in names:
        todo = ["policykg", "raw"]
        while todo:
            worker.send((name, todo))
            running, timed_out = None, None
            while True:
                message = worker.recv(args.ox_budget)
                if message is None:
                    timed_out = running
                    break
                kind = message[0]
                if kind == "start":
                    running = message[1]
                elif kind == "first":
                    results[name][message[1]]["rows"] = message[3]
                    results[name][message[1]]["first"] = message[2]
                elif kind == "sample":
                    results[name][message[1]]["samples"].append(message[2])
                elif kind == "done":
                    break
            if timed_out is None:
                break
            # a run went over the budget: stop the worker, restart it, go on with the ways not measured
            results[name][timed_out]["timeout"] = args.ox_budget
            log(f"    {name}: {timed_out} run over {args.ox_budget:g} s, stopped")
            worker.kill()
            todo = [w for w in todo if w != timed_out and not results[name][w]["samples"] and results[name][w]["rows"] is None]
            worker = Worker(oxigraph_worker, str(path), args.repeat, False, args.slow)
            if worker.recv(args.load_budget) != ("ready",):
                raise SystemExit("pyoxigraph worker did not restart")
        log(f"    {name}: policykg {show_time(results[name]['policykg'])}, raw {show_time(results[name]['raw'])}")
    worker.stop()


def run_rdflib(path: Path, names: list[str], args, results: dict, log, previous: dict | None = None) -> None:
    worker = Worker(rdflib_worker, str(path), args.repeat, args.slow)
    started = time.perf_counter()
    while True:
        message = worker.recv(args.load_budget - (time.perf_counter() - started))
        if message is None:
            worker.kill()
            results["load"]["rdflib"]["timeout"] = args.load_budget
            for name in names:
                results[name]["rdflib"]["note"] = "no load"
            log(f"    rdflib load over {args.load_budget:g} s, stopped: rdflib queries not run")
            return
        if message[0] == "ready":
            break
        results["load"]["rdflib"]["samples"].append(message[2])
        results["load"]["rdflib"]["rows"] = message[3]
    log(f"    rdflib load {show_time(results['load']['rdflib'])}")
    for name in names:
        r = results[name]["rdflib"]
        if previous and not args.no_predict and name in previous["results"]:
            before = previous["results"][name]["rdflib"]
            seconds = median(before) or before["timeout"]
            estimate = seconds * results["load"]["raw"]["rows"] / previous["quads"] if seconds else None
            if estimate and estimate > args.budget:
                r["timeout"], r["predicted"] = args.budget, estimate
                log(f"    {name}: rdflib not run: {previous['size']} took {show_time(before)}, so at least ~{estimate:.0f} s here (> {args.budget:g} s)")
                continue
        worker.send((name, ["rdflib"]))
        deadline = time.perf_counter() + args.budget
        child = None
        while True:
            message = worker.recv(deadline - time.perf_counter())
            if message is None:
                if child:
                    os.kill(child, signal.SIGKILL)
                r["timeout"] = args.budget
                message = worker.recv(30)
                while message is not None and message[0] != "reaped":
                    message = worker.recv(30)
                break
            kind = message[0]
            if kind == "pid":
                child = message[1]
            elif kind == "first":
                r["rows"], r["first"] = message[3], message[2]
            elif kind == "sample":
                r["samples"].append(message[2])
            elif kind == "error":
                r["error"] = message[2]
            elif kind == "reaped":
                break
        log(f"    {name}: rdflib {show_time(r)}")
    worker.stop()


def run_size(label: str, args, names: list[str], previous: dict | None, log) -> dict:
    triples = parse_size(label)
    path = DATA / f"synthetic-{label}.nq"
    info = {"size": label, "path": str(path)}
    if not path.is_file():
        log(f"generating {path} …")
        stats = generate(triples, path, seed=args.seed, quiet=True)
        info["generated_seconds"] = stats["seconds"]
    results = {name: {way: new_result() for way in WAYS} for name in ["load", *names]}
    started = time.perf_counter()
    log(f"[{label}] policykg and raw pyoxigraph")
    run_oxigraph(path, names, args, results, log)
    info["quads"] = results["load"]["raw"]["rows"]
    estimate = None
    if previous and previous["results"]["load"]["rdflib"]["samples"]:
        estimate = statistics.median(previous["results"]["load"]["rdflib"]["samples"]) * info["quads"] / previous["quads"]
    if args.no_rdflib:
        for name in results:
            results[name]["rdflib"]["note"] = "not run (--no-rdflib)"
    elif estimate is not None and estimate > args.load_budget:
        log(f"[{label}] rdflib skipped: its load would take about {estimate:.0f} s (> --load-budget {args.load_budget:g} s)")
        for name in results:
            results[name]["rdflib"]["note"] = f"skipped: load estimated {estimate:.0f} s > {args.load_budget:g} s"
    else:
        log(f"[{label}] rdflib")
        run_rdflib(path, names, args, results, log, previous)
    info["seconds"] = time.perf_counter() - started
    info["results"] = results
    return info


# ---------------------------------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------------------------------


def median(r: dict) -> float | None:
    return statistics.median(r["samples"]) if r["samples"] else None


def fmt_seconds(seconds: float) -> str:
    if seconds < 0.001:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds:.3g} s"


def show_time(r: dict) -> str:
    if r["timeout"] is not None and not r["samples"]:
        return f">{r['timeout']:g} s" + (" (pred.)" if r["predicted"] else "")
    if r["error"]:
        return "error"
    m = median(r)
    if m is None:
        return r["note"] and "—" or "—"
    n = len(r["samples"])
    return fmt_seconds(m) + (f" (n={n})" if n < 3 else "")


def ratio(a: dict, b: dict) -> tuple[float | None, str]:
    """a / b, with '>' when a timed out (a lower bound) and '<' when b did."""
    ma, mb = median(a), median(b)
    if ma is not None and mb is not None:
        return ma / mb, f"{ma / mb:.2f}x" if ma / mb < 10 else f"{ma / mb:.0f}x"
    if ma is None and a["timeout"] is not None and mb is not None:
        return a["timeout"] / mb, f">{a['timeout'] / mb:.0f}x" + ("*" if a["predicted"] else "")
    if mb is None and b["timeout"] is not None and ma is not None:
        return ma / b["timeout"], f"<{ma / b['timeout']:.2f}x"
    return None, "—"


def rows_cell(res: dict) -> str:
    pk, raw, rd = (res[w]["rows"] for w in WAYS)
    cell = str(pk if pk is not None else raw if raw is not None else "—")
    if raw is not None and pk is not None and raw != pk:
        cell += f" (raw {raw})"
    if rd is not None and pk is not None and rd != pk:
        cell += f" (rdflib {rd})"
    return cell


def size_table(info: dict, markdown: bool) -> str:
    res = info["results"]
    header = ["query", "rows", "policykg", "raw pyoxigraph", "rdflib", "policykg/raw", "rdflib/policykg"]
    lines = []
    for name, r in res.items():
        rows = f"{r['raw']['rows']:,} quads" if name == "load" else rows_cell(r)
        rdflib = show_time(r["rdflib"]) if not r["rdflib"]["note"] else r["rdflib"]["note"].split(":")[0]
        lines.append([name, rows, show_time(r["policykg"]), show_time(r["raw"]), rdflib,
                      ratio(r["policykg"], r["raw"])[1], ratio(r["rdflib"], r["policykg"])[1]])
    return render(header, lines, markdown)


def render(header: list[str], lines: list[list[str]], markdown: bool) -> str:
    if markdown:
        out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
        out += ["| " + " | ".join(cells) + " |" for cells in lines]
        return "\n".join(out)
    widths = [max(len(h), *(len(c[i]) for c in lines)) for i, h in enumerate(header)]
    fmt = lambda cells: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))  # noqa: E731
    return "\n".join([fmt(header), fmt(["-" * w for w in widths])] + [fmt(c) for c in lines])


def summary(runs: list[dict]) -> list[str]:
    """One line per target: met or not, with the worst ratio."""
    lines = []
    worst, where, missing = None, None, []
    for info in runs:
        for name, r in info["results"].items():
            value, text = ratio(r["policykg"], r["raw"])
            if value is None:
                missing.append(f"{name}@{info['size']}")
                continue
            if worst is None or value > worst:
                worst, where = value, f"{name} at {info['size']} ({text})"
    met = worst is not None and worst <= 1.2 and not missing
    lines.append(f"target 1 - policykg within 1.2x of raw pyoxigraph on load and every query, every size: "
                 f"{'met' if met else 'NOT met'}; worst policykg/raw {where}" + (f"; not measured: {', '.join(missing)}" if missing else ""))
    big = [info for info in runs if info["size"] == "1m"]
    if not big:
        lines.append("target 2 - rdflib at least 10x slower than policykg at 1M quads: not evaluated (1m not run)")
        return lines
    worst, where, missing = None, None, []
    for name, r in big[0]["results"].items():
        value, text = ratio(r["rdflib"], r["policykg"])
        if value is None:
            missing.append(name)
            continue
        if worst is None or value < worst:
            worst, where = value, f"{name} ({text})"
    met = worst is not None and worst >= 10 and not missing
    predicted = [name for name, r in big[0]["results"].items() if r["rdflib"]["predicted"]]
    lines.append(f"target 2 - rdflib at least 10x slower than policykg at 1M quads (load and every query): "
                 f"{'met' if met else 'NOT met'}; lowest rdflib/policykg {where}" + (f"; not measured: {', '.join(missing)}" if missing else "")
                 + (f"; {len(predicted)} rdflib queries not run, predicted over budget from the previous size (*): {', '.join(predicted)}" if predicted else ""))
    return lines


def summary_table(runs: list[dict]) -> str:
    """Markdown: per query, policykg's median and the two ratios at every size."""
    header = ["query"]
    for info in runs:
        header += [f"{info['size']} policykg", f"{info['size']} pk/raw", f"{info['size']} rdflib/pk"]
    names = list(runs[0]["results"])
    lines = []
    for name in names:
        cells = [name]
        for info in runs:
            r = info["results"][name]
            cells += [show_time(r["policykg"]), ratio(r["policykg"], r["raw"])[1], ratio(r["rdflib"], r["policykg"])[1]]
        lines.append(cells)
    return render(header, lines, markdown=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1m", help="comma-separated sizes (10k, 100k, 1m, or any number)")
    parser.add_argument("--repeat", type=int, default=3, help="samples per measurement (median reported)")
    parser.add_argument("--budget", type=float, default=120, help="seconds per rdflib query, all runs together")
    parser.add_argument("--ox-budget", type=float, default=300, help="seconds per single pyoxigraph run (either way)")
    parser.add_argument("--load-budget", type=float, default=900, help="seconds for one rdflib load (skipped when estimated above)")
    parser.add_argument("--slow", type=float, default=30, help="no more samples once a way has spent this long on one query")
    parser.add_argument("--queries", default="", help="comma-separated query names (default: all)")
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--no-rdflib", action="store_true")
    parser.add_argument("--no-predict", action="store_true",
                        help="run every rdflib query, even one that the previous size shows will exceed --budget")
    parser.add_argument("--json", type=Path, default=DATA / "results.json")
    args = parser.parse_args(argv)

    from policykg.query import named_queries

    names = [q.name for q in named_queries(QUERIES)]
    if args.queries:
        wanted = args.queries.split(",")
        unknown = sorted(set(wanted) - set(names))
        if unknown:
            parser.error(f"no query named {', '.join(unknown)}")
        names = [n for n in names if n in wanted]
    sizes = [s.strip().lower() for s in args.sizes.split(",") if s.strip()]

    def log(text):
        print(text, file=sys.stderr, flush=True)

    import platform

    import pyoxigraph
    import rdflib

    started = time.perf_counter()
    print(f"policykg benchmark: pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs; repeat {args.repeat}, rdflib budget {args.budget:g} s per query, "
          f"pyoxigraph budget {args.ox_budget:g} s per run, rdflib load budget {args.load_budget:g} s", flush=True)
    runs = []
    for label in sizes:
        info = run_size(label, args, names, runs[-1] if runs else None, log)
        runs.append(info)
        print(f"\n== {label}: {info['quads']:,} quads ({info['path']}), measured in {info['seconds']:.0f} s ==")
        print(size_table(info, markdown=False), flush=True)
        notes = sorted({r["rdflib"]["note"] for r in info["results"].values() if r["rdflib"]["note"]})
        errors = [f"{n}: {r['rdflib']['error']}" for n, r in info["results"].items() if r["rdflib"]["error"]]
        for note in notes + errors:
            print(f"  note: rdflib {note}")
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"args": {k: str(v) for k, v in vars(args).items()}, "runs": runs}, indent=1, ensure_ascii=False))
    print()
    for line in summary(runs):
        print(line)
    print(f"total run time {time.perf_counter() - started:.0f} s")
    print("\n### Markdown: summary (policykg median; ratios policykg/raw pyoxigraph and rdflib/policykg)\n")
    print(summary_table(runs))
    for info in runs:
        print(f"\n### Markdown: {info['size']} ({info['quads']:,} quads)\n")
        print(size_table(info, markdown=True))


if __name__ == "__main__":
    main()
