"""One timed ``kg build`` in its own process: ``python -m bench.stages INPUT OUTDIR [--workers N] [--profile]``.

Runs the real :func:`kg.pipeline.build` (cache off, so every paper is extracted) with each
stage function of :mod:`kg.pipeline` wrapped in a timer, and prints one JSON object: seconds
and CPU seconds of this process per stage (``load`` is building the spaCy pipeline, done once
before the build; CPU time is the robust figure on a busy machine), and the peak RSS of this
process and of its largest worker. A fresh process makes the peak RSS the build's own.
``--profile`` runs the build under cProfile and adds its top entries by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kg import pipeline
from kg.scale import ExtractorSpec, peak_rss_mb

STAGES = ("ingest", "extract", "link", "build_graph", "write_outputs")
_PATH = re.compile(rf"\S*/lib/python3\.\d+/(?:site-packages/)?|{re.escape(str(Path(pipeline.__file__).parents[1]))}/")


@contextmanager
def stage_timer() -> Iterator[dict[str, float]]:
    """Seconds spent in each stage of :func:`kg.pipeline.build` while the block runs: wall-clock
    under the stage's name, CPU time of this process under ``NAME_cpu``."""
    times: dict[str, float] = {}
    originals = {name: getattr(pipeline, name) for name in STAGES}

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start, cpu = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                times[name] = times.get(name, 0.0) + time.perf_counter() - start
                times[f"{name}_cpu"] = times.get(f"{name}_cpu", 0.0) + time.process_time() - cpu

        return run

    for name, fn in originals.items():
        setattr(pipeline, name, timed(name, fn))
    try:
        yield times
    finally:
        for name, fn in originals.items():
            setattr(pipeline, name, fn)


def profile_top(profile: cProfile.Profile, n: int = 15) -> list[str]:
    """The share of own time per source file (top ``n``), then the top ``n`` functions by own time."""
    stats = pstats.Stats(profile)
    by_file: dict[str, float] = {}
    for (file, _, _), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        by_file[short(file)] = by_file.get(short(file), 0.0) + tottime
    total = sum(by_file.values())
    lines = ["own time by file:"]
    lines += [f"{t / total:6.1%}  {t:7.2f}s  {f}" for f, t in sorted(by_file.items(), key=lambda kv: -kv[1])[:n]]
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(n)
    text = out.getvalue().splitlines()
    start = next(i for i, line in enumerate(text) if line.lstrip().startswith("ncalls"))
    return [*lines, "", "top functions by own time:", *(_PATH.sub("", line) for line in text[start:] if line.strip())]


def short(file: str) -> str:
    """A profiled file's path from the repository, the standard library or site-packages."""
    return "(built-in functions)" if file == "~" else _PATH.sub("", file)


def timed_build(inputs: list[str], outdir: Path, workers: int = 1, profile: bool = False) -> dict[str, Any]:
    options = pipeline.BuildOptions(workers=workers, cache=False)
    start, cpu = time.perf_counter(), time.process_time()
    ExtractorSpec.of(options.model, options.kb_paths, options.use_kb_cache).pipeline()
    load = time.perf_counter() - start
    profiler = cProfile.Profile() if profile else None
    with stage_timer() as times:
        if profiler:
            profiler.enable()
        report = pipeline.build(inputs, outdir, options)
        if profiler:
            profiler.disable()
    result: dict[str, Any] = {
        "papers": report.kept, "workers": workers, "load": load, **times,
        "total": time.perf_counter() - start, "cpu": time.process_time() - cpu,
        "peak_rss_mb": peak_rss_mb(), "worker_peak_rss_mb": peak_rss_mb(children=True),
        "nodes": sum(report.nodes.values()), "links": sum(report.links.values()),
    }
    if profiler:
        result["profile"] = profile_top(profiler)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.stages")
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    print(json.dumps(timed_build(args.inputs, args.outdir, args.workers, args.profile)))


if __name__ == "__main__":
    main()
