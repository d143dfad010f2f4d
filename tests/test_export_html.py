"""`kg export html`: one self-contained file whose embedded JSON cannot break out of its element."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner
from explorer_support import XSS_SCRIPT, fixture_graph, write_fixture

from kg.cli import main
from kg.export.html import render_html, script_json


class Scripts(HTMLParser):
    """Collects the text of each <script> element and every external reference."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.external: list[str] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script":
            self._open = found
            self.scripts.append((found, ""))
        for key in ("src", "href"):
            if tag in ("script", "link", "img") and found.get(key) and not found[key].startswith("data:"):
                self.external.append(found[key])

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open = None


def test_script_json_escapes_what_could_end_the_element() -> None:
    text = script_json({"t": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"t": "</script><!-- & \u2028"}


def test_the_page_embeds_the_graph_and_its_assets() -> None:
    parser = Scripts()
    parser.feed(render_html(fixture_graph()))
    assert parser.external == []  # no file, server or CDN needed
    data = [text for attrs, text in parser.scripts if attrs.get("id") == "kg-data"]
    assert len(data) == 1 and len(parser.scripts) == 3  # vis-network, the data, the app
    graph = json.loads(data[0])
    assert graph["meta"]["nodes"] == 9 and len(graph["links"]) == 14
    assert graph["details"]["paper:0a1b2c3d4e5f"]["name"] == XSS_SCRIPT  # survived intact


def test_export_html_command(tmp_path: Path) -> None:
    outdir = write_fixture(tmp_path)
    result = CliRunner().invoke(main, ["export", "html", str(outdir)])
    assert result.exit_code == 0, result.output
    assert (outdir / "explorer.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    assert "9 nodes, 14 links" in result.output
