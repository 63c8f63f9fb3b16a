"""The interactive network view: one self-contained HTML page drawn with pyvis (vis-network).

Nodes are the graph's entities (anything typed with a ``pk:`` class, except observations, claims,
comparisons, periods and indicators), coloured and shaped by class from :data:`STYLE`, which also
makes the legend. Edges are the triples between two entities, named by their property's
``rdfs:label``. The page holds everything it needs inline (vis-network's script from the pyvis
package, our styles and script, the data as JSON) and loads nothing from the network.

The same input always gives the same bytes: every list is sorted, the JSON keys too, and the
layout's random seed is fixed.
"""

import json
import math
from dataclasses import dataclass
from importlib import resources

import jinja2
from markupsafe import Markup
import pyoxigraph as ox
from pyvis.network import Network

from .errors import UsageError
from .namespaces import CONCEPT_IRI, INFERRED_GRAPH_IRI, ONTOLOGY_IRI, PREFIXES
from .report import compact

_RDF = PREFIXES["rdf"]
_RDFS = PREFIXES["rdfs"]
_SKOS = PREFIXES["skos"]
RDF_TYPE = _RDF + "type"
RDFS_LABEL = _RDFS + "label"
SKOS_ALT_LABEL = _SKOS + "altLabel"
PROV_DERIVED_FROM = PREFIXES["prov"] + "wasDerivedFrom"
PK = ONTOLOGY_IRI
SOURCE_IRI = PREFIXES["src"]

#: Typed with one of these, a thing is not drawn as a node: numbers and claims are shown on the
#: panel of what they are about; periods and indicators are vocabulary, not actors.
NOT_DRAWN = frozenset(PK + name for name in (
    "Observation", "Target", "Claim", "StatusClaim", "AwardClaim", "Comparison", "Period", "Indicator",
))

#: Properties shown in their own panel sections, not in the property table.
_PANEL_OWN = frozenset((RDF_TYPE, RDFS_LABEL, SKOS_ALT_LABEL, PK + "evidence"))

#: A node is "reference only" when no article's graph states it; its source key in the filters.
REFERENCE_ONLY = "ref"

#: The project statuses in the order a project passes through them (CURATING.md), for the filter.
STATUS_ORDER = tuple(CONCEPT_IRI + name for name in (
    "Planned", "Preparatory", "Signed", "Started", "UnderConstruction", "Completed", "InOperation", "InProduction",
))

#: Label length (characters) drawn on the canvas; the full label is on the tooltip and the panel.
SHORT_LABEL = 16

#: Labels are drawn on a canvas: name CJK fonts first, so the browser need not search a fallback per glyph.
FONT_FACE = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif"

#: Above this many nodes the view trades layout quality for speed.
BIG_GRAPH = 1500


@dataclass(frozen=True)
class Style:
    """How one class is drawn: colour, vis-network shape, and its legend name in zh and en."""

    cls: str
    colour: str
    shape: str
    zh: str
    en: str


#: The one style table: node colours and shapes, and the legend, are generated from it. Order
#: matters: a node typed with several classes takes the first listed (subclasses come first), and the
#: legend follows this order. ``pk:Entity`` is the fallback for any other pk: class.
STYLE: tuple[Style, ...] = (
    Style("Strategy", "#c0392b", "star", "战略", "strategy"),
    Style("Goal", "#e74c3c", "triangle", "目标", "goal"),
    Style("Measure", "#f08a5d", "triangleDown", "措施", "measure"),
    Style("ProjectPortfolio", "#d35400", "hexagon", "重点项目清单", "project portfolio"),
    Style("Plan", "#f39c12", "hexagon", "计划", "plan or programme"),
    Style("Regulation", "#6c3483", "square", "法规", "regulation"),
    Style("Policy", "#9b59b6", "square", "政策", "policy"),
    Style("Keyword", "#7f8c8d", "diamond", "关键词", "keyword section"),
    Style("IndustryCluster", "#117a65", "star", "产业集群", "industry cluster"),
    Style("IndustrialChain", "#27ae60", "diamond", "产业链", "industrial chain"),
    Style("Industry", "#45b39d", "diamond", "产业", "industry"),
    Style("AdministrativeArea", "#1f618d", "square", "行政区域", "administrative area"),
    Style("Park", "#3498db", "hexagon", "园区", "park or zone"),
    Style("Infrastructure", "#5d6d7e", "triangle", "基础设施", "infrastructure"),
    Style("Place", "#85c1e9", "dot", "地点", "place"),
    Style("Project", "#f1c40f", "dot", "项目", "project"),
    Style("Company", "#a0522d", "square", "企业", "company"),
    Style("GovernmentBody", "#2c3e50", "triangle", "政府机构", "government body"),
    Style("Platform", "#e84393", "triangleDown", "平台", "platform"),
    Style("Team", "#b784a7", "dot", "团队", "team"),
    Style("Person", "#ff7eb6", "dot", "人物", "person"),
    Style("Award", "#d4ac0d", "star", "奖项", "award"),
    Style("Event", "#cd6155", "diamond", "活动", "event"),
    Style("SourceArticle", "#34495e", "square", "来源文章", "source article"),
    Style("Entity", "#aab7b8", "dot", "其他实体", "other entity"),
)
_FALLBACK = STYLE[-1]


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------

def render_network_html(
    quads: list[ox.Quad], *, selection: list[ox.Triple] | None = None, lang: str = "zh", title: str = "policykg",
) -> bytes:
    """Return the interactive network view of ``quads`` as one self-contained HTML page (UTF-8 bytes).

    ``selection`` is the triples to draw (``None``: every triple the data states, not the inferred ones); the entities they mention become
    nodes and those linking two entities become edges. Labels, classes, evidence, claims and
    observations are looked up in ``quads``, the full dataset. ``lang`` ("zh" or "en") is the language
    the page opens in; ``title`` is the page title. Same input, same bytes.
    """
    if lang not in ("zh", "en"):
        raise UsageError(f"unknown language {lang!r}\n  fix: use zh or en")
    index = _Index(quads)
    triples = sorted(set(index.stated if selection is None else selection), key=_triple_key)
    node_iris = sorted({term.value for t in triples for term in (t.subject, t.object) if index.is_entity(term)})
    drawn = set(node_iris)
    edges = sorted({(t.subject.value, t.predicate.value, t.object.value) for t in triples
                    if t.predicate.value != RDF_TYPE and t.subject.value in drawn and isinstance(t.object, ox.NamedNode)
                    and t.object.value in drawn})
    degree = {iri: 0 for iri in node_iris}
    for s, _, o in edges:
        degree[s] += 1
        degree[o] += 1

    net = Network(directed=True, cdn_resources="in_line")
    most = max(degree.values(), default=0)
    net.nodes = [_vis_node(index, iri, degree[iri] / most if most else 0.0, lang) for iri in node_iris]
    if len(node_iris) > BIG_GRAPH:
        positions = _spiral_positions(node_iris, edges)
        for node in net.nodes:
            node["x"], node["y"] = positions[node["id"]]
    net.edges = [{"from": compact(s), "to": compact(o), "p": compact(p), "label": index.label(p, lang),
                  "id": n} for n, (s, p, o) in enumerate(edges)]
    net.options = _vis_options(len(node_iris))
    vis_nodes, vis_edges, _, _, _, options_json = net.get_network_data()

    payload = {
        "lang": lang,
        "big": len(node_iris) > BIG_GRAPH,
        "nodes": vis_nodes,
        "edges": vis_edges,
        "options": json.loads(options_json),
        "info": {compact(iri): _node_info(index, iri, drawn) for iri in node_iris},
        "props": {compact(p): index.labels(p) for p in sorted({p for _, p, _ in edges})},
        "terms": index.terms_used(node_iris, drawn),
        "style": [{"cls": s.cls, "colour": s.colour, "shape": s.shape, "zh": s.zh, "en": s.en} for s in STYLE],
        "sources": index.sources(),
        "statuses": index.statuses(),
    }
    page = _template().render(
        title=title, lang=lang, vis_js=_inline_script(_vis_js()), data_json=_script_json(payload),
    )
    return page.encode("utf-8")


def neighbourhood(quads: list[ox.Quad], iri: str, depth: int) -> list[ox.Triple]:
    """Return the triples within ``depth`` hops of entity ``iri``, sorted, ready for ``selection``.

    ``iri`` is a full IRI or a prefixed name (``project:foo``). Hops follow the triples between two
    entities that the data states (not the inferred ones), in either direction. The result holds every such
    triple between the entities reached,
    and every other triple about them (class, labels, evidence), so that even ``depth`` 0 draws the
    entity itself. Raises :class:`UsageError` if ``iri`` is not an entity of the graph or ``depth`` < 0.
    """
    if depth < 0:
        raise UsageError(f"--depth must be 0 or more, not {depth}\n  fix: pass --depth 1 for the direct neighbours")
    index = _Index(quads)
    full = expand(iri)
    if full not in index.entities:
        raise UsageError(_unknown_entity_message(iri, full, index))
    adjacent: dict[str, set[str]] = {}
    for t in index.stated:
        if t.predicate.value != RDF_TYPE and index.is_entity(t.subject) and index.is_entity(t.object):
            adjacent.setdefault(t.subject.value, set()).add(t.object.value)
            adjacent.setdefault(t.object.value, set()).add(t.subject.value)
    reached, frontier = {full}, {full}
    for _ in range(depth):
        frontier = {n for f in frontier for n in adjacent.get(f, ())} - reached
        reached |= frontier
    kept = [t for t in index.stated if t.subject.value in reached
            and (not index.is_entity(t.object) or t.object.value in reached or t.predicate.value == RDF_TYPE)]
    return sorted(kept, key=_triple_key)


def expand(name: str) -> str:
    """Return the full IRI of ``name``: a prefixed name (``project:foo``) is expanded, ``<iri>`` unwrapped."""
    name = name.strip()
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    prefix, colon, local = name.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return name


def style_for(classes: set[str]) -> Style:
    """Return the style of an entity typed with ``classes`` (full IRIs): the first match in STYLE."""
    for style in STYLE:
        if PK + style.cls in classes:
            return style
    return _FALLBACK


# ---------------------------------------------------------------------------------------------
# Reading the dataset
# ---------------------------------------------------------------------------------------------

class _Index:
    """What the view needs from the dataset, gathered in one pass over the quads."""

    def __init__(self, quads: list[ox.Quad]):
        self.types: dict[str, set[str]] = {}
        self.label_map: dict[str, dict[str, list[str]]] = {}
        self.graphs: dict[tuple, set[str]] = {}      # (s, p, o) values → source ids that state it
        self.triple_of: dict[tuple, ox.Triple] = {}
        self.mentioned_in: dict[str, set[str]] = {}  # entity-or-not IRI → source ids of graphs mentioning it
        self.out: dict[str, list[ox.Triple]] = {}
        stated_of: dict[tuple, ox.Triple] = {}
        for quad in quads:
            s, p, o = quad.subject, quad.predicate, quad.object
            key = (s.value, p.value, str(o))
            self.triple_of.setdefault(key, quad.triple)
            if not (isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value == INFERRED_GRAPH_IRI):
                stated_of.setdefault(key, quad.triple)
            graph = _source_id(quad.graph_name)
            self.graphs.setdefault(key, set()).add(graph)
            if _is_article_graph(quad.graph_name):  # not the reference data, nor what the rules inferred
                for term in (s, o):
                    if isinstance(term, ox.NamedNode):
                        self.mentioned_in.setdefault(term.value, set()).add(graph)
            if p.value == RDF_TYPE and isinstance(s, ox.NamedNode):
                self.types.setdefault(s.value, set()).add(o.value)
            elif p.value == RDFS_LABEL and isinstance(o, ox.Literal):
                self.label_map.setdefault(s.value, {}).setdefault(o.language or "", []).append(o.value)
        self.triples = sorted(self.triple_of.values(), key=_triple_key)
        #: What the data states, for drawing and for hops: the inferred inverses and transitive links would only repeat it.
        self.stated = sorted(stated_of.values(), key=_triple_key)
        for t in self.triples:
            self.out.setdefault(t.subject.value, []).append(t)
        self.incoming: dict[str, list[ox.Triple]] = {}
        for t in self.triples:
            if isinstance(t.object, ox.NamedNode):
                self.incoming.setdefault(t.object.value, []).append(t)
        self.entities = {iri for iri, classes in self.types.items() if _is_entity_classes(iri, classes)}

    def is_entity(self, term) -> bool:
        """True for a named node typed with a drawable pk: class."""
        return isinstance(term, ox.NamedNode) and term.value in self.entities

    def labels(self, iri: str) -> dict[str, str]:
        """The zh and en label of ``iri`` (the smallest of each, for determinism), falling back to the other language or the prefixed name."""
        found = self.label_map.get(iri, {})
        zh = min(found.get("zh", []) or found.get("", []) or found.get("en", []) or [compact(iri)])
        en = min(found.get("en", []) or found.get("", []) or [zh])
        return {"zh": zh, "en": en}

    def label(self, iri: str, lang: str) -> str:
        """The label of ``iri`` in ``lang``."""
        return self.labels(iri)[lang]

    def sources_of(self, s: str, p: str, o) -> list[str]:
        """The source ids ("000", or "ref" for the reference data) whose graph states the triple."""
        return sorted(self.graphs.get((s, p, str(o)), ()))

    def sources(self) -> list[dict]:
        """Every source article (its id and title labels), in id order, then the reference data."""
        ids = sorted({g for article_ids in self.mentioned_in.values() for g in article_ids})
        described = sorted(iri[len(SOURCE_IRI):] for iri, classes in self.types.items()
                           if PK + "SourceArticle" in classes and iri.startswith(SOURCE_IRI))
        ids = sorted(set(ids) | set(described))
        return [{"id": i, **self.labels(SOURCE_IRI + i)} for i in ids] + [{"id": REFERENCE_ONLY}]

    def statuses(self) -> list[dict]:
        """The project statuses that status claims use, in the order of the stages (STATUS_ORDER), others after."""
        used = sorted({t.object.value for t in self.triples if t.predicate.value == PK + "projectStatus"},
                      key=lambda iri: (STATUS_ORDER.index(iri) if iri in STATUS_ORDER else len(STATUS_ORDER), iri))
        return [{"id": compact(iri), **self.labels(iri)} for iri in used]

    def claims_about(self, iri: str) -> list[ox.NamedNode | ox.BlankNode]:
        """The status and award claims whose pk:about is ``iri``."""
        return [t.subject for t in self.incoming.get(iri, []) if t.predicate.value == PK + "about"
                and not self.types.get(t.subject.value, set()) & {PK + "Observation", PK + "Target"}]

    def observations_of(self, iri: str) -> list:
        """The observations (and targets) whose pk:subject is ``iri``."""
        return [t.subject for t in self.incoming.get(iri, []) if t.predicate.value == PK + "subject"]

    def values(self, subject: ox.NamedNode | ox.BlankNode, predicate: str) -> list:
        """The objects of ``subject predicate ?o``, sorted."""
        return [t.object for t in self.out.get(subject.value, []) if t.predicate.value == predicate]

    def terms_used(self, node_iris: list[str], drawn: set[str]) -> dict[str, dict[str, str]]:
        """Labels for every IRI the panels name that is not a drawn node (concepts, periods, undrawn entities…)."""
        used: set[str] = set()
        for iri in node_iris:
            for t in self.out.get(iri, []):
                used.update(term.value for term in (t.predicate, t.object) if isinstance(term, ox.NamedNode))
            for t in self.incoming.get(iri, []):
                if self.is_entity(t.subject):
                    used.update((t.subject.value, t.predicate.value))
            for node in self.claims_about(iri) + self.observations_of(iri):
                for t in self.out.get(node.value, []):
                    used.update(term.value for term in (t.predicate, t.object) if isinstance(term, ox.NamedNode))
        used.update(PK + name for name in ("StatusClaim", "AwardClaim", "Observation", "Target"))
        return {compact(iri): self.labels(iri) for iri in sorted(used - drawn)}


def _is_entity_classes(iri: str, classes: set[str]) -> bool:
    """True when ``iri`` is typed with a pk: class that is drawn, and is not itself an ontology term."""
    if iri.startswith(ONTOLOGY_IRI):  # the ontology's own terms and the pkc: concepts
        return False
    pk_classes = {c for c in classes if c.startswith(PK) and not c.startswith(CONCEPT_IRI)}
    return bool(pk_classes) and not pk_classes & NOT_DRAWN


def _is_article_graph(graph) -> bool:
    """Whether ``graph`` is a source article's named graph (src:000), which states what the article says."""
    return isinstance(graph, ox.NamedNode) and graph.value.startswith(SOURCE_IRI)


def _source_id(graph) -> str:
    """The id of the article whose graph this is ("000"), or "ref" for the default graph."""
    if isinstance(graph, ox.NamedNode):
        return graph.value[len(SOURCE_IRI):] if graph.value.startswith(SOURCE_IRI) else compact(graph.value)
    return REFERENCE_ONLY


def _triple_key(t: ox.Triple) -> tuple[str, str, str]:
    return str(t.subject), str(t.predicate), str(t.object)


def _unknown_entity_message(given: str, full: str, index: _Index) -> str:
    """Explain that ``given`` names no entity, suggesting entities whose name or label contains it."""
    needle = given.split(":", 1)[-1].lower()
    close = sorted(compact(e) for e in index.entities if needle and (needle in e.lower()
                   or any(needle in label.lower() for label in index.labels(e).values())))[:5]
    lines = [f"{given} is not an entity of the graph (looked for <{full}>)"]
    if full in index.types:
        kinds = ", ".join(sorted(compact(c) for c in index.types[full]))
        lines[0] = (f"{given} is a {kinds}, which the view does not draw as a node "
                    "(observations and claims are shown on the panel of the entity they are about)")
    if close:
        lines.append("  did you mean: " + ", ".join(close))
    lines.append("  fix: pass the IRI of an entity, full or prefixed as in the Turtle files (project:wanmo-acoustics-smart-manufacturing)")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# What the page receives
# ---------------------------------------------------------------------------------------------

def _short(text: str) -> str:
    return text if len(text) <= SHORT_LABEL else text[: SHORT_LABEL - 1] + "…"


def _vis_node(index: _Index, iri: str, share: float, lang: str) -> dict:
    """One pyvis/vis-network node: id, label, tooltip, shape, colour, and node and label size growing with
    the square root of its ``share`` of the highest degree. Sizes are fixed here rather than left to
    vis-network's value scaling, which re-measures every label whenever any node changes."""
    style = style_for(index.types.get(iri, set()))
    labels = index.labels(iri)
    grow = math.sqrt(share)
    return {"id": compact(iri), "label": _short(labels[lang]), "title": labels[lang], "shape": style.shape,
            "color": style.colour, "size": round(7 + 23 * grow, 1), "font": {"size": round(11 + 25 * grow, 1)},
            "cls": style.cls}


def _vis_options(nodes: int) -> dict:
    """vis-network options: a force layout that stabilises in a capped number of iterations, then stops."""
    big = nodes > BIG_GRAPH
    return {
        "autoResize": True,
        "layout": {"randomSeed": 20201231, "improvedLayout": nodes <= 150},
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 14, "face": FONT_FACE, "color": "#1b2631",
                     "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"label": {"drawThreshold": 8}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "color": {"color": "#a9b4bf", "highlight": "#34495e", "hover": "#34495e", "inherit": False},
            "font": {"size": 9, "color": "#5d6d7e", "strokeWidth": 2, "align": "middle"},
            "scaling": {"label": {"drawThreshold": 8}},
            "smooth": False if big else {"enabled": True, "type": "continuous", "roundness": 0.3},
            "width": 0.8,
            "selectionWidth": 2,
        },
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "centralGravity": 0.02, "springLength": 95,
                                 "springConstant": 0.05, "damping": 0.5, "avoidOverlap": 0 if big else 0.4,
                                 "theta": 1.2 if big else 0.5},
            "maxVelocity": 60,
            "minVelocity": 1,
            "timestep": 0.5,
            "stabilization": {"enabled": True, "iterations": _iterations(nodes), "updateInterval": 50, "fit": True},
        },
        "interaction": {"hover": not big, "tooltipDelay": 250, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "multiselect": False},
    }


def _spiral_positions(node_iris: list[str], edges: list[tuple[str, str, str]]) -> dict[str, tuple[float, float]]:
    """Starting positions for a big graph: nodes in breadth-first order (largest component first) on a
    sunflower spiral, so the layout starts spread out with linked nodes near each other and needs
    few physics iterations. Deterministic; coordinates are rounded to one decimal."""
    adjacent: dict[str, list[str]] = {iri: [] for iri in node_iris}
    for s, _, o in edges:
        adjacent[s].append(o)
        adjacent[o].append(s)
    order: list[str] = []
    seen: set[str] = set()
    for root in sorted(node_iris, key=lambda iri: (-len(adjacent[iri]), iri)):
        if root in seen:
            continue
        seen.add(root)
        queue = [root]
        for node in queue:
            for neighbour in sorted(adjacent[node]):
                if neighbour not in seen:
                    seen.add(neighbour)
                    queue.append(neighbour)
        order.extend(queue)
    golden_angle = math.pi * (3 - math.sqrt(5))
    return {compact(iri): (round(28 * math.sqrt(k) * math.cos(k * golden_angle), 1),
                           round(28 * math.sqrt(k) * math.sin(k * golden_angle), 1))
            for k, iri in enumerate(order)}


def _iterations(nodes: int) -> int:
    """Stabilisation iterations, capped so that a big graph is still drawn within seconds."""
    if nodes <= 150:
        return 300
    return 150 if nodes <= BIG_GRAPH else 40


def _value(term, drawn: set[str]) -> dict:
    """A property value for the panel: a drawn node ("n"), another IRI by its label ("i"), or text ("t")."""
    if isinstance(term, ox.NamedNode):
        return {"n": compact(term.value)} if term.value in drawn else {"i": compact(term.value)}
    if isinstance(term, ox.BlankNode):
        return {"t": "_:" + term.value}
    return {"t": term.value}


def _node_info(index: _Index, iri: str, drawn: set[str]) -> dict:
    """Everything the side panel and the filters show for one node."""
    style = style_for(index.types.get(iri, set()))
    labels = index.labels(iri)
    out = index.out.get(iri, [])
    alt = [{"t": t.object.value, "l": t.object.language or "", "s": index.sources_of(iri, SKOS_ALT_LABEL, t.object)}
           for t in out if t.predicate.value == SKOS_ALT_LABEL and isinstance(t.object, ox.Literal)]
    evidence = [{"t": t.object.value, "s": index.sources_of(iri, PK + "evidence", t.object)}
                for t in out if t.predicate.value == PK + "evidence" and isinstance(t.object, ox.Literal)]
    props = [{"p": compact(t.predicate.value), "d": 1, "v": _value(t.object, drawn),
              "s": index.sources_of(iri, t.predicate.value, t.object)}
             for t in out if t.predicate.value not in _PANEL_OWN]
    props += [{"p": compact(t.predicate.value), "d": -1, "v": _value(t.subject, drawn),
               "s": index.sources_of(t.subject.value, t.predicate.value, t.object)}
              for t in index.incoming.get(iri, []) if index.is_entity(t.subject)]
    claims = [_claim(index, c, drawn) for c in index.claims_about(iri)]
    statuses = sorted({compact(v.value) for c in index.claims_about(iri) for v in index.values(c, PK + "projectStatus")})
    return {
        "cls": style.cls, "iri": iri, "zh": labels["zh"], "en": labels["en"],
        "short": {"zh": _short(labels["zh"]), "en": _short(labels["en"])},
        "alt": alt, "ev": evidence, "props": props, "claims": claims,
        "obs": sorted((_observation(index, o) for o in index.observations_of(iri)),
                      key=lambda row: (row["ind"], row["per"], row["v"], row["src"], row["id"])),
        "src": sorted(index.mentioned_in.get(iri, set())) or [REFERENCE_ONLY],
        "st": statuses,
    }


def _first(index: _Index, node, predicate: str):
    found = index.values(node, predicate)
    return found[0] if found else None


def _claim(index: _Index, claim, drawn: set[str]) -> dict:
    """A status or award claim: its class, what it says, its date, its evidence and source."""
    classes = sorted(compact(c) for c in index.types.get(claim.value, set()) if c.startswith(PK))
    said = [{"p": compact(t.predicate.value), "v": _value(t.object, drawn)}
            for t in index.out.get(claim.value, [])
            if t.predicate.value not in _PANEL_OWN and t.predicate.value not in (PK + "about", PROV_DERIVED_FROM)]
    return {"id": compact(claim.value), "cls": classes[0] if classes else "", "said": said,
            "ev": [e.value for e in index.values(claim, PK + "evidence")], "src": _claim_sources(index, claim)}


def _claim_sources(index: _Index, node) -> list[str]:
    """The articles a claim or observation comes from: prov:wasDerivedFrom, else the graphs that state it."""
    derived = sorted(_source_id(o) for o in index.values(node, PROV_DERIVED_FROM) if isinstance(o, ox.NamedNode))
    return derived or sorted(index.mentioned_in.get(node.value, set()))


def _observation(index: _Index, obs) -> dict:
    """One row of the observations table: indicator, period, value as written, status, source, evidence."""
    def iri_of(predicate: str) -> str:
        term = _first(index, obs, predicate)
        return compact(term.value) if isinstance(term, ox.NamedNode) else ""
    written = _first(index, obs, PK + "valueAsWritten")
    return {"id": compact(obs.value), "ind": iri_of(PK + "indicator"), "per": iri_of(PK + "period"),
            "v": written.value if written is not None else "", "st": iri_of(PK + "status"),
            "src": ",".join(_claim_sources(index, obs)), "ev": [e.value for e in index.values(obs, PK + "evidence")]}


# ---------------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------------

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _script_json(data) -> Markup:
    """``data`` as JSON that is safe inside ``<script type="application/json">``: no markup characters, no line separators."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup("".join(_JSON_ESCAPES.get(ch, ch) for ch in text))


def _inline_script(code: str) -> Markup:
    """Script source made safe to inline: no ``</script`` can close the element early."""
    return Markup(code.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT"))


def _vis_js() -> str:
    """The vis-network script shipped inside the pyvis package (the one its in_line mode uses)."""
    return (resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js").read_text(encoding="utf-8")


def _template() -> jinja2.Template:
    """Our page template (autoescaping on: every value not marked safe is HTML-escaped)."""
    source = (resources.files("policykg") / "view_template.html").read_text(encoding="utf-8")
    return jinja2.Environment(autoescape=True, keep_trailing_newline=True).from_string(source)
