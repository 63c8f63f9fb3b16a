"""The entity pages (/entity/…) and the source pages (/sources, /source/{id}): what they show, pinned to the data."""

import html
import json
import re
from html.parser import HTMLParser
from urllib.parse import quote, unquote

import pyoxigraph as ox
import pytest
from conftest import ROOT
from web_client import get

from policykg.web.entity_page import literal_text

WANMO = "project:wanmo-acoustics-smart-manufacturing"
WANMO_IRI = "https://w3id.org/policykg/hengyang/project/wanmo-acoustics-smart-manufacturing"
XSD = "http://www.w3.org/2001/XMLSchema#"


def fetch_json(pages, url: str, status: int = 200):
    response = get(pages, url)
    assert response.status == status, response.text[:500]
    assert response.headers["Content-Type"].startswith("application/json")
    return json.loads(response.text)


def fetch_html(pages, url: str, status: int = 200) -> str:
    response = get(pages, url)
    assert response.status == status, response.text[:500]
    assert response.headers["Content-Type"].startswith("text/html")
    return response.text


def hl(source: str, sentence: str) -> str:
    """The link to article ``source`` with ``sentence`` highlighted."""
    return f"/source/{source}?hl={quote(sentence, safe='')}#hl"


def main_of(page: str) -> str:
    return page[page.index("<main>"):page.index("</main>")]


class Table(HTMLParser):
    """The rows of the table with class ``cls`` (each cell's text nodes joined by spaces), and every href inside it."""

    def __init__(self, cls: str):
        super().__init__()
        self.cls, self.depth, self.rows, self.links, self._cell = cls, 0, [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and self.cls in (attrs.get("class") or "").split():
            self.depth = 1
        elif self.depth and tag == "table":
            self.depth += 1
        if not self.depth:
            return
        if tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self._cell = []
        elif tag == "a":
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "td" and self._cell is not None:
            self.rows[-1].append(" ".join(" ".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and self._cell is not None:
            self._cell.append(data)


def table(page: str, cls: str) -> Table:
    parser = Table(cls)
    parser.feed(page)
    parser.rows = [row for row in parser.rows if row]  # the header row has th cells only
    return parser


# ---------------------------------------------------------------------------------------------
# The page of 万魔声学智造群项目
# ---------------------------------------------------------------------------------------------

def test_project_labels_and_class(pages):
    """The project's page names it in zh and en and gives its class from the style table."""
    data = fetch_json(pages, f"/entity/{WANMO}.json")
    assert (data["iri"], data["id"], data["labels"], data["class"]) == (
        WANMO_IRI, WANMO, {"zh": "万魔声学智造群项目", "en": "1MORE acoustics smart manufacturing cluster project"},
        {"iri": "pk:Project", "zh": "项目", "en": "project"})
    assert data["mentioned_in"] == ["000", "001", "003", "004"]
    page = fetch_html(pages, f"/entity/{WANMO}")
    assert "<h1>万魔声学智造群项目 <span class=\"other-name\">1MORE acoustics smart manufacturing cluster project</span></h1>" in page
    assert '<span class="tag class-tag">项目</span>' in page
    english = fetch_html(pages, f"/entity/{WANMO}?lang=en")
    assert "<h1>1MORE acoustics smart manufacturing cluster project <span class=\"other-name\">万魔声学智造群项目</span></h1>" in english
    assert '<span class="tag class-tag">project</span>' in english


def test_project_variants_with_their_articles(pages):
    """Every spelling variant is listed with the articles that write it, each linked to the article with the variant highlighted."""
    data = fetch_json(pages, f"/entity/{WANMO}.json")
    assert [(v["text"], [s["source"] for s in v["sources"]]) for v in data["variants"]] == [
        ("万魔声学", ["000", "003"]), ("万魔声学智造群", ["001"]), ("万声声学智造群项目", ["004"])]
    found = table(fetch_html(pages, f"/entity/{WANMO}"), "variants")
    assert found.rows == [["万魔声学", "000 003"], ["万魔声学智造群", "001"], ["万声声学智造群项目", "004"]]
    assert [html.unescape(link) for link in found.links] == [
        hl("000", "万魔声学"), hl("003", "万魔声学"), hl("001", "万魔声学智造群"), hl("004", "万声声学智造群项目")]


def test_project_relations_exactly_as_stated(pages):
    """The relations are the stated ones, outgoing first, each with the articles that state it."""
    data = fetch_json(pages, f"/entity/{WANMO}.json")
    assert [(r["direction"], r["property"]["iri"], r["value"]["iri"], [s["source"] for s in r["sources"]])
            for r in data["relations"]] == [
        ("out", "pk:developedBy", "company:wanmo-acoustics", ["000", "001", "003", "004"]),
        ("out", "pk:reportedUnder", "keyword:000-industrial-chain-building", ["000"]),
        ("out", "pk:reportedUnder", "keyword:001-momentum", ["001"]),
        ("out", "pk:reportedUnder", "keyword:003-new-strength", ["003"]),
        ("out", "pk:reportedUnder", "keyword:004-project-construction", ["004"]),
        ("in", "pk:hasMember", "project:projects-ahead-of-schedule-2020", ["000"]),
    ]
    page = fetch_html(pages, f"/entity/{WANMO}")
    assert table(page, "out").rows[0] == ["建设企业", "万魔声学", "000 001 003 004"]
    assert table(page, "in").rows == [["2020年完成投资超时序进度的项目", "成员 → 万魔声学智造群项目", "000"]]


def test_relation_stated_once_appears_once(pages):
    """The collection's stated pk:hasMember is shown once; its inferred inverse pk:memberOf, the keywords'
    inferred pk:reports, rdf:type 实体 and the prov:value copies of the evidence are not shown at all."""
    data = fetch_json(pages, f"/entity/{WANMO}.json")
    rows = data["relations"] + data["inferred"]
    assert [r["property"]["iri"] for r in rows if r["value"].get("iri") == "project:projects-ahead-of-schedule-2020"] == ["pk:hasMember"]
    assert not {r["property"]["iri"] for r in rows} & {"pk:memberOf", "pk:reports", "rdf:type", "prov:value", "pk:evidence"}
    assert data["inferred"] == []
    page = main_of(fetch_html(pages, f"/entity/{WANMO}"))
    assert page.count('href="/entity/project:projects-ahead-of-schedule-2020"') == 1
    assert "实体</" not in page and "prov:value" not in page


def test_inferred_relation_shown_only_when_new(pages):
    """衡阳市 is in 湖南省, which is in 中国: the transitive located-in to 中国 is shown as inferred; nothing
    inferred repeats an entity that a stated relation already links."""
    data = fetch_json(pages, "/entity/area:hengyang.json")
    assert ("out", "pk:locatedIn", "area:china") in [(r["direction"], r["property"]["iri"], r["value"]["iri"]) for r in data["inferred"]]
    assert ("out", "pk:locatedIn", "area:hunan", ["ref"]) in [
        (r["direction"], r["property"]["iri"], r["value"]["iri"], [s["source"] for s in r["sources"]]) for r in data["relations"]]
    stated = {r["value"].get("iri") for r in data["relations"]}
    assert not stated & {r["value"]["iri"] for r in data["inferred"]}
    assert all(r["sources"] == [] for r in data["inferred"])


def test_project_status_claims_in_date_order(pages):
    """The project's status claims, one per article, each with status, modality and the duration as the article writes it."""
    data = fetch_json(pages, f"/entity/{WANMO}.json")
    assert [(c["id"], c["when"]["zh"], c["kind"]["zh"], [(f["property"]["iri"], [v["zh"] for v in f["values"]]) for f in c["facts"]],
             c["sources"], [e["text"] for e in c["evidence"]]) for c in data["claims"]] == [
        ("claim:000-wanmo-in-production", "2020年", "状态陈述",
         [("pk:projectStatus", ["投产"]), ("pk:modality", ["已实现"]), ("pk:durationFromRegistration", ["20天"])],
         ["000"], ["我市万魔声学智造群项目从注册到投产仅用20天"]),
        ("claim:003-wanmo-in-production", "2020年", "状态陈述",
         [("pk:projectStatus", ["投产"]), ("pk:modality", ["已实现"]), ("pk:durationFromRegistration", ["20天"])],
         ["003"], ["万魔声学智造群项目从注册到投产仅用20天"]),
        ("claim:004-wanmo-in-production", "2020年", "状态陈述",
         [("pk:projectStatus", ["投产"]), ("pk:modality", ["已实现"]), ("pk:durationFromRegistration", ["20天"])],
         ["004"], ["万声声学智造群项目从注册到投产仅用20天"]),
    ]
    duration = data["claims"][0]["facts"][2]["values"][0]
    assert duration == {"value": "P20D", "datatype": "xsd:duration", "zh": "20天", "en": "20天", "as_written": True}


def test_claims_of_two_years_in_date_order(pages):
    """比亚迪车灯: the four 2020 claims of its production come before the 2021 plan, with its intended status and commitment."""
    data = fetch_json(pages, "/entity/project:byd-car-lamps.json")
    assert [(c["when"]["value"], c["sources"], [(f["property"]["iri"], [v["iri"] for v in f["values"]]) for f in c["facts"]])
            for c in data["claims"]] == [
        ("2020", ["000"], [("pk:projectStatus", ["pkc:InProduction"]), ("pk:modality", ["pkc:Observed"])]),
        ("2020", ["001"], [("pk:projectStatus", ["pkc:InProduction"]), ("pk:modality", ["pkc:Observed"])]),
        ("2020", ["003"], [("pk:projectStatus", ["pkc:InProduction"]), ("pk:modality", ["pkc:Observed"])]),
        ("2020", ["004"], [("pk:projectStatus", ["pkc:InProduction"]), ("pk:modality", ["pkc:Observed"])]),
        ("2021", ["002"], [("pk:projectStatus", ["pkc:Planned"]), ("pk:intendedStatus", ["pkc:InProduction"]),
                           ("pk:commitment", ["pkc:Commitment"]), ("pk:modality", ["pkc:Intended"])]),
    ]
    rows = table(fetch_html(pages, "/entity/project:byd-car-lamps"), "claims").rows
    assert [row[0] for row in rows] == ["2020年", "2020年", "2020年", "2020年", "2021年"]
    assert rows[4][2] == "项目状态 计划 计划达到的状态 投产 承诺程度 确保 陈述语气 计划实现"


def test_observation_row_value_as_written(pages):
    """The output value of June 2020 is shown as 2000万元, with its indicator page, period, unit, status, comparator and sentence."""
    data = fetch_json(pages, f"/entity/{WANMO}.json")
    row = next(o for o in data["observations"] if o["id"] == "obs:004-output-value-2020-06-wanmo")
    assert (row["indicator"]["page"], row["period"]["zh"], row["value"], row["unit"]["zh"], row["status"]["zh"],
            row["comparator"]["zh"], row["sources"], [e["text"] for e in row["evidence"]]) == (
        "/indicator/output-value", "2020年6月", "2000万元", "元", "实际", "等于", ["004"], ["6月份已实现产值2000万元"])
    assert [o["id"] for o in data["observations"]] == [
        "obs:004-output-value-2020-06-wanmo", "obs:000-registration-to-production-time-2020-wanmo",
        "obs:003-registration-to-production-time-2020-wanmo", "obs:004-registration-to-production-time-2020h1-wanmo"]
    rows = table(fetch_html(pages, f"/entity/{WANMO}"), "observations").rows
    assert rows[0] == ["产值", "2020年6月", "2000万元", "元", "实际", "等于", "004", "6月份已实现产值2000万元"]
    assert [row[1:3] for row in rows[1:]] == [["2020年", "20天"], ["2020年", "20天"], ["2020年上半年", "20天"]]


def test_evidence_links_highlight_their_sentence(pages):
    """Every highlighting link on the project's page leads to its article, whose <mark id="hl"> holds exactly the linked text."""
    page = fetch_html(pages, f"/entity/{WANMO}")
    links = sorted({html.unescape(link) for link in re.findall(r'href="(/source/[^"]*\?hl=[^"]*)"', page)})
    assert len(links) == 11  # 4 variants (万魔声学 in two articles), 6 sentences of the project, 1 more of an observation
    assert hl("004", "6月份已实现产值2000万元") in links
    for link in links:
        path, _, fragment = link.partition("#")
        assert fragment == "hl"
        sentence = unquote(path.split("?hl=", 1)[1])
        target = fetch_html(pages, path)
        marked = re.findall(r'<mark class="highlight" id="hl">(.*?)</mark>', target)
        assert marked == [html.escape(sentence, quote=False)], link


# ---------------------------------------------------------------------------------------------
# Other ways in, and names that name nothing
# ---------------------------------------------------------------------------------------------

def test_full_iri_parameter_equals_prefixed_path(pages):
    """/entity?iri=<full IRI> shows the same page as /entity/prefix:local, and the same JSON."""
    assert get(pages, f"/entity.json?iri={quote(WANMO_IRI, safe='')}").body == get(pages, f"/entity/{WANMO}.json").body
    assert main_of(fetch_html(pages, f"/entity?iri={quote(WANMO_IRI, safe='')}")) == main_of(fetch_html(pages, f"/entity/{WANMO}"))
    assert get(pages, f"/entity.json?iri={WANMO}").body == get(pages, f"/entity/{WANMO}.json").body


def test_unknown_entity_is_404_with_closest_names(pages):
    """A name that names nothing is answered 404, saying so, with the entities whose name contains it as links."""
    data = fetch_json(pages, "/entity/project:wanmo.json", status=404)
    assert data["given"] == "project:wanmo"
    assert [(s["iri"], s["page"]) for s in data["suggestions"]] == [
        ("company:wanmo-acoustics", "/entity/company:wanmo-acoustics"), (WANMO, f"/entity/{WANMO}")]
    page = fetch_html(pages, "/entity/project:wanmo?lang=en", status=404)
    assert "no entity project:wanmo" in page
    assert re.findall(r'<ul class="suggested">\s*(.*?)</ul>', page, re.S)[0].count("<li>") == 2
    assert f'<a href="/entity/{WANMO}?lang=en">1MORE acoustics smart manufacturing cluster project</a>' in page
    assert "没有实体 project:nothing-like-this" in fetch_html(pages, "/entity/project:nothing-like-this", status=404)


def test_hostile_iri_is_escaped(pages):
    """A script given as ?iri= comes back as text, never as markup."""
    response = get(pages, "/entity?iri=" + quote("<script>alert(1)</script>"))
    assert response.status == 404
    assert "<script" not in response.text.lower()
    assert "没有实体 &lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_indicator_entity_links_to_indicator_page(pages):
    """An indicator's entity page is rendered and links to /indicator/{local}."""
    data = fetch_json(pages, "/entity/ind:gdp.json")
    assert (data["labels"]["zh"], data["class"]["iri"], data["pages"]) == ("地区生产总值", "pk:Indicator", {"indicator": "/indicator/gdp"})
    assert '<a href="/indicator/gdp">' in fetch_html(pages, "/entity/ind:gdp")


def test_award_lists_claims_naming_it(pages):
    """先锋奖: the claim that it was received, three years running, by the portal and the hotline."""
    data = fetch_json(pages, "/entity/award:pioneer-award.json")
    assert [(c["id"], c["role"]["iri"], [(f["property"]["iri"], [v["zh"] for v in f["values"]]) for f in c["facts"]])
            for c in data["claims"]] == [
        ("claim:000-portal-and-hotline-pioneer-award", "pk:award",
         [("pk:consecutiveYears", ["3"]), ("pk:about", ["12345政府服务热线", "衡阳市党政门户网站"])])]


def test_small_entity_json_exact(pages):
    """The JSON twin of the company 万魔声学, whole."""
    s001 = "万魔声学智造群、常宁天农食品全产业链、祝融学院等项目建设不断刷新“衡阳速度”"
    s004 = "万声声学智造群项目从注册到投产仅用20天"
    s000 = "我市万魔声学智造群项目从注册到投产仅用20天"
    s003 = "万魔声学智造群项目从注册到投产仅用20天"

    def link(source, sentence):
        return {"source": source, "sentence": sentence, "page": hl(source, sentence)}

    reported = {"iri": "pk:reportedUnder", "zh": "归属关键词", "en": "reported under"}
    assert fetch_json(pages, "/entity/company:wanmo-acoustics.json") == {
        "iri": "https://w3id.org/policykg/hengyang/company/wanmo-acoustics", "id": "company:wanmo-acoustics",
        "labels": {"zh": "万魔声学", "en": "1MORE Acoustics"}, "class": {"iri": "pk:Company", "zh": "企业", "en": "company"},
        "pages": {}, "mentioned_in": ["000", "001", "003", "004"],
        "variants": [{"text": "万声声学", "sources": [link("004", "万声声学")]}],
        "evidence": [{"text": s001, "sources": [link("001", s001)]}, {"text": s004, "sources": [link("004", s004)]}],
        "relations": [
            {"direction": "out", "property": reported,
             "value": {"iri": "keyword:001-momentum", "zh": "能",
                       "en": "keyword: momentum: new drivers shaping the modern industrial power city",
                       "page": "/entity/keyword:001-momentum"},
             "sources": [link("001", s001)]},
            {"direction": "out", "property": reported,
             "value": {"iri": "keyword:004-project-construction", "zh": "项目建设不断刷新“衡阳速度”",
                       "en": "keyword: project construction keeps setting new records of “Hengyang speed”",
                       "page": "/entity/keyword:004-project-construction"},
             "sources": [link("004", s004)]},
            {"direction": "in", "property": {"iri": "pk:developedBy", "zh": "建设企业", "en": "developed by"},
             "value": {"iri": WANMO, "zh": "万魔声学智造群项目", "en": "1MORE acoustics smart manufacturing cluster project",
                       "page": f"/entity/{WANMO}"},
             "sources": [link("000", s000), link("001", s001), link("003", s003), link("004", s004)]},
        ],
        "inferred": [], "observations": [], "claims": [],
    }


def test_pages_carry_no_inline_script_or_style(pages):
    """The entity and source pages obey the CSP: no inline script, no style attribute or element."""
    for url in (f"/entity/{WANMO}", "/sources", "/source/003?hl=" + quote("万魔声学"), "/entity/project:wanmo"):
        page = get(pages, url).text
        assert "<script" not in page and "style=" not in page and "<style" not in page, url


@pytest.mark.parametrize("lexical, datatype, shown", [
    pytest.param("2020-03-03", "date", ("2020年3月3日", "3 March 2020"), id="date"),
    pytest.param("2020", "gYear", ("2020年", "2020"), id="year"),
    pytest.param("2020-06", "gYearMonth", ("2020年6月", "June 2020"), id="month"),
    pytest.param("P20D", "duration", ("20天", "20 days"), id="days"),
    pytest.param("P1Y2M", "duration", ("1年2个月", "1 year 2 months"), id="year-and-months"),
    pytest.param("P", "duration", ("P", "P"), id="not-a-duration"),
    pytest.param("true", "boolean", ("是", "yes"), id="boolean"),
])
def test_literal_text(lexical, datatype, shown):
    """Dates, durations and booleans are shown as a reader writes them, in zh and in en."""
    assert literal_text(ox.Literal(lexical, datatype=ox.NamedNode(XSD + datatype))) == shown


# ---------------------------------------------------------------------------------------------
# The source pages
# ---------------------------------------------------------------------------------------------

def test_sources_lists_the_five_articles(pages):
    """/sources lists the five articles with their titles, date where stated, reporters and what each contributes."""
    data = fetch_json(pages, "/sources.json")
    assert [(a["id"], a["title"]["zh"], a["date"] and a["date"]["value"], a["reporters"], a["url"]) for a in data["articles"]] == [
        ("000", "2020 衡阳年度热词：“一体两翼”新战略 开创衡阳新局面", "2021-01-07", ["邹雪峰"], None),
        ("001", "六大关键字展现大城衡阳新业绩", None, ["唐海强"], None),
        ("002", "打造产业强市、区域中心、开放高地 加快建设名副其实的省域副中心城市", None, ["邹雪峰"], None),
        ("003", "汇聚“项目力量” 打造“产业强市”", None, ["邹雪峰"], None),
        ("004", "有“质”又有“量”：我市上半年发展成绩单很抢眼", None, ["陈 润"], None),
    ]
    # the same numbers as the named query claims-per-source and report.json
    assert [(a["counts"]["observations"], a["counts"]["targets"], a["counts"]["status_claims"], a["counts"]["award_claims"])
            for a in data["articles"]] == [(93, 0, 14, 4), (85, 0, 47, 17), (0, 32, 31, 0), (29, 0, 21, 3), (65, 0, 27, 7)]
    page = fetch_html(pages, "/sources")
    assert len(re.findall(r'<tr class="article">', page)) == 5
    assert table(page, "sources").rows[0][:3] == ["000", "2020 衡阳年度热词：“一体两翼”新战略 开创衡阳新局面 年度热词 · 特别报道", "2021年1月7日"]


def test_source_json_has_text_and_highlight_offsets(pages):
    """/source/003.json gives the article's text and where the highlighted sentence sits in it."""
    sentence = "万魔声学智造群项目从注册到投产仅用20天"
    data = fetch_json(pages, "/source/003.json?hl=" + quote(sentence))
    assert (data["id"], data["title"]["zh"]) == ("003", "汇聚“项目力量” 打造“产业强市”")
    assert data["text"] == (ROOT / "sources" / "003-project-power.txt").read_text(encoding="utf-8")
    assert data["highlight"] == {"text": sentence, "spans": [{"start": 718, "end": 738}]}
    assert data["text"][718:738] == sentence


def test_source_page_paragraphs_and_mentions(pages):
    """The article's lines are paragraphs and headings; the entities it mentions are listed beside it as links."""
    page = fetch_html(pages, "/source/003")
    assert "<h2>汇聚“项目力量” 打造“产业强市”</h2>" in page
    assert "<h3>项目“新实力”： 实体产业再次崛起</h3>" in page
    assert "<p>■文/本报记者 邹雪峰 图/罗 盟</p>" in page
    assert '<a href="/entity/project:wanmo-acoustics-smart-manufacturing" title="project:wanmo-acoustics-smart-manufacturing">万魔声学智造群项目</a>' in page
    assert "<mark" not in page
    data = fetch_json(pages, "/source/003.json")
    assert sum(len(g["entities"]) for g in data["entities"]) == 97
    assert [g["class"]["iri"] for g in data["entities"]][:2] == ["pk:Strategy", "pk:ProjectPortfolio"]


def test_source_page_repeated_and_missing_highlight(pages):
    """A text written twice is marked twice with the anchor on the first; a text the article lacks is said to be missing."""
    page = fetch_html(pages, "/source/000?hl=" + quote("万魔声学"))
    assert len(re.findall(r'<mark class="highlight"( id="hl")?>万魔声学</mark>', page)) == page.count("<mark")
    assert page.count('id="hl"') == 1 and page.count("<mark") == 2
    missing = fetch_html(pages, "/source/000?hl=" + quote("不在文中的句子"))
    assert "<mark" not in missing and "本文中没有这段文字" in missing


def test_unknown_source_is_404(pages):
    """An article id that is not one of the five is answered 404."""
    assert get(pages, "/source/009").status == 404
    assert get(pages, "/source/009.json").status == 404
