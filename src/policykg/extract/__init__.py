"""Drafts of claims from a new report: ``policykg extract REPORT.txt --source-id ID -o FILE.ttl``.

A report's text becomes a :class:`~.draft.Draft`: the measures it states (:mod:`.measures`), the names
it uses (:mod:`.names`, matched against the graph's own names: :mod:`.gazetteer`) and the relations its
patterns state (:mod:`.relations`). :mod:`.turtle` writes the draft as Turtle that the strict loader
reads, every proposal typed ``pk:Draft`` with its confidence and the rule that made it, for a curator to
review. Everything here is rules over data the package holds (the graph's names, the project's numeral
reader); the optional taggers (:mod:`.tagger`, THULAC and jieba) ship their models. Nothing is downloaded.
"""

from .draft import Draft, NameProposal
from .gazetteer import Gazetteer
from .measures import find_observations
from .names import find_name_proposals
from .relations import find_relations


def extract(text: str, source_id: str, gazetteer: Gazetteer, title: str | None = None, date: str | None = None,
            url: str | None = None, tagger: str | None = None) -> Draft:
    """The draft of ``text`` (a report, read as UTF-8) as source ``source_id``, names matched in ``gazetteer``.

    ``date`` (YYYY-MM-DD) is the report's date: the year of a period no sentence and no 20xx年 of the
    report gives. ``tagger`` (``thulac`` or ``jieba``) adds that tagger's proper nouns to the name candidates
    (see :mod:`.tagger`).
    """
    spans = None
    if tagger:
        from .tagger import tagger_spans

        spans = tagger_spans(text, tagger)
    names = find_name_proposals(text, gazetteer, spans, tagger or "thulac")
    draft = Draft(source_id, text, title, date, url)
    draft.names = names
    draft.observations = find_observations(text, gazetteer, names, date)
    draft.relations = find_relations(text, names, gazetteer)
    draft.names = sorted(names + _names_of_new_ends(text, draft), key=lambda p: (p.start, p.end))
    return draft


def _names_of_new_ends(text: str, draft: Draft) -> list[NameProposal]:
    """A name proposal for each new entity a relation or an observation points at that no name proposal
    defines (the set 8个千亿级产业集群 of a list, a list's member, a portfolio a count opens), where its
    evidence writes it: a curator can only accept a relation or a subject whose ends the draft names."""
    named = {name.ref.key for name in draft.names}
    found = []
    ends = [(r.subject, r.evidence, r.confidence, r.rule) for r in draft.relations]
    ends += [(r.object, r.evidence, r.confidence, r.rule) for r in draft.relations]
    ends += [(o.subject, o.sentence, o.confidence, o.rule) for o in draft.observations]
    for ref, evidence, confidence, rule in ends:
        if ref.iri is not None or ref.key in named:
            continue
        at = text.find(evidence)
        start = text.find(ref.name, max(at, 0))
        if start < 0:
            continue  # a name the report does not write as such: the curator names it (correct subject=…)
        named.add(ref.key)
        found.append(NameProposal(start, start + len(ref.name), ref.name, ref, "new", evidence, confidence, rule))
    return found


__all__ = ["Draft", "Gazetteer", "extract"]
