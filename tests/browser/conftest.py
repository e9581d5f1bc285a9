"""Browser fixtures: the real site (built with --strict) served on 127.0.0.1, and Debian's Chromium
driven by Playwright.

- Without Chromium or Playwright the browser tests skip with the reason locally and FAIL when
  CI=true, so CI can never go green by silently skipping them.
- Chromium resolves no host but 127.0.0.1 (`--host-resolver-rules`), so an attempt to reach any
  other origin fails fast and still shows up as a request the tests can report.
- Development knob: BROWSER_SITE_DIR=/path/to/built/site runs the suite against an already built
  site (e.g. a non-strict build while pages are being written) instead of the strict real build.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}


def unavailable(reason: str):
    """Skip locally with the reason; fail in CI, where the browser suite must really run."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


def page_paths() -> list[str]:
    """Site-relative URL of every page written in docs/ (known at collection time, so each page
    is its own test id). test_every_built_page_is_checked keeps this in step with the build."""
    paths = []
    for md in sorted(DOCS.rglob("*.md")):
        rel = md.relative_to(DOCS).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] in ("index", "README"):
            parts = parts[:-1]
        paths.append("/".join(parts) + "/" if parts else "")
    # Pages that plugins add: the whole site on one page (mkdocs-print-site-plugin).
    if re.search(r"^\s*-\s*print-site\b", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M):
        paths.append("print_page/")
    return paths


PAGES = page_paths()


@pytest.fixture(scope="session")
def site_dir(request) -> Path:
    override = os.environ.get("BROWSER_SITE_DIR")
    if override:
        return Path(override).resolve()
    real_site = request.getfixturevalue("real_site")
    if real_site.aborted or real_site.warnings:
        pytest.fail(
            "the strict build of the real site failed, so there is nothing to browse:\n"
            + "\n".join(real_site.warnings),
            pytrace=False,
        )
    return real_site.site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass

    def translate_path(self, path):
        # The site lives under its site_url's path (e.g. /explained/), as in production, so
        # links that depend on site_url (the print page's search index) resolve as they will there.
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix) :])


def site_prefix(site_dir: Path) -> str:
    """The path of site_url, read back from the home page's canonical link."""
    m = re.search(
        r'<link rel="canonical" href="([^"]+)"', (site_dir / "index.html").read_text(encoding="utf-8")
    )
    path = urlsplit(m.group(1)).path if m else "/"
    return path if path.endswith("/") else path + "/"


@pytest.fixture(scope="session")
def base_url(site_dir):
    prefix = site_prefix(site_dir)
    handler = functools.partial(
        type("Handler", (_QuietHandler,), {"prefix": prefix}), directory=str(site_dir)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed (run `make install`)")
    if not Path(CHROMIUM).is_file():
        unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)")
    with sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        except Exception as exc:  # a browser that is present but cannot start
            unavailable(f"Chromium at {CHROMIUM} did not start: {exc}")
        yield b
        b.close()


@dataclass
class Watch:
    """Everything that went wrong while a page loaded."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    bad_status: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def attach(self, page):
        page.on(
            "console",
            lambda m: m.type == "error"
            and self.console_errors.append(f"{m.text} @ {m.location.get('url', '')}"),
        )
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("request", self._request)
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.bad_status.append(f"{r.status} {r.url}"))

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.foreign.append(request.url)

    def problems(self) -> list[str]:
        out = []
        for label, items in (
            ("console error", self.console_errors),
            ("page error", self.page_errors),
            ("failed request", self.failed),
            ("HTTP error", self.bad_status),
            ("request to another origin", self.foreign),
        ):
            out += [f"{label}: {i}" for i in items]
        return out


@pytest.fixture(scope="session")
def open_page(browser, base_url):
    """open_page(path, viewport=DESKTOP, color_scheme="light", settle=False) -> (page, watch)."""
    contexts = []
    parts = urlsplit(base_url)
    origin = f"{parts.scheme}://{parts.netloc}"

    def _open(path: str = "", viewport=None, color_scheme: str = "light", settle: bool = False):
        context = browser.new_context(
            viewport=viewport or DESKTOP, color_scheme=color_scheme, reduced_motion="reduce"
        )
        contexts.append(context)
        page = context.new_page()
        watch = Watch(origin)
        watch.attach(page)
        page.goto(base_url + path, wait_until="load")
        if settle:
            # Material fetches its search index after `load`; wait until the network is quiet so
            # a failure of that request (or of anything else late) is seen.
            page.wait_for_load_state("networkidle")
        return page, watch

    yield _open
    for context in contexts:
        try:
            context.close()
        except Exception:
            pass


@pytest.fixture
def fresh_page(open_page):
    """Like open_page, but every page opened through it is closed at the end of the test."""
    opened = []

    def _open(*args, **kwargs):
        page, watch = open_page(*args, **kwargs)
        opened.append(page)
        return page, watch

    yield _open
    for page in opened:
        page.context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def node_tools():
    """node_modules/ (vnu-jar, lighthouse) from package-lock.json: `npm ci` when it is missing.
    Install scripts are not needed (vnu-jar's would only fetch a Java runtime), so none run."""
    if not (ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar").is_file():
        npm = shutil.which("npm")
        if npm is None:
            unavailable("npm is not installed, so vnu-jar cannot be installed")
        proc = subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if proc.returncode != 0:
            pytest.fail(f"npm ci failed:\n{proc.stdout}\n{proc.stderr}", pytrace=False)
    return ROOT / "node_modules"


_checked_pages: set[str] = set()


@pytest.fixture(scope="session")
def checked_pages() -> set[str]:
    """Pages a per-page test has fully checked; their number is printed at the end of the run."""
    return _checked_pages


def pytest_terminal_summary(terminalreporter):
    if _checked_pages:
        terminalreporter.write_line(
            f"browser suite: {len(_checked_pages)} pages checked in Chromium "
            "(console, requests, axe light+dark, phone layout)"
        )
