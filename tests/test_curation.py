"""The curated data: how much of each article it covers, and the rules of the coverage tool itself."""

import pytest

from policykg.coverage import ALLOWLIST, article_coverage, find_lists, find_names, find_numbers, read_allowlist
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
@pytest.mark.parametrize("kind", ["number", "name", "list"])
def test_article_is_covered(coverages, article, kind):
    """At least 95% of the article's numbers (candidate names, lists) are covered by the graph, and the rest is allowlisted."""
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("重点瞄准生态绿色食品、轻工纺织、汽车、生物医药等14条产业链补链强链延链",
                     ["重点瞄准生态绿色食品", "轻工纺织", "汽车", "生物医药"], id="deng-count"),
        pytest.param("推动我市军民融合、全域旅游、油茶等农副产品种植加工等8个千亿级产业集群",
                     ["推动我市军民融合", "全域旅游", "油茶等农副产品种植加工"], id="deng-inside-a-member"),
        pytest.param("实施紧缺拔尖人才集聚、青年人才培养和名家名师铸造3大人才工程",
                     ["实施紧缺拔尖人才集聚", "青年人才培养", "名家名师铸造"], id="he-last-member"),
        pytest.param("审议通过《衡阳市甲条例》《衡阳市乙条例》2部地方性法规", ["审议通过《衡阳市甲条例》", "《衡阳市乙条例》"], id="titles"),
        pytest.param("打造东阳渡、三樟、新市等一批工业重镇", [], id="a-batch-is-no-count"),
        pytest.param("28个省重点项目、11个省重大产业项目全部开工", [], id="two-counts-no-list"),
        pytest.param("衡永、白南、茶常等高速公路开工建设", [], id="no-count"),
    ],
)
def test_find_lists(text, expected):
    """A list is two or more members before 等 and a count (or 和 and a last member, or adjacent titles); 一批 is no count."""
    assert [[member for member, _ in found.members] for found in find_lists(text)] == ([expected] if expected else [])


def test_a_missing_set_shows_as_missing(tmp_path):
    """Without the set that links the 8 clusters, 003's list of them is missing, and says why."""
    from conftest import copy_tree

    root = copy_tree(tmp_path / "tree")
    claims = root / "triples" / "claims" / "003.ttl"
    text = claims.read_text(encoding="utf-8")
    start = text.index("cluster:hundred-billion-industry-clusters a pk:Collection ;")
    end = text.index("\n\n", start)
    claims.write_text(text[:start] + text[end + 2:], encoding="utf-8")
    loaded = load_tree(Tree.at(root))
    coverage = article_coverage(loaded, loaded.store(), "003")
    missing = [m for m in coverage.mentions if m.kind == "list" and m.state == "missing"]
    assert len(missing) == 1 and "8个" in missing[0].text
    assert "军民融合: not linked to the set" in missing[0].reason


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
