"""Benchmark of the network view (run on demand, not by the tests).

Renders the real graph and a synthetic graph of 5,000 entities, loads each page in headless
Chromium, and prints the time to interactive (navigation start → layout stabilised and physics
stopped, the moment the page sets ``body[data-ready]``), each as a ratio to a baseline measured in
the same run: the load of an empty page. For the synthetic graph it also times two interactions
(selecting a node, which highlights its neighbourhood and fills the panel; and a class filter).

    /tmp/venv/bin/python bench/view_bench.py [--root DIR] [--nodes 5000] [--runs 3] [--keep DIR]

Needs playwright (pip) and Chromium (``chromium`` on the PATH, or --chromium PATH).
"""

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from policykg.load import load_tree  # noqa: E402
from policykg.namespaces import CONCEPT_IRI, HENGYANG_IRI, ONTOLOGY_IRI, PREFIXES  # noqa: E402
from policykg.tree import Tree  # noqa: E402
from policykg.view import STYLE, render_network_html  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
LABEL = ox.NamedNode(PREFIXES["rdfs"] + "label")
ALT = ox.NamedNode(PREFIXES["skos"] + "altLabel")
PROPERTIES = ("partOf", "locatedIn", "developedBy", "inChain", "inIndustry", "reportedUnder", "names", "participant")


def pk(name: str) -> ox.NamedNode:
    return ox.NamedNode(ONTOLOGY_IRI + name)


def synthetic_quads(ontology: list[ox.Quad], count: int, seed: int = 2020) -> list[ox.Quad]:
    """A synthetic dataset: ``count`` entities over every styled class, ~1.5 edges each, claims, observations."""
    rng = random.Random(seed)
    classes = [s.cls for s in STYLE if s.cls != "Entity"]
    graphs = [ox.NamedNode(PREFIXES["src"] + f"{n:03d}") for n in range(5)]
    default = ox.DefaultGraph()
    quads = list(ontology)
    quads += [ox.Quad(g, RDF_TYPE, pk("SourceArticle"), default) for g in graphs]
    nodes = [ox.NamedNode(f"{HENGYANG_IRI}synthetic/e{n:05d}") for n in range(count)]
    for n, node in enumerate(nodes):
        quads += [
            ox.Quad(node, RDF_TYPE, pk(classes[n % len(classes)]), default),
            ox.Quad(node, LABEL, ox.Literal(f"合成实体{n}号", language="zh"), default),
            ox.Quad(node, LABEL, ox.Literal(f"synthetic entity {n}", language="en"), default),
        ]
    for n, node in enumerate(nodes[1:], start=1):
        graph = rng.choice(graphs)
        for _ in range(1 if rng.random() < 0.5 else 2):
            target = nodes[rng.randrange(max(0, n - 400), n)]
            quads.append(ox.Quad(node, pk(rng.choice(PROPERTIES)), target, graph))
        if n % 7 == 0:
            quads.append(ox.Quad(node, ALT, ox.Literal(f"别名{n}", language="zh"), graph))
            quads.append(ox.Quad(node, pk("evidence"), ox.Literal(f"第{n}号实体的证据句。", language="zh"), graph))
        if n % 5 == 0:
            obs = ox.NamedNode(f"{HENGYANG_IRI}observation/synthetic-{n}")
            quads += [ox.Quad(obs, RDF_TYPE, pk("Observation"), graph), ox.Quad(obs, pk("subject"), node, graph),
                      ox.Quad(obs, pk("valueAsWritten"), ox.Literal(f"{n}亿元"), graph),
                      ox.Quad(obs, pk("status"), ox.NamedNode(CONCEPT_IRI + "Actual"), graph)]
        if classes[n % len(classes)] == "Project":
            claim = ox.NamedNode(f"{HENGYANG_IRI}claim/synthetic-{n}")
            quads += [ox.Quad(claim, RDF_TYPE, pk("StatusClaim"), graph), ox.Quad(claim, pk("about"), node, graph),
                      ox.Quad(claim, pk("projectStatus"), ox.NamedNode(CONCEPT_IRI + rng.choice(("Started", "Completed"))), graph)]
    return quads


def time_to_interactive(browser, path: Path) -> float:
    """Milliseconds from navigation start until the page says it is ready (or, for a plain page, its load event)."""
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(path.as_uri(), timeout=180_000)
    page.wait_for_selector("body[data-ready]", state="attached", timeout=180_000)
    value = page.evaluate("window.pkView ? pkView.readyAt : performance.getEntriesByType('navigation')[0].loadEventEnd")
    page.close()
    return float(value)


def interaction_times(browser, path: Path) -> tuple[float, float]:
    """Milliseconds to select a node (highlight + panel, until the next frame) and to apply a class filter."""
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(path.as_uri(), timeout=180_000)
    page.wait_for_selector("body[data-ready]", state="attached", timeout=180_000)
    frame = "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
    select = page.evaluate(f"""async () => {{ const t = performance.now(); pkView.select(pkView.nodes.getIds()[100], true);
        await {frame}; return performance.now() - t; }}""")
    filtering = page.evaluate(f"""async () => {{ const t = performance.now();
        document.querySelector('input[data-filter=cls][value=Project]').click(); await {frame}; return performance.now() - t; }}""")
    page.close()
    return float(select), float(filtering)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=HERE.parent, help="the policykg tree (default: this checkout)")
    parser.add_argument("--nodes", type=int, default=5000, help="entities in the synthetic graph (default 5000)")
    parser.add_argument("--runs", type=int, default=3, help="page loads per measurement; the median is printed")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--keep", type=Path, help="write the pages into this folder instead of a temporary one")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    loaded = load_tree(Tree.at(args.root))
    out = args.keep or Path(tempfile.mkdtemp(prefix="policykg-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    pages = {"empty page (baseline)": out / "empty.html"}
    pages["empty page (baseline)"].write_text("<!DOCTYPE html><title>empty</title><body data-ready>", encoding="utf-8")
    synthetic = synthetic_quads(loaded.ontology_quads(), args.nodes)
    sizes = {}
    for name, quads in (("real graph", loaded.quads), (f"synthetic {args.nodes:,}-node graph", synthetic)):
        started = time.perf_counter()
        html = render_network_html(quads)
        seconds = time.perf_counter() - started
        path = out / ("real.html" if name == "real graph" else "synthetic.html")
        path.write_bytes(html)
        pages[name] = path
        sizes[name] = f"rendered in {seconds:.2f} s, {len(html) / 2**20:.1f} MiB"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        medians = {}
        for name, path in pages.items():
            runs = [time_to_interactive(browser, path) for _ in range(args.runs)]
            medians[name] = statistics.median(runs)
        select, filtering = interaction_times(browser, pages[f"synthetic {args.nodes:,}-node graph"])
        counts = {}
        for name, path in pages.items():
            if name in sizes:
                page = browser.new_page()
                page.goto(path.as_uri(), timeout=180_000)
                page.wait_for_selector("body[data-ready]", state="attached", timeout=180_000)
                counts[name] = page.evaluate("[pkView.nodes.length, pkView.edges.length]")
                page.close()
        browser.close()

    baseline = medians["empty page (baseline)"]
    print(f"time to interactive in headless Chromium (median of {args.runs}); pages in {out}")
    for name, value in medians.items():
        detail = f"  {counts[name][0]:,} nodes, {counts[name][1]:,} edges; {sizes[name]}" if name in sizes else ""
        print(f"  {name:<30} {value:8.0f} ms  {value / baseline:7.1f} × baseline{detail}")
    print(f"  synthetic graph, select a node (highlight + panel): {select:.0f} ms; class filter: {filtering:.0f} ms")
    if not args.keep:
        shutil.rmtree(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
