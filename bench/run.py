"""Build-time benchmark (issues 8 and 13). `make bench` runs it; bench/README.md explains it.

Every build is a separate `mkdocs build` process (bench/child.py cold), timed from outside
(wall-clock, and CPU = user + system of the process, from os.wait4, with its peak RSS).
Variants are interleaved round by round, in a rotating order. Round 0 of each repetition is the
cold build: every variant's `.cache/` is deleted first. Rounds 1..BENCH_LATER are later builds,
which find the cache the cold build left. Medians are over the later rounds of all repetitions.

1. The issue-13 metric, on a copy of the landed site (bench/generate.py generate_real):
     site   the landed site alone
     plain  site + BENCH_PAGES synthetic pages (10 citations each) with the citations as plain text
     cite   the same pages with `{{ cite(...) }}` and a BENCH_ENTRIES-entry bib
   cost of the citation layer = (cite - plain) / (plain - site), for cold and for later builds.
   With BENCH_BEFORE=/path/to/python (another checkout's venv), variant `before` builds the same
   `cite` project with that kit, interleaved with the others: the before/after comparison.
2. Growth and mkdocs-bibtex, on the synthetic corpus alone (generate.py generate) at BENCH_SIZES:
     floor   Material + search, citations as text
     macros  the explainer kit
     bibtex  mkdocs-bibtex 4.4.0 without CSL, `[@key]` syntax, in bench/out/bibtex-venv
3. Serve: bench/child.py serve (first build, an unchanged rebuild, BENCH_EDITS rebuilds after
   editing one page, in one process as `mkdocs serve` does), BENCH_SERVE_RUNS times per variant,
   on the synthetic site (floor vs macros) and on the landed-site corpus (plain vs cite).
4. Instructions: the metric of part 1 counted in instructions executed, one cold and one later
   build per variant under valgrind (cachegrind without its cache simulation). A count does not
   depend on what else the shared host runs, so the variants run side by side on every core and
   one build each is enough. Then one edited-page rebuild in serve, counted the same way (a serve
   session with 2 edits minus one with none, halved), for both pairs of part 3. Skipped with a
   line in the table if valgrind is not installed.

Environment: BENCH_PAGES (200), BENCH_ENTRIES (1000), BENCH_REPEATS (2), BENCH_LATER (5),
BENCH_SIZES (50,200,1000), BENCH_LATER_LARGE (2, for sizes >= 1000), BENCH_BUDGET (100 s: a
variant whose build takes longer is not run again at that size or larger), BENCH_SERVE_RUNS (2),
BENCH_PARTS (metric,growth,serve,instructions), BENCH_BEFORE (unset).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
sys.path.insert(0, str(BENCH))

from generate import generate, generate_real  # noqa: E402

PROJECT_PY = ROOT / ".venv" / "bin" / "python"
BIBTEX_VENV = OUT / "bibtex-venv"
VALGRIND = shutil.which("valgrind")
BIBTEX_PY = BIBTEX_VENV / "bin" / "python"
# The same mkdocs stack as requirements.lock, plus the plugin under comparison.
BIBTEX_REQS = [
    "mkdocs==1.6.1",
    "mkdocs-material==9.8.2",
    "pymdown-extensions==13.1.2",
    "Markdown==3.11.3",
    "pybtex==0.26.1",
    "mkdocs-bibtex==4.4.0",
]

PAGES = int(os.environ.get("BENCH_PAGES", "200"))
ENTRIES = int(os.environ.get("BENCH_ENTRIES", "1000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "2"))
LATER = int(os.environ.get("BENCH_LATER", "5"))
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "50,200,1000").split(",") if s]
LATER_LARGE = int(os.environ.get("BENCH_LATER_LARGE", "2"))
BUDGET = float(os.environ.get("BENCH_BUDGET", "100"))
SERVE_RUNS = int(os.environ.get("BENCH_SERVE_RUNS", "2"))
ALL_PARTS = ["metric", "growth", "serve", "instructions"]
PARTS = os.environ.get("BENCH_PARTS", ",".join(ALL_PARTS)).split(",")
BEFORE_PY = os.environ.get("BENCH_BEFORE")


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def ensure_bibtex_venv() -> None:
    stamp = BIBTEX_VENV / ".bench-installed"
    if stamp.exists() and stamp.read_text() == " ".join(BIBTEX_REQS):
        return
    log(f"installing {' '.join(BIBTEX_REQS)} into {BIBTEX_VENV.relative_to(ROOT)}")
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(BIBTEX_VENV)], check=True)
    subprocess.run(
        [str(BIBTEX_PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *BIBTEX_REQS],
        check=True,
    )
    stamp.write_text(" ".join(BIBTEX_REQS))


def spawn(py: Path | str, mode: str, project: Path, site: Path, timeout: float) -> dict:
    """Run bench/child.py; return its JSON plus wall_s, cpu_s and peak_mb ({"timeout"} on timeout)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", GIT_DATES="false")
    out_path = OUT / "child.out"
    with open(out_path, "w") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [str(py), str(BENCH / "child.py"), mode, str(project), str(site)],
            stdout=out,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=project,
        )
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - t0 > timeout:
                proc.kill()
                os.wait4(proc.pid, 0)
                return {"timeout": True, "wall_s": time.perf_counter() - t0}
            time.sleep(0.01)
        wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    text = out_path.read_text()
    if code != 0:
        raise SystemExit(f"{project} {mode} failed ({code}): {text[-2000:]}")
    result = json.loads(text.strip().splitlines()[-1])
    result["wall_s"] = wall
    result["peak_mb"] = usage.ru_maxrss / 1024  # KiB on Linux
    result["cpu_s"] = usage.ru_utime + usage.ru_stime
    return result


def clear_cache(project: Path) -> None:
    shutil.rmtree(project / ".cache", ignore_errors=True)


def run_rounds(label: str, variants: dict[str, tuple[Path | str, Path]], later: int, repeats: int, skip: set):
    """samples[variant]["cold"|"later"] = list of {wall_s, cpu_s, peak_mb, rep, round}."""
    samples: dict[str, dict[str, list]] = {v: {"cold": [], "later": []} for v in variants}
    names = list(variants)
    for rep in range(repeats):
        for _, project in variants.values():
            clear_cache(project)
        for rnd in range(1 + later):
            order = names[rnd % len(names) :] + names[: rnd % len(names)]  # rotate: no fixed position
            for v in order:
                if v in skip:
                    continue
                py, project = variants[v]
                site = OUT / "site" / label / v
                r = spawn(py, "cold", project, site, BUDGET * 3)
                if r.get("timeout") or r["wall_s"] > BUDGET:
                    log(f"[{label}] {v}: {r['wall_s']:.0f} s, over the {BUDGET:.0f} s budget: not run again")
                    samples[v].setdefault("over_budget", []).append(r["wall_s"])
                    skip.add(v)
                    continue
                kind = "cold" if rnd == 0 else "later"
                samples[v][kind].append(
                    {
                        "wall_s": r["wall_s"],
                        "cpu_s": r["cpu_s"],
                        "peak_mb": r["peak_mb"],
                        "rep": rep,
                        "round": rnd,
                    }
                )
                log(
                    f"[{label}] rep {rep + 1} round {rnd}: {v:<7} {kind:<5} wall {r['wall_s']:6.2f} s  "
                    f"CPU {r['cpu_s']:6.2f} s  peak {r['peak_mb']:.0f} MB"
                )
    return samples


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def col(samples, variant, kind, key):
    return [s[key] for s in samples.get(variant, {}).get(kind, [])]


def layer(top, mid, base):
    """(top - mid) / (mid - base), or None."""
    if None in (top, mid, base) or mid == base:
        return None
    return (top - mid) / (mid - base)


def paired_ratios(samples, top, mid, base, kind, key):
    """The cost ratio within each round (the three builds of one round ran side by side)."""
    by_round: dict[tuple, dict] = {}
    for v in (top, mid, base):
        for s in samples.get(v, {}).get(kind, []):
            by_round.setdefault((s["rep"], s["round"]), {})[v] = s[key]
    return [layer(r[top], r[mid], r[base]) for r in by_round.values() if len(r) == 3]


def spread(values) -> str:
    values = [v for v in values if v is not None]
    if not values:
        return "–"
    return f"{min(values):.2f} to {max(values):.2f} (n={len(values)})"


def fmt_s(v):
    return "–" if v is None else f"{v:.2f} s"


def fmt_r(v):
    return "–" if v is None else f"{v:.2f}"


def verdict(value, limit) -> str:
    if value is None:
        return "not measured"
    return f"{'met' if value <= limit else '**not met**'} ({value:.2f})"


# ---------------------------------------------------------------------------------------------
# Page weight and the search index: what a browser fetches for one page on first load.


class Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and (a.get("rel") or "") in ("stylesheet", "icon", "preload") and a.get("href"):
            self.urls.append(a["href"])
        elif tag in ("script", "img") and a.get("src"):
            self.urls.append(a["src"])


def page_weight(site: Path, page: str) -> dict | None:
    html_path = site / page
    if not html_path.exists():
        return None
    html = html_path.read_bytes()
    parser = Assets()
    parser.feed(html.decode("utf-8"))
    files = [html_path]
    for url in parser.urls:
        if re.match(r"^[a-z]+:", url) or url.startswith("//"):
            continue
        path = (html_path.parent / url.split("?")[0].split("#")[0]).resolve()
        if path.is_file():
            files.append(path)
    index = site / "search" / "search_index.json"
    return {
        "html": len(html),
        "html_gz": len(gzip.compress(html, 6)),
        "gz": sum(len(gzip.compress(f.read_bytes(), 6)) for f in files),
        "files": len(files),
        "search": index.stat().st_size if index.exists() else 0,
        "search_gz": len(gzip.compress(index.read_bytes(), 6)) if index.exists() else 0,
    }


def search_hits(site: Path, phrase: str) -> list[str]:
    """Locations in the built search index whose title or text holds the phrase."""
    index = site / "search" / "search_index.json"
    if not index.exists():
        return []
    docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
    return [d["location"] for d in docs if phrase.lower() in (d["title"] + " " + d["text"]).lower()]


# ---------------------------------------------------------------------------------------------


def metric_corpus(root: Path, label: str) -> dict[str, tuple[Path | str, Path]]:
    """Generate the issue-13 corpus in `root`; its variants, with `before` when BENCH_BEFORE is set."""
    log(f"[{label}] generating {root.relative_to(ROOT)}")
    generate_real(root, PAGES, ENTRIES)
    variants: dict[str, tuple[Path | str, Path]] = {
        v: (PROJECT_PY, root / v) for v in ("site", "plain", "cite")
    }
    if BEFORE_PY:
        # Its own copy: the two kits' caches have different headers, so in one folder each
        # build would find the other kit's cache, ignore it and start again: every later
        # build a cold one (the 2026-12-02 run).
        shutil.copytree(root / "cite", root / "before")
        variants["before"] = (BEFORE_PY, root / "before")
    return variants


def part_metric(results: dict) -> list[str]:
    variants = metric_corpus(OUT / "sites" / f"real-p{PAGES}", "metric")
    samples = run_rounds("metric", variants, LATER, REPEATS, set())
    results["metric"] = samples
    lines = [
        f"**1. Cost of the citation layer** (issue 13): the landed site, plus {PAGES} synthetic pages "
        f"(10 citation calls each) and a {ENTRIES}-entry bib. cost = (cite − plain) ÷ (plain − site). "
        f"{REPEATS} repetitions of 1 cold build (cache deleted) + {LATER} later builds, variants "
        "interleaved; medians, and the range of the ratio computed within each round.",
        "",
        "| build | clock | site | plain | cite | cost from medians | cost, range over rounds | target |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    tops = [("cite", "after")] + ([("before", "before")] if BEFORE_PY else [])
    for kind, target in (("cold", 0.35), ("later", 0.10)):
        for key, clock in (("wall_s", "wall"), ("cpu_s", "CPU")):
            site_m, plain_m = med(col(samples, "site", kind, key)), med(col(samples, "plain", kind, key))
            for top, when in tops:
                top_m = med(col(samples, top, kind, key))
                cost = layer(top_m, plain_m, site_m)
                name = f"{kind}{' (kit on main, before)' if when == 'before' else ''}"
                lines.append(
                    f"| {name} | {clock} | {fmt_s(site_m)} | {fmt_s(plain_m)} | {fmt_s(top_m)} | {fmt_r(cost)} | "
                    f"{spread(paired_ratios(samples, top, 'plain', 'site', kind, key))} | "
                    f"{verdict(cost, target) if when == 'after' else ''} |"
                )
    mem = {
        v: max(col(samples, v, "later", "peak_mb") + col(samples, v, "cold", "peak_mb") or [0])
        for v in variants
    }
    lines += ["", "Peak RSS (MB): " + ", ".join(f"{v} {m:.0f}" for v, m in mem.items()) + "."]
    # What a reader searching for a work's title gets.
    phrase = "Anti-CD19 CAR T cell therapy for refractory systemic lupus erythematosus"
    hits = search_hits(OUT / "site" / "metric" / "cite", phrase)
    lines += [
        "",
        f'Search for "{phrase}" (Mackensen 2022) in the built search_index.json of `cite`: '
        f"{len(hits)} result(s): {', '.join(hits) or 'none'}.",
    ]
    return lines


def part_growth(results: dict) -> list[str]:
    ensure_bibtex_venv()
    skip: set[str] = set()
    lines = [
        "",
        "**2. Growth and mkdocs-bibtex** (synthetic pages alone, a "
        f"{ENTRIES}-entry bib): floor = Material + search with the citations as text. Medians; "
        "layer = variant − floor; the last columns compare the kit with mkdocs-bibtex.",
        "",
        "| pages | build | clock | floor | kit | mkdocs-bibtex | kit ÷ bibtex (build) | kit layer ÷ bibtex layer | peak RSS floor / kit / bibtex |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    results["growth"] = {}
    for size in SIZES:
        root = OUT / "sites" / f"p{size}"
        log(f"[growth {size}] generating {root.relative_to(ROOT)}")
        generate(root, size, ENTRIES)
        variants = {"floor": (PROJECT_PY, root / "floor"), "macros": (PROJECT_PY, root / "macros")}
        variants["bibtex"] = (BIBTEX_PY, root / "bibtex")
        later = LATER_LARGE if size >= 1000 else LATER
        samples = run_rounds(f"p{size}", variants, later, 1, skip)
        results["growth"][size] = samples
        for kind in ("cold", "later"):
            for key, clock in (("wall_s", "wall"), ("cpu_s", "CPU")):
                f, m, b = (med(col(samples, v, kind, key)) for v in ("floor", "macros", "bibtex"))
                over = samples["bibtex"].get("over_budget")
                b_text = fmt_s(b) if b is not None else (f"> {BUDGET:.0f} s" if over else "not run")
                ratio = f"{m / b:.2f}" if m and b else ("< " + f"{m / BUDGET:.2f}" if m and over else "–")
                lr = None if None in (m, f, b) or b == f else (m - f) / (b - f)
                mem = "/".join(
                    f"{max(col(samples, v, kind, 'peak_mb') or [0]):.0f}"
                    for v in ("floor", "macros", "bibtex")
                )
                lines.append(
                    f"| {size} | {kind} | {clock} | {fmt_s(f)} | {fmt_s(m)} | {b_text} | {ratio} | {fmt_r(lr)} | {mem} MB |"
                )
    big = results["growth"].get(1000)
    if big:
        fl = max(col(big, "floor", "cold", "peak_mb") + col(big, "floor", "later", "peak_mb") or [0])
        kit = max(col(big, "macros", "cold", "peak_mb") + col(big, "macros", "later", "peak_mb") or [0])
        if fl:
            lines += [
                "",
                f"Memory, 1000 pages: kit {kit:.0f} MB ÷ floor {fl:.0f} MB = {verdict(kit / fl, 2.0)} (target ≤ 2×).",
            ]
    return lines


def part_serve(results: dict) -> list[str]:
    lines = [
        "",
        "**3. `mkdocs serve`, one page edited**: in-process rebuild time after editing one page "
        f"(bench/child.py serve: median of {os.environ.get('BENCH_EDITS', '3')} edits per process, "
        f"{SERVE_RUNS} processes per variant, interleaved). Target ≤ 1.15× plain Material.",
        "",
        "| site | plain Material | kit | × | target |",
        "|---|---:|---:|---:|---|",
    ]
    pairs = [
        (f"synthetic, {PAGES} pages (floor vs kit)", OUT / "sites" / f"p{PAGES}", "floor", "macros"),
        (f"landed site + {PAGES} pages (plain vs cite)", OUT / "sites" / f"real-p{PAGES}", "plain", "cite"),
    ]
    results["serve"] = {}
    for label, root, base, top in pairs:
        if not (root / base).exists():
            generate(root, PAGES, ENTRIES) if base == "floor" else generate_real(root, PAGES, ENTRIES)
        edits: dict[str, list] = {base: [], top: []}
        for run in range(SERVE_RUNS):
            for v in (base, top) if run % 2 == 0 else (top, base):
                clear_cache(root / v)
                r = spawn(PROJECT_PY, "serve", root / v, OUT / "site" / "serve" / v, BUDGET * 6)
                if r.get("timeout"):
                    continue
                edits[v] += r["edits_s"]
                log(
                    f"[serve] {label}: {v} first {r['first_s']:.2f} s, edits {', '.join(f'{e:.2f}' for e in r['edits_s'])} s"
                )
        results["serve"][label] = edits
        b, t = med(edits[base]), med(edits[top])
        x = t / b if b and t else None
        lines.append(f"| {label} | {fmt_s(b)} | {fmt_s(t)} | {fmt_r(x)}× | {verdict(x, 1.15)} |")
    return lines


def count_instructions(py: Path | str, project: Path, site: Path, mode: str = "cold", edits: int = 0) -> int:
    """Instructions bench/child.py `mode` executes on `project` under valgrind: one `mkdocs build`
    (cold), or a serve session with `edits` edited-page rebuilds (serve).

    PYTHONHASHSEED is fixed so that set and dict orders, and with them the count, repeat.
    """
    env = dict(
        os.environ, NO_MKDOCS_2_WARNING="1", GIT_DATES="false", PYTHONHASHSEED="0", BENCH_EDITS=str(edits)
    )
    logs = OUT / "valgrind"
    logs.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [
            VALGRIND,
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            f"--log-file={logs}/%p.log",
            str(py),
            str(BENCH / "child.py"),
            mode,
            str(project),
            str(site),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=project,
    )
    code = proc.wait()
    # valgrind runs the build in its own process, so the log named after that pid is the build's.
    text = (logs / f"{proc.pid}.log").read_text()
    found = re.search(r"I\s+refs:\s+([\d,]+)", text)
    if code != 0 or not found:
        raise SystemExit(f"{project}: the build under valgrind failed ({code}): {text[-2000:]}")
    return int(found.group(1).replace(",", ""))


def part_instructions(results: dict) -> list[str]:
    lines = [
        "",
        "**4. The cost of part 1 in instructions executed** (valgrind, one cold and one later build "
        "per variant; the count does not depend on the host's load, so it has no spread to speak of).",
        "",
    ]
    if not VALGRIND:
        return lines + ["Not measured: valgrind is not installed (`apt-get install valgrind`)."]
    root = OUT / "sites" / f"real-p{PAGES}-instructions"
    variants = metric_corpus(root, "instructions")

    def cold_then_later(name: str) -> dict[str, int]:
        py, project = variants[name]
        clear_cache(project)
        site = OUT / "site" / "instructions" / name
        counts = {"cold": count_instructions(py, project, site)}
        counts["later"] = count_instructions(py, project, site)
        log(f"[instructions] {name}: cold {counts['cold'] / 1e9:.2f} G, later {counts['later'] / 1e9:.2f} G")
        return counts

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        counts = dict(zip(variants, pool.map(cold_then_later, variants), strict=True))
    results["instructions"] = counts
    lines += [
        "| build | site | plain | cite | cost | before: cite | before: cost | target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for kind, target in (("cold", 0.35), ("later", 0.10)):
        site_n, plain_n, cite_n = (counts[v][kind] for v in ("site", "plain", "cite"))
        cost = layer(cite_n, plain_n, site_n)
        before_n = counts.get("before", {}).get(kind)
        row = [f"{n / 1e9:.2f} G" for n in (site_n, plain_n, cite_n)]
        before = (
            [f"{before_n / 1e9:.2f} G", fmt_r(layer(before_n, plain_n, site_n))] if before_n else ["–", "–"]
        )
        lines.append(
            f"| {kind} | {' | '.join(row)} | {fmt_r(cost)} | {' | '.join(before)} | {verdict(cost, target)} |"
        )
    return lines + serve_instructions(results, root)


def serve_instructions(results: dict, landed: Path) -> list[str]:
    """One edited-page rebuild in serve, counted: a serve session with 2 edits minus one with none,
    halved (both start with the cache cleared, so the first builds cancel out)."""
    synthetic = OUT / "sites" / f"p{PAGES}"
    if not (synthetic / "floor").exists():
        generate(synthetic, PAGES, ENTRIES)
    pairs = {
        f"synthetic, {PAGES} pages (floor vs kit)": (synthetic / "floor", synthetic / "macros"),
        f"landed site + {PAGES} pages (plain vs cite)": (landed / "plain", landed / "cite"),
    }

    def per_edit(project: Path) -> int:
        site = OUT / "site" / "instructions-serve" / project.name
        counts = []
        for edits in (0, 2):
            clear_cache(project)
            counts.append(count_instructions(PROJECT_PY, project, site, "serve", edits))
        log(f"[instructions] serve {project}: {(counts[1] - counts[0]) / 2e9:.2f} G per edit")
        return (counts[1] - counts[0]) // 2

    projects = [p for pair in pairs.values() for p in pair]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        edit = dict(zip(projects, pool.map(per_edit, projects), strict=True))
    results["instructions_serve"] = {str(p): n for p, n in edit.items()}
    lines = [
        "",
        "One edited page in `mkdocs serve`, counted (bench/child.py serve with 2 edits minus with none, halved):",
        "",
        "| site | plain Material | kit | × | target |",
        "|---|---:|---:|---:|---|",
    ]
    for label, (base, top) in pairs.items():
        x = edit[top] / edit[base]
        lines.append(
            f"| {label} | {edit[base] / 1e9:.2f} G | {edit[top] / 1e9:.2f} G | {x:.2f}× | {verdict(x, 1.15)} |"
        )
    return lines


def main() -> None:
    t0 = time.perf_counter()
    OUT.mkdir(exist_ok=True)
    results: dict = {}
    lines: list[str] = []
    if "metric" in PARTS:
        lines += part_metric(results)
    if "growth" in PARTS:
        lines += part_growth(results)
    if "serve" in PARTS:
        lines += part_serve(results)
    if "instructions" in PARTS:
        lines += part_instructions(results)
    w = page_weight(OUT / "site" / "p200" / "macros", "section-00/page-0001/index.html")
    if w:
        lines += [
            "",
            f"Page weight (synthetic 200-page site, kit): a typical page {w['html'] / 1024:.1f} KB "
            f"({w['html_gz'] / 1024:.1f} KB gzip), with its CSS/JS {w['gz'] / 1024:.1f} KB gzip; "
            f"search index {w['search'] / 1024:.0f} KB ({w['search_gz'] / 1024:.0f} KB gzip).",
        ]
    rev = subprocess.run(
        ["git", "log", "-1", "--format=%h %s"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "mkdocs_explainer"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    lines += [
        "",
        f"Kit at {rev.strip()[:90] or '?'}{' (plus uncommitted edits)' if dirty else ''}. "
        f"Machine: {os.cpu_count()} cores (shared), Python {sys.version.split()[0]}. "
        f"Benchmark took {(time.perf_counter() - t0) / 60:.1f} min.",
    ]
    text = "\n".join(lines)
    (OUT / "results.md").write_text(text + "\n", encoding="utf-8")
    (OUT / "results.json").write_text(json.dumps(results, indent=1, default=str))
    readme = BENCH / "README.md"
    doc = readme.read_text(encoding="utf-8")
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    if start in doc and end in doc and PARTS == ALL_PARTS:
        head, rest = doc.split(start, 1)
        _, tail = rest.split(end, 1)
        readme.write_text(f"{head}{start}\n{text}\n{end}{tail}", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
