"""policykg review: a draft of policykg extract, decided by a curator, becomes curated Turtle in the tree.

A small real report (sentences cut from article 004, given the new source id 900) is extracted with 004
left out of the gazetteer, decided by a decisions file (accepted, corrected, rejected), and applied to a
copy of the tree: the tree then builds and validates clean, and the reviewed observations state what the
curators of 004 stated for the same sentences, in the named graph of the new article. A failing check
puts every file back. The terminal session is driven through standard input (and once through a
pseudo-terminal), on a hand-written draft so that its keystrokes do not depend on the extraction rules.
"""

import io
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from policykg.build import build
from policykg.cli import main
from policykg.errors import DataError
from policykg.entities import Index
from policykg.extract import Gazetteer, extract
from policykg.extract.periods import describe_period
from policykg.extract.turtle import draft_turtle
from policykg.load import load_tree
from policykg.namespaces import PREFIXES
from policykg.review import (
    Decision,
    ReviewDraft,
    TreeFacts,
    decisions_text,
    period_slug,
    plan_review,
    read_decisions,
    read_draft,
    read_report,
    slugify,
)
from policykg.tree import Tree

from conftest import ROOT, run_script

#: Sentences of article 004 as it writes them (its heading, then three cuts), the report of source 900.
REPORT = (
    "我市上半年发展成绩单很抢眼\n\n"
    "1—6月，全市地区生产总值增长1.7%，高出全省平均水平0.4个百分点，排名全省第二。\n\n"
    "新增扶贫车间359家，吸纳贫困人口3615人。\n\n"
    "比亚迪年产40万副车灯项目正式投产。\n"
)
GDP_CLAUSE = "1—6月，全市地区生产总值增长1.7%，高出全省平均水平0.4个百分点，排名全省第二"
PK = PREFIXES["pk"]
SRC = PREFIXES["src"]
OBS = PREFIXES["obs"]
#: The observations 004 states for the report's sentences, and the IRIs the review gives them in 900.
SAME_AS_004 = {"gdp-growth-2020h1", "new-poverty-workshops-2020h1", "poor-people-absorbed-2020h1"}


def policykg(*argv: str) -> int:
    """``policykg review …`` run in-process by the command line, with its exit code."""
    return main(list(argv))


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    """The graph's names without what only article 004 states: the report is new to it."""
    return Gazetteer.from_index(Index(load_tree(Tree.at(ROOT)).quads), exclude={"004"})


@pytest.fixture
def drafted(tmp_path: Path, gazetteer: Gazetteer) -> tuple[Path, Path]:
    """The report (source 900) and the draft policykg extract makes of it."""
    report = tmp_path / "report-900.txt"
    report.write_text(REPORT, encoding="utf-8")
    draft = tmp_path / "draft-900.ttl"
    draft.write_text(draft_turtle(extract(REPORT, "900", gazetteer, title="我市上半年发展成绩单很抢眼", date="2020-07-15")), encoding="utf-8")
    return report, draft


def decide(draft: ReviewDraft, gdp_value: str | None = None) -> str:
    """The decisions a curator takes on the draft of the report, chosen by what each proposal says.

    The article's entry gets its English label, file words and address; the GDP growth is corrected to
    the clause that holds its comparison and rank (and, with ``gdp_value``, to a wrong value); the two
    counts to the indicators of the graph; names the graph knows are accepted; the draft's new
    indicators are rejected, and so is 40万副, a part of the project's name, with a reason.
    """
    lines = []
    for proposal in draft.proposals:
        fields = proposal.fields
        if proposal.kind == "source":
            line = [proposal.id, "correct", "en=Hengyang's first-half report card (excerpt)", "slug=first-half-excerpt",
                    "url=https://example.org/hengyang/900"]
        elif proposal.kind == "observation" and fields["valueAsWritten"] == "1.7%":
            line = [proposal.id, "correct", f"evidence={GDP_CLAUSE}", "rank=2", "rankScope=area:hunan"]
            line += [f"value={gdp_value}"] if gdp_value else []
        elif proposal.kind == "observation" and fields["valueAsWritten"] == "359家":
            line = [proposal.id, "correct", "indicator=ind:new-poverty-workshops"]
        elif proposal.kind == "observation" and fields["valueAsWritten"] == "3615人":
            line = [proposal.id, "c", "indicator=ind:poor-people-absorbed"]
        elif proposal.kind == "observation" and fields["valueAsWritten"] in ("40万副", "第二"):
            line = [proposal.id, "reject", "reason=part of the project's name, or the rank of the growth: no measure of its own"]
        elif proposal.kind == "name" and fields["match"] in ("exact", "variant"):
            line = [proposal.id, "accept"]
        else:
            line = [proposal.id, "r"]
        lines.append("\t".join(line))
    return "id\tdecision\tcorrections\n" + "\n".join(lines) + "\n"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of a tree, by its path, with its bytes."""
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def described(store: ox.Store, iri: str, graph: str) -> set:
    """What a node states in a graph, blank nodes (comparisons) replaced by what they state."""
    def facts(node, depth=0) -> frozenset:
        found = set()
        for quad in store.quads_for_pattern(node, None, None, ox.NamedNode(graph)):
            value = facts(quad.object, depth + 1) if isinstance(quad.object, ox.BlankNode) and depth < 3 else quad.object
            found.add((quad.predicate.value, value))
        return frozenset(found)
    return set(facts(ox.NamedNode(iri)))


# ---------------------------------------------------------------------------------------------------
# The whole review: extract, decide, apply, build
# ---------------------------------------------------------------------------------------------------

def test_reviewed_claims_enter_the_tree_and_validate(tree: Path, drafted, tmp_path, capsys):
    report, draft_path = drafted
    draft = read_draft(draft_path)
    assert draft.source_id == "900" and draft.proposals[0].id == "claim:draft-900"
    decisions = tmp_path / "decisions.tsv"
    decisions.write_text(decide(draft), encoding="utf-8")
    allowlist_before = (tree / "triples" / "coverage-allowlist.tsv").read_bytes()
    before = snapshot(tree)

    code = policykg("review", str(draft_path), "--report", str(report), "--decisions", str(decisions), "--root", str(tree))
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "0 error(s), 0 warning(s)" in out and "numbers  100.0% covered" in out

    # the files: the article's text as received, its entry, its claims; nothing else changed
    after = snapshot(tree)
    changed = {path for path in after if before.get(path) != after[path]}
    assert changed == {"sources/900-first-half-excerpt.txt", "triples/sources.ttl", "triples/claims/900.ttl"}
    assert after["sources/900-first-half-excerpt.txt"] == REPORT.encode("utf-8")
    assert after["triples/sources.ttl"].startswith(before["triples/sources.ttl"])
    assert after["triples/coverage-allowlist.tsv"] == allowlist_before  # the row for 40万副 was dropped: its label covers it

    # the tree builds (every check passes) and the new claims are in the named graph of the new article
    result = build(Tree.at(tree), tmp_path / "out")
    assert all(check.passed for check in result.report.checks)
    loaded = load_tree(Tree.at(tree))
    store = loaded.store()
    graph_of = {record.path.name: record.graph for record in loaded.files}
    assert graph_of["900.ttl"] == ox.NamedNode(SRC + "900")
    rdf_type = ox.NamedNode(PREFIXES["rdf"] + "type")
    observations = {quad.subject.value for kind in ("Observation", "Target")
                    for quad in store.quads_for_pattern(None, rdf_type, ox.NamedNode(PK + kind), ox.NamedNode(SRC + "900"))}
    assert observations == {OBS + "900-" + name for name in SAME_AS_004}
    # … stating what the curators of 004 stated for the same sentences (but the keyword section 900 has not)
    for name in SAME_AS_004:
        expected = {(p, o) for p, o in described(store, OBS + "004-" + name, SRC + "004") if p != PK + "reportedUnder"}
        expected = {(p, ox.NamedNode(SRC + "900") if o == ox.NamedNode(SRC + "004") else o) for p, o in expected}
        assert described(store, OBS + "900-" + name, SRC + "900") == expected, name

    # every evidence of the new graph is verbatim in the new article; the rejected number is nowhere
    text = (tree / "sources" / "900-first-half-excerpt.txt").read_text(encoding="utf-8")
    evidence = [quad.object.value for quad in store.quads_for_pattern(None, ox.NamedNode(PK + "evidence"), None, ox.NamedNode(SRC + "900"))]
    assert evidence and all(e in text for e in evidence)
    assert GDP_CLAUSE in evidence
    assert not list(store.quads_for_pattern(None, None, ox.Literal("40万副"), ox.NamedNode(SRC + "900")))
    assert not list(store.quads_for_pattern(None, rdf_type, ox.NamedNode(PK + "Draft"), None))
    assert not [q for q in store if "/draft-900-" in str(q.subject) + str(q.object)]

    # the article's entry, as the other five are recorded
    entry = {(q.predicate.value, q.object) for q in store.quads_for_pattern(ox.NamedNode(SRC + "900"), None, None, ox.DefaultGraph())}
    assert entry == {
        (PREFIXES["rdf"] + "type", ox.NamedNode(PK + "SourceArticle")),
        (PREFIXES["rdfs"] + "label", ox.Literal("我市上半年发展成绩单很抢眼", language="zh")),
        (PREFIXES["rdfs"] + "label", ox.Literal("Hengyang's first-half report card (excerpt)", language="en")),
        (PREFIXES["dcterms"] + "title", ox.Literal("我市上半年发展成绩单很抢眼", language="zh")),
        (PREFIXES["dcterms"] + "date", ox.Literal("2020-07-15", datatype=ox.NamedNode(PREFIXES["xsd"] + "date"))),
        (PREFIXES["dcterms"] + "source", ox.NamedNode("https://example.org/hengyang/900")),
        (PREFIXES["dcterms"] + "language", ox.Literal("zh")),
        (PK + "sourceFile", ox.Literal("sources/900-first-half-excerpt.txt")),
    }

    # the claims file reads as CURATING.md asks: header, the prefix block, one block per subject
    claims = (tree / "triples" / "claims" / "900.ttl").read_text(encoding="utf-8")
    assert claims.startswith("# policykg claims of article 900: 我市上半年发展成绩单很抢眼.\n")
    assert "@prefix obs:      <https://w3id.org/policykg/hengyang/observation/> .\n" in claims
    assert "obs:900-gdp-growth-2020h1 a pk:Observation ;\n    pk:indicator ind:gdp ;\n" in claims
    assert f'    pk:evidence "{GDP_CLAUSE}"@zh .\n' in claims

    # applying again is refused: the article is in the tree now
    code = policykg("review", str(draft_path), "--report", str(report), "--decisions", str(decisions), "--root", str(tree))
    assert code == 2 and "src:900 is already in the tree" in capsys.readouterr().err


def test_a_failing_check_puts_every_file_back(tree: Path, drafted, tmp_path, capsys):
    report, draft_path = drafted
    decisions = tmp_path / "decisions.tsv"
    decisions.write_text(decide(read_draft(draft_path), gdp_value="1.8"), encoding="utf-8")
    before = snapshot(tree)
    code = policykg("review", str(draft_path), "--report", str(report), "--decisions", str(decisions), "--root", str(tree))
    out, err = capsys.readouterr()
    assert code == 1
    assert "ERROR value-follows-from-evidence" in out and "'1.7%' normalizes to 1.7" in out
    assert "every file is back as it was before the apply" in err
    assert snapshot(tree) == before  # byte for byte, and no temporary file left anywhere


def test_new_entities_variants_and_relations(tree: Path, tmp_path, capsys, gazetteer):
    """Names the draft proposes as new: two are existing entities (their spellings variants), one a new entity
    whose proposal held words around its name; the list's members are linked to the set."""
    text = ("实施人才引进“万雁入衡”计划，创新运用“U+模式”，引进国内顶尖AI机器人何弢团队、依图医疗倪浩团队，落地AI机器人产业园。\n\n"
            "《衡阳市扬尘污染防治条例》《衡阳市违法建设防控和查处条例》《衡阳市农村村民住房建设管理条例》等3部地方性法规加快制定。\n")
    report = tmp_path / "report-901.txt"
    report.write_text(text, encoding="utf-8")
    draft_path = tmp_path / "draft-901.ttl"
    draft_path.write_text(draft_turtle(extract(text, "901", gazetteer, date="2020-07-15")), encoding="utf-8")
    draft = read_draft(draft_path)
    by_text = {p.fields["text"]: p for p in draft.proposals if p.kind == "name"}
    chosen = {
        "U+模式": ["correct", "iri=plan:up-mode"],
        "落地AI机器人产业园": ["correct", "iri=park:ai-robot-park", "class=Park", "label=AI机器人产业园", "en=AI robot industrial park"],
        "“万雁入衡”计划": ["correct", "iri=plan:ten-thousand-geese-to-hengyang"],
    }
    assert set(chosen) <= set(by_text), sorted(by_text)
    lines = [f"{draft.source.id}\tcorrect\ttitle=人才引进与依法治市\ten=Talent and the rule of law (excerpt)"]
    for proposal in draft.proposals[1:]:
        decision = chosen.get(proposal.fields.get("text"), ["accept" if proposal.kind != "name" or proposal.fields["match"] != "new" else "reject"])
        lines.append("\t".join([proposal.id, *decision]))
    decisions = tmp_path / "decisions.tsv"
    decisions.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = policykg("review", str(draft_path), "--report", str(report), "--decisions", str(decisions), "--root", str(tree))
    out, err = capsys.readouterr()
    assert code == 0, out + err

    claims = (tree / "triples" / "claims" / "901.ttl").read_text(encoding="utf-8")
    assert 'plan:up-mode a pk:Plan ;\n    skos:altLabel "U+模式"@zh ;\n    pk:evidence "实施人才引进' in claims
    assert 'plan:ten-thousand-geese-to-hengyang a pk:Plan ;\n    skos:altLabel "“万雁入衡”计划"@zh ;' in claims  # as written
    assert "park:ai-robot-park a pk:Park ;\n    pk:evidence " in claims  # the text held more than the name: no variant
    assert "team:he-tao-team" not in claims  # an exact name adds nothing
    assert ("policy:local-regulations-2020 a pk:Collection ;\n    pk:hasMember policy:dust-pollution-prevention-regulations , "
            "policy:illegal-construction-regulations , policy:rural-housing-construction-regulations ;") in claims
    places = (tree / "triples" / "reference" / "places.ttl").read_text(encoding="utf-8")
    assert places.endswith('park:ai-robot-park a pk:Park ;\n    rdfs:label "AI机器人产业园"@zh , "AI robot industrial park"@en .\n')
    sources = (tree / "triples" / "sources.ttl").read_text(encoding="utf-8")
    assert ('src:901 a pk:SourceArticle ;\n    rdfs:label "人才引进与依法治市"@zh ,\n        "Talent and the rule of law (excerpt)"@en ;\n'
            "    pk:labelBasis pkc:CuratorsWording ;\n") in sources  # a title no article writes says it is ours
    assert "lists    100.0% covered  (1 of 1" in out


# ---------------------------------------------------------------------------------------------------
# The terminal session, on a hand-written draft (its proposals do not move with the extraction rules)
# ---------------------------------------------------------------------------------------------------

SMALL_REPORT = "所有建档立卡贫困户基本达到脱贫条件\n\n新增扶贫车间359家，吸纳贫困人口3615人。\n"
PREFIX_BLOCK = "\n".join(f"@prefix {name + ':':<9} <{iri}> ." for name, iri in PREFIXES.items() if name not in ("org", "foaf", "sh"))
SMALL_DRAFT = f"""# Draft claims of the report 950.

{PREFIX_BLOCK}

claim:draft-950 a pk:Draft ;
    pk:proposedClass pk:SourceArticle ;
    dcterms:title "脱贫攻坚成绩单"@zh ;
    dcterms:date "2020-07-15"^^xsd:date ;
    pk:proposedBy "policykg extract" ;
    prov:wasDerivedFrom src:950 .

claim:draft-950-name-001 a pk:Draft ;
    pk:about hy:draft-950-e001 ;
    pk:proposedClass pk:Entity ;
    pk:matchKind "new" ;
    rdfs:label "建档立卡贫困户"@zh ;
    pk:confidence 0.4 ;
    pk:proposedBy "model:thulac" ;
    prov:wasDerivedFrom src:950 ;
    pk:evidence "所有建档立卡贫困户基本达到脱贫条件"@zh .

obs:draft-950-001 a pk:Draft ;
    pk:proposedClass pk:Observation ;
    pk:indicator ind:new-poverty-workshops ;
    pk:subject area:hengyang ;
    pk:period period:2020-01_2020-06 ;
    pk:kind pkc:Count ;
    pk:status pkc:Actual ;
    pk:comparator pkc:Exactly ;
    pk:valueAsWritten "359家" ;
    pk:value 359 ;
    pk:unit pkc:Enterprise ;
    pk:confidence 0.7 ;
    pk:proposedBy "rule:number" ;
    prov:wasDerivedFrom src:950 ;
    pk:evidence "新增扶贫车间359家"@zh .

obs:draft-950-002 a pk:Draft ;
    pk:proposedClass pk:Observation ;
    pk:indicator ind:poor-population ;
    pk:subject area:hengyang ;
    pk:period period:2020-01_2020-06 ;
    pk:kind pkc:Count ;
    pk:status pkc:Actual ;
    pk:comparator pkc:Exactly ;
    pk:valueAsWritten "3615人" ;
    pk:value 3615 ;
    pk:unit pkc:Person ;
    pk:confidence 0.7 ;
    pk:proposedBy "rule:number" ;
    prov:wasDerivedFrom src:950 ;
    pk:evidence "吸纳贫困人口3615人"@zh .
"""
SMALL_CLAIMS = """
# line 3: 新增扶贫车间359家，吸纳贫困人口3615人。
obs:950-new-poverty-workshops-2020h1 a pk:Observation ;
    pk:indicator ind:new-poverty-workshops ;
    pk:subject area:hengyang ;
    pk:period period:2020-01_2020-06 ;
    pk:kind pkc:Count ;
    pk:status pkc:Actual ;
    pk:comparator pkc:Exactly ;
    pk:valueAsWritten "359家" ;
    pk:value 359 ;
    pk:unit pkc:Enterprise ;
    prov:wasDerivedFrom src:950 ;
    pk:evidence "新增扶贫车间359家"@zh .

obs:950-poor-people-absorbed-2020h1 a pk:Observation ;
    pk:indicator ind:poor-people-absorbed ;
    pk:subject area:hengyang ;
    pk:period period:2020-01_2020-06 ;
    pk:kind pkc:Count ;
    pk:status pkc:Actual ;
    pk:comparator pkc:Exactly ;
    pk:valueAsWritten "3615人" ;
    pk:value 3615 ;
    pk:unit pkc:Person ;
    prov:wasDerivedFrom src:950 ;
    pk:evidence "吸纳贫困人口3615人"@zh .
"""


@pytest.fixture
def small(tmp_path: Path) -> tuple[Path, Path]:
    report = tmp_path / "report-950.txt"
    report.write_text(SMALL_REPORT, encoding="utf-8")
    draft = tmp_path / "draft-950.ttl"
    draft.write_text(SMALL_DRAFT, encoding="utf-8")
    return report, draft


def test_terminal_session_saves_as_it_goes_resumes_and_applies(tree: Path, small, monkeypatch, capsys):
    report, draft = small
    saved = draft.with_name("draft-950.decisions.tsv")
    # the first sitting: accept the article (asked for its English label), accept one number, skip the name, quit
    monkeypatch.setattr("sys.stdin", io.StringIO("a\nPoverty relief, first half of 2020 (excerpt)\ns\nx\na\nq\n"))
    code = policykg("review", str(draft), "--report", str(report), "--root", str(tree))
    out = capsys.readouterr().out
    assert code == 0
    assert "[3/4] obs:draft-950-001 — a number (pk:Observation), confidence 0.70, proposed by rule:number" in out
    assert "  line 3: ⟦新增扶贫车间«359家»⟧，吸纳贫困人口3615人。" in out  # the sentence, the evidence marked, the value in it
    assert "  en (the English label of the article) › " in out
    assert "  type a, r, c, s or q" in out
    assert "saved " in out and "2 of 4 proposals decided; run the same command to resume" in out
    assert saved.read_text(encoding="utf-8").split("\n")[1:] == [
        "id\tdecision\tcorrections",
        "claim:draft-950\tcorrect\ten=Poverty relief, first half of 2020 (excerpt)",
        "claim:draft-950-name-001\tskip",
        "obs:draft-950-001\taccept",
        "",
    ]
    assert not (tree / "triples" / "claims" / "950.ttl").exists()

    # the second sitting resumes at what is left: reject the name (no reason), correct the other number's indicator
    monkeypatch.setattr("sys.stdin", io.StringIO("r\n\nc\n?\nindicator=ind:poor-people-absorbed\n\n"))
    code = policykg("review", str(draft), "--report", str(report), "--root", str(tree))
    out = capsys.readouterr().out
    assert code == 0, out
    assert "resuming the review saved in" in out and "2 of 4 decided" in out
    assert "    indicator        the indicator (ind:…, or a draft indicator)" in out  # ? lists the fields
    assert "0 error(s), 0 warning(s)" in out
    assert saved.read_text(encoding="utf-8").split("\n")[2:] == [
        "claim:draft-950\tcorrect\ten=Poverty relief, first half of 2020 (excerpt)",
        "claim:draft-950-name-001\treject",
        "obs:draft-950-001\taccept",
        "obs:draft-950-002\tcorrect\tindicator=ind:poor-people-absorbed",
        "",
    ]
    claims = (tree / "triples" / "claims" / "950.ttl").read_text(encoding="utf-8")
    assert claims.split("@prefix time:     <http://www.w3.org/2006/time#> .\n", 1)[1] == SMALL_CLAIMS
    assert (tree / "sources" / "950-poverty-relief-first-half-of-2020-excerpt.txt").read_text(encoding="utf-8") == SMALL_REPORT


def test_session_in_a_pseudo_terminal_marks_the_evidence_and_quits(tree: Path, small):
    """In a real terminal the evidence is underlined and the value reversed (ANSI), answers are read by input()."""
    report, draft = small
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "policykg", "review", str(draft), "--report", str(report), "--root", str(tree)],
                               stdin=follower, stdout=follower, stderr=follower, env={**os.environ, "TERM": "dumb"})
    os.close(follower)
    output, answered, deadline = b"", 0, time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 1)
        if ready:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        if answered == 0 and b"[q]uit \xe2\x80\xba " in output:
            os.write(leader, b"s\n")
            answered = 1
        elif answered == 1 and output.count(b"[q]uit \xe2\x80\xba ") >= 2:
            os.write(leader, b"q\n")
            answered = 2
        if process.poll() is not None and not ready:
            break
    process.wait(timeout=30)
    os.close(leader)
    text = output.decode("utf-8", errors="replace")
    assert process.returncode == 0, text
    assert "[2/4] claim:draft-950-name-001 — a name, new (pk:Entity), confidence 0.40, proposed by model:thulac" in text
    assert "\x1b[4m所有\x1b[1;7m建档立卡贫困户\x1b[22;27m基本达到脱贫条件\x1b[24m" in text
    assert "0 of 4 proposals decided" in text
    assert draft.with_name("draft-950.decisions.tsv").read_text(encoding="utf-8").endswith("claim:draft-950\tskip\n")


# ---------------------------------------------------------------------------------------------------
# Clear errors, and what a review refuses to write
# ---------------------------------------------------------------------------------------------------

def test_a_draft_that_does_not_parse_is_located(tree: Path, small, capsys):
    report, draft = small
    draft.write_text(SMALL_DRAFT.replace('pk:matchKind "new" ;', 'pk:matchKind "new ;'), encoding="utf-8")
    assert policykg("review", str(draft), "--report", str(report), "--root", str(tree), "--list") == 1
    line = SMALL_DRAFT.split("\n").index('    pk:matchKind "new" ;') + 1
    column = len('    pk:matchKind "new ;') + 1  # where the string runs into the end of the line
    err = capsys.readouterr().err
    assert err.startswith(f"policykg: {draft}:{line}:{column}: Turtle syntax error: "), err
    assert '    pk:matchKind "new ;\n' in err  # the offending line, with a caret under the column


def test_a_draft_block_that_is_no_proposal_is_located(tree: Path, small, capsys):
    report, draft = small
    draft.write_text(SMALL_DRAFT.replace("obs:draft-950-002 a pk:Draft ;", "obs:draft-950-002 a pk:Observation ;"), encoding="utf-8")
    assert policykg("review", str(draft), "--report", str(report), "--root", str(tree), "--list") == 1
    line = SMALL_DRAFT.split("\n").index("obs:draft-950-002 a pk:Draft ;") + 1
    assert f"{draft}:{line}:1: obs:draft-950-002: not a pk:Draft proposal" in capsys.readouterr().err


def test_decisions_with_an_unknown_id_or_decision_are_located(tree: Path, small, capsys):
    report, draft = small
    decisions = draft.with_name("bad.tsv")
    decisions.write_text("id\tdecision\tcorrections\nobs:draft-950-009\taccept\nobs:draft-950-001\tmaybe\n"
                         "obs:draft-950-002\tcorrect\tcolour=red\nclaim:draft-950-name-001\taccept\tclass=Project\n", encoding="utf-8")
    assert policykg("review", str(draft), "--report", str(report), "--root", str(tree), "--decisions", str(decisions)) == 1
    err = capsys.readouterr().err
    assert f"{decisions}:2:1: unknown proposal id 'obs:draft-950-009': the draft draft-950.ttl has no such proposal" in err
    assert f"{decisions}:3:19: unknown decision 'maybe' for obs:draft-950-001" in err
    assert f"{decisions}:4:27: obs:draft-950-002 (observation) has no field 'colour'" in err
    assert f"{decisions}:5:33: corrections given with the decision accept" in err


def test_a_report_without_the_drafts_evidence_is_refused(tree: Path, small, capsys):
    report, draft = small
    report.write_text("新增扶贫车间359家。\n", encoding="utf-8")
    assert policykg("review", str(draft), "--report", str(report), "--root", str(tree), "--list") == 1
    err = capsys.readouterr().err
    line = SMALL_DRAFT.split("\n").index("claim:draft-950-name-001 a pk:Draft ;") + 1
    assert f"policykg: {report} is not the report of the draft {draft}: 2 evidences not in its text" in err
    assert f"{draft}:{line}:1: the evidence of claim:draft-950-name-001 is not in {report}: '所有建档立卡贫困户基本达到脱贫条件'" in err


def test_what_no_draft_gives_is_asked_for_before_anything_is_written(tree: Path, small, capsys):
    report, draft = small
    decisions = draft.with_name("d.tsv")
    decisions.write_text("claim:draft-950\taccept\nclaim:draft-950-name-001\taccept\nobs:draft-950-001\tc\tclass=Target\n"
                         "obs:draft-950-002\tcorrect\tsubject=area:atlantis\n", encoding="utf-8")
    before = snapshot(tree)
    assert policykg("review", str(draft), "--report", str(report), "--root", str(tree), "--decisions", str(decisions)) == 1
    err = capsys.readouterr().err
    assert f"{decisions}:1: claim:draft-950: needs en: the English label of the article" in err
    assert f"{decisions}:2: claim:draft-950-name-001: needs en: the English label of the new entity" in err
    assert f"{decisions}:3: obs:draft-950-001: needs statedBy: the measure that states the target" in err
    assert f"{decisions}:3: obs:draft-950-001: needs commitment" in err
    assert f"{decisions}:4: obs:draft-950-002: subject area:atlantis is not in the tree" in err
    assert snapshot(tree) == before


def test_undecided_proposals_write_nothing_unless_apply(tree: Path, small, capsys):
    report, draft = small
    decisions = draft.with_name("d.tsv")
    decisions.write_text("claim:draft-950\tcorrect\ten=Poverty relief (excerpt)\nclaim:draft-950-name-001\treject\n"
                         "obs:draft-950-001\taccept\n", encoding="utf-8")
    before = snapshot(tree)
    assert policykg("review", str(draft), "--report", str(report), "--root", str(tree), "--decisions", str(decisions)) == 0
    assert "1 of 4 proposals are undecided or skipped (obs:draft-950-002): nothing written" in capsys.readouterr().out
    assert snapshot(tree) == before
    # with --apply, what is accepted is written; the undecided number stays out (and is reported missing in coverage)
    code = policykg("review", str(draft), "--report", str(report), "--root", str(tree), "--decisions", str(decisions), "--apply",
                    "--allow-missing")
    out = capsys.readouterr().out
    assert code == 0, out
    assert "✗ line   3  number 3615人" in out and "(warning: 1 mention(s) neither covered nor allowlisted" in out
    assert "obs:950-new-poverty-workshops-2020h1" in (tree / "triples" / "claims" / "950.ttl").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------------
# The parts
# ---------------------------------------------------------------------------------------------------

def test_decisions_round_trip(small):
    report, draft_path = small
    draft = read_draft(draft_path)
    decisions = {"claim:draft-950": Decision("claim:draft-950", "correct", {"en": "A\ttab", "slug": "a-b"}),
                 "obs:draft-950-002": Decision("obs:draft-950-002", "reject", {"reason": "a reason"})}
    path = draft_path.with_name("r.tsv")
    path.write_text(decisions_text(draft, decisions), encoding="utf-8")
    read = read_decisions(path, draft)
    assert {k: (d.decision, d.corrections) for k, d in read.items()} == {
        "claim:draft-950": ("correct", {"en": "A tab", "slug": "a-b"}), "obs:draft-950-002": ("reject", {"reason": "a reason"})}
    assert read["obs:draft-950-002"].where == f"{path}:4"


def test_a_new_domain_file_is_started_with_its_header_and_prefixes(tree: Path, small):
    """A new entity whose domain file is missing starts that file, as the layout of triples/reference/ expects."""
    report_path, draft_path = small
    (tree / "triples" / "reference" / "events-awards.ttl").rename(tree / "events-awards.ttl.away")
    draft = read_draft(draft_path)
    facts = TreeFacts.of(Tree.at(tree))
    decisions = {"claim:draft-950": Decision("claim:draft-950", "correct", {"en": "Poverty relief"}),
                 "claim:draft-950-name-001": Decision("claim:draft-950-name-001", "correct",
                                                      {"class": "Event", "en": "registered poor households", "label": "建档立卡贫困户"})}
    plan = plan_review(facts, draft, read_report(report_path, draft), decisions)
    new = plan.files[tree / "triples" / "reference" / "events-awards.ttl"].decode("utf-8")
    assert new.startswith("# Reference: events and awards, each defined once with its class and labels (CURATING.md).\n")
    assert "@prefix event:    <https://w3id.org/policykg/hengyang/event/> .\n" in new
    assert new.endswith('event:registered-poor-households a pk:Event ;\n    rdfs:label "建档立卡贫困户"@zh , "registered poor households"@en .\n')


def test_a_period_in_the_standard_form_is_defined_as_the_reference_defines_its_own(tree: Path, small):
    """A number of a month no article gave (period:2020-05) gets its period block in periods.ttl, labels composed
    (the zh label is not the report's text, so it says it is ours), first and last day; an unknown other form is refused."""
    report_path, draft_path = small
    draft_path.write_text(SMALL_DRAFT.replace("pk:period period:2020-01_2020-06 ;", "pk:period period:2020-05 ;", 1), encoding="utf-8")
    draft = read_draft(draft_path)
    facts = TreeFacts.of(Tree.at(tree))
    decisions = {"claim:draft-950": Decision("claim:draft-950", "correct", {"en": "Poverty relief"}),
                 "claim:draft-950-name-001": Decision("claim:draft-950-name-001", "reject", {"reason": "no name"}),
                 "obs:draft-950-001": Decision("obs:draft-950-001", "correct", {"indicator": "ind:new-poverty-workshops"}),
                 "obs:draft-950-002": Decision("obs:draft-950-002", "reject", {"reason": "no measure of its own"})}
    plan = plan_review(facts, draft, read_report(report_path, draft), decisions)
    periods = plan.files[tree / "triples" / "reference" / "periods.ttl"].decode("utf-8")
    assert periods.endswith('# 950 新增扶贫车间359家: 2020年5月 (curators\' wording)\nperiod:2020-05 a pk:Period ;\n'
                            '    rdfs:label "2020年5月"@zh , "May 2020"@en ;\n    pk:labelBasis pkc:CuratorsWording ;\n'
                            '    pk:startDate "2020-05-01"^^xsd:date ;\n    pk:endDate "2020-05-31"^^xsd:date .\n')
    draft_path.write_text(SMALL_DRAFT.replace("pk:period period:2020-01_2020-06 ;", "pk:period period:2020-05-01_2020-05-12 ;", 1),
                          encoding="utf-8")
    with pytest.raises(DataError, match=r"period period:2020-05-01_2020-05-12 is not in the tree"):
        plan_review(facts, read_draft(draft_path), read_report(report_path, draft), decisions)


def test_a_new_measure_takes_its_number_from_its_heading(tree: Path, tmp_path):
    """A measure named by a plan's heading (措施二: …) is defined with pk:ordinal 2, as the reference defines measures; a
    measure named elsewhere needs ordinal= (the SHACL shape requires it), and says so before anything is written."""
    text = "措施二: 全力推进数字经济\n\n力争数字经济增加值增长15%。\n"
    report = tmp_path / "report-960.txt"
    report.write_text(text, encoding="utf-8")
    draft_path = tmp_path / "draft-960.ttl"
    draft_path.write_text(draft_turtle(extract(text, "960", Gazetteer(), date="2021-01-01")), encoding="utf-8")
    draft = read_draft(draft_path)
    facts = TreeFacts.of(Tree.at(tree))
    name = next(p for p in draft.proposals if p.kind == "name")
    decisions = {p.id: Decision(p.id, "reject", {"reason": "not this test's"}) for p in draft.proposals}
    decisions[draft.source.id] = Decision(draft.source.id, "correct", {"title": "数字经济措施", "en": "Measures for the digital economy"})
    decisions[name.id] = Decision(name.id, "correct", {"iri": "measure:digital-economy-2", "en": "pushing the digital economy"})
    plan = plan_review(facts, draft, read_report(report, draft), decisions)
    programmes = plan.files[tree / "triples" / "reference" / "programmes.ttl"].decode("utf-8")
    assert programmes.endswith('measure:digital-economy-2 a pk:Measure ;\n    rdfs:label "全力推进数字经济"@zh , "pushing the digital economy"@en ;\n'
                               "    pk:ordinal 2 .\n")
    decisions[name.id] = Decision(name.id, "correct", {"iri": "measure:digital-economy-2", "en": "pushing the digital economy",
                                                       "evidence": "全力推进数字经济"})
    with pytest.raises(DataError, match=r"a new measure needs its number within its goal\n  fix: decide correct with ordinal=1"):
        plan_review(facts, draft, read_report(report, draft), decisions)
    decisions[name.id].corrections["ordinal"] = "2"
    given = plan_review(facts, draft, read_report(report, draft), decisions).files[tree / "triples" / "reference" / "programmes.ttl"]
    assert given.decode("utf-8").endswith('# 960 全力推进数字经济\nmeasure:digital-economy-2 a pk:Measure ;\n'
                                          '    rdfs:label "全力推进数字经济"@zh , "pushing the digital economy"@en ;\n    pk:ordinal 2 .\n')


def test_the_standard_period_names_are_those_of_the_reference():
    """describe_period gives every period of triples/reference/periods.ttl its dates, and its labels (2020年4月中旬 too)
    where the curators did not name an era (十三五时期, 近10年)."""
    text = (ROOT / "triples" / "reference" / "periods.ttl").read_text(encoding="utf-8")
    found = re.findall(r'^period:(\S+) a pk:Period ;\n    rdfs:label "([^"]+)"@zh , "([^"]+)"@en ;(?:\n    pk:labelBasis \S+ ;)?\n'
                       r'    pk:startDate "([^"]+)"\^\^xsd:date ;\n    pk:endDate "([^"]+)"', text, re.M)
    assert len(found) == 17
    named = {"2011_2020", "2016_2020", "2021_2025"}
    for local, zh, en, first, last in found:
        described = describe_period(local)
        if local in named:
            assert (str(described[2]), str(described[3])) == (first, last)
        else:
            assert (described[0], described[1], str(described[2]), str(described[3])) == (zh, en, first, last)
    # a name of no standard span, or of a month or day that does not exist, is for the curator to define
    for local in ("2021-13-21_2021-13-31", "2021-04-05_2021-04-20", "2021-02-30", "2021-13"):
        assert describe_period(local) is None, local


@pytest.mark.parametrize(("period", "slug"), [("2020", "2020"), ("2020-01_2020-06", "2020h1"), ("2020-01_2020-09", "2020q1-q3"),
                                              ("2020-01_2020-11", "2020m1-m11"), ("2020-04_2020-06", "2020q2"), ("2016_2020", "2016_2020")])
def test_period_slugs_follow_the_curated_observation_iris(period, slug):
    assert period_slug(PREFIXES["period"] + period) == slug


def test_slugs():
    assert slugify("Hengyang's first-half report card (excerpt)") == "hengyangs-first-half-report-card-excerpt"
    assert slugify("Café Zürich") == "cafe-zurich"
    assert slugify("衡阳") == ""


def test_a_zh_label_another_entity_has_is_refused_before_writing(tree: Path, small, capsys):
    """The article's title as its label clashes with a keyword section's label: refused, with the way out."""
    report, draft = small
    decisions = draft.with_name("d.tsv")
    decisions.write_text("claim:draft-950\tcorrect\ttitle=所有建档立卡贫困户基本达到脱贫条件\ten=Poverty relief (excerpt)\n"
                         "claim:draft-950-name-001\tcorrect\tclass=Event\ten=Constitution Square\tlabel=宪法广场\n", encoding="utf-8")
    before = snapshot(tree)
    assert policykg("review", str(draft), "--report", str(report), "--root", str(tree), "--decisions", str(decisions), "--apply") == 1
    err = capsys.readouterr().err
    assert (f"{decisions}:1: claim:draft-950: the zh label '所有建档立卡贫困户基本达到脱贫条件' is the label of keyword:004-poverty-alleviation\n"
            "  fix: give iri=keyword:004-poverty-alleviation if it is that entity, or label= a label that tells them apart") in err
    assert f"{decisions}:2: claim:draft-950-name-001: the zh label '宪法广场' is the label of project:constitution-square" in err
    assert snapshot(tree) == before


def test_a_curated_article_taken_as_new_goes_end_to_end_to_a_clean_build():
    """bench/end_to_end.py: 003 taken out of a copy of the tree, extracted, decided as its curator would,
    reviewed, built and covered: the build is clean and the README's figures for 003 hold."""
    result = run_script(str(ROOT / "bench" / "end_to_end.py"), "003")
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    assert out.count("checks: 15 of 15 passed") == 2  # the tree without 003, then with the reviewed 003
    assert "names: 102 found, 91 proposed (exact 60, variant 11, close 1, new 30)" in out
    assert "applying the review of src:003: 56 accepted, 80 corrected, 23 rejected, 0 left out; 11 files" in out
    assert "numbers: the reviewed article holds 27 of the curated 29" in out
    assert "relations: the reviewed article holds 24 of the curated 29" in out
