"""The interactive network view: one self-contained HTML page built with pyvis (vis-network).

Nodes and edges are those of the network model (:func:`policykg.network.build_network`): the graph's
entities (anything typed with a ``pk:`` class, except observations, claims, comparisons, periods and
indicators), coloured and shaped by class from :data:`STYLE`, which also makes the legend, and the
stated triples between two entities, named by their property's ``rdfs:label``. pyvis makes the
vis-network nodes and edges and renders the page from our template; the page holds everything it
needs inline (the vis-network script shipped in ``policykg/static/vis-network/``, our styles and
script, the data as JSON) and loads nothing from the network. Each node also carries its betweenness,
PageRank and Louvain community (:func:`policykg.network.analyse`), for the page's switches that size
nodes by a centrality and colour them by community.

A node's panel lists what the data states about it, each fact once: the inferred graph (inverses,
transitive links, super-properties such as ``prov:value``, super-classes) is left out, and a stated
link that points at the node is named by the property's ``owl:inverseOf`` where the ontology has one.
Indicators are not drawn, but the page carries them, each with its observations, so that the search
finds them and opens their panel. Durations (``xsd:duration``) are shown as the article writes them.

The same input always gives the same bytes: every list is sorted, the JSON keys too, and the
layout's and the analysis's random seeds are fixed.
"""

import json
import math
import re
from importlib import resources

import jinja2
import networkx as nx
from markupsafe import Markup
import pyoxigraph as ox
from pyvis.network import Network

from .entities import (  # noqa: F401 - NOT_DRAWN, STYLE, Style, style_for and expand are also this module's API
    EVIDENCE, NOT_DRAWN, PK, PROV_DERIVED_FROM, RDF_TYPE, RDFS_LABEL, REFERENCE_ONLY, SKOS_ALT_LABEL, STYLE, Index, Style,
    expand, style_for, triple_key, unknown_entity_message,
)
from .errors import UsageError
from .namespaces import CONCEPT_IRI, PREFIXES
from .network import analyse, build_network, ego_nodes, group_name, undirected
from .report import compact

#: Properties shown in their own panel sections, not in the property table.
_PANEL_OWN = frozenset((RDF_TYPE, RDFS_LABEL, SKOS_ALT_LABEL, EVIDENCE))

#: Label length (characters) drawn on the canvas; the full label is on the tooltip and the panel.
SHORT_LABEL = 16

#: Labels are drawn on a canvas: name CJK fonts first, so the browser need not search a fallback per glyph.
FONT_FACE = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif"

#: Above this many nodes the view trades layout quality for speed.
BIG_GRAPH = 1500

#: Colours of the communities when the page colours nodes by community, largest community first;
#: the communities past these share :data:`OTHER_COMMUNITY`.
COMMUNITY_COLOURS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf",
    "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d", "#9edae5",
)
OTHER_COMMUNITY = "#d5d8dc"

#: Where the vis-network script is, inside this package (copied from pyvis 0.3.2, with its licence).
VIS_NETWORK_JS = ("static", "vis-network", "vis-network.min.js")

OWL_INVERSE_OF = PREFIXES["owl"] + "inverseOf"
SKOS_DEFINITION = PREFIXES["skos"] + "definition"
XSD_DURATION = PREFIXES["xsd"] + "duration"
XSD_BOOLEAN = PREFIXES["xsd"] + "boolean"

#: Said of a claim but shown elsewhere on its block (the entity it is about, its article).
_CLAIM_OWN = frozenset((PK + "about", PROV_DERIVED_FROM))

#: An ``xsd:duration`` as the articles use it (years, months, weeks, days, hours, minutes, seconds).
_DURATION = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?")
#: The fields of :data:`_DURATION` in words: zh, en singular, en plural.
_DURATION_WORDS = (("年", "year", "years"), ("个月", "month", "months"), ("周", "week", "weeks"), ("天", "day", "days"),
                   ("小时", "hour", "hours"), ("分钟", "minute", "minutes"), ("秒", "second", "seconds"))
#: The unit of a duration observation (pk:unit) and the field of :data:`_DURATION` it counts.
_DURATION_UNIT_FIELD = {CONCEPT_IRI + "Year": 0, CONCEPT_IRI + "Day": 3}


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------

def render_network_html(
    quads: list[ox.Quad], *, selection: list[ox.Triple] | None = None, lang: str = "zh", title: str = "policykg",
) -> bytes:
    """Return the interactive network view of ``quads`` as one self-contained HTML page (UTF-8 bytes).

    ``selection`` is the triples to draw (``None``: every triple the data states, not the inferred ones);
    the entities they mention become nodes and those linking two entities become edges. Labels,
    classes, evidence, claims and observations are looked up in ``quads``, the full dataset. ``lang``
    ("zh" or "en") is the language the page opens in; ``title`` is the page title. Same input, same bytes.
    """
    if lang not in ("zh", "en"):
        raise UsageError(f"unknown language {lang!r}\n  fix: use zh or en")
    index = Index(quads)
    graph = build_network(index=index, selection=selection)
    node_iris = list(graph.nodes)  # in IRI order
    drawn = set(node_iris)
    edges = sorted((s, p, o) for s, o, p in graph.edges(keys=True))
    degree = dict(graph.degree())
    analysis = analyse(graph)
    big = len(node_iris) > BIG_GRAPH

    net = Network(directed=True, cdn_resources="in_line")
    most = max(degree.values(), default=0)
    positions = _spiral_positions(graph) if big else {}
    for iri in node_iris:
        node = _vis_node(index, iri, degree[iri] / most if most else 0.0, lang)
        if big:
            node["x"], node["y"] = positions[node["id"]]
        net.add_node(node.pop("id"), label=node.pop("label"), shape=node.pop("shape"), color=node.pop("color"), **node)
    for n, (s, p, o) in enumerate(edges):
        net.add_edge(compact(s), compact(o), p=compact(p), label=index.label(p, lang), id=n)
    net.options = _vis_options(len(node_iris))
    inverses = _inverses(index)
    info = {compact(iri): _node_info(index, iri, drawn, inverses) for iri in node_iris}
    indicators = _indicators(index)

    payload = {
        "lang": lang,
        "big": big,
        "nodes": net.nodes,
        "edges": net.edges,
        "options": net.options,
        "info": info,
        "inds": indicators,
        "props": {compact(p): index.labels(p) for p in sorted({p for _, p, _ in edges})},
        "terms": _terms(index, info, indicators),
        "style": [{"cls": s.cls, "colour": s.colour, "shape": s.shape, "zh": s.zh, "en": s.en} for s in STYLE],
        "sources": index.sources(),
        "statuses": index.statuses(),
        "metrics": {compact(iri): {"d": degree[iri], "b": analysis.betweenness[iri], "p": analysis.pagerank[iri],
                                   "c": analysis.community_of[iri]} for iri in node_iris},
        "communities": [{"n": g.number, "size": g.size, "zh": group_name(graph, g, "zh"), "en": group_name(graph, g, "en"),
                         "colour": COMMUNITY_COLOURS[g.number - 1] if g.number <= len(COMMUNITY_COLOURS) else OTHER_COMMUNITY}
                        for g in analysis.communities],
        "betweenness": analysis.betweenness_sample or 0,
    }
    # pyvis renders the page: our template, given the title, the script and the data as globals.
    net.templateEnv = _environment(title=title, lang=lang, vis_js=_inline_script(_vis_js()), data_json=_script_json(payload))
    net.path = "view_template.html"
    return net.generate_html().encode("utf-8")


def neighbourhood(quads: list[ox.Quad], iri: str, depth: int) -> list[ox.Triple]:
    """Return the triples within ``depth`` hops of entity ``iri``, sorted, ready for ``selection``.

    ``iri`` is a full IRI or a prefixed name (``project:foo``). Hops follow the triples between two
    entities that the data states (not the inferred ones), in either direction: the nodes of networkx's
    ``ego_graph`` of the network model, undirected. The result holds every such triple between the
    entities reached, and every other triple about them (class, labels, evidence), so that even
    ``depth`` 0 draws the entity itself. Raises :class:`UsageError` if ``iri`` is not an entity of the graph or ``depth`` < 0.
    """
    if depth < 0:
        raise UsageError(f"--depth must be 0 or more, not {depth}\n  fix: pass --depth 1 for the direct neighbours")
    index = Index(quads)
    full = expand(iri)
    if full not in index.entities:
        raise UsageError(unknown_entity_message(iri, full, index))
    graph = build_network(index=index)
    reached = ego_nodes(graph, full, depth) if full in graph else {full}
    kept = [t for t in index.stated if t.subject.value in reached
            and (not index.is_entity(t.object) or t.object.value in reached or t.predicate.value == RDF_TYPE)]
    return sorted(kept, key=triple_key)


# ---------------------------------------------------------------------------------------------
# What the page receives
# ---------------------------------------------------------------------------------------------

def _short(text: str) -> str:
    return text if len(text) <= SHORT_LABEL else text[: SHORT_LABEL - 1] + "…"


def _vis_node(index: Index, iri: str, share: float, lang: str) -> dict:
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


def _spiral_positions(graph) -> dict[str, tuple[float, float]]:
    """Starting positions for a big graph: nodes in breadth-first order (networkx's bfs_edges, neighbours
    in IRI order; components from the node with the most links, ties by IRI) on a sunflower spiral, so
    the layout starts spread out with linked nodes near each other and needs few physics iterations.
    Deterministic; coordinates are rounded to one decimal."""
    simple = undirected(graph)
    degree = dict(graph.degree())
    order: list[str] = []
    seen: set[str] = set()
    for root in sorted(graph, key=lambda iri: (-degree[iri], iri)):
        if root in seen:
            continue
        component = [root] + [v for _, v in nx.bfs_edges(simple, root, sort_neighbors=sorted)]
        seen.update(component)
        order.extend(component)
    golden_angle = math.pi * (3 - math.sqrt(5))
    return {compact(iri): (round(28 * math.sqrt(k) * math.cos(k * golden_angle), 1),
                           round(28 * math.sqrt(k) * math.sin(k * golden_angle), 1))
            for k, iri in enumerate(order)}


def _iterations(nodes: int) -> int:
    """Stabilisation iterations, capped so that a big graph is still drawn within seconds."""
    if nodes <= 150:
        return 300
    return 150 if nodes <= BIG_GRAPH else 40


def _value(index: Index, term, drawn: set[str], holder=None) -> dict:
    """A value for the panel: a drawn node ("n"), an entity not drawn ("e"), another IRI by its label ("i"), or
    text ("t"); a duration or a boolean also in words per language ("w"), the duration as the article writes it
    where ``holder`` (the node the value is said of) lets us find that (:func:`_duration_words`)."""
    if isinstance(term, ox.NamedNode):
        if term.value in drawn:
            return {"n": compact(term.value)}
        return {"e": compact(term.value)} if index.is_entity(term) else {"i": compact(term.value)}
    if isinstance(term, ox.BlankNode):
        return {"t": "_:" + term.value}
    if term.datatype is not None and term.datatype.value == XSD_DURATION:
        words = _duration_words(index, term.value, holder)
        return {"t": term.value, "w": words} if words else {"t": term.value}
    if term.datatype is not None and term.datatype.value == XSD_BOOLEAN and term.value in ("true", "false", "1", "0"):
        yes = term.value in ("true", "1")
        return {"t": term.value, "w": {"zh": "是" if yes else "否", "en": "yes" if yes else "no"}}
    return {"t": term.value}


def duration_text(lexical: str) -> dict[str, str] | None:
    """An ``xsd:duration`` in words: ``P20D`` → ``{"zh": "20天", "en": "20 days"}``; None when it is not one we read.

    >>> duration_text("P1Y6M")
    {'zh': '1年6个月', 'en': '1 year 6 months'}
    """
    match = _DURATION.fullmatch(lexical)
    if not match or not any(match.groups()):
        return None
    parts = [(int(n), words) for n, words in zip(match.groups(), _DURATION_WORDS) if n is not None]
    return {"zh": "".join(f"{n}{zh}" for n, (zh, _, _) in parts),
            "en": " ".join(f"{n} {one if n == 1 else many}" for n, (_, one, many) in parts)}


def _duration_words(index: Index, lexical: str, holder) -> dict[str, str] | None:
    """A duration in words (:func:`duration_text`), its zh as the article writes it where the data keeps that.

    The claims carry the duration as ``xsd:duration`` (``pk:durationFromRegistration "P20D"``); the words the
    article uses are the ``pk:valueAsWritten`` ("20天") of the duration observation (``pk:kind pkc:Duration``)
    that the same sentence gives about the same entity, in a unit that counts the same length. Where exactly
    one such wording exists, it is the zh shown; otherwise the duration is put in words.
    """
    words = duration_text(lexical)
    if words is None or holder is None:
        return words
    fields = _DURATION.fullmatch(lexical).groups()
    sentences = {e.value for e in index.values(holder, EVIDENCE)}
    written = set()
    for entity in index.values(holder, PK + "about") or [holder]:
        for obs in index.observations_of(entity.value) if isinstance(entity, ox.NamedNode) else []:
            kind, unit = index.first(obs, PK + "kind"), index.first(obs, PK + "unit")
            value, text = index.first(obs, PK + "value"), index.first(obs, PK + "valueAsWritten")
            if (kind is None or kind.value != CONCEPT_IRI + "Duration" or text is None or value is None or unit is None
                    or not sentences & {e.value for e in index.values(obs, EVIDENCE)}):
                continue
            field = _DURATION_UNIT_FIELD.get(unit.value)
            counted = [n for k, n in enumerate(fields) if n is not None and k != field]
            if field is not None and fields[field] is not None and not counted and float(value.value) == int(fields[field]):
                written.add(text.value)
    if len(written) == 1:
        return {**words, "zh": written.pop()}
    return words


def _inverses(index: Index) -> dict[str, str]:
    """Each property with an ``owl:inverseOf`` in the data, and its inverse (both ways)."""
    found: dict[str, str] = {}
    for t in index.triples:
        if t.predicate.value == OWL_INVERSE_OF and isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.NamedNode):
            found.setdefault(t.subject.value, t.object.value)
            found.setdefault(t.object.value, t.subject.value)
    return found


def _facts(index: Index, iri: str, drawn: set[str], inverses: dict[str, str]) -> list[dict]:
    """What the data states about ``iri`` and other things, each fact once, as panel rows.

    A row is a property ("p"), a direction ("d": 1 for ``iri p value``, -1 for ``value p iri``), the value ("v")
    and the sources that state it ("s"). Only stated triples count: the inferred graph repeats them as inverses,
    transitive links and super-properties. A stated triple pointing at ``iri`` from another entity is read the
    other way by its property's inverse where there is one (``project reportedUnder keyword`` shows on the keyword
    as ``reports project``), and a fact stated both ways is one row with the sources of both.
    """
    rows: dict[tuple[int, str, str], tuple[ox.Triple, set[str]]] = {}
    for t in index.stated_out(iri):
        if t.predicate.value not in _PANEL_OWN:
            key = (1, t.predicate.value, str(t.object))
            rows.setdefault(key, (t.object, set()))[1].update(index.stated_sources(iri, t.predicate.value, t.object))
    for t in index.stated_in(iri):
        if index.is_entity(t.subject) and t.subject.value != iri:
            inverse = inverses.get(t.predicate.value)
            key = (1, inverse, str(t.subject)) if inverse else (-1, t.predicate.value, str(t.subject))
            rows.setdefault(key, (t.subject, set()))[1].update(index.stated_sources(t.subject.value, t.predicate.value, t.object))
    ordered = sorted(rows.items(), key=lambda item: (-item[0][0], compact(item[0][1]), item[0][2]))
    holder = ox.NamedNode(iri)
    return [{"p": compact(p), "d": d, "v": _value(index, term, drawn, holder), "s": sorted(sources)}
            for (d, p, _), (term, sources) in ordered]


def _node_info(index: Index, iri: str, drawn: set[str], inverses: dict[str, str]) -> dict:
    """Everything the side panel and the filters show for one node."""
    style = style_for(index.types.get(iri, set()))
    labels = index.labels(iri)
    out = index.stated_out(iri)
    alt = [{"t": t.object.value, "l": t.object.language or "", "s": index.stated_sources(iri, SKOS_ALT_LABEL, t.object)}
           for t in out if t.predicate.value == SKOS_ALT_LABEL and isinstance(t.object, ox.Literal)]
    evidence = [{"t": t.object.value, "s": index.stated_sources(iri, EVIDENCE, t.object)}
                for t in out if t.predicate.value == EVIDENCE and isinstance(t.object, ox.Literal)]
    claims = [_claim(index, c, drawn) for c in index.claims_about(iri)]
    statuses = sorted({compact(v.value) for c in index.claims_about(iri) for v in index.values(c, PK + "projectStatus")})
    return {
        "cls": style.cls, "iri": iri, "zh": labels["zh"], "en": labels["en"],
        "short": {"zh": _short(labels["zh"]), "en": _short(labels["en"])},
        "alt": alt, "ev": evidence, "props": _facts(index, iri, drawn, inverses), "claims": claims,
        "obs": index.observation_rows(iri),
        "src": sorted(index.mentioned_in.get(iri, set())) or [REFERENCE_ONLY],
        "st": statuses,
    }


def _claim(index: Index, claim, drawn: set[str]) -> dict:
    """A status or award claim: its class (the one the data states, not its inferred super-classes), what it says
    (stated triples only), its date, its evidence and source."""
    stated = index.stated_out(claim.value)
    classes = sorted(compact(t.object.value) for t in stated if t.predicate.value == RDF_TYPE and t.object.value.startswith(PK))
    classes = classes or sorted(compact(c) for c in index.types.get(claim.value, set()) if c.startswith(PK))
    said = [{"p": compact(t.predicate.value), "v": _value(index, t.object, drawn, claim)}
            for t in stated if t.predicate.value not in _PANEL_OWN and t.predicate.value not in _CLAIM_OWN]
    return {"id": compact(claim.value), "cls": classes[0] if classes else "", "said": said,
            "ev": [e.value for e in index.values(claim, EVIDENCE)], "src": index.claim_sources(claim)}


def _indicators(index: Index) -> dict[str, dict]:
    """Every indicator, for the search and its panel: labels, spelling variants, definition, and its observations
    and targets as rows (:meth:`Index.observation`, with the subject "sub" and kind "k", sources as a list), by period,
    subject, value, id."""
    found = {}
    for iri in index.indicators():
        rows = []
        for obs in index.observations_with_indicator(iri):
            row = index.observation(obs)
            subject = index.first(obs, PK + "subject")
            row.pop("ind")
            kind = index.first(obs, PK + "kind")
            row["sub"] = compact(subject.value) if isinstance(subject, ox.NamedNode) else ""
            row["k"] = compact(kind.value) if isinstance(kind, ox.NamedNode) else ""
            row["src"] = index.claim_sources(obs)
            rows.append(row)
        rows.sort(key=lambda row: (row["per"], row["sub"], row["v"], row["src"], row["id"]))
        definition = {t.object.language or "en": t.object.value for t in sorted(index.stated_out(iri), key=triple_key)
                      if t.predicate.value == SKOS_DEFINITION and isinstance(t.object, ox.Literal)}
        found[compact(iri)] = {**index.labels(iri), "alt": index.alt_labels(iri), "def": definition, "obs": rows}
    return found


def _terms(index: Index, info: dict[str, dict], indicators: dict[str, dict]) -> dict[str, dict[str, str]]:
    """Labels for every IRI the panels name that is neither a drawn node nor an indicator (properties, classes,
    concepts, periods, entities not drawn), found by walking what the panels show."""
    used: set[str] = set()

    def value(v: dict) -> None:
        used.update(v[k] for k in ("e", "i") if k in v)

    for node in info.values():
        for row in node["props"]:
            used.add(row["p"])
            value(row["v"])
        for claim in node["claims"]:
            used.add(claim["cls"])
            for said in claim["said"]:
                used.add(said["p"])
                value(said["v"])
        for row in node["obs"]:
            used.update((row["ind"], row["per"], row["st"]))
    for indicator in indicators.values():
        for row in indicator["obs"]:
            used.update((row["sub"], row["per"], row["st"], row["k"]))
    used -= set(info) | set(indicators) | {""}
    return {name: index.labels(expand(name)) for name in sorted(used)}


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
    """The vis-network script shipped in this package (``static/vis-network/``; vis-network 9.1.2, as pyvis 0.3.2 inlines it)."""
    return resources.files("policykg").joinpath(*VIS_NETWORK_JS).read_text(encoding="utf-8")


def _environment(**page) -> jinja2.Environment:
    """The jinja2 environment pyvis renders our page template in: autoescaping on (every value not marked
    safe is HTML-escaped), the template read from this package, and ``page`` (title, lang, script, data)
    as globals, since pyvis passes only its own variables to the template."""
    def load(name: str) -> str:
        return resources.files("policykg").joinpath(name).read_text(encoding="utf-8")
    environment = jinja2.Environment(loader=jinja2.FunctionLoader(load), autoescape=True, keep_trailing_newline=True)
    environment.globals.update(page)
    return environment
