"""The graph's own names as a gazetteer: every entity's zh label and spelling variants, its class, and
the indicators by their names, optionally leaving out what only some articles know.

Leaving out sources is what makes the leave-one-out evaluation honest: with ``exclude={"004"}``, an
entity is known only if a graph other than ``src:004`` mentions it (or no article mentions it at all:
background reference data such as a province), and a spelling variant only if another article's graph
states it. The excluded article's own altLabels, entities and indicators are then unknown, as they
would be for a new report.
"""

from dataclasses import dataclass, field

from ..entities import PK, RDFS_LABEL, SKOS_ALT_LABEL, Index
from ..report import compact

INDICATOR = PK + "Indicator"
PERIOD = PK + "Period"
#: Classes whose members are no names of a report (article sections, the articles themselves).
NOT_NAMES = frozenset({"Keyword", "SourceArticle"})
#: Parentheses the other width: a report writes 县（市）区 where the graph writes 县(市)区; both find the entity.
_OTHER_WIDTH = str.maketrans("()（）", "（）()")
#: Quotation marks, which a name may hold or not (“3215”重点项目推进计划, 衡阳“智造谷”).
_QUOTES = "“”"
#: Names shorter than this are too ambiguous to look for in running text (区, 市).
MIN_NAME = 2


@dataclass(frozen=True)
class Entry:
    """One known name: the entity it names, the entity's class (``Project``), and whether the name is
    its label or a spelling variant."""

    iri: str
    cls: str
    kind: str  # "label" or "variant"


@dataclass
class Gazetteer:
    """Known names (entities and indicators) and known periods, for finding them in a report."""

    names: dict[str, list[Entry]] = field(default_factory=dict)
    indicators: dict[str, str] = field(default_factory=dict)  # zh name → indicator IRI
    indicator_labels: dict[str, str] = field(default_factory=dict)  # indicator IRI → its zh label
    periods: set[str] = field(default_factory=set)
    longest: int = 0

    @classmethod
    def from_index(cls, index: Index, exclude: frozenset[str] | set[str] = frozenset()) -> "Gazetteer":
        """The gazetteer of everything ``index`` holds, less what only the source ids in ``exclude`` state; a name
        with parentheses is also found written with parentheses of the other width."""
        gazetteer = cls()
        excluded = set(exclude)

        def known(iri: str) -> bool:
            mentioned = index.mentioned_in.get(iri, set())
            return not mentioned or bool(mentioned - excluded)

        def stated(s: str, p: str, o) -> bool:
            return bool(set(index.stated_sources(s, p, o)) - excluded)

        for iri, classes in sorted(index.types.items()):
            if INDICATOR in classes:
                if not known(iri):
                    continue
                for triple in index.out.get(iri, []):
                    if triple.predicate.value in (RDFS_LABEL, SKOS_ALT_LABEL) and getattr(triple.object, "language", None) == "zh" \
                            and stated(iri, triple.predicate.value, triple.object):
                        gazetteer.indicators.setdefault(triple.object.value, iri)
                        if triple.predicate.value == RDFS_LABEL:
                            gazetteer.indicator_labels[iri] = triple.object.value
                continue
            if PERIOD in classes:
                gazetteer.periods.add(iri)
                continue
            if iri not in index.entities or index.entity_class(iri) in NOT_NAMES or not known(iri):
                continue
            entity_class = index.entity_class(iri)
            for triple in index.out.get(iri, []):
                predicate = triple.predicate.value
                if predicate not in (RDFS_LABEL, SKOS_ALT_LABEL) or getattr(triple.object, "language", None) != "zh":
                    continue
                if not stated(iri, predicate, triple.object):
                    continue
                name = triple.object.value.strip()
                if len(name) < MIN_NAME:
                    continue
                entry = Entry(iri, entity_class, "label" if predicate == RDFS_LABEL else "variant")
                entries = gazetteer.names.setdefault(name, [])
                if entry not in entries:
                    entries.append(entry)
        for name in [name for name in gazetteer.names if name.translate(_OTHER_WIDTH) != name]:
            gazetteer.names.setdefault(name.translate(_OTHER_WIDTH), gazetteer.names[name])
        for entries in gazetteer.names.values():
            entries.sort(key=lambda e: (e.kind != "label", e.iri))
        gazetteer.longest = max((len(name) for name in gazetteer.names), default=0)
        return gazetteer

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Every known name in ``text`` as (start, end, name): leftmost, then longest, not overlapping, with
        quotation marks aside (衡阳“智造谷” is 衡阳智造谷, as CURATING's labels leave them out); a span takes
        the quotation marks that pair those inside it."""
        by_plain: dict[str, str] = {}
        for name in sorted(self.names):
            by_plain.setdefault(_without_quotes(name), name)
        kept = [i for i, character in enumerate(text) if character not in _QUOTES]
        plain = "".join(text[i] for i in kept)
        found, position, size = [], 0, len(plain)
        while position < size:
            for length in range(min(self.longest, size - position), MIN_NAME - 1, -1):
                name = by_plain.get(plain[position:position + length])
                if name is not None:
                    start, end = _paired(text, kept[position], kept[position + length - 1] + 1)
                    found.append((start, end, text[start:end] if text[start:end] in self.names else name))
                    position += length
                    break
            else:
                position += 1
        return found

    def label_of(self, iri: str) -> str:
        """A zh name of ``iri`` known to the gazetteer (its label if known), or its prefixed name."""
        names = sorted((entry.kind != "label", name) for name, entries in self.names.items() for entry in entries if entry.iri == iri)
        return names[0][1] if names else compact(iri)


def _without_quotes(name: str) -> str:
    return "".join(character for character in name if character not in _QUOTES)


def _paired(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to the quotation marks that close or open those it holds (衡阳“智造谷 → 衡阳“智造谷”)."""
    while text.count("“", start, end) > text.count("”", start, end) and text[end:end + 1] == "”":
        end += 1
    while text.count("”", start, end) > text.count("“", start, end) and text[start - 1:start] == "“":
        start -= 1
    return start, end
