"""Named SPARQL queries: reading their headers, binding their parameters, running them on the built
graph with pyoxigraph, and showing the results as aligned tables (zh labels, not IRIs) or in the
formats of :mod:`policykg.results` (SPARQL JSON, XML, CSV and TSV; Turtle and N-Triples).

A named query is ``queries/<name>.rq`` with a header of ``# key: value`` lines (queries/README.md)::

    # zh: 各项目的状态、企业与园区
    # en: Every project with its status, company and park.
    # question: Which projects went into production in 2020, and who built them where?
    # columns: project, status, year, company, park
    # param ?_status (pkc:ProjectStatusScheme, optional): a project status, e.g. pkc:InProduction

Parameters are ``?_name`` variables, declared in the header with what they take (a class, a concept
scheme or a datatype: :class:`Parameter`), bound at run time by a ``VALUES`` block placed first in the
query's outer ``WHERE`` group (so filters and ``BIND`` see them), and left free when not given.
:func:`resolve_parameters` checks what a user passes against the declaration and the graph.
"""

import difflib
import re
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from .errors import DataError, Location, UsageError, located_error
from .namespaces import PREFIXES
from .report import compact
from .results import GRAPH_FORMATS, SELECT_FORMATS, result_kind, write_result
from .syntax import describe_oxigraph_error
from .text import display_width

REQUIRED_HEADER_KEYS = ("zh", "en", "question", "columns")
_HEADER_LINE = re.compile(r"^#\s*([a-z]+)\s*:\s*(.*)$")
_PARAM_LINE = re.compile(r"^#\s*param\b")

XSD = PREFIXES["xsd"]
#: The datatypes a parameter may take, with what a person calls a value of each and an example.
DATATYPES = {"xsd:gYear": ("year", "2020"), "xsd:integer": ("whole number", "3"),
             "xsd:decimal": ("number", "1.5"), "xsd:string": ("text", "万魔声学")}
_DATATYPE_FORM = {"xsd:gYear": re.compile(r"\d{4}"), "xsd:integer": re.compile(r"[+-]?\d+"),
                  "xsd:decimal": re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)"), "xsd:string": re.compile(r".*", re.S)}
#: ``rdf:Property`` takes any property: OWL types its properties with these classes, which the
#: ontology does not place under ``rdf:Property`` itself.
_PROPERTY_CLASSES = ("rdf:Property", "owl:ObjectProperty", "owl:DatatypeProperty", "owl:AnnotationProperty")
_TAKES = re.compile(r"(?P<prefix>pk|pkc|xsd|rdf):(?P<local>[A-Za-z][\w-]*)")
_HEADER_FORM = "# param ?_name (TAKES[, optional]): meaning, e.g. example"


@dataclass(frozen=True)
class Parameter:
    """A parameter a named query declares: ``# param ?_name (TAKES[, optional]): meaning, e.g. example``.

    ``takes`` is a CURIE: a class (``pk:Project``; ``pk:Entity`` for any entity), a concept scheme
    (``pkc:ProjectStatusScheme``) or a datatype (``xsd:gYear``, ``xsd:integer``, ``xsd:string``).
    ``optional``: the query means something without it (it then runs over every value, or its default).

    >>> p = Parameter("year", "xsd:gYear", True, "the year of the award, e.g. 2020")
    >>> p.kind, p.example, p.term("2020")
    ('datatype', '2020', <Literal value=2020 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#gYear>>)
    """

    name: str
    takes: str
    optional: bool
    meaning: str

    @property
    def kind(self) -> str:
        """``class``, ``scheme`` (a SKOS concept scheme) or ``datatype``."""
        if self.takes.startswith("xsd:"):
            return "datatype"
        return "scheme" if self.takes.startswith("pkc:") else "class"

    @property
    def example(self) -> str:
        """The example value the meaning ends with (after ``e.g.``)."""
        return self.meaning.rpartition("e.g.")[2].strip()

    @property
    def default(self) -> str | None:
        """The value the query uses when the parameter is not given, where the meaning names one (``default: X``)."""
        match = re.search(r"\bdefault:?\s+([^\s,;)]+)", self.meaning)
        return match.group(1) if match else None

    def term(self, value: str) -> ox.Literal:
        """``value`` as a literal of this datatype parameter; a value of the wrong form is a :class:`UsageError`."""
        if not _DATATYPE_FORM[self.takes].fullmatch(value.strip() if self.takes != "xsd:string" else value):
            what, example = DATATYPES[self.takes]
            raise UsageError(f"?_{self.name} takes a {what} ({self.takes}), not {value!r}\n"
                             f"  fix: --param {self.name}={self.example or example}")
        if self.takes == "xsd:string":
            return ox.Literal(value)
        return ox.Literal(value.strip().lstrip("+"), datatype=ox.NamedNode(XSD + self.takes.split(":", 1)[1]))


@dataclass(frozen=True)
class NamedQuery:
    """A query file with its header: summaries in zh and en, the question, the columns, the parameters."""

    name: str
    path: Path
    text: str
    header: dict[str, str]
    parameters: dict[str, Parameter] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        """The one-line summary shown by ``policykg query --list``: en, then zh."""
        return f"{self.header.get('en', '')} / {self.header.get('zh', '')}"

    @cached_property
    def undeclared_prefixes(self) -> dict[str, str] | None:
        """Our prefixes that the text uses without a ``PREFIX`` line (None when it declares all it uses).

        The text is read as SPARQL tokens enough to skip what holds no prefixed name (IRIs ``<…>``,
        strings, comments), so a prefix counts wherever a name can start: after a space, ``/``, ``^``,
        ``|``, ``(``, ``!``, ``,``… Passing only these to pyoxigraph, once worked out per query, keeps a
        query that declares its prefixes as fast as the engine itself (handing over all 40 costs tens
        of microseconds a run).

        >>> NamedQuery("-", Path("-"), "SELECT * { ?o pk:indicator/rdfs:label ?l } # skos:x", {}).undeclared_prefixes
        {'pk': 'https://w3id.org/policykg/ontology/', 'rdfs': 'http://www.w3.org/2000/01/rdf-schema#'}
        """
        code = sparql_code(self.text)
        declared = set(re.findall(r"\bPREFIX\s+([\w.-]*):", code, re.I))
        used = set(_PREFIXED_NAME.findall(code))
        found = {name: iri for name, iri in PREFIXES.items() if name in used and name not in declared}
        return found or None

    def bind(self, parameters: dict[str, ox.NamedNode | ox.Literal]) -> str:
        """The query text with ``parameters`` bound (see :func:`bind_parameters`)."""
        if not parameters:
            return self.text
        return _insert_values(self.text, self._values_position, parameters)

    @cached_property
    def _values_position(self) -> int:
        return _outer_where_end(self.text)


#: What holds no prefixed name: an IRI, a string (long or short, either quote), a comment.
_NOT_CODE = re.compile(
    r"<[^<>\"{}|^`\\\s]*>"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'"
    r"|#[^\n]*",
    re.S,
)
#: A prefix where a prefixed name can start: not inside a longer name, a variable or a local part.
_PREFIXED_NAME = re.compile(r"(?<![\w.\-:?$])([A-Za-z][\w.-]*)?:")


def sparql_code(text: str) -> str:
    """``text`` with its IRIs, strings and comments blanked out (each replaced by a space).

    >>> sparql_code('SELECT * { ?s rdfs:label "a pk:b" ; <http://x#y> ?o } # rdf:type')
    'SELECT * { ?s rdfs:label   ;   ?o }  '
    """
    return _NOT_CODE.sub(" ", text)


def read_query(path: Path) -> NamedQuery:
    """Read a query file and its header.

    A missing header key, or a ``# param`` line not of the form ``# param ?_name (TAKES[, optional]):
    meaning, e.g. example``, is a :class:`DataError` at ``file:line:column`` with the fix.
    """
    text = path.read_text(encoding="utf-8")
    header, parameters, problems = {}, {}, []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        if _PARAM_LINE.match(line):
            try:
                parameter = parse_parameter_line(line, path, number)
            except DataError as error:
                problems.append(str(error))
                continue
            parameters[parameter.name] = parameter
            continue
        match = _HEADER_LINE.match(line)
        if match:
            header[match.group(1)] = match.group(2)
    missing = [key for key in REQUIRED_HEADER_KEYS if key not in header]
    if missing:
        problems.insert(0, f"{path}:1:1: the query's header lacks {', '.join('# ' + k + ':' for k in missing)}\n"
                        "  fix: start the file with # zh:, # en:, # question: and # columns: lines (see queries/README.md)")
    if problems:
        raise DataError("\n".join(problems))
    return NamedQuery(path.stem, path, text, header, parameters)


def parse_parameter_line(line: str, path: Path, number: int) -> Parameter:
    """Read one ``# param`` header line into a :class:`Parameter`, or raise a :class:`DataError` at the column at fault.

    >>> parse_parameter_line("# param ?_year (xsd:gYear, optional): the year, e.g. 2020", Path("q.rq"), 5)
    Parameter(name='year', takes='xsd:gYear', optional=True, meaning='the year, e.g. 2020')
    """
    def fail(column: int, problem: str, fix: str) -> DataError:
        return located_error(Location(path, number, column + 1), problem, line,
                             f"{fix}; the form is {_HEADER_FORM} (see queries/README.md)")

    at = re.match(r"#\s*param\s+", line)
    if not at:
        raise fail(len(line.split("param", 1)[0]) + 5, "`param` must be followed by a space and ?_name", "write # param ?_name")
    name = re.compile(r"\?_(\w+)").match(line, at.end())
    if not name:
        raise fail(at.end(), "a parameter's name is ?_ and a word", "write # param ?_name")
    opening = re.compile(r"\s*\(\s*").match(line, name.end())
    if not opening:
        raise fail(name.end(), f"what ?_{name.group(1)} takes is missing: ( TAKES ) after the name",
                   "add (pk:Class), (pkc:Scheme) or (xsd:datatype), with `, optional` if the query runs without it")
    takes = _TAKES.match(line, opening.end())
    valid_datatype = takes and (takes.group("prefix") != "xsd" or takes.group() in DATATYPES)
    valid_rdf = takes and (takes.group("prefix") != "rdf" or takes.group() == "rdf:Property")
    if not takes or not valid_datatype or not valid_rdf:
        raise fail(opening.end(), "TAKES must be a class (pk:Project, pk:Entity), a concept scheme "
                   "(pkc:ProjectStatusScheme) or one of " + ", ".join(DATATYPES),
                   "name what the parameter takes as one CURIE")
    closing = re.compile(r"\s*(,\s*optional\s*)?\)").match(line, takes.end())
    if not closing:
        raise fail(takes.end(), "after TAKES comes `)` or `, optional)`", "close the parenthesis")
    colon = re.compile(r"\s*:\s*").match(line, closing.end())
    if not colon:
        raise fail(closing.end(), "a colon must follow the parenthesis", "write `): meaning, e.g. example`")
    meaning = line[colon.end():].rstrip()
    if not re.search(r"\be\.g\.\s*\S", meaning):
        raise fail(len(line.rstrip()), "the meaning must end with an example", "end the line with `, e.g. <a value>`")
    return Parameter(name.group(1), takes.group(), bool(closing.group(1)), meaning)


def has_header(text: str) -> bool:
    """Whether ``text`` starts with a named query's header (a ``# zh:``, ``# en:``, ``# question:``, ``# columns:`` or
    ``# param`` line among its first comment lines), rather than with comments of one's own.

    >>> has_header("# zh: 甲\\nSELECT * {}"), has_header("# my query\\nSELECT * {}")
    (True, False)
    """
    for line in text.splitlines():
        if not line.startswith("#"):
            return False
        if re.match(r"#\s*(zh|en|question|columns)\s*:|#\s*param\b", line):
            return True
    return False


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
        text = path.read_text(encoding="utf-8")
        return read_query(path) if has_header(text) else NamedQuery(path.stem, path, text, {}, {})
    candidate = folder / f"{spec}.rq"
    if candidate.is_file():
        return read_query(candidate)
    names = ", ".join(q.name for q in named_queries(folder))
    raise UsageError(f"no query named {spec!r}\n  fix: pass one of: {names}; or a .rq file; or - for standard input")


def list_queries(queries: list[NamedQuery]) -> str:
    """``policykg query --list``: each query with its summary, then one line per parameter: name, what it takes, optional or required."""
    lines = []
    for query in queries:
        lines.append(f"{query.name:<32} {query.summary}")
        for p in query.parameters.values():
            lines.append(f"{'':<4}--param {p.name}=…{'':<{max(0, 14 - len(p.name))}} {p.takes}, "
                         f"{'optional' if p.optional else 'required'}; e.g. {p.example}")
    return "\n".join(lines)


def describe_query(query: NamedQuery) -> str:
    """``policykg query NAME --describe``: the summaries, question, columns, each parameter with its meaning, an example command."""
    lines = [f"{query.name}: {query.header.get('en', '')}", f"{'':<{len(query.name) + 2}}{query.header.get('zh', '')}", ""]
    lines.append(f"question:   {query.header.get('question', '')}")
    lines.append(f"columns:    {query.header.get('columns', '')}")
    if query.parameters:
        lines.append("parameters:")
        for p in query.parameters.values():
            lines.append(f"  ?_{p.name}  ({p.takes}, {'optional' if p.optional else 'required'}): {p.meaning}")
    else:
        lines.append("parameters: none")
    lines.append(f"file:       {query.path}")
    lines.append("example:")
    lines.append("  " + example_command(query))
    return "\n".join(lines)


def example_command(query: NamedQuery) -> str:
    """A command that runs ``query`` with the examples of its required parameters (else of its first optional one)."""
    chosen = [p for p in query.parameters.values() if not p.optional] or list(query.parameters.values())[:1]
    return " ".join([f"policykg query {query.name}", *(f"--param {p.name}={p.example}" for p in chosen)])


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
    naming the query, then ``line L, column C`` of its text with that line and a caret under the column.
    """
    parameters = parameters or {}
    unknown = sorted(set(parameters) - set(query.parameters)) if query.parameters or query.header else []
    if unknown:
        raise UsageError(unknown_parameters_message(query, unknown))
    try:
        return store.query(query.bind(parameters), use_default_graph_as_union=True, prefixes=query.undeclared_prefixes)
    except SyntaxError as error:
        raise UsageError(syntax_error_message(query, error)) from None


def syntax_error_message(query: NamedQuery, error: SyntaxError) -> str:
    """``query``'s syntax error located in the text as written (not as bound), by :func:`describe_oxigraph_error`."""
    try:  # the same text without the VALUES block of the parameters, on an empty store: the user's own lines and columns
        ox.Store().query(query.text, prefixes=query.undeclared_prefixes)
    except SyntaxError as unbound:
        error = unbound
    except Exception:  # noqa: BLE001 - the text parses unbound: the bound error is the one to show
        pass
    where = "standard input" if query.name == "-" else str(query.path)
    return (f"{where}: SPARQL syntax error at {describe_oxigraph_error(error, query.text)}\n"
            "  fix: correct the query at that line and column")


def unknown_parameters_message(query: NamedQuery, unknown: list[str]) -> str:
    """The message for parameters ``query`` does not declare, listing those it does."""
    declared = [f"--param {p.name}=… ({p.takes}{', optional' if p.optional else ''}: {p.meaning})"
                for p in query.parameters.values()]
    lines = [f"query {query.name} has no parameter {', '.join('?_' + u for u in unknown)}"]
    lines += ["  it takes: " + ("; ".join(declared) if declared else "no parameter")]
    lines.append(f"  fix: policykg query {query.name} --describe shows each parameter with an example")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------
# Checking what a user passes against the declared parameters and the graph
# ---------------------------------------------------------------------------------------------------

_SUBJECT_IN_GRAPH = "ASK {{ {{ {iri} ?p ?o }} UNION {{ ?s ?p {iri} }} UNION {{ ?s {iri} ?o }} }}"
_OF_CLASS = "ASK {{ {iri} a ?type . VALUES ?class {{ {classes} }} ?type <http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?class }}"
_IN_SCHEME = "ASK {{ {iri} <http://www.w3.org/2004/02/skos/core#inScheme> {scheme} }}"
_CANDIDATES_OF_CLASS = ("SELECT DISTINCT ?e WHERE {{ ?e a ?type . VALUES ?class {{ {classes} }} "
                        "?type <http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?class . FILTER(isIRI(?e)) }}")
_CANDIDATES_IN_SCHEME = "SELECT DISTINCT ?e WHERE {{ ?e <http://www.w3.org/2004/02/skos/core#inScheme> {scheme} }}"


def resolve_parameters(store: ox.Store, query: NamedQuery, given: list[str],
                       index=None) -> tuple[dict[str, ox.NamedNode | ox.Literal], list[str]]:
    """Check the ``--param name=value`` texts ``given`` against ``query``'s declarations and the graph.

    Returns the bindings and the notes to show (a parameter not given: the query runs over every value,
    or its default). Raises :class:`UsageError` (exit 2) for a parameter the query does not declare
    (listing those it does); a required one not given; a value of the wrong form for a datatype (a year
    that is not a year); an IRI in no triple of the graph (with the closest names); an IRI of the wrong
    class or scheme; a name that fits no value or several. A class or scheme parameter may be given by
    name (zh or en label, spelling variant), resolved by :func:`policykg.network.resolve_entity` among
    the values of that class or scheme. A query without declarations (a file of one's own, standard
    input) binds what it is given as :func:`parse_parameter` reads it. ``index`` is the graph's
    :class:`policykg.entities.Index` where one is at hand (else it is made from ``store`` when a name or
    an error needs it).
    """
    pairs = [_split_parameter(text) for text in given]
    if not query.parameters:
        if query.header and pairs:
            raise UsageError(unknown_parameters_message(query, sorted({name for name, _ in pairs})))
        return dict(parse_parameter(text) for text in given), []
    unknown = sorted({name for name, _ in pairs if name not in query.parameters})
    if unknown:
        raise UsageError(unknown_parameters_message(query, unknown))
    candidates = _Candidates(store, index)
    bindings = {name: _resolve_value(store, query.parameters[name], value, candidates) for name, value in pairs}
    notes = []
    for parameter in query.parameters.values():
        if parameter.name in bindings:
            continue
        if not parameter.optional:
            raise UsageError(f"query {query.name} needs ?_{parameter.name}: {parameter.meaning}\n"
                             f"  fix: policykg query {query.name} --param {parameter.name}={parameter.example}")
        if parameter.default:
            notes.append(f"note: query {query.name} uses its default ?_{parameter.name} ({parameter.default}): "
                         f"pass --param {parameter.name}=… for another, e.g. {parameter.example}")
        else:
            notes.append(f"note: query {query.name} runs over every {candidates.what(parameter)}: "
                         f"pass --param {parameter.name}=… for one, e.g. {parameter.example}")
    return bindings, notes


def parameter_term(query: NamedQuery, name: str, value: str, store: ox.Store, index=None) -> ox.NamedNode | ox.Literal:
    """The term ``value`` binds ``?_name`` of ``query`` to, checked and resolved as ``policykg query --param`` does
    (:func:`resolve_parameters`): a :class:`UsageError` says what is wrong and the fix."""
    if name not in query.parameters:
        raise UsageError(unknown_parameters_message(query, [name]))
    return _resolve_value(store, query.parameters[name], value, _Candidates(store, index))


def _split_parameter(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise UsageError(f"--param {text!r} is not name=value\n  fix: write --param status=pkc:InProduction")
    name, value = text.split("=", 1)
    return name.strip().removeprefix("?_").removeprefix("_"), value


def _looks_like_iri(value: str) -> bool:
    prefix, colon, local = value.partition(":")
    return value.startswith(("<", "http://", "https://")) or bool(colon and prefix in PREFIXES and local)


def _resolve_value(store: ox.Store, parameter: Parameter, value: str, candidates: "_Candidates") -> ox.NamedNode | ox.Literal:
    """The term ``value`` stands for as ``parameter`` (see :func:`resolve_parameters`)."""
    if parameter.kind == "datatype":
        return parameter.term(value)
    value = value.strip()
    if not _looks_like_iri(value):
        return ox.NamedNode(candidates.by_name(parameter, value))
    _, term = parse_parameter(f"{parameter.name}={value}")
    if not isinstance(term, ox.NamedNode):  # "<…" that is no IRI: the ASKs below take only a checked IRI
        raise UsageError(f"?_{parameter.name} ({parameter.takes}): {value!r} is not an IRI\n"
                         f"  fix: pass a prefixed name or <iri>, or a name, e.g. {parameter.example}")
    iri = str(term)
    if not store.query(_SUBJECT_IN_GRAPH.format(iri=iri), use_default_graph_as_union=True):
        raise UsageError(candidates.unknown_iri_message(parameter, term.value))
    if parameter.kind == "scheme":
        fits = store.query(_IN_SCHEME.format(iri=iri, scheme=_iri(parameter.takes)), use_default_graph_as_union=True)
    else:
        fits = store.query(_OF_CLASS.format(iri=iri, classes=_classes(parameter.takes)), use_default_graph_as_union=True)
    if not fits:
        raise UsageError(candidates.wrong_kind_message(parameter, term.value))
    return term


def _iri(curie: str) -> str:
    prefix, _, local = curie.partition(":")
    return f"<{PREFIXES[prefix]}{local}>"


def _classes(takes: str) -> str:
    return " ".join(_iri(c) for c in (_PROPERTY_CLASSES if takes == "rdf:Property" else (takes,)))


class _Candidates:
    """The values a class or scheme parameter may take, with their names, read from the graph when first needed."""

    def __init__(self, store: ox.Store, index=None):
        self.store = store
        self._index = index
        self._graphs: dict[str, object] = {}

    @property
    def index(self):
        """The :class:`policykg.entities.Index` of the graph: labels, variants, types."""
        if self._index is None:
            from .entities import Index

            self._index = Index(list(self.store))
        return self._index

    def what(self, parameter: Parameter) -> str:
        """What a value of ``parameter`` is called in en: ``project``, ``project status``, ``year``."""
        if parameter.kind == "datatype":
            return DATATYPES[parameter.takes][0]
        if parameter.takes == "rdf:Property":
            return "property"
        label = self.index.labels(PREFIXES[parameter.takes.split(":")[0]] + parameter.takes.split(":", 1)[1])["en"]
        return "value" if label == parameter.takes else label

    def graph(self, parameter: Parameter):
        """A networkx graph whose nodes are the values ``parameter`` may take, as :mod:`policykg.network` makes them."""
        import networkx as nx

        if parameter.takes not in self._graphs:
            query = (_CANDIDATES_IN_SCHEME.format(scheme=_iri(parameter.takes)) if parameter.kind == "scheme"
                     else _CANDIDATES_OF_CLASS.format(classes=_classes(parameter.takes)))
            graph = nx.MultiDiGraph()
            for row in self.store.query(query, use_default_graph_as_union=True):
                iri = row["e"].value
                labels = self.index.labels(iri)
                cls = self.index.entity_class(iri) if iri in self.index.entities else parameter.takes.split(":", 1)[1]
                graph.add_node(iri, cls=cls, zh=labels["zh"], en=labels["en"], curie=compact(iri))
            self._graphs[parameter.takes] = graph
        return self._graphs[parameter.takes]

    def by_name(self, parameter: Parameter, name: str) -> str:
        """The one value of ``parameter`` whose label or spelling variant is ``name`` (:func:`policykg.network.resolve_entity`)."""
        from .network import resolve_entity

        try:
            return resolve_entity(self.index, self.graph(parameter), name)
        except UsageError as error:
            raise UsageError(f"?_{parameter.name} ({parameter.takes}): {error}") from None

    def closest(self, parameter: Parameter, iri: str, n: int = 5) -> list[str]:
        """The values of ``parameter`` closest to ``iri``, by their prefixed names and labels, as ``label (curie)``."""
        graph = self.graph(parameter)
        keys: dict[str, str] = {}
        for node, data in sorted(graph.nodes(data=True)):
            for key in (data["curie"], data["curie"].split(":", 1)[-1], data["zh"], data["en"]):
                keys.setdefault(key.casefold(), node)
        wanted = compact(iri)
        found = []
        for key in difflib.get_close_matches(wanted.casefold(), keys, n=3 * n, cutoff=0.6) + \
                difflib.get_close_matches(wanted.split(":", 1)[-1].casefold(), keys, n=3 * n, cutoff=0.6):
            if keys[key] not in found:
                found.append(keys[key])
        return [f"{graph.nodes[node]['zh']} ({graph.nodes[node]['curie']})" for node in found[:n]]

    def unknown_iri_message(self, parameter: Parameter, iri: str) -> str:
        """No triple of the graph has ``iri``: say so, with the closest values of the parameter's kind."""
        close = self.closest(parameter, iri)
        first = f"no entity {compact(iri)} in the graph" + (f"; did you mean {', '.join(close)}?" if close else "")
        return (f"{first}\n  fix: pass ?_{parameter.name} as {parameter.takes}: {parameter.meaning} "
                f"(a name works too; `policykg query --list` shows what each query takes)")

    def wrong_kind_message(self, parameter: Parameter, iri: str) -> str:
        """``iri`` is in the graph but not of the class or scheme ``parameter`` takes."""
        index = self.index
        kinds = sorted({compact(t) for t in index.types.get(iri, ())} - {"pk:Entity"}) or ["(no class)"]
        name = index.labels(iri)["zh"]
        return (f"{compact(iri)} ({name}) is {', '.join(kinds)}, not {parameter.takes}: ?_{parameter.name} takes {parameter.meaning}\n"
                f"  fix: --param {parameter.name}={parameter.example}")


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

_LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?label WHERE {{ ?s rdfs:label ?label . FILTER(LANG(?label) = "{lang}") }}
"""


def labels(store: ox.Store, lang: str = "zh") -> dict[str, str]:
    """Every IRI's label in ``lang`` (zh by default), for showing results by name."""
    rows = store.query(_LABELS.format(lang=lang), use_default_graph_as_union=True)
    return {row["s"].value: row["label"].value for row in rows if isinstance(row["s"], ox.NamedNode)}


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

