"""``policykg push``: load the built dataset into a SPARQL 1.1 store, one graph at a time, each replaced whole.

Every graph of the dataset (the default graph and each named graph) goes to the store the same way:

1. its triples are sent in chunks (``--chunk-size``) into a **staging graph** of its own, an IRI under
   :data:`STAGING` that no query of policykg reads: by the Graph Store HTTP Protocol (``POST`` of
   N-Triples to ``?graph=…``) when the store's Graph Store endpoint is given, else by SPARQL Update
   (``INSERT DATA``). Triples that share a blank node travel in one chunk, as a blank node is the same
   node only within one request;
2. the staging graph is counted back with a query and must hold exactly the triples sent;
3. one SPARQL Update, ``MOVE SILENT GRAPH <staging> TO GRAPH <g>`` (or ``TO DEFAULT``), replaces the
   graph by its new content in a single operation of the store.

A store that keeps no default graph of its own (Virtuoso: every triple is in a named graph, and its
default graph is the union of them all) refuses ``TO DEFAULT``: ``--named-default-graph`` pushes the
dataset's default graph into the named graph :data:`NAMED_DEFAULT_GRAPH` instead, which such a store's
default graph shows.
Triples with blank nodes go by ``INSERT { ... } WHERE {}`` rather than ``INSERT DATA``, which Virtuoso
refuses blank nodes in (SP031), one operation a graph.

So a graph is never half-replaced: a store that refuses, fails or goes away mid-push leaves each graph
either as it was or wholly replaced, and at most one staging graph behind, which the next push drops
before it starts. Pushing twice leaves the store as pushing once (each graph replaced by the same
triples). Graphs of the store that the dataset does not have are left alone, or, when they are policykg's
(under :data:`OURS`, say an article since withdrawn), dropped with ``--replace``: a store's own graphs and
other projects' are never touched.
"""

import urllib.parse
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import UsageError
from .namespaces import HENGYANG_IRI
from .remote import RemoteStore, StoreError, request, shown_url

#: The IRIs of staging graphs start with this.
STAGING = "https://w3id.org/policykg/push/staging/"
#: The named graph that holds the dataset's default graph in a store that keeps no default graph of its own
#: (``push --named-default-graph``, for Virtuoso); entity-facts knows it, so as not to take it for an article.
NAMED_DEFAULT_GRAPH = HENGYANG_IRI + "default"
#: ``--replace`` drops only graphs under this namespace: never a store's own graphs (Virtuoso's virtrdf#) or another project's.
OURS = "https://w3id.org/policykg/"
#: Triples a chunk holds by default.
DEFAULT_CHUNK = 50_000
#: The most graphs the summary lists one by one (the largest, then the rest in one line).
SHOWN_GRAPHS = 12
#: Triples one insert operation holds at most (a request holds several): Virtuoso 7.2 refuses more than
#: about 1,400 in one operation.
OPERATION_TRIPLES = 1_000
#: Seconds one request to the store may take.
REQUEST_TIMEOUT = 600.0


@dataclass(frozen=True)
class Endpoints:
    """Where the store takes queries, updates and (optionally) Graph Store Protocol requests."""

    query: str
    update: str
    graph_store: str | None = None

    @classmethod
    def for_store(cls, query: str, update: str | None = None, graph_store: str | None = None) -> "Endpoints":
        """The endpoints for a store whose query endpoint is ``query``; the update endpoint, when not
        given, is the query endpoint's path with its last part ``query`` made ``update`` (Oxigraph), or the
        query endpoint itself when that ends with ``sparql`` (Virtuoso's /sparql takes both)."""
        if update is None:
            parts = urllib.parse.urlsplit(query)
            head, _, last = parts.path.rpartition("/")
            if last not in ("query", "sparql"):
                raise UsageError(f"cannot tell the update endpoint of {shown_url(query)}\n  fix: give it with --update URL "
                                 "(Oxigraph: http://host:port/update; Virtuoso: http://host:port/sparql)")
            update = query if last == "sparql" else urllib.parse.urlunsplit(parts._replace(path=f"{head}/update", query=""))
        return cls(query, update, graph_store)


@dataclass
class GraphPushed:
    """One graph: its name (None for the default graph), the triples sent, and what the store then holds."""

    graph: str | None
    sent: int
    held: int


@dataclass
class PushSummary:
    """What a push sent and what the store holds after it."""

    graphs: list[GraphPushed] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    union_triples: int = 0
    method: str = ""

    def lines(self) -> list[str]:
        """The summary a person reads."""
        shown = self.graphs if len(self.graphs) <= SHOWN_GRAPHS else sorted(self.graphs, key=lambda g: -g.sent)[:SHOWN_GRAPHS]
        width = max((len(_graph_name(g.graph)) for g in shown), default=10)
        lines = [f"pushed {len(self.graphs):,} graphs by {self.method}, each replaced whole:",
                 f"  {'graph':<{width}}  {'sent':>10}  {'store holds':>11}"]
        lines += [f"  {_graph_name(g.graph):<{width}}  {g.sent:>10,}  {g.held:>11,}" for g in shown]
        rest = [g for g in self.graphs if g not in shown]
        if rest:
            lines.append(f"  {f'… {len(rest):,} smaller graphs':<{width}}  {sum(g.sent for g in rest):>10,}  "
                         f"{sum(g.held for g in rest):>11,}")
        lines.append(f"  {'in all':<{width}}  {sum(g.sent for g in self.graphs):>10,}  {sum(g.held for g in self.graphs):>11,}")
        if self.dropped:
            lines.append(f"dropped {len(self.dropped)} graphs of policykg's that the dataset does not have (--replace): "
                         + ", ".join(self.dropped))
        if self.others:
            lines.append(f"left {len(self.others)} other graphs of the store as they were (--replace drops those under {OURS}): "
                         + ", ".join(self.others[:5]) + (" …" if len(self.others) > 5 else ""))
        lines.append(f"the store's default graph, as queries see it: {self.union_triples:,} triples")
        return lines


def _graph_name(graph: str | None) -> str:
    return "(default graph)" if graph is None else graph


def read_dataset(path: Path) -> dict[str | None, list[ox.Triple]]:
    """The triples of each graph of the N-Quads file ``path``, the default graph (None) first, then by IRI."""
    if not path.is_file():
        raise UsageError(f"no built graph at {path}\n  fix: run `policykg build` first (or pass --graph FILE)")
    graphs: dict[str | None, dict[ox.Triple, None]] = defaultdict(dict)
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
        name = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        graphs[name][ox.Triple(quad.subject, quad.predicate, quad.object)] = None
    return {name: list(graphs[name]) for name in sorted(graphs, key=lambda g: (g is not None, g or ""))}


def chunks(triples: list[ox.Triple], size: int) -> list[list[ox.Triple]]:
    """``triples`` in chunks of about ``size``, the triples linked by shared blank nodes kept in one chunk."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for triple in triples:
        blanks = [term.value for term in (triple.subject, triple.object) if isinstance(term, ox.BlankNode)]
        for other in blanks[1:]:
            parent[root(other)] = root(blanks[0])
    groups: dict[str, list[ox.Triple]] = {}
    result: list[list[ox.Triple]] = [[]]
    for triple in triples:
        blanks = [term.value for term in (triple.subject, triple.object) if isinstance(term, ox.BlankNode)]
        if blanks:
            groups.setdefault(root(blanks[0]), []).append(triple)
            continue
        if len(result[-1]) >= size:
            result.append([])
        result[-1].append(triple)
    for group in groups.values():
        if len(result[-1]) + len(group) > size and result[-1]:
            result.append([])
        result[-1].extend(group)
    return [chunk for chunk in result if chunk]


def batches(graphs: dict[str | None, list[ox.Triple]], size: int) -> list[list[str | None]]:
    """The graphs in batches of about ``size`` triples: a graph over ``size`` alone, smaller ones together."""
    result: list[list[str | None]] = []
    current: list[str | None] = []
    held = 0
    for graph, triples in graphs.items():
        if len(triples) > size:
            result.append([graph])
            continue
        if current and held + len(triples) > size:
            result.append(current)
            current, held = [], 0
        current.append(graph)
        held += len(triples)
    return result + ([current] if current else [])


def push(dataset: Path, endpoints: Endpoints, replace: bool = False, chunk_size: int = DEFAULT_CHUNK, progress=None,
         named_default: bool = False) -> PushSummary:
    """Push the dataset at ``dataset`` (an N-Quads file) to the store at ``endpoints``; see the module's text.

    Graphs smaller than ``chunk_size`` travel together: a batch of them is staged by one ``INSERT DATA``
    and counted by one query, then each is moved by an update of its own. ``progress(text)`` is called before each batch.
    ``named_default``: the dataset's default graph goes into :data:`NAMED_DEFAULT_GRAPH`, not the store's. Raises
    :class:`StoreError` when the store refuses or fails, saying where the push stopped.
    """
    if chunk_size < 1:
        raise UsageError(f"--chunk-size must be 1 or more, not {chunk_size}")
    graphs = read_dataset(dataset)
    store = RemoteStore(endpoints.query, timeout=REQUEST_TIMEOUT)
    summary = PushSummary(method="the Graph Store Protocol" if endpoints.graph_store else "SPARQL Update")
    leftovers = _staging_graphs(store)
    if leftovers:
        _update(endpoints, " ;\n".join(f"DROP SILENT GRAPH <{graph}>" for graph in leftovers))
    run = uuid.uuid4().hex
    numbers = {graph: number for number, graph in enumerate(graphs, start=1)}
    for batch in batches(graphs, chunk_size):
        staging = {graph: f"{STAGING}{run}/{numbers[graph]}" for graph in batch}
        if progress:
            more = f" and {len(batch) - 1:,} more graphs" if len(batch) > 1 else ""
            progress(f"[{numbers[batch[-1]]:,}/{len(graphs):,}] {_graph_name(batch[0])}{more}: "
                     f"{sum(len(graphs[graph]) for graph in batch):,} triples")
        try:
            _stage(endpoints, store, staging, graphs, chunk_size)
            for graph in batch:  # one update each: Oxigraph takes 13 ms for one MOVE, 90 ms a MOVE fifty to an update
                _update(endpoints, f"MOVE SILENT GRAPH <{staging[graph]}> TO " + _target(graph, named_default))
        except StoreError as error:
            _drop_quietly(endpoints, list(staging.values()))
            more = f" and the {len(batch) - 1:,} other graphs of its batch" if len(batch) > 1 else ""
            raise StoreError(f"{error}\npush stopped at {_graph_name(batch[0])}{more} (graph {numbers[batch[0]]:,} of "
                             f"{len(graphs):,}): the {len(summary.graphs):,} graphs before it were replaced; it and the "
                             "graphs after it are as they were\n  fix: correct the cause, then push again (each graph "
                             "is replaced whole, so pushing again is safe)") from None
        summary.graphs += [GraphPushed(graph, len(graphs[graph]), len(graphs[graph])) for graph in batch]
    held = _counts(store)
    for pushed in summary.graphs:
        if pushed.graph is not None or named_default:  # the store's default graph was counted in its staging graph
            pushed.held = held.get(pushed.graph or NAMED_DEFAULT_GRAPH, 0)
    others = sorted(graph for graph in held if graph not in graphs and not (named_default and graph == NAMED_DEFAULT_GRAPH))
    stale = [graph for graph in others if graph.startswith(OURS)] if replace else []
    if stale:
        _update(endpoints, " ;\n".join(f"DROP SILENT GRAPH <{graph}>" for graph in stale))
    summary.dropped, summary.others = stale, [graph for graph in others if graph not in stale]
    summary.union_triples = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))[0].value)
    return summary


def _target(graph: str | None, named_default: bool) -> str:
    """Where ``MOVE`` puts ``graph`` (None: the dataset's default graph)."""
    if graph is None:
        return f"GRAPH <{NAMED_DEFAULT_GRAPH}>" if named_default else "DEFAULT"
    return f"GRAPH <{graph}>"


def _insert(target: str, triples: list[ox.Triple]) -> str:
    """The update operations that add ``triples`` to the graph ``target``, at most :data:`OPERATION_TRIPLES`
    each (Virtuoso 7.2 fails an operation of more than about 1,400 triples: SP031, generated SQL over 10000
    lines), triples linked by blank nodes in one: ``INSERT DATA``, or, when a blank node is among them,
    ``INSERT { ... } WHERE {}`` (the same triples, each blank node made once), as Virtuoso refuses blank
    nodes in ``INSERT DATA`` (SP031)."""
    operations = []
    for part in chunks(triples, OPERATION_TRIPLES):
        body = ox.serialize(part, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        if any(isinstance(term, ox.BlankNode) for triple in part for term in (triple.subject, triple.object)):
            operations.append(f"INSERT {{ GRAPH <{target}> {{\n{body}}} }} WHERE {{}}")
        else:
            operations.append(f"INSERT DATA {{ GRAPH <{target}> {{\n{body}}} }}")
    return " ;\n".join(operations)


def _stage(endpoints: Endpoints, store: RemoteStore, staging: dict[str | None, str],
           graphs: dict[str | None, list[ox.Triple]], chunk_size: int) -> None:
    """Send each graph of ``staging`` into its empty staging graph, and check that each holds exactly its triples.

    With a Graph Store endpoint each graph goes in chunks, a POST each: the Protocol carries any literal as
    the store's own parser reads it (Virtuoso refuses an ``xsd:duration`` written in an update). Without
    one, a graph alone goes in chunks of updates, and graphs together in one update, an insert operation
    a graph (see :func:`_insert`).
    """
    if endpoints.graph_store:
        for graph, target in staging.items():
            url = endpoints.graph_store + ("&" if "?" in endpoints.graph_store else "?") + urllib.parse.urlencode({"graph": target})
            for chunk in chunks(graphs[graph], chunk_size):
                request("POST", url, ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES), {"Content-Type": "application/n-triples"},
                        REQUEST_TIMEOUT)
    elif len(staging) == 1:
        [(graph, target)] = staging.items()
        for chunk in chunks(graphs[graph], chunk_size):
            _update(endpoints, _insert(target, chunk))
    else:
        _update(endpoints, " ;\n".join(_insert(target, graphs[graph]) for graph, target in staging.items()))
    held = _counts(store, list(staging.values()))
    for graph, target in staging.items():
        if held.get(target, 0) != len(graphs[graph]):
            raise StoreError(f"the store holds {held.get(target, 0):,} triples of the {len(graphs[graph]):,} sent to the "
                             f"staging graph of {_graph_name(graph)}")


def _update(endpoints: Endpoints, update: str) -> None:
    """Run one SPARQL Update on the store."""
    request("POST", endpoints.update, urllib.parse.urlencode({"update": update}).encode("utf-8"),
            {"Content-Type": "application/x-www-form-urlencoded"}, REQUEST_TIMEOUT)


def _drop_quietly(endpoints: Endpoints, staging: list[str]) -> None:
    """Drop staging graphs if the store still answers; the next push drops them otherwise."""
    try:
        _update(endpoints, " ;\n".join(f"DROP SILENT GRAPH <{graph}>" for graph in staging))
    except StoreError:
        pass


def _counts(store: RemoteStore, graphs: list[str] | None = None) -> dict[str, int]:
    """The triples of each named graph of the store (of ``graphs`` only, when given: one query), read in
    pages under a store's row cap (Virtuoso's 10000, which a national dataset's graphs exceed)."""
    if graphs:
        values = " ".join(f"<{graph}>" for graph in graphs)
        rows = store.query(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g")
    else:
        rows = store.pages("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
    return {row[0].value: int(row[1].value) for row in rows}


def _staging_graphs(store: RemoteStore) -> list[str]:
    """The staging graphs earlier pushes left in the store (they stopped midway), read in pages."""
    rows = store.pages(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), \"{STAGING}\")) }} ORDER BY ?g")
    return [row[0].value for row in rows]
