"""Reviewing a draft of ``policykg extract``: each proposal decided by a curator, the decided ones written
into the tree as curated Turtle, then checked, all at once or not at all.

The parts, in the order a review uses them:

- :func:`read_draft` reads a draft file (Turtle, every proposal a ``pk:Draft``) with the strict loader
  and turns it into :class:`Proposal` s: the article's entry (``claim:draft-<id>``), names
  (``claim:draft-<id>-name-N``: an entity as written, matched ``exact``, ``variant``, ``close`` or
  ``new``), new indicators (``claim:draft-<id>-indicator-N``), observations (``obs:draft-<id>-N``) and
  relations (``claim:draft-<id>-relation-N``, an ``rdf:Statement``).
- :func:`read_report` reads the report the draft was made from: its text must hold every evidence.
- :func:`read_decisions` / :func:`decisions_text` read and write a decisions file: TSV, one proposal a
  line: its id, ``accept``, ``reject``, ``correct`` or ``skip`` (``a r c s``), then one ``field=value``
  correction a column (``reason=…`` on a rejection allowlists the mention in coverage).
- :func:`plan_review` turns the decisions into the files of the tree that change (:class:`Plan`), in the
  shapes of CURATING.md: the article's text under ``sources/<id>-<slug>.txt`` and its entry in
  ``triples/sources.ttl``; observations and targets, spelling variants (``skos:altLabel``) and
  relations in ``triples/claims/<id>.ttl`` (the article's named graph), each with its evidence and
  ``prov:wasDerivedFrom``; new entities in their domain file under ``triples/reference/`` and new
  indicators in ``indicators.ttl``; rejected mentions with a reason in the coverage allowlist.
- :func:`apply_plan` writes those files (each through a temporary file beside it, then all renamed),
  runs every check ``policykg validate`` runs and the coverage of the new article, and puts every
  file back as it was when any of them fails.
- :func:`describe` shows a proposal beside its sentence (the evidence marked), and
  :func:`interactive_review` asks a curator for each decision, saving the decisions file after each one.
"""

import copy
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox

from .checks import CheckResult
from .coverage import (
    ALLOWLIST,
    ALLOWLIST_COLUMNS,
    Coverage,
    article_coverage,
    find_lists,
    find_names,
    find_numbers,
    format_coverage,
)
from .errors import (
    DataError,
    Location,
    UsageError,
    located_error,
)
from .extract.periods import describe_period
from .extract.segment import MEASURE_HEADING
from .files import restore_files, write_atomically, write_files
from .load import decode_utf8, load_tree, parse_turtle_file, read_input_file
from .namespaces import CLASS_PREFIX, CONCEPT_IRI, HENGYANG_IRI, ONTOLOGY_IRI, PREFIXES
from .numerals import chinese_numeral, plain, read_number
from .report import compact
from .text import without_marks
from .tree import CLAIMS_FOLDER, SOURCES_DESCRIPTION, Tree
from .turtle_text import LOCAL_NAME, prefix_block, turtle_number, turtle_string, turtle_term
from .validation import format_validation, run_checks, validation_report

PK, PKC = ONTOLOGY_IRI, CONCEPT_IRI
RDF = PREFIXES["rdf"]
RDFS = PREFIXES["rdfs"]
SKOS = PREFIXES["skos"]
OWL = PREFIXES["owl"]
DCTERMS = PREFIXES["dcterms"]
PROV = PREFIXES["prov"]
SRC = PREFIXES["src"]
RDF_TYPE = RDF + "type"

#: Where the coverage allowlist is, and the folder of the reference files.
REFERENCE_FOLDER = Path("triples") / "reference"

#: What a curator may decide, by every word a decisions file or the terminal accepts.
DECISION_WORDS = {"a": "accept", "accept": "accept", "r": "reject", "reject": "reject", "c": "correct", "correct": "correct",
                  "s": "skip", "skip": "skip"}
DECIDED = ("accept", "reject", "correct")

#: The fields a correction may set, per kind of proposal, with what each holds.
FIELDS: dict[str, dict[str, str]] = {
    "source": {"title": "the article's title, as printed (zh)", "en": "the English label of the article (required)",
               "label": "its zh label, where it is not the title (a page title and headline joined)",
               "slug": "the file name's words: sources/<id>-<slug>.txt (default: from en)", "date": "the article's date, YYYY-MM-DD",
               "url": "where the article was published (https://…)", "section": "the page's section (zh)", "reporter": "the reporter (zh)"},
    "name": {"iri": "the entity named: an existing IRI, or the IRI of a new entity (default: minted from en)",
             "label": "the zh label of a new entity (its fullest written form; the text, if other and not holding it, becomes "
                      "a variant), or for an existing entity the variant to record as written",
             "en": "the English label of a new entity (required for a new one)", "class": "the class of a new entity (Project, pk:Park…)",
             "evidence": "the verbatim fragment of the report that names it",
             "ordinal": "a new measure's number within its goal (措施一 → 1; by default read from the heading its evidence holds)"},
    "indicator": {"iri": "an existing indicator this is, or the IRI of a new one (default: minted from en)",
                  "label": "the zh label of the new indicator", "en": "its English label (required for a new one)",
                  "definition": "its definition (en)", "broader": "the indicator it is a breakdown of (ind:…)"},
    "observation": {"iri": "the observation's IRI (default: obs:<id>-<indicator>[-<kind>]-<period>[-<subject>])",
                    "class": "Observation or Target", "indicator": "the indicator (ind:…, or a draft indicator)",
                    "indicator_label": "the zh label of a new indicator for this number", "indicator_en": "its English label",
                    "subject": "the area or entity measured", "period": "the period (period:2020-01_2020-06 or 2020-01_2020-06)",
                    "kind": "Level Growth Share Count Rank Ratio Duration", "status": "Actual Estimate Target Baseline",
                    "comparator": "Exactly AtLeast MoreThan About AtMost Approaching", "commitment": "Commitment Aspiration Plan",
                    "valueAsWritten": "the number and unit as the evidence writes them", "value": "the normalized value (default: read from valueAsWritten)",
                    "unit": "a unit of pkc:UnitScheme (Yuan, Percent…)", "rank": "an exact position (全省第二 → 2)",
                    "orderOfReaching": "全省第二个…达 → 2", "rankScope": "the area ranked in (area:hunan)", "excludes": "除长沙外 → area:changsha",
                    "scope": "EachMember or MemberAverage", "record": "AllTimeHigh WorldRecord BestInPeriod First",
                    "recordScope": "the area or period of the record", "batch": "第一批 → 1", "statedBy": "the measure stating a target (measure:…)",
                    "reportedUnder": "the keyword section (keyword:…)", "comparison": "none: drop the proposed comparisons",
                    "evidence": "the verbatim fragment of the report that states it"},
    "relation": {"subject": "the subject (an IRI, or a draft entity)", "predicate": "the relation (pk:hasMember, locatedIn…)",
                 "object": "the object (an IRI, or a draft entity)", "evidence": "the verbatim fragment of the report that states it"},
}
#: Other names of fields, as a curator may type them.
FIELD_ALIASES = {"name": "label", "zh": "label", "id": "iri", "written": "valueAsWritten", "value_as_written": "valueAsWritten",
                 "rank_scope": "rankScope", "stated_by": "statedBy", "reported_under": "reportedUnder", "record_scope": "recordScope",
                 "order_of_reaching": "orderOfReaching", "cls": "class", "comparisons": "comparison"}

#: Observation properties in the order CURATING.md writes them, with what kind of value each holds.
OBSERVATION_PROPERTIES = (
    ("indicator", "iri"), ("subject", "iri"), ("period", "period"), ("kind", "concept:ObservationKindScheme"),
    ("status", "concept:ObservationStatusScheme"), ("comparator", "concept:ComparatorScheme"),
    ("commitment", "concept:CommitmentScheme"), ("valueAsWritten", "string"), ("value", "number"), ("unit", "concept:UnitScheme"),
    ("rank", "integer"), ("orderOfReaching", "integer"), ("rankScope", "iri"), ("excludes", "iri"), ("scope", "concept:ScopeScheme"),
    ("record", "concept:RecordScheme"), ("recordScope", "iri"), ("batch", "integer"), ("comparison", "comparison"),
    ("statedBy", "iri"), ("reportedUnder", "iri"),
)
_OBSERVATION_TYPES = dict(OBSERVATION_PROPERTIES)
#: The fields an empty correction (``rank=``) removes.
OPTIONAL_FIELDS = frozenset({"comparison", "commitment", "rank", "orderOfReaching", "rankScope", "excludes", "scope", "record", "recordScope", "batch",
                             "statedBy", "reportedUnder", "date", "url", "section", "reporter", "definition", "broader"})

#: The reference file of each class (CURATING.md, "Where things go"); a pk:Collection goes by its IRI's prefix.
CLASS_FILE = {
    **{name: "projects.ttl" for name in ("Project", "ProjectPortfolio")},
    **{name: "organisations.ttl" for name in ("Company", "GovernmentBody", "Platform", "Institution", "Media", "Team", "Person")},
    **{name: "places.ttl" for name in ("AdministrativeArea", "Place", "Park", "Infrastructure")},
    **{name: "programmes.ttl" for name in ("Strategy", "Goal", "Measure", "Plan", "Policy", "Regulation", "Keyword")},
    **{name: "economy.ttl" for name in ("Industry", "IndustrialChain", "IndustryCluster")},
    **{name: "events-awards.ttl" for name in ("Event", "Award")},
    "Indicator": "indicators.ttl", "Period": "periods.ttl",
}
PREFIX_FILE = {
    **{name: "projects.ttl" for name in ("project",)},
    **{name: "organisations.ttl" for name in ("company", "body", "platform", "team", "person")},
    **{name: "places.ttl" for name in ("area", "place", "park", "infra")},
    **{name: "programmes.ttl" for name in ("strategy", "goal", "measure", "plan", "policy", "keyword")},
    **{name: "economy.ttl" for name in ("industry", "chain", "cluster")},
    **{name: "events-awards.ttl" for name in ("event", "award")},
    "ind": "indicators.ttl", "period": "periods.ttl",
}
#: What each reference file holds, for the header of one that a review creates.
FILE_TOPICS = {
    "projects.ttl": "projects, project portfolios and sets of projects", "organisations.ttl": "companies, government bodies, "
    "platforms, schools and institutes, media, teams and people", "places.ttl": "areas and groups of areas, other places, parks "
    "and infrastructure", "programmes.ttl": "strategies, goals, measures, plans, policies and keyword sections",
    "economy.ttl": "industries, chains, clusters and their sets", "events-awards.ttl": "events and awards",
    "indicators.ttl": "the measured quantities", "periods.ttl": "the periods observations refer to",
}
#: Kinds of observation named in an observation's IRI (a level or count is named by its indicator alone).
KIND_IN_IRI = {"Growth": "growth", "Rank": "rank", "Share": "share"}
#: Period slugs of the observation IRIs, for the periods the articles use most.
PERIOD_SLUGS = {"01_03": "q1", "04_06": "q2", "07_09": "q3", "10_12": "q4", "01_06": "h1", "07_12": "h2", "01_09": "q1-q3"}

_SOURCE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
#: Where a sentence ends, for showing a proposal in its sentence.
_SENTENCE_END = "。！？!?\n"

# ---------------------------------------------------------------------------------------------------
# The draft
# ---------------------------------------------------------------------------------------------------

@dataclass
class Proposal:
    """One proposal of a draft: its id (the draft's prefixed name), kind, fields, evidence and where it is.

    ``fields`` holds full IRIs for IRIs, :class:`~decimal.Decimal` for values, ``str`` for text, and for an
    observation's comparisons a list of dicts (``comparedTo``, ``valueAsWritten``, ``difference``,
    ``unit``, ``comparator``). A name's fields: ``about``, ``class``, ``match``, ``text``; an indicator's:
    ``about``, ``label``; a relation's: ``subject``, ``predicate``, ``object``; the source's: ``title``,
    ``date``, ``url``.
    """

    id: str
    iri: str
    kind: str  # "source", "name", "indicator", "observation" or "relation"
    line: int
    fields: dict
    evidence: list[str]
    confidence: Decimal | None
    proposed_by: str

    def describe_kind(self) -> str:
        """What the proposal proposes, in words (``a name: new entity (pk:Project)``)."""
        if self.kind == "source":
            return "the article's entry (pk:SourceArticle)"
        if self.kind == "name":
            return f"a name, {self.fields['match']} (pk:{self.fields['class']})"
        if self.kind == "indicator":
            return "a new indicator (pk:Indicator)"
        if self.kind == "observation":
            return f"a number (pk:{self.fields['class']})"
        return f"a relation ({compact(self.fields['predicate'])})"


@dataclass
class ReviewDraft:
    """A draft read for review: its file, the source id it proposes, and its proposals in file order."""

    path: Path
    source_id: str
    proposals: list[Proposal]

    @property
    def by_id(self) -> dict[str, Proposal]:
        return {p.id: p for p in self.proposals}

    @property
    def source(self) -> Proposal:
        return next(p for p in self.proposals if p.kind == "source")

    def draft_label(self, iri: str) -> str | None:
        """The name a draft gives a new entity or indicator it mints (``project:draft-900-e001``), if any."""
        for p in self.proposals:
            if p.kind == "name" and p.fields["about"] == iri:
                return p.fields["text"]
            if p.kind == "indicator" and p.fields["about"] == iri:
                return p.fields["label"]
        return None

    def defines(self, iri: str) -> Proposal | None:
        """The name or indicator proposal that mints ``iri``, if a draft IRI is one."""
        return next((p for p in self.proposals if p.kind in ("name", "indicator") and p.fields["about"] == iri), None)


def is_draft_iri(iri: str, source_id: str) -> bool:
    """True for an IRI the draft mints for a new entity or indicator (``…/draft-<id>-e001``)."""
    return f"/draft-{source_id}-" in iri and iri.startswith(HENGYANG_IRI)


def read_draft(path: Path) -> ReviewDraft:
    """Read the draft at ``path`` with the strict loader and return its proposals.

    Raises :class:`DataError` located at ``path:line:column`` for a file that does not parse, and at the
    proposal's line for a block that is no proposal of ``policykg extract`` (not a ``pk:Draft``, no
    evidence, no value…). A missing file is a :class:`UsageError`.
    """
    if not path.exists():
        raise UsageError(f"{path}: no such draft file\n  fix: give the file policykg extract wrote (-o FILE.ttl)")
    triples = parse_turtle_file(path, path)
    text = decode_utf8(read_input_file(path, path), path)
    lines = _subject_lines(text)
    by_subject: dict = {}
    order: list = []
    for triple in triples:
        if triple.subject not in by_subject:
            by_subject[triple.subject] = []
            order.append(triple.subject)
        by_subject[triple.subject].append(triple)
    problems: list[str] = []
    proposals: list[Proposal] = []
    for subject in order:
        if isinstance(subject, ox.BlankNode):
            continue
        line = lines.get(compact(subject.value), lines.get(f"<{subject.value}>", 1))
        try:
            proposals.append(_proposal(subject, by_subject, line, path, text))
        except DataError as error:
            problems.append(str(error))
    sources = [p for p in proposals if p.kind == "source"]
    if not problems and len(sources) != 1:
        problems.append(str(located_error(Location(path, 1, 1), f"the draft holds {len(sources)} article entries (pk:proposedClass "
                                          "pk:SourceArticle), not one", "", "review the draft of one report, as policykg extract writes it")))
    if problems:
        raise DataError(f"{path}: not a draft of policykg extract\n\n" + "\n\n".join(problems))
    source = sources[0]
    derived = source.fields.get("derivedFrom", "")
    source_id = derived[len(SRC):] if derived.startswith(SRC) else ""
    if not _SOURCE_ID.match(source_id):
        raise located_error(Location(path, source.line, 1), f"the article entry is derived from {compact(derived) or 'nothing'}, "
                            "not from a source src:<id>", "", "give it prov:wasDerivedFrom src:<id>, as policykg extract does")
    for proposal in proposals:
        if proposal.fields.get("derivedFrom") != derived:
            problems.append(str(located_error(
                Location(path, proposal.line, 1), f"{proposal.id} is derived from {compact(proposal.fields.get('derivedFrom') or '') or 'nothing'}, "
                f"not from {compact(derived)}", "", "review the draft of one report: every proposal derived from its source")))
    if problems:
        raise DataError(f"{path}: not a draft of policykg extract\n\n" + "\n\n".join(problems))
    source = next(p for p in proposals if p.kind == "source")
    proposals.remove(source)
    return ReviewDraft(path, source_id, [source, *proposals])


def _subject_lines(text: str) -> dict[str, int]:
    """The line where each block of the file starts, by its subject as written (``obs:draft-900-001``)."""
    lines = {}
    for number, line in enumerate(text.split("\n"), start=1):
        match = re.match(r"^(\S+)\s", line)
        if match and not line.startswith(("@", "#")):
            lines.setdefault(match.group(1), number)
    return lines


def _proposal(subject: ox.NamedNode, by_subject: dict, line: int, path: Path, text: str) -> Proposal:
    """One block of the draft as a :class:`Proposal`; a :class:`DataError` at its line if it is none."""
    shown = compact(subject.value)
    values: dict[str, list] = {}
    for triple in by_subject[subject]:
        values.setdefault(triple.predicate.value, []).append(triple.object)

    def fail(problem: str, fix: str = "review a file that policykg extract wrote, unchanged") -> DataError:
        excerpt = text.split("\n")[line - 1] if 0 < line <= text.count("\n") + 1 else ""
        return located_error(Location(path, line, 1), f"{shown}: {problem}", excerpt, fix)

    def one(predicate: str, required: bool = True):
        found = values.get(predicate, [])
        if len(found) > 1:
            raise fail(f"{compact(predicate)} is given {len(found)} times, not once")
        if not found:
            if required:
                raise fail(f"no {compact(predicate)}")
            return None
        return found[0]

    def iri(predicate: str, required: bool = True) -> str | None:
        term = one(predicate, required)
        if term is not None and not isinstance(term, ox.NamedNode):
            raise fail(f"{compact(predicate)} is {term}, not an IRI")
        return term.value if term is not None else None

    def literal(predicate: str, required: bool = True) -> str | None:
        term = one(predicate, required)
        if term is not None and not isinstance(term, ox.Literal):
            raise fail(f"{compact(predicate)} is not a literal")
        return term.value if term is not None else None

    types = {t.value for t in values.get(RDF_TYPE, [])}
    if PK + "Draft" not in types:
        raise fail("not a pk:Draft proposal", "a draft holds only pk:Draft proposals; curated triples go into triples/")
    proposed_class = iri(PK + "proposedClass", required=False) or ""
    confidence_text = literal(PK + "confidence", required=False)
    try:
        confidence = Decimal(confidence_text) if confidence_text is not None else None
    except InvalidOperation:
        raise fail(f"pk:confidence {confidence_text!r} is not a number") from None
    evidence = [t.value for t in values.get(PK + "evidence", []) if isinstance(t, ox.Literal)]
    fields: dict = {"derivedFrom": iri(PROV + "wasDerivedFrom", required=False)}
    proposed_by = literal(PK + "proposedBy", required=False) or ""
    if proposed_class == PK + "SourceArticle":
        kind = "source"
        url = one(DCTERMS + "source", False)
        fields.update(title=literal(DCTERMS + "title", False), date=literal(DCTERMS + "date", False),
                      url=url.value if url is not None else None)
    else:
        if not evidence:
            raise fail("no pk:evidence", "every proposal quotes the report; review a file that policykg extract wrote")
        if RDF + "Statement" in types:
            kind = "relation"
            fields.update(subject=iri(RDF + "subject"), predicate=iri(RDF + "predicate"), object=iri(RDF + "object"))
        elif proposed_class == PK + "Indicator":
            kind = "indicator"
            fields.update(about=iri(PK + "about"), label=literal(RDFS + "label"))
        elif proposed_class in (PK + "Observation", PK + "Target"):
            kind = "observation"
            fields["class"] = proposed_class[len(PK):]
            for name, value_type in OBSERVATION_PROPERTIES:
                if value_type == "comparison":
                    fields["comparison"] = [_comparison(node, by_subject, fail) for node in values.get(PK + "comparison", [])]
                elif value_type in ("iri", "period") or value_type.startswith("concept"):
                    fields[name] = iri(PK + name, required=name in ("indicator", "subject", "valueAsWritten"))
                elif value_type == "string":
                    fields[name] = literal(PK + name)
                else:
                    text_value = literal(PK + name, required=name == "value")
                    if text_value is not None:
                        try:
                            fields[name] = int(text_value) if value_type == "integer" else plain(Decimal(text_value))
                        except (ValueError, InvalidOperation):
                            raise fail(f"pk:{name} {text_value!r} is not a number") from None
                    else:
                        fields[name] = None
            for name, value_type in OBSERVATION_PROPERTIES:
                if value_type.startswith("concept") and fields.get(name) is not None:
                    fields[name] = fields[name].removeprefix(PKC)
        elif PK + "about" in values:
            kind = "name"
            cls = proposed_class[len(PK):] if proposed_class.startswith(PK) else "Entity"
            fields.update(about=iri(PK + "about"), text=literal(RDFS + "label"), match=literal(PK + "matchKind", False) or "new", **{"class": cls})
        else:
            raise fail(f"what it proposes is unknown (pk:proposedClass {compact(proposed_class) or 'none'})")
    return Proposal(shown, subject.value, kind, line, fields, evidence, confidence, proposed_by)


def _comparison(node, by_subject: dict, fail) -> dict:
    """A proposed pk:Comparison (a blank node) as a dict."""
    found: dict = {}
    for triple in by_subject.get(node, []):
        name = triple.predicate.value.removeprefix(PK)
        if triple.predicate.value == RDF_TYPE:
            continue
        if name == "difference":
            found[name] = plain(Decimal(triple.object.value))
        elif name in ("unit", "comparator"):
            found[name] = triple.object.value.removeprefix(PKC)
        else:
            found[name] = triple.object.value
    if not found:
        raise fail("a pk:comparison without its fields")
    return found


# ---------------------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Report:
    """The report a draft was made from: its path, its bytes as received and its text."""

    path: Path
    data: bytes
    text: str


def read_report(path: Path, draft: ReviewDraft) -> Report:
    """Read the report at ``path`` (UTF-8); a :class:`DataError` naming each evidence of ``draft`` its text lacks."""
    if not path.exists():
        raise UsageError(f"{path}: no such report\n  fix: give the report's text file the draft was made from (--report FILE.txt)")
    data = read_input_file(path, path)
    text = decode_utf8(data, path)
    problems = []
    for proposal in draft.proposals:
        for evidence in proposal.evidence:
            if evidence not in text:
                problems.append(str(located_error(
                    Location(draft.path, proposal.line, 1), f"the evidence of {proposal.id} is not in {path}: {evidence!r}", "",
                    f"give --report the text the draft was made from (policykg extract REPORT.txt --source-id {draft.source_id})")))
    if problems:
        count = f"{len(problems)} evidence{'s' if len(problems) > 1 else ''}"
        raise DataError(f"{path} is not the report of the draft {draft.path}: {count} not in its text\n\n" + "\n\n".join(problems[:20])
                        + (f"\n\n… and {len(problems) - 20} more" if len(problems) > 20 else ""))
    return Report(path, data, text)


# ---------------------------------------------------------------------------------------------------
# Decisions
# ---------------------------------------------------------------------------------------------------

@dataclass
class Decision:
    """A curator's decision on one proposal, with the corrections (field → value as typed) and where it was read."""

    id: str
    decision: str  # accept, reject, correct or skip
    corrections: dict[str, str] = field(default_factory=dict)
    where: str = ""  # file:line, for messages

    @property
    def reason(self) -> str:
        return self.corrections.get("reason", "")


def decisions_path(draft_path: Path) -> Path:
    """The decisions file kept beside a draft: ``d.ttl`` → ``d.decisions.tsv``."""
    return draft_path.with_name(draft_path.stem + ".decisions.tsv")


DECISIONS_HEADER = ("id", "decision", "corrections")


def read_decisions(path: Path, draft: ReviewDraft) -> dict[str, Decision]:
    """Read a decisions file: one proposal a line, tab-separated: id, decision, then ``field=value`` corrections.

    Lines starting with ``#`` and empty lines are skipped, as is the header row. Raises a
    :class:`DataError` at ``file:line:column`` for an unknown id, an unknown decision, a proposal decided
    twice, a correction that is not ``field=value`` or names no field of its proposal, corrections
    without the decision ``correct`` (or ``reason=`` without ``reject``), or ``correct`` without any.
    """
    if not path.exists():
        raise UsageError(f"{path}: no such decisions file\n  fix: give a TSV of decisions (id, decision, corrections), or review interactively")
    text = decode_utf8(read_input_file(path, path), path)
    found: dict[str, Decision] = {}
    problems = []
    known = draft.by_id
    full = {p.iri: p.id for p in draft.proposals}
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if tuple(cell.strip() for cell in cells[:3]) == DECISIONS_HEADER or tuple(c.strip() for c in cells[:2]) == DECISIONS_HEADER[:2]:
            continue
        columns = [sum(len(c) + 1 for c in cells[:i]) + 1 for i in range(len(cells))]

        def fail(column_index: int, problem: str, fix: str, number=number, line=line, columns=columns) -> None:
            problems.append(str(located_error(Location(path, number, columns[min(column_index, len(columns) - 1)]), problem, line, fix)))

        given = cells[0].strip()
        proposal_id = given if given in known else full.get(given.strip("<>"))
        if proposal_id is None:
            fail(0, f"unknown proposal id {given!r}: the draft {draft.path.name} has no such proposal",
                 f"use an id the draft's blocks start with (obs:draft-{draft.source_id}-001, claim:draft-{draft.source_id}-name-001…)")
            continue
        word = cells[1].strip().lower() if len(cells) > 1 else ""
        decision = DECISION_WORDS.get(word)
        if decision is None:
            fail(1, f"unknown decision {word!r} for {proposal_id}" if word else f"no decision for {proposal_id}",
                 "decide accept, reject, correct or skip (a, r, c, s) in the second column")
            continue
        if proposal_id in found:
            fail(0, f"{proposal_id} is decided twice (first at {found[proposal_id].where})", "keep one line per proposal")
            continue
        corrections: dict[str, str] = {}
        kind = known[proposal_id].kind
        bad = False
        for index, cell in enumerate(cells[2:], start=2):
            if not cell.strip():
                continue
            name, equals, value = cell.partition("=")
            name = FIELD_ALIASES.get(name.strip(), name.strip())
            if not equals:
                fail(index, f"the correction {cell!r} is not field=value", "write each correction as field=value in a column of its own")
                bad = True
            elif name == "reason" and decision == "reject":
                corrections[name] = value.strip()
            elif name not in FIELDS[kind]:
                fail(index, f"{proposal_id} ({kind}) has no field {name!r}", f"correct one of: {', '.join(FIELDS[kind])}")
                bad = True
            elif name in corrections:
                fail(index, f"{name} is corrected twice on this line", "give each field once")
                bad = True
            else:
                corrections[name] = value.strip()
        if bad:
            continue
        if decision == "correct" and not corrections:
            fail(1, f"correct {proposal_id}, but no correction follows", "add field=value columns, or decide accept")
            continue
        if decision in ("accept", "skip") and corrections:
            fail(2, f"corrections given with the decision {decision}", "decide correct to apply corrections")
            continue
        found[proposal_id] = Decision(proposal_id, decision, corrections, f"{path}:{number}")
    if problems:
        raise DataError(f"{path}: the decisions cannot be read\n\n" + "\n\n".join(problems))
    return found


def decisions_text(draft: ReviewDraft, decisions: dict[str, Decision]) -> str:
    """The decisions as a decisions file (TSV), in the draft's order."""
    comment = (f"# policykg review: decisions on the draft {draft.path.name} (src:{draft.source_id}): one proposal a line, "
               "tab-separated: its id, accept, reject, correct or skip, then the corrections, one field=value a column")
    lines = [comment, "\t".join(DECISIONS_HEADER)]
    for proposal in draft.proposals:
        decision = decisions.get(proposal.id)
        if decision is None:
            continue
        cells = [proposal.id, decision.decision] + [f"{name}={_one_line(value)}" for name, value in decision.corrections.items()]
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def correction_text(proposal: Proposal, name: str) -> str:
    """What field ``name`` of ``proposal`` holds as a correction writes it (``ind:gdp``, ``Percent``, ``1.7``), so
    that ``name=`` this text changes nothing; "" where the draft gives none, or mints the IRI (``iri``).

    The page of the review (:mod:`policykg.web.review_page`) fills its inputs with these.
    """
    fields = proposal.fields
    if name == "evidence":
        return proposal.evidence[0] if proposal.evidence else ""
    if name == "iri":
        about = fields.get("about") if proposal.kind in ("name", "indicator") else None
        return compact(about) if about and not is_draft_iri(about, _source_of(proposal)) else ""
    if proposal.kind == "name" and name == "label":
        value = fields["text"]
    elif proposal.kind == "observation" and name in _OBSERVATION_TYPES:
        value = fields.get(name)
        if _OBSERVATION_TYPES[name] in ("iri", "period"):
            return compact(value) if value else ""
        if _OBSERVATION_TYPES[name] == "comparison":
            return ""  # a comparison is only dropped (comparison=none)
        if isinstance(value, Decimal):
            return turtle_number(value)
    elif proposal.kind == "relation":
        value = fields.get(name)
        return compact(value) if value else ""
    else:
        value = fields.get(name)
    return "" if value is None else str(value)


def write_decisions(path: Path, draft: ReviewDraft, decisions: dict[str, Decision]) -> None:
    """Save the decisions atomically (a reader finds the old file or the new one, whole)."""
    write_atomically(path, decisions_text(draft, decisions).encode("utf-8"))


def _one_line(value: str) -> str:
    return " ".join(value.replace("\t", " ").split("\n"))


# ---------------------------------------------------------------------------------------------------
# What the tree already holds
# ---------------------------------------------------------------------------------------------------

@dataclass
class TreeFacts:
    """What a review needs to know of the tree: every typed IRI with its classes, zh labels and altLabels,
    the concepts and their schemes, the class hierarchy, the described sources and the articles' texts."""

    tree: Tree
    types: dict[str, set[str]]
    labels: dict[str, dict[str, str]]
    alt_labels: dict[str, set[str]]
    schemes: dict[str, set[str]]
    superclasses: dict[str, set[str]]
    sources: set[str]
    texts: list[str]

    @classmethod
    def of(cls, tree: Tree) -> "TreeFacts":
        """Read ``tree`` with the strict loader (a :class:`DataError` if it does not load)."""
        loaded = load_tree(tree)
        types: dict[str, set[str]] = {}
        labels: dict[str, dict[str, str]] = {}
        alts: dict[str, set[str]] = {}
        schemes: dict[str, set[str]] = {}
        parents: dict[str, set[str]] = {}
        for quad in loaded.quads:
            s, p, o = quad.subject, quad.predicate.value, quad.object
            if not isinstance(s, ox.NamedNode):
                continue
            if p == RDF_TYPE:
                types.setdefault(s.value, set()).add(o.value)
            elif p == RDFS + "label" and isinstance(o, ox.Literal):
                labels.setdefault(s.value, {})[o.language or ""] = o.value
            elif p == SKOS + "altLabel" and isinstance(o, ox.Literal):
                alts.setdefault(s.value, set()).add(o.value)
            elif p == SKOS + "inScheme":
                schemes.setdefault(s.value, set()).add(o.value)
            elif p == RDFS + "subClassOf" and isinstance(o, ox.NamedNode):
                parents.setdefault(s.value, set()).add(o.value)
        superclasses = {name: _closure(name, parents) for name in parents}
        sources = {iri[len(SRC):] for iri, classes in types.items() if PK + "SourceArticle" in classes and iri.startswith(SRC)}
        texts = list(loaded.source_texts.values())
        return cls(tree, types, labels, alts, schemes, superclasses, sources, texts)

    def exists(self, iri: str) -> bool:
        return iri in self.types

    def label(self, iri: str) -> str:
        return self.labels.get(iri, {}).get("zh", "")

    def named(self, label: str) -> str | None:
        """The resource of ours whose zh label is ``label``, if one is."""
        if not hasattr(self, "_by_label"):
            self._by_label = {names["zh"]: iri for iri, names in sorted(self.labels.items())
                              if "zh" in names and iri.startswith(HENGYANG_IRI)}
        return self._by_label.get(label)

    def entity_class(self, iri: str) -> str | None:
        """The most specific pk: class of ``iri`` (``Project``), or None."""
        ours = [c for c in self.types.get(iri, ()) if c.startswith(PK) and "/" not in c[len(PK):]]
        specific = [c for c in ours if not any(c in self.superclasses.get(other, ()) for other in ours if other != c)]
        return min(specific)[len(PK):] if specific else None

    def is_class(self, iri: str) -> bool:
        return OWL + "Class" in self.types.get(iri, ())

    def is_entity_class(self, name: str) -> bool:
        return self.is_class(PK + name) and PK + "Entity" in self.superclasses.get(PK + name, set())

    def is_concept(self, iri: str, scheme: str) -> bool:
        return PKC + scheme in self.schemes.get(iri, ())

    def written(self, label: str, extra: str = "") -> bool:
        """True when an article (or ``extra``, the new report) writes ``label``, quotation marks and white space aside."""
        wanted = without_marks(label)  # what the fidelity rules leave aside
        return bool(wanted) and any(wanted in without_marks(text) for text in [*self.texts, extra])


def _closure(name: str, parents: dict[str, set[str]]) -> set[str]:
    seen, pending = set(), list(parents.get(name, ()))
    while pending:
        current = pending.pop()
        if current not in seen:
            seen.add(current)
            pending.extend(parents.get(current, ()))
    return seen


# ---------------------------------------------------------------------------------------------------
# From decisions to curated Turtle
# ---------------------------------------------------------------------------------------------------

class ReviewProblem(Exception):
    """A decision that cannot be turned into curated data as it stands (the message says why and how to fix it)."""

    def __init__(self, problem: str, fix: str):
        super().__init__(problem)
        self.problem, self.fix = problem, fix


@dataclass
class Plan:
    """What a review writes: the new bytes of each file (absolute paths), and what it decided."""

    source_id: str
    files: dict[Path, bytes]
    allowlist_rows: list[tuple[str, str, str, str]]
    counts: dict[str, int]
    notes: list[str]


@dataclass
class _Entity:
    """An entity block of the claims file: its class, the variants, relations and evidence the article gives it."""

    iri: str
    cls: str
    position: int
    alt_labels: list[str] = field(default_factory=list)
    relations: dict[str, list[str]] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)


@dataclass
class _NewEntity:
    iri: str
    cls: str
    label: str
    en: str
    written: str
    definition: str = ""
    broader: str = ""
    evidence: str = ""
    dates: tuple[str, str] | None = None  # a period's first and last day
    ordinal: int | None = None  # a measure's number within its goal


def _heading_ordinal(evidence: str) -> int | None:
    """The number of the measure a heading names (措施一: … → 1), or None."""
    match = MEASURE_HEADING.match(evidence.strip())
    if match is None:
        return None
    return int(match["ordinal"]) if match["ordinal"].isdigit() else chinese_numeral(match["ordinal"])


def parse_iri(value: str, default_prefix: str | None = None) -> str:
    """A full IRI from ``prefix:name``, ``<iri>`` or ``https://…`` (or a bare name under ``default_prefix``)."""
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    if re.match(r"^https?://\S+$", value):
        return value
    prefix, colon, local = value.partition(":")
    if colon and prefix in PREFIXES and LOCAL_NAME.match(local):
        return PREFIXES[prefix] + local
    if not colon and default_prefix and LOCAL_NAME.match(value):
        return PREFIXES[default_prefix] + value
    raise ReviewProblem(f"{value!r} is not an IRI", "write prefix:name (area:hengyang, ind:gdp) or <https://…>")


def effective(proposal: Proposal, decision: Decision | None, facts: TreeFacts, report: Report) -> dict:
    """The proposal's fields with the decision's corrections applied and typed; :class:`ReviewProblem` if one is wrong."""
    fields = copy.deepcopy(proposal.fields)
    fields["evidence"] = proposal.evidence[0] if proposal.evidence else ""
    corrections = decision.corrections if decision is not None and decision.decision == "correct" else {}
    for name, value in corrections.items():
        fields[name] = _typed(proposal, name, value, facts, report)
    if proposal.kind == "observation" and "valueAsWritten" in corrections and "value" not in corrections:
        try:
            fields["value"] = read_number(fields["valueAsWritten"])
        except ValueError:
            raise ReviewProblem(f"valueAsWritten {fields['valueAsWritten']!r} holds no number the reader can read",
                                "give value= as well, the number multiplied out") from None
    if proposal.kind == "observation" and corrections.get("class") == "Target" and "status" not in corrections:
        fields["status"] = "Target"
    return fields


def _typed(proposal: Proposal, name: str, value: str, facts: TreeFacts, report: Report):
    """One correction's value, typed and checked against the tree and the report."""
    kind = proposal.kind
    if value == "":
        if name in OPTIONAL_FIELDS:
            return None  # an empty value removes an optional field
        raise ReviewProblem(f"{name} is given no value", f"write {name}=… (only optional fields are removed by an empty value)")
    if name == "evidence":
        if value not in report.text:
            raise ReviewProblem(f"evidence {value!r} is not in the report's text", "copy the fragment from the report, verbatim")
        return value
    if kind == "observation":
        if name == "class":
            if value.removeprefix("pk:") not in ("Observation", "Target"):
                raise ReviewProblem(f"class {value!r} is neither Observation nor Target", "correct class=Observation or class=Target")
            return value.removeprefix("pk:")
        if name == "comparison":
            if value.lower() not in ("none", ""):
                raise ReviewProblem("comparison takes only none (drop the proposed comparisons)", "write comparison=none")
            return []
        if name in ("indicator_label", "indicator_en", "iri"):
            return parse_iri(value, "obs") if name == "iri" else value
        value_type = _OBSERVATION_TYPES[name]
        if value_type == "string":
            return value
        if value_type == "number":
            try:
                return plain(Decimal(value))
            except InvalidOperation:
                raise ReviewProblem(f"value {value!r} is not a number", "write a plain decimal (59592000000, 3.9, -79.4)") from None
        if value_type == "integer":
            if not re.fullmatch(r"\d+", value):
                raise ReviewProblem(f"{name} {value!r} is not a whole number", f"write {name}=2")
            return int(value)
        if value_type.startswith("concept:"):
            scheme = value_type.split(":", 1)[1]
            local = value.removeprefix("pkc:")
            if not facts.is_concept(PKC + local, scheme):
                raise ReviewProblem(f"{name} {value!r} is not a concept of pkc:{scheme}", f"write {name}= one of pkc:{scheme} (ontology/concepts.ttl)")
            return local
        return parse_iri(value, "period" if value_type == "period" else None)
    if kind == "name" and name == "class" or kind == "relation" and name == "predicate":
        local = value.removeprefix("pk:")
        if kind == "name" and not facts.is_entity_class(local):
            raise ReviewProblem(f"class {value!r} is not a class of entities of the ontology", "write a pk: class: Project, Park, Company…")
        if kind == "relation" and PK + local not in facts.types:
            raise ReviewProblem(f"predicate {value!r} is not a property of the ontology", "write a pk: property: hasMember, locatedIn…")
        return local if kind == "name" else PK + local
    if name in ("iri", "subject", "object", "broader"):
        return parse_iri(value, "ind" if kind == "indicator" else None)
    if name == "ordinal":
        if not re.fullmatch(r"[1-9]\d*", value):
            raise ReviewProblem(f"ordinal {value!r} is not a whole number from 1", "write ordinal=1 (措施一 → 1)")
        return int(value)
    if kind == "source":
        if name == "date" and not _DATE.match(value):
            raise ReviewProblem(f"date {value!r} is not YYYY-MM-DD", "write date=2021-01-07")
        if name == "slug" and not _SLUG.match(value):
            raise ReviewProblem(f"slug {value!r} is not lower-case words joined by -", "write slug=first-half-report")
        if name == "url" and not _URL.match(value):
            raise ReviewProblem(f"url {value!r} is not an http(s) address", "write url=https://…")
    return value


def required_missing(proposal: Proposal, fields: dict, facts: TreeFacts) -> list[tuple[str, str]]:
    """The fields an accepted proposal still needs that no draft gives (an English label, a target's measure)."""
    missing = []
    if proposal.kind == "source":
        if not fields.get("en"):
            missing.append(("en", "the English label of the article"))
        if not fields.get("title"):
            missing.append(("title", "the article's title as printed (zh)"))
    elif proposal.kind in ("name", "indicator"):
        target = fields.get("iri") or (None if is_draft_iri(fields["about"], _source_of(proposal)) else fields["about"])
        if (target is None or not facts.exists(target)) and not fields.get("en"):
            missing.append(("en", "the English label of the new " + ("indicator" if proposal.kind == "indicator" else "entity")))
    elif proposal.kind == "observation":
        if fields.get("class") == "Target":
            if not fields.get("statedBy"):
                missing.append(("statedBy", "the measure that states the target (measure:…)"))
            if not fields.get("commitment"):
                missing.append(("commitment", "Commitment (确保), Aspiration (力争) or Plan"))
        if fields.get("indicator_label") and not fields.get("indicator_en"):
            missing.append(("indicator_en", "the English label of the new indicator"))
    return missing


def _source_of(proposal: Proposal) -> str:
    derived = proposal.fields.get("derivedFrom") or ""
    return derived[len(SRC):]


def check_decision(proposal: Proposal, decision: Decision, facts: TreeFacts, report: Report) -> list[str]:
    """What is wrong with one decision on its own (typed values, required fields), as messages; empty if nothing."""
    if decision.decision not in ("accept", "correct"):
        return []
    try:
        fields = effective(proposal, decision, facts, report)
    except ReviewProblem as problem:
        return [f"{problem.problem} (fix: {problem.fix})"]
    return [f"needs {name}: {why}" for name, why in required_missing(proposal, fields, facts)]


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by ``-`` (``"Bainan Expressway"`` → ``bainan-expressway``)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower().replace("'", "")
    words = re.findall(r"[a-z0-9]+", ascii_text)
    slug = "-".join(words)
    return slug[:60].rstrip("-")


def period_slug(period_iri: str) -> str:
    """The period's part of an observation IRI: ``2020-01_2020-06`` → ``2020h1``, ``2020-01_2020-11`` → ``2020m1-m11``."""
    local = period_iri.rsplit("/", 1)[-1]
    match = re.fullmatch(r"(\d{4})-(\d{2})_(\d{4})-(\d{2})", local)
    if match and match.group(1) == match.group(3):
        months = f"{match.group(2)}_{match.group(4)}"
        return match.group(1) + PERIOD_SLUGS.get(months, f"m{int(match.group(2))}-m{int(match.group(4))}")
    return local


def plan_review(facts: TreeFacts, draft: ReviewDraft, report: Report, decisions: dict[str, Decision]) -> Plan:
    """Turn the decisions on ``draft`` into the files of the tree that change.

    Only accepted and corrected proposals are written; the article's entry must be one of them. Raises a
    :class:`DataError` naming each decision (at its ``file:line``) that cannot be written as it stands:
    a wrong value, a field that no draft gives and the data needs (an English label, a target's
    measure), an IRI the tree does not hold, an entity or indicator of the draft used by an accepted
    proposal but itself not accepted, an IRI taken twice, an article id the tree already holds.
    """
    tree, sid = facts.tree, draft.source_id
    problems: list[str] = []

    broken: set[str] = set()  # accepted, but wrong as they stand: reported once, then left out

    def problem(proposal: Proposal, message: str, fix: str) -> None:
        decision = decisions.get(proposal.id)
        where = decision.where if decision is not None and decision.where else f"{draft.path}:{proposal.line}"
        problems.append(f"{where}: {proposal.id}: {message}\n  fix: {fix}")
        broken.add(proposal.id)

    def label_taken(proposal: Proposal, label: str, field_name: str) -> bool:
        """Refuse a zh label another entity has (the check duplicate-zh-label would)."""
        other = facts.named(label)
        if other is None:
            return False
        problem(proposal, f"the zh label {label!r} is the label of {compact(other)}",
                f"give iri={compact(other)} if it is that entity, or {field_name}= a label that tells them apart")
        return True

    def decided(proposal: Proposal) -> str:
        decision = decisions.get(proposal.id)
        return decision.decision if decision is not None else "undecided"

    # The article: its entry and the file of its text.
    if sid in facts.sources or (tree.root / CLAIMS_FOLDER / f"{sid}.ttl").exists() or list(tree.sources_dir.glob(f"{sid}-*.txt")):
        raise UsageError(f"src:{sid} is already in the tree {tree.root} (described in {SOURCES_DESCRIPTION}, or its claims file or "
                         "text is there)\n  fix: extract the report again with a new --source-id, or review into another tree (--root)")
    accepted: dict[str, dict] = {}
    for proposal in draft.proposals:
        if decided(proposal) not in ("accept", "correct"):
            continue
        try:
            fields = effective(proposal, decisions.get(proposal.id), facts, report)
        except ReviewProblem as error:
            problem(proposal, error.problem, error.fix)
            continue
        missing = required_missing(proposal, fields, facts)
        for name, why in missing:
            problem(proposal, f"needs {name}: {why}, which the draft does not give", f"decide correct with {name}=…")
        if not missing:
            accepted[proposal.id] = fields
    source = draft.source
    if decided(source) not in ("accept", "correct"):
        problems.insert(0, f"{draft.path}:{source.line}: {source.id}: the article's entry is {decided(source)}: nothing can be "
                        f"written without it\n  fix: decide correct on {source.id} with en=… (the article's English label)")
        raise DataError("the decisions cannot be written as they stand\n\n" + "\n\n".join(problems))
    source_fields = accepted.get(source.id, {"title": "", "en": ""})
    if source.id in accepted:
        label_taken(source, source_fields.get("label") or source_fields["title"], "label")
    slug = source_fields.get("slug") or slugify(source_fields["en"]) or "report"
    source_file = Path("sources") / f"{sid}-{slug}.txt"

    # New entities and indicators, and what each draft IRI becomes.
    mapping: dict[str, str] = {}
    new_entities: dict[str, _NewEntity] = {}
    entities: dict[str, _Entity] = {}
    taken_by: dict[str, str] = {}

    def position(evidence: str) -> int:
        found = report.text.find(evidence)
        return found if found >= 0 else len(report.text)

    def entity_block(iri: str, cls: str, evidence: str) -> _Entity:
        block = entities.setdefault(iri, _Entity(iri, cls, position(evidence)))
        block.position = min(block.position, position(evidence))
        if evidence and evidence not in block.evidence:
            block.evidence.append(evidence)
        return block

    for proposal in draft.proposals:
        if proposal.id not in accepted or proposal.kind not in ("name", "indicator"):
            continue
        fields = accepted[proposal.id]
        about = fields["about"]
        minted = is_draft_iri(about, sid)
        target = fields.get("iri") or (None if minted else about)
        if proposal.kind == "indicator":
            label = fields.get("label") or fields.get("text") or ""
        else:
            label = fields.get("label") or fields["text"]
        if target is not None and facts.exists(target):
            if minted:
                mapping[about] = target
            if proposal.kind == "name":
                explicit = "label" in decisions[proposal.id].corrections
                written = fields["label"] if explicit else fields["text"]
                if without_marks(written) not in without_marks(report.text):
                    problem(proposal, f"the variant {written!r} is not the report's text", "give label= as the report writes it")
                    continue
                cls = facts.entity_class(target)
                if cls is None:
                    problem(proposal, f"{compact(target)} is no entity of the tree (it has no pk: class)", "give iri= an entity's IRI")
                    continue
                known = facts.label(target)
                # a variant, unless it is the label, or (not given by the curator) the label with words around it
                if written != known and (explicit or not known or known not in written):
                    entity_block(target, cls, fields["evidence"]).alt_labels.append(written)
            continue
        # a new entity or indicator
        if proposal.kind == "indicator":
            cls = "Indicator"
            prefix = "ind"
        else:
            cls = fields["class"]
            if not facts.is_entity_class(cls) or cls == "Entity":
                problem(proposal, f"a new entity needs a class more specific than pk:{cls}", "decide correct with class=Project (or Park, Company…)")
                continue
            prefix = CLASS_PREFIX.get(cls) or (compact(about).split(":")[0] if not compact(about).startswith("hy:") else None)
        if target is None:
            if prefix is None:
                problem(proposal, f"no prefix says what kind of pk:{cls} this is", "give iri= the new entity's IRI (chain:…, project:…)")
                continue
            local = slugify(fields["en"])
            if not local:
                problem(proposal, f"no IRI can be made from the English label {fields['en']!r}", "give iri= the new IRI")
                continue
            target = PREFIXES[prefix] + local
            if facts.exists(target):
                problem(proposal, f"the IRI {compact(target)} made from its English label is taken by {facts.label(target) or 'an entity'}",
                        f"give iri={compact(target)} if it is that entity, or iri= another new IRI")
                continue
        if is_draft_iri(target, sid):
            problem(proposal, f"{compact(target)} is a draft IRI, not a curated one", "give iri= an IRI in the words of CURATING.md")
            continue
        if target in taken_by:
            problem(proposal, f"{compact(target)} is also the new IRI of {taken_by[target]}", "give one of them iri= another IRI")
            continue
        if label_taken(proposal, label, "label"):
            continue
        taken_by[target] = proposal.id
        mapping[about] = target
        text = fields.get("text", "")
        ordinal = None
        if cls == "Measure":
            ordinal = fields.get("ordinal") or _heading_ordinal(fields["evidence"])
            if ordinal is None:
                problem(proposal, "a new measure needs its number within its goal", "decide correct with ordinal=1 (措施一 → 1)")
                continue
        new_entities[target] = _NewEntity(target, cls, label, fields["en"], text, fields.get("definition") or "",
                                          fields.get("broader") or "", fields["evidence"], ordinal=ordinal)
        if proposal.kind == "name":
            block = entity_block(target, cls, fields["evidence"])
            if text and text != label and label not in text:  # a short or other form; not a text holding more than the name
                block.alt_labels.append(text)

    def resolve(proposal: Proposal, iri: str | None, what: str) -> str | None:
        if iri is None:
            return None
        if iri in mapping:
            return mapping[iri]
        if is_draft_iri(iri, sid):
            defining = draft.defines(iri)
            if defining is not None and defining.id in broken:
                return None  # its own problem is reported
            if defining is None:
                problem(proposal, f"{what} {compact(iri)} is a new entity the draft does not name",
                        f"decide correct with {what}= an existing IRI, or one that an accepted name of the draft defines")
            else:
                problem(proposal, f"{what} {compact(iri)} ({draft.draft_label(iri)}) is proposed by {defining.id}, which is {decided(defining)}",
                        f"accept {defining.id}, or decide correct here with {what}= an existing IRI")
            return None
        if not facts.exists(iri) and iri not in new_entities and what == "period" and iri.startswith(PREFIXES["period"]):
            described = describe_period(iri[len(PREFIXES["period"]):])
            if described is not None:  # a period in the standard form: defined as periods.ttl defines its own
                zh, en, first, last = described
                new_entities[iri] = _NewEntity(iri, "Period", zh, en, "", evidence=proposal.evidence[0] if proposal.evidence else "",
                                               dates=(first.isoformat(), last.isoformat()))
        if not facts.exists(iri) and iri not in new_entities:
            problem(proposal, f"{what} {compact(iri)} is not in the tree",
                    f"give {what}= an IRI the tree defines (triples/reference/), or a period in the standard form (period:2021-01_2021-06)")
            return None
        return iri

    # Observations and relations.
    observations: list[tuple[int, str, list[str]]] = []
    obs_taken: set[str] = set()
    for proposal in draft.proposals:
        if proposal.id not in accepted or proposal.kind not in ("observation", "relation"):
            continue
        fields = accepted[proposal.id]
        if proposal.kind == "relation":
            subject = resolve(proposal, fields["subject"], "subject")
            obj = resolve(proposal, fields["object"], "object")
            if subject is None or obj is None:
                continue
            cls = new_entities[subject].cls if subject in new_entities else facts.entity_class(subject)
            if cls is None or cls == "Indicator":
                problem(proposal, f"subject {compact(subject)} is no entity", "give subject= an entity's IRI")
                continue
            block = entity_block(subject, cls, fields["evidence"])
            objects = block.relations.setdefault(fields["predicate"], [])
            if obj not in objects:
                objects.append(obj)
            continue
        if fields.get("indicator_label"):
            indicator_iri = fields["indicator"] if "indicator" in decisions[proposal.id].corrections else None
            if indicator_iri is None:
                indicator_iri = PREFIXES["ind"] + slugify(fields["indicator_en"])
            if facts.exists(indicator_iri) or indicator_iri in new_entities:
                problem(proposal, f"the new indicator's IRI {compact(indicator_iri)} is taken", "give indicator= another new ind: IRI")
                continue
            if label_taken(proposal, fields["indicator_label"], "indicator_label"):
                continue
            new_entities[indicator_iri] = _NewEntity(indicator_iri, "Indicator", fields["indicator_label"], fields["indicator_en"], "",
                                                     evidence=fields["evidence"])
            indicator = indicator_iri
        else:
            indicator = resolve(proposal, fields["indicator"], "indicator")
        values = {"indicator": indicator}
        failed = indicator is None
        for name, value_type in OBSERVATION_PROPERTIES:
            if name != "indicator" and value_type in ("iri", "period") and fields.get(name):
                values[name] = resolve(proposal, fields[name], name)
                failed = failed or values[name] is None
        if failed:
            continue
        if indicator not in new_entities and PK + "Indicator" not in facts.types.get(indicator, ()):
            problem(proposal, f"indicator {compact(indicator)} is no pk:Indicator", "give indicator= an ind: IRI")
            continue
        if not fields.get("period"):
            problem(proposal, "no period", "decide correct with period= (period:2020, period:2020-01_2020-06…)")
            continue
        for comparison in fields.get("comparison") or []:
            if comparison.get("comparedTo") and is_draft_iri(comparison["comparedTo"], sid):
                comparison["comparedTo"] = resolve(proposal, comparison["comparedTo"], "comparedTo") or comparison["comparedTo"]
        iri = fields.get("iri")
        if iri is None:
            subject = values["subject"]
            base = f"{sid}-{indicator.rsplit('/', 1)[-1]}"
            if fields["kind"] in KIND_IN_IRI:
                base += "-" + KIND_IN_IRI[fields["kind"]]
            base += "-" + period_slug(values["period"])
            if subject != PREFIXES["area"] + "hengyang":
                base += "-" + subject.rsplit("/", 1)[-1]
            iri, number = PREFIXES["obs"] + base, 2
            while iri in obs_taken or facts.exists(iri):
                iri, number = f"{PREFIXES['obs']}{base}-{number}", number + 1
        elif iri in obs_taken or facts.exists(iri):
            problem(proposal, f"the IRI {compact(iri)} is taken", "give iri= another obs: IRI")
            continue
        obs_taken.add(iri)
        observations.append((position(fields["evidence"]), proposal.id, _observation_block(iri, fields, values, sid)))
    if problems:
        raise DataError("the decisions cannot be written as they stand\n\n" + "\n\n".join(problems))

    # Rejections with a reason: the mentions they leave uncovered go into the coverage allowlist.
    rows = []
    for proposal in draft.proposals:
        decision = decisions.get(proposal.id)
        if decision is not None and decision.decision == "reject" and decision.reason:
            for kind, text in _mentions_of(proposal, report.text):
                row = (sid, kind, text, _one_line(decision.reason))
                if row not in rows:
                    rows.append(row)

    counts = {word: sum(1 for p in draft.proposals if decided(p) == word) for word in ("accept", "correct", "reject", "skip", "undecided")}
    files: dict[Path, bytes] = {}
    root = tree.root
    files[root / source_file] = report.data
    sources_path = root / SOURCES_DESCRIPTION
    files[sources_path] = _appended(sources_path, _source_block(sid, source_fields, source_file, facts, report))
    files[root / CLAIMS_FOLDER / f"{sid}.ttl"] = _claims_file(draft, report, source_fields, source_file, entities, observations, counts)
    by_file: dict[str, list[_NewEntity]] = {}
    for entity in new_entities.values():
        by_file.setdefault(_reference_file(entity), []).append(entity)
    for name, new in by_file.items():
        path = root / REFERENCE_FOLDER / name
        blocks = "\n".join(_reference_block(entity, sid, facts, report) for entity in new)
        files[path] = _appended(path, blocks) if path.exists() else _new_reference_file(name, blocks)
    if rows:
        allowlist = root / ALLOWLIST
        existing = allowlist.read_bytes() if allowlist.exists() else ("\t".join(ALLOWLIST_COLUMNS) + "\n").encode("utf-8")
        if existing and not existing.endswith(b"\n"):
            existing += b"\n"
        files[allowlist] = existing + "".join("\t".join(row) + "\n" for row in rows).encode("utf-8")
    for path, data in files.items():
        if path.suffix == ".ttl":
            try:
                list(ox.parse(data, format=ox.RdfFormat.TURTLE))
            except SyntaxError as error:  # a bug of the review, or a reference file without our prefix block
                raise DataError(f"{tree.relative(path)}: the review would write Turtle that does not parse ({error})\n"
                                f"  fix: check that the file declares the prefix block of CURATING.md") from None
    notes = [f"new {entity.cls.lower()} {compact(entity.iri)} ({entity.label})" for entity in new_entities.values()]
    return Plan(sid, files, rows, counts, notes)


def _mentions_of(proposal: Proposal, text: str) -> list[tuple[str, str]]:
    """The coverage mentions a proposal is about: its number, its name or its list, inside its evidence."""
    found = []
    for evidence in proposal.evidence:
        start = text.find(evidence)
        if start < 0:
            continue
        end = start + len(evidence)
        if proposal.kind == "observation":
            written = proposal.fields["valueAsWritten"]
            at = text.find(written, start, end)
            spans, kind = find_numbers(text), "number"
            target = (at, at + len(written)) if at >= 0 else (start, end)
        elif proposal.kind in ("name", "indicator"):
            written = proposal.fields.get("text") or proposal.fields.get("label") or ""
            at = text.find(written, start, end)
            spans, kind = find_names(text), "name"
            target = (at, at + len(written)) if at >= 0 else (start, end)
        else:
            spans, kind = [(m.start, m.end) for m in find_lists(text)], "list"
            target = (start, end)
        for s, e in spans:
            if s < target[1] and target[0] < e and start <= s and (kind == "list" or e <= end):
                found.append((kind, text[s:e]))
    return found


def _appended(path: Path, block: str) -> bytes:
    """A file's bytes with ``block`` added at its end, after a blank line."""
    data = path.read_bytes() if path.exists() else b""
    if data and not data.endswith(b"\n"):
        data += b"\n"
    return data + b"\n" + block.encode("utf-8")


def _statement(head: str, pairs: list[tuple[str, str]]) -> str:
    """A block: ``head ;`` (the subject and its class), then one ``predicate object ;`` a line, the last ending in `` .``."""
    lines = [f"{head} ;"] + [f"    {p} {o} ;" for p, o in pairs]
    lines[-1] = lines[-1][:-2] + " ."
    return "\n".join(lines) + "\n"


def _evidence_value(evidence: list[str]) -> str:
    return " ,\n        ".join(turtle_string(e) + "@zh" for e in evidence)


def _source_block(sid: str, fields: dict, source_file: Path, facts: TreeFacts, report: Report) -> str:
    title = fields["title"]
    label = fields.get("label") or title
    pairs = [("rdfs:label", f"{turtle_string(label)}@zh ,\n        {turtle_string(fields['en'])}@en")]
    if not facts.written(label, report.text):
        pairs.append(("pk:labelBasis", "pkc:CuratorsWording"))
    pairs.append(("dcterms:title", f"{turtle_string(title)}@zh"))
    if fields.get("date"):
        pairs.append(("dcterms:date", f'"{fields["date"]}"^^xsd:date'))
    if fields.get("section"):
        pairs.append(("pk:section", f"{turtle_string(fields['section'])}@zh"))
    if fields.get("reporter"):
        pairs.append(("pk:reporter", f"{turtle_string(fields['reporter'])}@zh"))
    if fields.get("url"):
        pairs.append(("dcterms:source", f"<{fields['url']}>"))
    pairs += [("dcterms:language", '"zh"'), ("pk:sourceFile", turtle_string(source_file.as_posix()))]
    comment = f"# {sid}: reviewed from the draft of policykg extract (policykg review)\n"
    return comment + _statement(f"src:{sid} a pk:SourceArticle", pairs)


def _observation_block(iri: str, fields: dict, values: dict, sid: str) -> list[str]:
    cls = "pk:Target" if fields["class"] == "Target" else "pk:Observation"
    pairs = []
    for name, value_type in OBSERVATION_PROPERTIES:
        value = values.get(name) if value_type in ("iri", "period") else fields.get(name)
        if value is None or value == [] or value == "":
            continue
        if value_type in ("iri", "period"):
            pairs.append((f"pk:{name}", turtle_term(value)))
        elif value_type.startswith("concept"):
            pairs.append((f"pk:{name}", f"pkc:{value}"))
        elif value_type == "string":
            pairs.append((f"pk:{name}", turtle_string(value)))
        elif value_type == "comparison":
            pairs.append(("pk:comparison", " ,\n                  ".join(_comparison_text(c) for c in value)))
        else:
            pairs.append((f"pk:{name}", turtle_number(value)))
    pairs += [("prov:wasDerivedFrom", f"src:{sid}"), ("pk:evidence", turtle_string(fields["evidence"]) + "@zh")]
    return [_statement(f"{turtle_term(iri)} a {cls}", pairs)]


def _comparison_text(comparison: dict) -> str:
    parts = ["a pk:Comparison"]
    if comparison.get("comparedTo"):
        parts.append(f"pk:comparedTo {turtle_term(comparison['comparedTo'])}")
    if comparison.get("comparator"):
        parts.append(f"pk:comparator pkc:{comparison['comparator']}")
    if comparison.get("valueAsWritten"):
        parts.append(f"pk:valueAsWritten {turtle_string(comparison['valueAsWritten'])}")
    if comparison.get("difference") is not None:
        parts.append(f"pk:difference {turtle_number(comparison['difference'])}")
    if comparison.get("unit"):
        parts.append(f"pk:unit pkc:{comparison['unit']}")
    return "[ " + " ; ".join(parts) + " ]"


def _entity_text(block: _Entity) -> str:
    pairs = []
    if block.alt_labels:
        pairs.append(("skos:altLabel", " , ".join(turtle_string(label) + "@zh" for label in dict.fromkeys(block.alt_labels))))
    for predicate, objects in block.relations.items():
        pairs.append((turtle_term(predicate), " , ".join(turtle_term(o) for o in objects)))
    pairs.append(("pk:evidence", _evidence_value(block.evidence)))
    return _statement(f"{turtle_term(block.iri)} a pk:{block.cls}", pairs)


def _claims_file(draft: ReviewDraft, report: Report, source_fields: dict, source_file: Path, entities: dict[str, _Entity],
                 observations: list[tuple[int, str, list[str]]], counts: dict[str, int]) -> bytes:
    sid = draft.source_id
    items = [(block.position, 0, _entity_text(block)) for block in entities.values()]
    items += [(at, 1, text) for at, _, texts in observations for text in texts]
    items.sort(key=lambda item: (item[0], item[1]))
    header = [
        f"# policykg claims of article {sid}: {' '.join(source_fields['title'].split())}.",
        "#",
        f"# Source: {source_file.as_posix()} (src:{sid}), loaded into the named graph src:{sid}.",
        f"# Reviewed from the draft of policykg extract ({draft.path.name}) with policykg review: {counts['accept']} proposals "
        f"accepted, {counts['correct']} corrected, {counts['reject']} rejected"
        + (f", {counts['skip'] + counts['undecided']} left undecided" if counts["skip"] + counts["undecided"] else "") + ".",
        "# In reading order, a comment before the blocks of each line of the article; spelling variants as skos:altLabel,",
        "# relations on their subject's block, every number its own observation, each block with its verbatim evidence.",
        "",
    ]
    body, current_line = [], None
    for at, _, text in items:
        line = report.text.count("\n", 0, at) + 1
        if line != current_line:
            current_line = line
            opening = report.text.split("\n")[line - 1].strip() if at < len(report.text) else ""
            body.append(f"# line {line}: {' '.join(opening[:30].split())}{'…' if len(opening) > 30 else ''}\n")
        body.append(text + "\n")
    return ("\n".join(header) + prefix_block() + "\n" + "".join(body)).rstrip("\n").encode("utf-8") + b"\n"


def _reference_file(entity: _NewEntity) -> str:
    if entity.cls in CLASS_FILE:
        return CLASS_FILE[entity.cls]
    prefix = compact(entity.iri).split(":")[0]
    return PREFIX_FILE.get(prefix, f"{prefix}.ttl")


def _reference_block(entity: _NewEntity, sid: str, facts: TreeFacts, report: Report) -> str:
    ours = not facts.written(entity.label, report.text)
    source = f"{sid} {entity.evidence}" if entity.evidence else sid
    comment = f"# {' '.join(source.split())[:80]}" + (f": {entity.label} (curators' wording)" if ours else "") + "\n"
    pairs = [("skos:inScheme", "hy:indicators")] if entity.cls == "Indicator" else []
    pairs.append(("rdfs:label", f"{turtle_string(entity.label)}@zh , {turtle_string(entity.en)}@en"))
    if ours:
        pairs.append(("pk:labelBasis", "pkc:CuratorsWording"))
    if entity.definition:
        pairs.append(("skos:definition", f"{turtle_string(entity.definition)}@en"))
    if entity.broader:
        pairs.append(("skos:broader", turtle_term(entity.broader)))
    if entity.dates:
        pairs += [("pk:startDate", f'"{entity.dates[0]}"^^xsd:date'), ("pk:endDate", f'"{entity.dates[1]}"^^xsd:date')]
    if entity.ordinal is not None:
        pairs.append(("pk:ordinal", str(entity.ordinal)))
    return comment + _statement(f"{turtle_term(entity.iri)} a pk:{entity.cls}", pairs)


def _new_reference_file(name: str, blocks: str) -> bytes:
    topic = FILE_TOPICS.get(name, name.removesuffix(".ttl"))
    header = (f"# Reference: {topic}, each defined once with its class and labels (CURATING.md).\n"
              "# Started by policykg review; sources: the articles under sources/.\n\n")
    return (header + prefix_block() + "\n" + blocks).encode("utf-8")


# ---------------------------------------------------------------------------------------------------
# Applying: all files or none, then the checks, and back as it was when any fails
# ---------------------------------------------------------------------------------------------------

@dataclass
class ApplyResult:
    """What an apply did: whether it stands, the checks' and the coverage's report, the files written."""

    ok: bool
    validation: str
    coverage: str
    written: list[Path]
    rolled_back: bool


def apply_plan(tree: Tree, plan: Plan, allow_missing: bool = False) -> ApplyResult:
    """Write ``plan`` into ``tree``, run the checks of ``policykg validate`` and the new article's coverage,
    and put every file back as it was if any check fails (or anything goes wrong on the way).

    Coverage fails when a number, name or list of the new article is neither covered nor allowlisted,
    unless ``allow_missing`` (then they are listed as warnings). An allowlist row the review added for
    a rejected mention that the graph covers after all is dropped (no row outlives its reason).
    """
    originals = write_files(plan.files)
    written = sorted(plan.files)
    try:
        try:
            loaded = load_tree(tree)
        except DataError as error:
            restore_files(originals)
            return ApplyResult(False, str(error), "", written, True)
        store = loaded.store()
        results: list[CheckResult] = run_checks(loaded, store)
        report = validation_report(loaded, results)
        coverage = article_coverage(loaded, store, plan.source_id)
        _drop_stale_rows(tree, plan, coverage)
        missing = [m for m in coverage.mentions if m.state == "missing"]
        coverage_text = format_coverage(coverage, only_missing=True)
        if missing:
            coverage_text += ("\n  (warning: " if allow_missing else "\n  (error: ") + f"{len(missing)} mention(s) neither covered "
            coverage_text += "nor allowlisted: accept or correct the proposal stating each, or reject it with reason=… to allowlist it)"
        failed = report["errors"] > 0 or (missing and not allow_missing)
    except BaseException:
        restore_files(originals)
        raise
    if failed:
        restore_files(originals)
    else:
        written = [path for path in written if not path.exists() or path.read_bytes() != originals[path]]
    return ApplyResult(not failed, format_validation(report), coverage_text, written, bool(failed))


def _drop_stale_rows(tree: Tree, plan: Plan, coverage: Coverage) -> None:
    """Remove the allowlist rows of this review that no mention uses (the graph covers them after all)."""
    if not plan.allowlist_rows:
        return
    used = {(m.kind, m.text) for m in coverage.mentions if m.state == "allowlisted"}
    stale = [row for row in plan.allowlist_rows if (row[1], row[2]) not in used]
    if not stale:
        return
    path = tree.root / ALLOWLIST
    lines = path.read_text(encoding="utf-8").split("\n")
    stale_lines = {"\t".join(row) for row in stale}
    write_atomically(path, "\n".join(line for line in lines if line not in stale_lines).encode("utf-8"))


# ---------------------------------------------------------------------------------------------------
# Showing a proposal, and the terminal session
# ---------------------------------------------------------------------------------------------------

MARKS_PLAIN = ("⟦", "⟧", "«", "»")
MARKS_ANSI = ("\x1b[4m", "\x1b[24m", "\x1b[1;7m", "\x1b[22;27m")


def sentence_bounds(text: str, evidence: str) -> tuple[int, int, int, int] | None:
    """Where the sentence holding ``evidence`` is in ``text``: (its start, the evidence's start and end, its end), or None.

    >>> sentence_bounds("甲。乙增长1%。丙", "增长1%")
    (2, 3, 7, 8)
    """
    start = text.find(evidence)
    if start < 0:
        return None
    end = start + len(evidence)
    begin = max(text.rfind(mark, 0, start) for mark in _SENTENCE_END) + 1
    stops = [found for mark in _SENTENCE_END if (found := text.find(mark, end)) >= 0]
    finish = len(text)
    if stops:
        finish = min(stops) + (0 if text[min(stops)] == "\n" else 1)  # a sentence's full stop is shown, a line break not
    return begin, start, end, finish


def sentence_of(text: str, evidence: str, item: str = "", ansi: bool = False) -> tuple[int, str]:
    """The line number and the sentence holding ``evidence`` in ``text``, the evidence marked (and ``item`` in it)."""
    bounds = sentence_bounds(text, evidence)
    if bounds is None:
        return 0, evidence
    begin, start, end, finish = bounds
    open_e, close_e, open_i, close_i = MARKS_ANSI if ansi else MARKS_PLAIN
    inside = evidence
    at = evidence.find(item) if item else -1
    if at >= 0 and item != evidence:
        inside = evidence[:at] + open_i + item + close_i + evidence[at + len(item):]
    return text.count("\n", 0, start) + 1, (text[begin:start] + open_e + inside + close_e + text[end:finish]).strip()


def describe(proposal: Proposal, draft: ReviewDraft, facts: TreeFacts, report: Report, decision: Decision | None = None,
             number: str = "", ansi: bool = False) -> str:
    """A proposal as a curator reads it: what it proposes, its confidence and rule, its sentence with the
    evidence marked, its fields with the tree's labels, what a check would refuse, and its decision."""
    def named(iri: str | None) -> str:
        if not iri:
            return ""
        label = facts.label(iri) or draft.draft_label(iri) or ""
        state = " (new, proposed by the draft)" if is_draft_iri(iri, draft.source_id) else ("" if facts.exists(iri) else " (not in the tree)")
        return f"{compact(iri)}  {label}{state}".rstrip()

    confidence = f", confidence {proposal.confidence:.2f}" if proposal.confidence is not None else ""
    by = f", proposed by {proposal.proposed_by}" if proposal.proposed_by else ""
    lines = [f"{number}{proposal.id} — {proposal.describe_kind()}{confidence}{by}"]
    fields = proposal.fields
    rows: list[tuple[str, str]] = []
    item = ""
    if proposal.kind == "source":
        rows = [("title", fields.get("title") or "(none: give title=)"), ("date", fields.get("date") or ""), ("url", fields.get("url") or ""),
                ("file", f"sources/{draft.source_id}-<slug>.txt (slug= or from en=)")]
    elif proposal.kind == "name":
        item = fields["text"]
        rows = [("written", fields["text"]), ("entity", named(fields["about"])), ("class", f"pk:{fields['class']}"), ("match", fields["match"])]
    elif proposal.kind == "indicator":
        item = fields["label"]
        rows = [("label", fields["label"]), ("indicator", compact(fields["about"]))]
    elif proposal.kind == "observation":
        item = fields["valueAsWritten"]
        for name, value_type in OBSERVATION_PROPERTIES:
            value = fields.get(name)
            if value is None or value == []:
                continue
            if value_type in ("iri", "period"):
                rows.append((name, named(value)))
            elif value_type.startswith("concept"):
                rows.append((name, f"pkc:{value}"))
            elif value_type == "comparison":
                for c in value:
                    against = f" against {named(c['comparedTo'])}" if c.get("comparedTo") else ""
                    difference = turtle_number(c["difference"]) if c.get("difference") is not None else ""
                    rows.append(("comparison", f"{c.get('valueAsWritten', '')} → {difference} pkc:{c.get('unit', '')}{against}"))
            else:
                rows.append((name, str(turtle_number(value)) if isinstance(value, Decimal) else str(value)))
    else:
        rows = [("subject", named(fields["subject"])), ("predicate", compact(fields["predicate"])), ("object", named(fields["object"]))]
    for evidence in proposal.evidence[:1]:
        line, sentence = sentence_of(report.text, evidence, item, ansi)
        lines.append(f"  line {line}: {sentence}")
    width = max((len(name) for name, _ in rows), default=0)
    lines += [f"    {name:<{width}}  {value}" for name, value in rows if value]
    for warning in proposal_warnings(proposal):
        lines.append(f"  ! {warning}")
    if decision is not None:
        corrections = "  ".join(f"{k}={v}" for k, v in decision.corrections.items())
        lines.append(f"  decision: {decision.decision}{'  ' + corrections if corrections else ''}")
    return "\n".join(lines)


def proposal_warnings(proposal: Proposal) -> list[str]:
    """What the checks will refuse in a proposal accepted as it stands."""
    found = []
    if proposal.kind == "source":
        found.append("the article's entry needs en= (its English label), which no draft gives")
    if proposal.kind == "observation":
        evidence = proposal.evidence[0] if proposal.evidence else ""
        if proposal.fields["valueAsWritten"] not in evidence:
            found.append(f"the value as written {proposal.fields['valueAsWritten']!r} is not in the evidence: correct evidence= or valueAsWritten=")
        for comparison in proposal.fields.get("comparison") or []:
            written = comparison.get("valueAsWritten")
            if written and written not in evidence:
                found.append(f"the comparison's {written!r} is not in the evidence (the check value-follows-from-evidence refuses it): "
                             "correct evidence= to a fragment holding it, or comparison=none")
        if proposal.fields["class"] == "Target":
            found.append("a target needs statedBy= (the measure stating it), which no draft gives")
    if proposal.kind in ("name", "indicator") and proposal.fields.get("match", "new") == "new":
        found.append("a new " + ("indicator" if proposal.kind == "indicator" else "entity") + " needs en= (its English label)")
    return found


def interactive_review(draft: ReviewDraft, report: Report, facts: TreeFacts, decisions: dict[str, Decision],
                       save: Callable[[dict[str, Decision]], None], stdin: TextIO, stdout: TextIO, ansi: bool = False) -> bool:
    """Ask for a decision on each proposal not yet decided (or skipped before), saving after each one.

    Answers, one a line: ``a`` accept, ``r`` reject (then a reason to allowlist the mention, or nothing),
    ``c`` correct (then ``field=value`` lines, an empty line to finish, ``?`` to list the fields), ``s``
    skip for later, ``q`` save and quit. An accepted proposal that still needs a field no draft gives (an
    English label, a target's measure) asks for it. Returns False when the curator quit (or input ended)
    before the end, True when every proposal was shown.
    """
    terminal = stdin is sys.stdin and stdout is sys.stdout and stdin.isatty()

    def ask(prompt: str) -> str | None:
        if terminal:  # input() edits the line (readline), which typing a correction in Chinese needs
            try:
                return input(prompt)
            except EOFError:
                stdout.write("\n")
                return None
        stdout.write(prompt)
        stdout.flush()
        line = stdin.readline()
        if not line:
            stdout.write("\n")
            return None
        return line.rstrip("\r\n")

    pending = [p for p in draft.proposals if p.id not in decisions or decisions[p.id].decision == "skip"]
    total = len(draft.proposals)
    for proposal in pending:
        index = draft.proposals.index(proposal) + 1
        stdout.write("\n" + describe(proposal, draft, facts, report, decisions.get(proposal.id), f"[{index}/{total}] ", ansi) + "\n")
        while True:
            answer = ask("[a]ccept [r]eject [c]orrect [s]kip [q]uit › ")
            if answer is None or answer.strip().lower() in ("q", "quit"):
                save(decisions)
                return False
            word = DECISION_WORDS.get(answer.strip().lower())
            if word is None:
                stdout.write("  type a, r, c, s or q\n")
                continue
            decision = Decision(proposal.id, word, {}, "the terminal")
            if word == "reject":
                reason = ask("  reason, to allowlist the mention in coverage (empty: none) › ")
                if reason is None:
                    save(decisions)
                    return False
                if reason.strip():
                    decision.corrections["reason"] = reason.strip()
            elif word == "correct":
                if not _ask_corrections(proposal, decision, ask, stdout):
                    save(decisions)
                    return False
                if not decision.corrections:
                    stdout.write("  no correction given: decide again\n")
                    continue
            if word in ("accept", "correct"):
                if not _complete(proposal, decision, facts, report, ask, stdout):
                    stdout.write("  not decided: decide again\n")
                    continue
                messages = check_decision(proposal, decision, facts, report)
                if messages:
                    stdout.write("".join(f"  ! {m}\n" for m in messages) + "  not decided: decide again\n")
                    continue
            decisions[proposal.id] = decision
            save(decisions)
            break
    return True


def _ask_corrections(proposal: Proposal, decision: Decision, ask, stdout: TextIO) -> bool:
    fields = FIELDS[proposal.kind]
    stdout.write(f"  corrections, one field=value a line, an empty line to finish (? lists the fields of {_a(proposal.kind)})\n")
    while True:
        line = ask("  › ")
        if line is None:
            return False
        line = line.strip()
        if not line:
            return True
        if line == "?":
            stdout.write("".join(f"    {name:<16} {what}\n" for name, what in fields.items()))
            continue
        name, equals, value = line.partition("=")
        name = FIELD_ALIASES.get(name.strip(), name.strip())
        if not equals or name not in fields:
            stdout.write(f"  ! not a field of {_a(proposal.kind)}: {line!r} (? lists them)\n")
            continue
        decision.corrections[name] = value.strip()


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def _complete(proposal: Proposal, decision: Decision, facts: TreeFacts, report: Report, ask, stdout: TextIO) -> bool:
    """Ask for the fields an accepted proposal still needs; the decision becomes ``correct`` with them."""
    try:
        fields = effective(proposal, decision, facts, report)
    except ReviewProblem as problem:
        stdout.write(f"  ! {problem.problem} (fix: {problem.fix})\n")
        return False
    for name, why in required_missing(proposal, fields, facts):
        value = ask(f"  {name} ({why}) › ")
        if value is None or not value.strip():
            return False
        decision.corrections[name] = value.strip()
        decision.decision = "correct"
    return True


def undecided(draft: ReviewDraft, decisions: dict[str, Decision]) -> list[Proposal]:
    """The proposals without a decision, or skipped."""
    return [p for p in draft.proposals if p.id not in decisions or decisions[p.id].decision == "skip"]
