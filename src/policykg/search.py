"""One search over the graph: entities and indicators by their names, observations and targets by their
indicator's or subject's name, by their number as written, or by the words of their sentence.

:class:`SearchIndex` is built once from an :class:`policykg.entities.Index` (folding every name and
sentence ahead of time, about 55 ms on the real graph) and answers :meth:`SearchIndex.search` by a
scan of those folded strings, a few milliseconds a query (``bench/search_bench.py``). What is found:

- **entities** (the drawn ``pk:`` classes) and **indicators** (``pk:Indicator``) by any name: a zh or
  en ``rdfs:label``, or a spelling variant (``skos:altLabel``, such as
  GDP); whole, as a prefix, or as a part;
- **observations and targets** through the name of their ``pk:indicator`` or ``pk:subject``, by their
  number as written (``pk:valueAsWritten``: "1600亿元", "1600", "1600亿" and "8.5%" find what is written
  "1600亿元" or "8.5%", never "16000"), or by words of their ``pk:evidence`` sentence (every word given,
  separated by spaces, in one sentence);
- with a class, what is typed with it; the full IRI or prefixed name of a thing finds it too.

Text is compared folded (:func:`fold`): NFKC (full-width letters, digits and signs to half-width),
case folded, and without spaces, dashes, quotation marks and middle dots, so "gdp", "ＧＤＰ" and "G D P"
are one query and “十四五”规划 is found as 十四五规划. A match that begins or ends with a digit must not
continue a longer number. Hits are ranked by how they matched (:data:`TIERS`): exact name, exact
variant, name prefix, part of a name, an observation through its indicator's or subject's name (in that
same order), number, evidence; ties by class (:data:`CLASS_ORDER`) and then IRI, so the same query
gives the same list.

>>> fold("ＧＤＰ “十四五”-规划")
'gdp十四五规划'
"""

import re
import threading
import unicodedata
import weakref
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from .entities import EVIDENCE, PK, STYLE, Index, expand, style_for
from .errors import UsageError
from .namespaces import CONCEPT_IRI, ONTOLOGY_IRI
from .report import compact

OBSERVATION, TARGET, INDICATOR = PK + "Observation", PK + "Target", PK + "Indicator"

#: How a hit matched, best first: the first element of its sort key. An observation found through its
#: indicator's or subject's name ranks in ``related``, ordered within it by how that name matched.
TIERS = {"iri": 0, "name": 0, "variant": 1, "prefix": 2, "partial": 3, "related": 4, "number": 5,
         "evidence": 6, "listed": 7}
#: Ties between hits of one tier: entities in the order of the style table (policykg.entities.STYLE),
#: then indicators, periods, observations and targets; any other class after them, by name.
CLASS_ORDER = (*(style.cls for style in STYLE), "Indicator", "Period", "Observation", "Target")
#: What each kind of hit is called, and each class outside the style table, in zh and en.
KIND_NAMES = {"entity": ("实体", "entity"), "indicator": ("指标", "indicator"), "observation": ("数字", "observation")}
OTHER_CLASS_NAMES = {"Indicator": ("指标", "indicator"), "Period": ("时期", "period"), "Observation": ("观测值", "observation"),
                     "Target": ("目标值", "target"), "Claim": ("陈述", "claim")}
#: The most hits one search returns unless asked for all.
DEFAULT_LIMIT = 20

#: Characters a name is compared without: spaces, dashes, quotation marks, middle dots, book-title marks.
_IGNORED_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Pd", "Pi", "Pf"})
_IGNORED = frozenset("'\"·・《》「」『』〈〉")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_LEADING_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(.*)")


def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch).casefold()
    return "".join(c for c in folded if c not in _IGNORED and unicodedata.category(c) not in _IGNORED_CATEGORIES)


def fold(text: str) -> str:
    """``text`` as compared: NFKC, case folded, without spaces, dashes, quotation marks and middle dots."""
    return "".join(_fold_char(ch) for ch in text)


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``text`` folded (:func:`fold`) and, for each character of the result, the offset in ``text`` it comes from.

    >>> fold_with_offsets("Ａ b")
    ('ab', [0, 2])
    """
    out, offsets = [], []
    for at, ch in enumerate(text):
        for c in _fold_char(ch):
            out.append(c)
            offsets.append(at)
    return "".join(out), offsets


def _bounded(hay: str, start: int, end: int) -> bool:
    """True unless the match ``hay[start:end]`` begins or ends a digit inside a longer number."""
    def digit(at: int) -> bool:
        return 0 <= at < len(hay) and hay[at].isdigit()
    if digit(start) and (digit(start - 1) or (start > 0 and hay[start - 1] == "." and digit(start - 2))):
        return False
    if digit(end - 1) and (digit(end) or (end < len(hay) and hay[end] == "." and digit(end + 1))):
        return False
    return True


def occurrences(hay: str, needle: str) -> list[int]:
    """Where ``needle`` occurs in ``hay`` (folded strings), never inside a longer number, overlaps allowed.

    >>> occurrences("16000与1600亿元", "1600")
    [6]
    """
    found, at = [], hay.find(needle) if needle else -1
    while at >= 0:
        if _bounded(hay, at, at + len(needle)):
            found.append(at)
        at = hay.find(needle, at + 1)
    return found


def _occurs(hay: str, needle: str) -> bool:
    if needle not in hay:
        return False
    if not (needle[0].isdigit() or needle[-1].isdigit()):
        return True
    return bool(occurrences(hay, needle))


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


# ---------------------------------------------------------------------------------------------
# What a search returns
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Hit:
    """One thing found: its kind (entity, indicator, observation), IRI, class (``Project``, ``Target``…),
    zh and en labels, how it matched (``match``, one of :data:`TIERS`, with the name, number or words
    ``matched``, and ``via`` "indicator" or "subject" for an observation found through that name) and, for
    an observation, what it states (:meth:`as_json` lists the keys)."""

    kind: str
    iri: str
    cls: str
    zh: str
    en: str
    match: str
    matched: str
    via: str | None = None
    observation: dict | None = None
    marks: tuple[tuple[int, int], ...] = ()
    key: tuple = field(default=(), compare=False, repr=False)

    def label(self, lang: str) -> str:
        """The label in ``lang`` (zh or en)."""
        return self.en if lang == "en" else self.zh

    def as_json(self, rank: int) -> dict:
        """The hit as JSON, ranked ``rank`` (from 1). An observation adds: ``value`` (as written), ``number``
        (pk:value), ``unit``, ``period``, ``status``, ``comparator``, ``value_kind`` (pk:kind), ``indicator``,
        ``subjects`` (each ``{"iri": prefixed name, "zh", "en"}``), ``sources`` (article ids), ``evidence``
        (its sentences, the one that matched first) and ``marks`` ([start, end) character offsets of what
        matched in the first sentence)."""
        answer = {"rank": rank, "kind": self.kind, "iri": self.iri, "curie": compact(self.iri), "class": self.cls,
                  "zh": self.zh, "en": self.en, "match": self.match, "matched": self.matched, "via": self.via}
        if self.observation is not None:
            answer.update(self.observation)
            answer["marks"] = [list(span) for span in self.marks]
        return answer


def results_json(text: str, cls: str | None, hits: list[Hit], limit: int | None) -> dict:
    """The answer to one search as JSON, the same for ``policykg search --format json`` and ``/search.json``:
    the query, the class, how many hits there are in all and of each kind, the limit, and the first
    ``limit`` of ``hits`` (every hit, best first; None or 0: all)."""
    counts = dict.fromkeys(KIND_NAMES, 0)
    for hit in hits:
        counts[hit.kind] += 1
    shown = hits[:limit] if limit else hits
    return {"query": text, "class": cls, "total": len(hits), "counts": counts, "limit": limit or None,
            "hits": [hit.as_json(rank) for rank, hit in enumerate(shown, 1)]}


def class_names(cls: str) -> tuple[str, str]:
    """The zh and en names of class ``cls`` (a local name such as ``Project``)."""
    for style in STYLE:
        if style.cls == cls:
            return style.zh, style.en
    return OTHER_CLASS_NAMES.get(cls, (cls, cls))


# ---------------------------------------------------------------------------------------------
# The index
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Named:
    """A thing found by its names: (folded, as written, how) for each name, labels first."""

    iri: str
    kind: str
    cls: str
    zh: str
    en: str
    names: tuple[tuple[str, str, str], ...]
    order: int

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class _Record:
    """An observation or target: what it is measured by and about, its number and its sentences."""

    iri: str
    cls: str
    zh: str
    en: str
    indicator: str | None
    subjects: tuple[str, ...]
    written: str
    written_folded: str
    number: tuple[Decimal, str] | None  # the first number of the value as written, and what follows it (folded)
    sentences: tuple[tuple[str, str, tuple[int, ...]], ...]  # (sentence, folded, offsets)
    detail: dict
    order: int

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class SearchIndex:
    """Every name, number and sentence of the dataset, folded once; :meth:`search` scans them."""

    def __init__(self, index: Index):
        self.index = index
        self._lock = threading.Lock()
        self._class_members: dict[str, frozenset[str]] = {}
        named: dict[str, _Named] = {}
        for iri in sorted(index.entities):
            named[iri] = self._named(iri, "entity", index.entity_class(iri))
        for iri in index.indicators():
            named[iri] = self._named(iri, "indicator", "Indicator")
        self.named = named
        self.records = {iri: self._record(iri) for iri, classes in sorted(index.types.items()) if OBSERVATION in classes}
        #: Named things of another pk: class (periods…), searched only when their class is asked for.
        self.others = {iri: self._named(iri, "entity", _class_of(index, iri)) for iri, classes in sorted(index.types.items())
                       if iri not in named and iri not in self.records and iri in index.label_map
                       and not iri.startswith(ONTOLOGY_IRI) and _has_pk_class(classes)}

    # -- building -----------------------------------------------------------------------------

    def _named(self, iri: str, kind: str, cls: str) -> _Named:
        index = self.index
        found = index.label_map.get(iri, {})
        labels = [*found.get("zh", []), *found.get("en", []), *(name for lang, names in sorted(found.items())
                                                                 if lang not in ("zh", "en") for name in names)]
        names: list[tuple[str, str, str]] = [(fold(name), name, "name") for name in sorted(set(labels), key=labels.index)]
        names += [(fold(name), name, "variant") for name in index.alt_labels(iri)]
        labels_of = index.labels(iri)
        return _Named(iri, kind, cls, labels_of["zh"], labels_of["en"], tuple(n for n in names if n[0]), _class_rank(cls))

    def _record(self, iri: str) -> _Record:
        index = self.index
        node = _node(iri)
        cls = "Target" if TARGET in index.types.get(iri, set()) else "Observation"

        def one(predicate: str):
            return index.first(node, PK + predicate)

        def term(value) -> dict | None:
            if not isinstance(value, ox.NamedNode):
                return None
            return {"iri": compact(value.value), **index.labels(value.value)}
        indicator = one("indicator")
        subjects = sorted(t.value for t in index.values(node, PK + "subject") if isinstance(t, ox.NamedNode))
        period = one("period")
        written = one("valueAsWritten")
        written = written.value if written is not None else ""
        number = one("value")
        sentences = sorted(t.value for t in index.values(node, EVIDENCE) if isinstance(t, ox.Literal))
        ind_labels = index.labels(indicator.value) if isinstance(indicator, ox.NamedNode) else {"zh": "", "en": ""}
        parts = {lang: [index.label(s, lang) for s in subjects] + [ind_labels[lang]]
                 + ([index.label(period.value, lang)] if isinstance(period, ox.NamedNode) else []) for lang in ("zh", "en")}
        detail = {
            "value": written,
            "number": _json_number(number),
            "unit": term(one("unit")),
            "period": term(period),
            "status": term(one("status")),
            "comparator": term(one("comparator")),
            "value_kind": term(one("kind")),
            "indicator": term(indicator),
            "subjects": [term(ox.NamedNode(s)) for s in subjects],
            "sources": index.claim_sources(node),
        }
        folded_written = fold(written).replace(",", "")
        match = _NUMBER.search(folded_written)
        return _Record(
            iri, cls, " · ".join(p for p in parts["zh"] if p), " · ".join(p for p in parts["en"] if p),
            indicator.value if isinstance(indicator, ox.NamedNode) else None, tuple(subjects), written, folded_written,
            (Decimal(match.group()), folded_written[match.end():]) if match else None,
            tuple((s, *_folded_pair(s)) for s in sentences), detail, _class_rank(cls))

    def _members(self, cls: str) -> frozenset[str]:
        """The IRIs typed with ``pk:cls`` (every entity for ``Entity``), made on first use."""
        with self._lock:
            found = self._class_members.get(cls)
            if found is None:
                if cls == "Entity":
                    found = frozenset(self.index.entities)
                else:
                    found = frozenset(iri for iri, classes in self.index.types.items() if PK + cls in classes)
                self._class_members[cls] = found
            return found

    def resolve_class(self, name: str) -> str:
        """The class local name (``Project``) that ``name`` means: ``Project``, ``pk:Project``, a zh or en class
        name of the style table (项目, project), or any other class the data uses (``Indicator``, ``Period``…).
        Raises :class:`UsageError` for a class the data does not use."""
        wanted = name.strip().removeprefix("pk:").removeprefix(ONTOLOGY_IRI).casefold()
        for style in STYLE:
            if wanted in (style.cls.casefold(), style.zh.casefold(), style.en.casefold()):
                return style.cls
        for cls, (zh, en) in OTHER_CLASS_NAMES.items():
            if wanted in (cls.casefold(), zh, en):
                return cls
        used = sorted({c[len(PK):] for classes in self.index.types.values() for c in classes
                       if c.startswith(PK) and not c.startswith(CONCEPT_IRI)})
        for cls in used:
            if cls.casefold() == wanted:
                return cls
        raise UsageError(f"unknown class {name!r}\n  fix: use one of " + ", ".join(used))

    # -- searching -----------------------------------------------------------------------------

    def search(self, text: str, limit: int | None = DEFAULT_LIMIT, cls: str | None = None, lang: str = "zh") -> list[Hit]:
        """The hits for ``text``, best first, at most ``limit`` (None or 0: all). With a class ``cls``
        (:meth:`resolve_class`: ``Project``, ``pk:Project``, 项目…) only what is typed with it, stated or
        inferred (``Place`` holds parks and areas; ``Entity`` every entity; ``Period`` the periods, which are
        searched only when asked for). An empty ``text`` with a class lists that class by label in ``lang``;
        an empty text without one finds nothing."""
        cls = self.resolve_class(cls) if cls else None
        members = self._members(cls) if cls else None
        text = text.strip()
        if not text:
            hits = [] if members is None else self._listed(members, lang)
            return hits[:limit] if limit else hits
        query = fold(text)
        words = [w for w in (fold(word) for word in text.split()) if w]
        if not query:
            return []
        own = {iri: found for iri, named in self.named.items() if (found := _name_match(named, query, words))}
        hits = [_named_hit(self.named[iri], *found) for iri, found in own.items() if members is None or iri in members]
        if members is not None:
            hits += [_named_hit(named, *found) for iri, named in self.others.items()
                     if iri in members and (found := _name_match(named, query, words))]
        exact = expand(text) if ":" in text else None
        target = self.named.get(exact) or self.others.get(exact) if exact else None
        if target is not None and (members is None or exact in members):
            hits = [hit for hit in hits if hit.iri != exact] + [_named_hit(target, TIERS["iri"], "iri", compact(exact))]
        for iri, record in self.records.items():
            if members is None or iri in members:
                hit = _record_hit(record, text, query, words, own, exact)
                if hit is not None:
                    hits.append(hit)
        hits.sort(key=lambda hit: hit.key)
        return hits[:limit] if limit else hits

    def _listed(self, members: frozenset[str], lang: str) -> list[Hit]:
        """Every named thing of a class by its label in ``lang`` (folded), then its observations and targets."""
        found = [self.named.get(iri) or self.others.get(iri) for iri in members]
        found = sorted((n for n in found if n is not None), key=lambda n: (fold(n.label(lang)), n.label(lang), n.iri))
        hits = [Hit(n.kind, n.iri, n.cls, n.zh, n.en, "listed", "", key=(TIERS["listed"], 0, position, n.iri))
                for position, n in enumerate(found)]
        records = sorted((r for iri, r in self.records.items() if iri in members),
                         key=lambda r: (fold(r.label(lang)), r.label(lang), r.iri))
        return hits + [_record_as_hit(r, "listed", "", None, (), (TIERS["listed"], 1, position, r.iri))
                       for position, r in enumerate(records)]


def _named_hit(named: _Named, tier: int, how: str, matched: str) -> Hit:
    return Hit(named.kind, named.iri, named.cls, named.zh, named.en, how, matched, key=(tier, 0, named.order, named.iri))


def _record_hit(record: _Record, text: str, query: str, words: list[str], own: dict, exact: str | None) -> Hit | None:
    """How ``record`` matches, the best way: its IRI, its indicator's or subject's name (``own``: the
    things whose names match), its number, its sentence; None when it does not."""
    best = None
    if exact == record.iri:
        best = ((TIERS["iri"], 0), "iri", compact(exact), None)
    for via, iris in (("indicator", (record.indicator,) if record.indicator else ()), ("subject", record.subjects)):
        for iri in iris:
            found = own.get(iri)
            if found and (best is None or (TIERS["related"], found[0]) < best[0]):
                best = ((TIERS["related"], found[0]), found[1], found[2], via)
    if best is None and _number_match(record, query):
        best = ((TIERS["number"], 0), "number", record.written, None)
    shown, complete, marks = _marks(record, words, number=best is not None and best[1] == "number")
    if best is None and complete:
        best = ((TIERS["evidence"], 0), "evidence", " ".join(text.split()), None)
    if best is None:
        return None
    (tier, sub), how, matched, via = best
    return _record_as_hit(record, how, matched, via, marks, (tier, sub, record.order, record.iri), shown)


def _record_as_hit(record: _Record, how: str, matched: str, via: str | None, marks, key: tuple, shown: int = 0) -> Hit:
    """``record`` as a hit, its sentence ``shown`` first (``marks`` are in that one)."""
    detail = dict(record.detail)
    sentences = [sentence for sentence, _, _ in record.sentences]
    detail["evidence"] = sentences[shown:shown + 1] + sentences[:shown] + sentences[shown + 1:]
    return Hit("observation", record.iri, record.cls, record.zh, record.en, how, matched, via, detail, tuple(marks), key)


def _name_match(named: _Named, query: str, words: list[str]) -> tuple[int, str, str] | None:
    """How ``named`` matches the folded ``query``: (tier, how, the name as written), the best way; None when it does not."""
    best = None
    for folded, written, how in named.names:
        if folded == query:
            found = (TIERS[how], how, written)
        elif folded.startswith(query) and _bounded(folded, 0, len(query)):
            found = (TIERS["prefix"], "prefix", written)
        elif _occurs(folded, query) or (len(words) > 1 and all(_occurs(folded, w) for w in words)):
            found = (TIERS["partial"], "partial", written)
        else:
            continue
        if best is None or found[0] < best[0]:
            best = found
    return best


def _number_match(record: _Record, query: str) -> bool:
    """True when ``query`` (folded) is ``record``'s number as written, or that number with the start of what follows it."""
    written = record.written_folded
    query = query.replace(",", "")
    if not written:
        return False
    if query == written:
        return True
    leading = _LEADING_NUMBER.fullmatch(query)
    if not leading or record.number is None:
        return False
    number, rest = record.number
    return _number(leading.group(1)) == number and rest.startswith(leading.group(2))


def _marks(record: _Record, words: list[str], number: bool) -> tuple[int, bool, list[tuple[int, int]]]:
    """Which of ``record``'s sentences to show (the first holding every word, else the first), whether one
    holds every word, and the spans of the shown sentence to mark: each word found and, when the number
    matched, the value as written."""
    if not record.sentences:
        return 0, False, []
    chosen = next((position for position, (_, folded, _) in enumerate(record.sentences)
                   if all(_occurs(folded, word) for word in words)), None)
    sentence, folded, offsets = record.sentences[chosen or 0]
    spans = [(offsets[at], offsets[at + len(word) - 1] + 1) for word in words for at in occurrences(folded, word)]
    if number and record.written:
        at = sentence.find(record.written)
        while at >= 0:
            spans.append((at, at + len(record.written)))
            at = sentence.find(record.written, at + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return chosen or 0, chosen is not None, merged


def marked_parts(sentence: str, marks) -> list[tuple[str, bool]]:
    """``sentence`` cut at ``marks`` ([start, end) spans) into (text, marked) parts, for ``<mark>``.

    >>> marked_parts("全年GDP将突破", [(2, 5)])
    [('全年', False), ('GDP', True), ('将突破', False)]
    """
    parts, at = [], 0
    for start, end in marks:
        if start > at:
            parts.append((sentence[at:start], False))
        parts.append((sentence[start:end], True))
        at = end
    if at < len(sentence):
        parts.append((sentence[at:], False))
    return parts


def _folded_pair(sentence: str) -> tuple[str, tuple[int, ...]]:
    folded, offsets = fold_with_offsets(sentence)
    return folded, tuple(offsets)


def _class_rank(cls: str) -> int:
    return CLASS_ORDER.index(cls) if cls in CLASS_ORDER else len(CLASS_ORDER)


def _class_of(index: Index, iri: str) -> str:
    """The class a thing outside the entities and indicators is shown as: its first pk: class by name."""
    classes = sorted(c[len(PK):] for c in index.types.get(iri, ()) if c.startswith(PK) and not c.startswith(CONCEPT_IRI))
    known = [c for c in classes if c in CLASS_ORDER]
    return (known or classes or [style_for(set()).cls])[0]


def _has_pk_class(classes: set[str]) -> bool:
    return any(c.startswith(PK) and not c.startswith(CONCEPT_IRI) for c in classes)


def _node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _json_number(literal) -> int | float | None:
    """pk:value as a JSON number: an integer as an int, a decimal as a float."""
    if not isinstance(literal, ox.Literal):
        return None
    try:
        return int(literal.value)
    except ValueError:
        try:
            return float(literal.value)
        except ValueError:
            return None


_INDEXES: "weakref.WeakKeyDictionary[Index, SearchIndex]" = weakref.WeakKeyDictionary()
_INDEXES_LOCK = threading.Lock()


def search_index(index: Index) -> SearchIndex:
    """The search index of ``index``, built on first use and kept as long as ``index`` lives (the served pages share one)."""
    with _INDEXES_LOCK:
        found = _INDEXES.get(index)
        if found is None:
            found = _INDEXES[index] = SearchIndex(index)
        return found
