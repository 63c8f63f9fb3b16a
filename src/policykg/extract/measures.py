"""Numbers that state a measure → observation proposals (CURATING.md, "Observations").

A number with a unit (595.92亿元, 3.9%, 265家, 两个, 千亿元, 1个亿), a rank with its scope (全省第二,
进入全国20强, 第一方阵), a zero (零死亡, “零”的突破, 破零) or a count of raises (十六连调) is a measure;
a date (2020年, 3月3日, 1—6月), a list ordinal (措施一, ①), a page or box marker (a line holding only a
number), a heading (a line starting with #, repeating the body), a number inside “quotes” or 《titles》
(“3215”重点项目), a phase of a project (一期, 二期), a size class (千亿元产业集群) and a number without a
unit (500强, 5G) are not.

Everything is read on the report with its page breaks taken out (:class:`~.segment.Layout`), so that
"民间投资增长\\n\\n8.6%" is one clause; the evidence is still the clause of the report as printed.
For each measure the sentence gives (each rule says what it reads; ``bench/extract_eval.py`` lists
which article each rule was written after):

- the value as written and normalized by :func:`policykg.numerals.read_number`; the unit
  (:data:`UNITS`; the counted noun decides 个 → Project, 户 → Enterprise, 家 → Item for scenic spots);
- the kind (Growth after 增长/增速 or a fall word, Ratio for a completion rate 完成率/占年度计划的,
  Share for other percentages, Rank, Level, Count, Duration), the comparator and the status;
- the period (:mod:`.periods`: the last period word of the sentence that is no baseline of a comparison
  (比上半年), else the last one that opens a sentence of the paragraph, else the period the headline
  names, else the report's year);
- ranks (全省第二 after the value, or a rank observation of its own when the rank's clause names its
  own measure; 均 and 分别 lists give one rank per item), tiers and orders of reaching;
- comparisons (高出全省…0.4个百分点, 较去年同期多增255家), which are not observations of their own;
- the subject and the indicator (:func:`_measure_phrase`, :func:`resolve_indicator`): a 分别 list is
  aligned by position with the values after it, either as subjects (甲、乙分别完成投资x、y) or as
  indicators (甲、乙分别增长x、y).
"""

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from ..namespaces import PREFIXES
from ..numerals import NEGATIVE_WORDS, chinese_number, plain, read_number
from ..text import without_marks
from .draft import Comparison, NameProposal, ObservationProposal, Ref
from .gazetteer import Gazetteer
from .periods import PERIOD, period_match, reference_year, report_period
from .segment import MEASURE_HEADING, SENTENCE_END, Layout, Span, clauses, clauses_of, containing, sentences

AREA = PREFIXES["area"]
CITY = AREA + "hengyang"
PERIOD_IRI = PREFIXES["period"]
SCOPES = {"全省": AREA + "hunan", "全国": AREA + "china", "全市": CITY}
CITY_REF = Ref("衡阳", CITY, "AdministrativeArea")

#: Units as written → pkc: unit, longest first.
UNITS: tuple[tuple[str, str], ...] = (
    ("个国家和地区", "Country"), ("个百分点", "PercentagePoint"), ("个工作日", "WorkingDay"), ("个国家", "Country"),
    ("个项目", "Project"), ("工作日", "WorkingDay"), ("平方米", "SquareMetre"), ("重量箱", "StandardCase"), ("万元", "Yuan"),
    ("亿元", "Yuan"), ("个亿", "Yuan"), ("公里", "Kilometre"), ("瓦时", "WattHour"), ("人次", "PersonTime"), ("批次", "Item"),
    ("元", "Yuan"), ("%", "Percent"), ("％", "Percent"), ("家", "Enterprise"), ("户", "Household"), ("人", "Person"),
    ("名", "Person"), ("例", "Person"), ("位", "Person"), ("吨", "Tonne"), ("亩", "Mu"), ("天", "Day"), ("副", "Pair"),
    ("斤", "Jin"), ("套", "Dwelling"), ("笔", "Transaction"), ("起", "Occurrence"), ("期", "Session"), ("场", "Session"),
    ("次", "Session"), ("项", "Item"), ("条", "Item"), ("个", "Item"), ("座", "Item"), ("所", "Item"), ("件", "Item"),
    ("部", "Item"), ("支", "Item"), ("批", "Item"), ("辆", "Item"),
)
_UNIT_OF = dict(UNITS)
#: What opens a sentence that goes on with the day the sentence before named.
_SAME_DAY = re.compile(r"当天|当日|同日|同一天")
#: A line that opens the next part of a plan (its keyword or its goal); the next measure's heading opens a section too.
_NEXT_PART = re.compile(r"^[ \t]*(?:关键词|目标[:：])", re.M)
#: Units of a physical output: with a product after them, in a project's name, a design capacity.
CAPACITY_UNITS = frozenset({"Tonne", "WattHour", "Pair", "StandardCase"})
_UNIT_PATTERN = "|".join(re.escape(written) for written, _ in UNITS)
_DIGITS = "零〇一二两三四五六七八九十百千"
#: A number as written with its unit: Arabic (maybe a range) or Chinese, 万/亿 multipliers, 余/多, the unit.
QUANTITY = re.compile(
    r"(?<![\d.A-Za-z])(?P<number>\d+(?:\.\d+)?(?:[—\-~～](?:\d+(?:\.\d+)?))?|(?<![" + _DIGITS + r"第])[" + _DIGITS + r"]+)"
    r"(?P<multiplier>(?:个)?(?:万亿|亿|万))?(?P<more>[余多])?(?P<unit>" + _UNIT_PATTERN + r")(?![A-Za-z])"
)
#: A rank: 第N (or a list 第N、第M) after the scope it ranks in (全省第二, 居全省一类地区第一, 分别排名全省第二、第三).
RANK = re.compile(r"(?P<scope>全省|全国|全市)(?P<within>[^，。,；;、]{0,8}?)第(?P<n>[一二三四五六七八九十]+|\d+)"
                  r"(?P<more>(?:、第(?:[一二三四五六七八九十]+|\d+))*)(?![一二三四五六七八九十\d批届期次时个方梯])")
#: A tier (居全国141个提名城市第一方阵): a rank in a group, value the tier, unit Tier.
TIER = re.compile(r"第(?P<n>[一二三四五六七八九十]+)(?:方阵|梯队)")
#: An order of reaching (全省第二个开复工率达100%的市州): on the value, not a rank of its own.
ORDER = re.compile(r"(?P<scope>全省|全国)第(?P<n>[一二三四五六七八九十]+|\d+)个")
#: A rank without an exact position: 进入全国20强 (value 20, at most).
TOP_N = re.compile(r"(?P<scope>全国|全省)(?P<n>\d+)强")
#: Zeros the reports state as words: 零死亡, 零感染 (people), 零发生 (occurrences), “零”的突破 and 破零 (from none to some).
ZERO = re.compile(r"零(?P<what>死亡|感染|发生)|“零”的突破|破零")
#: A count of successive raises (养老金待遇实现“十六连调”, 城乡低保实现年内“两连调”).
RAISES = re.compile(r"(?P<n>[一二两三四五六七八九十]+)连[调涨增升]")

_NOT_MEASURE_AFTER = re.compile(r"[年月日号时点强级数]|[一二三四五六七八九十]")  # 2020年, 5A级, 500强, 两位数
_COMPARATOR_BEFORE = (("不少于", "AtLeast"), ("不低于", "AtLeast"), ("至少", "AtLeast"), ("突破", "MoreThan"), ("超过", "MoreThan"),
                      ("逾", "MoreThan"), ("超", "MoreThan"), ("接近", "Approaching"), ("近", "Approaching"), ("约", "About"),
                      ("最高", "AtMost"), ("不超过", "AtMost"), ("压缩至", "AtMost"), ("控制在", "AtMost"))
_COMPARATOR_AFTER = (("以上", "AtLeast"), ("左右", "About"), ("以内", "AtMost"), ("以下", "AtMost"))
#: Words of a plan. 争取 only before a verb of reaching (争取实现…), not as 'to obtain' (争取国省预算内资金).
TARGET = re.compile(r"确保|力争|争取(?=实现|达到|突破|完成|新增|引进|在|年内|全年)|目标为|目标是")
_COMMITMENT = {"确保": "Commitment", "力争": "Aspiration", "争取": "Aspiration", "目标为": "Plan", "目标是": "Plan"}
ESTIMATE_WORDS = ("预计", "有望", "即将")
#: A comparison's words before its difference: 高出全省…, 比上半年加快…, 较去年同期多增….
_COMPARISON_WORDS = re.compile(r"(高出|高于|低于|快于|慢于|加快|提高|提升|回落|下降|增加|减少|缩小|扩大|比|较)[^，,]{0,14}$")
_COUNT_COMPARISON = re.compile(r"(?:比|较)[^，,]{0,8}(?:多增|少增|多|少|增加|减少)$")
_GROWTH_WORDS = re.compile(r"(增长|增速|增幅|同比|下降|减少|回落|负)[^，,]{0,3}$")
#: Words before a measure's name that are no part of it: where, when, who, how firmly, the verb.
_LEADING = re.compile(r"^(?:全市|我市|衡阳市|衡阳|全年|年内|今年|其中|另有|共有|共计|共|累计|已经|已|先后|力争|确保|争取|预计|目前|当前|"
                      r"同比|成功|全面|实际|当年|该年度|各类|均|仅|并|还)")
#: Verbs that end the words before a number (增长3.9%, 达到100%) and are no part of the measure's name.
_TRAILING = re.compile(r"(?:同比|比上年|比去年)?(?:增长|增速|增幅|下降|减少|降低|回落|压减|达到|达|为|突破|超过|超|逾|增至|增加至|增加|提高至|提高|"
                       r"提升至|提升|降至|压缩至|稳定在|控制在|累计|共|约|近|接近|不少于|不低于|至少|最高|实现|完成了|有|是|仅用|用|计|"
                       r"居|位居|排名|排|位列|均|分别|的|将|预计|有望|可|遍及全球|遍及)$")
#: A measure's name that is only a verb: the counted noun follows the unit (举办68次政银企对接活动, 选派1800余名干部).
_VERB_ONLY = re.compile(r"^(?:成功|先后|累计|共|另|仅)?(?:举办|组织|选派|推动|实施|完成|创建|培育|引进|建成|开通|拨付|解决|办理|支持|帮扶|"
                        r"调整优化|实现|有|用|新建|建设|争创|认定|发放|投放|带动|吸引|进驻)?$")
#: Heads a 分别 list's items share when only the last item writes them (生态环境、高新技术产业、民生工程投资).
_SHARED_HEADS = ("增加值", "投资", "营业收入", "收入", "总额", "总产值", "产值", "产量", "用电量", "增速", "增幅", "贷款", "存款", "企业")
#: Classes that may be the subject of a number.
SUBJECT_CLASSES = frozenset({"Project", "Company", "Park", "Event", "ProjectPortfolio", "Infrastructure", "Platform", "Collection",
                             "AdministrativeArea"})
#: A count that opens a named portfolio of projects (28个省重点项目, 241个市重点工程计划项目).
PORTFOLIO = re.compile(r"(?P<n>\d+)个(?P<what>(?:在衡)?(?:[省市县区][^，。、；：,;:\s“”]{0,10}?|[^，。、；：,;:\s“”]{0,6}?(?:重点|重大)[^，。、；：,;:\s“”]{0,8}?)项目)")


@dataclass
class _Token:
    """A number found in the joined text: where, its value and unit as read, and what made it."""

    start: int
    end: int
    written_start: int
    value: Decimal
    unit: str
    comparator: str
    rule: str
    kind: str | None = None
    match: re.Match | None = None


class _Report:
    """What every number of one report is read against: the joined text, its sentences, names, periods."""

    def __init__(self, text: str, gazetteer: Gazetteer, names: list[NameProposal], date: str | None):
        self.text = text
        self.layout = Layout.of(text)
        self.joined = self.layout.joined
        self.gazetteer = gazetteer
        self.year = reference_year(text, date)
        self.plan = _is_plan(text)
        self.default_period = report_period(text, self.year)
        self.physical = clauses(text)
        self.headings = [(m.start(), m.end()) for m in re.finditer(r"^#[^\n]*", text, re.MULTILINE)]
        to_joined = self.layout.to_joined
        self.names = sorted(((to_joined[n.start], to_joined[n.end - 1] + 1, n) for n in names), key=lambda item: item[:2])
        #: The names not written inside the longer name of a place (南岳 in 南岳衡山旅游经济圈 is no subject of its own;
        #: 南岳机场 in 南岳机场站坪扩建工程 is).
        self.outer_names = [(s, e, n) for s, e, n in self.names if not any(
            a <= s and e <= b and (a, b) != (s, e) and m.ref.cls in ("Place", "AdministrativeArea", "Park") for a, b, m in self.names)]
        self.indicator_names = {}
        for name, iri in sorted(gazetteer.indicators.items()):
            self.indicator_names.setdefault(without_marks(name), (iri, name))

    def paragraph_start(self, position: int) -> int:
        return self.joined.rfind("\n", 0, position) + 1


def find_observations(text: str, gazetteer: Gazetteer, names: list[NameProposal], date: str | None = None) -> list[ObservationProposal]:
    """Every measure of ``text`` as an observation proposal, in reading order."""
    report = _Report(text, gazetteer, names, date)
    found: list[ObservationProposal] = []
    topic_subject: tuple[int, Ref] | None = None
    for sentence in sentences(report.joined):
        state = _Sentence(report, sentence, topic_subject)
        found.extend(state.run())
        topic_subject = state.opening
        if topic_subject is not None:
            # the next sentence starts after the sentence's end and its separators
            following = re.match(r"[。！？；;!?\s]*", report.joined[sentence.end:])
            topic_subject = (topic_subject[0], topic_subject[1], sentence.end + following.end())
    return _without_repeats(found)


def _without_repeats(found: list[ObservationProposal]) -> list[ObservationProposal]:
    """One proposal per number stated twice (a highlight box repeating the body): the same value written
    in the same words around it, or the same value, unit, kind, period and indicator. The one kept is
    the one in the longer sentence (the body, with the fuller context), else the first."""
    kept: dict[tuple, int] = {}
    order = []
    for index, proposal in enumerate(found):
        keys = [("words", proposal.written, proposal.context, proposal.period)]
        if proposal.indicator:
            keys.append(("same", proposal.value, proposal.unit, proposal.kind, proposal.period, proposal.indicator, proposal.rank))
        earlier = next((kept[key] for key in keys if key in kept), None)
        if earlier is None:
            for key in keys:
                kept[key] = index
            order.append(index)
            continue
        if len(proposal.sentence) > len(found[earlier].sentence):
            order[order.index(earlier)] = index
            for key in keys:
                kept[key] = index
    return [found[index] for index in sorted(order)]


class _Sentence:
    """The numbers of one sentence (of the joined text), read in order, each clause after the ones before it."""

    def __init__(self, report: _Report, sentence: Span, topic_subject):
        self.report = report
        self.sentence = sentence
        self.joined = report.joined
        self.found: list[ObservationProposal] = []
        self.topic_subject = topic_subject
        paragraph = report.paragraph_start(sentence.start)
        if topic_subject is not None and (topic_subject[0] != paragraph or topic_subject[2] != sentence.start):
            self.topic_subject = None
        opening = self._opening_subject()
        if opening is not None:
            self.topic_subject = None
        self.opening = (paragraph, opening, sentence.end) if opening is not None and opening.cls == "Park" else None
        self.list_values: list[int] = []  # indices into found of the last 分别 list of values

    # --- the sentence's opening subject -----------------------------------------------------------
    def _opening_subject(self) -> Ref | None:
        """A park or county named first in the sentence is the topic of the sentences after it in the
        paragraph (衡阳国家高新区紧紧抓住…。…前三季度新增高新技术企业61家); 我市/全市/衡阳 opening a sentence ends it."""
        head = self.joined[self.sentence.start:self.sentence.start + 4]
        if re.match(r"我市|全市|衡阳(?!高新|国家|综|县)", head):
            return CITY_REF
        for start, end, name in self.report.names:
            if start == self.sentence.start and name.ref.cls in SUBJECT_CLASSES and name.match != "new":
                return name.ref
        return None

    def run(self) -> list[ObservationProposal]:
        for clause in clauses_of(self.joined, self.sentence):
            self._clause(clause)
        return self.found

    # --- numbers ----------------------------------------------------------------------------------
    def _tokens(self, clause: Span) -> list[_Token]:
        joined = self.joined
        tokens = []
        quoted = _quoted_spans(clause.text)
        for match in QUANTITY.finditer(clause.text):
            start, end = clause.start + match.start(), clause.start + match.end()
            number, unit_written = match["number"], match["unit"]
            if any(s <= match.start() < e for s, e in quoted):
                continue  # “3215”重点项目: a name, not a count
            if _NOT_MEASURE_AFTER.match(joined, end) and unit_written in ("个", "批", "位"):
                continue
            if number[0] in _DIGITS:
                # a Chinese numeral: 一个/两批 are articles, 一期/二期 a project's phase, 零 a word (零部件),
                # 千亿元产业集群 a size class, 三个“衡阳目标” a count of slogans
                if number in ("一", "两", "零") or (unit_written == "期" and not number.endswith("十")):
                    continue
                if re.match(r"产业|园区|集群|级|企业|大关以上", joined[end:end + 2]) and not re.search(r"突破|超过|达|实现$", joined[clause.start:start]):
                    continue
                if joined[end:end + 1] == "“":
                    continue
            if unit_written == "条" and (re.match(r"[、等]|政策|措施|意见", joined[end:end + 2]) or joined[start - 1:start] == "“"):
                continue  # 优化营商环境20条、…等政策, 稳楼市“十七条”: a set of measures named by its count
            unit = _unit(joined, clause, start, end, match)
            try:
                value = _value(match)
            except ValueError:
                continue
            before = joined[clause.start:start]
            written_start = start
            fall = next((word for word in NEGATIVE_WORDS if before.endswith(word)), None)
            kind = None
            if fall and unit in ("Percent", "PercentagePoint"):
                written_start, value, kind = start - len(fall), -value, "Growth"
            comparator = _comparator(match["more"], before, joined[end:end + 3])
            if re.search(r"[—\-~～]", number):
                comparator = "AtLeast"
            tokens.append(_Token(start, end, written_start, value, unit, comparator, "rule:number", kind, match))
        for match in ZERO.finditer(clause.text):
            start, end = clause.start + match.start(), clause.start + match.end()
            if match.group() == "破零" and any(s < match.start() and match.end() < e - 1 for s, e in quoted):
                continue  # “破零倍增”计划: a programme's name
            what = match["what"]
            if what:
                unit, written_start, comparator = ("Occurrence" if what == "发生" else "Person"), start, "Exactly"
            else:
                unit, comparator = ("Enterprise" if "企业" in clause.text[:match.start()] else "Item"), "MoreThan"
                if match.group().startswith("“"):
                    start, end = start + 1, start + 2  # the written value is 零
                written_start = start
            tokens.append(_Token(start, end, written_start, Decimal(0), unit, comparator, "rule:zero", "Count"))
        for match in RAISES.finditer(clause.text):
            start, end = clause.start + match.start(), clause.start + match.end()
            try:
                value = chinese_number(match["n"])
            except ValueError:
                continue
            tokens.append(_Token(start, end, start, Decimal(value), "Item", "Exactly", "rule:raises", "Count"))
        return sorted(tokens, key=lambda t: t.start)

    def _clause(self, clause: Span) -> None:
        joined = self.joined
        if any(s <= self.report.layout.to_text[clause.start] < e for s, e in self.report.headings):
            return
        tokens = self._tokens(clause)
        respectively = joined.find("分别", clause.start, clause.end)
        listed = [t for t in tokens if respectively >= 0 and t.start > respectively and t.rule == "rule:number"]
        alignment = self._respectively(clause, respectively, listed) if len(listed) >= 2 else None
        list_indices = []
        for token in tokens:
            before = joined[clause.start:token.start]
            if token.unit == "PercentagePoint" and _COMPARISON_WORDS.search(before) and self.found:
                self._compare(token, before)
                continue
            if token.unit not in ("Percent", "PercentagePoint") and _COUNT_COMPARISON.search(before) and self.found:
                self._compare(token, before)
                continue
            subject = indicator = None
            if alignment is not None and token in listed:
                position = listed.index(token)
                subject, indicator = alignment[0][position], alignment[1][position]
            proposal = self._propose(clause, token, subject, indicator)
            if alignment is not None and token in listed:
                if listed.index(token):
                    first = self.found[list_indices[0]] if list_indices else None
                    if first is not None:
                        proposal = replace(proposal, kind=first.kind if proposal.unit == first.unit else proposal.kind, status=first.status,
                                           commitment=first.commitment)
                trailing = _comparator(None, "", joined[listed[-1].end:listed[-1].end + 3])
                if trailing != "Exactly" and proposal.comparator == "Exactly":
                    proposal = replace(proposal, comparator=trailing)
                list_indices.append(len(self.found))
            self.found.append(proposal)
        if list_indices:
            self.list_values = list_indices
        self._ranks(clause)

    # --- one proposal -----------------------------------------------------------------------------
    def _propose(self, clause: Span, token: _Token, subject: Ref | None, indicator) -> ObservationProposal:
        joined, report = self.joined, self.report
        before_sentence = joined[self.sentence.start:token.start]
        status, commitment = _status(before_sentence, report.plan)
        period = self._period(token.start)
        before = joined[clause.start:token.start]
        kind = token.kind or _kind(token.unit, before)
        ratio = re.search(r"(?:占|完成)(?:全年|年度)?(?:投资)?(?:目标)?(?:计划|任务)的?$", before)
        share_of_previous = re.match(r"占(?:全省|全国|全市)?[^，,]*的$", before) and not ratio
        if ratio and token.unit == "Percent":
            kind = "Ratio"
        if indicator is None:
            if ratio and token.unit == "Percent":
                indicator = self._completion_indicator(clause, token, ratio)
            elif share_of_previous and self.found:
                previous = self.found[-1]
                indicator = (previous.indicator, previous.indicator_label, 0.6)
            else:
                indicator = self._indicator(clause, token)
        iri, label, confidence = indicator
        if iri is None and label and re.search(r"完成率$", label) and token.unit == "Percent":
            kind = "Ratio"
        if subject is None:
            subject = self._subject(clause, token)
        if PORTFOLIO.match(joined, token.start) and joined[token.start - 1:token.start] != "等" and report.year:
            period = report.default_period  # the size of a portfolio, stated for the report's period as a whole
        if self._capacity(token):
            capacity = self.resolve("年产")
            indicator, period = (capacity if capacity[0] is not None else (None, "年产", 0.5)), (str(report.year) if report.year else period)
            iri, label, confidence = indicator  # a design capacity, named with its project: a yearly figure
        written_start, end = token.written_start, token.end
        start_text, end_text = report.layout.span_in_text(written_start, end)
        if not report.layout.contiguous(written_start, end):
            start_text, end_text = report.layout.span_in_text(token.start, end)
        evidence = containing(report.physical, start_text) or Span(report.text[start_text:end_text], start_text, end_text)
        return ObservationProposal(
            start=start_text, end=end_text, written=report.text[start_text:end_text], value=plain(token.value), unit=token.unit, kind=kind,
            status=status, comparator=token.comparator, period=period, subject=subject, indicator=iri, indicator_label=label,
            evidence=evidence.text, evidence_start=evidence.start, commitment=commitment, stated_by=self._measure(token) if status == "Target" else None,
            confidence=confidence, rule=token.rule,
            context=_context(joined, max(self.sentence.start, token.start - 8), token.start, token.end), sentence=self.sentence.text)

    def _measure(self, token: _Token) -> Ref | None:
        """The measure whose numbered heading opens the section of a target (措施一: 聚焦聚力先进制造业, then its
        paragraphs until the next heading or keyword line), or None."""
        heading = None
        for start, _, name in self.report.names:
            if start < token.start and name.rule == "rule:measure-heading":
                heading = (start, name.ref)
        if heading is None or any(p.search(self.joined, heading[0] + 1, token.start) for p in (MEASURE_HEADING, _NEXT_PART)):
            return None
        return heading[1]

    def _capacity(self, token: _Token) -> bool:
        """Whether the number is a design capacity written in a project's name: a physical quantity inside a noun
        phrase, after 年产 or a name and before the product (比亚迪年产40万副车灯项目, 水口山铜铅锌产业基地30万吨铜,
        新敏雅150亿瓦时高能电池芯), not after a verb of output (产量达…, 完成…)."""
        after, before = self.joined[token.end:token.end + 2], self.joined[max(0, token.written_start - 2):token.written_start]
        if token.unit not in CAPACITY_UNITS or not re.match(r"[\u4e00-\u9fff]", after) or re.match(r"以上|左右|突破|超过", after):
            return False
        return before == "年产" or bool(re.search(r"[\u4e00-\u9fff]$", before)) and not re.search(r"产量|生产|达|完成|实现|增长|提高|新增|超$", before)

    def _completion_indicator(self, clause: Span, token: _Token, ratio: re.Match):
        """A completion rate (占年度投资计划的72%, 新增存款完成全年目标计划的145%): the measure named before
        完成 if there is one, else the completion rate of investment (投资完成率) when the plan or the number
        before is one of investment."""
        joined = self.joined
        own = joined[clause.start:token.start][:ratio.start()]
        own = own[max((m.end() for m in re.finditer(r"、|" + QUANTITY.pattern, own)), default=0):]
        own = _clean(re.sub(r"完成$", "", own))
        if own and not _VERB_ONLY.match(own):
            return self.resolve(own)
        previous = self.found[-1].indicator_label if self.found else ""
        if "投资" in ratio.group() or "投资" in previous or "投资" in joined[self.sentence.start:token.start]:
            return self.resolve("投资完成率")
        return self.resolve(_clean(previous) + "完成率") if previous else (None, "完成率", 0.3)

    # --- subject ----------------------------------------------------------------------------------
    def _subject(self, clause: Span, token: _Token) -> Ref:
        """Who the number is about: the portfolio a count opens (28个省重点项目), the name the number is part of
        (比亚迪年产40万副车灯项目), the event a count of sessions names (15期企业发展“船山论坛”), else the nearest
        name before it in the sentence that may be a subject (a project, company, park, event, portfolio, a
        county, or a portfolio a count opening a clause names: 8个重大产品创新项目累计完成投资2.23亿元), not a list
        member (甲、乙等N个项目) nor a rank's scope; else the paragraph's park; else the city."""
        joined = self.joined
        for start, end, name in self.report.names:
            if start <= token.start < end and name.ref.cls in SUBJECT_CLASSES - {"Collection"} and name.ref.iri not in SCOPES.values():
                return name.ref
        portfolio = PORTFOLIO.match(joined, token.start)
        if portfolio and joined[token.start - 1:token.start] != "等":
            return self._portfolio_ref(portfolio.start("what"), portfolio.end())
        if token.unit == "Session" and token.match is not None and token.match["unit"] in ("期", "届"):
            for start, end, name in self.report.names:
                if token.end <= start <= token.end + 10 and name.ref.cls == "Event" and not re.search(r"[，。；]", joined[token.end:start]):
                    return name.ref
        if token.unit == "Session":
            for start, end, name in self.report.names:
                if end == token.start and name.ref.cls == "Event":
                    return name.ref  # 举办产业链招商引资活动978场: the sessions of the event just named
        if joined[token.start - 1:token.start] == "等":
            return CITY_REF  # 甲、乙等N个项目: the count of a list is the whole's, not a member's
        opens_clause = not _clean(joined[clause.start:token.start])
        candidate = None
        for start, end, name in self.report.outer_names:
            if start < self.sentence.start or end > token.start:
                continue
            if name.ref.cls not in SUBJECT_CLASSES or name.ref.iri in (CITY, AREA + "hunan", AREA + "china"):
                continue
            if re.match(r"[、]|等", joined[end:end + 1]):
                continue  # a member of a list counted by 等N个
            if re.search(r"(?:居|排|位列|排名|全省|全国)[^，,]{0,6}$", joined[self.sentence.start:start]):
                continue  # the scope of a rank
            if (name.match == "new" or name.ref.cls in ("AdministrativeArea", "Collection")) and not self._opens_clause(start, strict=True):
                continue  # a new name, a county or a set is a subject only where a clause opens with it
            if name.ref.cls == "Collection" and start < clause.start:
                continue  # 各县(市)区引进…5个以上，确保审批再提速50%: a set is the subject of its own clause only
            if start < clause.start and (opens_clause or not self._opens_clause(start)):
                continue  # 11个省级以上工业园区…: a clause opening with its count has its own subject; and a name
                # of an earlier clause carries over only if it opened that clause (南岳机场…完成，开通航线数量达18条)
            if self._counted(end):
                continue  # 新增国家4A级景区2家: what is counted is no subject
            candidate = (start, name.ref)
        for match in PORTFOLIO.finditer(joined, self.sentence.start, token.start):
            if (candidate is None or match.start() > candidate[0]) and joined[match.start() - 1:match.start()] != "等" \
                    and self._opens_clause(match.start(), strict=True) and re.match(r"[^，,、]", joined[match.end():match.end() + 1]):
                candidate = (match.start(), self._portfolio_ref(match.start("what"), match.end()))  # 8个重大产品创新项目累计完成投资…
        if candidate is not None:
            between = joined[candidate[0]:token.start]
            own_clause = containing(clauses_of(joined, self.sentence), candidate[0])
            leading = joined[own_clause.start if own_clause else self.sentence.start:candidate[0]]
            object_of_city = re.search(r"(?:我市|全市)(.+)$", leading)
            if not re.search(r"我市|全市", between) and not (object_of_city and len(object_of_city.group(1)) > 1):
                return candidate[1]  # not 我市举办银企对接63场, where the name is the object of the city's verb
        programme = self._programme_of_sentence()
        if programme is not None:
            return programme
        if self.topic_subject is not None and not re.search(r"我市|全市|衡阳", joined[self.sentence.start:token.start]):
            return self.topic_subject[1]
        return CITY_REF

    def _programme_of_sentence(self) -> Ref | None:
        """The programme or event a sentence's numbers are about when nothing nearer is: the one the sentence says is
        taken part in (685家企业参与“万企帮万村”行动，实施1446个帮扶项目), or, in a sentence that goes on with the day
        the sentence before named (…组织了一次项目集中开工活动。当天，…总投资521.1亿元), the event that one names."""
        joined, sentence = self.joined, self.sentence
        for start, _, name in self.report.names:
            if sentence.start <= start < sentence.end and name.ref.cls in ("Plan", "Event") \
                    and re.search(r"参与“?$", joined[max(sentence.start, start - 3):start]):
                return name.ref
        if _SAME_DAY.match(joined, sentence.start):
            before = [name.ref for start, _, name in self.report.names
                      if self.report.paragraph_start(sentence.start) <= start < sentence.start and name.ref.cls == "Event"]
            return before[-1] if before else None
        return None

    def _opens_clause(self, start: int, strict: bool = False) -> bool:
        """Whether a name at ``start`` opens its clause (after at most 我市/全市/其中/各, and two characters unless ``strict``)."""
        gap = "" if strict else ".{0,2}"
        return bool(re.search(r"(?:^|[，,：:])(?:我市|全市|其中|各)?" + gap + "$", self.joined[self.sentence.start:start]))

    def _counted(self, end: int) -> bool:
        """Whether a name ending at ``end`` is what a count right after it counts (扶贫车间359家, 景区(点)3家)."""
        return bool(re.match(r"[（(][^）)]{0,3}[）)]|", self.joined[end:end + 5]) and QUANTITY.match(
            self.joined, end + len(re.match(r"(?:[（(][^）)]{0,3}[）)])?", self.joined[end:end + 5]).group())))

    def _portfolio_ref(self, start: int, end: int) -> Ref:
        """The portfolio named at ``start`` (after its count: 28个|省重点项目), known or new."""
        if self.joined.startswith("在衡", start):
            start += 2
        for s, e, name in self.report.names:
            if s <= start < e and e >= end - 1:
                return name.ref
        words = without_marks(self.joined[start:end])
        known = self.report.gazetteer.names.get(words)
        if known:
            return Ref(words, known[0].iri, known[0].cls)
        return Ref(words, None, "ProjectPortfolio")

    # --- indicator --------------------------------------------------------------------------------
    def _indicator(self, clause: Span, token: _Token):
        joined = self.joined
        portfolio = PORTFOLIO.match(joined, token.start)
        if portfolio and joined[max(0, token.start - 1):token.start] != "等":
            own = self.resolve(without_marks(portfolio["what"]) + "个数")
            generic = [name for name in self.report.indicator_names if name.endswith("项目个数")]
            # the graph's one indicator of a portfolio's size (重点项目个数), where the portfolio has none of its own
            return own if own[0] is not None or len(generic) != 1 else self.resolve(generic[0])
        phrase = self._without_leading_name(_measure_phrase(joined, clause, token, self.report.names))
        after = _noun_after(joined, token.end, clause.end)
        if token.rule == "rule:zero":
            return self._zero_indicator(clause, token, phrase)
        if token.unit == "Session" and after:
            for start, end, name in self.report.names:
                if token.end <= start <= token.end + 8 and name.ref.cls == "Event":
                    own = self.resolve(without_marks(name.text), prefix=True)
                    sessions = self.resolve(without_marks(name.text) + "期数")
                    return sessions if sessions[0] is not None or own[0] is None else own
        if token.unit == "Country" and phrase:
            counted = re.search(r"国家(?:和地区)?$", token.match["unit"]) if token.match else None
            named = self.resolve(phrase + counted.group()) if counted else (None, "", 0)
            if named[0] is not None:
                return named  # 对外贸易合作遍及全球161个国家和地区: the unit names what is counted
        growth = token.kind == "Growth" or (token.unit == "Percent" and _GROWTH_WORDS.search(joined[clause.start:token.start]))
        if growth and not phrase:
            topic = self._previous_clause_topic(clause)
            if topic:
                phrase = topic
        elif phrase in _SHARED_HEADS:
            topic = self._previous_clause_topic(clause)
            if topic:
                phrase = topic + phrase  # 全市服务业稳步复苏，增加值增长2.5%: the value added of 服务业
        if growth and phrase.endswith("业") and len(phrase) >= 2:
            return self.resolve(phrase + "增加值")  # 采矿业增长6.1%: an industry grows by its value added
        after = re.sub(r"^的", "", after)
        if after and phrase and not _VERB_ONLY.match(phrase) and joined[token.start - 1:token.start] != "等":
            own = self.resolve(phrase)
            if own[0] is not None:
                return own
            following = self.resolve(after, prefix=True)
            if following[0] is not None or re.search(r"的$|设立|安排|给予|提供|投放|拨付", joined[clause.start:token.start] + joined[token.end:token.end + 1]):
                return following  # 不少于1亿元的人才发展专项资金, 设立2.03亿元解困资金: the noun after names it
            return own
        if not phrase or _VERB_ONLY.match(phrase) or joined[token.start - 1:token.start] == "等":
            if after:
                found = self.resolve(after, prefix=True)
                if found[0] is not None or not (token.kind == "Growth" or _GROWTH_WORDS.search(joined[clause.start:token.start])):
                    return found
            if self.found and (token.unit == "Percent" or _GROWTH_WORDS.search(joined[clause.start:token.start])):
                previous = self.found[-1]
                return previous.indicator, previous.indicator_label, min(previous.confidence, 0.6)
            by_unit = self._by_classifier(token)
            if by_unit is not None:
                return by_unit
            return None, _label(after or phrase) if (after or phrase) else "指标", 0.3
        found = self.resolve(phrase)
        if found[0] is None and token.match is not None:
            counted = self.resolve(phrase + token.match["unit"] + "数")
            if counted[0] is not None:
                return counted  # 荣获省科技奖励18项: the number of items (项数) of the awards
        if found[0] is None:
            by_unit = self._by_classifier(token)
            if by_unit is not None:
                return by_unit
        return found

    def _previous_clause_topic(self, clause: Span) -> str:
        """The noun that opens the clause before, when that clause states no number (地方财政收入由负转正，预计增长1.8%)."""
        previous = [c for c in clauses_of(self.joined, self.sentence) if c.end <= clause.start]
        if not previous or QUANTITY.search(previous[-1].text) or RANK.search(previous[-1].text):
            return ""
        words = _LEADING.sub("", previous[-1].text)
        words = re.split(r"由|稳步|持续|逐步|保持|呈现|实现|企稳|回升|复苏|加快|明显|继续|进一步|不断|大幅|稳定", words)[0]
        return _clean(words) if 2 <= len(_clean(words)) <= 12 else ""

    def _by_classifier(self, token: _Token):
        """A count whose classifier is itself the measure's name (组织4批次…: 批次), if a known indicator is so named."""
        written = token.match["unit"] if token.match is not None else ""
        if len(written) >= 2 and written in self.report.indicator_names:
            iri, name = self.report.indicator_names[written]
            return iri, name, 0.5
        return None

    def _without_leading_name(self, phrase: str) -> str:
        """The measure's words without the name of who is measured before them (比亚迪年产 → 年产)."""
        for length in range(len(phrase) - 1, 1, -1):
            if phrase[:length] in self.report.gazetteer.names:
                return phrase[length:]
        return phrase

    def _zero_indicator(self, clause: Span, token: _Token, phrase: str):
        """The measure of a zero (患者“零死亡”, 医务人员“零感染”, 5A级物流企业实现“零”的突破): the words before it
        with the word after 零; else the one known indicator whose name holds that word (死亡 → 死亡病例)."""
        word = re.sub(r"^零|“零”的突破|破零", "", self.joined[token.start:token.end].strip("“”"))
        words = _clean(re.sub(r"(?:实现了?|全部实现|实现)$", "", phrase))
        found = self.resolve(words + word if word else words)
        if found[0] is None and word:
            holding = {iri: name for key, (iri, name) in self.report.indicator_names.items() if word in key}
            if len(holding) == 1:
                iri, name = next(iter(holding.items()))
                return iri, name, 0.5
        return found

    def resolve(self, phrase: str, prefix: bool = False):
        return resolve_indicator(phrase, self.report.indicator_names, prefix)

    # --- period -----------------------------------------------------------------------------------
    def _period(self, position: int) -> str | None:
        report = self.report
        sentence_words = [m for m in period_matches(self.joined, self.sentence.start, position) if not _baseline(self.joined, m)]
        chosen = sentence_words[-1] if sentence_words else None
        if chosen is None:
            paragraph = report.paragraph_start(self.sentence.start)
            for sentence in sentences(self.joined[paragraph:self.sentence.start]):
                start = paragraph + sentence.start
                for match in period_matches(self.joined, start, paragraph + sentence.end):
                    if _opens(self.joined, start, match) and not _baseline(self.joined, match) and not (
                            (match["day"] or match["xun"]) and not _SAME_DAY.match(self.joined, self.sentence.start)):
                        chosen = match  # a day or part of a month is when something happened: later sentences only
                        # take it where they say so (2020年3月3日，…。当天，共112个项目集中开工)
        if chosen is not None:
            found = period_match(chosen, report.year)
            if found:
                return found
        return report.default_period

    # --- comparisons ------------------------------------------------------------------------------
    def _compare(self, token: _Token, before: str) -> None:
        """Attach the comparison at ``token`` to the number before it, its evidence stretched over the comparison when a
        later clause of the sentence states it (占年度任务94.9%，提高44.3个百分点): each value is in its evidence."""
        target = self.found[-1]
        start, end = self.report.layout.span_in_text(token.start, token.end)
        written = self.report.text[start:end]
        comparison = Comparison(self._compared_to(before), written, plain(token.value), token.unit)
        evidence = target.evidence
        evidence_end = target.evidence_start + len(evidence)
        if evidence_end < end and not SENTENCE_END.search(self.report.text, evidence_end, end):
            evidence = self.report.text[target.evidence_start:end]
        self.found[-1] = replace(target, comparisons=target.comparisons + (comparison,), evidence=evidence)

    def _compared_to(self, before: str) -> str | None:
        window = before[-14:]
        for word, iri in SCOPES.items():
            if word in window:
                return iri
        for match in PERIOD.finditer(window):
            found = period_match(match, self.report.year)
            if found:
                return PERIOD_IRI + found
        return None

    # --- 分别 lists ---------------------------------------------------------------------------------
    def _respectively(self, clause: Span, at: int, listed: list[_Token]):
        """Align ``甲、乙、丙分别…x、y、z`` by position: (subjects, indicators), one per value, or None.

        The items are the words before 分别 (in its clause, else in the clause before it). Items that are
        names or portfolios (241个市重点工程计划项目、28个省重点项目…分别完成投资…) are the subjects, and the
        words around 分别 the indicator; other items are the indicators (内联引资、实际利用外资分别增长…), a
        head that only the last item writes shared by all (生态环境、高新技术产业、民生工程投资)."""
        joined = self.joined
        words = joined[clause.start:at]
        verb = joined[at + 2:listed[0].start]
        if len(_clean(words)) < 2:
            previous = [c for c in clauses_of(joined, self.sentence) if c.end <= clause.start]
            if not previous:
                return None
            words_span = previous[-1]
            words, verb = words_span.text, _clean(words) + verb
            words_start = words_span.start
        else:
            words_start = clause.start
        items = [item for item in re.split(r"、", words)]
        if len(items) != len(listed) and words_start == clause.start:
            previous = [c for c in clauses_of(joined, self.sentence) if c.end <= clause.start]
            if previous and len(previous[-1].text.split("、")) == len(listed):
                verb = _clean(words) + verb
                words, words_start = previous[-1].text, previous[-1].start
                items = words.split("、")
        if len(items) != len(listed):
            return None
        offsets, position = [], words_start
        for item in items:
            offsets.append(position)
            position += len(item) + 1
        subjects = []
        for item, offset in zip(items, offsets):
            stripped = re.sub(r"^(?:我市|全市|其中)", "", item)
            skip = len(item) - len(stripped)
            portfolio = PORTFOLIO.fullmatch(stripped) or PORTFOLIO.match(stripped)
            if portfolio:
                subjects.append(self._portfolio_ref(offset + skip + portfolio.start("what"), offset + len(item)))
                continue
            name = next((n for s, e, n in self.report.names if s == offset + skip and e >= offset + len(item) - 1
                         and n.ref.cls in SUBJECT_CLASSES), None)
            if name is not None:
                subjects.append(name.ref)
            else:
                subjects = None
                break
        if subjects:
            verb = re.sub(r"(?:分别|达|为)+$", "", verb)
            if re.search(r"(?:占|完成)(?:全年|年度)?(?:投资)?(?:目标)?(?:计划|任务)的?$", verb):
                indicator = self.resolve("投资完成率" if "投资" in verb else _clean(verb) + "完成率")
            else:
                indicator = self.resolve(_clean(verb) or "指标")
            return subjects, [indicator] * len(items)
        items = [_clean(re.sub(r"等[^、]*?(?=" + "|".join(_SHARED_HEADS) + r")", "", item)) for item in items]
        head = next((h for h in _SHARED_HEADS if items[-1].endswith(h)), None)
        if head:
            items = [item if item.endswith(head) or item == items[-1] or re.search(r"[量额值率数]$|收入$|投资$|比重$|面积$|规模$", item)
                     else item + head for item in items]
        if len(items[0]) == 1 and len(items[-1]) > 2:
            items[0] = items[0] + items[-1][1:]  # 国、省专精特新“小巨人”企业
        indicators = []
        for item in items:
            found = self.resolve(re.sub(r"(?:增速|增幅)$", "", item) or item)
            indicators.append(found)
        return [None] * len(items), indicators

    # --- ranks ------------------------------------------------------------------------------------
    def _ranks(self, clause: Span) -> None:
        joined = self.joined
        for match in ORDER.finditer(clause.text):
            # 全省第二个开复工率达100%的市州: the value after it is the second in the scope to be reached
            after = [i for i, p in enumerate(self.found) if p.start >= self.report.layout.to_text[clause.start + match.end()]]
            if after:
                self.found[after[0]] = replace(self.found[after[0]], order_of_reaching=_read_position(match["n"]),
                                               rank_scope=SCOPES[match["scope"]])
        for match in TIER.finditer(clause.text):
            start, end = clause.start + match.start(), clause.start + match.end()
            token = _Token(start, end, start, Decimal(_read_position(match["n"])), "Tier", "Exactly", "rule:tier", "Rank")
            group = re.search(r"(\d+个[^，。第]{1,8})第", joined[clause.start:end])
            proposal = self._propose(clause, token, None, self._rank_indicator(clause, start))
            if group:
                proposal = replace(proposal, rank_scope=None)
            # the tier ranks the subject within the group; the count of the group (141个) is not the subject
            self.found = [p for p in self.found if not (group and p.written == group.group(1)[:len(p.written)] and p.unit == "Item"
                                                        and p.evidence == proposal.evidence and p.start > proposal.start - 20)] + [proposal]
        for match in TOP_N.finditer(clause.text):
            start, end = clause.start + match.start("n"), clause.start + match.start("n") + len(match["n"])
            subjects = self._listed_subjects(clause, clause.start + match.start())
            for subject in subjects or [None]:
                token = _Token(start, end, start, Decimal(match["n"]), "Position", "AtMost", "rule:top-n", "Rank")
                proposal = self._propose(clause, token, subject, self.resolve(_SCOPE_RANKING.get(match["scope"], "排名")))
                self.found.append(replace(proposal, rank_scope=SCOPES[match["scope"]]))
        for match in RANK.finditer(clause.text):
            self._rank(clause, match)

    def _listed_subjects(self, clause: Span, before: int) -> list[Ref]:
        found = []
        for start, end, name in self.report.names:
            if clause.start <= start and end <= before and name.ref.cls in SUBJECT_CLASSES and name.ref.iri not in SCOPES.values():
                found.append(name.ref)
        return found

    def _rank_indicator(self, clause: Span, position: int):
        words = _clean(_strip_rank_words(self.joined[clause.start:position]))
        if words:
            return self.resolve(re.sub(r"(?:增速|增幅)$", "", words) or words)
        if self.found:
            return self.found[-1].indicator, self.found[-1].indicator_label, self.found[-1].confidence
        return None, "排名", 0.3

    def _rank(self, clause: Span, match: re.Match) -> None:
        """A rank (全省第二): on the number before it when its clause names no measure of its own (…增长1.7%，排名
        全省第二; 增速居全省第一 after a growth), else an observation of kind Rank per item it ranks (均, 分别)."""
        joined = self.joined
        scope = SCOPES[match["scope"]]
        positions = [_read_position(n) for n in re.findall(r"第([一二三四五六七八九十]+|\d+)", match.group()[match.start("n") - match.start() - 1:])]
        first_start = clause.start + match.start("n") - 1
        words = joined[clause.start:clause.start + match.start()]
        own = _strip_rank_words(words)
        growth_rank = bool(re.search(r"增速|增幅", own))
        own_words = _clean(re.sub(r"(?:增速|增幅)$", "", own))
        periods = [m for m in PERIOD.finditer(own_words)]
        if periods:
            period_items = [period_match(m, self.report.year) for m in periods]
            measure = _clean(PERIOD.sub("", own_words).replace("、", ""))
        else:
            period_items, measure = [], own_words
        # no measure of its own: the number before it in the sentence
        if not measure and not period_items and self.found:
            target_index = None
            if len(positions) > 1 and len(self.list_values) == len(positions):
                for index, position in zip(self.list_values, positions):
                    if self.found[index].rank is None:
                        self.found[index] = replace(self.found[index], rank=position, rank_scope=scope)
                return
            candidates = [i for i, p in enumerate(self.found) if p.kind != "Rank" and p.rank is None
                          and not (p.kind == "Share" and i and self.found[i - 1].indicator_label == p.indicator_label)]
            if growth_rank:
                grown = [i for i in candidates if self.found[i].kind == "Growth"]
                if grown:
                    target_index = grown[-1]
                elif candidates:
                    level = self.found[candidates[-1]]
                    self._rank_observation(clause, first_start, positions[0], scope, (level.indicator, level.indicator_label, level.confidence),
                                           None, level.subject)
                    return
            elif candidates:
                target_index = candidates[-1]
            if target_index is not None:
                self.found[target_index] = replace(self.found[target_index], rank=positions[0], rank_scope=scope)
                return
        if period_items:
            indicator = self.resolve(measure) if measure else self._previous_indicator()
            for index, period in enumerate(period_items):
                position = positions[index] if len(positions) == len(period_items) else positions[0]
                self._rank_observation(clause, first_start, position, scope, indicator, period)
            return
        listed = re.match(r"^([^等]*、[^等]*)等", measure)
        if listed:
            measure = listed.group(1)  # 甲、乙、丙增速等…“硬指标”位居全省第二: each listed item ranks
        items = [item for item in re.split(r"、|和|及", measure) if item] if (len(positions) > 1 or listed or re.search(r"均|分别", words)) else [measure]
        if len(items) > 1:
            items = [re.sub(r"(?:增速|增幅)$", "", item) for item in items]
            head = next((h for h in ("用电量",) if items[-1].endswith(h)), None)
            items = [item + head if head and not item.endswith(head) else item for item in items]
        for index, item in enumerate(items or [""]):
            position = positions[index] if len(positions) == len(items) else positions[0]
            indicator = self.resolve(item) if item else self._previous_indicator()
            attached = False
            if indicator[0] is not None:
                for i, proposal in enumerate(self.found):
                    if proposal.indicator == indicator[0] and proposal.rank is None and proposal.kind != "Rank":
                        self.found[i] = replace(proposal, rank=position, rank_scope=scope)
                        attached = True
                        break
            if not attached:
                self._rank_observation(clause, first_start, position, scope, indicator)

    def _previous_indicator(self):
        if self.found:
            return self.found[-1].indicator, self.found[-1].indicator_label, self.found[-1].confidence
        return None, "排名", 0.3

    def _rank_observation(self, clause, start, position, scope, indicator, period=None, subject=None):
        written = re.match(r"第(?:[一二三四五六七八九十]+|\d+)", self.joined[start:])
        end = start + (written.end() if written else 2)
        token = _Token(start, end, start, Decimal(position), "Position", "Exactly", "rule:rank", "Rank")
        proposal = self._propose(clause, token, subject, indicator)
        proposal = replace(proposal, rank=position, rank_scope=scope)
        if period:
            proposal = replace(proposal, period=period)
        self.found.append(proposal)


_SCOPE_RANKING = {"全国": "全国排名", "全省": "全省排名"}


def _strip_rank_words(words: str) -> str:
    """The words of a rank's clause before its scope, less the verbs of ranking (均居, 分别排名, 位居)."""
    words = re.sub(r"^(?:除[^，,]{1,6}外)", "", words)
    previous = None
    while previous != words:
        previous = words
        words = re.sub(r"(?:均|分别|都)?(?:居|位居|排名|排|位列|名列|跃居|稳居|进入|列)$", "", words)
        words = re.sub(r"(?:均|分别|都)$", "", words)
    return words


def _read_position(n: str) -> int:
    return int(n) if n.isdigit() else int(chinese_number(n))


def resolve_indicator(phrase: str, known: dict[str, tuple[str, str]], prefix: bool = False):
    """The indicator a measure's words name: (IRI or None, zh name, confidence).

    ``known`` maps each known indicator name, normalized (:func:`_norm`), to (IRI, name). In order:
    the same words (0.8); a known name that ends the words, the head of a head-final noun phrase
    (完成粮食播种面积 → 粮食播种面积; 0.7) unless the words put 新增 right before it (新增市场主体 is not 市场主体)
    or the name is the whole after 占 (the denominator of a share); with ``prefix``, a known name that
    opens the words (the noun after a count: 94名医务人员奔赴… → 医务人员); the words as the end of exactly
    one known name (0.5); a known name whose character bigrams match the words' (Dice ≥ 0.6, 0.5); else a
    new indicator named by the words (0.3).
    """
    words = _clean(phrase)
    key = without_marks(words).replace("净增", "新增")  # a net increase is counted as the new ones
    if not key:
        return None, words or "指标", 0.3
    if key in known:
        return known[key][0], known[key][1], 0.8
    best = None
    for name, (iri, label) in known.items():
        if len(name) < 2 or not key.endswith(name) or (len(name) < 3 and name != key):
            continue
        rest = key[:-len(name)]
        if rest.endswith("新增") or "占" in rest or rest.endswith("年") or rest.endswith("各"):
            continue
        if best is None or len(name) > len(best[0]):
            best = (name, iri, label)
    if best is not None:
        return best[1], best[2], 0.7
    if prefix:
        for name, (iri, label) in sorted(known.items(), key=lambda item: -len(item[0])):
            if len(name) >= 2 and key.startswith(name):
                return iri, label, 0.6
    if len(key) >= 3:
        ending = {iri: label for name, (iri, label) in known.items() if name.endswith(key) and not name[:-len(key)].endswith("新增")}
        if len(ending) == 1:
            iri, label = next(iter(ending.items()))
            return iri, label, 0.5
    grams = _bigrams(key)
    scored = []
    for name, (iri, label) in known.items():
        other = _bigrams(name)
        if key.startswith("新增") != name.startswith("新增") or name[-2:] != key[-2:]:
            continue  # a flow (新增X) is not its stock; and a noun phrase is named by its head (its end)
        if other and grams:
            scored.append((2 * len(grams & other) / (len(grams) + len(other)), name, iri, label))
    if scored:
        score, name, iri, label = max(scored)
        if score >= 0.6:
            return iri, label, 0.5
    return None, _label(words), 0.3


def _measure_phrase(joined: str, clause: Span, token: _Token, names) -> str:
    """The words that name what the number at ``token`` measures, before it in its clause: after the last
    list comma (、) or number before it, without the verb right before the number (增长, 达到, 完成了) nor
    the leading words of place, time and commitment (全市, 1—6月, 力争)."""
    before = joined[clause.start:token.written_start]
    if re.search(r"[和与及]$", before):
        return ""  # 1.7万个党组织和37万名党员: the count of what follows
    cut = max((m.end() for m in re.finditer(r"、(?=[^、]{2,})", before)), default=0)
    for match in QUANTITY.finditer(before):
        cut = max(cut, match.end())
    before = before[cut:]
    before = PERIOD.sub("", before)
    return _clean(before)


def _clean(words: str) -> str:
    """Words without surrounding punctuation, leading words of place/time/commitment and trailing verbs."""
    words = words.strip("，,、：:“”\"《》（）() 　")
    previous = None
    while previous != words:
        previous = words
        words = _LEADING.sub("", words).strip("，,、：:“”\"（）() ")
        words = _TRAILING.sub("", words).strip("，,、：:“”\"（）() ")
        words = re.sub(r"^(?:在|对(?!外)|为|与|向|把|将|使)(?=[^，]{2,})", "", words) if len(words) > 3 and re.match(r"在|对", words) else words
    return words


def _noun_after(joined: str, end: int, clause_end: int) -> str:
    """The counted noun written after a count (94名医务人员奔赴…, 685家企业参与…), with the verb phrase that
    qualifies it, up to the clause's end: the words a known indicator may open."""
    words = joined[end:min(clause_end, end + 16)]
    words = re.split(r"[，,。；;、\d]", words)[0]
    return words.strip("“”\" ")


def _label(words: str) -> str:
    """A new indicator's zh name from the words: without quotation marks, the last 16 characters."""
    label = re.sub(r"[“”\"《》]", "", words)
    return label[-16:] if label else "指标"


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def period_matches(joined: str, start: int, end: int) -> list[re.Match]:
    """The period expressions of ``joined[start:end]`` that name a period (not a year inside a name: 2020年度…示范县)."""
    found = []
    for match in PERIOD.finditer(joined, start, end):
        if match["year"] and not re.match(r"$|[，,、前上下一二三四全年以底末我衡是共累新\d\s]", joined[match.end():match.end() + 1]):
            continue  # 2020年政府信息化管理创新奖, 2020年度全国…: a name, not the period
        if match.group() == "十三五" and not re.match(r"期间|时期|以来|末", joined[match.end():match.end() + 2]):
            continue  # “十三五”规划, “十三五”减排任务: a plan's name
        found.append(match)
    return found


def _baseline(joined: str, match: re.Match) -> bool:
    """Whether a period word is the baseline of a comparison (比上半年加快, 较去年同期), not the number's period."""
    return bool(re.search(r"(?:比|较|高于|低于|快于|慢于|同比|相比|与|于)$", joined[max(0, match.start() - 2):match.start()]))


def _opens(joined: str, sentence_start: int, match: re.Match) -> bool:
    """Whether a period word opens its sentence or its sentence's first two clauses (1—6月，…; 数据显示，前三季度，…)."""
    if re.match(r"[、]|均|居|排", joined[match.end():match.end() + 1]):
        return False  # 一季度、前三季度均排名…: periods listed for a rank, not the sentence's period
    first = re.search(r"[，,：:]", joined[sentence_start:match.start()])
    opening = [sentence_start] + ([sentence_start + first.end()] if first and first.start() <= 6 else [])
    return any(re.fullmatch(r"(?:在|截至|今年|我市|全市)?", joined[s:match.start()]) for s in opening if s <= match.start())


def _unit(joined: str, clause: Span, start: int, end: int, match: re.Match) -> str:
    """The unit of a count, from its classifier and the noun it counts."""
    written = match["unit"]
    unit = _UNIT_OF[written]
    before = joined[clause.start:start]
    after = joined[end:end + 12]
    if written == "个":
        if re.match(r"[^，,。；、]{0,10}项目", after) or re.search(r"项目$", before):
            return "Project"  # 个 counting projects: N个…项目, 项目N个
        if re.match(r"[^，,。；]{0,3}国家", after):
            return "Country"
    if written == "户" and re.search(r"企业", joined[max(clause.start, start - 10):min(clause.end, end + 8)]):
        return "Enterprise"  # 户 counting enterprises: 60户重点监测企业, 企业产值有20户
    if written == "家" and re.search(r"景区[^，,、]{0,3}$", before):
        return "Item"  # 家 counting scenic spots, not enterprises
    if match["multiplier"] and match["multiplier"].startswith("个") and written in ("个亿",):
        return "Yuan"
    return unit


def _value(match: re.Match) -> Decimal:
    number = re.split(r"[—\-~～]", match["number"])[0]
    value = Decimal(number) if number[0].isdigit() else chinese_number(number)
    multiplier = (match["multiplier"] or "").replace("个", "")
    if match["unit"] in ("万元", "亿元"):
        multiplier += match["unit"][0]
    if match["unit"] == "个亿":
        multiplier += "亿"
    for character in multiplier:
        value *= {"万": 10_000, "亿": 100_000_000}[character]
    return value


def _comparator(more: str | None, before: str, after: str) -> str:
    for word, comparator in _COMPARATOR_AFTER:
        if after.startswith(word):
            return comparator
    if more:
        return "MoreThan"
    for word, comparator in _COMPARATOR_BEFORE:
        if before.endswith(word) or before[-4:].find(word) >= 0 and word in ("突破", "超过", "压缩至", "控制在"):
            return comparator
    return "Exactly"


def _status(before: str, plan_article: bool) -> tuple[str, str | None]:
    target = TARGET.search(before)
    if target:
        return "Target", _COMMITMENT[target.group()[:3] if target.group().startswith("目标") else target.group()[:2]]
    if any(word in before for word in ESTIMATE_WORDS) or re.search(r"将(?!企业|其|该|.{0,2}时间压缩)", before[-12:]):
        if not plan_article:
            return "Estimate", None
    return ("Target", "Plan") if plan_article else ("Actual", None)


def _is_plan(text: str) -> bool:
    """Whether the report states plans throughout (a work report's goals): more target words than past results."""
    targets = len(re.findall(r"力争|确保", text))
    results = len(re.findall(r"完成了|实现了|同比增长|比上年|上半年|前三季度|1[—-]\d+月", text))
    return targets > 2 * max(results, 1)


def _kind(unit: str, before: str) -> str:
    if unit in ("Position", "Tier"):
        return "Rank"
    if unit in ("Percent", "PercentagePoint"):
        if _GROWTH_WORDS.search(before):
            return "Growth"
        if re.search(r"完成率[^，,]{0,4}$", before):
            return "Ratio"
        if re.search(r"提速[^，,]{0,4}$", before):
            return "Level"  # 审批再提速50%: how much faster, not a growth over last year
        return "Share"
    if unit in ("Day", "WorkingDay", "Year"):
        return "Duration"
    if unit in ("Yuan", "Tonne", "Mu", "WattHour", "SquareMetre", "Kilometre", "Pair", "Jin", "StandardCase"):
        return "Level"
    return "Count"


def _context(joined: str, begin: int, start: int, end: int) -> str:
    """The words right around a number from ``begin`` (whitespace left out): two statements of one number share them."""
    return re.sub(r"\s", "", joined[begin:end + 2])


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"“[^”]{0,20}”|《[^》]{0,40}》|\"[^\"]{0,20}\"", text)]


__all__ = ["QUANTITY", "RANK", "UNITS", "find_observations", "read_number", "resolve_indicator"]
