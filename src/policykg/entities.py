"""The entities of the dataset and what is said about them, read once for the network view (view.py)
and the network model (network.py).

An *entity* is a named node typed with a ``pk:`` class other than the numbers, claims and vocabulary
in :data:`NOT_DRAWN`. What the data *states* is every triple outside the inferred graph: the inferred
inverses and transitive links would only repeat it. :data:`STYLE` is the one table of entity classes,
most specific first: it decides an entity's class (:func:`style_for`) and how the view draws it.
"""

from dataclasses import dataclass

from functools import cached_property

import pyoxigraph as ox

from .namespaces import CONCEPT_IRI, INFERRED_GRAPH_IRI, ONTOLOGY_IRI, PREFIXES
from .report import compact

RDF_TYPE = PREFIXES["rdf"] + "type"
RDFS_LABEL = PREFIXES["rdfs"] + "label"
SKOS_ALT_LABEL = PREFIXES["skos"] + "altLabel"
PROV_DERIVED_FROM = PREFIXES["prov"] + "wasDerivedFrom"
PK = ONTOLOGY_IRI
SOURCE_IRI = PREFIXES["src"]
EVIDENCE = ONTOLOGY_IRI + "evidence"

#: Typed with one of these, a thing is not an entity (no node of the view nor of the network model):
#: numbers and claims are shown on the panel of what they are about; periods and indicators are
#: vocabulary, not actors; drafts (policykg extract's proposals) are never in a built graph.
NOT_DRAWN = frozenset(PK + name for name in (
    "Observation", "Target", "Claim", "StatusClaim", "AwardClaim", "RecognitionClaim", "MilestoneClaim", "Comparison",
    "Period", "Indicator", "Draft",
))

#: A node is "reference only" when no article's graph states it; its source key in the filters.
REFERENCE_ONLY = "ref"

#: The project statuses in the order a project passes through them (CURATING.md), for the filter.
STATUS_ORDER = tuple(CONCEPT_IRI + name for name in (
    "Planned", "Preparatory", "Signed", "Started", "UnderConstruction", "Completed", "InOperation", "InProduction",
))


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
    Style("Institution", "#0e6655", "triangleDown", "院校与研究机构", "school or institute"),
    Style("Platform", "#e84393", "triangleDown", "平台", "platform"),
    Style("Media", "#ba4a00", "dot", "媒体与出版物", "media outlet or publication"),
    Style("Team", "#b784a7", "dot", "团队", "team"),
    Style("Person", "#ff7eb6", "dot", "人物", "person"),
    Style("Award", "#d4ac0d", "star", "奖项", "award"),
    Style("Event", "#cd6155", "diamond", "活动", "event"),
    Style("SourceArticle", "#34495e", "square", "来源文章", "source article"),
    Style("Collection", "#839192", "hexagon", "集合", "named set"),
    Style("Entity", "#aab7b8", "dot", "其他实体", "other entity"),
)
_FALLBACK = STYLE[-1]


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

class Index:
    """What the view and the network model need from the dataset, gathered in one pass over the quads."""

    def __init__(self, quads: list[ox.Quad]):
        self.types: dict[str, set[str]] = {}
        self.label_map: dict[str, dict[str, list[str]]] = {}
        self.graphs: dict[tuple, set[str]] = {}      # (s, p, o) values → source ids that state it
        self.triple_of: dict[tuple, ox.Triple] = {}
        self.mentioned_in: dict[str, set[str]] = {}  # entity-or-not IRI → source ids of graphs mentioning it
        self.out: dict[str, list[ox.Triple]] = {}
        stated_of: dict[tuple, ox.Triple] = {}
        graph_ids: dict[object, tuple[str, bool, bool]] = {}  # graph name → (source id, inferred?, article?)
        for quad in quads:
            s, p, o = quad.subject, quad.predicate, quad.object
            key = (s.value, p.value, str(o))
            self.triple_of.setdefault(key, quad.triple)
            known = graph_ids.get(quad.graph_name)
            if known is None:
                name = quad.graph_name
                known = graph_ids[name] = (source_id(name), isinstance(name, ox.NamedNode) and name.value == INFERRED_GRAPH_IRI,
                                           is_article_graph(name))
            graph, inferred, article = known
            if not inferred:
                stated_of.setdefault(key, quad.triple)
            self.graphs.setdefault(key, set()).add(graph)
            if article:  # not the reference data, nor what the rules inferred
                for term in (s, o):
                    if isinstance(term, ox.NamedNode):
                        self.mentioned_in.setdefault(term.value, set()).add(graph)
            if p.value == RDF_TYPE and isinstance(s, ox.NamedNode):
                self.types.setdefault(s.value, set()).add(o.value)
            elif p.value == RDFS_LABEL and isinstance(o, ox.Literal):
                self.label_map.setdefault(s.value, {}).setdefault(o.language or "", []).append(o.value)
        self.triples = sorted(self.triple_of.values(), key=triple_key)
        #: What the data states, for drawing and for hops: the inferred inverses and transitive links would only repeat it.
        self.stated = sorted(stated_of.values(), key=triple_key)
        for t in self.triples:
            self.out.setdefault(t.subject.value, []).append(t)
        self.incoming: dict[str, list[ox.Triple]] = {}
        for t in self.triples:
            if isinstance(t.object, ox.NamedNode):
                self.incoming.setdefault(t.object.value, []).append(t)
        self.entities = {iri for iri, classes in self.types.items() if is_entity_classes(iri, classes)}

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

    def entity_class(self, iri: str) -> str:
        """The class an entity is shown as: the local name of its most specific pk: class (``Project``)."""
        return style_for(self.types.get(iri, set())).cls

    def alt_labels(self, iri: str) -> list[str]:
        """Every spelling variant (``skos:altLabel``) of ``iri``, from any graph, sorted."""
        return sorted({t.object.value for t in self.out.get(iri, [])
                       if t.predicate.value == SKOS_ALT_LABEL and isinstance(t.object, ox.Literal)})

    def names(self, iri: str) -> list[str]:
        """Every name of ``iri``: its labels in every language and its spelling variants, sorted."""
        labels = {name for names in self.label_map.get(iri, {}).values() for name in names}
        return sorted(labels | set(self.alt_labels(iri)))

    def evidence_in(self, iri: str, source: str) -> list[str]:
        """The ``pk:evidence`` sentences that source ``source`` ("003") gives for ``iri``, sorted."""
        return [t.object.value for t in self.out.get(iri, []) if t.predicate.value == EVIDENCE
                and isinstance(t.object, ox.Literal) and source in self.graphs.get((iri, EVIDENCE, str(t.object)), ())]

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

    def first(self, node, predicate: str):
        """The first object of ``node predicate ?o`` in term order, or None."""
        found = self.values(node, predicate)
        return found[0] if found else None

    def claim_sources(self, node) -> list[str]:
        """The articles a claim or observation comes from: prov:wasDerivedFrom, else the graphs that state it."""
        derived = sorted(source_id(o) for o in self.values(node, PROV_DERIVED_FROM) if isinstance(o, ox.NamedNode))
        return derived or sorted(self.mentioned_in.get(node.value, set()))

    def observation(self, obs) -> dict:
        """One observation or target as a row: id, indicator, period, value as written, status, source, evidence."""
        def iri_of(predicate: str) -> str:
            term = self.first(obs, PK + predicate)
            return compact(term.value) if isinstance(term, ox.NamedNode) else ""
        written = self.first(obs, PK + "valueAsWritten")
        return {"id": compact(obs.value), "ind": iri_of("indicator"), "per": iri_of("period"),
                "v": written.value if written is not None else "", "st": iri_of("status"),
                "src": ",".join(self.claim_sources(obs)), "ev": [e.value for e in self.values(obs, EVIDENCE)]}

    def observation_rows(self, iri: str) -> list[dict]:
        """The observations and targets of ``iri`` as rows (:meth:`observation`), by indicator, period, value, source, id."""
        return sorted((self.observation(o) for o in self.observations_of(iri)),
                      key=lambda row: (row["ind"], row["per"], row["v"], row["src"], row["id"]))

    def close_entities(self, given: str, limit: int = 5) -> list[str]:
        """The entities (prefixed names, sorted, at most ``limit``) whose IRI or label contains what ``given``
        names after its prefix, case ignored: the suggestions for a name that names no entity."""
        needle = given.split(":", 1)[-1].lower()
        return sorted(compact(e) for e in self.entities if needle and (needle in e.lower()
                      or any(needle in label.lower() for label in self.labels(e).values())))[:limit]

    def stated_sources(self, s: str, p: str, o) -> list[str]:
        """The source ids ("000", "ref") whose graph states the triple, without the inferred graph: empty when only the rules find it."""
        return sorted(self.graphs.get((s, p, str(o)), set()) - {source_id(ox.NamedNode(INFERRED_GRAPH_IRI))})

    def stated_out(self, iri: str) -> list[ox.Triple]:
        """The triples the data states with ``iri`` as subject (not the inferred ones), sorted."""
        return self._stated_by_node[0].get(iri, [])

    def stated_in(self, iri: str) -> list[ox.Triple]:
        """The triples the data states with ``iri`` as object (not the inferred ones), sorted."""
        return self._stated_by_node[1].get(iri, [])

    @cached_property
    def _stated_by_node(self) -> tuple[dict[str, list[ox.Triple]], dict[str, list[ox.Triple]]]:
        """:attr:`stated` by subject and by object, made on first use."""
        out: dict[str, list[ox.Triple]] = {}
        incoming: dict[str, list[ox.Triple]] = {}
        for t in self.stated:
            out.setdefault(t.subject.value, []).append(t)
            if isinstance(t.object, ox.NamedNode):
                incoming.setdefault(t.object.value, []).append(t)
        return out, incoming

    def indicators(self) -> list[str]:
        """Every IRI typed ``pk:Indicator``, sorted."""
        return sorted(iri for iri, classes in self.types.items() if PK + "Indicator" in classes)

    def observations_with_indicator(self, indicator: str) -> list:
        """The observations (and targets) whose pk:indicator is ``indicator``."""
        return [t.subject for t in self.incoming.get(indicator, []) if t.predicate.value == PK + "indicator"]



def is_entity_classes(iri: str, classes: set[str]) -> bool:
    """True when ``iri`` is typed with a pk: class that is drawn, and is not itself an ontology term."""
    if iri.startswith(ONTOLOGY_IRI):  # the ontology's own terms and the pkc: concepts
        return False
    pk_classes = {c for c in classes if c.startswith(PK) and not c.startswith(CONCEPT_IRI)}
    return bool(pk_classes) and not pk_classes & NOT_DRAWN


def is_article_graph(graph) -> bool:
    """Whether ``graph`` is a source article's named graph (src:000), which states what the article says."""
    return isinstance(graph, ox.NamedNode) and graph.value.startswith(SOURCE_IRI)


def source_id(graph) -> str:
    """The id of the article whose graph this is ("000"), or "ref" for the default graph."""
    if isinstance(graph, ox.NamedNode):
        return graph.value[len(SOURCE_IRI):] if graph.value.startswith(SOURCE_IRI) else compact(graph.value)
    return REFERENCE_ONLY


def triple_key(t: ox.Triple) -> tuple[str, str, str]:
    """The sort key of a triple: its terms as N-Triples text."""
    return str(t.subject), str(t.predicate), str(t.object)


def unknown_entity_message(given: str, full: str, index: Index) -> str:
    """Explain that ``given`` names no entity, suggesting entities whose name or label contains it."""
    close = index.close_entities(given)
    lines = [f"{given} is not an entity of the graph (looked for <{full}>)"]
    if full in index.types:
        kinds = ", ".join(sorted(compact(c) for c in index.types[full]))
        lines[0] = (f"{given} is a {kinds}, which the view does not draw as a node "
                    "(observations and claims are shown on the panel of the entity they are about)")
    if close:
        lines.append("  did you mean: " + ", ".join(close))
    lines.append("  fix: pass the IRI of an entity, full or prefixed as in the Turtle files (project:wanmo-acoustics-smart-manufacturing)")
    return "\n".join(lines)

