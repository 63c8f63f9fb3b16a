"""What an extraction proposes, as plain data: the :class:`Draft` of one report.

Nothing here is a curated fact. Every proposal carries the confidence of the rule that made it and
the rule's name (``rule:…``, ``gazetteer:…``, ``model:thulac…``), and is written as a ``pk:Draft``
(:mod:`.turtle`), which the graph's checks refuse until a curator has reviewed it.
"""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Ref:
    """What a proposal points at: an existing entity (``iri``) or a new one named ``name`` of class ``cls``."""

    name: str
    iri: str | None = None
    cls: str = "Entity"

    @property
    def key(self) -> str:
        """The entity's IRI, or ``new:<name>`` for a proposed new one."""
        return self.iri or f"new:{self.name}"


@dataclass(frozen=True)
class Comparison:
    """A stated comparison of a value: with what (an area or period IRI), the difference as written and read."""

    compared_to: str | None
    written: str
    difference: Decimal
    unit: str


@dataclass(frozen=True)
class ObservationProposal:
    """A number that states a measure, with everything the sentence says about it.

    ``start``/``end`` locate ``written`` in the report; ``evidence`` is the clause (verbatim) that holds
    it. Units, kinds, statuses, comparators and commitments are local names of ``pkc:`` concepts;
    ``period`` is the local name of a ``period:`` IRI (``2020-01_2020-06``); the indicator is an
    existing IRI or None with ``indicator_label`` proposing a new one.
    """

    start: int
    end: int
    written: str
    value: Decimal
    unit: str
    kind: str
    status: str
    comparator: str
    period: str | None
    subject: Ref
    indicator: str | None
    indicator_label: str
    evidence: str
    evidence_start: int
    commitment: str | None = None
    stated_by: Ref | None = None  # a target's measure: the numbered measure heading its section opens with
    rank: int | None = None
    rank_scope: str | None = None
    comparisons: tuple[Comparison, ...] = ()
    confidence: float = 0.5
    rule: str = "rule:number"
    order_of_reaching: int | None = None  # 全省第二个…达…: the value is the second in the scope to reach it
    context: str = ""  # the words around the number (not written): two statements of one number share them
    sentence: str = ""  # the sentence read across page breaks (not written)


@dataclass(frozen=True)
class NameProposal:
    """A name found in the report: where, as written, and the entity it names (existing or new).

    ``match`` is ``exact`` (an entity's label), ``variant`` (a known altLabel), ``close`` (a near
    spelling of a known name, proposed as a new variant) or ``new`` (a new entity of class ``ref.cls``).
    """

    start: int
    end: int
    text: str
    ref: Ref
    match: str
    evidence: str
    confidence: float
    rule: str


@dataclass(frozen=True)
class RelationProposal:
    """A relation ``subject predicate object`` (predicate a ``pk:`` local name) that a pattern states."""

    subject: Ref
    predicate: str
    object: Ref
    evidence: str
    confidence: float
    rule: str


@dataclass
class Draft:
    """The proposals of one report, in reading order, with what identifies the report."""

    source_id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    observations: list[ObservationProposal] = field(default_factory=list)
    names: list[NameProposal] = field(default_factory=list)
    relations: list[RelationProposal] = field(default_factory=list)
