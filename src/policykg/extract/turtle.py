"""A :class:`~.draft.Draft` as Turtle: the CURATING.md prefix block, then one block per proposal.

Every block is typed ``pk:Draft`` and carries ``pk:confidence`` and ``pk:proposedBy`` (the rule or
model), ``prov:wasDerivedFrom`` the report and its verbatim ``pk:evidence``; what it proposes is said by
``pk:proposedClass`` (pk:Observation, pk:Target, pk:Project…), never by typing the node itself, so that no
query over curated classes can take a draft for a fact (and ``ontology/shapes.ttl`` refuses any
``pk:Draft`` in the curated data). Names are ``pk:about`` the entity they name, an existing one or a new
IRI ``<prefix>:draft-<source>-<n>``, with ``pk:matchKind`` exact, variant, close or new; relations are
``rdf:Statement``s. The output is deterministic: the same report gives the same bytes.
"""

from decimal import Decimal

from ..namespaces import CLASS_PREFIX
from ..turtle_text import prefix_block, turtle_number, turtle_string, turtle_term
from .draft import Draft, Ref


def draft_turtle(draft: Draft) -> str:
    """The draft as Turtle text (UTF-8 when encoded), deterministic."""
    source = draft.source_id
    minted: dict[str, str] = {}

    def term(ref: Ref) -> str:
        if ref.iri:
            return turtle_term(ref.iri)
        if ref.key not in minted:
            prefix = CLASS_PREFIX.get(ref.cls, "hy")
            minted[ref.key] = f"{prefix}:draft-{source}-e{len(minted) + 1:03d}"
        return minted[ref.key]

    lines = [f"# Draft claims of the report {source}" + (f": {_comment(draft.title)}" if draft.title else "") + ".",
             "# Written by policykg extract. Nothing here is curated: every block is a pk:Draft proposal with its",
             "# confidence and the rule or model that proposed it. Review each one, rewrite it in the shapes of",
             "# CURATING.md (without pk:Draft, pk:confidence, pk:proposedBy) and only then move it into triples/.",
             ""]
    lines += prefix_block().splitlines()
    lines.append("")
    header = [f"claim:draft-{source} a pk:Draft ;", "    pk:proposedClass pk:SourceArticle ;"]
    if draft.title:
        header.append(f"    dcterms:title {turtle_string(draft.title)}@zh ;")
    if draft.date:
        header.append(f'    dcterms:date "{draft.date}"^^xsd:date ;')
    if draft.url:
        header.append(f"    dcterms:source {turtle_string(draft.url)} ;")
    header.append("    pk:proposedBy \"policykg extract\" ;")
    header.append(f"    prov:wasDerivedFrom src:{source} .")
    lines += header + [""]

    seen_names = set()
    number = 0
    for name in draft.names:
        key = (name.ref.key, name.text)
        if key in seen_names:
            continue
        seen_names.add(key)
        number += 1
        lines += _block(f"claim:draft-{source}-name-{number:03d}", [
            ("pk:about", term(name.ref)),
            ("pk:proposedClass", f"pk:{name.ref.cls}"),
            ("pk:matchKind", turtle_string(name.match)),
            ("rdfs:label", turtle_string(name.text) + "@zh"),
        ], name.confidence, name.rule, source, name.evidence)
    indicators: dict[str, str] = {}
    for index, proposal in enumerate(draft.observations, start=1):
        if proposal.indicator:
            indicator = turtle_term(proposal.indicator)
        else:
            if proposal.indicator_label not in indicators:
                indicators[proposal.indicator_label] = f"ind:draft-{source}-i{len(indicators) + 1:03d}"
                lines += _block(f"claim:draft-{source}-indicator-{len(indicators):03d}", [
                    ("pk:about", indicators[proposal.indicator_label]),
                    ("pk:proposedClass", "pk:Indicator"),
                    ("pk:matchKind", '"new"'),
                    ("rdfs:label", turtle_string(proposal.indicator_label) + "@zh"),
                ], 0.3, "rule:indicator-words-before-number", source, proposal.evidence)
            indicator = indicators[proposal.indicator_label]
        fields = [
            ("pk:proposedClass", "pk:Target" if proposal.status == "Target" else "pk:Observation"),
            ("pk:indicator", indicator),
            ("pk:subject", term(proposal.subject)),
        ]
        if proposal.period:
            fields.append(("pk:period", f"period:{proposal.period}"))
        fields += [("pk:kind", f"pkc:{proposal.kind}"), ("pk:status", f"pkc:{proposal.status}")]
        if proposal.commitment:
            fields.append(("pk:commitment", f"pkc:{proposal.commitment}"))
        if proposal.stated_by:
            fields.append(("pk:statedBy", term(proposal.stated_by)))
        fields += [("pk:comparator", f"pkc:{proposal.comparator}"), ("pk:valueAsWritten", turtle_string(proposal.written)),
                   ("pk:value", turtle_number(proposal.value)), ("pk:unit", f"pkc:{proposal.unit}")]
        if proposal.rank is not None:
            fields.append(("pk:rank", str(proposal.rank)))
        if proposal.order_of_reaching is not None:
            fields.append(("pk:orderOfReaching", str(proposal.order_of_reaching)))
        if proposal.rank_scope:
            fields.append(("pk:rankScope", turtle_term(proposal.rank_scope)))
        for comparison in proposal.comparisons:
            inner = ["a pk:Comparison"]
            if comparison.compared_to:
                inner.append(f"pk:comparedTo {turtle_term(comparison.compared_to)}")
            inner += [f"pk:valueAsWritten {turtle_string(comparison.written)}", f"pk:difference {turtle_number(comparison.difference)}",
                      f"pk:unit pkc:{comparison.unit}"]
            fields.append(("pk:comparison", "[ " + " ; ".join(inner) + " ]"))
        lines += _block(f"obs:draft-{source}-{index:03d}", fields, proposal.confidence, proposal.rule, source, proposal.evidence)
    for index, relation in enumerate(draft.relations, start=1):
        lines += _block(f"claim:draft-{source}-relation-{index:03d}", [
            ("a", "rdf:Statement"),
            ("rdf:subject", term(relation.subject)),
            ("rdf:predicate", f"pk:{relation.predicate}"),
            ("rdf:object", term(relation.object)),
        ], relation.confidence, relation.rule, source, relation.evidence)
    return "\n".join(lines).rstrip("\n") + "\n"


def _block(subject: str, fields: list[tuple[str, str]], confidence: float, rule: str, source: str, evidence: str) -> list[str]:
    types = ["pk:Draft"] + [value for name, value in fields if name == "a"]
    rest = [(name, value) for name, value in fields if name != "a"]
    rest += [("pk:confidence", turtle_number(Decimal(str(confidence)))), ("pk:proposedBy", turtle_string(rule)),
             ("prov:wasDerivedFrom", f"src:{source}"), ("pk:evidence", turtle_string(evidence) + "@zh")]
    lines = [f"{subject} a {' , '.join(types)} ;"]
    lines += [f"    {name} {value} ;" for name, value in rest[:-1]]
    lines.append(f"    {rest[-1][0]} {rest[-1][1]} .")
    return lines + [""]


def _comment(text: str) -> str:
    return " ".join(text.split())
