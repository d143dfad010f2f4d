"""Measure the explorer on a synthetic graph of N nodes (default 10,000) in headless Chromium.

Usage: .venv/bin/python scripts/explorer_scale.py [--nodes 10000] [--shots test-output]

The graph follows docs/schema.md: 30% papers, the rest methods, datasets, metrics and tasks
with a power-law popularity, ~5 mentions a paper with one evidence sentence each. Reported:
API latencies, time from navigation to the first drawn and to the settled layout for the
default first render (300 nodes) and for every node, and frames per second while the view
pans and zooms (Chromium without GPU: software canvas, so a pessimistic figure).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from explorer_support import serve  # noqa: E402

from kg.export.html import write_html  # noqa: E402
from kg.graph.io import write_graph  # noqa: E402
from kg.serve.explorer import ExplorerApp  # noqa: E402

TYPES = {"Method": 0.45, "Dataset": 0.2, "Metric": 0.1, "Task": 0.25}
ROLE = {"Method": "USES", "Dataset": "EVALUATES_ON", "Metric": "MEASURED_WITH", "Task": "ADDRESSES"}


def synthetic_graph(n: int, seed: int = 0) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    papers = [f"paper:{i:06d}" for i in range(int(n * 0.3))]
    entities = []
    for i in range(n - len(papers)):
        type_ = rng.choices(list(TYPES), weights=list(TYPES.values()))[0]
        name = f"{type_[:3]}-{i}"
        eid = f"{type_.lower()}:{name.lower()}"
        g.add_node(eid, type=type_, name=name, aliases=[name, f"{name} v{i % 7}"], paper_count=0)
        entities.append(eid)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(entities))]
    for p in papers:
        mentioned = set(rng.choices(entities, weights=weights, k=5))
        names = [g.nodes[e]["name"] for e in mentioned]
        abstract = " ".join(f"We use {name} in this work." for name in names)
        g.add_node(p, type="Paper", name=f"A study of {' and '.join(names[:2])}", title=f"A study of {names[0]}",
                   abstract=abstract, sources=["synthetic:1"])
        for e, name in zip(mentioned, names, strict=True):
            start = abstract.index(name)
            rel = ROLE[g.nodes[e]["type"]]
            g.add_edge(p, e, key=rel, relation=rel, surface=[name], field=["abstract"], start=[start],
                       end=[start + len(name)], sentence=[f"We use {name} in this work."], reason=["kb"])
            g.nodes[e]["paper_count"] += 1
    return g


def fps(page, seconds: float = 2.0) -> float:
    """Frames drawn per second while the view pans and zooms continuously."""
    return page.evaluate(
        """async (ms) => {
          const net = window.kgExplorer.network;
          let frames = 0; const t0 = performance.now();
          net.on("afterDrawing", () => frames++);
          const step = (t) => {
            const k = (t - t0) / ms;
            net.moveTo({ position: { x: 300 * Math.sin(6 * k), y: 200 * Math.cos(6 * k) }, scale: 0.3 + 0.5 * k });
            if (t - t0 < ms) requestAnimationFrame(step);
          };
          await new Promise((done) => { requestAnimationFrame(step); setTimeout(done, ms + 50); });
          return frames / (ms / 1000);
        }""",
        seconds * 1000,
    )


def timed(page, url: str, shot: Path | None) -> dict[str, float]:
    page.set_default_timeout(600_000)
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("#status:has-text('nodes shown')")
    drawn = time.perf_counter() - t0
    page.wait_for_function("!window.kgExplorer.network.physics.physicsEnabled", timeout=600_000)
    settled = time.perf_counter() - t0
    if shot:
        page.screenshot(path=str(shot))
    return {"first draw s": drawn, "settled s": settled, "pan/zoom fps": fps(page),
            "shown": page.evaluate("window.kgExplorer.nodes.length")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--shots", type=Path, default=Path("test-output"))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    graph = synthetic_graph(args.nodes)
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} links")
    args.shots.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        out = Path(tmp)
        write_graph(graph, out / "graph.json")
        t0 = time.perf_counter()
        write_html(graph, out / "explorer.html")
        print(f"static export: {(out / 'explorer.html').stat().st_size / 1e6:.1f} MB "
              f"in {time.perf_counter() - t0:.1f}s")
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        with serve(ExplorerApp(out)) as url:
            hub = max(graph, key=graph.degree)
            for route in ["api/meta", "api/graph?limit=300", "api/search?q=met-1", f"api/node?id={hub}",
                          f"api/neighbors?id={hub}", "api/graph?limit=100000"]:
                t0 = time.perf_counter()
                with urllib.request.urlopen(url + route) as response:
                    size = len(response.read())
                print(f"{route:34s} {1000 * (time.perf_counter() - t0):8.1f} ms {size / 1e3:9.1f} kB")
            for label, query in [("first render (300)", ""), (f"all {args.nodes}", f"?limit={args.nodes}")]:
                page = browser.new_page(viewport={"width": 1400, "height": 900}, bypass_csp=True)
                shot = args.shots / f"explorer-{args.nodes}-{'all' if query else 'top'}.png"
                print(label, {k: round(v, 2) for k, v in timed(page, url + query, shot).items()})
                page.close()
        page = browser.new_page(viewport={"width": 1400, "height": 900}, bypass_csp=True)
        print("static file", {k: round(v, 2) for k, v in timed(page, (out / "explorer.html").as_uri(), None).items()})
        browser.close()


if __name__ == "__main__":
    main()
