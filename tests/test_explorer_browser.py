"""The explorer page in real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright.

Served by ExplorerApp on a local port over the hand-made graph of explorer_support, and
the static export opened from file://. Screenshots go to test-output/ (gitignored).
Most pages are opened with ``bypass_csp`` so that the escaping is what keeps the injected
titles inert (not the page's Content-Security-Policy); one test keeps the policy on and
checks that the page still runs with no console error.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from explorer_support import XSS_IMG, XSS_SCRIPT, serve, write_fixture
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from kg.serve.explorer import ExplorerApp

CHROMIUM = Path("/usr/bin/chromium")
OUTPUT = Path(__file__).resolve().parent.parent / "test-output"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(ExplorerApp(write_fixture(tmp_path_factory.mktemp("explorer")))) as url:
        yield url


class Watched:
    """A page with its console errors, uncaught errors and dialogs recorded."""

    def __init__(self, browser, bypass_csp: bool = True) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 800}, bypass_csp=bypass_csp)
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def open(self, url: str) -> Watched:
        self.page.goto(url)
        self.page.wait_for_selector("#status:has-text('nodes shown')")
        return self

    def search(self, text: str) -> None:
        self.page.fill("#search", text)
        self.page.wait_for_selector("#suggestions li")

    def node_count(self) -> int:
        return self.page.evaluate("window.kgExplorer.nodes.get({filter: n => !n.hidden}).length")

    def click_node(self, node: str, name: str) -> None:
        """Click a node where the canvas draws it and wait until the panel shows ``name``.

        vis-network takes a click from Hammer.js, which drops a press held between its tap
        limit (250 ms) and its press timer: on a loaded machine the round trip between
        Playwright's mouse-down and mouse-up can fall in that gap, so an unanswered click
        is tried again (at most three times) before the test fails.
        """
        self.page.wait_for_function("!window.kgExplorer.network.physics.physicsEnabled")
        box = self.page.locator("#graph canvas").bounding_box()
        at = self.page.evaluate(  # centre the node, zoomed in, and pick a point of it that no other node covers
            """id => { const net = window.kgExplorer.network; net.focus(id, { scale: 2 });
                       const b = net.getBoundingBox(id), c = net.getPosition(id);
                       for (let k = 0; k <= 8; k++) for (const s of [1, -1]) {
                         const p = net.canvasToDOM({ x: c.x + s * k * (b.right - b.left) / 20, y: c.y });
                         if (net.getNodeAt(p) === id) return p;
                       }
                       return net.canvasToDOM(c); }""",
            node,
        )
        opened = f"#detail h2:has-text('{name}')"
        for attempt in range(3):
            self.page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])
            try:
                self.page.wait_for_selector(opened, timeout=10_000)
                return
            except PlaywrightTimeout:
                if attempt == 2:
                    under = self.page.evaluate("p => window.kgExplorer.network.getNodeAt(p)", at)
                    detail = self.page.inner_text("#detail") if self.page.locator("#detail").count() else None
                    raise AssertionError(f"clicking {node} opened nothing: node under the pointer {under!r}, "
                                         f"panel {detail!r}, page errors {self.errors}") from None


@pytest.fixture
def page(browser) -> Iterator[Watched]:
    watched = Watched(browser)
    yield watched
    watched.page.close()


def test_page_loads_with_no_console_error_under_its_security_policy(browser, base_url: str) -> None:
    watched = Watched(browser, bypass_csp=False).open(base_url)
    watched.page.wait_for_timeout(500)
    assert watched.page.inner_text("#status").startswith("9 nodes shown of 9")
    assert watched.page.locator("#graph canvas").count() == 1
    assert watched.errors == []
    watched.page.close()


def test_search_imagenet_lists_its_papers_with_highlighted_evidence(page: Watched, base_url: str) -> None:
    page.open(base_url)
    page.search("ImageNet")
    assert page.page.inner_text("#suggestions li >> nth=0").split() == ["Dataset", "ImageNet"]
    page.page.click("#suggestions li >> nth=0")
    page.page.wait_for_selector("#papers li")
    assert page.page.inner_text("#detail h2") == "ImageNet"
    assert page.page.locator("#papers > li").count() == 3
    assert page.page.locator("#papers mark").all_inner_texts() == ["ImageNet", "ILSVRC", "ImageNet"]
    assert page.page.locator("#detail a[href='https://www.wikidata.org/wiki/Q24901201']").count() == 1
    assert "76.1% top-1 accuracy" in page.page.inner_text("#results")
    assert 'FILTER' not in page.page.inner_text("#detail pre.query >> nth=0")
    OUTPUT.mkdir(exist_ok=True)
    page.page.wait_for_timeout(600)
    page.page.screenshot(path=str(OUTPUT / "explorer.png"))
    assert page.errors == [] and page.dialogs == []


def test_clicking_a_node_opens_it_and_a_paper_shows_all_it_mentions(page: Watched, base_url: str) -> None:
    page.open(base_url)
    page.click_node("method:resnet", "ResNet")
    assert page.page.locator("#detail .chip", has_text="ResNet-50").count() == 1  # its variant
    page.page.click("#papers button.link")
    page.page.wait_for_selector("#mentions")
    assert set(page.page.locator("#mentions > li > button.link").all_inner_texts()) == {
        "ResNet", "ResNet-50", "ImageNet", "top-1 accuracy"}
    assert page.page.locator("#detail .abstract mark.ent").count() == 4


def test_a_type_filter_hides_that_type(page: Watched, base_url: str) -> None:
    page.open(base_url)
    assert page.node_count() == 9
    page.page.uncheck("#filters input[data-type='Paper']")
    assert page.node_count() == 6
    assert page.page.evaluate("window.kgExplorer.nodes.get('paper:arxiv:1512.03385').hidden") is True
    page.page.check("#filters input[data-type='Paper']")
    assert page.node_count() == 9


def test_expanding_a_node_adds_its_neighbours_and_collapsing_removes_them(page: Watched, base_url: str) -> None:
    page.open(base_url + "?limit=1")
    assert page.node_count() == 1  # the node of highest degree: ImageNet
    page.click_node("dataset:imagenet", "ImageNet")
    page.page.click("#toggle-expand")
    page.page.wait_for_selector("#toggle-expand:has-text('Collapse')")
    assert page.node_count() == 6  # three papers, ResNet (EVALUATED_ON) and the Result
    page.page.click("#toggle-expand")
    page.page.wait_for_selector("#toggle-expand:has-text('Expand')")
    assert page.node_count() == 1


def test_titles_holding_markup_are_shown_as_text_and_never_run(page: Watched, base_url: str) -> None:
    page.open(base_url)
    page.search("alert")
    assert XSS_SCRIPT in page.page.inner_text("#suggestions")
    page.page.click("#suggestions li >> nth=0")
    page.page.wait_for_selector("#mentions")
    page.search("ImageNet")
    page.page.click("#suggestions li >> nth=0")
    page.page.wait_for_selector("#papers li")
    titles = page.page.locator("#papers > li > button.link").all_inner_texts()
    assert XSS_SCRIPT in titles and XSS_IMG in titles
    page.page.wait_for_timeout(300)
    assert page.page.locator("img").count() == 0 and page.page.locator("#detail script").count() == 0
    assert page.dialogs == [] and page.errors == []


def test_the_static_export_opens_from_file_and_shows_the_graph(page: Watched, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    outdir = write_fixture(tmp_path)
    result = CliRunner().invoke(main, ["export", "html", str(outdir), "-o", str(tmp_path / "explorer.html")])
    assert result.exit_code == 0, result.output
    page.open((tmp_path / "explorer.html").as_uri())
    assert page.page.inner_text("#status").startswith("9 nodes shown of 9")
    page.search("ilsvrc")
    page.page.click("#suggestions li >> nth=0")
    page.page.wait_for_selector("#papers li")
    assert page.page.locator("#papers mark").all_inner_texts() == ["ImageNet", "ILSVRC", "ImageNet"]
    assert XSS_SCRIPT in page.page.locator("#papers > li > button.link").all_inner_texts()
    page.page.click("#toggle-expand")
    page.page.wait_for_selector("#toggle-expand:has-text('Collapse')")
    assert page.errors == [] and page.dialogs == []


def test_the_seed_corpus_graph_in_the_explorer(page: Watched, seed_graph_dir: Path) -> None:
    with serve(ExplorerApp(seed_graph_dir)) as url:
        page.open(url)
        page.search("ImageNet")
        assert "ImageNet" in page.page.inner_text("#suggestions li >> nth=0")
        page.page.click("#suggestions li >> nth=0")
        page.page.wait_for_selector("#papers li mark")
        OUTPUT.mkdir(exist_ok=True)
        page.page.wait_for_timeout(1500)
        page.page.screenshot(path=str(OUTPUT / "explorer-seed.png"))
    assert page.errors == []


def test_the_explorer_behind_kg_serve(browser, tmp_path: Path) -> None:
    from kg.serve.app import make_app

    with serve(make_app(write_fixture(tmp_path))) as url:
        watched = Watched(browser, bypass_csp=False).open(url)
        watched.search("ResNet")
        watched.page.keyboard.press("Enter")
        watched.page.wait_for_selector("#papers li mark")
        assert watched.page.inner_text("#detail h2") == "ResNet"
        watched.page.close()
    assert watched.errors == []
