"""``policykg extract REPORT.txt --source-id ID -o FILE.ttl``: draft claims of a new report, for review.

The gazetteer is the built graph's names (``dist/graph.nq`` under the root, or ``--graph``); the draft
is written atomically (:func:`policykg.files.write_atomically`) as the Turtle of :mod:`.turtle`, and a
summary of what it proposes goes to standard output: names by how they matched, observations by
indicator match and status, relations by predicate. Usage errors exit 2 with the fix: a missing or
unreadable report, a report that is not UTF-8 (with the byte offset of the first bad byte), a source id
that is malformed or already an article of the graph, a date that is not a real YYYY-MM-DD.
"""

import argparse
import datetime
import re
from collections import Counter
from pathlib import Path

from ..errors import EXIT_OK, UsageError
from ..namespaces import PREFIXES

#: What a new source id may be: the local name of ``src:ID`` and of the draft's IRIs (``claim:draft-ID-…``).
SOURCE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_SOURCE_IRI = PREFIXES["src"]


def add_extract_command(commands) -> None:
    """Register ``policykg extract`` on the subcommands of the ``policykg`` parser (cli.py calls this)."""
    from ..cli import _add_graph, _add_root

    parser = commands.add_parser(
        "extract", help="draft claims of a new report (names, numbers, relations) as Turtle for a curator to review",
        description="Read a report (UTF-8 text) and write what it states as draft claims: names matched to the graph's "
        "entities (exact, variant, close) or proposed as new, each number as an observation (indicator, subject, period, "
        "status, comparator, rank, comparisons) and the relations its patterns state. Every block is a pk:Draft with its "
        "confidence and the rule that made it; nothing is curated until reviewed. The names and indicators known are the "
        "built graph's (run `policykg build` first, or pass --graph).")
    _add_root(parser)
    _add_graph(parser)
    parser.add_argument("report", type=Path, metavar="REPORT.txt", help="the report's text, UTF-8")
    parser.add_argument("--source-id", required=True, metavar="ID",
                        help="the new article's id (src:ID): letters, digits, - and _, not an article the graph has")
    parser.add_argument("--title", metavar="T", help="the report's title (dcterms:title of the draft's header)")
    parser.add_argument("--date", metavar="YYYY-MM-DD",
                        help="the report's date: the year of a period that no sentence of the report names")
    parser.add_argument("--url", metavar="U", help="where the report was published (dcterms:source)")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.ttl", help="the draft to write")
    parser.set_defaults(run=_run_extract)


def read_report(path: Path) -> str:
    """The text of the report at ``path``, which must be a readable UTF-8 file (a byte-order mark is dropped)."""
    if not path.exists():
        raise UsageError(f"{path}: no such file\n  fix: give the path of the report's text file")
    if not path.is_file():
        raise UsageError(f"{path}: not a file\n  fix: give the path of the report's text file, not a folder")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(f"{path}: cannot be read: {error.strerror}\n  fix: check the file's permissions") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise UsageError(f"{path}: not UTF-8: byte offset {error.start} (line {line}) holds 0x{data[error.start]:02x}, "
                         f"which cannot start or continue a UTF-8 character\n"
                         f"  fix: convert the file to UTF-8, e.g. `iconv -f GB18030 -t UTF-8 {path} > report.utf8.txt` "
                         f"for a Chinese report saved as GBK/GB18030") from None
    return text.removeprefix("\ufeff")


def check_date(date: str | None) -> str | None:
    """``date`` if it is a real calendar day written YYYY-MM-DD, else a usage error."""
    if date is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise UsageError(f"--date {date!r}: not a date written YYYY-MM-DD\n  fix: e.g. --date 2021-01-07")
    try:
        datetime.date.fromisoformat(date)
    except ValueError as error:
        raise UsageError(f"--date {date!r}: no such day ({error})\n  fix: give a real day, e.g. --date 2021-01-07") from None
    return date


def check_source_id(source_id: str, existing: set[str]) -> str:
    """``source_id`` if it is well formed and names no article of the graph, else a usage error."""
    if not SOURCE_ID.match(source_id):
        raise UsageError(f"--source-id {source_id!r}: not an id of the form src:ID\n"
                         "  fix: use letters, digits, - and _ only, starting with a letter or digit (e.g. --source-id 005)")
    if source_id in existing:
        raise UsageError(f"--source-id {source_id}: src:{source_id} is already an article of the graph "
                         f"(its ids: {', '.join(sorted(existing))})\n"
                         "  fix: give the new report an id of its own (the next free one, e.g. "
                         f"{_next_id(existing)})")
    return source_id


def _next_id(existing: set[str]) -> str:
    numbers = [int(i) for i in existing if i.isdigit()]
    return f"{max(numbers) + 1:03d}" if numbers else "001"


def summary(draft, output: Path, text: str) -> str:
    """What the draft proposes, in a few lines: counts by kind and by match."""
    names = Counter(n.match for n in draft.names)
    distinct = len({(n.ref.key, n.text) for n in draft.names})
    observations = draft.observations
    indicators = Counter("known" if o.indicator else "new" for o in observations)
    statuses = Counter(o.status for o in observations)
    relations = Counter(r.predicate for r in draft.relations)
    new_indicators = len({o.indicator_label for o in observations if not o.indicator})

    def counted(counter: Counter, order) -> str:
        keys = [k for k in order if counter.get(k)] + sorted(k for k in counter if k not in order)
        return ", ".join(f"{k} {counter[k]}" for k in keys) or "none"

    lines = [f"wrote {output}: the draft of src:{draft.source_id} ({len(text):,} characters)",
             f"names: {len(draft.names)} found, {distinct} proposed ({counted(names, ('exact', 'variant', 'close', 'new'))})",
             f"observations: {len(observations)} (indicator {counted(indicators, ('known', 'new'))}; "
             f"{counted(statuses, ('Actual', 'Estimate', 'Target'))}); new indicators proposed: {new_indicators}",
             f"relations: {len(draft.relations)} ({counted(relations, ())})",
             "review every block (pk:Draft, with its confidence and rule) before moving it into triples/"]
    return "\n".join(lines)


def _run_extract(args: argparse.Namespace) -> int:
    from ..cli import DEFAULT_OUT
    from ..entities import PK, Index
    from ..files import write_atomically
    from ..query import load_built_graph
    from ..tree import Tree
    from . import extract
    from .gazetteer import Gazetteer
    from .turtle import draft_turtle

    date = check_date(args.date)
    text = read_report(args.report)
    if not SOURCE_ID.match(args.source_id):
        check_source_id(args.source_id, set())
    graph = args.graph or Tree.at(args.root).root / DEFAULT_OUT / "graph.nq"
    index = Index(list(load_built_graph(graph)))
    existing = {iri[len(_SOURCE_IRI):] for iri, classes in index.types.items()
                if PK + "SourceArticle" in classes and iri.startswith(_SOURCE_IRI)}
    existing |= {source for sources in index.mentioned_in.values() for source in sources if source != "ref"}
    check_source_id(args.source_id, existing)
    if args.output.resolve() == args.report.resolve():
        raise UsageError(f"-o {args.output}: that is the report itself\n  fix: write the draft to a file of its own, e.g. -o draft.ttl")
    draft = extract(text, args.source_id, Gazetteer.from_index(index), title=args.title, date=date, url=args.url)
    write_atomically(args.output, draft_turtle(draft).encode("utf-8"))
    print(summary(draft, args.output, text))
    return EXIT_OK
