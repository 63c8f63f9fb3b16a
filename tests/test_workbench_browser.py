"""The workbench in real headless Chromium against a real `policykg serve` on loopback: an analyst's clicks.

Every visit records console errors, page errors and every request the page makes: none may fail and none
may leave the server (the pages work offline, under their Content Security Policy).
"""

import re
from urllib.parse import unquote

import pytest

from conftest import start_server, stop_server

pytestmark = [pytest.mark.server, pytest.mark.browser]

WANMO_PROJECT = "project:wanmo-acoustics-smart-manufacturing"


@pytest.fixture(scope="module")
def server(built_tree):
    """`policykg serve` over the session's built tree, one worker, for this module."""
    process, base = start_server(built_tree, "--workers", "1")
    yield base.rstrip("/")
    stop_server(process)


class Visit:
    """One page in Chromium (zh unless asked), recording errors and requests."""

    def __init__(self, browser, base: str, path: str, lang: str = "zh-CN"):
        self.base = base
        self.context = browser.new_context(locale=lang, viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(base + path)

    def outside(self) -> list[str]:
        """Requests to anywhere but this server."""
        return [url for url in self.requests if not url.startswith(self.base + "/")]

    def close(self) -> None:
        assert self.errors == [], self.errors
        assert self.outside() == [], self.outside()
        self.context.close()


@pytest.fixture
def visit(browser, server):
    """Open pages; at the end each must have had no console error and no request leaving the server."""
    opened = []

    def open_page(path: str, lang: str = "zh-CN") -> Visit:
        opened.append(Visit(browser, server, path, lang))
        return opened[-1]

    yield open_page
    for page in opened:
        page.close()


def test_search_box_leads_to_an_entity_page(visit):
    """Typing 万魔 in the home page's search box and pressing Enter lists the project; its link opens its entity page."""
    v = visit("/")
    v.page.fill("main input[type=search]", "万魔声学智造群")
    v.page.press("main input[type=search]", "Enter")
    v.page.wait_for_url(re.compile(r"/search\?"))
    v.page.click(f"a[href^='/entity/{WANMO_PROJECT}']")
    v.page.wait_for_url(re.compile(r"/entity/"))
    assert unquote(v.page.url).endswith("/entity/" + WANMO_PROJECT)
    assert "万魔声学智造群项目" in v.page.inner_text("h1")


def test_a_query_form_runs_with_a_picked_entity(visit):
    """On /query/entity-facts, typing 万魔 in the entity field offers the project; picking it and running gives a labelled table."""
    v = visit("/query/entity-facts")
    field = "input[data-suggest]"
    v.page.click(field)
    v.page.keyboard.type("万魔声学智造")
    v.page.wait_for_selector("ul.suggestions li")
    v.page.click("ul.suggestions li >> text=万魔声学智造群项目")
    assert v.page.input_value("input[type=hidden][name=entity]") == WANMO_PROJECT
    v.page.click("form.query-form button[type=submit]")
    v.page.wait_for_selector("table.results tbody tr")
    assert "entity=" + WANMO_PROJECT.replace(":", "%3A") in v.page.url
    table = v.page.inner_text("table.results")
    assert "万魔声学" in table and "https://" not in table


def test_the_targets_chart_has_a_mark_per_target(visit, pages):
    """/targets draws one target mark per 2021 target, as many as its JSON twin lists."""
    from web_client import get

    import json

    targets = json.loads(get(pages, "/targets.json").body)
    v = visit("/targets")
    count = v.page.locator("svg rect.mark.target").count()
    assert count == len(targets["targets"]) == 32


def test_the_sparql_editor_shows_labels_and_caret_errors(visit):
    """The editor runs its example and shows labels, not IRIs; a syntax error comes back as line and column with a caret."""
    v = visit("/sparql")
    v.page.click("#sparql-form button[type=submit]")
    v.page.wait_for_selector("#sparql-results table tbody tr")
    assert v.page.locator("#sparql-results tbody tr").count() == 20
    assert "https://" not in v.page.inner_text("#sparql-results")
    v.page.fill("#sparql-query", "SELECT * WHERE { ?s ?p }")
    v.page.click("#sparql-form button[type=submit]")
    v.page.wait_for_selector("#sparql-error:not([hidden])")
    error = v.page.inner_text("#sparql-error")
    assert "line 1, column 18" in error and "^" in error
    v.errors.clear()  # the 400 itself is logged by Chromium as a failed resource


def test_the_path_form_explains_a_connection(visit):
    """/path from 万魔声学 (the company) to 一体两翼 shows paths whose hops carry evidence links to the source pages."""
    v = visit("/path")
    v.page.fill("#path-from", "company:wanmo-acoustics")
    v.page.fill("#path-to", "一体两翼")
    v.page.click("form.path-form button[type=submit]")
    v.page.wait_for_selector("section.path")
    assert v.page.locator("section.path").count() == 3
    assert v.page.locator("section.path .evidence a[href^='/source/']").count() > 0


def test_english_pages_follow_the_browser_language(visit):
    """A browser asking for English gets the English home page."""
    v = visit("/", lang="en-US")
    assert v.page.inner_text("h1") == "Hengyang 2020: policies, projects and outcomes"
