"""The search (policykg.search): what it finds and in which order on the real graph, the ``policykg search``
command's formats, the served ``/search`` and ``/api/suggest``, and the entity picker in Chromium."""

import doctest
import json
import re

import pytest

from conftest import run_cli, start_server, stop_server
from web_client import get

from policykg import search as search_module
from policykg.entities import Index
from policykg.errors import UsageError
from policykg.query import load_built_graph
from policykg.search import SearchIndex, fold

WANMO_PROJECT = "project:wanmo-acoustics-smart-manufacturing"
WANMO_COMPANY = "company:wanmo-acoustics"
#: The observation whose value is written 1600亿元 (article 001).
PROCESSING_OUTPUT = "obs:001-agricultural-processing-output-2020"


@pytest.fixture(scope="module")
def graph(built_tree):
    """The built graph of the session's tree."""
    return built_tree / "dist" / "graph.nq"


@pytest.fixture(scope="module")
def index(graph) -> Index:
    """The entity index of the built graph, read once for the module."""
    return Index(list(load_built_graph(graph)))


@pytest.fixture(scope="module")
def searcher(index) -> SearchIndex:
    """The search index of the built graph, built once for the module."""
    return SearchIndex(index)


def found(searcher: SearchIndex, text: str, limit=None, cls=None) -> list[tuple]:
    """The hits for ``text`` as (prefixed name, how, what matched, via)."""
    return [(hit["curie"], hit["match"], hit["matched"], hit["via"])
            for hit in (h.as_json(rank) for rank, h in enumerate(searcher.search(text, limit, cls), 1))]


def test_the_docstring_examples_hold():
    """The examples in policykg.search's docstrings (folding, digit-bounded occurrences, marked parts) hold."""
    result = doctest.testmod(search_module)
    assert result.attempted == 4 and result.failed == 0


# ---------------------------------------------------------------------------------------------
# What is found, and in which order
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, how", [
    pytest.param("gdp", "variant", id="lower-case"),
    pytest.param("GDP", "variant", id="upper-case"),
    pytest.param("ＧＤＰ", "variant", id="full-width"),
    pytest.param("地区生产总值", "name", id="zh-label"),
    pytest.param("Gross Domestic-Product", "name", id="en-label-case-and-dash"),
])
def test_gdp_in_any_spelling_finds_the_gdp_indicator_first(searcher, text, how):
    """gdp, GDP, ＧＤＰ, 地区生产总值 and the en label in another case find ind:gdp first (GDP is a variant article 000 writes)."""
    first = searcher.search(text)[0]
    assert (first.kind, first.as_json(1)["curie"], first.cls, first.zh, first.match) == \
        ("indicator", "ind:gdp", "Indicator", "地区生产总值", how)


def test_gdp_lists_the_indicator_then_the_shares_of_gdp_then_their_numbers(searcher):
    """"gdp": the indicator by its variant GDP, the two shares-of-GDP indicators by part of their names, then
    the observations through their indicator in the same order (the GDP figures first), and nothing else."""
    assert found(searcher, "gdp") == [
        ("ind:gdp", "variant", "GDP", None),
        ("ind:high-tech-value-added-share-of-gdp", "partial", "高新技术产业增加值占GDP比重", None),
        ("ind:rd-share-of-gdp", "partial", "R&D经费投入占GDP比重", None),
        ("obs:000-gdp-2020", "variant", "GDP", "indicator"),
        ("obs:000-gdp-growth-2020", "variant", "GDP", "indicator"),
        ("obs:004-gdp-growth-2020h1", "variant", "GDP", "indicator"),
        ("obs:001-high-tech-value-added-share-of-gdp-2020", "partial", "高新技术产业增加值占GDP比重", "indicator"),
        ("obs:002-rd-share-of-gdp-2021", "partial", "R&D经费投入占GDP比重", "indicator"),
    ]


def test_the_wanmo_names_are_as_the_data_holds_them(index):
    """The project's variants are the spellings the articles use (万魔声学, 万魔声学智造群, 004's 万声声学智造群项目);
    the company's zh label is 万魔声学 and its en label 1MORE Acoustics, with 004's 万声声学 as a variant."""
    from policykg.entities import expand

    assert index.alt_labels(expand(WANMO_PROJECT)) == ["万声声学智造群项目", "万魔声学", "万魔声学智造群"]
    assert index.labels(expand(WANMO_PROJECT)) == {"zh": "万魔声学智造群项目", "en": "1MORE acoustics smart manufacturing cluster project"}
    assert index.labels(expand(WANMO_COMPANY)) == {"zh": "万魔声学", "en": "1MORE Acoustics"}
    assert index.alt_labels(expand(WANMO_COMPANY)) == ["万声声学"]


@pytest.mark.parametrize("text, expected", [
    pytest.param("万魔", [(WANMO_PROJECT, "prefix", "万魔声学智造群项目", None), (WANMO_COMPANY, "prefix", "万魔声学", None)], id="zh-prefix"),
    pytest.param("1MORE", [(WANMO_PROJECT, "prefix", "1MORE acoustics smart manufacturing cluster project", None),
                           (WANMO_COMPANY, "prefix", "1MORE Acoustics", None)], id="en-prefix"),
    pytest.param("1more acoustics", [(WANMO_COMPANY, "name", "1MORE Acoustics", None),
                                     (WANMO_PROJECT, "prefix", "1MORE acoustics smart manufacturing cluster project", None)], id="en-name-any-case"),
    pytest.param("万声声学", [(WANMO_COMPANY, "variant", "万声声学", None), (WANMO_PROJECT, "prefix", "万声声学智造群项目", None)], id="misspelt-variant"),
])
def test_wanmo_finds_the_company_and_the_project(searcher, text, expected):
    """万魔, 1MORE, "1more acoustics" and 004's 万声声学 find the project and the company first, ranked by how they match (ties: projects before companies)."""
    assert found(searcher, text)[:2] == expected


def test_exact_name_then_variant_then_observations_through_the_name_then_evidence(searcher):
    """"万魔声学": the company (its name), the project (a variant), the project's four numbers (through their
    subject's variant) and the two numbers whose sentence names 万魔声学, in that order."""
    assert found(searcher, "万魔声学") == [
        (WANMO_COMPANY, "name", "万魔声学", None),
        (WANMO_PROJECT, "variant", "万魔声学", None),
        ("obs:000-registration-to-production-time-2020-wanmo", "variant", "万魔声学", "subject"),
        ("obs:003-registration-to-production-time-2020-wanmo", "variant", "万魔声学", "subject"),
        ("obs:004-output-value-2020-06-wanmo", "variant", "万魔声学", "subject"),
        ("obs:004-registration-to-production-time-2020h1-wanmo", "variant", "万魔声学", "subject"),
        ("obs:000-key-project-investment-completion-rate-2020", "evidence", "万魔声学", None),
        ("obs:000-projects-ahead-of-schedule-2020", "evidence", "万魔声学", None),
    ]


def test_a_variant_with_quotation_marks_is_found_without_them(searcher):
    """十四五规划 finds the plan written “十四五”规划 in a variant, and only it."""
    assert found(searcher, "十四五规划") == [("plan:14th-five-year-plan", "variant", "“十四五”规划", None)]


@pytest.mark.parametrize("text", ["1600亿元", "1600", "1600亿", "１６００亿元", "1,600亿元"])
def test_a_number_as_written_finds_its_observation_with_its_sentence(searcher, text):
    """1600亿元, 1600, 1600亿, full-width and with a thousands comma find the one observation written 1600亿元, its sentence marked there."""
    hits = [hit.as_json(rank) for rank, hit in enumerate(searcher.search(text), 1)]
    assert hits == [{
        "rank": 1, "kind": "observation",
        "iri": "https://w3id.org/policykg/hengyang/observation/001-agricultural-processing-output-2020",
        "curie": PROCESSING_OUTPUT, "class": "Observation",
        "zh": "衡阳市 · 农产品加工业总产值 · 2020年", "en": "Hengyang · output of agricultural product processing · 2020",
        "match": "number", "matched": "1600亿元", "via": None,
        "value": "1600亿元", "number": 160000000000,
        "unit": {"iri": "pkc:Yuan", "zh": "元", "en": "yuan"},
        "period": {"iri": "period:2020", "zh": "2020年", "en": "2020"},
        "status": {"iri": "pkc:Actual", "zh": "实际", "en": "actual"},
        "comparator": {"iri": "pkc:MoreThan", "zh": "超过", "en": "more than"},
        "value_kind": {"iri": "pkc:Level", "zh": "总量", "en": "level"},
        "indicator": {"iri": "ind:agricultural-processing-output", "zh": "农产品加工业总产值", "en": "output of agricultural product processing"},
        "subjects": [{"iri": "area:hengyang", "zh": "衡阳市", "en": "Hengyang"}],
        "sources": ["001"],
        "evidence": ["农产品加工业总产值突破1600亿元"],
        "marks": [[11, 17]],
    }]


@pytest.mark.parametrize("text, expected", [
    pytest.param("20天", ["obs:000-registration-to-production-time-2020-wanmo", "obs:003-registration-to-production-time-2020-wanmo",
                          "obs:004-registration-to-production-time-2020h1-wanmo"], id="20-days"),
    pytest.param("200", ["obs:000-new-above-scale-industrial-enterprises-2020",
                         "obs:000-new-above-scale-industrial-enterprises-2020m1-m11"], id="200-not-2000"),
    pytest.param("2000", ["obs:004-output-value-2020-06-wanmo"], id="2000-not-200"),
    pytest.param("4.3%", ["obs:000-gdp-growth-2020"], id="percent"),
])
def test_a_number_never_matches_inside_a_longer_one(searcher, text, expected):
    """A number finds what is written with that number (20天, 200家, 2000万元, 4.3%), never a longer number that starts with it."""
    hits = found(searcher, text)
    assert [curie for curie, _, _, _ in hits] == expected
    assert {how for _, how, _, _ in hits} == {"number"}


def test_words_of_a_sentence_find_it_and_are_marked(searcher):
    """"开复工率 100%": the two numbers whose sentence holds both words, each word marked where it stands."""
    hits = [h.as_json(rank) for rank, h in enumerate(searcher.search("开复工率 100%"), 1)]
    assert [(h["curie"], h["match"], h["evidence"][0], h["marks"]) for h in hits] == [
        ("obs:001-work-resumption-rate-2020", "evidence", "率先推进复工复产，是全省第二个开复工率达100%的市州", [[15, 19], [20, 24]]),
        ("obs:004-work-resumption-rate-2020h1", "evidence", "衡阳成为全省第二个开复工率达100%的市州", [[9, 13], [14, 18]]),
    ]


def test_a_prefixed_name_finds_its_entity(searcher):
    """The prefixed name of the project finds it, and only it."""
    assert found(searcher, WANMO_PROJECT) == [(WANMO_PROJECT, "iri", WANMO_PROJECT, None)]


@pytest.mark.parametrize("text", ["xyzzy", "万魔声学xyz", "   ", "---"])
def test_unknown_text_finds_nothing(searcher, text):
    """Text that no name, number or sentence holds (or nothing but spaces and dashes) finds nothing."""
    assert searcher.search(text) == []


@pytest.mark.parametrize("cls", ["Project", "pk:Project", "项目", "project"])
def test_a_class_filter_keeps_to_that_class(searcher, cls):
    """衡阳 among projects (Project, pk:Project, 项目 or project) finds the two projects whose names hold 衡阳."""
    assert found(searcher, "衡阳", cls=cls) == [
        ("project:hengyang-yali-school", "prefix", "衡阳雅礼学校", None),
        ("project:xiang-river-hengyang-yongzhou-waterway-phase-1", "partial", "湘江衡阳至永州三级航道一期工程", None),
    ]


def test_a_class_outside_the_entities_can_be_searched(searcher):
    """gdp among indicators is the three indicators; 2020年上半年 among periods is that period."""
    assert [c for c, _, _, _ in found(searcher, "gdp", cls="pk:Indicator")] == [
        "ind:gdp", "ind:high-tech-value-added-share-of-gdp", "ind:rd-share-of-gdp"]
    assert found(searcher, "2020年上半年", cls="Period") == [("period:2020-01_2020-06", "name", "2020年上半年", None)]


def test_an_empty_text_with_a_class_lists_the_class_by_label(searcher):
    """No text and the class Goal lists the seven goals by their zh label (quotation marks ignored)."""
    assert [(h.as_json(1)["curie"], h.zh, h.match) for h in searcher.search("", None, "Goal")] == [
        ("goal:central-south-advanced-manufacturing-centre", "中南地区先进制造中心", "listed"),
        ("goal:china-leading-camellia-oil-city", "中国油茶第一强市", "listed"),
        ("goal:industry-strong-city", "产业强市", "listed"),
        ("goal:regional-centre", "区域中心", "listed"),
        ("goal:double-500", "“双500”目标", "listed"),
        ("goal:opening-up-highland", "开放高地", "listed"),
        ("goal:lead-goose", "“领头雁”目标", "listed"),
    ]
    assert searcher.search("") == []


def test_an_unknown_class_is_refused(searcher):
    """A class the data does not use is a usage error naming the classes it does."""
    with pytest.raises(UsageError, match=r"unknown class 'Foo'\n  fix: use one of AdministrativeArea, .*Indicator"):
        searcher.search("衡阳", cls="Foo")


def test_the_limit_cuts_the_ranked_list(searcher):
    """A limit keeps the best hits, in order: 衡阳 has 275 hits, limit 3 gives its first three."""
    every = found(searcher, "衡阳")
    assert len(every) == 275
    assert found(searcher, "衡阳", limit=3) == every[:3]


def test_folding_ignores_width_case_spaces_dashes_and_quotes():
    """fold: full-width to half-width, case folded, spaces, dashes, quotation marks and middle dots dropped."""
    assert fold("Ｒ＆Ｄ 经费-投入 “占” GDP·比重") == "r&d经费投入占gdp比重"


# ---------------------------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------------------------

def test_the_command_prints_json_with_every_hit_field(graph, capsys):
    """`policykg search 1600 --format json` prints the query, the counts and the one hit with every field."""
    code, out, err = run_cli("search", "1600", "--format", "json", "--graph", str(graph), capsys=capsys)
    assert (code, err) == (0, "")
    answer = json.loads(out)
    assert {k: v for k, v in answer.items() if k != "hits"} == {
        "query": "1600", "class": None, "total": 1, "counts": {"entity": 0, "indicator": 0, "observation": 1}, "limit": 20}
    assert [(h["curie"], h["value"], h["evidence"], h["marks"]) for h in answer["hits"]] == [
        (PROCESSING_OUTPUT, "1600亿元", ["农产品加工业总产值突破1600亿元"], [[11, 17]])]


def test_the_command_prints_csv_exactly(graph, capsys):
    """`policykg search 1600 --format csv`: the header and one row, terms as prefixed name and zh label."""
    code, out, err = run_cli("search", "1600", "--format", "csv", "--graph", str(graph), capsys=capsys)
    assert (code, err) == (0, "")
    assert out == (
        "rank,kind,curie,class,zh,en,match,matched,via,value,number,comparator,comparator_label,unit,unit_label,period,"
        "period_label,status,status_label,value_kind,value_kind_label,indicator,indicator_label,subjects,subjects_label,"
        "sources,evidence,marks,iri\n"
        "1,observation,obs:001-agricultural-processing-output-2020,Observation,衡阳市 · 农产品加工业总产值 · 2020年,"
        "Hengyang · output of agricultural product processing · 2020,number,1600亿元,,1600亿元,160000000000,pkc:MoreThan,超过,"
        "pkc:Yuan,元,period:2020,2020年,pkc:Actual,实际,pkc:Level,总量,ind:agricultural-processing-output,农产品加工业总产值,"
        "area:hengyang,衡阳市,001,农产品加工业总产值突破1600亿元,11-17,"
        "https://w3id.org/policykg/hengyang/observation/001-agricultural-processing-output-2020\n")


def test_the_command_prints_an_aligned_table(graph, capsys):
    """`policykg search 万魔 --limit 2`: the two entities in zh, columns aligned by display width, and how many of how many."""
    code, out, err = run_cli("search", "万魔", "--limit", "2", "--graph", str(graph), capsys=capsys)
    assert (code, err) == (0, "")
    assert out == (
        "#  kind    class    name                match                      IRI\n"
        "-  ------  -------  ------------------  -------------------------  -------------------------------------------\n"
        "1  entity  Project  万魔声学智造群项目  prefix 万魔声学智造群项目  project:wanmo-acoustics-smart-manufacturing\n"
        "2  entity  Company  万魔声学            prefix 万魔声学            company:wanmo-acoustics\n"
        "(2 of 8 hits; --limit 0 shows all)\n")


def test_the_command_lists_a_class_in_english(graph, capsys):
    """`policykg search --class pk:Strategy --lang en --limit 0` lists the eight strategies by their en labels."""
    code, out, err = run_cli("search", "--class", "pk:Strategy", "--lang", "en", "--limit", "0", "--format", "json",
                             "--graph", str(graph), capsys=capsys)
    hits = json.loads(out)["hits"]
    assert code == 0 and len(hits) == 8
    assert [h["en"] for h in hits] == sorted((h["en"] for h in hits), key=fold)


def test_the_command_notes_no_hit_on_stderr_and_exits_0(graph, capsys):
    """Nothing found: no table, one line on standard error, exit 0."""
    code, out, err = run_cli("search", "xyzzy", "--graph", str(graph), capsys=capsys)
    assert (code, out, err) == (0, "", "policykg: nothing found for 'xyzzy'\n")


@pytest.mark.parametrize("args, message", [
    pytest.param(("xyzzy", "--class", "Foo"), "policykg: unknown class 'Foo'", id="unknown-class"),
    pytest.param(("--limit", "5"), "policykg: give TEXT to look for, or --class C to list a class", id="nothing-asked"),
    pytest.param(("gdp", "--limit", "-1"), "policykg: --limit must be 0 (all) or more, not -1", id="negative-limit"),
])
def test_wrong_usage_exits_2(graph, capsys, args, message):
    """An unknown class, no text and no class, or a negative limit: exit 2 with the reason."""
    code, out, err = run_cli("search", *args, "--graph", str(graph), capsys=capsys)
    assert (code, out) == (2, "")
    assert err.startswith(message)


# ---------------------------------------------------------------------------------------------
# Served: /search, /search.json, /api/suggest
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("options, params", [
    pytest.param(("gdp",), "q=gdp", id="gdp"),
    pytest.param(("万魔声学", "--limit", "3"), "q=%E4%B8%87%E9%AD%94%E5%A3%B0%E5%AD%A6&limit=3", id="wanmo-limit-3"),
    pytest.param(("衡阳", "--class", "Project"), "q=%E8%A1%A1%E9%98%B3&cls=Project", id="class"),
])
def test_the_json_twin_answers_what_the_command_prints(pages, graph, capsys, options, params):
    """/search.json answers exactly what `policykg search --format json` prints, for the same text, class and limit."""
    code, out, _ = run_cli("search", *options, "--format", "json", "--graph", str(graph), capsys=capsys)
    answer = get(pages, "/search.json?" + params)
    assert (code, answer.status) == (0, 200)
    assert json.loads(answer.body) == json.loads(out)
    assert json.loads(answer.body)["total"] > 0


def test_the_page_shows_an_observation_with_its_tag_links_and_marked_sentence(pages):
    """/search?q=1600亿元: value, unit, period, the status tag, indicator and subject links, the article link at
    the sentence, and the sentence with 1600亿元 in <mark>."""
    text = get(pages, "/search?q=1600%E4%BA%BF%E5%85%83").text
    hits = re.findall(r'<li class="hit (\w+)">(.*?)</li>', text, re.S)
    assert [kind for kind, _ in hits] == ["observation"]
    body = hits[0][1]
    assert '<a href="/indicator/agricultural-processing-output" title="ind:agricultural-processing-output">农产品加工业总产值</a>' in body
    assert '<a href="/entity/area:hengyang" title="area:hengyang">衡阳市</a>' in body
    assert '<strong class="value">超过 1600亿元</strong>' in body
    assert '<span class="tag actual">实际</span>' in body
    assert re.search(r'<a class="src" href="/source/001\?hl=%E5%86%9C[^"]*#hl"[^>]*>001</a>', body)
    assert '<div class="evidence"><q>农产品加工业总产值突破<mark>1600亿元</mark></q></div>' in body
    assert "共 1 条：0 个实体，0 个指标，1 个数字" in text


def test_the_page_links_entities_and_indicators_in_english(pages):
    """/search?q=gdp&lang=en links the indicator to its indicator page; /search?q=万魔&lang=en the project to its entity page."""
    gdp = get(pages, "/search?q=gdp&lang=en").text
    assert '<a href="/indicator/gdp?lang=en">gross domestic product</a> <span class="muted">地区生产总值</span>' in gdp
    assert "8 hits: 0 entities, 3 indicators, 5 observations" in gdp
    wanmo = get(pages, "/search?q=%E4%B8%87%E9%AD%94&lang=en").text
    assert ('<a href="/entity/project:wanmo-acoustics-smart-manufacturing?lang=en">1MORE acoustics smart manufacturing '
            'cluster project</a> <span class="muted">万魔声学智造群项目</span>') in wanmo


def test_the_page_lists_a_class_from_the_home_page_link(pages):
    """/search?cls=pk:Goal (the home page's link for goals) lists the seven goals, the filter set to Goal."""
    text = get(pages, "/search?cls=pk%3AGoal").text
    assert len(re.findall(r'<li class="hit entity">', text)) == 7
    assert '<option value="Goal" selected>' in text


def test_the_page_says_when_nothing_is_found(pages):
    """/search?q=xyzzy says nothing was found, with no hit list."""
    text = get(pages, "/search?q=xyzzy").text
    assert "没有找到“xyzzy”。" in text and '<li class="hit' not in text


def test_the_page_refuses_an_unknown_class_and_limit(pages):
    """An unknown class or a limit that is not a number is answered 400 with the reason."""
    assert get(pages, "/search?q=x&cls=Foo").status == 400
    answer = get(pages, "/search.json?q=x&limit=abc")
    assert (answer.status, json.loads(answer.body)) == (400, {"query": "x", "class": None,
                                                            "error": "limit must be a whole number (0: all), not 'abc'"})


def test_suggest_offers_the_best_entities(pages):
    """/api/suggest?q=万魔 offers the project and the company, labelled in zh, with how each matched."""
    answer = get(pages, "/api/suggest?q=%E4%B8%87%E9%AD%94")
    assert answer.status == 200
    assert json.loads(answer.body) == [
        {"iri": "https://w3id.org/policykg/hengyang/project/wanmo-acoustics-smart-manufacturing", "curie": WANMO_PROJECT,
         "label": "万魔声学智造群项目", "class": "Project", "class_label": "项目", "match": "prefix", "matched": "万魔声学智造群项目"},
        {"iri": "https://w3id.org/policykg/hengyang/company/wanmo-acoustics", "curie": WANMO_COMPANY,
         "label": "万魔声学", "class": "Company", "class_label": "企业", "match": "prefix", "matched": "万魔声学"},
    ]


def test_suggest_keeps_to_a_class_and_to_ten(pages):
    """/api/suggest with cls=pk:Indicator offers indicators (none without it: entities only); 衡阳 offers ten, in English labels with lang=en."""
    indicators = json.loads(get(pages, "/api/suggest?q=gdp&cls=pk%3AIndicator").body)
    assert [(s["curie"], s["match"]) for s in indicators] == [
        ("ind:gdp", "variant"), ("ind:high-tech-value-added-share-of-gdp", "partial"), ("ind:rd-share-of-gdp", "partial")]
    assert json.loads(get(pages, "/api/suggest?q=gdp").body) == []
    hengyang = json.loads(get(pages, "/api/suggest?q=%E8%A1%A1%E9%98%B3&lang=en").body)
    assert len(hengyang) == 10 and hengyang[0]["label"] == "Regulations of Hengyang on the Prevention and Control of Dust Pollution"


def test_suggest_answers_nothing_for_no_text_and_400_for_an_unknown_class(pages):
    """/api/suggest without text is an empty list; with an unknown class, 400 with the reason."""
    assert json.loads(get(pages, "/api/suggest?q=").body) == []
    answer = get(pages, "/api/suggest?q=x&cls=Foo")
    assert answer.status == 400 and json.loads(answer.body)["error"].startswith("unknown class 'Foo'")


# ---------------------------------------------------------------------------------------------
# The entity picker (static/suggest.js) in Chromium
# ---------------------------------------------------------------------------------------------

@pytest.mark.server
@pytest.mark.browser
def test_the_picker_works_by_keyboard_and_sets_the_hidden_curie(browser, built_tree):
    """On /query/entity-facts, typing 万魔 offers the project first; Down, Up and Escape move and close the list,
    Enter picks: the field shows the label, the hidden input holds the CURIE, and typing again empties it."""
    process, base = start_server(built_tree, "--workers", "1")
    context = browser.new_context(locale="zh-CN")
    errors, outside = [], []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("request", lambda request: request.url.startswith(base) or outside.append(request.url))
        page.goto(base + "query/entity-facts")
        field = page.locator("input[data-suggest]")
        field.click()
        page.keyboard.type("万魔")
        page.wait_for_selector("ul.suggestions li")
        assert page.locator("ul.suggestions li").all_inner_texts()[:2] == ["万魔声学智造群项目 项目", "万魔声学 企业"]
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowUp")
        assert page.get_attribute("ul.suggestions li:first-child", "aria-selected") == "true"
        page.keyboard.press("Escape")
        assert page.locator("ul.suggestions").is_hidden()
        page.keyboard.type("声学智造")
        page.wait_for_selector("ul.suggestions li")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        assert field.input_value() == "万魔声学智造群项目"
        assert page.input_value("input[type=hidden][name=entity]") == WANMO_PROJECT
        assert page.locator("ul.suggestions").is_hidden()
        page.keyboard.type("x")
        assert page.input_value("input[type=hidden][name=entity]") == ""
        assert errors == [] and outside == []
    finally:
        context.close()
        stop_server(process)
