"""Synthetic datasets shaped like policykg's built graph, for the query benchmark (bench/run.py).

The real graph covers one city (衡阳) in one year from five articles. This generator writes the same
model at any size: many cities in several provinces, each reported on over several years by its own
articles. It uses the real ontology, SKOS schemes and shapes (read from ``ontology/*.ttl``, into the
default graph, as ``policykg build`` does) and the same layout:

- the **default graph** (reference): every entity once, with its class and ``rdfs:label`` in zh and en,
  plus background facts (an area's parent area, a park's county, a project's developer), the source
  articles, keyword sections, indicators and periods;
- one **named graph per source article** ``src:NNNNNN`` holding what that article states: relation
  blocks with ``pk:evidence`` and ``skos:altLabel`` variants, observations (indicator, subject,
  period, kind, status, comparator, value as written, normalized value, unit, rank and rank scope,
  comparison nodes, keyword, ``prov:wasDerivedFrom``, evidence), status claims with ``pk:year`` or
  ``pk:date``, award claims, events, and, in each year's work-report article, the strategy tree
  (strategy → parts → goals → numbered measures → what they name) and the next year's targets
  (``pk:Target`` with ``pk:commitment``, ``pk:comparator`` and ``pk:statedBy`` a measure);
- the **inferred graph** ``hy:inferred``, with what policykg's rules (src/policykg/reason.py) derive:
  subclass types, inverse and super-properties, and the transitive closure of ``pk:locatedIn``,
  ``pk:hasPart`` and ``pk:partOf`` (computed here in Python, to the same fixpoint).

Two articles on the same city and year overlap: they repeat some relations and status claims
(corroborated facts) and now and then give a different number for the same indicator, subject,
period, kind and status (conflicting figures). City 0 is 衡阳 with the real IRIs the named queries
and their examples use (``strategy:one-body-two-wings``, ``goal:industry-strong-city``,
``measure:industry-strong-city-1``, ``area:hunan``, ``period:2020``, ``period:2021`` …); bench/run.py
takes its query parameters from city 0, which every size contains.

Cities are added whole until the file holds at least ``--triples`` quads, so sizes are approximate
(the real ontology alone is about 1,300). The output is deterministic: the same seed, size and
ontology give a byte-identical file.

    /tmp/venv/bin/python bench/generate.py --triples 100000 -o bench/data/synthetic-100k.nq [--seed 2020]
"""

import argparse
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

HY = "https://w3id.org/policykg/hengyang/"
PK = "https://w3id.org/policykg/ontology/"
PKC = "https://w3id.org/policykg/ontology/concept/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"

TYPE = f"<{RDF}type>"
LABEL = f"<{RDFS}label>"
ALT = f"<{SKOS}altLabel>"
DERIVED = f"<{PROV}wasDerivedFrom>"
DEFAULT = None  # the default graph
INFERRED = f"<{HY}inferred>"
FIRST_YEAR, LAST_YEAR = 2016, 2020  # years reported on; each year's work report sets targets for the next


def hy(kind: str, local: str) -> str:
    return f"<{HY}{kind}/{local}>"


def pk(name: str) -> str:
    return f"<{PK}{name}>"


def pkc(name: str) -> str:
    return f"<{PKC}{name}>"


def lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype:
        return f'"{escaped}"^^<{XSD}{datatype}>'
    return f'"{escaped}"'


def zh(text: str) -> str:
    return lit(text, "zh")


def en(text: str) -> str:
    return lit(text, "en")


def integer(n: int) -> str:
    return lit(str(n), datatype="integer")


def number(value: Decimal) -> str:
    """A normalized value as a plain integer or decimal literal (never scientific notation)."""
    if value == value.to_integral_value():
        return lit(str(int(value)), datatype="integer")
    text = format(value.normalize(), "f")
    return lit(text, datatype="decimal")


# ---------------------------------------------------------------------------------------------------
# Fixed vocabularies of the synthetic world
# ---------------------------------------------------------------------------------------------------

PROVINCES = [  # slug, zh, en; province 0 is Hunan (全省 in the real data, the scope of top-three-rankings)
    ("hunan", "湖南省", "Hunan Province"), ("hubei", "湖北省", "Hubei Province"),
    ("guangdong", "广东省", "Guangdong Province"), ("jiangxi", "江西省", "Jiangxi Province"),
    ("guangxi", "广西壮族自治区", "Guangxi"), ("sichuan", "四川省", "Sichuan Province"),
    ("henan", "河南省", "Henan Province"), ("anhui", "安徽省", "Anhui Province"),
]
CITY_CHARS_1 = "湘岳邵郴永娄益常株怀吉赣抚宜萍韶梅汕肇柳桂梧贺绵德遂洛汝宣滁鄂荆襄"  # not 衡: 衡阳 is city 0
CITY_CHARS_2 = "阳州江山川宁安平源华德兴昌化林城都南东西北沙溪丰泉"
COUNTY_WORDS = [("东", "dong"), ("南", "nan"), ("西", "xi"), ("北", "bei"), ("山", "shan"), ("阳", "yang")]
PARKS = [  # slug, zh suffix, en suffix
    ("hi-tech-zone", "高新技术产业开发区", "hi-tech zone"),
    ("economic-development-zone", "经济开发区", "economic development zone"),
    ("comprehensive-bonded-zone", "综合保税区", "comprehensive bonded zone"),
    ("software-park", "软件产业园", "software park"),
    ("new-materials-park", "新材料产业园", "new materials park"),
]
BRANDS = ["万魔", "比亚迪", "特变", "建滔", "富士康", "新敏雅", "弘电", "杉杉", "华菱", "中钢", "金杯", "雁能",
          "湘南", "船山", "蒸湘", "珠晖", "南岳", "耒水", "常宁", "祁东"]
BRAND_SLUGS = ["wanmo", "byd", "tbea", "kingboard", "foxconn", "xinminya", "hongdian", "shanshan", "valin",
               "sinosteel", "jinbei", "yanneng", "xiangnan", "chuanshan", "zhengxiang", "zhuhui", "nanyue",
               "leishui", "changning", "qidong"]
PRODUCTS = [  # slug, zh, en; the find-entity benchmark looks for 声学
    ("acoustics", "声学智造", "acoustics smart manufacturing"), ("car-lamps", "车灯", "car lamps"),
    ("battery-cells", "高能电池芯", "high-energy battery cells"), ("smart-grid", "智能电网产业园", "smart grid park"),
    ("electronics", "电子信息产业园", "electronic information park"), ("textiles", "纺织服饰产业基地", "textile and garment base"),
    ("copper", "铜铅锌产业基地", "copper, lead and zinc base"), ("rare-earth-alloy", "稀土铝合金", "rare-earth aluminium alloy"),
    ("eyewear", "眼镜小镇", "eyewear town"), ("outlets", "奥特莱斯", "outlets"), ("logistics", "物流园", "logistics park"),
    ("sewage-plant", "污水处理厂", "sewage treatment plant"), ("biomedicine", "生物医药产业园", "biomedicine park"),
    ("new-energy", "新能源智造", "new energy manufacturing"),
]
INDUSTRIES = [
    ("advanced-manufacturing", "先进制造业", "advanced manufacturing"), ("electronic-information", "电子信息", "electronic information"),
    ("nonferrous-metals", "有色金属", "nonferrous metals"), ("new-materials", "新材料", "new materials"),
    ("biomedicine", "生物医药", "biomedicine"), ("logistics", "现代物流", "modern logistics"),
    ("textiles", "纺织服装", "textiles and garments"), ("tourism", "文化旅游", "culture and tourism"),
    ("agriculture", "现代农业", "modern agriculture"), ("energy", "新能源", "new energy"),
    ("automobile", "汽车", "automobile"), ("chemicals", "精细化工", "fine chemicals"),
]
CHAINS = [  # chain 0 is chain:automobile, the chain-members benchmark's parameter
    ("automobile", "汽车"), ("biomedicine", "生物医药"), ("eco-green-food", "生态绿色食品"),
    ("light-industry-and-textiles", "轻工纺织"), ("electronic-information", "电子信息"), ("new-materials", "新材料"),
    ("nonferrous-metals", "有色金属"), ("equipment-manufacturing", "装备制造"), ("new-energy", "新能源"),
    ("fine-chemicals", "精细化工"), ("rail-transit", "轨道交通"), ("military-civilian-integration", "军民融合"),
    ("modern-logistics", "现代物流"), ("cultural-tourism", "文化旅游"), ("camellia-oil", "油茶"),
    ("software", "软件和信息服务"), ("smart-grid", "智能电网"), ("medical-devices", "医疗器械"),
]
CLUSTERS = [
    ("military-civilian-integration", "军民融合千亿级产业集群"), ("nonferrous-metals", "有色金属千亿级产业集群"),
    ("new-energy-vehicles", "新能源汽车千亿级产业集群"), ("rail-transit", "轨道交通千亿级产业集群"),
    ("fine-chemicals", "精细化工千亿级产业集群"), ("textiles-and-garments", "纺织服装千亿级产业集群"),
    ("all-area-tourism", "全域旅游千亿级产业集群"), ("camellia-oil", "油茶等农副产品种植加工千亿级产业集群"),
]
AWARDS = [(f"award-{n:02d}", zh_name) for n, zh_name in enumerate([
    "全国文明城市", "国家卫生城市", "全国双拥模范城", "全国无偿献血先进市", "湖南省法治政府建设示范市", "国家5A级物流企业",
    "湖南省智能制造示范车间", "湖南省首台（套）重大技术装备", "省科技奖励", "全国电子商务进农村示范县", "服务之星",
    "先锋奖", "省长质量奖", "国家级众创空间", "中国特色农产品优势区", "全国创新创业大赛一等奖", "国家级非物质文化遗产",
    "全国扫黑除恶十大案件", "政府信息化管理创新奖", "跨境电商零售进口试点城市", "抗疫争先", "全省生猪稳产保供先进单位",
    "国家级绿色工厂", "国家知识产权示范城市", "全国营商环境标杆城市", "国家级专精特新小巨人",
])]
# indicator slug, zh, en, kind of its level ("Level" or "Count" or "Share"), unit, unit as written, scale, low, high
INDICATORS = [
    ("gdp", "地区生产总值", "gross domestic product", "Level", "Yuan", "亿元", 10 ** 8, 800, 6000),
    ("industrial-value-added", "规模工业增加值", "industrial value added", "Level", "Yuan", "亿元", 10 ** 8, 200, 2500),
    ("fixed-asset-investment", "固定资产投资", "fixed-asset investment", "Level", "Yuan", "亿元", 10 ** 8, 300, 4000),
    ("retail-sales", "社会消费品零售总额", "retail sales of consumer goods", "Level", "Yuan", "亿元", 10 ** 8, 300, 3000),
    ("general-public-budget-revenue", "一般公共预算收入", "general public budget revenue", "Level", "Yuan", "亿元", 10 ** 8, 50, 600),
    ("tax-revenue", "税收收入", "tax revenue", "Level", "Yuan", "亿元", 10 ** 8, 30, 400),
    ("foreign-trade", "进出口总额", "imports and exports", "Level", "Yuan", "亿元", 10 ** 8, 50, 900),
    ("actual-foreign-investment", "实际利用外资", "foreign investment used", "Level", "Yuan", "亿元", 10 ** 8, 10, 200),
    ("high-tech-industry-value-added", "高新技术产业增加值", "high-tech industry value added", "Level", "Yuan", "亿元", 10 ** 8, 100, 1500),
    ("tourism-revenue", "旅游总收入", "tourism revenue", "Level", "Yuan", "亿元", 10 ** 8, 100, 1200),
    ("urban-disposable-income", "城镇居民人均可支配收入", "urban disposable income per person", "Level", "Yuan", "元", 1, 25000, 60000),
    ("rural-disposable-income", "农村居民人均可支配收入", "rural disposable income per person", "Level", "Yuan", "元", 1, 10000, 30000),
    ("new-above-scale-industrial-enterprises", "新增规模以上工业企业", "new industrial enterprises above designated size", "Count", "Enterprise", "家", 1, 50, 400),
    ("new-market-entities", "新增市场主体", "new market entities", "Count", "Enterprise", "户", 1, 5000, 90000),
    ("high-tech-enterprises", "高新技术企业", "high-tech enterprises", "Count", "Enterprise", "家", 1, 100, 900),
    ("new-urban-jobs", "城镇新增就业", "new urban jobs", "Count", "Person", "人", 1, 20000, 90000),
    ("contracted-projects", "签约项目", "contracted projects", "Count", "Project", "个", 1, 20, 300),
    ("good-air-quality-days", "空气质量优良天数", "days of good air quality", "Count", "Day", "天", 1, 250, 350),
    ("rural-roads-built", "农村公路建设", "rural roads built", "Level", "Kilometre", "公里", 1, 100, 1500),
    ("old-housing-renovated", "老旧小区改造", "old housing renovated", "Count", "Dwelling", "户", 1, 1000, 30000),
    ("grain-output", "粮食产量", "grain output", "Level", "Tonne", "万吨", 10 ** 4, 100, 400),
    ("freight-volume", "货运量", "freight volume", "Level", "Tonne", "万吨", 10 ** 4, 1000, 20000),
    ("electricity-consumption", "全社会用电量", "electricity consumption", "Level", "WattHour", "亿千瓦时", 10 ** 11, 50, 400),
    ("tourist-visits", "接待游客", "tourist visits", "Level", "PersonTime", "万人次", 10 ** 4, 1000, 9000),
    ("forest-coverage", "森林覆盖率", "forest coverage", "Share", "Percent", "%", 1, 30, 70),
    ("urbanisation-rate", "常住人口城镇化率", "urbanisation rate", "Share", "Percent", "%", 1, 40, 75),
    ("rd-spending-share", "研发经费投入强度", "R&D spending as a share of GDP", "Share", "Percent", "%", 1, 1, 4),
    ("project-approval-days", "项目审批时限", "project approval time", "Level", "WorkingDay", "个工作日", 1, 3, 60),
    ("investment-completed", "完成投资", "investment completed", "Level", "Yuan", "亿元", 10 ** 8, 100, 1500),
    ("investment-completion-rate", "投资完成率", "investment completion rate", "Ratio", "Percent", "%", 1, 60, 140),
]
AREA_INDICATORS = [i for i in INDICATORS if i[0] not in ("investment-completed", "investment-completion-rate")]
PORTFOLIO_INDICATORS = [i for i in INDICATORS if i[0] in ("investment-completed", "investment-completion-rate")]
GROWTH_KINDS = {"Level", "Count"}  # indicators whose growth rate is also reported
CN_NUMERALS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四"]
COMPARATORS = [("Exactly", "", 70), ("AtLeast", "以上", 8), ("MoreThan", "突破", 8), ("About", "左右", 10), ("AtMost", "以内", 4)]
COMMITMENTS = [("Commitment", "确保"), ("Aspiration", "力争"), ("Plan", "")]
REVIEW_KEYWORDS = [  # review articles' keyword sections; section 0 is the keyword-entities benchmark's parameter
    ("industrial-chain-building", "产业链建设"), ("enterprise-development", "企业发展"), ("business-environment", "营商环境"),
    ("park-upgrading", "园区升级"), ("opening-up", "对外开放"), ("people-livelihood", "民生保障"),
]
PLAN_KEYWORDS = [("industry-strong-city", "产业强市"), ("regional-centre", "区域中心"), ("opening-up-highland", "开放高地")]
STRATEGY_PARTS = [("provincial-sub-centre-city", "建设省域副中心城市", "provincial sub-centre city"),
                  ("modern-industry-strong-city", "现代产业强市", "modern industrial power city"),
                  ("most-beautiful-prefecture-city", "最美地级市", "most beautiful prefecture-level city")]
GOALS = [("industry-strong-city", "产业强市", "strong industrial city", ["聚焦聚力先进制造业", "做强做优现代服务业", "发展壮大现代农业", "推动民营经济高质量发展"]),
         ("regional-centre", "区域中心", "regional centre", ["提升城市带动作用", "提升城乡联通水平", "提升城市创新能力", "提升公共服务水平"]),
         ("opening-up-highland", "开放高地", "highland of opening-up", ["全力承接产业转移", "全面深化重点改革", "全力推进对外开放", "优化提升营商环境"])]
STATUS_STEPS = ["Signed", "Started", "UnderConstruction", "Completed"]  # then InProduction or InOperation
STATUS_ZH = {"Planned": "谋划", "Preparatory": "前期", "Signed": "签约", "Started": "开工", "UnderConstruction": "在建",
             "Completed": "竣工", "InProduction": "投产", "InOperation": "运营"}


def period_defs(year: int) -> list[tuple[str, str, str, str, str]]:
    """The periods of one year: slug, zh, en, start, end."""
    return [
        (f"{year}", f"{year}年", f"the year {year}", f"{year}-01-01", f"{year}-12-31"),
        (f"{year}-01_{year}-03", f"{year}年一季度", f"first quarter of {year}", f"{year}-01-01", f"{year}-03-31"),
        (f"{year}-04_{year}-06", f"{year}年二季度", f"second quarter of {year}", f"{year}-04-01", f"{year}-06-30"),
        (f"{year}-01_{year}-06", f"{year}年上半年", f"first half of {year}", f"{year}-01-01", f"{year}-06-30"),
        (f"{year}-01_{year}-09", f"{year}年前三季度", f"first three quarters of {year}", f"{year}-01-01", f"{year}-09-30"),
        (f"{year}-01_{year}-11", f"{year}年1—11月", f"January to November {year}", f"{year}-01-01", f"{year}-11-30"),
    ]


# ---------------------------------------------------------------------------------------------------
# Output: quads, deduplicated per unit, written as N-Quads lines
# ---------------------------------------------------------------------------------------------------

class Unit:
    """The quads of one unit (the global reference, or one city), in insertion order, without duplicates."""

    def __init__(self):
        self.quads: dict[tuple[str, str, str, str | None], None] = {}

    def add(self, s: str, p: str, o: str, g: str | None = DEFAULT):
        self.quads[(s, p, o, g)] = None

    def block(self, s: str, g: str | None, pairs):
        for p, o in pairs:
            if o is not None:
                self.add(s, p, o, g)


class Ontology:
    """The ontology's quads, and what the reasoning rules need from it."""

    def __init__(self, folder: Path):
        import pyoxigraph as ox

        self.lines: list[str] = []
        bnodes: dict[str, str] = {}

        def term(t) -> str:
            if isinstance(t, ox.BlankNode):
                return bnodes.setdefault(t.value, f"_:o{len(bnodes)}")
            return str(t)

        store = ox.Store()
        for path in sorted(folder.glob("*.ttl")):
            quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
            store.extend(quads)
            for q in quads:
                self.lines.append(f"{term(q.subject)} {term(q.predicate)} {term(q.object)} .\n")

        def pairs(query: str) -> list[tuple[str, str]]:
            return [(str(r[0]), str(r[1])) for r in store.query(query)]

        prefixes = f"PREFIX rdfs: <{RDFS}> PREFIX owl: <{OWL}> "
        self.superclasses: dict[str, list[str]] = {}
        for c, sup in pairs(prefixes + "SELECT ?c ?s WHERE { ?c rdfs:subClassOf+ ?s . FILTER(isIRI(?c) && isIRI(?s)) } ORDER BY ?c ?s"):
            self.superclasses.setdefault(c, []).append(sup)
        self.inverse: dict[str, list[str]] = {}
        for p, q in pairs(prefixes + "SELECT ?p ?q WHERE { { ?p owl:inverseOf ?q } UNION { ?q owl:inverseOf ?p } } ORDER BY ?p ?q"):
            self.inverse.setdefault(p, []).append(q)
        self.superproperties: dict[str, list[str]] = {}
        for p, sup in pairs(prefixes + f'SELECT ?p ?s WHERE {{ ?p rdfs:subPropertyOf+ ?s . FILTER(STRSTARTS(STR(?p), "{PK}")) }} ORDER BY ?p ?s'):
            self.superproperties.setdefault(p, []).append(sup)
        self.transitive = [str(r[0]) for r in store.query(prefixes + "SELECT ?p WHERE { ?p a owl:TransitiveProperty } ORDER BY ?p")]


def infer(unit_triples: list[tuple[str, str, str]], asserted: set, context_edges: dict[str, dict[str, list[str]]],
          ontology: Ontology) -> list[tuple[str, str, str]]:
    """What src/policykg/reason.py's rules derive from ``unit_triples`` (plus ``context_edges``, the
    transitive properties' edges of the global reference), not already asserted, to a fixpoint, in
    the order derived."""
    hy_prefix = f"<{HY}"
    known = set(asserted)
    inferred: dict[tuple[str, str, str], None] = {}
    frontier = list(dict.fromkeys(unit_triples))
    # adjacency of transitive properties: p -> x -> [y]
    edges: dict[str, dict[str, list[str]]] = {p: {} for p in ontology.transitive}
    for p, adjacency in context_edges.items():
        for x, ys in adjacency.items():
            edges[p].setdefault(x, []).extend(ys)

    def derive(t: tuple[str, str, str], out: list):
        s, p, o = t
        if p == TYPE and s.startswith(hy_prefix):
            for sup in ontology.superclasses.get(o, ()):
                out.append((s, TYPE, sup))
        if o.startswith("<"):
            for q in ontology.inverse.get(p, ()):
                out.append((o, q, s))
        if s.startswith(hy_prefix):
            for sup in ontology.superproperties.get(p, ()):
                out.append((s, sup, o))

    all_triples = list(frontier)
    while frontier:
        derived: list[tuple[str, str, str]] = []
        for t in frontier:
            derive(t, derived)
            if t[1] in edges and t[2].startswith("<"):
                edges[t[1]].setdefault(t[0], []).append(t[2])
        # transitive closure over everything known so far
        for p, adjacency in edges.items():
            for x in dict.fromkeys(t[0] for t in all_triples if t[1] == p):
                seen, stack = set(), list(adjacency.get(x, ()))
                while stack:
                    y = stack.pop()
                    if y in seen:
                        continue
                    seen.add(y)
                    stack.extend(adjacency.get(y, ()))
                for z in sorted(seen):
                    if z != x:
                        derived.append((x, p, z))
        frontier = []
        for t in derived:
            if t not in known:
                known.add(t)
                inferred[t] = None
                frontier.append(t)
                all_triples.append(t)
    return list(inferred)


# ---------------------------------------------------------------------------------------------------
# The synthetic world
# ---------------------------------------------------------------------------------------------------

class Generator:
    def __init__(self, seed: int, ontology: Ontology):
        self.seed = seed
        self.ontology = ontology
        self.article_counter = 0
        self.global_asserted: set[tuple[str, str, str]] = set()
        self.global_edges: dict[str, dict[str, list[str]]] = {}

    # -- global reference -------------------------------------------------------------------------
    def global_unit(self) -> Unit:
        u = Unit()
        u.block(hy("area", "china"), DEFAULT, [(TYPE, pk("AdministrativeArea")), (LABEL, zh("中国")), (LABEL, en("China"))])
        for slug, name_zh, name_en in PROVINCES:
            u.block(hy("area", slug), DEFAULT, [(TYPE, pk("AdministrativeArea")), (LABEL, zh(name_zh)), (LABEL, en(name_en)),
                                                (pk("locatedIn"), hy("area", "china"))])
        for year in range(FIRST_YEAR - 1, LAST_YEAR + 2):
            for slug, name_zh, name_en, start, end in period_defs(year):
                u.block(hy("period", slug), DEFAULT, [(TYPE, pk("Period")), (LABEL, zh(name_zh)), (LABEL, en(name_en)),
                                                      (pk("startDate"), lit(start, datatype="date")), (pk("endDate"), lit(end, datatype="date"))])
        for slug, name_zh, name_en, start, end in [("2016_2020", "十三五时期", "13th Five-Year Plan period", "2016-01-01", "2020-12-31"),
                                                   ("2021_2025", "十四五时期", "14th Five-Year Plan period", "2021-01-01", "2025-12-31")]:
            u.block(hy("period", slug), DEFAULT, [(TYPE, pk("Period")), (LABEL, zh(name_zh)), (LABEL, en(name_en)),
                                                  (pk("startDate"), lit(start, datatype="date")), (pk("endDate"), lit(end, datatype="date"))])
        u.block(f"<{HY}indicators>", DEFAULT, [(TYPE, f"<{SKOS}ConceptScheme>"), (LABEL, zh("指标")), (LABEL, en("indicators"))])
        for slug, name_zh, name_en, *_ in INDICATORS:
            u.block(hy("indicator", slug), DEFAULT, [(TYPE, pk("Indicator")), (f"<{SKOS}inScheme>", f"<{HY}indicators>"),
                                                     (LABEL, zh(name_zh)), (LABEL, en(name_en))])
        for slug, name_zh, name_en in INDUSTRIES:
            u.block(hy("industry", slug), DEFAULT, [(TYPE, pk("Industry")), (LABEL, zh(name_zh)), (LABEL, en(name_en))])
        u.block(hy("plan", "chain-leader-system"), DEFAULT, [(TYPE, pk("Plan")), (LABEL, zh("链长制")), (LABEL, en("chain-leader system"))])
        for n, (slug, name_zh) in enumerate(CHAINS):
            u.block(hy("chain", slug), DEFAULT, [(TYPE, pk("IndustrialChain")), (LABEL, zh(f"{name_zh}产业链")), (LABEL, en(f"{slug.replace('-', ' ')} industrial chain")),
                                                 (pk("inIndustry"), hy("industry", INDUSTRIES[n % len(INDUSTRIES)][0])),
                                                 (pk("governedBy"), hy("plan", "chain-leader-system"))])
        for n, (slug, name_zh) in enumerate(CLUSTERS):
            u.block(hy("cluster", slug), DEFAULT, [(TYPE, pk("IndustryCluster")), (LABEL, zh(name_zh)), (LABEL, en(f"{slug.replace('-', ' ')} industry cluster")),
                                                   (pk("inIndustry"), hy("industry", INDUSTRIES[(n * 5) % len(INDUSTRIES)][0]))])
        for slug, name_zh in AWARDS:
            u.block(hy("award", slug), DEFAULT, [(TYPE, pk("Award")), (LABEL, zh(name_zh)), (LABEL, en(f"award {slug[6:]}"))])
        return u

    # -- one city -------------------------------------------------------------------------------
    def city_unit(self, c: int) -> Unit:
        rng = random.Random(f"{self.seed}:{c}")
        u = Unit()
        city = City(c, rng)
        city.reference(u)
        years = list(range(LAST_YEAR - rng.randint(1, LAST_YEAR - FIRST_YEAR), LAST_YEAR + 1)) if c else [2019, 2020]
        for year in years:
            truth = city.year_facts(year)
            for part in range(2):
                city.review_article(u, self.next_article(), year, part, truth)
            city.plan_article(u, self.next_article(), year, truth)
        return u

    def next_article(self) -> str:
        article = f"{self.article_counter:06d}"
        self.article_counter += 1
        return article

    def inferred_for(self, u: Unit, is_global: bool) -> list[tuple[str, str, str]]:
        triples = [(s, p, o) for (s, p, o, g) in u.quads]
        asserted = set(triples) | self.global_asserted
        result = infer(triples, asserted, {} if is_global else self.global_edges, self.ontology)
        if is_global:
            self.global_asserted = set(triples) | set(result)
            for s, p, o in sorted(self.global_asserted):
                if p in self.ontology.transitive and o.startswith("<"):
                    self.global_edges.setdefault(p, {}).setdefault(s, []).append(o)
            for adjacency in self.global_edges.values():
                for ys in adjacency.values():
                    ys.sort()
        return result


class City:
    """One city: its places, organisations, projects, strategy tree, and articles about it."""

    def __init__(self, c: int, rng: random.Random):
        self.c, self.rng = c, rng
        self.slug = "hengyang" if c == 0 else f"city-{c:04d}"
        self.prefix = "" if c == 0 else f"{self.slug}-"  # for the strategy tree (city 0 keeps the real IRIs)
        self.zh = "衡阳" if c == 0 else CITY_CHARS_1[c % len(CITY_CHARS_1)] + CITY_CHARS_2[(c // len(CITY_CHARS_1)) % len(CITY_CHARS_2)] + (CN_NUMERALS[c // (len(CITY_CHARS_1) * len(CITY_CHARS_2)) % 15] if c >= len(CITY_CHARS_1) * len(CITY_CHARS_2) else "")
        self.en = "Hengyang" if c == 0 else f"City {c:04d}"
        self.own, self.own_en = ("", "") if c == 0 else (self.zh, f"{self.en}: ")  # names of the strategy tree (city 0's are the real ones)
        self.area = hy("area", self.slug)
        self.province = hy("area", PROVINCES[c % len(PROVINCES)][0])
        self.counties = [(hy("area", f"{self.slug}-{w_slug}-county"), f"{self.zh}{w}县") for w, w_slug in COUNTY_WORDS[:4]]
        self.parks = [(hy("park", f"{self.slug}-{p_slug}"), f"{self.zh}{p_zh}", f"{self.en} {p_en}") for p_slug, p_zh, p_en in PARKS[:4]]
        self.bodies = [(hy("body", f"{self.slug}-municipal-government"), f"{self.zh}市人民政府"),
                       (hy("body", f"{self.slug}-development-reform-commission"), f"{self.zh}市发展和改革委员会"),
                       (hy("body", f"{self.slug}-administrative-approval-bureau"), f"{self.zh}市行政审批服务局")]
        self.platforms = [(hy("platform", f"{self.slug}-12345-hotline"), f"{self.zh}12345政府服务热线"),
                          (hy("platform", f"{self.slug}-innovation-centre"), f"{self.zh}创新中心")]
        self.companies = []
        for k in range(8):
            b = (c * 3 + k) % len(BRANDS)
            self.companies.append((hy("company", f"{self.slug}-{BRAND_SLUGS[b]}-{k}"), f"{self.zh}{BRANDS[b]}有限公司", BRANDS[b]))
        self.projects = []  # iri, zh, short zh, company, park, chain, cluster or None, start year, manufacturing?
        for k in range(14):
            p_slug, p_zh, p_en = PRODUCTS[(c * 5 + k) % len(PRODUCTS)]
            company = self.companies[k % len(self.companies)]
            self.projects.append(dict(
                iri=hy("project", f"{self.slug}-{p_slug}-{k:02d}"), zh=f"{company[2]}{p_zh}项目", short=f"{company[2]}{p_zh}",
                en=f"{self.en} {p_en} project {k}", company=company[0],
                park=self.parks[k % len(self.parks)][0], chain=hy("chain", CHAINS[(c + k) % len(CHAINS)][0]),
                cluster=hy("cluster", CLUSTERS[(c + k) % len(CLUSTERS)][0]) if k % 3 == 0 else None,
                start=rng.randint(FIRST_YEAR - 1, LAST_YEAR + 1), manufacturing=k % 4 != 3))
        self.strategy = hy("strategy", f"{self.prefix}one-body-two-wings")
        self.parts = [(hy("strategy", f"{self.prefix}{s}"), s_zh, s_en) for s, s_zh, s_en in STRATEGY_PARTS]
        self.goals = []
        for g, g_zh, g_en, measures in GOALS:
            self.goals.append(dict(iri=hy("goal", f"{self.prefix}{g}"), zh=g_zh, en=g_en, keyword=g,
                                   measures=[(hy("measure", f"{self.prefix}{g}-{i + 1}"), m_zh, i + 1) for i, m_zh in enumerate(measures)]))

    def portfolio(self, year: int) -> str:
        return hy("plan", f"{self.slug}-key-projects-{year}")

    # -- reference ------------------------------------------------------------------------------
    def reference(self, u: Unit):
        u.block(self.area, DEFAULT, [(TYPE, pk("AdministrativeArea")), (LABEL, zh(f"{self.zh}市")), (LABEL, en(self.en)),
                                     (pk("locatedIn"), self.province)])
        for (iri, name), (_, w_slug) in zip(self.counties, COUNTY_WORDS):
            u.block(iri, DEFAULT, [(TYPE, pk("AdministrativeArea")), (LABEL, zh(name)), (LABEL, en(f"{self.en} {w_slug} county")),
                                   (pk("locatedIn"), self.area)])
        for n, (iri, name, name_en) in enumerate(self.parks):
            # park 1 lies inside park 0 (a chain project → park → park → county → city → province → country)
            parent = self.parks[0][0] if n == 1 else self.counties[n % len(self.counties)][0]
            u.block(iri, DEFAULT, [(TYPE, pk("Park")), (LABEL, zh(name)), (LABEL, en(name_en)), (pk("locatedIn"), parent)])
        for iri, name in self.bodies:
            u.block(iri, DEFAULT, [(TYPE, pk("GovernmentBody")), (LABEL, zh(name)), (LABEL, en(f"{self.en} body {iri.rsplit('/', 1)[1][:-1]}"))])
        for n, (iri, name) in enumerate(self.platforms):
            u.block(iri, DEFAULT, [(TYPE, pk("Platform")), (LABEL, zh(name)), (LABEL, en(f"{self.en} platform {n}")),
                                   (pk("operatedBy"), self.bodies[n][0]), (pk("locatedIn"), self.parks[n][0])])
        for n, (iri, name, _) in enumerate(self.companies):
            u.block(iri, DEFAULT, [(TYPE, pk("Company")), (LABEL, zh(name)), (LABEL, en(f"{self.en} company {n}")),
                                   (pk("inIndustry"), hy("industry", INDUSTRIES[(self.c + n) % len(INDUSTRIES)][0]))])
        for p in self.projects:
            u.block(p["iri"], DEFAULT, [(TYPE, pk("Project")), (LABEL, zh(p["zh"])), (LABEL, en(p["en"])), (pk("developedBy"), p["company"])])
        u.block(self.strategy, DEFAULT, [(TYPE, pk("Strategy")), (LABEL, zh(f"{self.own}“一体两翼”发展战略")), (LABEL, en(f"{self.en} One Body, Two Wings strategy"))])
        for iri, s_zh, s_en in self.parts:
            u.block(iri, DEFAULT, [(TYPE, pk("Strategy")), (LABEL, zh(f"{self.own}{s_zh}")), (LABEL, en(f"{self.own_en}{s_en}"))])
        for g in self.goals:
            u.block(g["iri"], DEFAULT, [(TYPE, pk("Goal")), (LABEL, zh(f"{self.own}{g['zh']}")), (LABEL, en(f"{self.own_en}{g['en']}"))])
            for iri, m_zh, ordinal in g["measures"]:
                u.block(iri, DEFAULT, [(TYPE, pk("Measure")), (LABEL, zh(f"{self.own}{m_zh}")), (LABEL, en(f"{self.own_en}{g['en']} measure {ordinal}")), (pk("ordinal"), integer(ordinal))])

    def article_reference(self, u: Unit, article: str, year: int, kind: str, keywords):
        src = hy("source", article)
        title = f"{self.zh}{year}年{'年度热词' if kind == 'review' else '政府工作报告解读'}（{article}）"
        u.block(src, DEFAULT, [(TYPE, pk("SourceArticle")), (LABEL, zh(title)), (LABEL, en(f"{self.en} {kind} article {article}, {year}")),
                               (f"<{DCTERMS}title>", zh(title)), (f"<{DCTERMS}date>", lit(f"{year + 1}-01-{1 + int(article) % 28:02d}", datatype="date")),
                               (pk("section"), zh("年度热词 · 特别报道" if kind == "review" else "政府工作报告 解读")),
                               (pk("reporter"), zh(["邹雪峰", "李明", "王芳", "陈晨"][int(article) % 4])),
                               (f"<{DCTERMS}language>", lit("zh")), (pk("sourceFile"), lit(f"sources/{article}-{self.slug}-{year}.txt"))])
        for k_slug, k_zh in keywords:
            u.block(hy("keyword", f"{article}-{k_slug}"), DEFAULT, [(TYPE, pk("Keyword")), (LABEL, zh(f"关键词 {k_zh}（{article}）")),
                                                                     (LABEL, en(f"keyword {k_slug.replace('-', ' ')}")), (pk("keywordOf"), src)])

    # -- facts of one year ------------------------------------------------------------------------
    def year_facts(self, year: int) -> list[dict]:
        """The numbers of one city-year that its articles report (each article a subset, now and then differently)."""
        rng = self.rng
        facts = []
        periods = [p[0] for p in period_defs(year)]
        weights = [5, 1, 1, 2, 2, 1]
        for ind in rng.sample(AREA_INDICATORS, 16):
            slug, _, _, level_kind, *_ = ind
            roll = rng.random()
            subject = (self.area, f"{self.zh}市") if roll < 0.8 else (
                (self.counties[rng.randrange(4)]) if roll < 0.9 else self.parks[rng.randrange(4)][:2])
            period = rng.choices(periods, weights)[0]
            kinds = [level_kind] + (["Growth"] if level_kind in GROWTH_KINDS else [])
            for kind in kinds:
                facts.append(self.fact(ind, subject, period, kind, "Actual" if rng.random() < 0.9 else "Estimate"))
        for ind in PORTFOLIO_INDICATORS:
            for period in (periods[3], periods[4], periods[0]):
                facts.append(self.fact(ind, (self.portfolio(year), f"{year}年重点项目"), period, ind[3], "Actual"))
        return facts

    def fact(self, ind, subject, period, kind, status) -> dict:
        rng = self.rng
        slug, i_zh, _, _, unit, written_unit, scale, low, high = ind
        if kind == "Growth":
            value = Decimal(str(round(rng.uniform(-6, 15), 1)))
            f = dict(unit="Percent", scale=1, written_unit="%", value=value)
        else:
            decimals = 2 if scale >= 10 ** 4 else (1 if unit == "Percent" else 0)
            value = Decimal(str(round(rng.uniform(low, high), decimals))) if decimals else Decimal(rng.randint(low, high))
            f = dict(unit=unit, scale=scale, written_unit=written_unit, value=value)
        f.update(indicator=slug, indicator_zh=i_zh, subject=subject[0], subject_zh=subject[1], period=period, kind=kind, status=status,
                 comparator=rng.choices(COMPARATORS, [w for *_, w in COMPARATORS])[0] if kind != "Growth" else COMPARATORS[0],
                 rank=rng.randint(1, 6) if kind == "Growth" and subject[0] == self.area and rng.random() < 0.35 else None)
        return f

    # -- articles ---------------------------------------------------------------------------------
    def review_article(self, u: Unit, article: str, year: int, part: int, truth: list[dict]):
        rng = self.rng
        g = hy("source", article)
        keywords = REVIEW_KEYWORDS[:1] + rng.sample(REVIEW_KEYWORDS[1:], 3)
        self.article_reference(u, article, year, "review", keywords)
        kw = [hy("keyword", f"{article}-{k}") for k, _ in keywords]
        # observations: each article reports ~65% of the year's numbers; the second now and then differs
        for n, f in enumerate(truth):
            if rng.random() > 0.65:
                continue
            value = f["value"]
            if part == 1 and rng.random() < 0.15:
                value = value + (Decimal("0.1") if f["kind"] in ("Growth", "Share", "Ratio") or f["scale"] > 1 else 1)
            self.observation(u, g, article, f, value, kw[n % 4], n)
        # relation blocks and status claims about projects (project 0 of every city in every article)
        chosen = [0] + rng.sample(range(1, len(self.projects)), 7)
        for k in chosen:
            p = self.projects[k]
            evidence = f"{self.zh}{p['zh']}由{self.companies[k % 8][1]}投资建设，落户{self.parks[k % 4][1]}"
            u.block(p["iri"], g, [(TYPE, pk("Project")), (ALT, zh(p["short"]) if rng.random() < 0.4 else None),
                                  (pk("developedBy"), p["company"]), (pk("locatedIn"), p["park"]), (pk("inChain"), p["chain"]),
                                  (pk("inCluster"), p["cluster"]), (pk("reportedUnder"), kw[0]), (pk("evidence"), zh(evidence))])
            status = self.status_in(p, year)
            if status is None:
                continue
            claim = hy("claim", f"{article}-{p['iri'].rsplit('/', 1)[1][:-1]}-{status.lower()}")
            when = (pk("date"), lit(f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", datatype="date")) if rng.random() < 0.3 \
                else (pk("year"), lit(str(year), datatype="gYear"))
            u.block(claim, g, [(TYPE, pk("StatusClaim")), (pk("about"), p["iri"]), (pk("projectStatus"), pkc(status)), when,
                               (pk("durationFromRegistration"), lit(f"P{rng.randint(15, 90)}D", datatype="duration") if status == "InProduction" and rng.random() < 0.2 else None),
                               (DERIVED, g), (pk("reportedUnder"), kw[0]),
                               (pk("evidence"), zh(f"{year}年，{p['zh']}{STATUS_ZH[status]}"))])
        # parks, companies, a chain
        for n in rng.sample(range(4), 2):
            iri, name, _ = self.parks[n]
            u.block(iri, g, [(TYPE, pk("Park")), (ALT, zh(name.replace(self.zh, "")) if rng.random() < 0.5 else None),
                             (pk("locatedIn"), self.parks[0][0] if n == 1 else self.counties[n % 4][0]), (pk("reportedUnder"), kw[3]),
                             (pk("evidence"), zh(f"{name}加快园区升级"))])
        for n in rng.sample(range(8), 2):
            iri, name, brand = self.companies[n]
            u.block(iri, g, [(TYPE, pk("Company")), (ALT, zh(brand)), (pk("inIndustry"), hy("industry", INDUSTRIES[(self.c + n) % len(INDUSTRIES)][0])),
                             (pk("locatedIn"), self.parks[n % 4][0]), (pk("reportedUnder"), kw[1]), (pk("evidence"), zh(f"{brand}在{self.zh}发展壮大"))])
        chain_slug, chain_zh = CHAINS[(self.c + year + part) % len(CHAINS)]
        u.block(hy("chain", chain_slug), g, [(TYPE, pk("IndustrialChain")), (pk("reportedUnder"), kw[0]),
                                             (pk("evidence"), zh(f"{self.zh}重点瞄准{chain_zh}等产业链补链强链延链"))])
        # award claims
        for n in range(2):
            winner = self.area if n == 0 else rng.choice([self.companies[rng.randrange(8)][0], self.platforms[rng.randrange(2)][0]])
            a_slug, a_zh = AWARDS[(self.c + year * 3 + part * 2 + n) % len(AWARDS)]
            u.block(hy("claim", f"{article}-award-{n}"), g, [(TYPE, pk("AwardClaim")), (pk("about"), winner), (pk("award"), hy("award", a_slug)),
                                                             (pk("year"), lit(str(year), datatype="gYear") if rng.random() < 0.85 else None),
                                                             (DERIVED, g), (pk("reportedUnder"), kw[2]), (pk("evidence"), zh(f"{year}年荣获{a_zh}"))])
        # events
        for n in range(2):
            event = hy("event", f"{self.slug}-{year}-{part * 2 + n}")
            name = f"{self.zh}{year}年{['银企对接会', '企业家座谈会', '船山论坛', '招商推介会'][part * 2 + n]}"
            u.block(event, DEFAULT, [(TYPE, pk("Event")), (LABEL, zh(name)), (LABEL, en(f"{self.en} event {year}-{part * 2 + n}"))])
            date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            u.block(event, g, [(TYPE, pk("Event")), (pk("date"), lit(date, datatype="date")), (pk("organizer"), self.area if n else self.bodies[0][0]),
                               (pk("venue"), self.parks[n][0]), (pk("participant"), self.companies[rng.randrange(8)][0]),
                               (ALT, zh(name[len(self.zh) + 5:]) if rng.random() < 0.5 else None), (pk("reportedUnder"), kw[1]),
                               (pk("evidence"), zh(f"{date}，{name}召开"))])

    def status_in(self, p: dict, year: int) -> str | None:
        step = year - p["start"]
        if step < -1:
            return None
        if step + 1 < len(STATUS_STEPS):
            return STATUS_STEPS[step + 1] if step >= 0 else "Signed"
        return "InProduction" if p["manufacturing"] else "InOperation"

    def observation(self, u: Unit, g: str, article: str, f: dict, value: Decimal, keyword: str, n: int, target: dict | None = None):
        rng = self.rng
        comparator, comp_word, _ = f["comparator"]
        if f["kind"] == "Growth":
            written = f"{value}%" if value >= 0 else f"下降{-value}%"
            phrase = f"增长{written}" if value >= 0 else written
        elif f["kind"] == "Rank":
            written = f"第{CN_NUMERALS[int(value)]}"
            phrase = written
        else:
            written = f"{value}{f['written_unit']}"
            phrase = written
        phrase = f"突破{phrase}" if comp_word == "突破" else phrase + comp_word
        subject_slug = f["subject"].rsplit("/", 1)[1][:-1]
        period_zh = next(p[1] for p in period_defs(int(f["period"][:4])) if p[0] == f["period"])
        if target:
            node = hy("observation", f"{article}-{f['indicator']}-{f['kind'].lower()}-{f['period']}-{subject_slug}")
            evidence = f"{target['word']}{period_zh}{f['subject_zh']}{f['indicator_zh']}{phrase}"
        else:
            node = hy("observation", f"{article}-{f['indicator']}-{f['kind'].lower()}-{f['period']}-{subject_slug}")
            evidence = f"{period_zh}，{f['subject_zh']}{f['indicator_zh']}{phrase}" + (f"，排全省第{CN_NUMERALS[f['rank']]}" if f["rank"] else "")
        pairs = [(TYPE, pk("Target") if target else pk("Observation")), (pk("indicator"), hy("indicator", f["indicator"])),
                 (pk("subject"), f["subject"]), (pk("period"), hy("period", f["period"])), (pk("kind"), pkc(f["kind"])),
                 (pk("status"), pkc("Target") if target else pkc(f["status"])), (pk("comparator"), pkc(comparator)),
                 (pk("commitment"), pkc(target["commitment"]) if target else None),
                 (pk("valueAsWritten"), lit(written)), (pk("value"), number(value * f["scale"])), (pk("unit"), pkc(f["unit"])),
                 (pk("rank"), integer(f["rank"]) if f["rank"] and not target else None),
                 (pk("rankScope"), self.province if f["rank"] and not target else None),
                 (pk("statedBy"), target["measure"] if target else None)]
        if f["kind"] == "Growth" and not target and rng.random() < 0.25:
            bnode = f"_:c{article}x{n}"
            diff = Decimal(str(round(rng.uniform(0.1, 3), 1)))
            pairs.append((pk("comparison"), bnode))
            u.block(bnode, g, [(TYPE, pk("Comparison")), (pk("comparedTo"), self.province if n % 2 else hy("period", f"{f['period'][:4]}-01_{f['period'][:4]}-06")),
                               (pk("valueAsWritten"), lit(f"{diff}个百分点")), (pk("difference"), number(diff)), (pk("unit"), pkc("PercentagePoint"))])
            evidence += f"，高于全省{diff}个百分点" if n % 2 else f"，比上半年加快{diff}个百分点"
        pairs += [(pk("reportedUnder"), keyword), (DERIVED, g), (pk("evidence"), zh(evidence))]
        u.block(node, g, pairs)

    def plan_article(self, u: Unit, article: str, year: int, truth: list[dict]):
        """The work report read at the start of ``year + 1``: the strategy tree, last year's results, next year's targets."""
        rng = self.rng
        g = hy("source", article)
        self.article_reference(u, article, year, "plan", PLAN_KEYWORDS)
        kw = [hy("keyword", f"{article}-{k}") for k, _ in PLAN_KEYWORDS]
        u.block(self.strategy, g, [(TYPE, pk("Strategy"))] + [(pk("hasPart"), iri) for iri, *_ in self.parts] +
                [(pk("reportedUnder"), kw[0]), (pk("evidence"), zh(f"{self.zh}大力实施“一体两翼”发展战略"))])
        for n, goal in enumerate(self.goals):
            u.block(goal["iri"], g, [(TYPE, pk("Goal")), (pk("goalText"), zh(f"目标：着力打造{goal['zh']}")),
                                     (pk("serves"), self.parts[n][0]), (pk("serves"), self.parts[0][0])] +
                    [(pk("hasMeasure"), m) for m, *_ in goal["measures"]] +
                    [(pk("reportedUnder"), kw[n]), (pk("evidence"), zh(f"关键词 {goal['zh']}"))])
            for m, m_zh, ordinal in goal["measures"]:
                named = [self.projects[(ordinal * 3 + n + k) % len(self.projects)]["iri"] for k in range(2)] + \
                        [self.parks[(ordinal + n) % 4][0], self.portfolio(year + 1)]
                u.block(m, g, [(TYPE, pk("Measure"))] + [(pk("names"), x) for x in named] +
                        [(pk("reportedUnder"), kw[n]), (pk("evidence"), zh(f"措施{CN_NUMERALS[ordinal]}：{m_zh}"))])
        u.block(self.portfolio(year + 1), DEFAULT, [(TYPE, pk("ProjectPortfolio")), (LABEL, zh(f"{self.zh}市{year + 1}年重点项目")),
                                                    (LABEL, en(f"{self.en} key projects {year + 1}"))])
        u.block(self.portfolio(year), DEFAULT, [(TYPE, pk("ProjectPortfolio")), (LABEL, zh(f"{self.zh}市{year}年重点项目")),
                                                (LABEL, en(f"{self.en} key projects {year}"))])
        # last year's results, as the report restates them
        full_year = [f for f in truth if f["period"] == str(year) and f["subject"] == self.area]
        for n, f in enumerate(full_year[:4]):
            self.observation(u, g, article, f, f["value"], kw[n % 3], 1000 + n)
        # next year's targets, for the same indicators, subject and kind as last year's results
        for n, f in enumerate(full_year[:12]):
            goal = self.goals[n % 3]
            measure = goal["measures"][n // 3 % 4][0]
            commitment, word = COMMITMENTS[rng.randrange(3)]
            if f["kind"] == "Growth":
                value = f["value"] + Decimal(str(round(rng.uniform(0.5, 2), 1)))
            else:  # 10% more, written with as many decimals as last year's figure
                value = (f["value"] * Decimal("1.1")).quantize(Decimal(1).scaleb(f["value"].as_tuple().exponent))
            target = dict(f, period=str(year + 1), status="Target", rank=None,
                          comparator=rng.choices(COMPARATORS, [w for *_, w in COMPARATORS])[0])
            self.observation(u, g, article, target, value, kw[n % 3], 2000 + n,
                             target=dict(commitment=commitment, word=word + f"{year + 1}年", measure=measure))


# ---------------------------------------------------------------------------------------------------

def quad_line(s: str, p: str, o: str, g: str | None) -> str:
    return f"{s} {p} {o} .\n" if g is None else f"{s} {p} {o} {g} .\n"


def generate(triples: int, out: Path, seed: int = 2020, ontology_dir: Path = ROOT / "ontology", quiet: bool = False) -> dict:
    """Write a synthetic dataset of at least ``triples`` quads to ``out`` (N-Quads); return its statistics."""
    started = time.perf_counter()
    ontology = Ontology(ontology_dir)
    gen = Generator(seed, ontology)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    count = 0
    cities = 0
    with open(tmp, "w", encoding="utf-8", newline="\n") as stream:
        stream.writelines(ontology.lines)
        count += len(ontology.lines)
        glob = gen.global_unit()
        description = [(INFERRED, TYPE, f"<{PROV}Bundle>"), (INFERRED, LABEL, zh("推理所得")), (INFERRED, LABEL, en("inferred")),
                       (INFERRED, f"<{RDFS}comment>", en("Triples the ontology implies (subclass types, inverse properties, sub-properties, "
                                                         "transitive part-of and located-in) that no file asserts, derived by policykg's rules."))]
        inferred = description + gen.inferred_for(glob, is_global=True)
        stream.writelines(quad_line(*q) for q in glob.quads)
        stream.writelines(quad_line(s, p, o, INFERRED) for s, p, o in inferred)
        count += len(glob.quads) + len(inferred)
        while count < triples:
            unit = gen.city_unit(cities)
            inferred = gen.inferred_for(unit, is_global=False)
            stream.writelines(quad_line(*q) for q in unit.quads)
            stream.writelines(quad_line(s, p, o, INFERRED) for s, p, o in inferred)
            count += len(unit.quads) + len(inferred)
            cities += 1
            if not quiet and cities % 25 == 0:
                print(f"  {cities} cities, {count:,} quads", file=sys.stderr)
    os.replace(tmp, out)
    stats = dict(path=str(out), quads=count, cities=cities, articles=gen.article_counter, seconds=time.perf_counter() - started)
    if not quiet:
        print(f"wrote {out}: {count:,} quads, {cities} cities, {gen.article_counter} source articles, seed {seed}, "
              f"in {stats['seconds']:.1f} s", file=sys.stderr)
    return stats


def parse_size(text: str) -> int:
    """``10k`` → 10000, ``1m`` → 1000000, ``2500`` → 2500."""
    text = text.strip().lower().replace("_", "").replace(",", "")
    factor = {"k": 10 ** 3, "m": 10 ** 6}.get(text[-1:], 1)
    return int(float(text[:-1] if factor > 1 else text) * factor)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=parse_size, default=100_000, help="approximate number of quads (10k, 100k, 1m or a number)")
    parser.add_argument("-o", "--out", type=Path, required=True, help="the N-Quads file to write")
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--ontology-dir", type=Path, default=ROOT / "ontology")
    args = parser.parse_args(argv)
    generate(args.triples, args.out, args.seed, args.ontology_dir)


if __name__ == "__main__":
    main()
