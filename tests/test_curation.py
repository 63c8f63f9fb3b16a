"""The curated data: how much of each article it covers, and the rules of the coverage tool itself."""

import pytest

from policykg.coverage import ALLOWLIST, article_coverage, find_names, find_numbers, read_allowlist
from policykg.load import load_tree
from policykg.tree import Tree

from conftest import ROOT, run_cli

ARTICLES = ["000", "001", "002", "003", "004"]


@pytest.fixture(scope="module")
def coverages():
    loaded = load_tree(Tree.at(ROOT))
    store = loaded.store()
    return {article: article_coverage(loaded, store, article) for article in ARTICLES}


@pytest.mark.parametrize("article", ARTICLES)
@pytest.mark.parametrize("kind", ["number", "name"])
def test_article_is_covered(coverages, article, kind):
    """At least 95% of the article's numbers (and candidate names) are covered by the graph, and the rest is allowlisted."""
    coverage = coverages[article]
    missing = [f"line {m.line}: {m.text}" for m in coverage.mentions if m.kind == kind and m.state == "missing"]
    assert not missing, f"not covered and not allowlisted in {article}: {missing}"
    assert coverage.share(kind) >= 0.95


def test_allowlist_has_no_stale_rows(coverages):
    """Every allowlisted text is still a mention that the graph does not cover (no row outlives its reason)."""
    allowlisted = {(article, kind, text) for article, rows in read_allowlist(ROOT / ALLOWLIST).items() for kind, text in rows}
    used = {(article, m.kind, m.text) for article, c in coverages.items() for m in c.mentions if m.state == "allowlisted"}
    assert allowlisted == used


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("完成投资595.92亿元、占年度任务94.9%，提高44.3个百分点", ["595.92亿元", "94.9%", "44.3个百分点"], id="units"),
        pytest.param("排全省第三，全市已引进各类人才1.2万余人", ["第三", "1.2万余人"], id="rank-and-approximate"),
        pytest.param("2020年3月13日上午，1—6月", ["2020年3月13日", "1—6月"], id="dates"),
        pytest.param("5G技术、5A级景区、第十六届大会、第一时间", [], id="name-parts-and-idioms"),
        pytest.param("新增高新技术企业100家、科技型中小企业150家", ["100家", "150家"], id="list"),
        pytest.param("\n1\n\n对所有确诊病例", [], id="layout-marker"),
    ],
)
def test_find_numbers(text, expected):
    """Numbers are found with their unit; parts of names, ordinals of batches and layout markers are not numbers."""
    assert [text[s:e] for s, e in find_numbers(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("加快白沙绿岛军民融合产业园、建滔电子信息产业园等项目建设", ["白沙绿岛军民融合产业园", "建滔电子信息产业园"], id="suffixes"),
        pytest.param("我市创新建立产业发展“链长制”，刷新了“衡阳速度”", ["链长制"], id="quoted-name-not-slogan"),
        pytest.param("《衡阳市扬尘污染防治条例》正式施行", ["衡阳市扬尘污染防治条例"], id="title"),
        pytest.param("建设省域副中心城市", [], id="suffix-inside-a-word"),
    ],
)
def test_find_names(text, expected):
    """Candidate names end in a known suffix or are quoted names or titles; slogans and word-internal suffixes are not."""
    assert [text[s:e] for s, e in find_names(text)] == expected


def test_coverage_command_lists_what_is_missing(tmp_path, capsys):
    """`policykg coverage 003 --missing` prints the shares and lists exactly what a curator still has to do."""
    from conftest import copy_tree

    root = copy_tree(tmp_path / "tree")
    claims = root / "triples" / "claims" / "003.ttl"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace("31期“船山论坛”助力衡阳企业跨越发展", "“船山论坛”助力衡阳企业跨越发展"), encoding="utf-8")
    code, out, _ = run_cli("coverage", "003", "--missing", "--root", str(root), capsys=capsys)
    assert code == 0
    assert "✗ line" in out and "number 31期" in out
    code, out, _ = run_cli("coverage", "all", "--root", str(root), capsys=capsys)
    assert code == 0 and out.count("article ") == 5
    code, _, err = run_cli("coverage", "999", "--root", str(root), capsys=capsys)
    assert code == 2 and "unknown source" in err
