"""mkdocs-macros entry point: wires the pure modules to MkDocs. No logic lives here.

Each macro is a plain function of the build context, registered with functools.partial.
Our DiagnosticErrors become MkDocs PluginErrors, which stop the build with one clear message.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from jinja2 import TemplateSyntaxError
from mkdocs.exceptions import PluginError

from . import context as context_module
from . import pages
from .diagnostics import Diagnostic, DiagnosticError, emit


def define_env(env):
    conf = env.conf
    project_dir = Path(conf["config_file_path"]).resolve().parent
    settings = dict((conf.get("extra") or {}).get("explainer") or {})
    try:
        ctx = context_module.build_context(project_dir, Path(conf["docs_dir"]), settings,
                                           conf.get("site_url") or "")
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
    ctx.tables[page.file.src_path] = 0
    ctx.figures[page.file.src_path] = 0
    if (page.meta or {}).get("render_macros") is False:
        return
    try:
        env.env.parse(env.markdown)
    except TemplateSyntaxError as exc:
        offset = len(text.splitlines()) - len(env.markdown.splitlines())
        line = (exc.lineno or 1) + max(offset, 0)
        raise PluginError(Diagnostic(
            "page.template-syntax", f"macro syntax error: {exc.message}", rel, line,
            "close every '{{' with '}}' and every '{%' with '%}'; to show macro syntax literally, "
            "wrap it in {% raw %}...{% endraw %} or set 'render_macros: false' in the front matter",
        ).format()) from None


def on_post_page_macros(env):
    ctx = context_module.ACTIVE
    env.markdown = pages.finish_page(ctx, env.page, env.markdown)


def on_post_build(env):
    ctx = context_module.ACTIVE
    pages.finish_build(ctx, Path(env.conf["site_dir"]))


def _abort_message(diagnostics: list[Diagnostic]) -> str:
    lines = [d.format() for d in diagnostics]
    head = "the build stopped: " + ("1 problem" if len(lines) == 1 else f"{len(lines)} problems")
    return head + " in bib/ or data/\n" + "\n".join(lines)


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
