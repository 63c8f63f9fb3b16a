"""The ``policykg`` command line: build, check, query, serve, view, analyse, export and push the graph.

Exit codes: 0 ok, 1 the data has a problem, 2 wrong usage (or the out folder cannot be written), 3 an
internal error (a bug: ``policykg --debug …`` shows its traceback), 4 a SPARQL store refused, failed,
could not be reached or cut an answer.
"""

import argparse
import json
import os
import signal
import sys
from pathlib import Path

import pyoxigraph as ox

from .build import build, load_and_check
from .coverage import article_coverage, coverage_json, format_coverage
from .errors import EXIT_DATA, EXIT_INTERNAL, EXIT_OK, PROBLEM_CHARACTERS, DataError, PolicyKGError, UsageError
from .export import FORMATS, NETWORK_FORMATS, serialize
from .files import write_atomically
from .load import load_tree
from .query import (describe_query, format_results, list_queries, load_built_graph, named_queries, resolve_parameters,
                    resolve_query, run_query)
from .reason import infer
from .remote import RemoteStore, shown_url
from .results import result_kind
from .report import Report, make_report
from .text import shorten
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
    except Exception as error:  # a bug, not the input: one line, and the traceback only when asked for
        if args.debug:
            raise
        detail = shorten(" ".join(str(error).split()), PROBLEM_CHARACTERS)
        print(f"policykg: internal error: {type(error).__name__}: {detail} (run with --debug for the traceback)", file=sys.stderr)
        return EXIT_INTERNAL


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policykg",
        description="Build, check and export the policy knowledge graph of Hengyang (衡阳) 2020.",
        epilog="Exit codes: 0 ok, 1 the data has a problem, 2 wrong usage (or the out folder cannot be written), "
        "3 an internal error, 4 a SPARQL store refused, failed, could not be reached or cut an answer.",
    )
    parser.add_argument("--debug", action="store_true", help="on an internal error, show the Python traceback")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    build_parser = commands.add_parser("build", help="build the graph and write every export into the out folder",
                                       description="Parse every file strictly, run the checks, and write graph.ttl, "
                                       "graph.trig, graph.nq, graph.jsonld, ontology.owl, report.json and graph.html "
                                       "into a staging folder beside the out folder, which then replaces it whole in one "
                                       "step. The out folder is locked: a second build into it fails at once (exit 2).")
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
    export_parser.add_argument("--format", required=True, choices=(*FORMATS, *NETWORK_FORMATS),
                               help="; ".join([*(f"{name}: {description}" for name, (_, description) in FORMATS.items()),
                                               *(f"{name}: {description}, with labels, class, community and "
                                                 "centralities" for name, description in NETWORK_FORMATS.items())]))
    export_parser.add_argument("-o", "--output", required=True, type=Path,
                               help="the file to write ('-' for standard output; not for csv, which writes two files)")
    export_parser.add_argument("--asserted-only", action="store_true",
                               help="only the curated data, without the inferred graph hy:inferred (default: both, as the build writes)")
    export_parser.set_defaults(run=_run_export)

    query_parser = commands.add_parser(
        "query", help="run a named query (or a .rq file, or - for standard input) on the built graph",
        description="Run a SPARQL query on the built graph (dist/graph.nq; the default graph is the union of all "
        "graphs). Results as an aligned table with zh labels, or csv, tsv, json; CONSTRUCT results as ttl.")
    _add_root(query_parser)
    query_parser.add_argument("query", nargs="?", metavar="NAME|FILE|-", help="a query name (file stem in queries/), a .rq file, or -")
    query_parser.add_argument("--list", action="store_true",
                              help="list the named queries with their summaries and parameters (what each takes, optional or required)")
    query_parser.add_argument("--describe", action="store_true",
                              help="describe query NAME: its question, columns, parameters with their meaning, and an example command")
    query_parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                              help="bind parameter ?_NAME: an IRI (prefix:name or <iri>) or, for a class or scheme, a name "
                              "(万魔声学智造群项目, 投产); a year, number or text as declared (--describe); repeatable")
    query_parser.add_argument("--format", choices=("table", "csv", "tsv", "json", "xml", "ttl", "nt"), default="table",
                              help="output format (default: table); csv, tsv, json and xml are the SPARQL 1.1 results formats; ttl or nt for CONSTRUCT")
    _add_graph(query_parser, store=True)
    query_parser.set_defaults(run=_run_query)

    serve_parser = commands.add_parser(
        "serve", help="serve the analyst's workbench and a read-only SPARQL 1.1 endpoint over the built graph",
        description="A SPARQL 1.1 Protocol endpoint at /sparql over the built graph (GET and POST; JSON, XML, CSV, TSV; "
        "Turtle and N-Triples for CONSTRUCT; a GET without a query is the SPARQL editor), the analyst's workbench at / "
        "(search, entity pages, query forms, targets, conflicts, paths) and the network view at /view. Updates are refused, "
        "SERVICE is refused, queries past --timeout are stopped, results are capped at --max-rows.")
    _add_root(serve_parser)
    _add_graph(serve_parser, store=True, both=True)
    serve_parser.add_argument("--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1: this machine only)")
    serve_parser.add_argument("--port", type=int, default=8000, help="the port (default 8000; 0 picks a free one)")
    serve_parser.add_argument("--timeout", type=float, default=10.0,
                              help="seconds a query may take from its arrival, the wait for a worker included (default 10)")
    serve_parser.add_argument("--max-rows", type=int, default=10_000, help="the most rows (or triples) one answer holds (default 10000)")
    serve_parser.add_argument("--cors", metavar="ORIGIN", help="allow this origin to query from a browser (default: no CORS header)")
    serve_parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                              help="query worker processes, each holding the graph (default: the number of cores)")
    serve_parser.add_argument("--max-memory", type=_byte_size, metavar="SIZE",
                              help="memory one worker may use, e.g. 2G or 512M; a query over it is answered 503 "
                              "(default: half the machine's memory shared among the workers)")
    serve_parser.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                              help="a host name clients use to reach the server (IP addresses and localhost are always "
                              "answered; other Host headers are refused against DNS rebinding); repeatable")
    serve_parser.add_argument("--drafts", type=Path, metavar="DIR",
                              help="review drafts in the browser at /drafts: DIR holds each draft of policykg extract as ID.ttl "
                              "beside its report ID.txt; the page makes the decisions file for policykg review --decisions "
                              "(the server only reads DIR)")
    serve_parser.set_defaults(run=_run_serve)

    for name, query_name, summary in (
        ("targets", "plan-against-outcome", "the 2021 targets against the 2020 actuals of the same indicator"),
        ("conflicts", "conflicting-figures", "figures that two articles give differently for the same indicator, subject and period"),
    ):
        report_parser = commands.add_parser(
            name, help=summary, description=f"Print {summary} (the named query {query_name}): labels, values with their "
            "units as the articles write them (1600亿元), comparators and commitments in words. --format csv or json "
            "gives the query's own columns instead (IRIs and normalized values, for computing).")
        _add_root(report_parser)
        report_parser.add_argument("--format", choices=("table", "csv", "json"), default="table",
                                   help="table (default: readable), or the query's csv or json")
        report_parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="the language of the table (default zh)")
        _add_graph(report_parser, store=True)
        report_parser.set_defaults(run=_run_report, query=query_name, list=False, describe=False, param=[])

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
    _add_network_commands(commands)
    _add_push_command(commands)
    from .search_cli import add_search_command  # search.py's command; imported here, as it takes _add_root from this module

    add_search_command(commands)
    from .extract.cli import add_extract_command  # likewise
    from .review_cli import add_review_command  # likewise

    add_extract_command(commands)
    add_review_command(commands)
    return parser


def _add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=None,
                        help="the tree holding ontology/, triples/ and sources/ (default: the current folder or the "
                        "nearest folder above it that holds ontology/ and triples/, as git finds its repository)")


def _add_graph(parser: argparse.ArgumentParser, store: bool = False, both: bool = False) -> None:
    where = parser.add_mutually_exclusive_group() if store and not both else parser
    where.add_argument("--graph", type=Path, help="the built dataset (default: dist/graph.nq under the root)")
    if store:
        where.add_argument("--store", metavar="URL",
                           help="the SPARQL 1.1 query endpoint of a store the graph was pushed to (policykg push), "
                           "to query instead of the built graph; its default graph must be the union of all graphs"
                           + ("; with --graph too, the endpoint relays to the store and the workbench's pages read the "
                              "built graph (for a store too big to index in memory)" if both else ""))


def _open_graph(args: argparse.Namespace, tree: Tree):
    """What a command queries: the store at ``--store`` (checked to show every graph in its default graph),
    else the built dataset (``--graph``, default dist/graph.nq under the root) loaded in memory."""
    if getattr(args, "store", None):
        store = RemoteStore(args.store)
        store.check_union()
        if not args.graph:
            return store
    return load_built_graph(args.graph or tree.root / DEFAULT_OUT / "graph.nq")


def _run_build(args: argparse.Namespace) -> int:
    tree = Tree.at(args.root)
    out_dir = args.out if args.out is not None else tree.root / DEFAULT_OUT
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
    quads = loaded.quads if args.asserted_only else loaded.quads + infer(loaded)
    if args.format in NETWORK_FORMATS:
        return _export_network(quads, args)
    data = serialize(quads, args.format)
    if str(args.output) == "-":
        sys.stdout.buffer.write(data)
    else:
        write_atomically(args.output, data)
        print(f"wrote {args.output} ({FORMATS[args.format][1]}, {len(data):,} bytes)")
    return EXIT_OK


def _export_network(quads: list[ox.Quad], args: argparse.Namespace) -> int:
    """``export --format graphml|gexf|csv``: the network model, analysed, for network tools."""
    from .network import network_files

    if str(args.output) == "-":
        if args.format == "csv":
            raise UsageError("--format csv writes two files (nodes and edges)\n  fix: give a file name with -o, e.g. -o network.csv")
        sys.stdout.buffer.write(network_files(quads, args.format, "-")[Path("-")])
        return EXIT_OK
    for path, data in network_files(quads, args.format, args.output).items():
        write_atomically(path, data)
        print(f"wrote {path} ({args.format}, {len(data):,} bytes)")
    return EXIT_OK


def _run_query(args: argparse.Namespace) -> int:
    tree = Tree.at(args.root)
    if args.list:
        print(list_queries(named_queries(tree.queries_dir)))
        return EXIT_OK
    if not args.query:
        raise UsageError("name a query (policykg query --list shows them), a .rq file, or - for standard input")
    query = resolve_query(args.query, tree.queries_dir)
    if args.describe:
        print(describe_query(query))
        return EXIT_OK
    store = _open_graph(args, tree)
    parameters, notes = resolve_parameters(store, query, args.param)
    for note in notes:
        print(note, file=sys.stderr)
    print(format_results(run_query(store, query, parameters), args.format, store))
    return EXIT_OK


def _run_report(args: argparse.Namespace) -> int:
    """``targets`` and ``conflicts``: their named query, as a readable table (:mod:`policykg.figures`) or its csv or json."""
    from .figures import REPORTS

    tree = Tree.at(args.root)
    query = resolve_query(args.query, tree.queries_dir)
    store = _open_graph(args, tree)
    result = run_query(store, query)
    print(REPORTS[args.query](result, store, args.lang) if args.format == "table" else format_results(result, args.format, store))
    return EXIT_OK


def _run_serve(args: argparse.Namespace) -> int:
    from .web.server import ServeOptions, serve  # the web stack (waitress, the SPARQL parser) only when serving

    tree = Tree.at(args.root)
    graph = args.graph or tree.root / DEFAULT_OUT / "graph.nq"
    _open_graph(args, tree)  # fail early, with the fix, when there is no built graph or the store does not show it
    if args.timeout <= 0 or args.max_rows <= 0 or args.workers <= 0:
        raise UsageError("--timeout, --max-rows and --workers must be positive")
    if args.drafts is not None and not args.drafts.is_dir():
        raise UsageError(f"--drafts {args.drafts}: no such folder\n  fix: give the folder that holds the drafts (ID.ttl beside its report ID.txt)")
    options = ServeOptions(None if args.store and not args.graph else graph, tree.queries_dir, tree.sources_dir, graph.parent / "graph.html",
                           args.host, args.port, args.timeout, args.max_rows, args.cors, args.workers, args.max_memory or 0,
                           tuple(args.allowed_host), store=args.store, drafts=args.drafts)

    def ready(url: str, pool) -> None:
        if args.store:
            what, confinement = shown_url(args.store), pool.network
        else:
            what = graph
            confinement = (f"workers confined by a {pool.network}" if pool.network else "WARNING: this platform cannot "
                           "take the network from the workers; block outbound traffic with a firewall")
        print(f"serving {what} at {url}sparql (workbench {url}, network view {url}view) with {pool.size} workers; "
              f"{confinement}; Ctrl-C stops", flush=True)

    serve(options, ready)
    return EXIT_OK


def _byte_size(text: str) -> int:
    """Read a size such as ``512M``, ``2G`` or ``1500000`` (bytes) for ``--max-memory``."""
    units = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}
    number, unit = text.strip().upper().rstrip("IB").rstrip(), ""
    if number and number[-1] in units:
        number, unit = number[:-1], number[-1]
    try:
        size = int(float(number) * units[unit])
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 512M or 2G") from None
    if size < 256 * 2**20:
        raise argparse.ArgumentTypeError(f"{text!r} is too small: a worker needs at least 256M to hold the graph and its query engine")
    return size


def _run_view(args: argparse.Namespace) -> int:
    tree = Tree.at(args.root)
    if args.query and args.focus:
        raise UsageError("give --query or --focus, not both")
    store = load_built_graph(args.graph or tree.root / DEFAULT_OUT / "graph.nq")
    quads = list(store)
    selection, title = None, "policykg · 衡阳 2020"
    if args.query:
        query = resolve_query(args.query, tree.queries_dir)
        parameters, notes = resolve_parameters(store, query, args.param)
        for note in notes:
            print(note, file=sys.stderr)
        result = run_query(store, query, parameters)
        if result_kind(result) != "triples":
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


def _add_network_commands(commands) -> None:
    """``analyze`` and ``path``: network analysis of the stated relations between entities (policykg.network)."""
    analyze_parser = commands.add_parser(
        "analyze", help="who is central, which groups form: centralities, communities and components of the network",
        description="Analyse the network of entities and the relations the data states (what the network view draws): "
        "degree, betweenness and PageRank per entity, ranked; Louvain communities (fixed seed), each named by its most "
        "central members; connected components. The same graph gives the same output.")
    _add_root(analyze_parser)
    _add_graph(analyze_parser)
    analyze_parser.add_argument("--top", type=int, default=20, metavar="N", help="the N most central entities (default 20; 0: all)")
    analyze_parser.add_argument("--class", dest="cls", metavar="CLASS",
                                help="rank only entities of this class (Project, pk:Park, 计划, plan or programme…)")
    analyze_parser.add_argument("--by", choices=("degree", "betweenness", "pagerank"), default="degree",
                                help="the measure to rank by (default degree; ties by IRI)")
    analyze_parser.add_argument("--format", choices=("table", "csv", "json"), default="table",
                                help="table (default), csv (the ranked entities) or json (everything)")
    analyze_parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="the labels of the table (default zh)")
    analyze_parser.set_defaults(run=_run_analyze)

    path_parser = commands.add_parser(
        "path", help="how two entities connect: the shortest chains of stated relations, with their evidence",
        description="The K shortest simple paths between two entities over the relations the data states, in either "
        "direction; each hop with its property (zh and en) and the sentence of each article that states it. FROM and "
        "TO are a zh or en name, a spelling variant, or an IRI (prefixed or full).")
    _add_root(path_parser)
    _add_graph(path_parser)
    path_parser.add_argument("start", metavar="FROM", help="an entity: name, variant or IRI")
    path_parser.add_argument("end", metavar="TO", help="an entity: name, variant or IRI")
    path_parser.add_argument("--max", type=int, default=3, metavar="K", help="how many paths, shortest first (default 3)")
    path_parser.add_argument("--avoid", action="append", default=[], metavar="CLASS",
                             help="pass through no entity of this class (e.g. Keyword: not via the articles' keyword "
                             "sections); repeatable")
    path_parser.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    path_parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="the entity names shown (default zh)")
    path_parser.set_defaults(run=_run_path)


def _load_network(args: argparse.Namespace):
    """The index and the network model of the built graph (``--graph``, default dist/graph.nq under the root)."""
    from .entities import Index
    from .network import build_network

    store = load_built_graph(args.graph or Tree.at(args.root).root / DEFAULT_OUT / "graph.nq")
    index = Index(list(store))
    return index, build_network(index=index)


def _run_analyze(args: argparse.Namespace) -> int:
    from .network import analyse, format_analysis, resolve_class

    if args.top < 0:
        raise UsageError(f"--top must be 0 (all) or more, not {args.top}")
    cls = resolve_class(args.cls) if args.cls else None
    _, graph = _load_network(args)
    print(format_analysis(graph, analyse(graph), args.format, by=args.by, cls=cls, top=args.top or None, lang=args.lang), end=""
          if args.format == "csv" else "\n")
    return EXIT_OK


def _run_path(args: argparse.Namespace) -> int:
    from .network import find_paths, format_paths, paths_json, resolve_class, resolve_entity

    if args.max < 1:
        raise UsageError(f"--max must be 1 or more, not {args.max}")
    index, graph = _load_network(args)
    start, end = resolve_entity(index, graph, args.start), resolve_entity(index, graph, args.end)
    avoid = tuple(resolve_class(name) for name in args.avoid)
    paths = find_paths(graph, start, end, args.max, avoid)
    if args.format == "json":
        print(json.dumps(paths_json(index, graph, start, end, paths), ensure_ascii=False, indent=2))
    else:
        print(format_paths(index, graph, start, end, paths, args.lang, avoid))
    return EXIT_OK


def _add_push_command(commands) -> None:
    """``push``: the built dataset into a SPARQL 1.1 store (policykg.push)."""
    from .push import DEFAULT_CHUNK

    push_parser = commands.add_parser(
        "push", help="load the built dataset into a SPARQL 1.1 store, each graph replaced whole",
        description="Send every graph of the built dataset (the default graph and each article's named graph) to a "
        "store: in chunks into a staging graph (Graph Store Protocol with --graph-store, else SPARQL Update), counted "
        "back, then moved over the graph in one update, so no graph is ever half-replaced. Pushing twice leaves the "
        "store as pushing once. Credentials: POLICYKG_STORE_USER and POLICYKG_STORE_PASSWORD, or a netrc file.")
    _add_root(push_parser)
    _add_graph(push_parser)
    push_parser.add_argument("--store", required=True, metavar="URL",
                             help="the store's SPARQL query endpoint (Oxigraph: http://host:port/query; Fuseki: "
                             "http://host:port/DATASET/query), used to count what the store holds")
    push_parser.add_argument("--update", metavar="URL",
                             help="the store's SPARQL Update endpoint (default: --store with its last part made 'update')")
    push_parser.add_argument("--graph-store", metavar="URL",
                             help="the store's Graph Store Protocol endpoint (Oxigraph: /store; Fuseki: /DATASET/data), "
                             "the faster way in; without it the triples go by SPARQL Update")
    push_parser.add_argument("--replace", action="store_true",
                             help="also drop the store's graphs under https://w3id.org/policykg/ that the dataset does not "
                             "have (an article since withdrawn), so the store holds exactly the dataset; other graphs are never touched")
    push_parser.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK, metavar="N",
                             help=f"triples a request carries (default {DEFAULT_CHUNK:,})")
    push_parser.add_argument("--named-default-graph", action="store_true",
                             help="push the dataset's default graph (ontology and reference data) into the named graph "
                             "https://w3id.org/policykg/hengyang/default, for a store that keeps no default graph of its "
                             "own (Virtuoso, whose default graph is the union of its named graphs)")
    push_parser.set_defaults(run=_run_push)


def _run_push(args: argparse.Namespace) -> int:
    from .push import Endpoints, push

    graph = args.graph or Tree.at(args.root).root / DEFAULT_OUT / "graph.nq"
    endpoints = Endpoints.for_store(args.store, args.update, args.graph_store)
    summary = push(graph, endpoints, args.replace, args.chunk_size, progress=lambda text: print(text, file=sys.stderr, flush=True),
                   named_default=args.named_default_graph)
    print("\n".join(summary.lines()))
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
