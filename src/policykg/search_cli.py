"""``policykg search TEXT``: the search of :mod:`policykg.search` on the command line, over the built graph.

A table for people (labels in ``--lang``, aligned by display width, the row count under it), CSV (one
row per hit, every field; terms as prefixed name and label) or JSON (what ``/search.json`` answers).
No hit is not an error: a note on standard error, exit 0.
"""

import argparse
import csv
import io
import json
import sys

from .errors import EXIT_OK
from .report import compact
from .search import DEFAULT_LIMIT, Hit, SearchIndex, results_json
from .text import display_width, printable, shorten

#: The CSV columns: the hit, then what an observation states (each term as prefixed name and label).
CSV_COLUMNS = ("rank", "kind", "curie", "class", "zh", "en", "match", "matched", "via", "value", "number", "comparator",
               "comparator_label", "unit", "unit_label", "period", "period_label", "status", "status_label", "value_kind",
               "value_kind_label", "indicator", "indicator_label", "subjects", "subjects_label", "sources", "evidence", "marks", "iri")
#: The table's columns shown even when empty; the others (an observation's) only when a row fills them.
ALWAYS_SHOWN = ("#", "kind", "class", "name", "match", "IRI")
#: The longest evidence shown in a table cell; CSV and JSON hold the whole sentence.
TABLE_EVIDENCE = 36


def add_search_command(commands) -> None:
    """Register ``policykg search`` on the subcommands of the ``policykg`` parser (cli.py calls this)."""
    from .cli import _add_graph, _add_root

    parser = commands.add_parser(
        "search", help="find entities, indicators and numbers by name, variant, number as written or the words of a sentence",
        description="Search the built graph: entities and indicators by a zh or en name, a spelling variant or a part of "
        "one (case, width, spaces and dashes ignored); observations and targets by their indicator's or subject's name, "
        "by their number as written (1600亿元, 1600, 8.5%) or by words of their sentence. Ranked: exact name, exact "
        "variant, name prefix, part of a name, an observation through a name, number, sentence; ties by class and IRI. "
        "With --class and no TEXT, lists that class.")
    _add_root(parser)
    _add_graph(parser)
    parser.add_argument("text", metavar="TEXT", nargs="?", default="", help="what to look for (quote several words)")
    parser.add_argument("--class", dest="cls", metavar="C",
                        help="only things of this class: Project, pk:Park, 项目, Indicator, Observation, Target, Period…")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table", help="table (default), csv or json")
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, metavar="N", help=f"the N best hits (default {DEFAULT_LIMIT}; 0: all)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="the labels of the table (default zh)")
    parser.set_defaults(run=_run_search)


def _run_search(args: argparse.Namespace) -> int:
    from .cli import DEFAULT_OUT
    from .entities import Index
    from .errors import UsageError
    from .query import load_built_graph
    from .tree import Tree

    if args.limit < 0:
        raise UsageError(f"--limit must be 0 (all) or more, not {args.limit}")
    if not args.text.strip() and not args.cls:
        raise UsageError("give TEXT to look for, or --class C to list a class")
    store = load_built_graph(args.graph or Tree.at(args.root).root / DEFAULT_OUT / "graph.nq")
    searcher = SearchIndex(Index(list(store)))
    cls = searcher.resolve_class(args.cls) if args.cls else None
    hits = searcher.search(args.text, None, cls, args.lang)
    shown = hits[:args.limit] if args.limit else hits
    if not hits:
        print(f"policykg: nothing found for {args.text.strip()!r}" + (f" among {cls}" if cls else ""), file=sys.stderr)
    if args.format == "json":
        print(json.dumps(results_json(args.text.strip(), cls, hits, args.limit), ensure_ascii=False, indent=2))
    elif args.format == "csv":
        print(format_csv(shown, args.lang), end="")
    elif hits:
        print(format_table(shown, len(hits), args.lang))
    return EXIT_OK


def csv_row(hit: Hit, rank: int, lang: str) -> dict:
    """One hit as a CSV row (:data:`CSV_COLUMNS`): terms as prefixed name and label in ``lang``, lists joined by ' | '."""
    row = hit.as_json(rank)
    observation = hit.observation or {}
    for name in ("comparator", "unit", "period", "status", "value_kind", "indicator"):
        term = observation.get(name)
        row[name], row[name + "_label"] = (term["iri"], term[lang]) if term else ("", "")
    subjects = observation.get("subjects", [])
    row["subjects"] = " | ".join(s["iri"] for s in subjects)
    row["subjects_label"] = " | ".join(s[lang] for s in subjects)
    row["sources"] = " | ".join(observation.get("sources", []))
    row["evidence"] = " | ".join(observation.get("evidence", []))
    row["marks"] = " ".join(f"{start}-{end}" for start, end in hit.marks)
    row["value"] = observation.get("value", "")
    row["number"] = "" if observation.get("number") is None else observation["number"]
    row["via"] = hit.via or ""
    return {column: row[column] for column in CSV_COLUMNS}


def format_csv(hits: list[Hit], lang: str = "zh") -> str:
    """The hits as CSV with a header row (:data:`CSV_COLUMNS`)."""
    stream = io.StringIO()
    writer = csv.DictWriter(stream, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_row(hit, rank, lang) for rank, hit in enumerate(hits, 1))
    return stream.getvalue()


def format_table(hits: list[Hit], total: int, lang: str = "zh") -> str:
    """The hits as an aligned table (labels in ``lang``; wide characters count two columns; the observations'
    columns only when an observation is shown), then how many of how many."""
    header = ["#", "kind", "class", "name", "match", "value", "period", "status", "source", "evidence", "IRI"]
    rows = []
    for rank, hit in enumerate(hits, 1):
        observation = hit.observation or {}

        def label(name: str) -> str:
            term = observation.get(name)
            return term[lang] if term else ""
        how = f"{hit.via}: {hit.match}" if hit.via else hit.match
        exactly = (observation.get("comparator") or {}).get("iri") == "pkc:Exactly"  # said by the number alone
        value = " ".join(part for part in ("" if exactly else label("comparator"), observation.get("value", "")) if part)
        evidence = shorten(observation["evidence"][0], TABLE_EVIDENCE) if observation.get("evidence") else ""
        rows.append([str(rank), hit.kind, hit.cls, hit.label(lang), f"{how} {hit.matched}".strip(), value, label("period"),
                     label("status"), ",".join(observation.get("sources", [])), evidence, compact(hit.iri)])
    rows = [[printable(cell) for cell in row] for row in rows]
    kept = [i for i, name in enumerate(header) if name in ALWAYS_SHOWN or any(row[i] for row in rows)]
    header, rows = [header[i] for i in kept], [[row[i] for i in kept] for row in rows]
    widths = [max([display_width(h)] + [display_width(r[i]) for r in rows]) for i, h in enumerate(header)]

    def line(cells) -> str:
        return "  ".join(cell + " " * (width - display_width(cell)) for cell, width in zip(cells, widths)).rstrip()
    shown = (f"{total} hit" + ("s" if total != 1 else "")) if len(hits) == total else f"{len(hits)} of {total} hits; --limit 0 shows all"
    return "\n".join([line(header), line(["-" * w for w in widths]), *(line(r) for r in rows), f"({shown})"])
