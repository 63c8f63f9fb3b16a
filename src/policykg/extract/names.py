"""Names in a report: each matched to an existing entity (exact, variant or close) or proposed as new.

Three finders, each a rule with its own confidence:

- ``gazetteer:exact`` / ``gazetteer:variant`` — a label or known spelling variant of an entity
  (:class:`~.gazetteer.Gazetteer`), leftmost-longest.
- ``rule:name-suffix`` — a run of name characters ending in a head noun (项目, 产业园, 公司, 论坛…), found
  by :func:`policykg.coverage.find_names` (the same candidates the coverage report lists) plus the head
  nouns of :data:`HEAD_NOUNS` that coverage does not use (局, 委员会, 博览会…). Its class comes from
  the head noun. A candidate that is a near spelling of a known name (same head, character-bigram
  Dice ≥ :data:`CLOSE_DICE`, or a known name with at most two characters before it) is ``close``:
  proposed as a new variant of that entity.
- ``model:thulac`` — the proper nouns THULAC tags (ns, ni, nz), optional: see :mod:`.tagger` and
  ``bench/extract_eval.py`` for why it is off by default.
"""

import re

from ..coverage import find_names
from .draft import NameProposal, Ref
from .gazetteer import Gazetteer
from .segment import Span, containing, sentences

#: Head nouns → the class a new name ending in them gets, longest first where one ends another.
HEAD_NOUNS: tuple[tuple[str, str], ...] = (
    ("有限公司", "Company"), ("股份公司", "Company"), ("公司", "Company"), ("集团", "Company"),
    ("产业园", "Park"), ("工业园", "Park"), ("物流园", "Park"), ("园区", "Park"), ("开发区", "Park"), ("高新区", "Park"),
    ("经开区", "Park"), ("综保区", "Park"), ("新区", "Park"), ("基地", "Park"), ("小镇", "Park"), ("景区", "Park"),
    ("服饰园", "Park"), ("科学城", "Park"), ("智造谷", "Park"),
    ("项目", "Project"), ("一期", "Project"), ("二期", "Project"),
    ("委员会", "GovernmentBody"), ("办公室", "GovernmentBody"), ("领导小组", "GovernmentBody"), ("督查组", "GovernmentBody"),
    ("局", "GovernmentBody"), ("厅", "GovernmentBody"),
    ("博览会", "Event"), ("交易会", "Event"), ("论坛", "Event"), ("大会", "Event"), ("对接会", "Event"), ("座谈会", "Event"),
    ("推介会", "Event"), ("峰会", "Event"), ("活动", "Event"), ("文化节", "Event"), ("旅游节", "Event"),
    ("条例", "Regulation"), ("战略", "Strategy"), ("计划", "Plan"), ("工程", "Plan"), ("行动", "Plan"), ("模式", "Plan"),
    ("学院", "Institution"), ("大学", "Institution"), ("研究院", "Institution"),
    ("中心", "Platform"), ("平台", "Platform"),
    ("机场", "Infrastructure"), ("高速", "Infrastructure"), ("铁路", "Infrastructure"), ("航道", "Infrastructure"),
    ("团队", "Team"), ("产业链", "IndustrialChain"), ("奖", "Award"),
    ("县", "AdministrativeArea"), ("市", "AdministrativeArea"), ("区", "AdministrativeArea"),
)
#: Confidence of each finder.
CONFIDENCE = {"exact": 0.95, "variant": 0.9, "close": 0.6, "new": 0.5, "tagger": 0.4}
#: The least character-bigram Dice coefficient for a candidate to be a close spelling of a known name.
CLOSE_DICE = 0.75
#: Words that make a candidate generic rather than a name (重点项目, 产业项目).
_GENERIC = re.compile(r"^(?:[省市县区国]?(?:重点|重大|产业|工业|招商|新|全部|各类|一批|相关|配套|建设)?(?:项目|工程|基地|园区|中心|平台|活动|计划|行动|公司|企业|集团|产业链|县|区|市|战略|模式)|[一二两三四五六七八九十\d]+.*)$")
_EXTRA_HEADS = tuple(head for head, _ in HEAD_NOUNS if head in ("委员会", "办公室", "局", "博览会", "交易会", "推介会", "峰会", "文化节", "旅游节", "领导小组", "督查组", "有限公司", "开发区", "大学", "研究院", "航道", "团队"))
#: Words of action that open a clause before the name they act on (加快白沙绿岛军民融合产业园…建设, 重点发展东阳渡
#: 综合物流产业园, 办好第十七届湖南国际文化旅游节, 用好用活“人才雁阵”计划): no part of a new name.
_LEADING_VERBS = re.compile(
    r"^(?:(?:重点|加快|大力|积极|全面|持续|深入|着力|全力|继续|进一步|稳步|扎实|成功|正式|率先|全市|我市|各|力争|确保|推动|支持|"
    r"引导|不断)?(?:发展|建设|推进|推动|打造|实施|培育|引进|举办|办好|开展|启动|完成|创建|新建|扶持|支持|用好用活|抓好|建成|落实|"
    r"引导|健全|培育发展|形成|争创|组建|推行|构建|提升|强化|优化|探索|做大做强|做强做优|抓|办|建|新增|参加|承办|召开|设立|成立|"
    r"依托|围绕|对接|拓展|深化|完善|加强|加速)(?:一批|了)?|我市|全市)+")
_RUN = re.compile(r"[^，。、；：！？\s（）()【】《》“”■·,.;:!?的和与及等在把将对为以了是从向由被让使借]{2,20}$")


def class_of(name: str) -> str:
    """The class of a new name from its head noun (``…产业园`` → Park), else ``Entity``."""
    for head, cls in HEAD_NOUNS:
        if name.endswith(head):
            return cls
    return "Entity"


def find_name_proposals(text: str, gazetteer: Gazetteer, tagger_spans: list[tuple[int, int]] | None = None) -> list[NameProposal]:
    """Every name of ``text``: gazetteer hits, then rule candidates (and tagger spans, if given) not inside one."""
    spans = sentences(text)
    proposals: list[NameProposal] = []
    taken: list[tuple[int, int]] = []
    for start, end, name in gazetteer.find(text):
        entry = gazetteer.names[name][0]
        match = "exact" if entry.kind == "label" else "variant"
        proposals.append(NameProposal(start, end, name, Ref(name, entry.iri, entry.cls), match, _evidence(spans, start, end, text),
                                      CONFIDENCE[match], f"gazetteer:{match}"))
        taken.append((start, end))
    candidates = {(start, end): "rule:name-suffix" for start, end in find_names(text)}
    for start, end in _extra_candidates(text):
        candidates.setdefault((start, end), "rule:name-suffix")
    for start, end in tagger_spans or []:
        candidates.setdefault((start, end), "model:thulac")
    for (start, end), rule in sorted(candidates.items()):
        if rule.startswith("rule:"):
            start, end = _trimmed(text, start, end)
        name = text[start:end]
        if any(s <= start and end <= e for s, e in taken) or _GENERIC.match(name) or len(name) < 3:
            continue
        close = _close_entry(name, gazetteer)
        if close is not None:
            entry, known = close
            proposals.append(NameProposal(start, end, name, Ref(name, entry.iri, entry.cls), "close", _evidence(spans, start, end, text),
                                          CONFIDENCE["close"], f"{rule}+gazetteer:close({known})"))
        else:
            confidence = CONFIDENCE["tagger"] if rule.startswith("model") else CONFIDENCE["new"]
            proposals.append(NameProposal(start, end, name, Ref(name, None, class_of(name)), "new", _evidence(spans, start, end, text),
                                          confidence, rule))
        taken.append((start, end))
    return sorted(proposals, key=lambda p: (p.start, p.end))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A candidate without the verbs that open it (重点发展东阳渡综合物流产业园 → 东阳渡综合物流产业园), and with the
    title marks around a 《title》 (CURATING: policy titles keep 《》)."""
    verbs = _LEADING_VERBS.match(text, start, end)
    if verbs and end - verbs.end() >= 3:
        start = verbs.end()
    if text[start - 1:start] == "《" and text[end:end + 1] == "》":
        start, end = start - 1, end + 1
    return start, end


def _extra_candidates(text: str) -> list[tuple[int, int]]:
    """Candidates ending in a head noun that coverage's suffixes do not hold (局, 委员会, 博览会…)."""
    found = []
    for head in _EXTRA_HEADS:
        for match in re.finditer(re.escape(head), text):
            run = _RUN.search(text, max(0, match.end() - 20), match.end())
            if run and run.end() - run.start() > len(head):
                found.append((run.start(), run.end()))
    return found


def _close_entry(name: str, gazetteer: Gazetteer):
    """The known entry ``name`` is a near spelling of, with the known name, or None."""
    head = class_of(name)
    best, best_score = None, 0.0
    grams = _bigrams(name)
    for known, entries in gazetteer.names.items():
        if len(known) < 3:
            continue
        entry = entries[0]
        if name.endswith(known) and len(name) - len(known) <= 2:
            return entry, known
        if head == "Entity" or class_of(known) != head:
            continue
        score = _dice(grams, _bigrams(known))
        if score >= CLOSE_DICE and score > best_score:
            best, best_score = (entry, known), score
    return best


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _evidence(spans: list[Span], start: int, end: int, text: str) -> str:
    """The sentence holding ``start``, verbatim (the name itself if no sentence holds it)."""
    sentence = containing(spans, start)
    return sentence.text if sentence is not None and end <= sentence.end else text[start:end]
