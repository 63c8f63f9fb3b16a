"""The ``policykg`` command line: ``build``, ``stats`` and ``export``.

Exit codes: 0 ok, 1 the data has a problem, 2 wrong usage.
"""

import argparse
import json
import signal
import sys
from pathlib import Path

import pyoxigraph as ox

from .build import build, load_and_check
from .coverage import article_coverage, coverage_json, format_coverage
from .errors import EXIT_DATA, EXIT_OK, DataError, PolicyKGError, UsageError
from .export import FORMATS, serialize
from .files import write_atomically
from .load import load_tree
from .query import format_results, load_built_graph, named_queries, parse_parameter, resolve_query, run_query
from .reason import infer
from .report import Report, make_report
from .serve import serve
from .tree import Tree
from .validation import format_validation, run_checks, validation_report
from .view import neighbourhood, render_network_html

DEFAULT_OUT = "dist"


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except PolicyKGError as error:
        print(f"policykg: {error}", file=sys.stderr)
        return error.exit_code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policykg",
        description="Build, check and export the policy knowledge graph of Hengyang (衡阳) 2020.",
        epilog="Exit codes: 0 ok, 1 the data has a problem, 2 wrong usage.",
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    build_parser = commands.add_parser("build", help="build the graph and write every export into the out folder",
                                       description="Parse every file strictly, run the checks, and write graph.ttl, "
                                       "graph.trig, graph.nq, graph.jsonld, ontology.owl and report.json atomically.")
    _add_root(build_parser)
    build_parser.add_argument("--out", type=Path, help=f"the folder to write into (default: {DEFAULT_OUT}/ under the root)")
    build_parser.add_argument("--quiet", action="store_true", help="print nothing on success")
    build_parser.set_defaults(run=_run_build)

    stats_parser = commands.add_parser("stats", help="print what the graph holds, writing nothing",
                                       description="Load and check the tree and print its counts: triples, entities per class, claims per source.")
    _add_root(stats_parser)
    stats_parser.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json, as in report.json")
    stats_parser.set_defaults(run=_run_stats)

    export_parser = commands.add_parser("export", help="write the graph in one RDF format",
                                        description="Load and check the tree and write it in one format, atomically.")
    _add_root(export_parser)
    export_parser.add_argument("--format", required=True, choices=tuple(FORMATS),
                               help="; ".join(f"{name}: {description}" for name, (_, description) in FORMATS.items()))
    export_parser.add_argument("-o", "--output", required=True, type=Path, help="the file to write ('-' for standard output)")
    export_parser.set_defaults(run=_run_export)

    query_parser = commands.add_parser(
        "query", help="run a named query (or a .rq file, or - for standard input) on the built graph",
        description="Run a SPARQL query on the built graph (dist/graph.nq; the default graph is the union of all "
        "graphs). Results as an aligned table with zh labels, or csv, tsv, json; CONSTRUCT results as ttl.")
    _add_root(query_parser)
    query_parser.add_argument("query", nargs="?", metavar="NAME|FILE|-", help="a query name (file stem in queries/), a .rq file, or -")
    query_parser.add_argument("--list", action="store_true", help="list the named queries with their summaries")
    query_parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                              help="bind parameter ?_NAME (prefix:name or <iri> for IRIs, numbers, else a string); repeatable")
    query_parser.add_argument("--format", choices=("table", "csv", "tsv", "json", "ttl"), default="table", help="output format (default: table)")
    _add_graph(query_parser)
    query_parser.set_defaults(run=_run_query)

    serve_parser = commands.add_parser(
        "serve", help="serve the built graph as a read-only SPARQL 1.1 endpoint",
        description="A SPARQL 1.1 Protocol endpoint at /sparql over the built graph (GET and POST; JSON, XML, CSV, TSV; "
        "Turtle and N-Triples for CONSTRUCT), a query page at / and the network view at /view. Updates are refused, "
        "SERVICE is refused, queries past --timeout are stopped, results are capped at --max-rows.")
    _add_root(serve_parser)
    _add_graph(serve_parser)
    serve_parser.add_argument("--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1: this machine only)")
    serve_parser.add_argument("--port", type=int, default=8000, help="the port (default 8000; 0 picks a free one)")
    serve_parser.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run (default 10)")
    serve_parser.add_argument("--max-rows", type=int, default=10_000, help="the most rows (or triples) one answer holds (default 10000)")
    serve_parser.add_argument("--cors", metavar="ORIGIN", help="allow this origin to query from a browser (default: no CORS header)")
    serve_parser.set_defaults(run=_run_serve)

    for name, query_name, summary in (
        ("targets", "plan-against-outcome", "the 2021 targets against the 2020 actuals of the same indicator"),
        ("conflicts", "conflicting-figures", "figures that two articles give differently for the same indicator, subject and period"),
    ):
        report_parser = commands.add_parser(name, help=summary, description=f"Print {summary} (the named query {query_name}).")
        _add_root(report_parser)
        report_parser.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format (default: table)")
        _add_graph(report_parser)
        report_parser.set_defaults(run=_run_query, query=query_name, list=False, param=[])

    view_parser = commands.add_parser(
        "view", help="draw the graph, or a part of it, as one self-contained interactive HTML page",
        description="Write an offline, bilingual network view: the whole graph, the result of a CONSTRUCT query "
        "(--query), or an entity's neighbourhood (--focus IRI --depth N). Every script is inside the page.")
    _add_root(view_parser)
    view_parser.add_argument("--query", metavar="NAME|FILE", help="draw the triples a CONSTRUCT query returns (e.g. chain-neighbourhood)")
    view_parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a parameter of --query; repeatable")
    view_parser.add_argument("--focus", metavar="IRI", help="draw the neighbourhood of this entity (project:… or a full IRI)")
    view_parser.add_argument("--depth", type=int, default=1, help="hops around --focus (default 1)")
    view_parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="the labels shown first (default zh; the page can switch)")
    _add_graph(view_parser)
    view_parser.add_argument("-o", "--output", required=True, type=Path, help="the HTML file to write")
    view_parser.set_defaults(run=_run_view)

    validate_parser = commands.add_parser(
        "validate", help="run every check and report what is wrong, writing nothing",
        description="Parse every file strictly and run every check (evidence against the sources, values, SPARQL "
        "quality checks, SHACL shapes, OWL consistency); report the findings grouped by check, each with file and "
        "line, the entity, what is wrong and the fix. Exit 1 on any error.")
    _add_root(validate_parser)
    validate_parser.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    validate_parser.set_defaults(run=_run_validate)

    coverage_parser = commands.add_parser(
        "coverage", help="how much of an article the graph captures: its numbers and candidate names",
        description="List every number and candidate name in an article, each covered by the graph, allowlisted "
        "(triples/coverage-allowlist.tsv) or missing, and the share covered. SOURCE is an article id (000) or 'all'.")
    _add_root(coverage_parser)
    coverage_parser.add_argument("source", metavar="SOURCE", help="an article id such as 000, or 'all' for a summary of every article")
    coverage_parser.add_argument("--missing", action="store_true", help="list only what is neither covered nor allowlisted")
    coverage_parser.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    coverage_parser.set_defaults(run=_run_coverage)
    return parser


def _add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="the tree holding ontology/, triples/ and sources/ (default: the current folder)")


def _add_graph(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--graph", type=Path, help="the built dataset (default: dist/graph.nq under the root)")


def _run_build(args: argparse.Namespace) -> int:
    tree = Tree.at(args.root)
    out_dir = args.out if args.out is not None else tree.root / DEFAULT_OUT
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"--out {out_dir} is a file, not a folder\n  fix: pass a folder (it is created if missing)")
    result = build(tree, out_dir)
    if not args.quiet:
        print(format_summary(result.report))
        slowest = sorted(result.timings.items(), key=lambda item: -item[1])[:4]
        print("time: " + ", ".join(f"{step} {seconds:.2f} s" for step, seconds in slowest))
        print(f"wrote {len(result.written)} files to {out_dir} in {result.seconds:.2f} s")
    return EXIT_OK


def _run_stats(args: argparse.Namespace) -> int:
    loaded, checks = load_and_check(Tree.at(args.root))
    report = make_report(loaded, infer(loaded), checks)
    if args.format == "json":
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2, sort_keys=True))
    else:
        print(format_summary(report))
    return EXIT_OK


def _run_export(args: argparse.Namespace) -> int:
    loaded, _ = load_and_check(Tree.at(args.root))
    data = serialize(loaded.quads, args.format)
    if str(args.output) == "-":
        sys.stdout.buffer.write(data)
    else:
        write_atomically(args.output, data)
        print(f"wrote {args.output} ({FORMATS[args.format][1]}, {len(data):,} bytes)")
    return EXIT_OK


def _run_query(args: argparse.Namespace) -> int:
    tree = Tree.at(args.root)
    if args.list:
        for query in named_queries(tree.queries_dir):
            print(f"{query.name:<32} {query.summary}")
        return EXIT_OK
    if not args.query:
        raise UsageError("name a query (policykg query --list shows them), a .rq file, or - for standard input")
    query = resolve_query(args.query, tree.queries_dir)
    parameters = dict(parse_parameter(text) for text in args.param)
    store = load_built_graph(args.graph or tree.root / DEFAULT_OUT / "graph.nq")
    print(format_results(run_query(store, query, parameters), args.format, store))
    return EXIT_OK


def _run_serve(args: argparse.Namespace) -> int:
    tree = Tree.at(args.root)
    graph = args.graph or tree.root / DEFAULT_OUT / "graph.nq"
    load_built_graph(graph)  # fail early, with the fix, when there is no built graph
    if args.timeout <= 0 or args.max_rows <= 0:
        raise UsageError("--timeout and --max-rows must be positive")

    def ready(url: str) -> None:
        print(f"serving {graph} at {url}sparql (query page {url}, network view {url}view); Ctrl-C stops", flush=True)

    serve(graph, tree.queries_dir, graph.parent / "graph.html", args.host, args.port, args.timeout, args.max_rows, args.cors, ready)
    return EXIT_OK


def _run_view(args: argparse.Namespace) -> int:
    tree = Tree.at(args.root)
    if args.query and args.focus:
        raise UsageError("give --query or --focus, not both")
    store = load_built_graph(args.graph or tree.root / DEFAULT_OUT / "graph.nq")
    quads = list(store)
    selection, title = None, "policykg · 衡阳 2020"
    if args.query:
        query = resolve_query(args.query, tree.queries_dir)
        result = run_query(store, query, dict(parse_parameter(text) for text in args.param))
        if not isinstance(result, ox.QueryTriples):
            raise UsageError(f"--query {args.query} is not a CONSTRUCT query: the view draws triples")
        selection, title = list(result), f"policykg · {query.name}"
    elif args.focus:
        if args.depth < 1:
            raise UsageError("--depth must be 1 or more")
        selection, title = neighbourhood(quads, args.focus, args.depth), f"policykg · {args.focus}"
    data = render_network_html(quads, selection=selection, lang=args.lang, title=title)
    write_atomically(args.output, data)
    print(f"wrote {args.output} ({len(data):,} bytes)")
    return EXIT_OK


def _run_validate(args: argparse.Namespace) -> int:
    tree = Tree.at(args.root)
    try:
        loaded = load_tree(tree)
    except DataError as error:
        if args.format == "json":
            print(json.dumps({"errors": 1, "warnings": 0, "syntax": str(error)}, ensure_ascii=False, indent=2))
        else:
            print(str(error))
        return EXIT_DATA
    results = run_checks(loaded, loaded.store())
    report = validation_report(loaded, results)
    if args.format == "json":
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(format_validation(report))
    return EXIT_DATA if report["errors"] else EXIT_OK


def _run_coverage(args: argparse.Namespace) -> int:
    loaded = load_tree(Tree.at(args.root))
    store = loaded.store()
    source_ids = sorted(p.stem for p in loaded.tree.sources_dir.glob("*.txt")) if args.source == "all" else [args.source]
    source_ids = [s.split("-", 1)[0] for s in source_ids]
    results = [article_coverage(loaded, store, source_id) for source_id in source_ids]
    if args.format == "json":
        print(json.dumps([coverage_json(result, args.missing) for result in results], ensure_ascii=False, indent=2))
    else:
        for result in results:
            print(format_coverage(result, list_mentions=args.source != "all", only_missing=args.missing))
    return EXIT_OK


def format_summary(report: Report) -> str:
    """Return the build summary a person reads: triples, entities per class, claims per source, checks."""
    lines = [f"triples: {report.triples:,} in all"]
    lines += [f"  {graph:<12} {count:>7,}" for graph, count in report.triples_per_graph.items()]
    lines.append("entities per class:")
    lines += [f"  {name:<24} {count:>5,}" for name, count in report.entities_per_class.items()]
    lines.append("claims per source:")
    for source, counts in report.claims_per_source.items():
        lines.append(f"  {source:<12} " + ", ".join(f"{name} {count}" for name, count in counts.items()))
    if not report.claims_per_source:
        lines.append("  (none)")
    passed = sum(1 for check in report.checks if check.passed)
    lines.append(f"checks: {passed} of {len(report.checks)} passed")
    return "\n".join(lines)


def main_exit() -> None:
    """The console-script entry: run :func:`main` and exit with its code (quietly when a pipe closes early)."""
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())


if __name__ == "__main__":
    main_exit()
