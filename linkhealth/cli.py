"""Check that resource URLs are alive, with linkchecker as the engine.

Input: every URL in the dataset (default), only those added or changed since a git ref (--changed-since, for
pull requests), or a plain list (--urls FILE). Each URL gets one verdict: ok, redirected, failing, dead,
transient or blocked. Failures are checked a second time at the end of the run (a 429 after its Retry-After).

Exit status: 0 when the run completed, whatever it found; 1 in --changed-since mode when a changed URL is
hard-dead (404, 410, DNS failure or redirect loop, twice); 2 for bad usage; 3 when the run is incomplete (the
--budget ran out, or the engine lost URLs): what was checked is saved, the rest is listed as unchecked and keeps
its history; 130/143 when stopped by SIGINT/SIGTERM (workers stopped, temporary files removed, nothing saved).
"""

from __future__ import annotations

import argparse
import dataclasses
import ipaddress
import json
import re
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import yaml

from linkhealth import notfound
from linkhealth.engine import (
    MAX_THREADS,
    MIN_THREADS,
    URLS_PER_WORKER,
    EngineError,
    EngineOptions,
    host_of,
    hostname_of,
    run_engine,
    workers_for,
)
from linkhealth.report import markdown_report, results_json
from linkhealth.spawn import discard_spare_worker, prestart_worker
from linkhealth.state import WAYBACK_API, StateError, UrlState, iso, load_state, save_state, update
from linkhealth.verdict import VERDICTS, Check, PolicyError, classify, load_policy
from macros.source import printable, read_source
from macros.urlpolicy import url_problem

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STATE = "state/link-health.json"
DEFAULT_POLICY = "data/link-hosts.yml"
MAX_RETRY_WAIT = 120.0
EXIT_INCOMPLETE = 3


class Interrupted(BaseException):
    """SIGTERM or SIGINT arrived: unwind (stopping workers, removing temporary files) and exit."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum, _frame):
    raise Interrupted(signum)


class UsageError(ValueError):
    pass


def dataset_urls(root: Path) -> dict[str, str]:
    """URL → resource id for every resource file (read directly: checking links must not need a valid dataset)."""
    urls = {}
    for path in sorted((root / "data" / "resources").glob("*.yml")):
        # The dataset's own reader: capped, no aliases, never through a link (the files may come from a PR).
        source, problems = read_source(path, root)
        document = source.value
        if not problems and isinstance(document, dict) and isinstance(document.get("url"), str):
            urls[document["url"].strip()] = path.stem
    return urls


def changed_urls(root: Path, ref: str) -> dict[str, str]:
    """URLs of resource files added, or whose url changed, since git `ref`."""

    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)

    # The ref comes from the command line (a workflow input, a branch name): after --end-of-options git reads it
    # as a revision whatever it looks like, so `--output=FILE` can never become an option.
    resolved = git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if resolved.returncode != 0 or not resolved.stdout.strip():
        raise UsageError(
            f"--changed-since {printable(ref)}: git cannot compare with it (not a commit in this repository)"
        )
    commit = resolved.stdout.strip()
    listing = git("diff", "--name-only", "--diff-filter=AMR", "--end-of-options", commit, "--", "data/resources/")
    if listing.returncode != 0:
        raise UsageError(
            f"--changed-since {printable(ref)}: git cannot compare with it ({printable(listing.stderr.strip())})"
        )
    untracked = git("ls-files", "--others", "--exclude-standard", "--", "data/resources/")
    current = dataset_urls(root)
    by_file = {resource: url for url, resource in current.items()}
    changed = {}
    for name in listing.stdout.split() + untracked.stdout.split():
        resource = Path(name).stem
        if resource not in by_file:
            continue
        before = git("show", "--end-of-options", f"{commit}:{name}")
        old_url = None
        if before.returncode == 0:
            try:
                old = yaml.safe_load(before.stdout)
                old_url = old.get("url") if isinstance(old, dict) else None
            except yaml.YAMLError:
                pass
        if old_url != by_file[resource]:
            changed[by_file[resource]] = resource
    return changed


def read_url_file(path: Path) -> dict[str, str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"--urls {path}: cannot read it ({err})") from None
    urls = {}
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not line.startswith(("http://", "https://")) or any(ch.isspace() for ch in line):
            raise UsageError(f"{path}:{number}: not an http(s) URL: {line[:80]}")
        urls[line] = ""
    return urls


class Progress:
    """A one-line progress bar on standard error, only when it is a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if self.enabled and total:
            filled = int(30 * done / total)
            sys.stderr.write(f"\r  [{'#' * filled}{'.' * (30 - filled)}] {done}/{total} URLs")
            sys.stderr.flush()

    def finish(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def _allowed(host: str, networks: list) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return any(address in network for network in networks)


def check_all(
    urls: list[str], options: EngineOptions, policy, progress: Progress, started: float | None = None
) -> dict[str, Check]:
    """First pass over every URL, then one re-check of everything that did not come back ok, then one 404 probe
    per suspicious host (linkhealth.notfound) — all within the budget. A URL the budget leaves unchecked gets the
    verdict `unchecked`."""
    started = time.monotonic() if started is None else started
    deadline = started + options.budget
    networks = [ipaddress.ip_network(net, strict=False) for net in options.allow_networks]
    allowed: dict[str, bool] = {}  # host -> in an allowed network (a host has many URLs)
    for host in map(hostname_of, urls):
        if host not in allowed:
            allowed[host] = _allowed(host, networks)
    refused = {
        url: reason
        for url in urls
        if options.public_only and not allowed[hostname_of(url)] and (reason := url_problem(url))
    }
    skipped = {url for url in urls if (rule := policy.rule_for(url)) and rule.action == "skip"} - set(refused)
    to_check = [url for url in urls if url not in skipped and url not in refused]
    raw = run_engine(to_check, options, progress if progress.enabled else None, deadline=deadline)
    checks = {url: classify(raw[url], policy) for url in to_check}
    again = [url for url, check in checks.items() if check.verdict in ("failing", "transient") or check.retry_after]
    remaining = deadline - time.monotonic()
    if again and remaining > 1:
        waits = [checks[url].retry_after for url in again if checks[url].retry_after]
        pause = min(max(waits, default=0.0), MAX_RETRY_WAIT, max(0.0, remaining / 2))
        if pause:
            time.sleep(pause)
        for url, result in run_engine(again, options, deadline=deadline).items():
            if result.unchecked is None:  # a re-check the budget cut short keeps the first pass's verdict
                checks[url] = classify(result, policy)
                raw[url] = result
    _compare_with_404_pages(raw, checks, options, policy, deadline)
    for url, reason in refused.items():
        checks[url] = Check(url, "blocked", None, url, f"not checked: {reason}")
    for url in skipped:
        rule = policy.rule_for(url)
        checks[url] = Check(url, "blocked", None, url, f"not checked (host policy: {rule.reason})")
    return {url: checks[url] for url in urls}


def _compare_with_404_pages(
    raw: dict, checks: dict[str, Check], options: EngineOptions, policy, deadline: float
) -> None:
    """Probe each suspicious host's 404 page once (see linkhealth.notfound) and turn the pages that look like it
    into soft 404s. The probes go through the same engine: guarded, paced, capped, within the budget."""
    compare = notfound.pages_to_compare(raw, {url: check.verdict for url, check in checks.items()})
    if not compare or deadline - time.monotonic() <= 1:
        return
    probes = {origin: notfound.probe_url(origin) for origin in compare}
    answers = run_engine(
        list(probes.values()), dataclasses.replace(options, fingerprint_errors=True), deadline=deadline
    )
    for origin, urls in compare.items():
        probe = answers.get(probes[origin])
        for url in urls:
            reason = probe and notfound.soft_404_reason(raw[url], probe)
            if reason:
                flagged = dataclasses.replace(raw[url], warnings=[*raw[url].warnings, ("soft-404", reason)])
                checks[url] = classify(flagged, policy)


def parse_shard(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d+)/(\d+)", text or "")
    if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
        raise argparse.ArgumentTypeError(f"{text!r} is not I/N with 1 <= I <= N, such as 2/3")
    return int(match.group(1)), int(match.group(2))


def shard_of(urls: list[str], index: int, count: int) -> list[str]:
    """The URLs of shard `index` (1-based) of `count`: whole hosts only (so per-host pacing holds across shards),
    shared out largest host first into the shard with fewest URLs; the same on every machine for one URL list."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(host_of(url), []).append(url)
    sizes = [0] * count
    mine: list[str] = []
    for host in sorted(by_host, key=lambda h: (-len(by_host[h]), h)):
        target = min(range(count), key=lambda i: (sizes[i], i))
        sizes[target] += len(by_host[host])
        if target == index - 1:
            mine.extend(by_host[host])
    chosen = set(mine)
    return [url for url in urls if url in chosen]


def shard_plan(url_count: int, per_shard: int, most: int = 8) -> list[int]:
    """Shard numbers for a dataset of `url_count` URLs: one shard up to `per_shard` URLs, then one more per
    `per_shard`, at most `most`."""
    return list(range(1, min(most, max(1, -(-url_count // per_shard))) + 1))


def merge_states(target: Path, shards: list[Path], dataset: dict[str, str], now: datetime) -> dict[str, UrlState]:
    """Fold shard state files into `target`, newest check winning for each URL; URLs no longer in the dataset are
    dropped. Returns the merged history of the dataset's URLs."""
    for shard in shards:
        warnings: list[str] = []
        entries = load_state(shard, now, warnings)
        for warning in warnings:
            print(f"warning: {shard}: {printable(warning)}", file=sys.stderr)
        save_state(target, entries, now, keep=lambda url: url in dataset)
    merged = load_state(target, now)
    return {url: merged[url] for url in dataset if url in merged}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="check_links.py",
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--urls", type=Path, metavar="FILE", help="check the URLs in FILE, one per line")
    source.add_argument("--changed-since", metavar="REF", help="check only URLs added or changed since git REF")
    parser.add_argument(
        "--state",
        type=Path,
        metavar="FILE",
        help=f"per-URL history to read and update (default for a full run: {DEFAULT_STATE})",
    )
    parser.add_argument("--now", metavar="ISO-8601", help="the time to record (default: the clock); for replaying runs")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the results as JSON")
    parser.add_argument("--report", type=Path, metavar="FILE", help="write a Markdown report")
    parser.add_argument("--budget", type=float, default=1800.0, metavar="SECONDS", help="time for the whole run")
    parser.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS", help="time for one request")
    parser.add_argument(
        "--threads",
        type=int,
        default=0,
        help=f"checking threads in all (default: 0, one per host, {MIN_THREADS}-{MAX_THREADS} a worker)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=0,
        help=f"processes (default: one per {URLS_PER_WORKER} URLs, at most one per core)",
    )
    parser.add_argument(
        "--hosts", type=Path, default=None, metavar="FILE", help=f"host policy file (default: {DEFAULT_POLICY})"
    )
    parser.add_argument(
        "--wayback-api",
        default=WAYBACK_API,
        metavar="URL",
        help="Wayback availability API used for newly dead URLs ('none' to skip the look-up)",
    )
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    # Test-only, never a default: the link-checker tests' fault server lives on 127.0.0.10-59, so they pass
    # `--allow-host 127.0.0.0/26`; requests and redirects to any other non-public address are still refused.
    parser.add_argument("--allow-host", action="append", default=[], metavar="CIDR", help=argparse.SUPPRESS)
    parser.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")
    parser.add_argument(
        "--shard",
        type=parse_shard,
        metavar="I/N",
        help="check only shard I of N (whole hosts; every shard reads the full --state and writes its own)",
    )
    parser.add_argument(
        "--merge",
        type=Path,
        nargs="+",
        metavar="SHARD_STATE",
        help="no checking: merge shard state files into --state (newest check wins) and write --report/--json",
    )
    parser.add_argument(
        "--plan-shards",
        type=int,
        metavar="URLS_PER_SHARD",
        help="no checking: print the shard numbers for the dataset as a JSON list (for a workflow matrix)",
    )
    args = parser.parse_args(argv)
    if args.budget <= 0 or args.timeout <= 0 or args.threads < 0 or args.workers < 0:
        parser.error("--budget and --timeout must be positive, --threads and --workers 0 or more")
    for network in args.allow_host:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError:
            parser.error(f"--allow-host {network!r} is not an address or network such as 127.0.0.0/8")
    return args


def main(argv: list[str] | None = None) -> int:
    previous = {sig: signal.signal(sig, _on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        return _main(argv)
    except Interrupted as stop:
        name = signal.Signals(stop.signum).name
        print(f"stopped by {name}: workers stopped, temporary files removed, nothing saved", file=sys.stderr)
        return 128 + stop.signum
    finally:
        discard_spare_worker()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        now = datetime.fromisoformat(args.now.replace("Z", "+00:00")) if args.now else datetime.now(UTC)
        now = now if now.tzinfo else now.replace(tzinfo=UTC)
    except ValueError:
        print(f"error: --now {args.now!r} is not an ISO-8601 time such as 2026-11-25T06:00:00Z", file=sys.stderr)
        return 2
    if args.plan_shards is not None:
        if args.plan_shards < 1:
            print("error: --plan-shards needs a positive number of URLs per shard", file=sys.stderr)
            return 2
        print(json.dumps(shard_plan(len(dataset_urls(args.root)), args.plan_shards)))
        return 0
    if args.merge:
        return _merge(args, now)
    prestart_worker()
    try:
        if args.urls:
            urls = read_url_file(args.urls)
        elif args.changed_since:
            urls = changed_urls(args.root, args.changed_since)
        else:
            urls = dataset_urls(args.root)
        every_url = dict(urls)
        if args.shard:
            chosen = shard_of(list(urls), *args.shard)
            urls = {url: urls[url] for url in chosen}
        # A worker is starting already (see scripts/check_links.py); a run this size uses this many.
        prestart_worker(workers_for(len(urls), args.workers))
        state_path = args.state or (args.root / DEFAULT_STATE if not (args.urls or args.changed_since) else None)
        state_warnings: list[str] = []
        history = load_state(state_path, now, state_warnings)
        for warning in state_warnings:
            print(f"warning: {state_path}: {printable(warning)}", file=sys.stderr)
        policy = load_policy(args.hosts or args.root / DEFAULT_POLICY)
    except (UsageError, StateError, PolicyError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    options = EngineOptions(
        timeout=args.timeout,
        threads=args.threads,
        workers=args.workers,
        budget=args.budget,
        allow_networks=tuple(args.allow_host),
    )
    progress = Progress(not args.no_progress)
    started = time.monotonic()
    try:
        checks = check_all(list(urls), options, policy, progress, started)
    except EngineError as err:
        progress.finish()
        print(f"error: {err}", file=sys.stderr)
        return 2
    progress.finish()
    wayback = None if args.wayback_api == "none" else args.wayback_api
    results: dict[str, UrlState] = {
        url: unchecked_state(check, now)
        if check.verdict == "unchecked"
        else update(history.get(url), check, now, wayback)
        for url, check in checks.items()
    }
    unchecked = [url for url, state in results.items() if state.verdict == "unchecked"]
    if state_path:
        # A full run forgets URLs no longer in the dataset; a partial run only adds to the history. An unchecked
        # URL keeps the history it had: no check happened, so nothing about it changed.
        full = not (args.urls or args.changed_since)
        checked = {url: state for url, state in results.items() if state.verdict != "unchecked"}
        save_state(state_path, checked, now, keep=(lambda url: url in every_url) if full else None)
    if args.json:
        args.json.write_text(json.dumps(results_json(results, urls), indent=1, ensure_ascii=False) + "\n", "utf-8")
    if args.report:
        args.report.write_text(markdown_report(results, urls, iso(now), time.monotonic() - started), "utf-8")
    counts = {v: sum(s.verdict == v for s in results.values()) for v in (*VERDICTS, "unchecked")}
    print(
        f"Checked {len(results)} URL(s) in {time.monotonic() - started:.1f} s: "
        + ", ".join(f"{n} {v}" for v, n in counts.items() if n)
    )
    if args.changed_since:
        hard = [url for url, s in results.items() if s.verdict in ("failing", "dead") and checks[url].hard]
        for url in hard:
            print(printable(f"data/resources/{urls[url]}.yml: {url} is dead: {results[url].detail}"), file=sys.stderr)
        if hard:
            return 1
    if unchecked:
        print(
            f"incomplete: {len(unchecked)} URL(s) not checked ({printable(results[unchecked[0]].detail)}); "
            "the results of the others are saved",
            file=sys.stderr,
        )
        return EXIT_INCOMPLETE
    return 0


def _merge(args: argparse.Namespace, now: datetime) -> int:
    missing = [path for path in args.merge if not path.is_file()]
    if missing:
        print(f"error: --merge: no shard state file {missing[0]}", file=sys.stderr)
        return 2
    target = args.state or args.root / DEFAULT_STATE
    dataset = dataset_urls(args.root)
    try:
        merged = merge_states(target, args.merge, dataset, now)
    except StateError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    results = {
        url: merged.get(url) or UrlState("unchecked", None, url, iso(now), "no shard has a result for it yet")
        for url in dataset
    }
    if args.json:
        args.json.write_text(json.dumps(results_json(results, dataset), indent=1, ensure_ascii=False) + "\n", "utf-8")
    if args.report:
        args.report.write_text(markdown_report(results, dataset, iso(now), 0.0), "utf-8")
    print(f"Merged {len(args.merge)} shard state file(s) into {target}: {len(merged)} of {len(dataset)} URL(s)")
    return 0


def unchecked_state(check: Check, now: datetime) -> UrlState:
    """What the JSON and the report show for a URL the run did not get to (never written to the history)."""
    return UrlState(
        verdict="unchecked", http_status=None, final_url=check.url, checked_at=iso(now), detail=check.detail
    )
