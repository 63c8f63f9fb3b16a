"""Take the README's screenshots of the workbench in headless Chromium (run on demand, not by the tests).

    python docs/screenshots.py        # needs a built graph (python build_graph.py), Chromium and a CJK font

Starts `policykg serve` on loopback over this checkout, opens each page in zh at 1280 px wide and writes
docs/<name>.png; stops the server after.
"""

import sys
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
}


def main() -> None:
    """Write one PNG per page of PAGES into docs/."""
    from playwright.sync_api import sync_playwright

    process, base = start_server(ROOT, "--workers", "1")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for name, path in PAGES.items():
                page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
                page.goto(base.rstrip("/") + path)
                page.screenshot(path=str(ROOT / "docs" / f"{name}.png"), full_page=False)
                page.close()
                print(f"docs/{name}.png")
            browser.close()
    finally:
        stop_server(process)


if __name__ == "__main__":
    main()
