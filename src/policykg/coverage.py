"""How much of an article the graph captures: every number, every candidate name and every list in its
text, each marked covered (by the graph), allowlisted (a reviewed exception, with its reason) or missing.

- A **number** (Arabic or Chinese numerals with their unit, 第三-style ranks, dates) is covered when it
  lies inside the evidence of a claim or observation of that article whose value, rank, order of
  reaching or comparison difference equals it in size (a status, award, recognition or milestone claim,
  which has no value, covers every number in its evidence) — or, for a date or year, inside any evidence of that article — or inside the
  text of an entity's label or altLabel where the article writes it (a number that is part of a name).
- A **candidate name** (a span ending in 项目, 产业园, 基地, 中心, 计划, 工程…, a “quoted” name, or a
  《title》) is covered when an entity's label or altLabel ends exactly where the candidate ends (or
  equals the quoted name).
- A **list** (甲、乙、丙等N个X; 甲、乙和丙N个X; 《甲》《乙》《丙》N部X: a set that the article names and
  counts, with some of its members) is covered when the set is an entity (a label or altLabel of it
  starts at the count, 14条产业链, or right after it) and, in the article's graph, a triple links each
  member (an entity whose label or altLabel ends where the member ends) to it, in either direction.
- The **allowlist** (``triples/coverage-allowlist.tsv``: source, kind, text, reason) names the
  reviewed exceptions: dates, page markers, slogans, parts of names.
"""

import csv
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

from .checks import source_texts
from .errors import DataError, Location, UsageError
from .load import LoadedTree
from .namespaces import ONTOLOGY_IRI, source_iri
from .numerals import plain, read_number

ALLOWLIST = Path("triples") / "coverage-allowlist.tsv"
ALLOWLIST_COLUMNS = ("source", "kind", "text", "reason")
#: The kinds of mention, in the order a report gives them.
KINDS = ("number", "name", "list")

_UNIT = r"(?:个百分点|%|余?[元人户家个项条批名次倍亩吨天年月日期届场类所座副辆件位万亿]+)?"
NUMBER_MENTION = re.compile(
    r"(?P<date>\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月\d{1,2}日|\d{1,2}[—-]\d{1,2}月)"
    r"|(?P<rank>第[一二三四五六七八九十]+(?![一二三四五六七八九十届批期次季代轮时组位方]))"
    r"|(?P<number>(?<![A-Za-z\d.])\d+(?:\.\d+)?(?:[—-]\d+(?:\.\d+)?)?(?![\d.]*[A-Za-z])(?:个?[万亿])*" + _UNIT + r")"
    r"|(?P<chinese>(?<![第一二三四五六七八九十两])[两三四五六七八九十][一二三四五六七八九十]*(?:个百分点|大|条|家|项|批|名|届|期|类|所))"
)
NAME_SUFFIXES: tuple[str, ...] = (
    "产业园", "工业园", "物流园", "园区", "基地", "小镇", "项目", "公司", "集团", "中心", "论坛", "计划", "工程",
    "条例", "学院", "产业链", "高新区", "经开区", "新区", "新城", "科学城", "智造谷", "机场", "高速", "铁路",
    "大会", "座谈会", "对接会", "战略", "模式", "行动", "综保区", "景区", "奖", "活动",
)
#: Endings that make a “quoted” phrase a name (“链长制”, “一件事一次办”改革 is caught by its suffix).
QUOTED_NAME_ENDINGS = (*NAME_SUFFIXES, "制", "改革", "体系")
_NAME_RUN = re.compile(r"[^，。、；：！？\s（）()【】《》■·,.;:!?]{1,24}$")
#: Particles and verbs that cannot be inside a name: a candidate starts after the last of them.
_NAME_BOUNDARY = re.compile(r".*(?:[的和与及等在把将对为以了是从向由被让使借]|加快|推进|实施|打造|建设|启动|完成|抓好|推动|支持|力争|确保|开展|创建|完善|建立|实现|深化|大力|全面)")
#: What may follow a suffix without ending the name there (中心城市 is not a 中心).
_NAME_CONTINUES = re.compile(r"城市|城区|集镇|[一二三四五]期|专用线|[区励金度造定作品产升建]|" + "|".join(re.escape(s) for s in NAME_SUFFIXES))
_CLOSING_MARKS = "》”’"
QUOTED = re.compile(r"“([^“”\n]{1,20})”|《([^《》\n]{1,40})》")
#: The count that closes a list: N个, N条, N家… (一批, a batch of unknown size, is no count).
LIST_COUNT = re.compile(r"(?<![\d.])(?P<n>\d+|[一二三四五六七八九十两]+)(?P<unit>个|条|家|项|部|大|所|座|类|支|名|位)")
#: Where the clause holding a list starts.
_CLAUSE_BREAK = re.compile(r"[，。；：！？,;:!?\n]")

_CLAIMS = f"""
PREFIX pk: <{ONTOLOGY_IRI}>
SELECT ?claim ?evidence ?number WHERE {{
  GRAPH ?g {{ ?claim a ?class ; pk:evidence ?evidence . }}
  VALUES ?class {{ pk:Observation pk:Target pk:StatusClaim pk:AwardClaim pk:RecognitionClaim pk:MilestoneClaim }}
  OPTIONAL {{ ?claim (pk:value|pk:rank|pk:orderOfReaching|pk:comparison/pk:difference) ?number }}
}}
"""
_EVIDENCE = f"PREFIX pk: <{ONTOLOGY_IRI}> SELECT ?evidence WHERE {{ GRAPH ?g {{ ?s pk:evidence ?evidence }} }}"
_LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?label WHERE {
  { ?s rdfs:label|skos:altLabel ?label } UNION { GRAPH ?g { ?s rdfs:label|skos:altLabel ?label } }
  FILTER(LANG(?label) = "zh")
}
"""


@dataclass(frozen=True)
class Mention:
    """One number or candidate name in an article: its kind, text, position and state."""

    kind: str  # "number", "name" or "list"
    text: str
    start: int
    end: int
    line: int
    state: str = "missing"  # "covered", "allowlisted" or "missing"
    reason: str = ""


@dataclass(frozen=True)
class Coverage:
    """The mentions of one article, and the share of each kind the graph covers."""

    source_id: str
    mentions: list[Mention]

    def share(self, kind: str, state: str = "covered") -> float:
        """The fraction of mentions of ``kind`` in ``state`` (1.0 when the article has none)."""
        of_kind = [m for m in self.mentions if m.kind == kind]
        return sum(1 for m in of_kind if m.state == state) / len(of_kind) if of_kind else 1.0

    def count(self, kind: str, state: str | None = None) -> int:
        """How many mentions of ``kind`` there are (in ``state``, if given)."""
        return sum(1 for m in self.mentions if m.kind == kind and (state is None or m.state == state))


#: A line holding nothing but a number is a page or box marker of the layout, not a statement.
_LAYOUT_MARKER = re.compile(r"^\s*\d{1,2}\s*$", re.M)


def find_numbers(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of every number mention in ``text``, with its unit (layout markers left out)."""
    markers = {match.start() + len(match.group()) - len(match.group().lstrip()) for match in _LAYOUT_MARKER.finditer(text)}
    return [match.span() for match in NUMBER_MENTION.finditer(text) if match.group().strip("—-") and match.start() not in markers]


def find_names(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of every candidate name: a run of name characters ending in a known
    suffix, a “quoted” name ending in one, or a 《title》 (quotes and brackets excluded from the span).
    A quoted phrase without a name suffix (“衡阳速度”) is a slogan, not a candidate name."""
    spans: dict[int, tuple[int, int]] = {}
    for suffix in NAME_SUFFIXES:
        for match in re.finditer(re.escape(suffix), text):
            end = match.end()
            if _NAME_CONTINUES.match(text, end):
                continue
            run = _NAME_RUN.search(text[:end])
            if not run:
                continue
            boundary = _NAME_BOUNDARY.match(run.group()[: -len(suffix)])
            start = run.start() + (boundary.end() if boundary else 0)
            if text.count("“", start, end) > text.count("”", start, end):
                continue  # the name goes on inside quotation marks: the candidate ending there is the real one
            if end - start > len(suffix) and (end not in spans or spans[end][0] > start):
                spans[end] = (start, end)
    for match in QUOTED.finditer(text):
        if match.group(2) or match.group(1).endswith(QUOTED_NAME_ENDINGS):
            group = 1 if match.group(1) else 2
            spans.setdefault(match.end(group), match.span(group))
    return sorted(spans.values())


@dataclass(frozen=True)
class ListMention:
    """A list an article states: the members as written (with their end in the text), and the count."""

    start: int
    end: int  # the end of the count (N个)
    members: tuple[tuple[str, int], ...]  # (member as written, its end offset)
    count_start: int


def find_lists(text: str) -> list[ListMention]:
    """Return every list of the text: two or more members, separated by 、 (or adjacent 《titles》), that
    end in 等 or in 和/及 with a last member, right before a count (等14条, 和名家名师铸造4大, 》3部)."""
    lists = []
    for count in LIST_COUNT.finditer(text):
        clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, count.start())), default=0)
        region = text[clause_start:count.start()]
        if region.endswith("等"):
            parts = region[:-1].split("、")
        elif "、" in region and re.search(r"[和及]", region.rsplit("、", 1)[-1]):
            head, _, last = region.rpartition("、")
            parts = head.split("、") + re.split(r"[和及]", last)
        elif "》《" in region and region.endswith("》"):
            parts = [region]
        else:
            continue
        parts = [piece for part in parts for piece in _split_titles(part)]
        if len(parts) < 2 or not all(parts):
            continue
        members, offset = [], clause_start
        for part in parts:
            index = text.index(part, offset)
            offset = index + len(part)
            members.append((part, offset))
        lists.append(ListMention(clause_start, count.end(), tuple(members), count.start()))
    return lists


def _split_titles(part: str) -> list[str]:
    """Split adjacent 《titles》 into one member each (《甲》《乙》 → 《甲》, 《乙》)."""
    pieces = part.split("》《")
    if len(pieces) == 1:
        return [part]
    return [pieces[0] + "》", *("《" + piece + "》" for piece in pieces[1:-1]), "《" + pieces[-1]]


def article_coverage(loaded: LoadedTree, store: ox.Store, source_id: str) -> Coverage:
    """Return the coverage of article ``source_id`` by the loaded graph."""
    graph = source_iri(source_id)
    text = source_texts(loaded, store).get(str(graph))
    if text is None:
        raise UsageError(f"unknown source {source_id!r}; the described sources are: "
                         + ", ".join(sorted(k.rsplit('/', 1)[-1] for k in source_texts(loaded, store))))
    named = ox.NamedNode(str(graph))
    claim_spans = _claim_spans(store, named, text)
    evidence_spans = [span for row in store.query(_EVIDENCE, default_graph=named, named_graphs=[named]) for span in _occurrences(text, row["evidence"].value)]
    label_spans = [span for row in store.query(_LABELS) for span in _occurrences(text, row["label"].value)]
    labels = {row["label"].value for row in store.query(_LABELS)}
    allowlist = read_allowlist(loaded.tree.root / ALLOWLIST).get(source_id, {})
    mentions = []
    for start, end in find_numbers(text):
        mention = text[start:end]
        covered = (
            _inside_any(start, end, label_spans)
            or (mention[0].isdigit() and ("年" in mention or mention.endswith("月")) and _inside_any(start, end, evidence_spans))
            or any(_inside(start, end, span) and (not values or _magnitude(mention) in values) for span, values in claim_spans)
        )
        mentions.append(_mention("number", text, start, end, covered, allowlist))
    for start, end in find_names(text):
        name = text[start:end]
        ends = {end, end + 1} if text[end:end + 1] in _CLOSING_MARKS else {end}
        covered = name in labels or any(
            s < end and e in ends and e - s > 1 for s, e in label_spans
        ) or any(f"“{name}”" in label or f"《{name}》" in label for label in labels)
        mentions.append(_mention("name", text, start, end, covered, allowlist))
    mentions.extend(_list_mentions(store, named, text, allowlist))
    return Coverage(source_id, sorted(mentions, key=lambda m: (m.start, m.kind)))


_NAMED = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?entity ?label WHERE {
  { ?entity rdfs:label|skos:altLabel ?label } UNION { GRAPH ?g { ?entity rdfs:label|skos:altLabel ?label } }
  FILTER(LANG(?label) = "zh" && isIRI(?entity))
}
"""
_LINKS = "SELECT DISTINCT ?a ?b WHERE { ?a ?p ?b . FILTER(isIRI(?b)) }"


def _list_mentions(store: ox.Store, graph: ox.NamedNode, text: str, allowlist: dict) -> list[Mention]:
    """A mention for each list of the article: covered when its set is an entity that the article's graph
    links to every member; missing (with what is unnamed or unlinked as its note) otherwise."""
    lists = find_lists(text)
    if not lists:
        return []
    ending_at: dict[int, set[str]] = {}
    starting_at: dict[int, set[str]] = {}
    for row in store.query(_NAMED):
        for start, end in _occurrences(text, row["label"].value):
            ending_at.setdefault(end, set()).add(row["entity"].value)
            starting_at.setdefault(start, set()).add(row["entity"].value)
    links = {frozenset((row["a"].value, row["b"].value))
             for row in store.query(_LINKS, default_graph=graph, named_graphs=[graph])}
    mentions = []
    for found in lists:
        unit_end = LIST_COUNT.match(text, found.count_start).end()
        sets = starting_at.get(found.count_start, set()) | starting_at.get(unit_end, set())
        problems = []
        if not sets:
            problems.append(f"no entity is the set {text[found.count_start:found.count_start + 12]}…")
        for member, end in found.members:
            candidates = ending_at.get(end, set()) - sets
            if not candidates:
                problems.append(f"{member}: no entity named")
            elif sets and not any(frozenset((c, s)) in links for c in candidates for s in sets):
                problems.append(f"{member}: not linked to the set")
        mention = text[found.start:found.end]
        line = text.count("\n", 0, found.start) + 1
        if not problems:
            mentions.append(Mention("list", mention, found.start, found.end, line, "covered"))
        elif ("list", mention) in allowlist:
            mentions.append(Mention("list", mention, found.start, found.end, line, "allowlisted", allowlist[("list", mention)]))
        else:
            mentions.append(Mention("list", mention, found.start, found.end, line, "missing", "; ".join(problems)))
    return mentions


def _mention(kind: str, text: str, start: int, end: int, covered: bool, allowlist: dict) -> Mention:
    mention = text[start:end]
    line = text.count("\n", 0, start) + 1
    if covered:
        return Mention(kind, mention, start, end, line, "covered")
    reason = allowlist.get((kind, mention))
    if reason:
        return Mention(kind, mention, start, end, line, "allowlisted", reason)
    return Mention(kind, mention, start, end, line)


def _claim_spans(store: ox.Store, graph: ox.NamedNode, text: str) -> list[tuple[tuple[int, int], set[Decimal]]]:
    """The spans of the article covered by each claim's evidence, with the numbers that claim states."""
    by_claim: dict[str, tuple[set[str], set[Decimal]]] = {}
    for row in store.query(_CLAIMS, default_graph=graph, named_graphs=[graph]):
        evidence, values = by_claim.setdefault(str(row["claim"]), (set(), set()))
        evidence.add(row["evidence"].value)
        if row["number"] is not None:
            values.add(abs(plain(Decimal(row["number"].value))))
    return [(span, values) for evidence, values in by_claim.values() for e in evidence for span in _occurrences(text, e)]


def _occurrences(text: str, fragment: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(fragment)
    while fragment and start >= 0:
        spans.append((start, start + len(fragment)))
        start = text.find(fragment, start + 1)
    return spans


def _inside(start: int, end: int, span: tuple[int, int]) -> bool:
    return span[0] <= start and end <= span[1]


def _inside_any(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(_inside(start, end, span) for span in spans)


def _magnitude(mention: str) -> Decimal | None:
    """The size of the number a mention states, multiplied out (``"595.92亿元"`` → 59592000000); a fall
    (下降80%) is matched by its size, since the fall word stands outside the mention."""
    try:
        return abs(read_number(mention))
    except ValueError:
        return None


def read_allowlist(path: Path) -> dict[str, dict[tuple[str, str], str]]:
    """Read the coverage allowlist: source id → (kind, text) → reason. A row without a reason is an error."""
    if not path.is_file():
        return {}
    allowlist: dict[str, dict[tuple[str, str], str]] = {}
    with path.open(encoding="utf-8", newline="") as stream:
        for number, row in enumerate(csv.reader(stream, delimiter="\t"), start=1):
            if number == 1 or not row or row[0].startswith("#"):
                if number == 1 and tuple(row) != ALLOWLIST_COLUMNS:
                    header = "<TAB>".join(ALLOWLIST_COLUMNS)
                    raise DataError(f"{Location(ALLOWLIST, 1, 1)}: the header must be {header}\n  fix: restore the header row")
                continue
            if len(row) != 4 or not row[3].strip() or row[1] not in KINDS:
                raise DataError(f"{Location(ALLOWLIST, number, 1)}: expected source<TAB>number|name|list<TAB>text<TAB>reason, got {row!r}\n"
                                "  fix: give each row four tab-separated fields, the kind number, name or list, and a reason")
            allowlist.setdefault(row[0], {})[(row[1], row[2])] = row[3].strip()
    return allowlist


_MARK = {"covered": "✓", "allowlisted": "~", "missing": "✗"}


def format_coverage(coverage: Coverage, list_mentions: bool = True, only_missing: bool = False) -> str:
    """A curator's report: the shares per kind, then each mention with its line, state and context."""
    lines = [f"article {coverage.source_id}"]
    for kind in KINDS:
        total = coverage.count(kind)
        lines.append(
            f"  {kind + 's':<8} {coverage.share(kind):6.1%} covered  "
            f"({coverage.count(kind, 'covered')} of {total}; {coverage.count(kind, 'allowlisted')} allowlisted, "
            f"{coverage.count(kind, 'missing')} missing)"
        )
    if list_mentions:
        for mention in coverage.mentions:
            if only_missing and mention.state != "missing":
                continue
            note = f"  ({mention.reason})" if mention.reason else ""
            lines.append(f"  {_MARK[mention.state]} line {mention.line:>3}  {mention.kind:<6} {mention.text}{note}")
    return "\n".join(lines)


def coverage_json(coverage: Coverage, only_missing: bool = False) -> dict:
    """The coverage of one article as JSON data."""
    return {
        "source": coverage.source_id,
        "shares": {kind: coverage.share(kind) for kind in KINDS},
        "mentions": [
            {"kind": m.kind, "text": m.text, "line": m.line, "start": m.start, "state": m.state, "reason": m.reason}
            for m in coverage.mentions if not only_missing or m.state == "missing"
        ],
    }
