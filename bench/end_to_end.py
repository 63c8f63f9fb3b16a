"""One curated article taken end to end as if it were new: extract, review, build, coverage.

For article ID (default 003, the article the rules were least tuned on), on a copy of the project:

1. **the tree without it**: its text, claims, entry in triples/sources.ttl and allowlist rows go, and so do
   the reference blocks of every entity and indicator that only it mentions (but those another reference
   block points at: a broader indicator, a retired IRI's replacement); ``policykg build`` must pass;
2. ``policykg extract sources/ID-….txt`` with that tree's graph (nothing of the article is known);
3. **a curator who knows the answer** decides every proposal, as ``policykg review --decisions`` takes it:
   a name the curated article has is accepted (or corrected to the curated entity: its IRI, and for one the
   tree lacks its class, zh and en labels); a number whose value and unit are a curated number's is
   corrected to it (every field set to the curated one: the same number where the draft had it right), if
   each entity it names exists or the review defines it and it has one subject, else rejected with a
   reason; a new indicator of the draft is corrected to the curated indicator of its number where the tree
   lacks that one (IRI, zh and en labels), else rejected; a relation the curated article states is corrected
   to its curated ends; the rest is rejected with a reason (which allowlists its mention);
4. ``policykg review … --apply --allow-missing``, ``policykg build`` and ``policykg coverage ID``.

It prints the decisions by kind, what the review wrote, the build's checks and the coverage, and how much of
the curated article the reviewed one holds (entities, numbers, relations). The curator's knowledge is the
curated claims (``extract_eval``'s matching rules): what this measures is how far the draft and the review
carry a curator who decides well, not a curator's judgement. Run: ``python bench/end_to_end.py [ID]``.
"""

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import extract_eval  # noqa: E402  (the curated answer and the matching rules of the leave-one-out evaluation)

from policykg.cli import main as policykg  # noqa: E402
from policykg.entities import Index  # noqa: E402
from policykg.extract import Gazetteer, extract  # noqa: E402
from policykg.extract.periods import describe_period  # noqa: E402
from policykg.extract.turtle import draft_turtle  # noqa: E402
from policykg.load import load_tree  # noqa: E402
from policykg.namespaces import PREFIXES, SRC  # noqa: E402
from policykg.report import compact  # noqa: E402
from policykg.review import Decision, TreeFacts, decisions_text, is_draft_iri, read_draft  # noqa: E402
from policykg.text import without_marks  # noqa: E402
from policykg.tree import Tree  # noqa: E402

COPIED = ("ontology", "triples", "sources", "queries", "pyproject.toml")


def tree_without(source: str, into: Path) -> Path:
    """A copy of the project's tree under ``into`` without article ``source`` and what only it mentions."""
    for name in COPIED:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, into / name)
    index = Index(load_tree(Tree.at(into)).quads)
    only = {compact(iri) for iri, sources in index.mentioned_in.items() if sources == {source}}
    files = {path: path.read_text(encoding="utf-8").split("\n\n") for path in sorted((into / "triples" / "reference").glob("*.ttl"))}
    while True:  # what a kept reference block points at stays (ind:local-fiscal-revenue skos:broader ind:local-tax-revenue)
        kept_text = "\n".join(b for blocks in files.values() for b in blocks if _subject(b) not in only)
        referred = {name for name in only if re.search(rf"(?<![\w:-]){re.escape(name)}(?![\w-])", kept_text)}
        if not referred:
            break
        only -= referred
    for path, blocks in files.items():
        path.write_text("\n\n".join(b for b in blocks if _subject(b) not in only), encoding="utf-8")
    for path in into.glob(f"sources/{source}-*.txt"):
        path.unlink()
    (into / "triples" / "claims" / f"{source}.ttl").unlink()
    sources = into / "triples" / "sources.ttl"
    sources.write_text("\n\n".join(b for b in sources.read_text(encoding="utf-8").split("\n\n") if _subject(b) != f"src:{source}"),
                       encoding="utf-8")
    allowlist = into / "triples" / "coverage-allowlist.tsv"
    rows = allowlist.read_text(encoding="utf-8").splitlines(keepends=True)
    allowlist.write_text("".join(r for r in rows if not r.startswith(f"{source}\t")), encoding="utf-8")
    return into


def _subject(block: str) -> str:
    body = [line for line in block.split("\n") if line and not line.startswith("#")]
    return body[0].split(" ")[0] if body else ""


class Curator:
    """Decides each proposal of a draft of article ``source`` from the curated claims (the full tree's index)."""

    def __init__(self, index: Index, source: str, text: str, facts: TreeFacts):
        self.index, self.source, self.text, self.facts = index, source, text, facts
        self.gold_names = extract_eval.gold_names(index, source, text)
        self.inner = extract_eval.inner_names(index, source, text)
        self.gold_observations = extract_eval.gold_observations(index, source, text)
        self.gold_relations = extract_eval.gold_relations(index, source)
        self.defined: dict[str, str] = {}  # curated IRI → the proposal that defines or names it
        self.used: set[str] = set()  # the curated numbers already given to a proposal
        self.indicators: dict[str, dict] = {}  # the draft's new indicator → its correction to a curated one

    def label(self, iri: str, language: str) -> str:
        return self.index.labels(iri).get(language, "")

    def known(self, iri: str) -> bool:
        return self.facts.exists(iri) or iri in self.defined

    def name(self, proposal, found) -> Decision:
        """A name: the curated entity it names (accepted, or corrected to it), else rejected."""
        key = found.ref.key
        if key in self.inner:
            return Decision(proposal.id, "reject", {"reason": "part of a longer name, which is the entity"})
        plain = without_marks(found.text)
        hits = {key} & self.gold_names.keys() if found.ref.iri else {iri for iri, names in self.gold_names.items() if plain in names}
        if not hits:
            return Decision(proposal.id, "reject", {"reason": "not an entity the curated article names"})
        iri = sorted(hits)[0]
        if found.ref.iri == iri:
            self.defined.setdefault(iri, proposal.id)
            return Decision(proposal.id, "accept")
        if self.known(iri):
            if iri in self.defined and not self.facts.exists(iri):
                return Decision(proposal.id, "reject", {"reason": f"the same entity as {self.defined[iri]}"})
            self.defined.setdefault(iri, proposal.id)
            return Decision(proposal.id, "correct", {"iri": compact(iri)})
        self.defined[iri] = proposal.id
        cls = self.index.entity_class(iri)
        return Decision(proposal.id, "correct", {"iri": compact(iri), "class": cls, "label": self.label(iri, "zh"),
                                                 "en": self.label(iri, "en")})

    def observation(self, proposal, found, known_indicators: set[str]) -> Decision:
        """A number: accepted if it is a curated number in every field, corrected to the curated one if its value
        and unit are (and every entity it names is known), else rejected."""
        for level in ("complete", "value+unit"):
            for curated in self.gold_observations:
                if curated["iri"] in self.used or not extract_eval._fits(found, curated, level, known_indicators, self.index):
                    continue
                indicator = self._indicator(proposal.fields["indicator"], curated["indicator"])
                fields = self._curated_fields(curated)
                if fields is None:
                    if indicator is not None:
                        del self.defined[curated["indicator"]], self.indicators[indicator]
                    continue
                self.used.add(curated["iri"])
                return Decision(proposal.id, "correct", fields)
        return Decision(proposal.id, "reject", {"reason": "no number of the curated article"})

    def _indicator(self, drafted: str, curated: str) -> str | None:
        """Where the curated indicator is new to the tree, the draft's new indicator of this number corrected to it
        (its IRI, zh and en labels), if the draft proposes one not yet given another: that draft IRI, else None."""
        if self.known(curated) or not is_draft_iri(drafted, self.source) or drafted in self.indicators:
            return None
        self.indicators[drafted] = {"iri": compact(curated), "label": self.label(curated, "zh"), "en": self.label(curated, "en")}
        self.defined[curated] = drafted
        return drafted

    def _curated_fields(self, curated: dict) -> dict | None:
        node = ox.NamedNode(curated["iri"])
        fields = {}
        for name in ("indicator", "subject", "period", "status", "comparator", "kind", "unit", "commitment", "statedBy"):
            values = [term.value for term in self.index.values(node, PREFIXES["pk"] + name)]
            if not values:
                continue
            if name in ("indicator", "subject", "statedBy") and not all(self.known(v) for v in values) or len(values) > 1:
                return None  # an entity neither the tree nor the review defines, or two subjects (the review takes one)
            if name == "period" and not self.facts.exists(values[0]) and describe_period(values[0].rsplit("/", 1)[-1]) is None:
                return None  # a span of days the tree lacks (2020年4月中旬): the curator defines it in periods.ttl first
            fields[name] = compact(values[0])
        fields["class"] = "Target" if PREFIXES["pk"] + "Target" in self.index.types.get(curated["iri"], ()) else "Observation"
        rank = self.index.first(node, PREFIXES["pk"] + "rank")
        if rank is not None:
            fields["rank"] = rank.value
        return fields

    def relation(self, proposal, found) -> Decision:
        def same(ref, iri):
            return ref.iri == iri if ref.iri else ref.name in extract_eval.zh_names(self.index, iri)
        right = [g for g in self.gold_relations if g[1] == found.predicate and same(found.subject, g[0]) and same(found.object, g[2])]
        if right and all(self.known(end) for end in (right[0][0], right[0][2])):
            return Decision(proposal.id, "correct", {"subject": compact(right[0][0]), "object": compact(right[0][2])})
        return Decision(proposal.id, "reject", {"reason": "not a relation of the curated article"})


def decide(draft_path: Path, draft, index: Index, source: str, text: str, facts: TreeFacts, gazetteer: Gazetteer) -> dict[str, Decision]:
    """Every proposal of the draft decided by a :class:`Curator`."""
    review = read_draft(draft_path)
    curator = Curator(index, source, text, facts)
    by_kind = {kind: [p for p in review.proposals if p.kind == kind] for kind in ("name", "indicator", "observation", "relation")}
    names = list({(n.ref.key, n.text): n for n in draft.names}.values())  # one proposal per entity and text, the first
    assert [p.fields["text"] for p in by_kind["name"]] == [n.text for n in names]
    assert len(by_kind["observation"]) == len(draft.observations) and len(by_kind["relation"]) == len(draft.relations)
    article = ox.NamedNode(f"{SRC}{source}")
    slug = re.sub(r"^\d+-|\.txt$", "", index.first(article, PREFIXES["pk"] + "sourceFile").value.rsplit("/", 1)[-1])
    title = index.first(article, PREFIXES["dcterms"] + "title").value
    decisions = {review.source.id: Decision(review.source.id, "correct", {"title": title, "en": index.labels(article.value)["en"], "slug": slug})}
    for proposal, found in zip(by_kind["name"], names):
        decisions[proposal.id] = curator.name(proposal, found)
    known_indicators = set(gazetteer.indicators.values())
    for proposal, found in zip(by_kind["observation"], draft.observations):
        decisions[proposal.id] = curator.observation(proposal, found, known_indicators)
    for proposal in by_kind["indicator"]:
        correction = curator.indicators.get(proposal.fields["about"])
        decisions[proposal.id] = Decision(proposal.id, "correct", correction) if correction else \
            Decision(proposal.id, "reject", {"reason": "the numbers name their curated indicators"})
    for proposal, found in zip(by_kind["relation"], draft.relations):
        decisions[proposal.id] = curator.relation(proposal, found)
    return decisions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", nargs="?", default="003", help="the article to take as new (default 003)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    loaded = load_tree(Tree.at(ROOT))
    index = Index(loaded.quads)
    text = loaded.source_texts[f"{SRC}{args.source}"]
    with tempfile.TemporaryDirectory() as temporary:
        work = args.keep or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        tree = tree_without(args.source, work / "tree")
        report = work / f"{args.source}.txt"
        report.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        assert policykg(["build", "--root", str(tree)]) == 0, "the tree without the article does not build"
        draft_path = work / f"{args.source}.ttl"
        assert policykg(["extract", str(report), "--source-id", args.source, "--root", str(tree), "-o", str(draft_path)]) == 0
        held_out = Index(load_tree(Tree.at(tree)).quads)
        gazetteer = Gazetteer.from_index(held_out)
        draft = extract(text, args.source, gazetteer)
        assert draft_turtle(draft) == draft_path.read_text(encoding="utf-8"), "the draft differs from the one extract wrote"
        decisions = decide(draft_path, draft, index, args.source, text, TreeFacts.of(Tree.at(tree)), gazetteer)
        decisions_path = work / f"{args.source}.decisions.tsv"
        decisions_path.write_text(decisions_text(read_draft(draft_path), decisions), encoding="utf-8")
        counts: dict[str, int] = {}
        for decision in decisions.values():
            counts[decision.decision] = counts.get(decision.decision, 0) + 1
        print(f"decisions: {counts}")
        code = policykg(["review", str(draft_path), "--report", str(report), "--decisions", str(decisions_path), "--root", str(tree),
                         "--allow-missing"])
        print(f"review: exit {code}")
        code = policykg(["build", "--root", str(tree)])
        print(f"build: exit {code}")
        policykg(["coverage", args.source, "--root", str(tree)])
        print(f"extract, review, build and coverage took {time.perf_counter() - started:.1f} s")
        reviewed = Index(load_tree(Tree.at(tree)).quads)
        for title, curated, now in compare(index, reviewed, args.source):
            print(f"{title}: the reviewed article holds {now} of the curated {curated}")
    return 0


def compare(curated: Index, reviewed: Index, source: str):
    """(what, curated count, count the reviewed article holds of them) for entities, numbers and relations."""
    def facts(index: Index):
        entities = {iri for iri in index.entities if source in index.mentioned_in.get(iri, set())}
        numbers = {(o["value"], o["unit"], o["indicator"], o["period"], o["status"]) for o in
                   extract_eval.gold_observations(index, source, "")}
        return entities, numbers, extract_eval.gold_relations(index, source)
    for title, a, b in zip(("entities", "numbers", "relations"), facts(curated), facts(reviewed)):
        yield title, len(a), len(a & b)


if __name__ == "__main__":
    sys.exit(main())
