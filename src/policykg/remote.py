"""A SPARQL 1.1 store over HTTP, read like an in-process pyoxigraph store.

:class:`RemoteStore` sends queries to a store's query endpoint by the SPARQL 1.1 Protocol and hands
back pyoxigraph results (``QuerySolutions``, ``QueryBoolean``, or a :class:`policykg.results.TripleStream`
for CONSTRUCT and DESCRIBE), so that the named queries, the command line and the served pages run
unchanged against Oxigraph server, Apache Jena Fuseki, Virtuoso or any store that speaks the Protocol.

What the stores differ in, and how this module deals with it:

- **The union default graph.** policykg's queries expect the default graph to be the union of every
  graph, the stored default graph included. Oxigraph server gives that with ``--union-default-graph``,
  Virtuoso by default; Fuseki's ``unionDefaultGraph`` leaves the stored default graph out (see the
  README). :meth:`RemoteStore.check_union` tells, from two facts policykg knows to be stored in the
  default graph and in a named graph, whether the store shows both.
- **Cut answers.** Some stores stop an answer at a row cap of their own without an error (Virtuoso's
  ``ResultSetMaxRows``, 10000 by default). A SELECT answer whose row count is a round number (a multiple
  of 1000, or a power of two from 1024) is counted again on the store with ``COUNT(*)`` over the same
  query; when the store holds more rows than it sent, :class:`CutAnswer` says so. A policykg server's
  own ``X-SPARQL-Truncated: true`` header is read the same way.
- **Credentials** come from ``POLICYKG_STORE_USER`` and ``POLICYKG_STORE_PASSWORD``, else from the netrc
  file (``$NETRC`` or ``~/.netrc``) entry for the store's host, and go out as HTTP Basic auth. They are
  never printed: messages show URLs without their user part.

urllib from the standard library does the HTTP (one connection a request): the stores are on the same
network as policykg and a request's cost is the store's work, not the connection's.
"""

import base64
import json
import netrc
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pyoxigraph as ox

from .errors import EXIT_STORE, PolicyKGError
from .results import TripleStream
from .text import shorten

#: The most bytes of an answer read from a store (a bigger one is refused, not cut).
MAX_ANSWER_BYTES = 1 << 30
#: The media types asked of a store: JSON results for SELECT and ASK, N-Triples for CONSTRUCT and DESCRIBE,
#: one type by the query's form: Virtuoso answers whichever the Accept header prefers, so that
#: ``json, n-triples;q=0.9`` gets a CONSTRUCT graph as JSON bindings of ?s ?p ?o, and the other order a
#: SELECT answer as N-Triples of its result-set vocabulary.
ACCEPT_RESULTS = "application/sparql-results+json"
ACCEPT_TRIPLES = "application/n-triples"
#: A fact policykg stores in the default graph (the ontology's header) and one it stores only in named
#: graphs (the articles' observations), to tell whether a store's default graph is the union of both.
DEFAULT_GRAPH_FACT = "ASK { <https://w3id.org/policykg/ontology/> a <http://www.w3.org/2002/07/owl#Ontology> }"
NAMED_GRAPH_FACT = "ASK { ?observation a <https://w3id.org/policykg/ontology/Observation> }"


class StoreError(PolicyKGError):
    """The store refused a request, failed or could not be reached: exit code 4."""

    exit_code = EXIT_STORE


class StoreTimeout(StoreError):
    """The store did not answer in the time given."""


class CutAnswer(StoreError):
    """The store sent fewer rows than its answer holds; ``result`` is what it sent."""

    def __init__(self, message: str, result, sent: int, total: int):
        super().__init__(message)
        self.result, self.sent, self.total = result, sent, total


@dataclass(frozen=True)
class Response:
    """A store's answer: status, headers (names in lower case) and body."""

    status: int
    headers: dict[str, str]
    body: bytes


def shown_url(url: str) -> str:
    """``url`` without a user name or password, for messages."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def authorization(url: str) -> str | None:
    """The HTTP Basic ``Authorization`` value for ``url``: from the URL's user part, the environment
    (``POLICYKG_STORE_USER``, ``POLICYKG_STORE_PASSWORD``) or the netrc entry for its host; None without any."""
    parts = urllib.parse.urlsplit(url)
    user, password = parts.username, parts.password
    if user is None and os.environ.get("POLICYKG_STORE_USER"):
        user, password = os.environ["POLICYKG_STORE_USER"], os.environ.get("POLICYKG_STORE_PASSWORD", "")
    if user is None:
        path = os.environ.get("NETRC") or os.path.expanduser("~/.netrc")
        try:
            entry = netrc.netrc(path).authenticators(parts.hostname or "") if os.path.isfile(path) else None
        except (netrc.NetrcParseError, OSError) as error:
            raise StoreError(f"cannot read the netrc file {path}: {error}\n  fix: correct it, or give the "
                             "credentials as POLICYKG_STORE_USER and POLICYKG_STORE_PASSWORD") from None
        if entry:
            user, password = entry[0], entry[2] or ""
    if user is None:
        return None
    token = f"{urllib.parse.unquote(user)}:{urllib.parse.unquote(password or '')}".encode("utf-8")
    return "Basic " + base64.b64encode(token).decode("ascii")


def request(method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None,
            timeout: float | None = 60.0, accept_status: tuple[int, ...] = ()) -> Response:
    """Send one HTTP request to a store and return its answer.

    A status of 400 or more (other than those in ``accept_status``), a refused connection, a time-out
    or an answer over :data:`MAX_ANSWER_BYTES` raise :class:`StoreError` with the URL (without
    credentials), what happened and, for an HTTP error, the start of the store's message.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"{shown_url(url)!r} is not an http(s) URL\n  fix: give the store's endpoint as "
                         "http://host:port/path")
    headers = dict(headers or {})
    auth = authorization(url)
    if auth:
        headers["Authorization"] = auth
    clean = urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
    call = urllib.request.Request(clean, data=body, headers=headers, method=method)
    try:
        with _OPENER.open(call, timeout=timeout) as answer:
            data = answer.read(MAX_ANSWER_BYTES + 1)
            status, answer_headers = answer.status, {k.lower(): v for k, v in answer.headers.items()}
    except urllib.error.HTTPError as error:
        detail = error.read(2000).decode("utf-8", "replace")
        if error.code in accept_status:
            return Response(error.code, {k.lower(): v for k, v in error.headers.items()}, detail.encode("utf-8"))
        raise StoreError(f"the store at {shown_url(url)} answered {error.code} {error.reason} to {method}: "
                         f"{shorten(' '.join(detail.split()), 300) or '(no message)'}"
                         + _fix_for_status(error.code)) from None
    except (urllib.error.URLError, OSError) as error:
        reason = error.reason if isinstance(error, urllib.error.URLError) else error
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise StoreTimeout(f"the store at {shown_url(url)} did not answer {method} within {timeout:g} s") from None
        raise StoreError(f"cannot reach the store at {shown_url(url)}: {reason}\n  fix: check the URL and "
                         "that the store is running") from None
    if len(data) > MAX_ANSWER_BYTES:
        raise StoreError(f"the store's answer from {shown_url(url)} is over {MAX_ANSWER_BYTES >> 20} MiB\n  "
                         "fix: narrow the query (LIMIT, or a FILTER)")
    return Response(status, answer_headers, data)


def _fix_for_status(status: int) -> str:
    if status in (401, 403):
        return ("\n  fix: give credentials as POLICYKG_STORE_USER and POLICYKG_STORE_PASSWORD, or in a netrc "
                "file, and check that they may do this")
    if status == 404:
        return "\n  fix: check the endpoint's path (Oxigraph: /query, /update, /store; Fuseki: /DATASET/query, /update, /data)"
    if status == 413:
        return "\n  fix: send smaller requests (push --chunk-size) or raise the store's request size limit"
    return ""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Follow no redirect: a store's URL is given, and a redirect elsewhere would take credentials and queries along."""

    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect, urllib.request.ProxyHandler({}))


class RemoteStore:
    """A store's SPARQL 1.1 query endpoint, queried like a pyoxigraph ``Store``."""

    def __init__(self, query_url: str, timeout: float = 60.0):
        self.url = query_url
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"RemoteStore({shown_url(self.url)!r})"

    def query(self, query: str, *, use_default_graph_as_union: bool = True, prefixes: dict[str, str] | None = None,
              base_iri: str | None = None, default_graph=None, named_graphs=None, timeout: float | None = None):
        """Run ``query`` on the store and return a pyoxigraph result.

        ``prefixes`` and ``base_iri`` are written into the query's prologue; ``default_graph`` and
        ``named_graphs`` (NamedNodes) go as the Protocol's ``default-graph-uri`` and ``named-graph-uri``.
        ``use_default_graph_as_union`` is accepted for the in-process signature: the union is the store's
        own setting (:meth:`check_union`). A SELECT answer the store cut raises :class:`CutAnswer`.
        """
        text = with_prologue(query, prefixes, base_iri)
        fields = [("query", text)]
        fields += [("default-graph-uri", graph.value) for graph in _graphs(default_graph)]
        fields += [("named-graph-uri", graph.value) for graph in _graphs(named_graphs)]
        answer = request("POST", self.url, urllib.parse.urlencode(fields).encode("utf-8"),
                         {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept_for(text)},
                         timeout if timeout is not None else self.timeout)
        media_type = answer.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type not in _TRIPLE_FORMATS and media_type not in _RESULT_FORMATS:
            raise StoreError(f"the store at {shown_url(self.url)} answered with {media_type or 'no content type'}, "
                             "not SPARQL results\n  fix: give the store's SPARQL query endpoint as --store")
        if media_type in ("application/sparql-results+json", "application/json") and b'"bnode"' in answer.body:
            answer = Response(answer.status, answer.headers, _valid_blank_nodes(answer.body))
        try:
            if media_type in _TRIPLE_FORMATS:
                return TripleStream(list(ox.parse(answer.body, format=_TRIPLE_FORMATS[media_type])))
            result = ox.parse_query_results(answer.body, format=_RESULT_FORMATS[media_type])
            if isinstance(result, ox.QuerySolutions):
                self._check_whole(text, answer, media_type, timeout)
                result = ox.parse_query_results(answer.body, format=_RESULT_FORMATS[media_type])
            return result
        except SyntaxError:  # a store that streams its answer writes an error met midway into the body itself
            tail = answer.body[-300:].decode("utf-8", "replace")
            raise StoreError(f"the store at {shown_url(self.url)} failed while it answered (its answer breaks off): "
                             f"{' '.join(tail.split())}") from None

    def _check_whole(self, text: str, answer: Response, media_type: str, timeout: float | None) -> None:
        """Raise :class:`CutAnswer` when the store sent fewer rows than the query's answer holds."""
        sent = sum(1 for _ in ox.parse_query_results(answer.body, format=_RESULT_FORMATS[media_type]))
        total = None
        if answer.headers.get("x-sparql-truncated", "").lower() == "true":
            total = sent + 1  # a policykg server says it cut the answer; it does not say by how much
        elif _round(sent):
            count = self.query(count_query(text), timeout=timeout)
            total = int(next(iter(count))[0].value)
        if total is not None and total > sent:
            more = f"{total:,}" if answer.headers.get("x-sparql-truncated") is None else "more"
            raise CutAnswer(f"the store at {shown_url(self.url)} cut the answer at {sent:,} rows; the query's answer "
                            f"holds {more}\n  fix: raise the store's cap on rows (Virtuoso: ResultSetMaxRows in "
                            "virtuoso.ini) or page through the answer with ORDER BY, LIMIT and OFFSET",
                            ox.parse_query_results(answer.body, format=_RESULT_FORMATS[media_type]), sent, total)

    def __iter__(self):
        """Every quad of the store: the named graphs' quads, then the triples of the default graph alone, read
        in pages of :data:`PAGE_ROWS` (a store may cap an answer's rows: Virtuoso at 10000)."""
        for row in self.pages("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?s ?p ?o"):
            yield ox.Quad(row[0], row[1], row[2], row[3])
        alone = "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } } ORDER BY ?s ?p ?o"
        for row in self.pages(alone):
            yield ox.Quad(row[0], row[1], row[2], ox.DefaultGraph())

    def pages(self, query: str):
        """The rows of the ordered SELECT ``query``, asked for :data:`PAGE_ROWS` at a time."""
        offset = 0
        while True:
            rows = list(self.query(f"{query} LIMIT {PAGE_ROWS} OFFSET {offset}"))
            yield from rows
            if len(rows) < PAGE_ROWS:
                return
            offset += PAGE_ROWS

    def check_union(self) -> None:
        """Raise :class:`StoreError` unless the store's default graph shows the stored default graph and the named graphs."""
        shows_default, shows_named = bool(self.query(DEFAULT_GRAPH_FACT)), bool(self.query(NAMED_GRAPH_FACT))
        if shows_default and shows_named:
            return
        if not shows_default and not shows_named:
            raise StoreError(f"the store at {shown_url(self.url)} holds no policykg graph\n  fix: push it first: "
                             f"policykg push --store {shown_url(self.url)}")
        missing = "the stored default graph (the ontology and reference data)" if shows_named else "the named graphs (the articles)"
        raise StoreError(f"the default graph of the store at {shown_url(self.url)} does not show {missing}, so the "
                         "named queries would miss facts\n  fix: make the default graph the union of all graphs "
                         "(Oxigraph: serve --union-default-graph; Virtuoso: push --named-default-graph; Fuseki: see the README)")


_RESULT_FORMATS = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
                   "application/json": ox.QueryResultsFormat.JSON,
                   "application/sparql-results+xml": ox.QueryResultsFormat.XML,
                   "text/csv": ox.QueryResultsFormat.CSV,
                   "text/tab-separated-values": ox.QueryResultsFormat.TSV}
_TRIPLE_FORMATS = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/turtle": ox.RdfFormat.TURTLE,
                   "application/rdf+xml": ox.RdfFormat.RDF_XML}


def _graphs(graphs) -> list:
    if graphs is None or isinstance(graphs, (ox.DefaultGraph, ox.NamedNode)):
        return [graphs] if isinstance(graphs, ox.NamedNode) else []
    return list(graphs)


def _round(rows: int) -> bool:
    """Whether ``rows`` looks like a store's row cap: a multiple of 1000, or a power of two from 1024."""
    return rows > 0 and (rows % 1000 == 0 or (rows >= 1024 and rows & (rows - 1) == 0))


def with_prologue(query: str, prefixes: dict[str, str] | None, base_iri: str | None) -> str:
    """``query`` with ``BASE`` and ``PREFIX`` declarations before it (a store has no other way to receive them)."""
    lines = [f"BASE <{base_iri}>"] if base_iri else []
    lines += [f"PREFIX {name}: <{iri}>" for name, iri in sorted((prefixes or {}).items())]
    return "\n".join(lines + [query])


_PROLOGUE = re.compile(r"(?:\s+|#[^\n\r]*|(?:PREFIX\s+[^\s:]*:\s*|BASE\s+)<[^>]*>)*", re.I)
#: Rows a page of :meth:`RemoteStore.__iter__` holds: under Virtuoso's default cap (ResultSetMaxRows 10000).
PAGE_ROWS = 5_000
_BLANK_NODE_LABEL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


def _valid_blank_nodes(body: bytes) -> bytes:
    """A JSON results ``body`` whose blank node values are valid labels: Virtuoso writes its blank nodes as
    ``nodeID://b10001``, which pyoxigraph refuses; such a value becomes ``x`` and its UTF-8 bytes in hex
    (the same node, the same label, within the answer)."""
    try:
        document = json.loads(body)
        changed = False
        for row in document.get("results", {}).get("bindings", []):
            for term in row.values():
                if term.get("type") == "bnode" and not _BLANK_NODE_LABEL.fullmatch(term.get("value", "")):
                    term["value"] = "x" + term["value"].encode("utf-8").hex()
                    changed = True
    except (ValueError, AttributeError, TypeError):
        return body  # not for us to judge: pyoxigraph says what is wrong with it
    return json.dumps(document, ensure_ascii=False).encode("utf-8") if changed else body


_GRAPH_FORM = re.compile(r"(?:CONSTRUCT|DESCRIBE)\b", re.I)


def accept_for(query: str) -> str:
    """The Accept header for ``query``: N-Triples for CONSTRUCT and DESCRIBE, SPARQL JSON results otherwise."""
    return ACCEPT_TRIPLES if _GRAPH_FORM.match(query, _PROLOGUE.match(query).end()) else ACCEPT_RESULTS


def count_query(select: str) -> str:
    """A query counting the rows of the SELECT query ``select``: its prologue, then ``SELECT (COUNT(*) …) { select }``."""
    prologue = _PROLOGUE.match(select).group(0)
    return f"{prologue}\nSELECT (COUNT(*) AS ?rows) WHERE {{\n{select[len(prologue):]}\n}}"
