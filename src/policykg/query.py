"""Named SPARQL queries: reading their headers, binding their parameters, running them on the built
graph with pyoxigraph, and showing the results as aligned tables (zh labels, not IRIs) or in the
formats of :mod:`policykg.results` (SPARQL JSON, XML, CSV and TSV; Turtle and N-Triples).

A named query is ``queries/<name>.rq`` with a header of ``# key: value`` lines::

    # zh: 各项目的状态、企业与园区
    # en: Every project with its status, company and park.
    # question: Which projects went into production in 2020, and who built them where?
    # columns: project, status, year, company, park
    # param ?_status: a project status such as pkc:InProduction (optional)

Parameters are ``?_name`` variables, bound at run time by a ``VALUES`` block placed first in the
query's outer ``WHERE`` group (so filters and ``BIND`` see them), and left free when not given.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from .errors import DataError, UsageError
from .namespaces import PREFIXES
from .report import compact
from .results import GRAPH_FORMATS, SELECT_FORMATS, result_kind, write_result
from .text import display_width

REQUIRED_HEADER_KEYS = ("zh", "en", "question", "columns")
_HEADER_LINE = re.compile(r"^#\s*(param \?_\w+|[a-z]+)\s*:\s*(.*)$")


@dataclass(frozen=True)
class NamedQuery:
    """A query file with its header: summaries in zh and en, the question, the columns, the parameters."""

    name: str
    path: Path
    text: str
    header: dict[str, str]
    parameters: dict[str, str] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        """The one-line summary shown by ``policykg query --list``: en, then zh."""
        return f"{self.header.get('en', '')} / {self.header.get('zh', '')}"

    @cached_property
    def undeclared_prefixes(self) -> dict[str, str] | None:
        """Our prefixes that the text uses without a ``PREFIX`` line (None when it declares all it uses).

        Passing only these to pyoxigraph, once worked out per query, keeps a query that declares its
        prefixes as fast as the engine itself (handing over all 40 costs tens of microseconds a run).
        """
        code = re.sub(r"^\s*#.*$", "", self.text, flags=re.M)  # not the header's examples
        declared = set(re.findall(r"^\s*PREFIX\s+([\w.-]*):", code, re.M | re.I))
        used = {name: iri for name, iri in PREFIXES.items()
                if name not in declared and re.search(rf"(?<![\w<#/.-]){re.escape(name)}:", code)}
        return used or None

    def bind(self, parameters: dict[str, ox.NamedNode | ox.Literal]) -> str:
        """The query text with ``parameters`` bound (see :func:`bind_parameters`)."""
        if not parameters:
            return self.text
        return _insert_values(self.text, self._values_position, parameters)

    @cached_property
    def _values_position(self) -> int:
        return _outer_where_end(self.text)


def read_query(path: Path) -> NamedQuery:
    """Read a query file and its header; a missing header key is reported as a :class:`DataError`."""
    text = path.read_text(encoding="utf-8")
    header, parameters = {}, {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER_LINE.match(line)
        if match:
            key, value = match.groups()
            if key.startswith("param "):
                parameters[key.split("?_", 1)[1]] = value
            else:
                header[key] = value
    missing = [key for key in REQUIRED_HEADER_KEYS if key not in header]
    if missing:
        raise DataError(f"{path}:1:1: the query's header lacks {', '.join('# ' + k + ':' for k in missing)}\n"
                        "  fix: start the file with # zh:, # en:, # question: and # columns: lines (see queries/README.md)")
    return NamedQuery(path.stem, path, text, header, parameters)


def named_queries(folder: Path) -> list[NamedQuery]:
    """Every named query in ``folder`` (not the checks), by name."""
    return [read_query(path) for path in sorted(folder.glob("*.rq"))]


def resolve_query(spec: str, folder: Path) -> NamedQuery:
    """Return the query named ``spec`` (a file stem in ``folder``), or read from file ``spec``, or stdin for ``-``."""
    if spec == "-":
        import sys

        text = sys.stdin.read()
        return NamedQuery("-", Path("-"), text, {}, {})
    path = Path(spec)
    if path.suffix == ".rq" and path.is_file():
        return read_query(path) if path.read_text(encoding="utf-8").startswith("#") else NamedQuery(path.stem, path, path.read_text(encoding="utf-8"), {}, {})
    candidate = folder / f"{spec}.rq"
    if candidate.is_file():
        return read_query(candidate)
    names = ", ".join(q.name for q in named_queries(folder))
    raise UsageError(f"no query named {spec!r}\n  fix: pass one of: {names}; or a .rq file; or - for standard input")


def parse_parameter(text: str) -> tuple[str, ox.NamedNode | ox.Literal]:
    """Parse ``name=value`` into a parameter name and an RDF term.

    ``prefix:name`` with one of our prefixes and ``<iri>`` become IRIs; integers and decimals become
    numbers; anything else a plain string.

    >>> parse_parameter("status=pkc:InProduction")[1].value
    'https://w3id.org/policykg/ontology/concept/InProduction'
    >>> parse_parameter("year=2020")[1].datatype.value
    'http://www.w3.org/2001/XMLSchema#integer'
    """
    if "=" not in text:
        raise UsageError(f"--param {text!r} is not name=value\n  fix: write --param status=pkc:InProduction")
    name, value = text.split("=", 1)
    name = name.removeprefix("?_").removeprefix("_")
    if value.startswith("<") and value.endswith(">"):
        return name, ox.NamedNode(value[1:-1])
    prefix, _, local = value.partition(":")
    if local and prefix in PREFIXES and not value.startswith(("http:", "https:")):
        return name, ox.NamedNode(PREFIXES[prefix] + local)
    if value.startswith(("http://", "https://")):
        return name, ox.NamedNode(value)
    if re.fullmatch(r"-?\d+", value):
        return name, ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    try:
        Decimal(value)
        if re.fullmatch(r"-?\d+\.\d+", value):
            return name, ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))
    except InvalidOperation:
        pass
    return name, ox.Literal(value)


def run_query(store: ox.Store, query: NamedQuery, parameters: dict[str, ox.NamedNode | ox.Literal] | None = None):
    """Run ``query`` on ``store`` (the default graph is the union of all graphs) with ``parameters`` bound.

    Returns pyoxigraph's result: solutions, a boolean, or triples. A syntax error is a :class:`UsageError`
    naming the query, the line and the column.
    """
    parameters = parameters or {}
    unknown = sorted(set(parameters) - set(query.parameters)) if query.parameters or query.header else []
    if unknown:
        raise UsageError(f"query {query.name} has no parameter {', '.join('?_' + u for u in unknown)}; "
                         f"it takes: {', '.join('?_' + p for p in query.parameters) or 'none'}")
    try:
        return store.query(query.bind(parameters), use_default_graph_as_union=True, prefixes=query.undeclared_prefixes)
    except SyntaxError as error:
        raise UsageError(f"{query.path}: SPARQL syntax error: {error}\n  fix: correct the query at that line and column") from None


_OUTER_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def bind_parameters(text: str, parameters: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """Return ``text`` with each parameter bound by ``VALUES ?_name { term }`` at the start of the outer WHERE group.

    >>> bind_parameters("SELECT ?x WHERE { ?x ?p ?_o }", {"o": ox.Literal("衡阳")})
    'SELECT ?x WHERE { VALUES ?_o { "衡阳" } ?x ?p ?_o }'
    """
    if not parameters:
        return text
    return _insert_values(text, _outer_where_end(text), parameters)


def _outer_where_end(text: str) -> int:
    """The offset just after the ``{`` that opens the outer WHERE group (after the PREFIX and BASE lines)."""
    body_start = max((m.end() for m in re.finditer(r"^\s*(?:PREFIX|BASE)\b[^\n]*$", text, re.M | re.I)), default=0)
    match = _OUTER_WHERE.search(text, body_start)
    if not match:
        raise UsageError("parameters need a query with a WHERE { … } group")
    return match.end()


def _insert_values(text: str, position: int, parameters: dict[str, ox.NamedNode | ox.Literal]) -> str:
    values = " ".join(f"VALUES ?_{name} {{ {term} }}" for name, term in sorted(parameters.items()))
    return f"{text[:position]} {values}{text[position:]}"


def load_built_graph(path: Path) -> ox.Store:
    """Load a built dataset (``dist/graph.nq``) into an in-memory store."""
    if not path.is_file():
        raise UsageError(f"no built graph at {path}\n  fix: run `policykg build` first (or pass --graph FILE)")
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.N_QUADS)
    return store


# ---------------------------------------------------------------------------------------------------
# Showing results
# ---------------------------------------------------------------------------------------------------

_ZH_LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?label WHERE { ?s rdfs:label ?label . FILTER(LANG(?label) = "zh") }
"""


def labels(store: ox.Store) -> dict[str, str]:
    """Every IRI's zh label, for showing results by name."""
    return {row["s"].value: row["label"].value for row in store.query(_ZH_LABELS, use_default_graph_as_union=True) if isinstance(row["s"], ox.NamedNode)}


def show(term, names: dict[str, str]) -> str:
    """A term as a person reads it: an IRI by its zh label (else prefixed), a literal by its text."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return names.get(term.value) or compact(term.value)
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


_GIVES = {"solutions": "a SELECT query gives rows", "boolean": "an ASK query gives a boolean",
          "triples": "a CONSTRUCT or DESCRIBE query gives triples"}


def format_results(result, fmt: str, store: ox.Store) -> str:
    """A query result as text for ``print()``: ``table``, or a format of :mod:`policykg.results`.

    ``table`` shows rows as an aligned table with zh labels, a boolean as ``true`` or ``false``, and
    triples as Turtle. Every other format is written by :func:`policykg.results.write_result` (json,
    xml, csv or tsv for SELECT and ASK; ttl or nt for CONSTRUCT and DESCRIBE) less its last line end,
    which ``print()`` writes back: so CSV, TSV and Turtle reach standard output byte for byte (a
    final blank line would be one more row), and JSON and XML gain a final line end.
    """
    kind = result_kind(result)
    formats = ("table",) + (GRAPH_FORMATS if kind == "triples" else SELECT_FORMATS)
    if fmt not in formats:
        raise UsageError(f"{_GIVES[kind]}: use --format {', '.join(formats)}, not {fmt}")
    if fmt == "table" and kind == "boolean":
        return str(bool(result)).lower()
    if fmt == "table" and kind == "solutions":
        variables = [v.value for v in result.variables]
        names = labels(store)
        return format_table(variables, [[show(term, names) for term in row] for row in result])
    body, _ = write_result(result, "ttl" if fmt == "table" else fmt)
    return body.decode("utf-8").removesuffix("\n")


def format_table(header: list[str], rows: list[list[str]]) -> str:
    """An aligned text table (CJK characters counted as two columns), with the row count under it."""
    widths = [max([display_width(h)] + [display_width(r[i]) for r in rows]) for i, h in enumerate(header)]

    def line(cells):
        return "  ".join(cell + " " * (width - display_width(cell)) for cell, width in zip(cells, widths)).rstrip()

    lines = [line(header), line(["-" * w for w in widths])] + [line(r) for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)

