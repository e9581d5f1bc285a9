"""Build-time benchmark: citations with this project's macros against the plain-Material floor
and against mkdocs-bibtex 4.4.0, side by side in one run. `make bench` runs it.

For each size (pages; the bib always has BENCH_ENTRIES entries) it generates the synthetic sites
(bench/generate.py) and, run after run, interleaves the variants:

  floor       plain Material + search, the `{{ cite(...) }}` calls left as text
  macros      this project's macros/ as it is now (symlinked into the site)
  macros+fix  the same, with the pybtex fix proposed in bench/README.md applied from outside
              (BENCH_PATCH=1 in bench/child.py; macros/ itself is not changed); off by default
              since commit c287141 made the same change in macros/
  bibtex      mkdocs-bibtex 4.4.0 without CSL, `[@key]` syntax, in bench/out/bibtex-venv

Each variant runs twice per run, in fresh processes:
  cold   one `mkdocs build` (wall-clock of the whole process: start, imports, build)
  serve  what `mkdocs serve` does in one process: first build, a rebuild with nothing changed
         (warm) and a rebuild after editing one page (edit); times are in-process.
Peak memory is the child's ru_maxrss (os.wait4). Medians over the runs; ratios to the floor.

Environment: BENCH_SIZES (50,200,1000), BENCH_RUNS (3), BENCH_RUNS_LARGE (1, for sizes >= 1000),
BENCH_ENTRIES (1000), BENCH_BUDGET (100: a variant whose cold build takes longer is not run again,
at that size or larger; its serve run is skipped), BENCH_VARIANTS (floor,macros,bibtex;
add macros+fix to compare).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
sys.path.insert(0, str(BENCH))

from generate import generate  # noqa: E402

PROJECT_PY = ROOT / ".venv" / "bin" / "python"
BIBTEX_VENV = OUT / "bibtex-venv"
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

SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "50,200,1000").split(",")]
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
RUNS_LARGE = int(os.environ.get("BENCH_RUNS_LARGE", "1"))
ENTRIES = int(os.environ.get("BENCH_ENTRIES", "1000"))
BUDGET = float(os.environ.get("BENCH_BUDGET", "100"))
VARIANTS = os.environ.get("BENCH_VARIANTS", "floor,macros,bibtex").split(",")


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


def spawn(variant: str, mode: str, project: Path, site: Path, timeout: float) -> dict:
    """Run bench/child.py; return its JSON plus wall_s and peak_mb (None fields on timeout)."""
    py = BIBTEX_PY if variant == "bibtex" else PROJECT_PY
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="0")
    env["BENCH_PATCH"] = "1" if variant == "macros+fix" else "0"
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
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = out_path.read_text()
    if proc.returncode != 0:
        raise SystemExit(f"{variant} {mode} failed ({proc.returncode}): {text[-2000:]}")
    result = json.loads(text.strip().splitlines()[-1])
    result["wall_s"] = wall
    result["peak_mb"] = usage.ru_maxrss / 1024  # KiB on Linux
    result["proc_cpu_s"] = usage.ru_utime + usage.ru_stime
    return result


def site_dir(size: int, variant: str, mode: str) -> Path:
    return OUT / "site" / f"p{size}" / variant.replace("+", "-") / mode


def bench_size(size: int, runs: int, skip: set[str]) -> dict:
    root = OUT / "sites" / f"p{size}"
    log(f"[{size} pages] generating {root.relative_to(ROOT)}")
    generate(root, size, ENTRIES)
    project = {
        "floor": root / "floor",
        "macros": root / "macros",
        "macros+fix": root / "macros",
        "bibtex": root / "bibtex",
    }
    samples: dict[str, dict[str, list]] = {v: {} for v in VARIANTS}
    for run in range(runs):
        for variant in VARIANTS:
            if variant in skip:
                continue
            r = spawn(variant, "cold", project[variant], site_dir(size, variant, "cold"), BUDGET * 3)
            s = samples[variant]
            if r.get("timeout") or r["wall_s"] > BUDGET:
                log(
                    f"[{size} pages] run {run + 1}: {variant} cold {r['wall_s']:.0f} s"
                    f"{' (timed out)' if r.get('timeout') else ''}: over the {BUDGET:.0f} s budget, "
                    "not run again"
                )
                s.setdefault("over_budget", []).append(r["wall_s"])
                skip.add(variant)
                continue
            s.setdefault("cold", []).append(r["wall_s"])
            s.setdefault("cold_build", []).append(r["build_s"])
            s.setdefault("cold_cpu", []).append(r["proc_cpu_s"])
            s.setdefault("cold_mb", []).append(r["peak_mb"])
            s.setdefault("warnings", []).append(r["warnings"])
            r = spawn(variant, "serve", project[variant], site_dir(size, variant, "serve"), BUDGET * 6)
            if r.get("timeout"):
                skip.add(variant)
                continue
            for k in ("first_s", "warm_s", "edit_s"):
                s.setdefault(k, []).append(r[k])
            s.setdefault("warm_cpu", []).append(r["cpu_s"][1])
            s.setdefault("edit_cpu", []).append(r["cpu_s"][2])
            s.setdefault("serve_mb", []).append(r["peak_mb"])
            log(
                f"[{size} pages] run {run + 1}: {variant:<10} cold {s['cold'][-1]:6.2f} s  "
                f"warm {r['warm_s']:6.2f} s  edit {r['edit_s']:6.2f} s  peak {r['peak_mb']:.0f} MB  "
                f"CPU cold {s['cold_cpu'][-1]:.2f} warm {r['cpu_s'][1]:.2f} edit {r['cpu_s'][2]:.2f} s"
            )
    return samples


# ---------------------------------------------------------------------------------------------
# Page weight: what a browser fetches for one page on first load (HTML, CSS, JS, images named in
# the HTML; fonts are off), raw and gzip-compressed, plus the search index Material fetches.


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


def page_weight(site: Path, page: str) -> dict:
    html_path = site / page
    html = html_path.read_bytes()
    parser = Assets()
    parser.feed(html.decode("utf-8"))
    files = [html_path]
    for url in parser.urls:
        if re.match(r"^[a-z]+:", url) or url.startswith("//"):
            continue  # external: none expected (font: false)
        path = (html_path.parent / url.split("?")[0].split("#")[0]).resolve()
        if path.is_file():
            files.append(path)
    raw = sum(f.stat().st_size for f in files)
    gz = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
    index = site / "search" / "search_index.json"
    return {
        "html": len(html),
        "html_gz": len(gzip.compress(html, 6)),
        "raw": raw,
        "gz": gz,
        "files": len(files),
        "search": index.stat().st_size if index.exists() else 0,
        "search_gz": len(gzip.compress(index.read_bytes(), 6)) if index.exists() else 0,
    }


# ---------------------------------------------------------------------------------------------


def med(values):
    return statistics.median(values) if values else None


def _target(value, reference, limit) -> str:
    """'met (0.93×)' or '**not met** (1.20×)'; 'not measured' when a variant was left out
    (for example BENCH_VARIANTS=floor,macros has no mkdocs-bibtex to compare with)."""
    if value is None or not reference:
        return "not measured"
    ratio = value / reference
    return f"{'met' if ratio <= limit else '**not met**'} ({ratio:.2f}×)"


def fmt_s(v):
    return "–" if v is None else f"{v:.2f} s"


def fmt_x(v, floor):
    return "–" if v is None or not floor else f"{v / floor:.2f}×"


def kb(n):
    return f"{n / 1024:.1f} KB"


LABEL = {
    "floor": "(a) floor: Material, citations as text",
    "macros": "(b/c) macros (as is)",
    "macros+fix": "(b/c) macros + proposed pybtex fix",
    "bibtex": "(d) mkdocs-bibtex 4.4.0, no CSL",
}


def report(results: dict, runs_by_size: dict, weights: dict | None, elapsed: float) -> str:
    lines = [
        f"Synthetic site: about 800 words and 10 citation calls (12–13 keys) a page, a "
        f"{ENTRIES}-entry bib with accented names; seed 8. Medians of the runs shown; "
        "× = ratio to the floor in the same column.",
        "",
    ]
    lines += [
        "| pages | variant | runs | cold build | × floor | warm rebuild | × floor | "
        "edit-one-page rebuild | × floor | peak RSS cold / serve |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, samples in results.items():
        fl = samples.get("floor", {})
        f_cold, f_warm, f_edit = med(fl.get("cold", [])), med(fl.get("warm_s", [])), med(fl.get("edit_s", []))
        for variant in VARIANTS:
            s = samples.get(variant, {})
            if s.get("over_budget") and not s.get("cold"):
                lines.append(
                    f"| {size} | {LABEL[variant]} | 1 | > {BUDGET:.0f} s "
                    f"({s['over_budget'][0]:.0f} s{', killed' if s['over_budget'][0] > BUDGET * 3 - 1 else ''}) "
                    f"| {fmt_x(s['over_budget'][0], f_cold)} | not run (over budget) | | | | |"
                )
                continue
            if not s.get("cold"):
                lines.append(
                    f"| {size} | {LABEL[variant]} | 0 | not run (over budget at a smaller size) | | | | | | |"
                )
                continue
            c, w, e = med(s["cold"]), med(s.get("warm_s", [])), med(s.get("edit_s", []))
            mem = f"{max(s['cold_mb']):.0f} / {max(s.get('serve_mb', [0])):.0f} MB"
            lines.append(
                f"| {size} | {LABEL[variant]} | {len(s['cold'])} | {fmt_s(c)} | {fmt_x(c, f_cold)} | "
                f"{fmt_s(w)} | {fmt_x(w, f_warm)} | {fmt_s(e)} | {fmt_x(e, f_edit)} | {mem} |"
            )
    lines += [
        "",
        "The same builds in CPU seconds (user + system of the process for cold, of the build "
        "for warm/edit): the machine is shared, and CPU time is far less disturbed by other "
        "processes than wall-clock time.",
        "",
        "| pages | variant | cold CPU | × floor | warm CPU | × floor | edit CPU | × floor |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for size, samples in results.items():
        fl = samples.get("floor", {})
        fc, fw, fe = (med(fl.get(k, [])) for k in ("cold_cpu", "warm_cpu", "edit_cpu"))
        for variant in VARIANTS:
            s = samples.get(variant, {})
            if not s.get("cold_cpu"):
                continue
            c, w, e = (med(s.get(k, [])) for k in ("cold_cpu", "warm_cpu", "edit_cpu"))
            lines.append(
                f"| {size} | {LABEL[variant]} | {fmt_s(c)} | {fmt_x(c, fc)} | {fmt_s(w)} | "
                f"{fmt_x(w, fw)} | {fmt_s(e)} | {fmt_x(e, fe)} |"
            )
    lines.append("")
    lines.append("Targets (200 pages): warm ≤ 1.10× floor, cold ≤ 1.5× floor, cold ≤ 0.5× mkdocs-bibtex.")
    lines.append("")
    lines += [
        "| variant (200 pages), wall-clock | warm ≤ 1.10× | cold ≤ 1.5× | ≤ ½ mkdocs-bibtex (cold) |",
        "|---|---|---|---|",
    ]
    t = results.get(200)
    if t:
        fl, bt = t.get("floor", {}), t.get("bibtex", {})
        fc, fw, bc = med(fl.get("cold", [])), med(fl.get("warm_s", [])), med(bt.get("cold", []))
        for variant in [v for v in ("macros", "macros+fix") if v in VARIANTS]:
            s = t.get(variant, {})
            c, w = med(s.get("cold", [])), med(s.get("warm_s", []))
            if c is None:
                over = (s.get("over_budget") or [None])[0]
                lines.append(
                    f"| {LABEL[variant]} | not met (not measured: over budget) | not met"
                    f"{f' ({over:.0f} s)' if over else ''} | not met |"
                )
                continue
            fcc, fwc, bcc = (
                med(x.get(k, [])) for x, k in ((fl, "cold_cpu"), (fl, "warm_cpu"), (bt, "cold_cpu"))
            )
            cc, wc = med(s.get("cold_cpu", [])), med(s.get("warm_cpu", []))
            lines.append(
                f"| {LABEL[variant]} | {_target(w, fw, 1.10)} | {_target(c, fc, 1.5)} | {_target(c, bc, 0.5)} |"
            )
            lines.append(
                f"| same, CPU time | {_target(wc, fwc, 1.10)} | {_target(cc, fcc, 1.5)} | {_target(cc, bcc, 0.5)} |"
            )
    if weights:
        lines += [
            "",
            f"Page weight, first load of a typical page ({weights['page']}, "
            f"{weights['size']}-page site): the HTML plus every CSS/JS/image it names.",
            "",
            "| variant | HTML | HTML gzip | total (files) | total gzip | search index (gzip) |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for variant, w in weights["by_variant"].items():
            lines.append(
                f"| {LABEL[variant]} | {kb(w['html'])} | {kb(w['html_gz'])} | {kb(w['raw'])} ({w['files']}) "
                f"| {kb(w['gz'])} | {kb(w['search'])} ({kb(w['search_gz'])}) |"
            )
    lines.append("")
    rev = subprocess.run(
        ["git", "log", "-1", "--format=%h %s", "--", "macros"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "macros"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    lines.append(f"macros/ at {rev or '?'}{' (plus uncommitted edits)' if dirty else ''}.")
    lines.append(
        f"Runs per size: {', '.join(f'{k} pages × {v}' for k, v in runs_by_size.items())}. "
        f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}. Benchmark took {elapsed / 60:.1f} min."
    )
    return "\n".join(lines)


def main() -> None:
    t0 = time.perf_counter()
    OUT.mkdir(exist_ok=True)
    if "bibtex" in VARIANTS:
        ensure_bibtex_venv()
    results, runs_by_size, skip = {}, {}, set()
    for size in SIZES:
        runs = RUNS_LARGE if size >= 1000 else RUNS
        runs_by_size[size] = runs
        results[size] = bench_size(size, runs, skip)
    weights = None
    wsize = 200 if 200 in results else SIZES[0]
    page = "section-00/page-0001/index.html"
    by_variant = {}
    for variant in VARIANTS:
        site = site_dir(wsize, variant, "cold")
        if (site / page).exists():
            by_variant[variant] = page_weight(site, page)
    if by_variant:
        weights = {"page": page, "size": wsize, "by_variant": by_variant}
    text = report(results, runs_by_size, weights, time.perf_counter() - t0)
    (OUT / "results.md").write_text(text + "\n", encoding="utf-8")
    (OUT / "results.json").write_text(json.dumps({str(k): v for k, v in results.items()}, indent=1))
    readme = BENCH / "README.md"
    if readme.exists():
        doc = readme.read_text(encoding="utf-8")
        start, end = "<!-- results:start -->", "<!-- results:end -->"
        if start in doc and end in doc:
            head, rest = doc.split(start, 1)
            _, tail = rest.split(end, 1)
            readme.write_text(f"{head}{start}\n{text}\n{end}{tail}", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
