"""mkdocs-macros entry point: wires the pure modules to MkDocs. No logic lives here.

Each macro is a plain function of the build context, registered with functools.partial.
Our DiagnosticErrors become MkDocs PluginErrors, which stop the build with one clear message.
"""

from __future__ import annotations

import logging
import re
from functools import partial
from pathlib import Path

from jinja2 import TemplateSyntaxError
from mkdocs.exceptions import PluginError

from . import build_cache, pages
from . import context as context_module
from .diagnostics import EMITTED, Diagnostic, DiagnosticError, emit
from .front_matter import check_front_matter


def define_env(env):
    conf = env.conf
    project_dir = Path(conf["config_file_path"]).resolve().parent
    settings = dict((conf.get("extra") or {}).get("explainer") or {})
    docs_dir = Path(conf["docs_dir"])
    # MkDocs reads pages only after on_config and fails there with a bare traceback: check first.
    bad_pages = [d for d in (_page_encoding(p, project_dir) for p in sorted(docs_dir.rglob("*.md"))) if d]
    bad_pages += [
        d for d in (check_front_matter(p, _rel(p, project_dir)) for p in sorted(docs_dir.rglob("*.md"))) if d
    ]
    if bad_pages:
        raise PluginError(_abort_message(bad_pages, "docs/"))
    _install_link_messages(docs_dir, project_dir)
    try:
        ctx = context_module.build_context(
            project_dir,
            Path(conf["docs_dir"]),
            settings,
            conf.get("site_url") or "",
            conf.get("site_name") or "",
        )
    except DiagnosticError as exc:
        raise PluginError(_abort_message(exc.diagnostics)) from None
    context_module.ACTIVE = ctx
    emit(ctx.notes)
    for name, fn in pages.MACROS.items():
        env.macro(partial(fn, ctx), name)


def on_pre_page_macros(env):
    ctx = context_module.ACTIVE
    page = env.page
    abs_path = Path(page.file.abs_src_path)
    rel = _rel(abs_path, ctx.project_dir)
    text = abs_path.read_text(encoding="utf-8")
    ctx.current = context_module.PageSource(rel, text)
    ctx.src_path = page.file.src_path
    ctx.citer.reset(page.file.src_path)
    ctx.page_title = str((page.meta or {}).get("title") or _first_heading(env.markdown) or page.title or "")
    ctx.page_url = (ctx.site_url.rstrip("/") + "/" + page.url) if ctx.site_url else page.url
    ctx.tables[page.file.src_path] = 0
    ctx.figures[page.file.src_path] = 0
    ctx.page_datasets, ctx.page_figures = set(), {}
    ctx.page_cache_key = None
    if (page.meta or {}).get("render_macros") is False:
        return
    # An unchanged page in an unchanged site: replay its last rendering instead of running Jinja.
    # Not for a page whose title holds macros: mkdocs-macros renders that title separately.
    if "{" not in str(page.meta.get("title", "")):
        key = build_cache.page_key(ctx, page, env.markdown, env.conf.get("extra") or {})
        cached = build_cache.PAGES.get(key)
        if cached is not None:
            build_cache.replay_page(ctx, page.file.src_path, cached)
            env.markdown = cached.markdown
            page.meta["render_macros"] = False  # mkdocs-macros then passes the Markdown through
            ctx.page_replayed = True
            return
        ctx.page_cache_key, ctx.page_emitted = key, EMITTED[0]
    try:
        env.env.parse(env.markdown)
    except TemplateSyntaxError as exc:
        offset = len(text.splitlines()) - len(env.markdown.splitlines())
        line = (exc.lineno or 1) + max(offset, 0)
        raise PluginError(
            Diagnostic(
                "page.template-syntax",
                f"macro syntax error: {exc.message}",
                rel,
                line,
                "close every '{{' with '}}' and every '{%' with '%}'; to show macro syntax literally, "
                "wrap it in {% raw %}...{% endraw %} or set 'render_macros: false' in the front matter",
            ).format()
        ) from None


def on_post_page_macros(env):
    ctx = context_module.ACTIVE
    src_path = env.page.file.src_path
    if ctx.page_replayed:
        del env.page.meta["render_macros"]
        ctx.page_replayed = False
    elif ctx.page_cache_key and EMITTED[0] == ctx.page_emitted:  # a page with problems is never cached
        build_cache.PAGES.put(ctx.page_cache_key, build_cache.record_page(ctx, src_path, env.markdown))
    env.markdown = pages.finish_page(ctx, env.page, env.markdown)


def on_post_build(env):
    ctx = context_module.ACTIVE
    pages.finish_build(ctx, Path(env.conf["site_dir"]))


def _first_heading(markdown: str) -> str | None:
    m = re.search(r"^#\s+(.+?)\s*#*\s*$", markdown, re.MULTILINE)
    return m.group(1) if m else None


def _abort_message(diagnostics: list[Diagnostic], where: str = "bib/ or data/") -> str:
    lines = [d.format() for d in diagnostics]
    head = "the build stopped: " + ("1 problem" if len(lines) == 1 else f"{len(lines)} problems")
    return head + f" in {where}\n" + "\n".join(lines)


def _page_encoding(path: Path, project_dir: Path) -> Diagnostic | None:
    raw = path.read_bytes()
    try:
        raw.decode("utf-8-sig")
        return None
    except UnicodeDecodeError as exc:
        return Diagnostic(
            "file.encoding",
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
            _rel(path, project_dir),
            raw[: exc.start].count(b"\n") + 1,
            "save the file as UTF-8",
        )


# MkDocs' own link validation names the page but not the line; rewrite its messages into ours.
MKDOCS_LINK = re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<url>[^']+)', but (?P<problem>.*)")
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif")


class _LinkMessages(logging.Filter):
    def __init__(self, docs_dir: Path, project_dir: Path):
        super().__init__()
        self.docs_dir, self.project_dir = docs_dir, project_dir

    def filter(self, record: logging.LogRecord) -> bool:
        m = MKDOCS_LINK.match(record.getMessage())
        if m:
            record.msg, record.args = self.rewrite(m).format(), ()
        return True

    def rewrite(self, m: re.Match) -> Diagnostic:
        page, url, problem = m["page"], m["url"], m["problem"]
        path = self.docs_dir / page
        line = None
        try:
            text = path.read_text(encoding="utf-8-sig")
            at = next(
                (i for i in (text.find(f"]({url}"), text.find(f'"{url}"'), text.find(url)) if i >= 0), -1
            )
            line = text.count("\n", 0, at) + 1 if at >= 0 else None
        except OSError:
            pass
        suggestion = re.search(r"Did you mean '([^']+)'\?", problem)
        target = re.search(r"the target '([^']+)'", problem)
        anchor = re.search(r"anchor '#([^']+)'", problem)
        docs = _rel(self.docs_dir, self.project_dir)
        if "anchor" in problem:
            code = "link.anchor"
            other = re.search(r"the doc '([^']+)'", problem)
            whose = f"{docs}/{other[1]}" if other else "this page"
            what = f"{whose} has no heading or id '{anchor[1] if anchor else url.partition('#')[2]}'"
            hint = "a heading's id is its text in lower case with hyphens for spaces; or add {#an-id} after a heading"
        else:
            code = "image.missing" if url.split("#")[0].lower().endswith(IMAGE_EXTENSIONS) else "link.broken"
            resolved = target[1] if target else url.split("#")[0].lstrip("/")
            what = f"{docs}/{resolved} does not exist"
            hint = (
                "put the image in docs/assets/ and write its path relative to this page"
                if code == "image.missing"
                else "link to the .md file, with a path relative to this page, e.g. ../safety.md"
            )
        if suggestion:
            hint = f"did you mean '{suggestion[1]}'?"
        return Diagnostic(code, f"link '{url}': {what}", _rel(path, self.project_dir), line, hint)


def _install_link_messages(docs_dir: Path, project_dir: Path) -> None:
    logger = logging.getLogger("mkdocs.structure.pages")
    for old in [f for f in logger.filters if isinstance(f, _LinkMessages)]:
        logger.removeFilter(old)  # one per build: `mkdocs serve` calls define_env again
    logger.addFilter(_LinkMessages(docs_dir.resolve(), project_dir))


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
