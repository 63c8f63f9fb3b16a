"""The plan pages: /targets, /indicator/{local} and /conflicts, their JSON twins and their SVG charts.

Every count and row here is pinned to the curated data (32 targets for 2021, 10 with a 2020 actual;
GDP observed three times; six disagreements between articles) and fails when the data or the pages
change what they say.
"""

import csv
import doctest
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from web_client import get

from policykg.report import compact
from policykg.web import charts, plans_page

EXPECTED = Path(__file__).parent / "expected"
SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def json_of(pages, url: str) -> dict:
    response = get(pages, url)
    assert response.status == 200, response.text
    return json.loads(response.body)


def html_of(pages, url: str, status: int = 200) -> str:
    response = get(pages, url)
    assert response.status == status, response.text
    return response.text


def marks(html: str, element: str, kind: str) -> list[str]:
    """The ``<element class="mark kind" …>`` start tags of a page."""
    return re.findall(rf'<{element} class="mark {kind}"[^>]*>', html)


# ---------------------------------------------------------------------------------------------
# /targets
# ---------------------------------------------------------------------------------------------

def test_every_target_is_listed(pages):
    """All 32 targets for 2021 are rows of /targets.json, 10 of them with a 2020 actual."""
    data = json_of(pages, "/targets.json")
    assert (data["count"], data["with_actual"], len(data["targets"])) == (32, 10, 32)
    assert sum(1 for row in data["targets"] if row["actuals"]) == 10
    assert len({row["target"] for row in data["targets"]}) == 32


def test_target_marks_count(pages):
    """The bars chart has one target bar per target and one actual bar per target with an actual, each naming its indicator."""
    html = html_of(pages, "/targets")
    targets, actuals = marks(html, "rect", "target"), marks(html, "rect", "actual")
    assert (len(targets), len(actuals)) == (32, 10)
    assert all(re.search(r'data-indicator="ind:[a-z0-9-]+"', tag) for tag in targets + actuals)
    assert sorted(re.search(r'data-indicator="([^"]+)"', tag).group(1) for tag in actuals) == [
        "ind:agricultural-processing-output", "ind:air-destinations", "ind:grain-sown-area",
        "ind:national-5a-logistics-enterprises", "ind:new-above-scale-industrial-enterprises",
        "ind:new-agricultural-leading-enterprises", "ind:new-high-tech-enterprises", "ind:smes-on-cloud",
        "ind:tourism-revenue", "ind:tourist-arrivals"]


def test_grain_sown_area_row_in_json(pages):
    """The grain area target reads: 2020 actual 746万亩, 2021 target 800万亩 以上, 确保, change +54万亩, from 001 and 002."""
    rows = {row["target"]: row for row in json_of(pages, "/targets.json")["targets"]}
    row = rows["obs:002-grain-sown-area-2021"]
    assert {key: row[key] for key in ("indicator", "indicator_label", "subject", "subject_label", "value", "number",
                                      "unit", "unit_words", "comparator", "comparator_words", "commitment",
                                      "commitment_words", "change", "sources")} == {
        "indicator": "ind:grain-sown-area", "indicator_label": "粮食播种面积", "subject": "area:hengyang",
        "subject_label": "衡阳市", "value": "800万亩", "number": 8000000, "unit": "pkc:Mu", "unit_words": "万亩",
        "comparator": "pkc:AtLeast", "comparator_words": "以上", "commitment": "pkc:Commitment",
        "commitment_words": "确保", "change": "+54万亩", "sources": ["002"]}
    [actual] = row["actuals"]
    assert (actual["observation"], actual["value"], actual["number"], actual["sources"]) == \
        ("obs:001-grain-sown-area-2020", "746万亩", 7460000, ["001"])
    assert row["evidence"] == ["严守耕地保护红线,毫不放松抓好农业生产,确保粮食种植总面积稳定在800万亩以上",
                               "确保粮食种植总面积稳定在800万亩以上,实现农产品加工业产值1500亿元以上,新增“三品一标”认证40个以上"]
    assert len(actual["evidence"]) == 1 and "746万亩" in actual["evidence"][0]


def test_grain_sown_area_row_in_html(pages):
    """The grain area row of the /targets table shows both values, the unit, comparator and commitment in words and the links."""
    html = html_of(pages, "/targets")
    row = re.search(r'<tr data-target="obs:002-grain-sown-area-2021">(.*?)</tr>', html, re.S).group(1)
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells[:8] == ["粮食播种面积 总量", "衡阳市", "746万亩", "800万亩", "万亩", "以上", "确保", "+54万亩"]
    assert 'href="/indicator/grain-sown-area"' in row and 'href="/entity/area:hengyang"' in row
    assert re.search(r'href="/source/001\?hl=[^"]+#hl"', row) and re.search(r'href="/source/002\?hl=[^"]+#hl"', row)


def test_grain_sown_area_bars(pages):
    """The grain area row of the chart has the actual bar (746万亩) shorter than the ensured target bar (800万亩), which spans the row."""
    html = html_of(pages, "/targets")
    bars = re.findall(r'<rect class="mark (actual|target)"[^>]*\swidth="([\d.]+)"[^>]*data-indicator="ind:grain-sown-area"[^>]*>', html)
    assert [kind for kind, _ in bars] == ["actual", "target"]
    actual, target = (float(width) for _, width in bars)
    assert target == 498 and actual == pytest.approx(498 * 746 / 800, abs=0.1)
    target_tag = re.search(r'<rect class="mark target"[^>]*data-indicator="ind:grain-sown-area"[^>]*>', html).group(0)
    assert 'data-commitment="pkc:Commitment"' in target_tag and 'fill="#0b5cad"' in target_tag


@pytest.mark.parametrize("commitment, count, words", [
    pytest.param("pkc:Aspiration", 12, "力争", id="aspiration"),
    pytest.param("pkc:Commitment", 2, "确保", id="commitment"),
    pytest.param("pkc:Plan", 18, "计划", id="plan"),
])
def test_commitment_filter(pages, commitment, count, words):
    """?commitment= keeps exactly the targets of that commitment, in the JSON twin and in the chart's marks."""
    data = json_of(pages, f"/targets.json?commitment={commitment}")
    assert data["count"] == count and {row["commitment_words"] for row in data["targets"]} == {words}
    html = html_of(pages, f"/targets?commitment={commitment}")
    assert len(marks(html, "rect", "target")) == count
    assert all(f'data-commitment="{commitment}"' in tag for tag in marks(html, "rect", "target"))


def test_commitment_facets(pages):
    """The commitment facet counts the targets of each commitment: 力争 12, 确保 2, 计划 18."""
    facets = json_of(pages, "/targets.json")["facets"]["commitment"]
    assert facets == [{"value": "pkc:Aspiration", "label": "力争", "count": 12},
                      {"value": "pkc:Commitment", "label": "确保", "count": 2},
                      {"value": "pkc:Plan", "label": "计划", "count": 18}]


def test_ensured_targets(pages):
    """The two ensured (确保) targets are the grain area and the approval speed-up, in English words 'ensure'."""
    data = json_of(pages, "/targets.json?commitment=pkc:Commitment&lang=en")
    assert [(row["indicator"], row["value"], row["commitment_words"], row["comparator_words"]) for row in data["targets"]] == [
        ("ind:approval-speed-up", "50%", "ensure", "at least"), ("ind:grain-sown-area", "800万亩", "ensure", "at least")]


def test_indicator_filter(pages):
    """?indicator= keeps that indicator's targets: tourism revenue growth 7% → 13% 以上, +6 percentage points."""
    data = json_of(pages, "/targets.json?indicator=ind:tourism-revenue")
    assert [(row["value"], [a["value"] for a in row["actuals"]], row["unit_words"], row["comparator_words"], row["change"])
            for row in data["targets"]] == [("13%", ["7%"], "%", "以上", "+6个百分点")]
    html = html_of(pages, "/targets?indicator=ind:tourism-revenue")
    assert (len(marks(html, "rect", "target")), len(marks(html, "rect", "actual"))) == (1, 1)


def test_unknown_filter_is_refused(pages):
    """A commitment the data does not use is answered 400 with the ones it does, and no rows."""
    response = get(pages, "/targets.json?commitment=pkc:Promise")
    data = json.loads(response.body)
    assert response.status == 400 and data["count"] == 0
    assert "pkc:Aspiration、pkc:Commitment、pkc:Plan" in data["error"]


def test_targets_in_english(pages):
    """In English the commitment column says 'strive to' for the 12 力争 targets, and units and changes are spelled out."""
    data = json_of(pages, "/targets.json?lang=en")
    assert sum(1 for row in data["targets"] if row["commitment_words"] == "strive to") == 12
    rows = {row["target"]: (row["unit_words"], row["change"]) for row in data["targets"]}
    assert (rows["obs:002-grain-sown-area-2021"], rows["obs:002-agricultural-processing-output-2021"]) == \
        (("10,000 mu", "+540,000 mu"), ("100 million yuan", "−10 billion yuan"))


def test_changes(pages):
    """Each target with one 2020 actual has its change, target less actual; none where a side is a range or a word (零 → 1—2家)."""
    data = json_of(pages, "/targets.json")
    assert [(row["indicator"], row["change"]) for row in data["targets"] if row["actuals"]] == [
        ("ind:agricultural-processing-output", "−100亿元"), ("ind:air-destinations", "+10个"),
        ("ind:grain-sown-area", "+54万亩"), ("ind:national-5a-logistics-enterprises", None),
        ("ind:new-above-scale-industrial-enterprises", "−50家"), ("ind:new-agricultural-leading-enterprises", "−28家"),
        ("ind:new-high-tech-enterprises", "−60家"), ("ind:smes-on-cloud", "−2929家"),
        ("ind:tourism-revenue", "+6个百分点"), ("ind:tourist-arrivals", "+4个百分点")]


# ---------------------------------------------------------------------------------------------
# /indicator/{local}
# ---------------------------------------------------------------------------------------------

def test_gdp_observations_in_period_order(pages):
    """/indicator/gdp.json lists GDP's three figures by period end: 1—6月 1.7% actual, then 全年 4.3% and 3500亿元 estimated."""
    data = json_of(pages, "/indicator/gdp.json")
    assert (data["indicator"], data["labels"]) == ("ind:gdp", {"zh": "地区生产总值", "en": "gross domestic product"})
    assert [(row["observation"], row["period"], row["period_written"], row["value"], row["number"], row["unit"],
             row["status"], row["comparator"], row["kind"], row["rank"], row["sources"]) for row in data["observations"]] == [
        ("obs:004-gdp-growth-2020h1", "period:2020-01_2020-06", "1—6月", "1.7%", 1.7, "pkc:Percent", "pkc:Actual",
         "pkc:Exactly", "pkc:Growth", 2, ["004"]),
        ("obs:000-gdp-growth-2020", "period:2020", "全年", "4.3%", 4.3, "pkc:Percent", "pkc:Estimate", "pkc:About",
         "pkc:Growth", None, ["000"]),
        ("obs:000-gdp-2020", "period:2020", "全年", "3500亿元", 350000000000, "pkc:Yuan", "pkc:Estimate", "pkc:MoreThan",
         "pkc:Level", None, ["000"]),
    ]


def test_gdp_charts(pages):
    """GDP's growth rates (%) and its level (亿元) are two charts: one actual and one estimate on the first, one estimate on the second."""
    data = json_of(pages, "/indicator/gdp.json")
    assert [(c["kind"], c["axis"], c["periods"], c["series"], c["marks"]) for c in data["charts"]] == [
        ("pkc:Growth", "%", ["period:2020-01_2020-06", "period:2020"], ["衡阳市"], {"actual": 1, "estimate": 1}),
        ("pkc:Level", "亿元", ["period:2020"], ["衡阳市"], {"estimate": 1}),
    ]
    html = html_of(pages, "/indicator/gdp")
    svgs = SVG.findall(html)
    assert len(svgs) == 2
    assert [(len(marks(svg, "circle", "actual")), len(marks(svg, "circle", "estimate")), svg.count('class="mark target"'))
            for svg in svgs] == [(1, 1, 0), (0, 1, 0)]
    assert ">1.7%</text>" in svgs[0] and ">4.3%</text>" in svgs[0] and ">3500亿元</text>" in svgs[1]
    assert ">2020年上半年</text>" in svgs[0]


def test_target_drawn_as_diamond(pages):
    """New high-tech enterprises: 61家 (高新区, 前三季度) and 160家 (2020) as filled circles, the 2021 target 100家 as a diamond."""
    html = html_of(pages, "/indicator/new-high-tech-enterprises")
    count_chart, rank_chart = SVG.findall(html)
    assert (len(marks(count_chart, "circle", "actual")), len(marks(count_chart, "polygon", "target"))) == (2, 1)
    assert 'data-period="period:2021"' in marks(count_chart, "polygon", "target")[0]
    assert len(marks(rank_chart, "circle", "actual")) == 1


def test_one_mark_per_figure(pages):
    """Two articles stating one figure (94.9% of the city key projects, 000 and 003) give one mark, and the table keeps both rows."""
    data = json_of(pages, "/indicator/key-project-investment-completion-rate.json")
    assert len(data["observations"]) == 7
    assert [c["marks"] for c in data["charts"]] == [{"actual": 6}]
    html = html_of(pages, "/indicator/key-project-investment-completion-rate")
    assert len(marks(html, "circle", "actual")) == 6
    assert "94.9% · 实际 · 2020年 · 来源 000, 003" in html


def test_unknown_indicator(pages):
    """An unknown indicator is a 404 naming the closest indicators (ind:gpd → 地区生产总值)."""
    html = html_of(pages, "/indicator/gpd", status=404)
    assert "没有指标 ind:gpd。相近的指标：地区生产总值（ind:gdp）" in html
    response = get(pages, "/indicator/gpd.json")
    assert response.status == 404 and "ind:gdp" in json.loads(response.body)["error"]


# ---------------------------------------------------------------------------------------------
# /conflicts
# ---------------------------------------------------------------------------------------------

def test_conflict_rows_match_the_query(pages):
    """/conflicts.json has the rows of the named query conflicting-figures (tests/expected), in its order."""
    with (EXPECTED / "conflicting-figures.csv").open(encoding="utf-8") as file:
        expected = [(compact(row["indicator"]), compact(row["subject"]), compact(row["period"]), compact(row["kind"]),
                     row["value1"], row["source1"].rsplit("/", 1)[1], row["evidence1"],
                     row["value2"], row["source2"].rsplit("/", 1)[1], row["evidence2"]) for row in csv.DictReader(file)]
    data = json_of(pages, "/conflicts.json")
    assert data["count"] == 6
    assert [(row["indicator"], row["subject"], row["period"], row["kind"],
             row["first"]["value"], row["first"]["source"], row["first"]["evidence"],
             row["second"]["value"], row["second"]["source"], row["second"]["evidence"]) for row in data["conflicts"]] == expected


def test_conflict_differences(pages):
    """The difference of each disagreement, second less first, in the scale the second is written in."""
    data = json_of(pages, "/conflicts.json")
    assert [(row["indicator_label"], row["difference"]) for row in data["conflicts"]] == [
        ("船山论坛期数", "−1期"), ("完成投资", "+153.08亿元"), ("完成投资", "−153.08亿元"),
        ("市场主体", "+0.71万户"), ("科学技术支出", "+19.86个百分点"), ("对外贸易合作国家和地区", "−12个国家和地区")]


def test_conflict_bars(pages):
    """The conflicts chart has two bars per disagreement, each naming its article; the table shows both sentences."""
    html = html_of(pages, "/conflicts")
    figures = marks(html, "rect", "figure")
    assert len(figures) == 12
    assert [re.search(r'data-source="(\d+)"', tag).group(1) for tag in figures] == \
        ["001", "003", "000", "001", "001", "003", "000", "001", "001", "003", "001", "003"]
    assert "全市市场主体达37.5万户" in html and "全市市场主体达38.21万户" in html


# ---------------------------------------------------------------------------------------------
# Every chart
# ---------------------------------------------------------------------------------------------

PAGES = ["/targets", "/targets?lang=en", "/targets?commitment=pkc:Aspiration", "/indicator/gdp",
         "/indicator/gdp?lang=en", "/indicator/industrial-electricity-consumption",
         "/indicator/key-project-investment-completion-rate", "/conflicts", "/conflicts?lang=en"]


@pytest.mark.parametrize("url", PAGES)
def test_svg_is_well_formed(pages, url):
    """Every chart is well-formed XML in the SVG namespace, sized by a viewBox, and the page has no style attribute."""
    html = html_of(pages, url)
    svgs = SVG.findall(html)
    assert svgs
    for svg in svgs:
        root = ET.fromstring(svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg" and re.fullmatch(r"0 0 \d+ [\d.]+", root.get("viewBox"))
        assert root.find("{http://www.w3.org/2000/svg}title").text
    assert "style=" not in html and "<style" not in html


@pytest.mark.parametrize("url", ["/targets", "/indicator/gdp", "/conflicts"])
def test_pages_are_deterministic(pages, url):
    """The same page gives the same bytes twice, under the workbench's CSP."""
    first, second = get(pages, url), get(pages, url)
    assert first.body == second.body
    assert "script-src 'self'" in first.headers["Content-Security-Policy"]


def test_chart_escapes_text():
    """Text in a chart is escaped: a label with markup stays text and the SVG still parses."""
    svg = charts.bar_rows([charts.BarRow("<b>&", "x\"y", "亿元", (charts.Bar(1, "<1>", "target", "#fff", "#000"),))],
                          title="a<b")
    root = ET.fromstring(svg)
    texts = [element.text for element in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "<b>&" in texts and "<1>" in texts and 'x"y · 亿元' in texts
    assert svg == charts.bar_rows([charts.BarRow("<b>&", "x\"y", "亿元", (charts.Bar(1, "<1>", "target", "#fff", "#000"),))],
                                  title="a<b")


@pytest.mark.parametrize("module", [charts, plans_page], ids=["charts", "plans_page"])
def test_docstring_examples(module):
    """The examples in the modules' docstrings hold."""
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
