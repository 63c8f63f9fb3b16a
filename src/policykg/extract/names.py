"""Names in a report: each matched to an existing entity (exact, variant or close) or proposed as new.

The finders, each a rule with its own confidence (:data:`CONFIDENCE`):

- ``gazetteer:exact`` / ``gazetteer:variant`` — a label or known spelling variant of an entity
  (:class:`~.gazetteer.Gazetteer`), leftmost-longest.
- ``rule:industry-classification`` / ``rule:ministry`` / ``rule:media`` — names national standards fix
  (:mod:`.standards`): the industries of GB/T 4754 (计算机、通信和其他电子设备制造业, which no head-noun rule can
  read past its 、 and 和), the ministries (科技部), the news media (新华社); and ``rule:top-list``, the rankings
  of enterprises (世界500强企业); a known name inside a standard industry's gives way to it. ``rule:place-name``, after
  the rules: capitals, the cities of Hunan, countries and groupings of them (长沙, 加拿大, 东盟), not inside a name.
- ``rule:name-suffix`` — a run of name characters ending in a head noun (项目, 产业园, 公司, 论坛…),
  without the clause that leads to it (:func:`head_candidates`; also an industry in 业 before a statistic,
  采矿业增长). Its class comes from the head noun. It reads across one 与 (大数据与信息安全产业园) and starts
  after a government body found at its start (科技部“百城百园”行动计划).
  Coverage has a finder of its own (:func:`policykg.coverage.find_names`) that only needs to know that a
  name is there; a draft needs where it starts, so this one trims the clause's verbs and keeps
  quotation marks inside a name (“3215”重点项目推进计划). A candidate that is a near spelling of a known
  name (same head, character-bigram Dice ≥ :data:`CLOSE_DICE`, or a known name with at most two
  characters before it) is ``close``: proposed as a new variant of that entity.
- ``rule:measure-heading`` — a numbered measure of a plan (措施一: 聚焦聚力先进制造业): a Measure.
- ``rule:quoted`` — a “quoted” programme between a programme's verb or word (开展“学习强基月”); with the
  programme's word where it follows (“一门式”服务, “双500”目标: ``rule:quoted-compound``).
- ``rule:organ`` / ``rule:company-short-name`` / ``rule:person-title`` / ``rule:award`` / ``rule:defining`` /
  ``rule:county-level-areas`` / ``rule:named-set`` — names by their form (:data:`PATTERN_NAMES`): 市人大常委会,
  建衡实业获…, 省委书记杜家毫, 被评为湖南省智能制造示范车间, 以楼宇经济为特色的…, 县(市)区, 三大攻坚战.
- ``rule:enumeration`` — the other members of an enumeration (甲、乙、丙) that holds a name found by the
  finders above, or that ends in 等 and a head noun (or 等地, places): of the found member's class, or the
  head's (:func:`enumeration_members`); a place written after its province is two (湖北黄冈).
- ``model:thulac`` / ``model:jieba`` — the proper nouns a tagger tags, optional: see :mod:`.tagger` and
  ``bench/extract_eval.py`` for why neither is on by default.
"""

import re
from dataclasses import replace

from ..coverage import QUOTED
from .draft import NameProposal, Ref
from .gazetteer import Gazetteer
from .measures import CAPACITY_UNITS, UNITS
from .segment import MEASURE_HEADING, Span, clauses, containing, sentences
from .standards import INDUSTRY_CLASSIFICATION, MEDIA, MINISTRIES, PLACE_NAMES, PROVINCES, SURNAMES

#: Head nouns → the class a new name ending in them gets. Each was kept as a finder for its precision over
#: the five articles, measured per head while the rules were written (bench/README.md, "Extraction"); heads
#: whose new names were mostly wrong (业, 经济, 部, 制度, 治理) are left out, some keep only their class
#: (:data:`CLASS_ONLY_HEADS`).
HEAD_NOUNS: tuple[tuple[str, str], ...] = (
    ("有限公司", "Company"), ("股份公司", "Company"), ("公司", "Company"), ("集团", "Company"),
    ("产业集群", "IndustryCluster"),
    ("产业园", "Park"), ("工业园", "Park"), ("物流园", "Park"), ("生态园", "Park"), ("园区", "Park"), ("开发区", "Park"),
    ("高新区", "Park"), ("经开区", "Park"), ("综保区", "Park"), ("新区", "Park"), ("新城", "Park"), ("基地", "Park"),
    ("小镇", "Park"), ("景区", "Park"), ("服饰园", "Park"), ("科学城", "Park"), ("智造谷", "Park"), ("创新智谷", "Park"),
    ("走廊", "Park"), ("优势区", "Park"), ("度假区", "Park"),
    ("项目", "Project"), ("一期", "Project"), ("二期", "Project"), ("三期", "Project"), ("（一期）", "Project"), ("(一期)", "Project"),
    ("改扩建", "Project"), ("扩建", "Project"),
    ("提质改造", "Project"), ("纪念馆", "Project"), ("广场", "Project"),
    ("委员会", "GovernmentBody"), ("办公室", "GovernmentBody"), ("领导小组", "GovernmentBody"), ("督查组", "GovernmentBody"),
    ("参事室", "GovernmentBody"), ("海关", "GovernmentBody"), ("法院", "GovernmentBody"), ("局", "GovernmentBody"),
    ("厅", "GovernmentBody"),
    ("博览会", "Event"), ("交易会", "Event"), ("论坛", "Event"), ("大会", "Event"), ("对接会", "Event"), ("座谈会", "Event"),
    ("推介会", "Event"), ("峰会", "Event"), ("活动", "Event"), ("文化节", "Event"), ("旅游节", "Event"), ("庙会", "Event"),
    ("专案", "Event"), ("主题教育", "Event"), ("大赛", "Event"),
    ("条例", "Regulation"), ("战略", "Strategy"), ("规划", "Plan"), ("计划", "Plan"), ("工程", "Plan"), ("行动", "Plan"),
    ("模式", "Plan"), ("改革", "Plan"), ("体系", "Plan"), ("机制", "Plan"), ("试点", "Plan"), ("清单制", "Plan"), ("整治", "Plan"),
    ("升级版", "Plan"), ("工作法", "Plan"), ("试点示范", "Plan"), ("清单", "Policy"), ("意见", "Policy"), ("服务业", "Industry"), ("产业", "Industry"),
    ("学院", "Institution"), ("大学", "Institution"), ("研究院", "Institution"), ("学校", "Institution"),
    ("中心", "Platform"), ("平台", "Platform"), ("热线", "Platform"), ("门户网站", "Platform"),
    ("机场", "Infrastructure"), ("航线", "Infrastructure"), ("高速", "Infrastructure"), ("高速公路", "Infrastructure"),
    ("铁路", "Infrastructure"), ("高铁", "Infrastructure"), ("专用线", "Infrastructure"), ("航道", "Infrastructure"), ("港区", "Infrastructure"),
    ("干线公路", "Infrastructure"), ("保税仓库", "Infrastructure"), ("物流枢纽", "Infrastructure"), ("大道", "Infrastructure"), ("环路", "Infrastructure"),
    ("团队", "Team"), ("合唱团", "Team"), ("产业链", "IndustrialChain"), ("千亿产业", "IndustryCluster"),
    ("示范市", "Award"), ("示范县", "Award"), ("示范城市", "Award"), ("先进单位", "Award"), ("先进市", "Award"),
    ("模范城", "Award"), ("文明城市", "Award"), ("卫生城市", "Award"), ("名录", "Award"), ("一等奖", "Award"), ("奖", "Award"),
    ("城市群", "Place"), ("都市圈", "Place"), ("经济圈", "Place"), ("示范区", "Place"), ("书院", "Place"), ("故居", "Place"),
    ("县", "AdministrativeArea"), ("市", "AdministrativeArea"), ("区", "AdministrativeArea"), ("街道", "AdministrativeArea"),
    ("重镇", "AdministrativeArea"), ("名镇", "AdministrativeArea"), ("地区", "AdministrativeArea"),
)
_BY_LENGTH = sorted(HEAD_NOUNS, key=lambda pair: len(pair[0]), reverse=True)
#: Heads that only give a class (衡东县 is an AdministrativeArea) but find too few names to be looked for:
#: as a finder each was mostly wrong over the five articles (全市, 格局, 创新创业团队, 长效机制, 网上平台).
CLASS_ONLY_HEADS = frozenset({"市", "县", "区", "街道", "局", "厅", "团队", "机制", "试点", "航道", "书院", "先进单位", "产业集群", "平台",
                              "千亿产业", "产业", "重镇", "名镇", "地区"})
#: The heads looked for (longest first, so that a longer head wins where two end alike), and their pattern.
_FINDER_HEADS = tuple(sorted({head for head, _ in HEAD_NOUNS} - CLASS_ONLY_HEADS, key=lambda head: (-len(head), head)))
_FINDER_HEAD = re.compile("|".join(re.escape(head) for head in _FINDER_HEADS))
#: Heads that end generic phrases as often as names (大项目, 市直园区, 年度投资计划): a name needs at least
#: :data:`SHORTEST_QUALIFIER` characters before one of them, unless they are “quoted”.
GENERIC_HEADS = frozenset({"项目", "园区", "中心", "计划", "规划", "体系", "工程", "改革", "产业链", "战略", "景区", "行动"})
SHORTEST_QUALIFIER = 3
#: A name ending in 市, 县 or 区 is an AdministrativeArea only up to this length (耒阳市, 衡东县; not 产业强市, a goal).
SHORTEST_PLACE = 3
#: Confidence of each finder.
CONFIDENCE = {"exact": 0.95, "variant": 0.9, "standard": 0.8, "heading": 0.7, "close": 0.6, "pattern": 0.6, "new": 0.5,
              "enumeration": 0.45, "tagger": 0.4, "quoted": 0.35}
#: The least character-bigram Dice coefficient for a candidate to be a close spelling of a known name.
CLOSE_DICE = 0.75
#: The longest new name looked for.
LONGEST_NAME = 24
#: Words that make a candidate generic rather than a name (重点项目, 产业项目).
_GENERIC = re.compile(r"^(?:[省市县区国]?(?:重点|重大|产业|工业|招商|新|全部|各类|一批|相关|配套|建设)?(?:项目|工程|基地|园区|中心|平台|活动|计划|行动|公司|企业|集团|产业链|县|区|市|战略|模式)|(?!\d{4}年[^度])[一二两三四五六七八九十\d]+(?:个|家|条|项|批|类|年|月|日|名|座|所|期|届|万|亿|余|多).*|(?:年度|全年|[千百]?亿[元级]?).*)$")
#: Where a name cannot go on: punctuation, blanks, and the particles no name of these reports holds.
_BREAKS = frozenset("，。、；：！？（）()【】《》■,.;:!?的和与及等在把将对为以了是从向由被让使借")
#: What joins two parts of one name (大数据与信息安全产业园): crossed once, between name characters. Not 和, which
#: joins two names as often (东阳渡综合物流产业园和云集空港物流园).
_JOINS = "与"
_NAME_CHAR = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")
#: Verbs that end the clause before the name they act on (大力实施“3215”重点项目推进计划, 我市组团参加第十六届…大会,
#: 建衡实业获省长质量奖). A verb right before the head noun is part of the name (推进计划, 招商引资活动).
_CLAUSE_VERBS = re.compile(
    r"位于|坐落|入驻|参加|召开|举办|承办|荣获|获评|获得|获批|获|入选|入围|引进|进驻|落户|晋级|出台|提请|首创|按下|列为|明确|办好|用好用活|实施|打造|建设|"
    r"推进|推动|加快|启动|完成|抓好|支持|力争|确保|开展|创建|完善|建立|实现|深化|发展|培育|扶持|洽谈|狠抓|通过|随着|组建|构建|"
    r"形成|健全|推行|依托|围绕|对接|拓展|加强|引导|聚焦|瞄准|包括|涵盖|申报|争创|成立|设立|新建|建成|制定|探索|参与|倡导|拉通|打通|贯通|抓")
#: What opens a candidate without being part of the name: the speaker, quantifiers, ordinals of a batch.
_LEADING = re.compile(r"(?:\d{4}年度|我市|全市|全省首家|全省首个|首个|首家|各|共|侦破|第[一二三四五六七八九十\d]+批|新增|成功|正式|率先|重点|大力|积极|全面|"
                      r"持续|深入|着力|全力|继续|进一步|稳步|扎实|一批|一次|还)+")


def class_of(name: str) -> str:
    """The class of a new name from its head noun (``…产业园`` → Park), else ``Entity``."""
    name = name.rstrip("”》")
    for head, cls in _BY_LENGTH:
        if name.endswith(head) and (head not in "市县区" or len(name) <= SHORTEST_PLACE):
            return cls
    return "Entity"


def find_name_proposals(text: str, gazetteer: Gazetteer, tagger_spans: list[tuple[int, int]] | None = None,
                        tagger: str = "thulac") -> list[NameProposal]:
    """Every name of ``text``, the finders in this order: gazetteer hits; standard industries, ministries, news
    media and rankings of enterprises; rule candidates (and the spans of the tagger named ``tagger``, if given)
    not inside a name found; measure headings; names by their form; places without a head noun; quoted
    programmes; the other members of enumerations. Each leaves alone what an earlier one found, but a standard
    industry, a name by its form, a quoted compound or an enumeration's member takes the place of the names
    inside it (:meth:`_Found.add_in_place`)."""
    found = _Found(text)
    for start, end, name in gazetteer.find(text):
        entry = gazetteer.names[name][0]
        match = "exact" if entry.kind == "label" else "variant"
        found.add(start, end, Ref(name, entry.iri, entry.cls), match, CONFIDENCE[match], f"gazetteer:{match}")
    _add_standard_industries(found)
    for pattern, cls, rule in ((_MINISTRY, "GovernmentBody", "rule:ministry"), (_MEDIA, "Media", "rule:media"),
                               (_TOP_LIST, "Award", "rule:top-list")):
        for match in pattern.finditer(text):
            if not found.overlaps(*match.span()):
                found.add(*match.span(), Ref(match.group(), None, cls), "new", CONFIDENCE["standard"], rule)
    _add_candidates(found, gazetteer, tagger_spans or [], tagger)
    for match in MEASURE_HEADING.finditer(text):  # the heading as evidence: 措施一 gives the measure's number
        found.add(*match.span("name"), Ref(match["name"], None, "Measure"), "new", CONFIDENCE["heading"], "rule:measure-heading",
                  match.group().strip())
    for pattern, cls, rule in PATTERN_NAMES:
        for match in pattern.finditer(text):
            # 湖南省 inside 湖南省智能制造示范车间, 市政府 inside 市政府党组
            found.add_in_place(*match.span(1), Ref(match[1], None, cls or class_of(match[1])), CONFIDENCE["pattern"], rule)
    for match in _PLACE_NAME.finditer(text):  # after the rules: a place inside a longer name is no name of its own
        if not found.overlaps(*match.span()) and match.group() + "市" not in gazetteer.names:  # 衡阳: the city, known as 衡阳市
            found.add(*match.span(), Ref(match.group(), None, PLACE_NAMES[match.group()]), "new", CONFIDENCE["standard"], "rule:place-name")
    _add_quoted_compounds(found)
    for match in _QUOTED_NAME.finditer(text):
        group = 1 if match[1] else 2
        if not found.inside(*match.span(group)):
            found.add(*match.span(group), Ref(match[group], None, class_of(match[group])), "new", CONFIDENCE["quoted"], "rule:quoted")
    _add_enumerations(found, gazetteer)
    return sorted(found.proposals, key=lambda p: (p.start, p.end))


class _Found:
    """The name proposals of one text so far, and the spans they take."""

    def __init__(self, text: str):
        self.text = text
        self.sentences = sentences(text)
        self.proposals: list[NameProposal] = []
        self.taken: list[tuple[int, int]] = []

    def add(self, start: int, end: int, ref: Ref, match: str, confidence: float, rule: str, evidence: str | None = None) -> None:
        """Propose ``text[start:end]`` as naming ``ref`` (its sentence as evidence unless ``evidence`` is given)."""
        evidence = evidence if evidence is not None else _evidence(self.sentences, start, end, self.text)
        self.proposals.append(NameProposal(start, end, self.text[start:end], ref, match, evidence, confidence, rule))
        self.taken.append((start, end))

    def add_in_place(self, start: int, end: int, ref: Ref, confidence: float, rule: str) -> None:
        """Propose the span as a new name in place of the names found inside it, unless a name found crosses
        its bounds or is the span itself."""
        if self.holds_whole(start, end) and (start, end) not in self.taken:
            self.remove_inside(start, end)
            self.add(start, end, ref, "new", confidence, rule)

    def remove_inside(self, start: int, end: int) -> None:
        """Forget the names found strictly inside the span (a longer name takes their place)."""
        keep = [(s, e) != (start, end) and start <= s and e <= end for s, e in self.taken]
        self.proposals = [p for p, inner in zip(self.proposals, keep) if not inner]
        self.taken = [span for span, inner in zip(self.taken, keep) if not inner]

    def holds_whole(self, start: int, end: int) -> bool:
        """Whether every name found already that shares a character with the span lies inside it."""
        return all(start <= s and e <= end for s, e in self.taken if s < end and start < e)

    def inside(self, start: int, end: int) -> bool:
        """Whether the span lies inside a name found already."""
        return any(s <= start and end <= e for s, e in self.taken)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether the span shares a character with a name found already."""
        return any(s < end and start < e for s, e in self.taken)


def _add_standard_industries(found: _Found) -> None:
    """The industries the national classification names (:data:`~.standards.INDUSTRY_CLASSIFICATION`) that the
    text writes: a known name matched inside one gives way to it (软件和信息技术服务业 inside 信息传输、软件和信息技术服务业)."""
    for match in _STANDARD_INDUSTRY.finditer(found.text):
        found.add_in_place(*match.span(), Ref(match.group(), None, "Industry"), CONFIDENCE["standard"], "rule:industry-classification")


def _add_candidates(found: _Found, gazetteer: Gazetteer, tagger_spans: list[tuple[int, int]], tagger: str) -> None:
    """The rule candidates (:func:`head_candidates`) and tagger spans not inside a known name, without a government
    body found at their start: a near spelling of a known name is proposed as a new variant of it (``close``),
    the rest as new entities."""
    candidates = {(start, end): "rule:name-suffix" for start, end in head_candidates(found.text)}
    for start, end in tagger_spans:
        candidates.setdefault((start, end), f"model:{tagger}")
    bodies = {p.start: p.end for p in found.proposals if p.ref.cls == "GovernmentBody"}
    for (start, end), rule in sorted(candidates.items()):
        if bodies.get(start, end) < end:  # who issues it is no part of the name: 科技部“百城百园”行动计划
            start = bodies[start]
        name = found.text[start:end]
        if found.inside(start, end) or _GENERIC.match(name) or len(name) < 3:
            continue
        close = _close_entry(name, gazetteer)
        if close is not None:
            entry, known = close
            found.add(start, end, Ref(name, entry.iri, entry.cls), "close", CONFIDENCE["close"], f"{rule}+gazetteer:close({known})")
        else:
            confidence = CONFIDENCE["tagger"] if rule.startswith("model") else CONFIDENCE["new"]
            found.add(start, end, Ref(name, None, class_of(name)), "new", confidence, rule)


def _add_quoted_compounds(found: _Found) -> None:
    """Names made of a “quoted” word and a programme's word right after it (“一江四水”治理, “三个一”救治), in
    place of the names found inside them. (A qualifier before the quotation mark, as in 稳楼市“十七条”, is as
    often not part of a name: 切实打好“六稳”“六保”, 不断刷新“衡阳速度”.)"""
    for match in _QUOTED_COMPOUND.finditer(found.text):
        found.add_in_place(*match.span(), Ref(match.group(), None, _COMPOUND_CLASS.get(match["word"], "Plan")), CONFIDENCE["pattern"],
                           "rule:quoted-compound")


def _add_enumerations(found: _Found, gazetteer: Gazetteer) -> None:
    """The members of enumerations (:func:`enumeration_members`): a member found already is pointed at the
    enumeration's class where the gazetteer knows it so; another is new unless it overlaps a found name. A
    member that holds found names whole is new too where its bounds are sure (a 、 or 等 follows it, its
    quotation marks pair): it takes their place (汽车零部件 for the chain 汽车); and a member holding a design
    capacity is a project of its own, beside the names it holds (水口山铜铅锌产业基地30万吨铜)."""
    text = found.text
    for start, end, cls in enumeration_members(text, found.proposals):
        same = [number for number, p in enumerate(found.proposals) if (p.start, p.end) == (start, end)]
        if same:
            found.proposals[same[0]] = _of_class(found.proposals[same[0]], cls, gazetteer)
            continue
        capacity = _CAPACITY.search(text, start, end)
        # not a last member, which runs on to the clause's end, nor half a quotation (奋战一百天”争先创优)
        bounded = text[end:end + 1] in ("、", "等") and text.count("“", start, end) == text.count("”", start, end)
        if found.overlaps(start, end) and not ((capacity or bounded) and found.holds_whole(start, end)):
            continue
        if not capacity:  # 汽车零部件, not the chain 汽车 inside it; but the base a capacity is built at is named
            found.remove_inside(start, end)
        found.add(start, end, Ref(text[start:end], None, "Project" if capacity else cls), "new",
                  CONFIDENCE["enumeration"], "rule:enumeration")


def _of_class(proposal: NameProposal, cls: str, gazetteer: Gazetteer) -> NameProposal:
    """``proposal`` pointed at the entity of class ``cls`` its name also names, if the gazetteer knows one
    (军民融合 is an Industry and an IndustryCluster: in 甲、乙等8个千亿级产业集群 it is the cluster)."""
    if proposal.ref.iri is None or proposal.ref.cls == cls:
        return proposal
    entry = next((e for e in gazetteer.names.get(proposal.text, []) if e.cls == cls), None)
    if entry is None:
        return proposal
    return replace(proposal, ref=Ref(proposal.text, entry.iri, entry.cls), rule=f"{proposal.rule}+rule:enumeration-class")


def enumeration_members(text: str, found: list[NameProposal]) -> list[tuple[int, int, str]]:
    """The members of every enumeration (甲、乙、丙 or 甲、乙和丙, in one clause) that ends in 等 and a head
    noun (衡永、白南、茶常等高速公路) or holds a name found already, as (start, end, class): the head's class,
    else the found members' (the most common, if several); in a clause without 、, the two of 甲和乙 followed by
    等 and a head noun. Members look like names: 2 to :data:`LONGEST_ITEM` characters, no verb of a clause, no
    particle."""
    exact = {(p.start, p.end): p.ref.cls for p in found}
    members = []
    for clause in clauses(text):
        if "、" not in clause.text:
            members.extend(_pair_members(text, clause))
            continue
        closing = [cls for m in re.finditer("等", clause.text) if (cls := _class_after(text, clause.start + m.start()))]
        for items in _items(text, clause.start, clause.end):
            classes = [exact[item] for item in items if item in exact]
            # the head after the list's own 等, else after the clause's last (…全域旅游、油茶等农副产品种植加工等8个千亿级产业集群)
            cls = _class_after(text, items[-1][1]) or (closing[-1] if closing else None) or \
                (max(sorted(set(classes)), key=classes.count) if classes else None)
            if len(items) >= 2 and cls is not None:
                for start, end in items:
                    members.extend(_split_province(text, start, end, cls))
    return members


def _pair_members(text: str, clause: Span) -> list[tuple[int, int, str]]:
    """The two members of 甲和乙等 and a head noun in a clause without 、 (祁常高速和衡山长青至白果等干线公路)."""
    for match in re.finditer("和", clause.text):
        at = clause.start + match.start()
        closes = text.find("等", at, clause.end)
        cls = _class_after(text, closes) if closes > at + 2 else None
        if cls is None:
            continue
        first = _name_start(text, at, at)
        items = [(first, at), (at + 1, closes)] if first is not None else []
        if items and all(_looks_like_member(text[start:end]) for start, end in items):
            return [(start, end, cls) for start, end in items]
    return []


def _split_province(text: str, start: int, end: int, cls: str) -> list[tuple[int, int, str]]:
    """A member of a list of places that writes its province first (湖北黄冈) as the two places it names, and
    without what the clause wrote before the province (公安干警奔赴湖北黄冈); any other member as it is."""
    if cls in ("AdministrativeArea", "Place"):
        match = _PROVINCE.search(text, start, end)
        if match is not None and end - match.end() >= 2:
            return [(match.start(), match.end(), cls), (match.end(), end, cls)]
    return [(start, end, cls)]


#: An industry as the statistics name it: a run ending in 业 that a measure of output or an enumeration
#: follows (采矿业增长6.1%, 农林牧渔业总产值, 金融业等现代服务业). 业 alone, as a head, ends too many other words.
_INDUSTRY = re.compile(r"(?<![产企行])(?<![^加]工)业(?=增长|增加值|总产值|产值|下降|等|、)")  # 农产品加工业, not 工业
#: Names by their form, each with its class (None: from its head noun) and rule, each right on every proposal it
#: made over the five articles but one of the four titles (全省先进典型, no curated award):
#: - the organs of a province, city or county (市委, 省政府, 市人大常委会, 市政协, 省委编办; not 市委书记, a person's
#:   title) and its bureaux (衡阳市行政审批服务局; not 格局, 布局, 局面);
#: - a company's short name, a brand and an industry word, as the subject of what companies do (建衡实业获…,
#:   衡绿物流、红光物流晋级…, 三易精工被认定为…), also after 支持, 引进 or 企业 (支持恒飞电缆首发上市, 领军企业集商网落户);
#: - the county-level areas as a set (县(市)区, the counties, county-level cities and districts; with 园区, the
#:   parks too);
#: - a person by a title before or after (省委书记杜家毫用…, 李兰娟院士: a common surname, one or two characters more);
#: - what a thing is defined by (以先进制造业为核心的…, 以南岳为龙头的全域旅游);
#: - the title a thing is given (被评为湖南省智能制造示范车间, to the clause's end, at least six characters: not
#:   获评全省先进);
#: - a named set of N great things (三大攻坚战, 六大关键字, 五大专项行动).
#: Each takes the place of the names found inside it (市政府 in 市政府党组, 湖南省 in 湖南省智能制造示范车间).
PATTERN_NAMES = (
    (re.compile(r"((?<![全本各我])[省市县区](?:委(?:编办)?|政府(?:党组)?|人大(?:常委会)?|政协|纪委))(?!\w?(?:书记|副|主任))"),
     "GovernmentBody", "rule:organ"),
    (re.compile(r"((?:衡阳)?[省市县区](?!场)[\u4e00-\u9fff]{2,10}?(?<![格布开新大结当])局)(?!面)"), "GovernmentBody", "rule:organ"),
    (re.compile(r"(?:^|(?<=[，,。；;、\n])|(?<=支持|引进|企业))(?!支持|引进)([\u4e00-\u9fff]{2,4}(?:物流|实业|机械|精工|医疗|电缆|眼镜|汽车|衡钢|科技|电子|电工|声学|食品|股份|网))"
                r"(?=[、，]|获|晋级|落户|被评为|被认定为|自主|首发|入驻|成功)", re.M), "Company", "rule:company-short-name"),
    (re.compile(r"(县[(（]市[)）]区(?:[(（]园区[)）])?)"), "Collection", "rule:county-level-areas"),
    (re.compile(rf"(?:书记|省长|市长|县长|区长|部长|厅长|局长|主任|主席|总理)([{SURNAMES}][\u4e00-\u9fff]{{1,2}}?)"
                r"(?=用|说|指出|强调|表示|要求|在|到|来|率|一行|同志|[，。、；：:,\s])"), "Person", "rule:person-title"),
    (re.compile(rf"(?<=[，。、；了的\n])([{SURNAMES}][\u4e00-\u9fff]{{1,2}})(?=院士|教授|博士|同志)"), "Person", "rule:person-title"),
    (re.compile(r"(?<=以)([^，。、；：,;:\s以为的和与及“”]{2,10})(?=为(?:核心|龙头|特色|依托|主导|引领)的)"), None, "rule:defining"),
    (re.compile(r"(?:被评为|被认定为|被列为|获评)([^，。；,;：:\n]{6,24}?)(?=[，。；,;\n]|$)"), "Award", "rule:award"),
    (re.compile(r"(?<![\d一二三四五六七八九十百千万])((?:[一二三四五六七八九十两]|\d{1,2})大[\u4e00-\u9fff]{0,5}?"
                r"(?:工程|行动|攻坚战|门类|关键字|基地|任务|战略|体系|平台|计划|产业|集群|中心))"), None, "rule:named-set"),
)
#: A “quoted” phrase that a programme's verb opens or a programme's word follows (开展“学习强基月”, “投资促进周”等活动,
#: “坛下铜锣”入选, “两不愁三保障”问题, “校联体”和“屋场恳谈会”经验): the name of a programme, campaign or work
#: method more often than a slogan (“衡阳速度”, “牛鼻子”, which no such word surrounds).
_QUOTED_NAME = re.compile(r"(?:(?<=开展|实施|推行|倡导|启动|坚定|推进|深化|打造)|(?<=、))“([^“”\n]{2,12})”"
                          r"|“(?=[^“”\n]{2,12}”(?:改革|建设|活动|行动|等|模式|经验|品牌|工作|入选|获|有序|成果|问题|电视|目标|“|、|和“))([^“”\n]+)”")
#: The industries of the national classification a report may write: the names of at least four characters that
#: end in 业 or 服务 or hold 、, 和 or 及 (not 教育, 卫生, 社会保障: words of any report), a 服务 with the 业 reports add
#: (互联网和相关服务业), longest first.
_STANDARD_INDUSTRY = re.compile("|".join(
    re.escape(name) + ("业?" if name.endswith("服务") else "")
    for name in sorted({name for name in INDUSTRY_CLASSIFICATION.values()
                        if len(name) >= 4 and (name.endswith(("业", "服务")) or set(name) & set("、和及"))}, key=lambda n: (-len(n), n))))
#: A “quoted” word and the programme's word that may follow it as one name (“一门式”服务, “双500”目标).
_QUOTED_COMPOUND = re.compile(r"“[^“”\n]{1,10}”(?P<word>治理|服务|救治|招商|制度|目标|城镇群|城市群)")
#: The class of such a name, by its word (“双500”目标 is a Goal, “西南云大”城镇群 a Place).
_COMPOUND_CLASS = {"目标": "Goal", "城镇群": "Place", "城市群": "Place"}
#: A design capacity inside a member of an enumeration: the member is a project named with it, whatever its
#: siblings are (水口山铜铅锌产业基地30万吨铜 among parks), around the known names it holds.
_CAPACITY = re.compile(r"\d+(?:\.\d+)?[万亿]?(?:" + "|".join(re.escape(w) for w, unit in UNITS if unit in CAPACITY_UNITS) + r")[\u4e00-\u9fff]")
_PROVINCE = re.compile("|".join(PROVINCES))
_MINISTRY = re.compile("|".join(sorted(MINISTRIES, key=len, reverse=True)))
_MEDIA = re.compile("|".join(sorted(MEDIA, key=len, reverse=True)))
#: A ranking of enterprises a report names as what its investors belong to (引进世界500强企业项目, “三类500强”企业).
_TOP_LIST = re.compile(r"“?(?:世界|中国|全国|民营企业|三类)\d+强”?(?=企业)")
_PLACE_NAME = re.compile("|".join(sorted(PLACE_NAMES, key=len, reverse=True)))
#: The longest member of an enumeration taken as a name.
LONGEST_ITEM = 16


def _items(text: str, start: int, end: int) -> list[list[tuple[int, int]]]:
    """The runs of members of the enumeration in ``text[start:end]`` that look like names, as (start, end)
    (a member that does not, 推进有力 in 甲、乙推进有力、成效明显, ends a run): the first from where its
    clause's verbs end, the last up to 等, 和/及 or a verb of a clause."""
    parts, position = [], start
    for match in re.finditer("、", text[start:end]):
        parts.append((position, start + match.start()))
        position = start + match.end()
    last_end = position
    while last_end < end and text[last_end] not in "等和及" and not _CLAUSE_VERBS.match(text, last_end):
        last_end += 1
    parts.append((position, last_end))
    first_start = _name_start(text, parts[0][1], parts[0][1])
    parts[0] = (first_start if first_start is not None and not re.match(r"[0-9A-Za-z]", text[first_start - 1:first_start]) else parts[0][1], parts[0][1])
    runs: list[list[tuple[int, int]]] = [[]]
    for item_start, item_end in parts:
        closes = text.find("等", item_start, item_end)  # 甲、乙等一批X、Y: 乙 ends the list; X, Y are its heads
        item_end = closes if closes > item_start else item_end
        while item_start < item_end and text[item_start] in "“”\"":
            item_start += 1
        while item_end > item_start and text[item_end - 1] in "“”\"":
            item_end -= 1
        if _looks_like_member(text[item_start:item_end]):
            runs[-1].append((item_start, item_end))
        elif runs[-1]:
            runs.append([])
        if closes > item_start:
            break
    return [run for run in runs if run]


def _looks_like_member(item: str) -> bool:
    """Whether a member of an enumeration looks like a name: 2 to :data:`LONGEST_ITEM` characters, some
    Chinese, no verb of a clause, no particle, no generic phrase."""
    return 2 <= len(item) <= LONGEST_ITEM and not _CLAUSE_VERBS.search(item) and not set(item) & _BREAKS \
        and not _GENERIC.match(item) and bool(re.search(r"[\u4e00-\u9fff]", item))


def _class_after(text: str, end: int) -> str | None:
    """The class of the head noun right after ``等`` (and a count) at ``end``, or None (甲、乙等高速公路 → Infrastructure)."""
    match = re.match(r"等(?:\d+|[一二三四五六七八九十两]+|若干)?[个条家项批类座所名位]?", text[end:end + 6])
    if match is None:
        return None
    tail = text[end + match.end():end + match.end() + 8]
    if re.match(r"地(?!区)", tail):  # 湖北黄冈、武汉等地
        return "AdministrativeArea"
    heads = [(tail.find(head), -len(head), cls) for head, cls in HEAD_NOUNS if head in tail and len(head) > 1]
    return min(heads)[2] if heads else None


def head_candidates(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every candidate new name of ``text``: a run of name characters ending in a head
    noun (:data:`HEAD_NOUNS`) or an industry's 业 (:data:`_INDUSTRY`), without the clause before it
    (:func:`_name_start`), a “quoted” name ending in one, and every 《title》 (title marks kept: CURATING's labels
    keep them). A candidate inside a longer one is left out (“3215”重点项目 inside “3215”重点项目推进计划)."""
    found = set()
    for position in range(len(text)):  # a match at every position: heads overlap (产业园区 ends in 产业园 and 园区)
        match = _FINDER_HEAD.match(text, position)
        if match is None:
            continue
        start = _name_start(text, match.start(), match.end())
        if start is not None:
            found.add((start, match.end()))
    for match in _INDUSTRY.finditer(text):
        start = _name_start(text, match.start(), match.end())
        if start is not None and match.end() - start >= 3:
            found.add((start, match.end()))
    for match in QUOTED.finditer(text):
        if match.group(2):
            found.add(match.span())
        elif match.group(1).endswith(_FINDER_HEADS):
            found.add(match.span(1))
    return sorted(span for span in found if not any(s <= span[0] and span[1] <= e and (s, e) != span for s, e in found))


def _name_start(text: str, head_start: int, end: int) -> int | None:
    """Where the name ending at ``end`` (in the head noun starting at ``head_start``) starts, or None if
    the head has no name before it: back over name characters (at most :data:`LONGEST_NAME`), then after
    the last verb of the clause that is not right before the head, then past the speaker and quantifiers
    (:data:`_LEADING`); a closing quotation mark left open takes the name back to its opening one."""
    start, crossed = head_start, False
    while start > 0 and end - start < LONGEST_NAME and not text[start - 1].isspace():
        if text[start - 1] in _BREAKS:
            if crossed or text[start - 1] not in _JOINS or start - 1 < 1 or head_start - start < 2 \
                    or not _NAME_CHAR.match(text[start - 2]) or text[start - 2] in _BREAKS:
                break
            crossed = True
        start -= 1
    verbs = [m for m in _CLAUSE_VERBS.finditer(text, start, head_start) if m.end() < head_start]
    if verbs:
        start = verbs[-1].end()
    leading = _LEADING.match(text, start, head_start)
    if leading:
        start = leading.end()
    if text[start] in _JOINS:  # the 与 of a verb's object (加强与湘南湘西承接产业转移示范区)
        start += 1
    if text[start - 1:start + 1] == "以上":  # 规模以上工业园区: 以 ends the run, its 上 is no part of the name
        start += 1
    if text.count("”", start, end) > text.count("“", start, end):
        opening = text.rfind("“", 0, start)
        start = opening if opening >= 0 and start - opening <= LONGEST_NAME else start
    qualifier = text[start:head_start]
    if text.count("“", start, end) > text.count("”", start, end) or not qualifier.strip("“”") or qualifier.endswith("级") \
            or _CLAUSE_VERBS.fullmatch(qualifier):
        return None  # no name before the head, or only a level (国家级园区, 国家4A级景区) or a verb (确保铁路)
    if text[head_start:end] in GENERIC_HEADS and len(qualifier.strip("“”")) < SHORTEST_QUALIFIER \
            and not (qualifier.startswith("“") and qualifier.endswith("”")):
        return None
    return start


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
