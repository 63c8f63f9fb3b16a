"""Take the README's screenshots of the workbench in headless Chromium (run on demand, not by the tests).

    python docs/screenshots.py [NAME…]   # needs a built graph (python build_graph.py), Chromium and a CJK font

Starts `policykg serve` on loopback over this checkout, opens each page (all of PAGES, or the NAMEs given) in
zh at 1280 px wide and writes docs/<name>.png; stops the server after. For docs/review.png, sentences of
article 004 are drafted (policykg.extract) as the new source 900 into a temporary folder, a server started
with `--drafts` on it shows the draft, and three proposals are decided on the page before it is taken.
"""

import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM_ARGS, start_server, stop_server  # noqa: E402

PAGES = {
    "home": "/?lang=zh",
    "entity": "/entity/project:wanmo-acoustics-smart-manufacturing?lang=zh",
    "targets": "/targets?lang=zh",
    "indicator": "/indicator/industrial-electricity-consumption?lang=zh",
    "search": "/search?q=粮食&lang=zh",
    "review": "/draft/900?lang=zh",
}
#: The report drafted for docs/review.png: sentences cut from article 004 (as tests/test_review_page.py cuts them).
REVIEW_REPORT = ("我市上半年发展成绩单很抢眼\n\n1—6月，全市地区生产总值增长1.7%，高出全省平均水平0.4个百分点，排名全省第二。\n\n"
                 "新增扶贫车间359家，吸纳贫困人口3615人。\n\n比亚迪年产40万副车灯项目正式投产。\n")
GDP_CLAUSE = "1—6月，全市地区生产总值增长1.7%，高出全省平均水平0.4个百分点，排名全省第二"


@contextmanager
def served(*options: str):
    """The base URL of `policykg serve` over this checkout (with ``options``), stopped after."""
    process, base = start_server(ROOT, "--workers", "1", *options)
    try:
        yield base.rstrip("/")
    finally:
        stop_server(process)


def make_drafts(folder: Path) -> None:
    """Write folder/900.txt and its draft folder/900.ttl, extracted as a new report would be (article 004 left
    out of the gazetteer, so that its new indicator is proposed as new)."""
    from policykg.entities import Index
    from policykg.extract import Gazetteer, extract
    from policykg.extract.turtle import draft_turtle
    from policykg.load import load_tree
    from policykg.tree import Tree

    gazetteer = Gazetteer.from_index(Index(load_tree(Tree.at(ROOT)).quads), exclude={"004"})
    draft = extract(REVIEW_REPORT, "900", gazetteer, title=REVIEW_REPORT.split("\n")[0], date="2020-07-15")
    (folder / "900.txt").write_text(REVIEW_REPORT, encoding="utf-8")
    (folder / "900.ttl").write_text(draft_turtle(draft), encoding="utf-8")


def decide_some(page) -> None:
    """On /draft/900: accept the name, correct the GDP growth's evidence to its whole clause, reject the new indicator."""
    page.check("section[data-kind=name] .decision input[value=accept]")
    growth = "section.proposal:has(strong:text-is('1.7%'))"
    page.check(f"{growth} .decision input[value=correct]")
    page.fill(f"{growth} input[data-field=evidence]", GDP_CLAUSE)
    page.check("section[data-kind=indicator] .decision input[value=reject]")
    page.evaluate("window.scrollTo(0, 0)")


def shoot(browser, base: str, name: str, prepare=None) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.goto(base + PAGES[name])
    if prepare:
        prepare(page)
    page.screenshot(path=str(ROOT / "docs" / f"{name}.png"), full_page=False)
    page.close()
    print(f"docs/{name}.png")


def main(names: list[str]) -> None:
    """Write one PNG per page named (every page of PAGES when none is) into docs/."""
    from playwright.sync_api import sync_playwright

    unknown = [name for name in names if name not in PAGES]
    if unknown:
        raise SystemExit(f"no such page: {', '.join(unknown)} (the pages: {', '.join(PAGES)})")
    names = names or list(PAGES)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        plain = [name for name in names if name != "review"]
        if plain:
            with served() as base:
                for name in plain:
                    shoot(browser, base, name)
        if "review" in names:
            with tempfile.TemporaryDirectory(prefix="policykg-drafts-") as drafts:
                make_drafts(Path(drafts))
                with served("--drafts", drafts) as base:
                    shoot(browser, base, "review", decide_some)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
