"""Build benchmark (`make bench`): prints figures, never fails on a time.

1. The real site: strict build, wall time and peak memory; and the same pages pre-rendered to plain Markdown,
   built without the macros plugin, to measure what generation costs over the floor of this stack (median of
   several runs, alternating, in the same run).
2. Synthetic datasets of 1 000 and 10 000 resources (bench/synthetic.py): wall time, peak memory, and how the
   time scales with the data.
3. Sizes: the search index (real site and 10 000 resources, raw and gzipped) and the largest page.
4. `make serve`: seconds from saving a data file to the browser being told to reload, and the CPU seconds of
   that rebuild measured in one process (the figure that does not depend on how busy the machine is).
5. Phone figures of the four key pages (home, a topic page, the resources page, the planner): DOM nodes on first
   load and page height at 390 px, in the local Chromium through Playwright.
6. Lighthouse (mobile, served gzip-compressed) on the same four pages, when Node.js is available: medians of
   several runs (scores swing with the machine's load), with the metrics behind them (FCP, LCP, TBT, CLS, SI).

"Before" figures build the same sources with bench/before_hook.py in place of macros/hooks.py: the search index
as Material's parser makes it from every generated page, and nothing kept between rebuilds (issue 10).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import ROOT, copy_sources, write_resources

PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

# Runs one build in a fresh interpreter and reports its own wall time and peak resident memory.
BUILD_ONCE = """
import json, resource, sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
started = time.perf_counter()
config = load_config(sys.argv[1], strict=True, site_dir=sys.argv[2])
config.plugins.on_startup(command="build", dirty=False)
try:
    build(config)
finally:
    config.plugins.on_shutdown()
print(json.dumps({"seconds": time.perf_counter() - started,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


# A `make serve` rebuild without the server: build, edit a data file, build again in the same interpreter (as
# `mkdocs serve` does), and report the wall and CPU seconds of the rebuilds.
REBUILD_ONCE = """
import json, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
def once():
    config = load_config(sys.argv[1], strict=True, site_dir=sys.argv[2])
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url="http://127.0.0.1:8000/")
    finally:
        config.plugins.on_shutdown()
once()
target = sorted((Path(sys.argv[1]).parent / "data" / "resources").glob("*.yml"))[0]
original = target.read_text(encoding="utf-8")
runs = []
try:
    for number in range(3):
        edited = original.replace("description: >-\\n", "description: >-\\n  Edited.\\n", 1)
        target.write_text(edited if number % 2 == 0 else original, encoding="utf-8")
        wall, cpu = time.perf_counter(), time.process_time()
        once()
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
finally:
    target.write_text(original, encoding="utf-8")
runs.sort()
print(json.dumps({"seconds": runs[1][0], "cpu": sorted(r[1] for r in runs)[1]}))
"""


def before_config(project: Path) -> str:
    """A config for the same sources built as before issue 10 (see the module docstring); returns its name."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    hooked = text.replace("  - macros/hooks.py", f"  - {ROOT / 'bench' / 'before_hook.py'}", 1)
    if hooked == text:
        raise SystemExit("bench: mkdocs.yml no longer lists macros/hooks.py; update bench/site.py")
    (project / "mkdocs-before.yml").write_text(hooked, encoding="utf-8")
    return "mkdocs-before.yml"


def index_size(site: Path) -> tuple[int, int]:
    """The search index's size in bytes, raw and gzipped (as hosts serve it)."""
    raw = (site / "search" / "search_index.json").read_bytes()
    return len(raw), len(gzip.compress(raw, 9))


def rebuild_once(project: Path, site: Path, config: str = "mkdocs.yml") -> dict:
    result = subprocess.run(
        [PYTHON, "-c", REBUILD_ONCE, str(project / config), str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=ENV,
        timeout=900,
    )
    if result.returncode != 0:
        raise SystemExit(f"rebuild of {project} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def build_once(project: Path, site: Path, env: dict | None = None, config: str = "mkdocs.yml") -> dict:
    result = subprocess.run(
        [PYTHON, "-c", BUILD_ONCE, str(project / config), str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**ENV, **(env or {})},
        timeout=900,
    )
    if result.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def plain_equivalent(project: Path, work: Path) -> Path:
    """The same site with every page pre-rendered to plain Markdown and no macros plugin."""
    dump = work / "dump"
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    hooked = config.replace("hooks:\n", f"hooks:\n  - {ROOT / 'bench' / 'dump_hook.py'}\n", 1)
    (project / "mkdocs-dump.yml").write_text(hooked, encoding="utf-8")
    result = subprocess.run(
        [PYTHON, "-m", "mkdocs", "build", "-q", "-f", "mkdocs-dump.yml", "-d", str(work / "x")],
        cwd=project,
        capture_output=True,
        text=True,
        env={**ENV, "BENCH_DUMP_DIR": str(dump)},
    )
    if result.returncode != 0:
        raise SystemExit(f"pre-rendering failed:\n{result.stderr[-3000:]}")
    plain = work / "plain"
    shutil.copytree(project / "docs", plain / "docs", ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(dump / "docs", plain / "docs", dirs_exist_ok=True)
    shutil.copytree(project / "overrides", plain / "overrides")
    # Drop the macros plugin with its options, the hook that serves it, and the nav skeleton it extends.
    lines, section = [], None
    for line in config.splitlines():
        if line.startswith("nav:"):
            break
        if line.startswith("watch:"):
            continue
        if line.startswith("  - macros:") or line.startswith("hooks:"):
            section = line.split(":")[0].strip(" -")
            continue
        if (section == "macros" and line.startswith("      ")) or (section == "hooks" and line.startswith("  - ")):
            continue
        section = None
        lines.append(line)
    nav = json.loads((dump / "nav.json").read_text(encoding="utf-8"))
    text = "\n".join(lines) + "\nnav: " + json.dumps(nav) + "\n"
    (plain / "mkdocs.yml").write_text(text, encoding="utf-8")
    return plain


def serve_reload_seconds(project: Path, config: str = "mkdocs.yml") -> float:
    """Start `mkdocs serve`, save a data file, and time until it tells the browser to reload."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [PYTHON, "-m", "mkdocs", "serve", "-f", config, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**ENV, "SITE_URL": f"http://127.0.0.1:{port}/"},
    )
    try:
        for line in process.stdout:
            if "Serving on" in line:
                break
        time.sleep(1.0)
        target = sorted((project / "data" / "resources").glob("*.yml"))[0]
        text = target.read_text(encoding="utf-8")
        started = time.perf_counter()
        target.write_text(text.replace("description: >-\n", "description: >-\n  Edited.\n", 1), encoding="utf-8")
        for line in process.stdout:
            if "Reloading browsers" in line:
                return time.perf_counter() - started
        return float("nan")
    finally:
        target.write_text(text, encoding="utf-8")
        process.terminate()
        process.wait(timeout=30)


# The pages a candidate uses most; Lighthouse and the phone figures measure these.
KEY_PAGES = (("home", ""), ("topic", "breadth/nlp/"), ("resources", "resources/"), ("planner", "planner/"))


def serve(site: Path) -> tuple[subprocess.Popen, int]:
    """The built site served gzip-compressed on 127.0.0.1 (a free port), as hosts serve it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [PYTHON, str(ROOT / "bench" / "gzip_server.py"), str(port), str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    return server, port


def page_figures(site: Path) -> dict[str, dict[str, int]]:
    """DOM elements and document height on a 390 px phone once each of KEY_PAGES has loaded and gone idle."""
    from playwright.sync_api import sync_playwright

    server, port = serve(site)
    figures = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=["--no-sandbox"]
            )
            page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, device_scale_factor=2)
            for name, path in KEY_PAGES:
                page.goto(f"http://127.0.0.1:{port}/{path}", wait_until="load")
                # What the page script builds once the page is idle (the planner's plan) is part of the page.
                page.evaluate("new Promise(done => requestIdleCallback(() => setTimeout(done, 600)))")
                figures[name] = {
                    "dom_nodes": page.evaluate("document.getElementsByTagName('*').length"),
                    "height_px": page.evaluate("document.documentElement.scrollHeight"),
                    "html_kb": round((site / path / "index.html").stat().st_size / 1024),
                }
            browser.close()
    finally:
        server.terminate()
    return figures


# The metrics behind the performance score (Lighthouse audit ids), reported as medians beside it.
LIGHTHOUSE_METRICS = {
    "FCP": "first-contentful-paint",
    "LCP": "largest-contentful-paint",
    "TBT": "total-blocking-time",
    "CLS": "cumulative-layout-shift",
    "SI": "speed-index",
}


def lighthouse(site: Path, runs: int = 3) -> dict[str, dict[str, float]] | None:
    """Median scores and metrics of `runs` Lighthouse runs per key page (one page after another, round by round,
    so a burst of load on the machine spreads over the pages). The JSON reports stay in a temporary folder."""
    folder = ROOT / "bench" / "lighthouse"
    binary = folder / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        if not shutil.which("npm"):
            return None
        subprocess.run(["npm", "ci", "--no-fund", "--no-audit", "--silent"], cwd=folder, check=True)
    server, port = serve(site)
    reports = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    rows: dict[str, list[dict[str, float]]] = {name: [] for name, _ in KEY_PAGES}
    try:
        flags = (
            "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
            "--disable-background-networking --disable-component-update --disable-sync"
        )
        for number in range(runs):
            for name, path in KEY_PAGES:
                out = reports / f"{name}-{number}.json"
                subprocess.run(
                    [
                        str(binary),
                        f"http://127.0.0.1:{port}/{path}",
                        "--quiet",
                        "--output=json",
                        f"--output-path={out}",
                        "--only-categories=performance,accessibility",
                        f"--chrome-path={os.environ.get('CHROMIUM', '/usr/bin/chromium')}",
                        f"--chrome-flags={flags}",
                    ],
                    check=True,
                    timeout=300,
                )
                report = json.loads(out.read_text(encoding="utf-8"))
                row = {c: report["categories"][c]["score"] * 100 for c in ("performance", "accessibility")}
                row.update({k: report["audits"][audit]["numericValue"] for k, audit in LIGHTHOUSE_METRICS.items()})
                rows[name].append(row)
    finally:
        server.terminate()
    print(f"(Lighthouse reports: {reports})")
    return {name: {k: statistics.median(r[k] for r in values) for k in values[0]} for name, values in rows.items()}


def report_pages(site: Path, *, lighthouse_too: bool, runs: int = 3) -> None:
    """Phone figures and Lighthouse scores of KEY_PAGES of the built `site`."""
    print("\n== Key pages on a 390 px phone ==")
    for name, values in page_figures(site).items():
        print(
            f"{name:9s} {values['dom_nodes']:6d} DOM elements   {values['height_px']:7d} px tall   "
            f"{values['html_kb']:4d} KB HTML   (resources target: at most 2000 elements)"
        )

    if lighthouse_too:
        print(f"\n== Lighthouse (mobile, gzip-served), medians of {runs} runs ==")
        scores = lighthouse(site, runs)
        if scores is None:
            print("skipped: Node.js and npm are not installed")
        else:
            for name, values in scores.items():
                print(
                    f"{name:9s} performance {values['performance']:5.1f}   accessibility {values['accessibility']:5.1f}"
                    f"   FCP {values['FCP']:5.0f} ms  LCP {values['LCP']:5.0f} ms  TBT {values['TBT']:4.0f} ms"
                    f"  CLS {values['CLS']:.3f}  SI {values['SI']:5.0f} ms   (targets: 98 and 100)"
                )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="builds of each kind for the medians")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page for the medians")
    parser.add_argument("--pages-only", metavar="SITE", type=Path, help="only the key-page figures, of a built site")
    args = parser.parse_args(argv)
    if args.pages_only:
        report_pages(args.pages_only, lighthouse_too=not args.skip_lighthouse, runs=args.lighthouse_runs)
        return 0
    work = Path(tempfile.mkdtemp(prefix="bench-site-"))

    print("== Real site ==")
    real = copy_sources(work / "real")
    shutil.copytree(ROOT / "data" / "resources", real / "data" / "resources")
    plain = plain_equivalent(real, work)
    macros_runs, plain_runs = [], []
    for number in range(args.runs):
        macros_runs.append(build_once(real, work / f"site-real-{number}"))
        plain_runs.append(build_once(plain, work / f"site-plain-{number}"))
    real_median = statistics.median(r["seconds"] for r in macros_runs)
    plain_median = statistics.median(r["seconds"] for r in plain_runs)
    print(
        f"strict build with macros:   {real_median:6.2f} s median of {args.runs} "
        f"(peak {max(r['peak_mb'] for r in macros_runs):.0f} MB)"
    )
    print(
        f"pre-rendered plain Markdown: {plain_median:6.2f} s median of {args.runs} "
        f"(peak {max(r['peak_mb'] for r in plain_runs):.0f} MB)"
    )
    print(f"macros overhead ratio:      {real_median / plain_median:6.2f}x   (target: at most 1.2x)")
    before = before_config(real)
    before_runs = [build_once(real, work / f"site-before-{n}", config=before) for n in range(args.runs)]
    before_median = statistics.median(r["seconds"] for r in before_runs)
    print(f"before issue 10 (Material parses every page): {before_median:6.2f} s median of {args.runs}")
    site = work / "site-real-0"
    pages = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    raw, packed = index_size(site)
    raw_before, packed_before = index_size(work / "site-before-0")
    print(
        f"search index: {raw / 1024:.0f} KB ({packed / 1024:.0f} KB gzipped)   (target: at most 500 KB); "
        f"before: {raw_before / 1024:.0f} KB ({packed_before / 1024:.0f} KB gzipped)"
    )
    print(
        f"largest page: {pages[-1].relative_to(site)} {pages[-1].stat().st_size / 1024:.0f} KB; "
        f"median page {pages[len(pages) // 2].stat().st_size / 1024:.0f} KB"
    )

    print("\n== Synthetic datasets ==")
    times = {}
    for count in (1000, 10000):
        project = copy_sources(work / f"synthetic-{count}")
        write_resources(project, count)
        result = build_once(project, work / f"site-{count}")
        times[count] = result["seconds"]
        raw, packed = index_size(work / f"site-{count}")
        print(
            f"{count:6d} resources: {result['seconds']:6.2f} s, peak {result['peak_mb']:.0f} MB, "
            f"search index {raw / 1024 / 1024:.2f} MB ({packed / 1024:.0f} KB gzipped)"
            + ("   (targets: 10 000 in at most 6 s, index at most 1 MB)" if count == 10000 else "")
        )
        if count == 10000:
            old = build_once(project, work / "site-10000-before", config=before_config(project))
            raw, packed = index_size(work / "site-10000-before")
            print(
                f"{count:6d} before issue 10: {old['seconds']:6.2f} s, peak {old['peak_mb']:.0f} MB, "
                f"search index {raw / 1024 / 1024:.2f} MB ({packed / 1024:.0f} KB gzipped)"
            )
    print(
        f"10x the data costs {times[10000] / times[1000]:.2f}x the time   (target: at most 10x; 10 000 in at most 20 s)"
    )

    print("\n== make serve ==")
    reload = serve_reload_seconds(real)  # `real` is a copy: editing its data is safe
    reload_before = serve_reload_seconds(real, before)
    print(
        f"rebuild after a data file edit: {reload:.2f} s until the browser is told to reload "
        f"(target: under 1 s); before: {reload_before:.2f} s"
    )
    after, old = rebuild_once(real, work / "rebuild"), rebuild_once(real, work / "rebuild-before", before)
    print(
        f"the same rebuild in one process: {after['seconds']:.2f} s, {after['cpu']:.2f} CPU s; "
        f"before: {old['seconds']:.2f} s, {old['cpu']:.2f} CPU s   (CPU seconds do not depend on the load)"
    )

    report_pages(site, lighthouse_too=not args.skip_lighthouse, runs=args.lighthouse_runs)
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
