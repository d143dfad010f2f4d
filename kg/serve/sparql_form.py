"""The HTML query form of the SPARQL endpoint: a text area, the example queries, a result pane.

Everything interpolated into the page is HTML-escaped (:func:`html.escape`); results are
shown with ``textContent``, never parsed as HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from string import Template


@dataclass(frozen=True)
class Example:
    name: str
    comment: str
    text: str


PAGE = Template("""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>kg SPARQL endpoint</title>
<style>
body { font: 15px/1.4 system-ui, sans-serif; margin: 1.5em auto; max-width: 70em; padding: 0 1em; }
textarea { width: 100%; height: 16em; font: 13px ui-monospace, monospace; }
pre { background: #f4f4f4; padding: .8em; overflow: auto; max-height: 30em; }
.limits { color: #555; font-size: 90%; }
</style>
</head>
<body>
<h1>SPARQL endpoint</h1>
<p>SPARQL 1.1 queries over the graph (read-only). <a href="/">Explorer</a>.</p>
<form id="form" method="get" action="">
<label>Example <select id="examples"><option value="">(choose an example query)</option>
$options</select></label>
<p id="comment"></p>
<textarea id="query" name="query" spellcheck="false">$first</textarea>
<p><label>Result format <select id="accept">
<option>application/sparql-results+json</option><option>application/sparql-results+xml</option>
<option>text/csv</option><option>text/tab-separated-values</option>
<option>text/turtle</option><option>application/ld+json</option></select></label>
<button type="submit">Run</button></p>
</form>
<p class="limits">$limits</p>
<pre id="result"></pre>
<script>
const form = document.getElementById("form"), query = document.getElementById("query");
const examples = document.getElementById("examples"), out = document.getElementById("result");
examples.addEventListener("change", () => {
  const option = examples.selectedOptions[0];
  if (option.value) { query.value = option.value; }
  document.getElementById("comment").textContent = option.title || "";
});
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  out.textContent = "running...";
  const response = await fetch(location.pathname, {
    method: "POST",
    headers: {"Content-Type": "application/sparql-query",
              "Accept": document.getElementById("accept").value},
    body: query.value});
  out.textContent = response.status + " " + response.statusText + "\\n\\n" + await response.text();
});
</script>
</body>
</html>
""")


def render_form(examples: list[Example], note: str) -> bytes:
    """The page, with ``examples`` in the picker and ``note`` (the endpoint's limits) under the form."""
    options = "\n".join(
        f'<option value="{escape(e.text)}" title="{escape(e.comment)}">{escape(e.name)}</option>' for e in examples
    )
    first = examples[0].text if examples else "SELECT * WHERE { ?s ?p ?o } LIMIT 10"
    return PAGE.substitute(options=options, first=escape(first), limits=escape(note)).encode("utf-8")
