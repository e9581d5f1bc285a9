"""Build a site in-process into a temporary folder and capture what MkDocs logged."""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

FIXTURE_CONFIG = """\
site_name: Fixture site
site_url: https://example.org/fixture/
theme:
  name: material
  font: false
extra:
  generator: false
plugins:
  - search
  - explainer: {settings}
  - macros:
      on_error_fail: true
      on_undefined: strict
markdown_extensions:
  - abbr
  - attr_list
  - md_in_html
  - admonition
  - toc:
      permalink: true
validation:
  links:
    not_found: warn
    anchors: warn
"""


@dataclass
class BuildResult:
    site_dir: Path
    project_dir: Path
    records: list[logging.LogRecord] = field(default_factory=list)
    aborted: bool = False
    plugin: object = None  # the explainer plugin instance that built it (its caches, its state)

    @property
    def messages(self) -> list[str]:
        return [r.getMessage() for r in self.records]

    @property
    def warnings(self) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= logging.WARNING]

    def html(self, page: str = "index.html") -> str:
        return (self.site_dir / page).read_text(encoding="utf-8")

    @property
    def ok(self) -> bool:
        return not self.aborted and not self.warnings


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


def build_site(project_dir: Path, site_dir: Path, strict: bool = True, **overrides) -> BuildResult:
    """Build `project_dir` (with its mkdocs.yml) into `site_dir`, like `mkdocs build`."""
    handler = _Capture()
    logger = logging.getLogger("mkdocs")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    os.environ.setdefault("GIT_DATES", "false")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    result = BuildResult(site_dir, project_dir)
    try:
        config = load_config(
            str(project_dir / "mkdocs.yml"), site_dir=str(site_dir), strict=strict, **overrides
        )
        config.plugins.on_startup(command="build", dirty=False)
        result.plugin = config.plugins.get("explainer")
        try:
            build(config)
        except Abort:
            result.aborted = True
        finally:
            config.plugins.on_shutdown()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    result.records = [r for r in handler.records if r.levelno >= logging.INFO]
    return result


def make_fixture(
    tmp_path: Path, name: str | None = None, files: dict[str, str] | None = None, settings: str = "{}"
) -> Path:
    """A fixture project in tmp_path: tests/fixtures/<name> and/or inline files, and a standard
    mkdocs.yml unless the fixture brings its own. The kit itself is the installed plugin."""
    project = tmp_path / "project"
    if name:
        shutil.copytree(FIXTURES / name, project)
    project.mkdir(parents=True, exist_ok=True)
    for rel, text in (files or {}).items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    if not (project / "mkdocs.yml").exists():
        (project / "mkdocs.yml").write_text(FIXTURE_CONFIG.format(settings=settings), encoding="utf-8")
    (project / "docs").mkdir(exist_ok=True)
    return project


def build_fixture(
    tmp_path: Path,
    name: str | None = None,
    files: dict | None = None,
    strict: bool = True,
    settings: str = "{}",
) -> BuildResult:
    project = make_fixture(tmp_path, name, files, settings)
    return build_site(project, tmp_path / "site", strict=strict)


def kit_caches():
    """The caches of the explainer plugin instance that MkDocs keeps for this process.

    A plugin with `on_startup` is created once per process and reused by every later build (as
    `mkdocs serve` rebuilds), so its caches are what a rebuild finds.
    """
    from mkdocs.config.defaults import MkDocsConfig

    from mkdocs_explainer.build_cache import Caches

    plugin = MkDocsConfig.plugins.plugin_cache.get("explainer")
    return plugin.caches if plugin is not None else Caches()
