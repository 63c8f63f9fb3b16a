"""The review of drafts as pages of `policykg serve --drafts DIR`: /drafts and /draft/{id}, their JSON twins, and
the decisions file the page makes in the browser, which `policykg review --decisions` then applies.

The drafts are real: sentences cut from article 004, extracted as the new source 900 with 004 left out of
the gazetteer (as in test_review.py), written by policykg extract's own Turtle writer beside their report.
The pages are called in-process (tests/web_client.py); one test drives the page in headless Chromium
against a real server, downloads the decisions and applies them to a copy of the tree.
"""

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from web_client import get, page_application

from policykg.entities import Index
from policykg.extract import Gazetteer, extract
from policykg.extract.turtle import draft_turtle
from policykg.load import load_tree
from policykg.review import (
    FIELDS,
    Decision,
    TreeFacts,
    correction_text,
    decisions_text,
    effective,
    proposal_warnings,
    read_draft,
    read_report,
)
from policykg.tree import Tree

from conftest import ROOT, run_cli, start_server, stop_server

#: Sentences of article 004 as it writes them (its heading, then three cuts), the report of source 900.
REPORT = (
    "我市上半年发展成绩单很抢眼\n\n"
    "1—6月，全市地区生产总值增长1.7%，高出全省平均水平0.4个百分点，排名全省第二。\n\n"
    "新增扶贫车间359家，吸纳贫困人口3615人。\n\n"
    "比亚迪年产40万副车灯项目正式投产。\n"
)
TITLE = "我市上半年发展成绩单很抢眼"
GDP_CLAUSE = "1—6月，全市地区生产总值增长1.7%，高出全省平均水平0.4个百分点，排名全省第二"
#: A title that would be markup if it were not escaped.
HOSTILE = '<script>alert("x")</script>&'
REASON = "part of the project's name: no measure of its own"


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> Path:
    """A folder of drafts: 900 (the report's draft, beside its report), 901 (no report beside it) and 902
    (the same report under a hostile title)."""
    folder = tmp_path_factory.mktemp("drafts")
    gazetteer = Gazetteer.from_index(Index(load_tree(Tree.at(ROOT)).quads), exclude={"004"})
    for source_id, title in (("900", TITLE), ("901", TITLE), ("902", HOSTILE)):
        draft = extract(REPORT, source_id, gazetteer, title=title, date="2020-07-15")
        (folder / f"{source_id}.ttl").write_text(draft_turtle(draft), encoding="utf-8")
        if source_id != "901":
            (folder / f"{source_id}.txt").write_text(REPORT, encoding="utf-8")
    (folder / "notes.txt").write_text("not a draft\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def review_pages(built_tree, drafts):
    """The served application with --drafts, called in-process."""
    return page_application(built_tree, drafts)


def json_of(app, url: str, status: int = 200) -> dict:
    response = get(app, url)
    assert response.status == status, response.text
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.body)


def html_of(app, url: str, status: int = 200) -> str:
    response = get(app, url)
    assert response.status == status, response.text
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'; script-src 'self'; style-src 'self';")
    return response.text


def proposal_of(draft, **wanted):
    """The one proposal whose fields hold ``wanted`` (``valueAsWritten="1.7%"``, ``kind="indicator"``)."""
    found = [p for p in draft.proposals if all((p.kind if k == "kind" else p.fields.get(k)) == v for k, v in wanted.items())]
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------------------------------------------
# /drafts
# ---------------------------------------------------------------------------------------------------

def test_the_drafts_are_listed_with_their_proposals_by_kind(review_pages, drafts):
    """/drafts.json lists each ID.ttl of the folder with its proposals by kind, and says why 901 cannot be reviewed."""
    kinds = {"source": 1, "name": 1, "indicator": 1, "observation": 4, "relation": 1}
    assert json_of(review_pages, "/drafts.json") == {"folder": str(drafts), "drafts": [
        {"id": "900", "draft": f"{drafts}/900.ttl", "report": f"{drafts}/900.txt", "page": "/draft/900", "source_id": "900",
         "title": TITLE, "proposals": 8, "kinds": kinds, "error": None},
        {"id": "901", "draft": f"{drafts}/901.ttl", "report": f"{drafts}/901.txt", "page": "/draft/901", "source_id": None,
         "title": None, "proposals": 0, "kinds": dict.fromkeys(kinds, 0),
         "error": f"{drafts}/901.txt: no such report\n  fix: give the report's text file the draft was made from (--report FILE.txt)"},
        {"id": "902", "draft": f"{drafts}/902.ttl", "report": f"{drafts}/902.txt", "page": "/draft/902", "source_id": "902",
         "title": HOSTILE, "proposals": 8, "kinds": kinds, "error": None},
    ]}


def test_the_drafts_page_shows_the_counts_and_the_errors(review_pages, drafts):
    """/drafts: a row per draft with its counts; the refusal of 901 as policykg review words it; the navigation leads there."""
    html = html_of(review_pages, "/drafts")
    assert '<a href="/drafts">草稿审核</a>' in html
    assert ('<td><a href="/draft/900">900</a></td>\n    <td lang="zh">我市上半年发展成绩单很抢眼</td>\n'
            '    <td class="num">8</td><td class="num">1</td><td class="num">1</td><td class="num">1</td>\n'
            '    <td class="num">4</td><td class="num">1</td>\n') in html
    assert (f'<td colspan="7"><pre class="error small">{drafts}/901.txt: no such report\n'
            "  fix: give the report&#39;s text file the draft was made from (--report FILE.txt)</pre></td>") in html
    english = html_of(review_pages, "/drafts?lang=en")
    assert "<h1>Drafts to review</h1>" in english and '<a href="/drafts?lang=en">Drafts</a>' in english
    assert '<td><a href="/draft/900?lang=en">900</a></td>' in english


def test_without_a_drafts_folder_there_is_nothing_to_review(pages):
    """Served without --drafts, /drafts and /draft/{id} are 404 pages saying how to start the server, and no page links there."""
    assert json_of(pages, "/drafts.json?lang=en", 404) == {"error": "no folder of drafts: start policykg serve --drafts DIR "
                                                   "(DIR holds each draft ID.ttl beside its report ID.txt)"}
    html = html_of(pages, "/draft/900", 404)
    assert "没有草稿文件夹：用 policykg serve --drafts DIR 启动" in html
    assert "/drafts" not in html_of(pages, "/")


# ---------------------------------------------------------------------------------------------------
# /draft/{id}
# ---------------------------------------------------------------------------------------------------

def test_the_draft_json_twin(review_pages, drafts):
    """/draft/900.json: the draft's proposals in its order, each with its sentence, fields, inputs and warnings;
    the command to run; the first lines of the decisions file as policykg review writes them."""
    draft = read_draft(drafts / "900.ttl")
    data = json_of(review_pages, "/draft/900.json")
    assert {k: v for k, v in data.items() if k != "proposals"} == {
        "id": "900", "source_id": "900", "title": TITLE, "draft": f"{drafts}/900.ttl", "report": f"{drafts}/900.txt",
        "decisions_file": "900.decisions.tsv",
        "command": f"policykg review {drafts}/900.ttl --report {drafts}/900.txt --decisions 900.decisions.tsv",
        "decisions_header": decisions_text(draft, {}),
        "kinds": {"source": 1, "name": 1, "indicator": 1, "observation": 4, "relation": 1},
    }
    assert data["decisions_header"] == ("# policykg review: decisions on the draft 900.ttl (src:900): one proposal a line, tab-separated: "
                                        "its id, accept, reject, correct or skip, then the corrections, one field=value a column\n"
                                        "id\tdecision\tcorrections\n")
    assert [(p["id"], p["kind"]) for p in data["proposals"]] == [(p.id, p.kind) for p in draft.proposals]

    gdp = data["proposals"][[p.id for p in draft.proposals].index(proposal_of(draft, valueAsWritten="1.7%").id)]
    assert {k: gdp[k] for k in ("kind", "class", "match", "confidence", "rule", "evidence", "sentence", "warnings")} == {
        "kind": "observation", "class": "Observation", "match": None, "confidence": "0.8", "rule": "rule:number",
        "evidence": "全市地区生产总值增长1.7%，高出全省平均水平0.4个百分点",  # the comparison's clause too
        "sentence": {"line": 3, "before": "1—6月，", "marked": [{"text": "全市地区生产总值增长", "item": False}, {"text": "1.7%", "item": True},
                                                               {"text": "，高出全省平均水平0.4个百分点", "item": False}],
                     "after": "，排名全省第二。"},
        "warnings": [],
    }
    narrowed = replace(proposal_of(draft, valueAsWritten="1.7%"), evidence=["全市地区生产总值增长1.7%"])
    assert proposal_warnings(narrowed) == [("the comparison's '0.4个百分点' is not in the evidence (the check value-follows-from-evidence "
                                            "refuses it): correct evidence= to a fragment holding it, or comparison=none")]

    def shown(field):
        return (field["name"], field["text"], field["term"] and (field["term"]["iri"], field["term"]["zh"], field["term"]["state"]))
    assert [shown(f) for f in gdp["fields"]] == [
        ("class", None, ("pk:Observation", "观测值", "graph")),
        ("indicator", None, ("ind:gdp", "地区生产总值", "graph")),
        ("subject", None, ("area:hengyang", "衡阳市", "graph")),
        ("period", None, ("period:2020-01_2020-06", "2020年上半年", "graph")),
        ("kind", None, ("pkc:Growth", "增速", "graph")),
        ("status", None, ("pkc:Actual", "实际", "graph")),
        ("comparator", None, ("pkc:Exactly", "等于", "graph")),
        ("valueAsWritten", "1.7%", None),
        ("value", "1.7", None),
        ("unit", None, ("pkc:Percent", "%", "graph")),
        ("rank", "2", None),
        ("rankScope", None, ("area:hunan", "湖南省", "graph")),
        ("comparison", "0.4个百分点 → 0.4 PercentagePoint", ("area:hunan", "湖南省", "graph")),
    ]
    assert gdp["fields"][1]["term"]["page"] == "/indicator/gdp"
    assert {f["name"]: f["value"] for f in gdp["inputs"] if not f["more"]} == {
        "class": "Observation", "indicator": "ind:gdp", "indicator_label": "", "indicator_en": "", "subject": "area:hengyang",
        "period": "period:2020-01_2020-06", "kind": "Growth", "status": "Actual", "comparator": "Exactly", "valueAsWritten": "1.7%",
        "value": "1.7", "unit": "Percent", "evidence": "全市地区生产总值增长1.7%，高出全省平均水平0.4个百分点"}
    assert {f["name"]: f["value"] for f in gdp["inputs"] if f["more"] and f["value"]} == {"rank": "2", "rankScope": "area:hunan"}

    # the new indicator the draft mints is shown by the name the draft gives it
    workshops = data["proposals"][[p.id for p in draft.proposals].index(proposal_of(draft, valueAsWritten="359家").id)]
    assert [shown(f) for f in workshops["fields"] if f["name"] == "indicator"] == [("indicator", None, ("ind:draft-900-i001", "新增扶贫车间", "draft"))]
    name = data["proposals"][1]
    assert (name["kind"], name["match"], name["class"], [shown(f) for f in name["fields"]]) == ("name", "exact", "Project", [
        ("written", "比亚迪年产40万副车灯项目", None),
        ("entity", None, ("project:byd-car-lamps", "比亚迪年产40万副车灯项目", "graph")),
        ("class", None, ("pk:Project", "项目", "graph")),
        ("match", "exact", None),
    ])
    assert name["sentence"] == {"line": 7, "before": "", "marked": [{"text": "比亚迪年产40万副车灯项目", "item": True}, {"text": "正式投产", "item": False}],
                                "after": "。"}
    source = data["proposals"][0]
    assert (source["sentence"], source["warnings"]) == (None, ["the article's entry needs en= (its English label), which no draft gives"])


def test_the_draft_page_shows_each_proposal_beside_its_sentence(review_pages, drafts):
    """/draft/900: a section per proposal with its sentence, the evidence in <mark> and the value in it in <strong>;
    the decision radios and the inputs filled with what the draft proposes; the command; only /static/ scripts."""
    draft = read_draft(drafts / "900.ttl")
    html = html_of(review_pages, "/draft/900")
    assert re.findall(r'<section class="proposal" id="p-(\d+)" data-id="([^"]+)"', html) == [
        (str(n), p.id) for n, p in enumerate(draft.proposals, start=1)]
    gdp = draft.proposals.index(proposal_of(draft, valueAsWritten="1.7%")) + 1
    assert ('<p class="sentence" lang="zh"><span class="line">报道第 3 行</span>1—6月，<mark>全市地区生产总值增长<strong>1.7%</strong>'
            "，高出全省平均水平0.4个百分点</mark>，排名全省第二。</p>") in html
    assert ('<dt title="indicator">指标</dt><dd><a href="/indicator/gdp">地区生产总值</a> <code class="curie">ind:gdp</code></dd>') in html
    assert ('<dt title="comparison">比较</dt><dd><span lang="zh">0.4个百分点 → 0.4 PercentagePoint</span> 对比 '
            '<a href="/entity/area:hunan">湖南省</a> <code class="curie">area:hunan</code></dd>') in html
    assert '<dt title="match">匹配</dt><dd>与图中名称一致</dd>' in html
    assert ('<span class="small muted">置信度 0.8 · 规则 <code>rule:number</code> · 草稿第 '
            f'{proposal_of(draft, valueAsWritten="1.7%").line} 行</span>') in html
    assert (f'<label class="correct"><input type="radio" name="d-{gdp}" value="correct"> 更正</label>') in html
    assert (f'<input type="text" id="f-{gdp}-evidence" data-field="evidence" value="全市地区生产总值增长1.7%，高出全省平均水平0.4个百分点" '
            'title="the verbatim fragment of the report that states it"></div>') in html
    assert (f'<input type="text" id="f-{gdp}-indicator_en" data-field="indicator_en" value="" title="its English label" '
            'placeholder="its English label"></div>') in html
    assert html.count('<div class="corrections" hidden>') == html.count('<div class="reason" hidden>') == 8
    assert ('<pre id="review-command"><code>'
            f"policykg review {drafts}/900.ttl --report {drafts}/900.txt --decisions 900.decisions.tsv</code></pre>") in html
    assert ('data-file="900.decisions.tsv" data-header="# policykg review: decisions on the draft 900.ttl (src:900): one proposal a line, '
            "tab-separated: its id, accept, reject, correct or skip, then the corrections, one field=value a column\nid\tdecision\tcorrections\n\"") in html
    assert '<button type="button" id="review-download">下载决定文件 <code>900.decisions.tsv</code></button>' in html
    # no inline script or style: the CSP allows neither
    assert re.findall(r"<script\b[^>]*>", html) == ['<script src="/static/review.js">']
    assert " style=" not in html and "<style" not in html and not re.search(r"<[a-z]+[^>]*\son[a-z]+=", html)

    english = html_of(review_pages, "/draft/900?lang=en")
    assert "<h1>Review of draft 900 · <span lang=\"zh\">我市上半年发展成绩单很抢眼</span></h1>" in english
    assert '<span class="line">report line 3</span>' in english
    assert f'<label class="correct"><input type="radio" name="d-{gdp}" value="correct"> correct</label>' in english
    assert 'data-msg-count="{n} of {total} decided"' in english


def test_everything_the_draft_says_is_escaped(review_pages):
    """A title that is markup is shown as text, on the list and on the draft's page, and in its JSON as written."""
    escaped = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;"
    for url in ("/drafts", "/draft/902"):
        html = html_of(review_pages, url)
        assert escaped in html and '<script>alert' not in html
    assert json_of(review_pages, "/draft/902.json")["title"] == HOSTILE


def test_a_missing_or_refused_draft(review_pages, drafts):
    """No such draft: 404; a draft without its report: 422 with policykg review's words; a path with dots is no draft id."""
    assert json_of(review_pages, "/draft/903.json?lang=en", 404) == {"error": f"no draft 903.ttl in {drafts}"}
    assert json_of(review_pages, "/draft/notes.json?lang=en", 404) == {"error": f"no draft notes.ttl in {drafts}"}
    assert json_of(review_pages, "/draft/901.json", 422) == {
        "id": "901", "error": f"{drafts}/901.txt: no such report\n  fix: give the report's text file the draft was made from (--report FILE.txt)"}
    html = html_of(review_pages, "/draft/901", 422)
    assert "<h1>无法审核草稿 901</h1>" in html
    assert get(review_pages, "/draft/..%2F900").status == 404
    assert get(review_pages, "/draft/900.ttl").status == 404


def test_the_script_is_served(review_pages):
    response = get(review_pages, "/static/review.js")
    assert (response.status, response.headers["Content-Type"]) == (200, "text/javascript; charset=utf-8")
    assert b"new Blob(" in response.body and b"fetch(" not in response.body and b"XMLHttpRequest" not in response.body


def test_the_inputs_hold_what_the_draft_proposes(drafts):
    """Each input is filled with correction_text: given back as a correction it changes nothing, so an input the
    curator leaves alone is rightly left out of the decisions file."""
    draft = read_draft(drafts / "900.ttl")
    report = read_report(drafts / "900.txt", draft)
    facts = TreeFacts.of(Tree.at(ROOT))
    as_is = {("name", "label"): "text", ("name", "iri"): "about", ("indicator", "iri"): "about"}
    checked = []
    for proposal in draft.proposals:
        before = effective(proposal, None, facts, report)
        for name in FIELDS[proposal.kind]:
            text = correction_text(proposal, name)
            if not text:
                continue
            after = effective(proposal, Decision(proposal.id, "correct", {name: text}), facts, report)
            assert after[name] == before.get(as_is.get((proposal.kind, name), name)), (proposal.id, name, text)
            checked.append(f"{proposal.kind}:{name}")
    observation = ("class", "comparator", "evidence", "indicator", "kind", "period", "status", "subject", "unit", "value", "valueAsWritten")
    assert sorted(checked) == sorted(["source:title", "source:date", "name:iri", "name:label", "name:class", "name:evidence", "indicator:label",
                                      *(f"observation:{name}" for name in observation for _ in range(4)),
                                      "observation:rank", "observation:rankScope",
                                      "relation:subject", "relation:predicate", "relation:object", "relation:evidence"])


# ---------------------------------------------------------------------------------------------------
# In the browser: decide, download, apply
# ---------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def review_server(built_tree, drafts):
    """`policykg serve --drafts` over the session's built tree, one worker, for this module."""
    process, base = start_server(built_tree, "--workers", "1", "--drafts", str(drafts))
    yield base.rstrip("/")
    stop_server(process)


@pytest.mark.server
@pytest.mark.browser
def test_a_curator_decides_in_the_browser_and_the_review_applies_the_download(browser, review_server, drafts, tree, tmp_path, capsys):
    """On /draft/900 in Chromium: accept the project's name and its developer, reject the new indicator and 40万副 (with a reason),
    correct the article's entry (en, slug), the GDP growth's evidence and two indicators. The download is the decisions
    file, exactly; `policykg review --decisions` applies it to a copy of the tree: exit 0, the article's three files
    written. Correct without a change cannot be downloaded. No console error, no request leaving the server."""
    draft = read_draft(drafts / "900.ttl")
    ids = {"source": draft.source.id, "name": proposal_of(draft, kind="name").id, "indicator": proposal_of(draft, kind="indicator").id,
           "gdp": proposal_of(draft, valueAsWritten="1.7%").id, "workshops": proposal_of(draft, valueAsWritten="359家").id,
           "absorbed": proposal_of(draft, valueAsWritten="3615人").id, "lamps": proposal_of(draft, valueAsWritten="40万副").id,
           "developer": proposal_of(draft, kind="relation").id}
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors, requests = [], []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(review_server + "/draft/900")

    def section(key: str) -> str:
        return f'section[data-id="{ids[key]}"]'

    def decide(key: str, decision: str) -> None:
        page.check(f"{section(key)} .decision input[value={decision}]")

    def fill(key: str, name: str, value: str) -> None:
        page.fill(f'{section(key)} input[data-field="{name}"]', value)

    assert page.inner_text("#review-count") == "已决定 0 / 8"
    assert page.locator(f"{section('gdp')} .corrections").is_hidden()
    decide("gdp", "correct")  # correct, nothing changed yet: no download
    assert page.locator(f"{section('gdp')} .corrections").is_visible()
    assert page.is_disabled("#review-download")
    assert page.inner_text("#review-problem") == f"「更正」需要至少改动一个字段：{ids['gdp']}"
    fill("gdp", "evidence", GDP_CLAUSE)
    assert page.is_enabled("#review-download") and page.locator("#review-problem").is_hidden()
    decide("source", "correct")
    fill("source", "en", "Hengyang's first-half report card (excerpt)")
    fill("source", "slug", "first-half-excerpt")
    decide("name", "accept")
    decide("indicator", "reject")
    decide("workshops", "correct")
    fill("workshops", "indicator", "ind:new-poverty-workshops")
    decide("absorbed", "correct")
    fill("absorbed", "indicator", "ind:poor-people-absorbed")
    decide("lamps", "reject")
    assert page.locator(f"{section('lamps')} .reason").is_visible()
    page.fill(f"{section('lamps')} input[data-reason]", REASON)
    decide("developer", "accept")
    assert page.inner_text("#review-count") == "已决定 8 / 8"
    assert page.get_attribute(section("lamps"), "data-decision") == "reject"

    with page.expect_download() as started:
        page.click("#review-download")
    download = started.value
    assert download.suggested_filename == "900.decisions.tsv"
    saved = tmp_path / "900.decisions.tsv"
    download.save_as(saved)
    text = saved.read_text(encoding="utf-8")

    decisions = {
        ids["source"]: Decision(ids["source"], "correct", {"en": "Hengyang's first-half report card (excerpt)", "slug": "first-half-excerpt"}),
        ids["name"]: Decision(ids["name"], "accept"),
        ids["gdp"]: Decision(ids["gdp"], "correct", {"evidence": GDP_CLAUSE}),
        ids["indicator"]: Decision(ids["indicator"], "reject"),
        ids["workshops"]: Decision(ids["workshops"], "correct", {"indicator": "ind:new-poverty-workshops"}),
        ids["absorbed"]: Decision(ids["absorbed"], "correct", {"indicator": "ind:poor-people-absorbed"}),
        ids["lamps"]: Decision(ids["lamps"], "reject", {"reason": REASON}),
        ids["developer"]: Decision(ids["developer"], "accept"),
    }
    assert text == decisions_text(draft, decisions)
    assert text.split("\n")[1:] == [
        "id\tdecision\tcorrections",
        f"{ids['source']}\tcorrect\ten=Hengyang's first-half report card (excerpt)\tslug=first-half-excerpt",
        f"{ids['name']}\taccept",
        f"{ids['gdp']}\tcorrect\tevidence={GDP_CLAUSE}",
        f"{ids['indicator']}\treject",
        f"{ids['workshops']}\tcorrect\tindicator=ind:new-poverty-workshops",
        f"{ids['absorbed']}\tcorrect\tindicator=ind:poor-people-absorbed",
        f"{ids['lamps']}\treject\treason={REASON}",
        f"{ids['developer']}\taccept",
        "",
    ]
    assert page.text_content("#review-tsv") == text  # the preview, in its closed <details>
    assert errors == [], errors
    assert [url for url in requests if not url.startswith(review_server + "/")] == []
    context.close()

    code, out, err = run_cli("review", str(drafts / "900.ttl"), "--report", str(drafts / "900.txt"), "--decisions", str(saved),
                             "--root", str(tree), capsys=capsys)
    assert code == 0, out + err
    assert out.startswith("applying the review of src:900: 2 accepted, 4 corrected, 2 rejected, 0 left out; 4 files\n")
    assert out.endswith("wrote sources/900-first-half-excerpt.txt, triples/claims/900.ttl, triples/sources.ttl\n")
    assert "0 error(s), 0 warning(s)" in out and "numbers  100.0% covered" in out
    assert (tree / "sources" / "900-first-half-excerpt.txt").read_text(encoding="utf-8") == REPORT
    claims = (tree / "triples" / "claims" / "900.ttl").read_text(encoding="utf-8")
    assert "obs:900-gdp-growth-2020h1 a pk:Observation ;\n    pk:indicator ind:gdp ;\n" in claims
    assert f'    pk:evidence "{GDP_CLAUSE}"@zh .\n' in claims
    assert ('project:byd-car-lamps a pk:Project ;\n    pk:developedBy company:byd ;\n'
            '    pk:evidence "比亚迪年产40万副车灯项目正式投产"@zh .\n') in claims


def test_serve_says_what_drafts_takes_and_refuses_a_missing_folder(built_tree, tmp_path, capsys):
    """`policykg serve --help` tells what DIR holds; a --drafts folder that is not there is a usage error (exit 2) with the fix."""
    code, out, _ = run_cli("serve", "--help", capsys=capsys)
    assert code == 0 and "--drafts DIR" in out
    assert "DIR holds each draft of policykg extract as ID.ttl beside its report ID.txt" in " ".join(out.split())
    code, _, err = run_cli("serve", "--root", str(built_tree), "--drafts", str(tmp_path / "none"), capsys=capsys)
    assert code == 2
    assert err == (f"policykg: --drafts {tmp_path / 'none'}: no such folder\n"
                   "  fix: give the folder that holds the drafts (ID.ttl beside its report ID.txt)\n")
