"""The network model: the graph's entities and the relations the data states, as a networkx graph, and
what network analysis says about it.

:func:`build_network` makes one ``networkx.MultiDiGraph``, the same graph the network view draws:
a node per entity (full IRI; attributes ``cls``, ``zh``, ``en``, ``curie``, and ``observations`` on
request) and an edge per stated triple between two entities (key: the property's IRI; attributes
``property``, ``zh``, ``en``, ``sources``). The inferred inverses and transitive links are left out:
they would only repeat what is stated.

:func:`analyse` ranks the entities (degree, betweenness, PageRank), finds communities (Louvain, fixed
seed) and connected components; :func:`find_paths` gives the shortest simple paths between two
entities with the property and evidence sentence of each hop; :func:`write_network` writes GraphML,
GEXF or CSV for Gephi, Cytoscape and the like. Every output is deterministic: nodes, edges and ties
are ordered by IRI, floats are rounded to :data:`DIGITS` digits, and the random seeds are fixed.
"""

import csv
import difflib
import io
import itertools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from .entities import RDF_TYPE, REFERENCE_ONLY, SOURCE_IRI, STYLE, Index, expand, triple_key, unknown_entity_message
from .errors import UsageError
from .export import NETWORK_FORMATS
from .files import write_atomically
from .namespaces import INFERRED_GRAPH_IRI, PREFIXES
from .report import compact
from .text import display_width

#: Seed of every random choice (Louvain's node order, the betweenness sample): runs repeat.
SEED = 2020

#: Floats (betweenness, PageRank) are rounded to this many digits, so that outputs compare as text.
DIGITS = 6

#: Up to this many nodes betweenness is exact (Brandes: one breadth-first search from every node, so
#: time grows as nodes × edges). Past it, it is estimated from :data:`BETWEENNESS_SAMPLE` source nodes
#: drawn with :data:`SEED` (``networkx.betweenness_centrality(k=…, seed=…)``), which keeps the cost
#: linear in the edges. The real graph (488 entities, 0.3 s) is exact; of bench/network_bench.py's
#: synthetic graphs, 10k quads (281 entities) is exact and 100k (1,864) and 1M (~17k) are sampled.
EXACT_BETWEENNESS_MAX = 1_000
BETWEENNESS_SAMPLE = 200

#: PageRank's damping factor and convergence tolerance (per node).
PAGERANK_ALPHA = 0.85
PAGERANK_TOL = 1e-10

#: Communities and components are named by this many of their most central members.
NAMED_BY = 3

#: The measures a ranking can be by, with their names in the outputs.
MEASURES = {"degree": "degree", "betweenness": "betweenness", "pagerank": "PageRank"}

#: The network file formats :func:`write_network` writes.
_INFERRED = compact(INFERRED_GRAPH_IRI)


# ---------------------------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------------------------

def build_network(quads: list[ox.Quad] | None = None, *, index: Index | None = None,
                  selection: list[ox.Triple] | None = None, observations: bool = False) -> nx.MultiDiGraph:
    """Return the network of the entities and the relations between them that the data states.

    Give ``quads`` (the full dataset) or an ``index`` already made of them. ``selection`` restricts the
    network to some triples (``None``: every stated triple): the entities they mention become nodes,
    those linking two entities become edges; labels and classes still come from the whole dataset.
    With ``observations``, each node also carries its observations and targets (a tuple of dicts: id,
    indicator, period, value as written, status, source, evidence). Nodes and edges are added in IRI
    order, so that every algorithm run on the network sees them in the same order.
    """
    if index is None:
        if quads is None:
            raise TypeError("build_network needs quads or an index")
        index = Index(quads)
    triples = index.stated if selection is None else sorted(set(selection), key=triple_key)
    nodes = sorted({term.value for t in triples for term in (t.subject, t.object) if index.is_entity(term)})
    drawn = set(nodes)
    edges = sorted({(t.subject.value, t.predicate.value, t.object.value) for t in triples
                    if t.predicate.value != RDF_TYPE and t.subject.value in drawn
                    and isinstance(t.object, ox.NamedNode) and t.object.value in drawn})
    graph = nx.MultiDiGraph()
    for iri in nodes:
        labels = index.labels(iri)
        graph.add_node(iri, cls=index.entity_class(iri), zh=labels["zh"], en=labels["en"], curie=compact(iri))
        if observations:
            graph.nodes[iri]["observations"] = tuple(index.observation_rows(iri))
    for s, p, o in edges:
        labels = index.labels(p)
        sources = tuple(g for g in index.sources_of(s, p, ox.NamedNode(o)) if g != _INFERRED)
        graph.add_edge(s, o, key=p, property=compact(p), zh=labels["zh"], en=labels["en"], sources=sources)
    return graph


def undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """The simple undirected graph of ``graph``: one edge per linked pair, ``weight`` = the relations between them."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for u, v in graph.edges():
        if simple.has_edge(u, v):
            simple[u][v]["weight"] += 1
        else:
            simple.add_edge(u, v, weight=1)
    return simple


def ego_nodes(graph: nx.MultiDiGraph, iri: str, depth: int) -> set[str]:
    """The entities within ``depth`` hops of ``iri``, whatever the direction of the relations (networkx's ego_graph)."""
    return set(nx.ego_graph(graph, iri, radius=depth, undirected=True).nodes)


# ---------------------------------------------------------------------------------------------
# Analysis
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Group:
    """A community or a connected component: its number (1 = the largest), its members, most central first."""

    number: int
    members: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass
class Analysis:
    """Centralities per entity, communities and components of one network."""

    degree: dict[str, int]
    in_degree: dict[str, int]
    out_degree: dict[str, int]
    betweenness: dict[str, float]
    pagerank: dict[str, float]
    communities: list[Group]
    components: list[Group]
    community_of: dict[str, int] = field(default_factory=dict)
    component_of: dict[str, int] = field(default_factory=dict)
    #: None when betweenness is exact, else the number of sampled sources.
    betweenness_sample: int | None = None
    seed: int = SEED

    def ranked(self, by: str = "degree") -> list[str]:
        """Every node, most central first by ``by`` (degree, betweenness or pagerank); ties by IRI."""
        values = {"degree": self.degree, "betweenness": self.betweenness, "pagerank": self.pagerank}[by]
        return sorted(values, key=lambda iri: (-values[iri], iri))

    def betweenness_note(self) -> str:
        """How betweenness was computed, for the outputs."""
        if self.betweenness_sample is None:
            return "betweenness: exact"
        return (f"betweenness: estimated from {self.betweenness_sample} sampled sources (seed {self.seed}), "
                f"as the network has more than {EXACT_BETWEENNESS_MAX:,} entities")


def analyse(graph: nx.MultiDiGraph, *, seed: int = SEED, exact_max: int = EXACT_BETWEENNESS_MAX,
            sample: int = BETWEENNESS_SAMPLE) -> Analysis:
    """Analyse the network: degree, betweenness and PageRank of each entity, Louvain communities, components.

    Degree counts the stated relations an entity takes part in (both directions); betweenness is
    normalized and computed on the undirected simple graph (exact up to ``exact_max`` nodes, else from
    ``sample`` sources drawn with ``seed``); PageRank follows the direction of the relations (subject
    → object: a park that projects are located in gains rank from them), with parallel relations
    counted as weight. Communities are networkx's ``louvain_communities`` on the undirected graph,
    weighted by the number of relations between two entities, with ``seed``. Communities and
    components are numbered by size (largest first, ties by their most central member's IRI) and
    their members ordered by degree, then IRI.
    """
    simple = undirected(graph)
    degree = dict(graph.degree())
    in_degree = dict(graph.in_degree())
    out_degree = dict(graph.out_degree())
    n = simple.number_of_nodes()
    sampled = sample if n > exact_max and sample < n else None
    betweenness = nx.betweenness_centrality(simple, k=sampled, normalized=True, seed=seed if sampled else None)
    pagerank = nx.pagerank(graph, alpha=PAGERANK_ALPHA, tol=PAGERANK_TOL, max_iter=1000) if n else {}

    def central(iri: str) -> tuple:
        return (-degree[iri], iri)

    def groups(sets) -> list[Group]:
        ordered = [tuple(sorted(members, key=central)) for members in sets]
        ordered.sort(key=lambda members: (-len(members), central(members[0])))
        return [Group(number, members) for number, members in enumerate(ordered, start=1)]

    communities = groups(nx.community.louvain_communities(simple, weight="weight", seed=seed)) if n else []
    components = groups(nx.connected_components(simple))
    return Analysis(
        degree=degree, in_degree=in_degree, out_degree=out_degree,
        betweenness={iri: round(value, DIGITS) for iri, value in betweenness.items()},
        pagerank={iri: round(value, DIGITS) for iri, value in pagerank.items()},
        communities=communities, components=components,
        community_of={iri: group.number for group in communities for iri in group.members},
        component_of={iri: group.number for group in components for iri in group.members},
        betweenness_sample=sampled, seed=seed,
    )


def group_name(graph: nx.MultiDiGraph, group: Group, lang: str = "zh") -> str:
    """A group's name: the labels of its most central members, joined by " · "."""
    return " · ".join(graph.nodes[iri][lang] for iri in group.members[:NAMED_BY])


def resolve_class(name: str) -> str:
    """The class local name (``Project``) that ``name`` means: a class name, ``pk:Project``, or its zh or en legend name."""
    wanted = name.strip().removeprefix("pk:").casefold()
    for style in STYLE:
        if wanted in (style.cls.casefold(), style.zh.casefold(), style.en.casefold()):
            return style.cls
    raise UsageError(f"unknown class {name!r}\n  fix: use one of " + ", ".join(style.cls for style in STYLE))


def analysis_rows(graph: nx.MultiDiGraph, analysis: Analysis, *, by: str = "degree", cls: str | None = None,
                  top: int | None = None) -> list[dict]:
    """The ranked node rows (rank, IRI, labels, class, measures, community, component), filtered by class, cut at ``top``."""
    ranked = [iri for iri in analysis.ranked(by) if cls is None or graph.nodes[iri]["cls"] == cls]
    if top:
        ranked = ranked[:top]
    return [{
        "rank": rank, "iri": iri, "curie": graph.nodes[iri]["curie"], "zh": graph.nodes[iri]["zh"], "en": graph.nodes[iri]["en"],
        "class": graph.nodes[iri]["cls"], "degree": analysis.degree[iri], "in": analysis.in_degree[iri],
        "out": analysis.out_degree[iri], "betweenness": analysis.betweenness[iri], "pagerank": analysis.pagerank[iri],
        "community": analysis.community_of[iri], "component": analysis.component_of[iri],
    } for rank, iri in enumerate(ranked, start=1)]


def _group_json(graph: nx.MultiDiGraph, group: Group) -> dict:
    return {"number": group.number, "size": group.size, "zh": group_name(graph, group, "zh"), "en": group_name(graph, group, "en"),
            "central": [graph.nodes[iri]["curie"] for iri in group.members[:NAMED_BY]]}


def analysis_json(graph: nx.MultiDiGraph, analysis: Analysis, *, by: str = "degree", cls: str | None = None,
                  top: int | None = None) -> dict:
    """Everything ``policykg analyze --format json`` prints."""
    return {
        "network": {"entities": graph.number_of_nodes(), "relations": graph.number_of_edges(),
                    "linked_pairs": undirected(graph).number_of_edges(),
                    "communities": len(analysis.communities), "components": len(analysis.components)},
        "method": {"ranked_by": by, "class": cls, "top": top or None, "digits": DIGITS, "seed": analysis.seed,
                   "betweenness": "exact" if analysis.betweenness_sample is None else f"sampled, k={analysis.betweenness_sample}",
                   "pagerank_alpha": PAGERANK_ALPHA, "communities": "louvain_communities, weight = relations per pair"},
        "nodes": analysis_rows(graph, analysis, by=by, cls=cls, top=top),
        "communities": [_group_json(graph, group) for group in analysis.communities],
        "components": [_group_json(graph, group) for group in analysis.components],
    }


def format_analysis(graph: nx.MultiDiGraph, analysis: Analysis, fmt: str = "table", *, by: str = "degree",
                    cls: str | None = None, top: int | None = 20, lang: str = "zh") -> str:
    """The analysis as ``table`` (for people), ``csv`` (the ranked entities) or ``json`` (everything)."""
    if fmt == "json":
        return json.dumps(analysis_json(graph, analysis, by=by, cls=cls, top=top), ensure_ascii=False, indent=2)
    rows = analysis_rows(graph, analysis, by=by, cls=cls, top=top)
    if fmt == "csv":
        stream = io.StringIO()
        columns = ["rank", "iri", "zh", "en", "class", "degree", "in", "out", "betweenness", "pagerank", "community", "component"]
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([row[c] for c in columns] for row in rows)
        return stream.getvalue()
    simple = undirected(graph)
    largest = analysis.components[0].size if analysis.components else 0
    isolated = sum(1 for group in analysis.components if group.size == 1)
    lines = [f"network: {graph.number_of_nodes():,} entities, {graph.number_of_edges():,} stated relations "
             f"({simple.number_of_edges():,} linked pairs); {len(analysis.components)} connected components "
             f"(largest {largest:,} entities, {isolated} isolated); {len(analysis.communities)} communities "
             f"(Louvain, seed {analysis.seed})",
             analysis.betweenness_note() + f"; PageRank along the relations (alpha {PAGERANK_ALPHA}); floats rounded to {DIGITS} digits",
             ""]
    scope = f"class {cls}, " if cls else ""
    lines.append(f"most central entities ({scope}by {MEASURES[by]}{f', top {top}' if top else ''}):")
    lines.append(_table(
        ["rank", "entity", "class", "degree", "betweenness", "pagerank", "community", "IRI"],
        [[str(r["rank"]), r[lang], r["class"], str(r["degree"]), f"{r['betweenness']:.{DIGITS}f}",
          f"{r['pagerank']:.{DIGITS}f}", str(r["community"]), r["curie"]] for r in rows]))
    for title, column, groups in (("communities", "community", analysis.communities),
                                  ("connected components", "component", analysis.components)):
        linked = [g for g in groups if g.size > 1]
        lines += ["", f"{title} of more than one entity, named by their {NAMED_BY} most central members "
                      f"(the {len(groups) - len(linked)} isolated entities are one each, not listed):"]
        lines.append(_table([column, "size", "most central members"],
                                  [[str(g.number), str(g.size), group_name(graph, g, lang)] for g in linked]))
    return "\n".join(lines)


def _table(header: list[str], rows: list[list[str]]) -> str:
    """An aligned text table (wide CJK characters count as two columns), with the row count under it."""
    widths = [max([display_width(h)] + [display_width(r[i]) for r in rows]) for i, h in enumerate(header)]

    def line(cells) -> str:
        return "  ".join(cell + " " * (width - display_width(cell)) for cell, width in zip(cells, widths)).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in rows]
                     + [f"({len(rows)} row{'s' if len(rows) != 1 else ''})"])


# ---------------------------------------------------------------------------------------------
# Paths between two entities
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Evidence:
    """Where a relation is stated: an article id and its sentence (None: no quoted sentence), or the reference data."""

    source: str
    sentence: str | None


@dataclass(frozen=True)
class Relation:
    """One stated triple on a hop, with the evidence of each source that states it."""

    subject: str
    property: str
    object: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Hop:
    """A step of a path, from ``start`` to ``end``, and every stated relation between the two."""

    start: str
    end: str
    relations: tuple[Relation, ...]


def resolve_entity(index: Index, graph: nx.MultiDiGraph, name: str) -> str:
    """The entity ``name`` means: a prefixed or full IRI, or a zh or en label or spelling variant (case and spaces ignored).

    Raises :class:`UsageError` (exit 2) when it means several entities (listing each: label, class,
    IRI) or none (suggesting the closest names, by difflib).
    """
    text = name.strip()
    iri = expand(text)
    if iri in graph:
        return iri
    if text.startswith(("<", "http://", "https://")) or (":" in text and text.split(":", 1)[0] in PREFIXES):
        raise UsageError(unknown_entity_message(text, iri, index))
    names = _names(index, graph)
    matches = named_entities(index, graph, text, names)
    if len(matches) == 1:
        return matches[0]
    if matches:
        lines = [f"{name!r} names {len(matches)} entities:"]
        lines += [f"  {graph.nodes[m]['zh']}  [{graph.nodes[m]['cls']}]  {graph.nodes[m]['curie']}" for m in matches]
        lines.append("  fix: pass the IRI of the one you mean (prefixed as shown)")
        raise UsageError("\n".join(lines))
    close = difflib.get_close_matches(text, sorted(names), n=5, cutoff=0.5)
    lines = [f"no entity is named {name!r}"]
    if close:
        lines.append("  closest names: " + "; ".join(
            f"{candidate} ({', '.join(graph.nodes[i]['curie'] for i in sorted(names[candidate]))})" for candidate in close))
    lines.append("  fix: give a zh or en name, a spelling variant, or an IRI such as project:wanmo-acoustics-smart-manufacturing")
    raise UsageError("\n".join(lines))


def named_entities(index: Index, graph: nx.MultiDiGraph, name: str, names: dict[str, set[str]] | None = None) -> list[str]:
    """The entities (IRIs, sorted) one of whose names is ``name``, case and spaces ignored."""
    wanted = _normal(name)
    names = _names(index, graph) if names is None else names
    return sorted({iri for candidate, iris in names.items() if _normal(candidate) == wanted for iri in iris})


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip()).casefold()


def _names(index: Index, graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Every name (labels, variants) of every node, with the nodes it names."""
    names: dict[str, set[str]] = {}
    for iri in graph:
        for candidate in index.names(iri):
            names.setdefault(candidate, set()).add(iri)
    return names


def find_paths(graph: nx.MultiDiGraph, start: str, end: str, k: int = 3, avoid: tuple[str, ...] = ()) -> list[list[str]]:
    """The ``k`` shortest simple paths from ``start`` to ``end`` over the stated relations, whatever their direction.

    networkx's ``shortest_simple_paths`` on the undirected simple graph: shortest first; paths of one
    length in the order networkx finds them, which is fixed by the IRI order of the nodes. Entities of
    the classes in ``avoid`` (``Keyword``…) are not passed through (the two ends always count).
    """
    if k < 1:
        raise UsageError(f"--max must be 1 or more, not {k}")
    simple = undirected(graph)
    if avoid:
        simple.remove_nodes_from([n for n, cls in graph.nodes(data="cls") if cls in avoid and n not in (start, end)])
    try:
        return [list(path) for path in itertools.islice(nx.shortest_simple_paths(simple, start, end), k)]
    except nx.NetworkXNoPath:
        return []


def describe_path(index: Index, graph: nx.MultiDiGraph, path: list[str]) -> list[Hop]:
    """Each hop of ``path`` with the stated relations between its two entities and their evidence."""
    hops = []
    for a, b in zip(path, path[1:]):
        relations = []
        for s, o in ((a, b), (b, a)):
            for p, data in sorted((graph.get_edge_data(s, o) or {}).items()):
                relations.append(Relation(s, p, o, tuple(relation_evidence(index, s, o, source) for source in data["sources"])))
        hops.append(Hop(a, b, tuple(relations)))
    return hops


def relation_evidence(index: Index, s: str, o: str, source: str) -> Evidence:
    """The sentence of article ``source`` that states ``s … o``: the evidence its graph gives for the
    subject's block (or a claim about the subject), preferring one that names the object, then one that
    names the subject; else the object's evidence in that graph if it names the subject; else none."""
    if source == REFERENCE_ONLY:
        return Evidence(source, None)
    s_names = [n for n in index.names(s) if len(n) > 1]
    o_names = [n for n in index.names(o) if len(n) > 1]
    candidates = list(index.evidence_in(s, source))
    for claim in index.claims_about(s):
        if isinstance(claim, ox.NamedNode) and any(v.value == o for v in _objects(index, claim)):
            candidates += index.evidence_in(claim.value, source)

    def score(sentence: str) -> tuple:
        return (-any(n in sentence for n in o_names), -any(n in sentence for n in s_names), len(sentence), sentence)

    if candidates:
        return Evidence(source, min(candidates, key=score))
    naming = [e for e in index.evidence_in(o, source) if any(n in e for n in s_names)]
    return Evidence(source, min(naming, key=score) if naming else None)


def _objects(index: Index, node: ox.NamedNode) -> list:
    return [t.object for t in index.out.get(node.value, []) if isinstance(t.object, ox.NamedNode)]


def paths_json(index: Index, graph: nx.MultiDiGraph, start: str, end: str, paths: list[list[str]]) -> dict:
    """The paths as JSON: the two ends and, per path, its entities and hops with relations and evidence."""
    def entity(iri: str) -> dict:
        node = graph.nodes[iri]
        return {"iri": node["curie"], "zh": node["zh"], "en": node["en"], "class": node["cls"]}
    return {
        "from": entity(start), "to": entity(end),
        "paths": [{
            "hops": len(path) - 1,
            "entities": [entity(iri) for iri in path],
            "steps": [{"from": compact(hop.start), "to": compact(hop.end), "relations": [{
                "subject": compact(r.subject), "property": compact(r.property), "object": compact(r.object),
                "zh": index.label(r.property, "zh"), "en": index.label(r.property, "en"),
                "forward": r.subject == hop.start,
                "evidence": [{"source": e.source, "sentence": e.sentence} for e in r.evidence],
            } for r in hop.relations]} for hop in describe_path(index, graph, path)],
        } for path in paths],
    }


def format_paths(index: Index, graph: nx.MultiDiGraph, start: str, end: str, paths: list[list[str]], lang: str = "zh",
                 avoid: tuple[str, ...] = ()) -> str:
    """The paths as text: each hop with its direction, the property's zh and en label, and the evidence of each source."""
    def name(iri: str) -> str:
        return graph.nodes[iri][lang]

    head = f"{name(start)} ({compact(start)}) → {name(end)} ({compact(end)})"
    if not paths:
        if avoid:
            return f"{head}: no path that avoids {', '.join(avoid)}"
        return (f"{head}: no path; the two are not linked by any chain of stated relations "
                f"(`policykg analyze` lists the connected components)")
    lines = [f"{head}: {len(paths)} shortest path{'s' if len(paths) != 1 else ''}"]
    for number, path in enumerate(paths, start=1):
        lines += ["", f"path {number}, {len(path) - 1} hop{'s' if len(path) != 2 else ''}: " + " — ".join(name(i) for i in path)]
        for step, hop in enumerate(describe_path(index, graph, path), start=1):
            for r in hop.relations:
                label = f"{index.label(r.property, 'zh')} / {index.label(r.property, 'en')}"
                arrow = f"—[{label}]→" if r.subject == hop.start else f"←[{label}]—"
                lines.append(f"  {step}. {name(hop.start)} {arrow} {name(hop.end)}   ({compact(r.subject)} "
                             f"{compact(r.property)} {compact(r.object)})")
                for e in r.evidence:
                    if e.source == REFERENCE_ONLY:
                        lines.append("       ref: a background fact of the reference data, stated by no article")
                    elif e.sentence is None:
                        lines.append(f"       {e.source} {_title(index, e.source)}: stated there, without a quoted sentence")
                    else:
                        lines.append(f"       {e.source} 「{e.sentence}」")
    return "\n".join(lines)


def _title(index: Index, source: str) -> str:
    return index.label(SOURCE_IRI + source, "zh")


# ---------------------------------------------------------------------------------------------
# Files for network tools
# ---------------------------------------------------------------------------------------------

def export_graph(graph: nx.MultiDiGraph, analysis: Analysis | None = None) -> nx.MultiDiGraph:
    """A copy of ``graph`` with only plain attributes, ready for GraphML, GEXF or CSV: labels, class,
    community and centralities on nodes; property, labels and sources on edges. Nodes in IRI order,
    edges in (subject, object, property) order, keyed ``e0``, ``e1``…"""
    analysis = analysis or analyse(graph)
    out = nx.MultiDiGraph()
    for iri in sorted(graph.nodes):
        node = graph.nodes[iri]
        out.add_node(iri, label=node["zh"], zh=node["zh"], en=node["en"], curie=node["curie"], cls=node["cls"],
                     community=analysis.community_of[iri], component=analysis.component_of[iri],
                     degree=analysis.degree[iri], in_degree=analysis.in_degree[iri], out_degree=analysis.out_degree[iri],
                     betweenness=float(analysis.betweenness[iri]), pagerank=float(analysis.pagerank[iri]))
    edges = sorted((s, o, p, data) for s, o, p, data in graph.edges(keys=True, data=True))
    for n, (s, o, p, data) in enumerate(edges):
        out.add_edge(s, o, key=f"e{n}", label=data["zh"], property=data["property"], zh=data["zh"], en=data["en"],
                     sources=" ".join(data["sources"]))
    return out


def edges_path(path: Path) -> Path:
    """Where the CSV edges file of nodes file ``path`` goes: ``graph.csv`` → ``graph-edges.csv``."""
    return path.with_name(f"{path.stem}-edges{path.suffix or '.csv'}")


def network_files(graph_or_quads, fmt: str, path: Path | str) -> dict[Path, bytes]:
    """The bytes of the files :func:`write_network` writes, by path (one file; two for csv)."""
    if fmt not in NETWORK_FORMATS:
        raise UsageError(f"unknown network format {fmt!r}\n  fix: use one of " + ", ".join(NETWORK_FORMATS))
    graph = graph_or_quads if isinstance(graph_or_quads, nx.Graph) else build_network(list(graph_or_quads))
    out = export_graph(graph)
    path = Path(path)
    if fmt == "graphml":
        return {path: _graphml(out)}
    if fmt == "gexf":
        return {path: _gexf(out)}
    return {path: _csv_nodes(out), edges_path(path): _csv_edges(out)}


def write_network(graph_or_quads, fmt: str, path: Path | str) -> list[Path]:
    """Write the network (a :func:`build_network` graph, or the dataset's quads) for network tools.

    ``fmt`` is ``graphml`` or ``gexf`` (one file at ``path``) or ``csv``: the nodes at ``path`` and the
    edges beside it, ``-edges`` before the suffix (``graph.csv`` → ``graph-edges.csv``), with Gephi's
    column names (Id, Label; Source, Target, Type, Label). Nodes carry their zh and en labels, class,
    community, component, degree, betweenness and PageRank; edges their property, its labels and the
    sources stating it. Each file is written atomically; the same input gives the same bytes. Returns
    the paths written.
    """
    files = network_files(graph_or_quads, fmt, path)
    for target, data in files.items():
        write_atomically(target, data)
    return list(files)


def _graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML by networkx's writer on the standard library's XML (``write_graphml_xml``), which writes
    the same bytes whether lxml is installed or not."""
    stream = io.BytesIO()
    nx.write_graphml_xml(graph, stream, encoding="utf-8", prettyprint=True)
    return stream.getvalue()


def _gexf(graph: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 by networkx's ``write_gexf``, without the day of writing (``lastmodifieddate``), which
    would make the bytes change from one day to the next; the attribute is optional in GEXF."""
    stream = io.BytesIO()
    nx.write_gexf(graph, stream, encoding="utf-8", prettyprint=True, version="1.2draft")
    return re.sub(rb'(<meta)\s+lastmodifieddate="[^"]*"', rb"\1", stream.getvalue(), count=1)


_NODE_COLUMNS = ("zh", "en", "curie", "cls", "community", "component", "degree", "in_degree", "out_degree", "betweenness", "pagerank")
_EDGE_COLUMNS = ("property", "zh", "en", "sources")


def _csv_bytes(rows) -> bytes:
    stream = io.StringIO()
    csv.writer(stream, lineterminator="\n").writerows(rows)
    return stream.getvalue().encode("utf-8")


def _csv_nodes(graph: nx.MultiDiGraph) -> bytes:
    header = ("Id", "Label", *("class" if c == "cls" else c for c in _NODE_COLUMNS))
    return _csv_bytes([header] + [(iri, data["label"], *(data[c] for c in _NODE_COLUMNS)) for iri, data in graph.nodes(data=True)])


def _csv_edges(graph: nx.MultiDiGraph) -> bytes:
    header = ("Source", "Target", "Type", "Id", "Label", *_EDGE_COLUMNS)
    return _csv_bytes([header] + [(s, o, "Directed", key, data["label"], *(data[c] for c in _EDGE_COLUMNS))
                                  for s, o, key, data in graph.edges(keys=True, data=True)])
