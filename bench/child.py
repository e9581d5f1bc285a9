"""One benchmark process: builds a project in-process and prints its timings as JSON.

    python bench/child.py cold  PROJECT SITE_DIR      one `mkdocs build`
    python bench/child.py serve PROJECT SITE_DIR      what `mkdocs serve` does: a first build,
                                                      a rebuild with nothing changed (warm) and
                                                      BENCH_EDITS (3) rebuilds, each after editing
                                                      one page (edit)

It runs under the project venv (floor, macros) or bench/out/bibtex-venv (mkdocs-bibtex); it
needs nothing but mkdocs. The parent (bench/run.py) times the whole process and reads its peak
memory with os.wait4.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path

T_START = time.perf_counter()
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

T_IMPORTED = time.perf_counter()


def apply_proposed_fix() -> None:
    """BENCH_PATCH=1: the change proposed for macros/ (bench/README.md), applied from outside.

    pybtex's `Text.render_as("text")` looks its backend up with `find_plugin`, which scans every
    installed distribution's entry points (importlib.metadata) on every call: 10-25 ms each in
    the project venv. Registering the plain-text backend as a runtime plugin makes the lookup a
    dict hit. Nothing else changes.
    """
    import pybtex.plugin
    from pybtex.backends.html import Backend as HtmlBackend
    from pybtex.backends.plaintext import Backend as TextBackend

    pybtex.plugin.register_plugin("pybtex.backends", "text", TextBackend, force=True)
    pybtex.plugin.register_plugin("pybtex.backends", "html", HtmlBackend, force=True)


class Count(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def quiet() -> Count:
    handler = Count()
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logger.handlers[:] = [handler]
    return handler


def timed_build(project: Path, site_dir: Path, serve_url: str | None = None, startup: bool = False):
    t0, c0 = time.perf_counter(), time.process_time()
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir))
    if startup:  # `mkdocs serve` calls on_startup once, on the first config only
        config.plugins.on_startup(command="serve", dirty=False)
    if serve_url:
        config.site_url = serve_url
    build(config, serve_url=serve_url)
    CPU.append(time.process_time() - c0)
    return time.perf_counter() - t0, config


CPU: list[float] = []  # CPU seconds of each build, in order (robust to a busy machine)


EDIT_MARK = "\n\nAn edited sentence, added while serving.\n"


def main() -> None:
    mode, project, site_dir = sys.argv[1], Path(sys.argv[2]).resolve(), Path(sys.argv[3]).resolve()
    warnings = quiet()
    if os.environ.get("BENCH_PATCH") == "1":
        apply_proposed_fix()
    out: dict = {"import_s": T_IMPORTED - T_START}
    if mode == "cold":
        out["build_s"], _ = timed_build(project, site_dir)
    elif mode == "serve":
        url = "http://127.0.0.1:8000/"
        out["first_s"], config = timed_build(project, site_dir, url, startup=True)
        out["warm_s"], config = timed_build(project, site_dir, url)
        page = sorted((project / "docs").rglob("page-*.md"))[0]
        original = page.read_text(encoding="utf-8")
        out["edits_s"] = []
        try:
            for i in range(int(os.environ.get("BENCH_EDITS", "3"))):
                page.write_text(original + EDIT_MARK * (i + 1), encoding="utf-8")
                seconds, config = timed_build(project, site_dir, url)
                out["edits_s"].append(seconds)
        finally:
            page.write_text(original, encoding="utf-8")
        out["edit_s"] = sorted(out["edits_s"])[len(out["edits_s"]) // 2] if out["edits_s"] else None
        config.plugins.on_shutdown()
    else:
        raise SystemExit(f"unknown mode {mode}")
    out["cpu_s"] = CPU
    out["warnings"] = len(warnings.messages)
    out["first_warnings"] = warnings.messages[:3]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
