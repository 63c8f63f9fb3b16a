"""The entity page ``/entity/{prefix}:{local}`` (and ``/entity?iri=<full IRI>``), each with its JSON twin
(``/entity/project:x.json``, ``/entity.json?iri=…``).

Everything the articles say about one thing: its zh and en names and its class; every spelling
variant with the articles that write it; the sentences that mention it; every relation either way,
shown once and in the direction an article states it (the rules' graph ``hy:inferred`` repeats stated
facts as inverses and super-properties: an inferred relation is shown only when no stated one links
the same two things, such as a transitive located-in); the numbers about it (observations and
targets); and the status, award, recognition and milestone claims about it, in date order. Every fact
names its articles, and every quoted sentence links to its article with that sentence highlighted
(:mod:`policykg.web.source_page`). A name that names nothing is answered 404 with the closest entities.
"""

import re
from urllib.parse import quote

import pyoxigraph as ox

from ..entities import (EVIDENCE, PK, PROV_DERIVED_FROM, RDF_TYPE, RDFS_LABEL, REFERENCE_ONLY, SKOS_ALT_LABEL,
                        SOURCE_IRI, Index, expand, style_for)
from ..namespaces import CONCEPT_IRI, INFERRED_GRAPH_IRI, PREFIXES
from ..network import relation_evidence
from ..report import compact
from ..workers import Answer
from .layout import PageRequest, page
from .workbench import entity_path

#: The source id under which :meth:`Index.sources_of` lists the rules' graph.
INFERRED = compact(INFERRED_GRAPH_IRI)
PROV_VALUE = PREFIXES["prov"] + "value"
REPORTED_UNDER = PK + "reportedUnder"
#: Not shown as relations: the class (shown as the class), the names and the sentences (their own sections).
HIDDEN = frozenset({RDF_TYPE, RDFS_LABEL, SKOS_ALT_LABEL, EVIDENCE, PROV_VALUE})
#: What ties a claim or an observation to its keyword section and its article: not a role it gives an entity.
BOOKKEEPING = frozenset({REPORTED_UNDER, PROV_DERIVED_FROM})
CLAIM_CLASSES = tuple(PK + name for name in ("StatusClaim", "AwardClaim", "RecognitionClaim", "MilestoneClaim"))
OBSERVATION_CLASSES = frozenset({PK + "Observation", PK + "Target"})
#: Claims and observations are records about entities, shown in their own tables, not as related things.
RECORD_CLASSES = frozenset({*CLAIM_CLASSES, *OBSERVATION_CLASSES, PK + "Claim", PK + "Comparison"})
#: The properties of a claim in the order its row lists them; any other follows, by name.
CLAIM_FACTS = tuple(PK + name for name in (
    "projectStatus", "intendedStatus", "commitment", "modality", "award", "recognition", "recognisedBy",
    "recognitionScope", "record", "recordScope", "scope", "durationFromRegistration", "consecutiveYears",
    "repeated", "batch", "destination", "about"))
#: A claim's date: the first of these it has.
CLAIM_DATES = (PK + "date", PREFIXES["dcterms"] + "date", PK + "year")
#: Names of the W3C terms the data uses that the ontology does not label (our own terms all have labels).
W3C_LABELS = {
    "dcterms:title": ("标题", "title"), "dcterms:date": ("日期", "date"), "dcterms:issued": ("发布日期", "issued"),
    "dcterms:language": ("语言", "language"), "dcterms:alternative": ("副标题", "alternative title"),
    "dcterms:isReplacedBy": ("已由…取代", "replaced by"), "dcterms:replaces": ("取代", "replaces"),
    "dcterms:hasPart": ("包含", "has part"), "dcterms:isPartOf": ("属于", "is part of"),
    "dcterms:creator": ("创建者", "creator"), "owl:sameAs": ("等同于", "same as"),
    "prov:wasDerivedFrom": ("出自", "derived from"), "prov:atLocation": ("位于", "at location"),
    "prov:wasAssociatedWith": ("相关方", "associated with"), "rdfs:comment": ("说明", "comment"),
    "rdfs:seeAlso": ("另见", "see also"), "skos:broader": ("上位概念", "broader"),
    "skos:definition": ("定义", "definition"), "skos:inScheme": ("所属概念体系", "in scheme"),
    "skos:exactMatch": ("完全对应", "exact match"), "skos:closeMatch": ("近似对应", "close match"),
    "qb:measureType": ("度量类型", "measure type"), "owl:deprecated": ("已弃用", "deprecated"),
    "dcterms:license": ("许可", "licence"),
}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_DURATION = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?")
#: The parts of an xsd:duration in order: the zh unit, the en unit, and the pkc: unit an observation would use.
_DURATION_UNITS = (("年", "year", "Year"), ("个月", "month", None), ("周", "week", None), ("天", "day", "Day"),
                   ("小时", "hour", None), ("分钟", "minute", None), ("秒", "second", None))


# ---------------------------------------------------------------------------------------------
# Terms as shown: labels for IRIs, readable text for literals
# ---------------------------------------------------------------------------------------------

def page_of(iri: str) -> str:
    """The page that shows ``iri``: an indicator's ``/indicator/{local}``, an article's ``/source/{id}``, else its entity page."""
    indicator = PREFIXES["ind"]
    if iri.startswith(indicator) and iri != indicator:
        return "/indicator/" + quote(iri[len(indicator):], safe="")
    if iri.startswith(SOURCE_IRI) and re.fullmatch(r"[A-Za-z0-9_-]+", iri[len(SOURCE_IRI):]):
        return "/source/" + iri[len(SOURCE_IRI):]
    return entity_path(iri)


def term(index: Index, node) -> dict:
    """One term as shown: an IRI as its prefixed name, zh and en labels and its page; a literal as its
    lexical value, datatype and readable text in zh and en (dates as dates, durations as 20天 / 20 days)."""
    if isinstance(node, ox.NamedNode):
        return {"iri": compact(node.value), **index.labels(node.value), "page": page_of(node.value)}
    if isinstance(node, ox.Literal):
        zh, en = literal_text(node)
        shown = {"value": node.value, "datatype": compact(node.datatype.value)}
        if node.language:
            shown["lang"] = node.language
        return {**shown, "zh": zh, "en": en}
    return {"zh": "（空白节点）", "en": "(blank node)"}


def property_term(index: Index, iri: str) -> dict:
    """A property with its labels: the ontology's, else the name of a W3C term, else its prefixed name."""
    labels = index.labels(iri)
    name = compact(iri)
    if labels["zh"] == name and name in W3C_LABELS:
        labels = dict(zip(("zh", "en"), W3C_LABELS[name]))
    return {"iri": name, **labels}


def literal_text(literal: ox.Literal) -> tuple[str, str]:
    """A literal as read in zh and in en: xsd:date 2020-03-03 as 2020年3月3日 / 3 March 2020, a gYear as
    2020年 / 2020, a duration P20D as 20天 / 20 days, a boolean as 是 / yes; anything else as written.

    >>> literal_text(ox.Literal("2020-03-03", datatype=ox.NamedNode(PREFIXES["xsd"] + "date")))
    ('2020年3月3日', '3 March 2020')
    >>> literal_text(ox.Literal("P20D", datatype=ox.NamedNode(PREFIXES["xsd"] + "duration")))
    ('20天', '20 days')
    """
    value, datatype = literal.value, literal.datatype.value[len(PREFIXES["xsd"]):]
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if datatype == "date" and match and match.group(3):
        year, month, day = match.group(1), int(match.group(2)), int(match.group(3))
        if 1 <= month <= 12:
            return f"{year}年{month}月{day}日", f"{day} {_MONTHS[month - 1]} {year}"
    if datatype == "gYearMonth" and match and match.group(2) and not match.group(3) and 1 <= int(match.group(2)) <= 12:
        year, month = match.group(1), int(match.group(2))
        return f"{year}年{month}月", f"{_MONTHS[month - 1]} {year}"
    if datatype == "gYear" and match and not match.group(2):
        return f"{value}年", value
    if datatype == "duration":
        parts = duration_parts(value)
        if parts:
            return ("".join(f"{n}{_DURATION_UNITS[i][0]}" for i, n in parts),
                    " ".join(f"{n} {_DURATION_UNITS[i][1]}{'' if n == '1' else 's'}" for i, n in parts))
    if datatype == "boolean" and value in ("true", "false", "1", "0"):
        return ("是", "yes") if value in ("true", "1") else ("否", "no")
    return value, value


def duration_parts(value: str) -> list[tuple[int, str]]:
    """The non-zero parts of an xsd:duration as (position in _DURATION_UNITS, number); empty when it is not one.

    >>> duration_parts("P1Y20D")
    [(0, '1'), (3, '20')]
    """
    match = _DURATION.fullmatch(value)
    if not match or value in ("P", "PT") or value.endswith("T"):
        return []
    return [(i, number) for i, number in enumerate(match.groups()) if number is not None and float(number) != 0]


def written_duration(index: Index, node, literal: ox.Literal) -> str | None:
    """How the article writes the duration ``literal`` of ``node`` (a claim): the value as written of an
    observation of the same thing, of the same length, quoting the same sentence ("20天"); else None."""
    parts = duration_parts(literal.value)
    if len(parts) != 1 or _DURATION_UNITS[parts[0][0]][2] is None:
        return None
    position, number = parts[0]
    unit = ox.NamedNode(CONCEPT_IRI + _DURATION_UNITS[position][2])
    sentences = {e.value for e in index.values(node, EVIDENCE)}
    things = [node.value] + [o.value for o in index.values(node, PK + "about") if isinstance(o, ox.NamedNode)]
    for thing in things:
        for obs in sorted(index.observations_of(thing), key=str):
            value, written = index.first(obs, PK + "value"), index.first(obs, PK + "valueAsWritten")
            if (written is not None and value is not None and index.first(obs, PK + "unit") == unit
                    and _number(value.value) == float(number)
                    and sentences & {e.value for e in index.values(obs, EVIDENCE)}):
                return written.value
    return None


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def value_term(index: Index, subject, node) -> dict:
    """The object ``node`` of a statement about ``subject`` as shown; a duration as the article writes it when it can."""
    shown = term(index, node)
    if isinstance(node, ox.Literal) and shown["datatype"] == "xsd:duration":
        written = written_duration(index, subject, node)
        if written:
            shown.update(zh=written, en=written, as_written=True)
    return shown


# ---------------------------------------------------------------------------------------------
# Sources and sentences
# ---------------------------------------------------------------------------------------------

def source_link(source: str, sentence: str | None = None) -> dict:
    """A source id with the page that shows it: the article, with ``sentence`` highlighted when given;
    the reference data (``ref``) has no page."""
    if source == REFERENCE_ONLY:
        return {"source": source, "sentence": None, "page": None}
    path = "/source/" + quote(source, safe="")
    if sentence:
        path += "?hl=" + quote(sentence, safe="") + "#hl"
    return {"source": source, "sentence": sentence, "page": path}


def stated_sources(index: Index, s: str, p: str, o) -> list[str]:
    """The articles (and ``ref``) that state ``s p o``; empty when only the rules infer it."""
    return [source for source in index.sources_of(s, p, o) if source != INFERRED]


def sentences(index: Index, node, predicate: str = EVIDENCE) -> list[dict]:
    """The literals of ``node predicate ?o`` (its evidence sentences, its variants), each with the articles
    that write it and a link to each with the text highlighted, by first article then text."""
    found = []
    for literal in index.values(node, predicate):
        if isinstance(literal, ox.Literal):
            sources = stated_sources(index, node.value, predicate, literal)
            found.append({"text": literal.value, "sources": [source_link(s, literal.value) for s in sources]})
    return sorted(found, key=lambda row: ([s["source"] for s in row["sources"]], row["text"]))


def record_sentences(index: Index, node) -> list[dict]:
    """The evidence of a claim or observation, each sentence linked to the article(s) it comes from."""
    rows = sentences(index, node)
    derived = index.claim_sources(node)
    for row in rows:
        if not any(s["page"] for s in row["sources"]):
            row["sources"] = [source_link(s, row["text"]) for s in derived]
    return rows


# ---------------------------------------------------------------------------------------------
# Relations, observations, claims
# ---------------------------------------------------------------------------------------------

def is_record(index: Index, node) -> bool:
    """True for a claim, an observation or a comparison (or a blank node): a record about entities, not one."""
    return not isinstance(node, ox.NamedNode) or bool(index.types.get(node.value, set()) & RECORD_CLASSES)


def relations(index: Index, iri: str) -> tuple[list[dict], list[dict]]:
    """The relations of ``iri`` either way: those the data states, each once in its stated direction with
    the articles stating it, outgoing first; then what only the rules infer and no stated relation
    already says of the same two things (a transitive located-in, not an inverse or a super-property)."""
    stated, candidates, linked = [], [], set()
    for t in index.out.get(iri, []):
        if t.predicate.value in HIDDEN:
            continue
        sources = stated_sources(index, iri, t.predicate.value, t.object)
        if sources:
            stated.append(_relation(index, "out", t, sources))
            if isinstance(t.object, ox.NamedNode):
                linked.add(t.object.value)
        elif isinstance(t.object, ox.NamedNode) and not is_record(index, t.object):
            candidates.append(("out", t))
    for t in index.incoming.get(iri, []):
        if t.predicate.value in HIDDEN or is_record(index, t.subject) or t.subject.value == iri:
            continue
        sources = stated_sources(index, t.subject.value, t.predicate.value, t.object)
        if sources:
            stated.append(_relation(index, "in", t, sources))
            linked.add(t.subject.value)
        else:
            candidates.append(("in", t))
    inferred, seen = [], set(linked)
    # one row per other end: outgoing before incoming, our own properties before the W3C super-properties
    for direction, t in sorted(candidates, key=lambda c: (c[0] != "out", not c[1].predicate.value.startswith(PK), str(c[1]))):
        other = (t.object if direction == "out" else t.subject).value
        if other not in seen:
            seen.add(other)
            inferred.append(_relation(index, direction, t, []))
    return sorted(stated, key=_relation_order), sorted(inferred, key=_relation_order)


def _relation_order(row: dict) -> tuple:
    """Outgoing first, then by property and by the other end's IRI (a literal by its value)."""
    value = row["value"]
    return row["direction"] != "out", row["property"]["iri"], value.get("iri", ""), value.get("value", "")


def _relation(index: Index, direction: str, t: ox.Triple, sources: list[str]) -> dict:
    """One relation row: its direction, property, the other end, and each stating article with its sentence."""
    s, p, o = t.subject.value, t.predicate.value, t.object
    other = o if direction == "out" else t.subject
    links = []
    for source in sources:
        if isinstance(o, ox.NamedNode):
            sentence = relation_evidence(index, s, o.value, source).sentence
        else:
            sentence = next((e for e in index.evidence_in(s, source) if o.value in e), None)
        links.append(source_link(source, sentence))
    return {"direction": direction, "property": property_term(index, p), "value": value_term(index, t.subject, other),
            "sources": links}


def observations(index: Index, iri: str) -> list[dict]:
    """The observations and targets that measure ``iri`` (pk:subject) or name it otherwise (rank scope,
    exclusion…: its ``role``), subject first, by indicator, period, value, article."""
    rows = []
    for t in index.incoming.get(iri, []):
        obs = t.subject
        if (not index.types.get(obs.value, set()) & OBSERVATION_CLASSES or t.predicate.value in BOOKKEEPING
                or not stated_sources(index, obs.value, t.predicate.value, t.object)):
            continue
        role = None if t.predicate.value == PK + "subject" else property_term(index, t.predicate.value)
        rows.append(observation_row(index, obs, role))
    return sorted(rows, key=lambda row: (row["role"] is not None, row["role"] and row["role"]["iri"] or "",
                                         row["indicator"] and row["indicator"]["iri"] or "",
                                         row["period"] and row["period"]["iri"] or "", row["value"], row["sources"], row["id"]))


def observation_row(index: Index, obs, role: dict | None) -> dict:
    """One observation: indicator, period, value as written, unit, status, commitment, comparator, articles, evidence."""
    def named(name: str):
        found = index.first(obs, PK + name)
        return term(index, found) if isinstance(found, ox.NamedNode) else None
    written = index.first(obs, PK + "valueAsWritten")
    return {"id": compact(obs.value), "role": role, "indicator": named("indicator"), "period": named("period"),
            "value": written.value if written is not None else "", "unit": named("unit"), "status": named("status"),
            "commitment": named("commitment"), "comparator": named("comparator"),
            "sources": index.claim_sources(obs), "evidence": record_sentences(index, obs)}


def claims(index: Index, iri: str) -> list[dict]:
    """The status, award, recognition and milestone claims about ``iri`` (pk:about), and those naming it in
    another role (the award, who recognised it…), in date order; undated claims last."""
    roles: dict[str, tuple[ox.NamedNode, set[str]]] = {}
    for t in index.incoming.get(iri, []):
        claim = t.subject
        if (any(c in index.types.get(claim.value, set()) for c in CLAIM_CLASSES) and t.predicate.value not in BOOKKEEPING
                and stated_sources(index, claim.value, t.predicate.value, t.object)):
            roles.setdefault(claim.value, (claim, set()))[1].add(t.predicate.value)
    rows = []
    for claim, predicates in roles.values():
        role = None if PK + "about" in predicates else property_term(index, min(predicates, key=compact))
        rows.append(claim_row(index, claim, iri, role))
    return sorted(rows, key=lambda row: (row["when"] is None, row["when"] and row["when"]["value"] or "",
                                         row["kind"]["iri"], row["sources"], row["id"]))


def claim_row(index: Index, claim, about: str, role: dict | None) -> dict:
    """One claim: its kind, date (or year), every property it has (status, modality, award…) but the
    entity ``about`` whose page lists it, its articles and evidence."""
    classes = index.types.get(claim.value, set())
    kind = next(c for c in CLAIM_CLASSES if c in classes)
    when = next((found for found in (index.first(claim, p) for p in CLAIM_DATES) if found is not None), None)
    shown_elsewhere = {RDF_TYPE, EVIDENCE, PROV_VALUE, PROV_DERIVED_FROM, REPORTED_UNDER, *CLAIM_DATES}
    properties = sorted({t.predicate.value for t in index.out.get(claim.value, [])
                         if t.predicate.value not in shown_elsewhere and stated_sources(index, claim.value, t.predicate.value, t.object)},
                        key=lambda p: (CLAIM_FACTS.index(p) if p in CLAIM_FACTS else len(CLAIM_FACTS), compact(p)))
    facts = []
    for p in properties:
        values = [value_term(index, claim, o) for o in index.values(claim, p)
                  if not (isinstance(o, ox.NamedNode) and o.value == about)]
        if values:
            facts.append({"property": property_term(index, p), "values": values})
    return {"id": compact(claim.value), "kind": term(index, ox.NamedNode(kind)), "role": role,
            "when": term(index, when) if when is not None else None, "facts": facts,
            "sources": index.claim_sources(claim), "evidence": record_sentences(index, claim)}


# ---------------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------------

def entity_class(index: Index, iri: str) -> dict:
    """The class ``iri`` is shown as: an entity's from the one style table; otherwise its most specific
    stated pk: class (an indicator, a claim…), named by the ontology."""
    classes = index.types.get(iri, set())
    if iri in index.entities:
        style = style_for(classes)
        return {"iri": "pk:" + style.cls, "zh": style.zh, "en": style.en}
    ours = sorted(c for c in classes if c.startswith(PK) and not c.startswith(CONCEPT_IRI)
                  and stated_sources(index, iri, RDF_TYPE, ox.NamedNode(c)))
    if not ours:
        return {"iri": "", "zh": "（未分类）", "en": "(no class)"}
    return {"iri": compact(ours[0]), **index.labels(ours[0])}


def entity_data(index: Index, iri: str) -> dict:
    """Everything the entity page shows of ``iri``, language-neutral (both labels of everything): its JSON twin."""
    node = ox.NamedNode(iri)
    stated, inferred = relations(index, iri)
    pages = {}
    if page_of(iri) != entity_path(iri):
        pages["indicator" if iri.startswith(PREFIXES["ind"]) else "source"] = page_of(iri)
    return {
        "iri": iri, "id": compact(iri), "labels": index.labels(iri), "class": entity_class(index, iri), "pages": pages,
        "mentioned_in": sorted(index.mentioned_in.get(iri, set())),
        "variants": sentences(index, node, SKOS_ALT_LABEL), "evidence": sentences(index, node),
        "relations": stated, "inferred": inferred,
        "observations": observations(index, iri), "claims": claims(index, iri),
    }


def entity_answer(request: PageRequest, given: str) -> Answer:
    """The page (or JSON) of the thing ``given`` names (a prefixed or full IRI); 404 with the closest entities if none."""
    index = request.workbench.index
    iri = expand(given)
    if not is_iri(iri) or (iri not in index.out and iri not in index.incoming):
        suggestions = [term(index, ox.NamedNode(expand(name))) for name in index.close_entities(given.strip())]
        if given.strip():
            error = request.t(f"没有实体 {given}：图中没有这个 IRI。", f"no entity {given}: the graph has no such IRI.")
        else:
            error = request.t("没有实体：请给出 IRI，如 /entity?iri=… 或 /entity/project:…",
                              "no entity: give an IRI, as /entity?iri=… or /entity/project:…")
        data = {"error": error, "given": given, "suggestions": suggestions}
        return page("entity.html", request, data, status=404, missing=True, href=href_for(request))
    data = entity_data(index, iri)
    json_path = (entity_path(iri) + ".json") if entity_path(iri).startswith("/entity/") else \
        "/entity.json?iri=" + quote(iri, safe="")
    return page("entity.html", request, data, missing=False, href=href_for(request), json_path=json_path)


def is_iri(text: str) -> bool:
    """True when ``text`` is an absolute IRI (a blank node's id, which the index also holds, is not).

    >>> is_iri("https://w3id.org/policykg/hengyang/area/hengyang"), is_iri("a035a0b6"), is_iri("<script>")
    (True, False, False)
    """
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", text):
        return False
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


def href_for(request: PageRequest):
    """``href(path)``: a page path from the data (``/source/003?hl=…#hl``) with the request's language kept."""
    def href(path: str) -> str:
        if request.lang == "zh" or not path:
            return path
        base, hash_, fragment = path.partition("#")
        return f"{base}{'&' if '?' in base else '?'}lang={request.lang}{hash_}{fragment}"
    return href


def entity_by_name(request: PageRequest):
    """``/entity/{prefix}:{local}``: the entity page of a prefixed name."""
    return entity_answer(request, request.match["name"])


def entity_by_iri(request: PageRequest):
    """``/entity?iri=<full IRI or prefixed name>``: the same page, for any IRI."""
    return entity_answer(request, request.param("iri"))


ROUTES = [
    (r"/entity/(?P<name>[^/]+?)(?P<json>\.json)?", entity_by_name),
    (r"/entity(?P<json>\.json)?", entity_by_iri),
]
