"""The MkDocs adapter: the only module that talks to MkDocs.

It validates the typed config, loads bib/ and data/ once per build into a BuildContext held on
the plugin instance, registers the macros with mkdocs-macros' API for plugins, places what the
pure core renders into pages, and turns the core's diagnostics into log records (warnings fail
`mkdocs build --strict`).
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import logging
import os
import re
import sys
from datetime import date
from functools import partial
from pathlib import Path

from jinja2 import TemplateSyntaxError
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from . import (
    build_cache,
    citations,
    figures,
    link_messages,
    literal_calls,
    page_citation,
    pages,
    report,
    typed_numbers,
)
from .context import BuildContext, PageSource, build_context
from .csp import add_csp
from .diagnostics import ERROR, WARNING, Diagnostic, DiagnosticError
from .front_matter import (
    PEOPLE_HINT,
    as_date,
    check_front_matter,
    page_encoding,
    parse_people,
    review_overdue,
)
from .print_version import PrintCopies, rewrite_piece, tidy_print_page
from .urls import relative_url

# Warnings on an `mkdocs.plugins.*` logger are counted by MkDocs, so they fail `--strict`.
log = logging.getLogger("mkdocs.plugins.explainer")

# The citation and abbreviation previews, added to every site the kit builds: shipped in the
# package, so a new explainer has them without copying a file. Their own folder: no clash with a
# site's assets/.
PREVIEWS = Path(__file__).with_name("assets") / "previews.js"
PREVIEWS_URI = "assets/explainer/" + PREVIEWS.name

_UNSET = object()  # _macros_off has changed nothing on this page
_ABSENT = object()  # the page's front matter had no render_macros


class ExplainerConfig(base.Config):
    """Everything the kit needs to know about a site; each option has a safe default."""

    bib_dir = c.Type(str, default="bib")
    """Folder of BibTeX files, relative to mkdocs.yml; every `*.bib` in it is read."""
    data_dir = c.Type(str, default="data")
    """Folder of YAML datasets with their JSON Schemas in `schema/`."""
    figures = c.Type(str, default="figures.yaml")
    """The figure specs, in data_dir; checked against the kit's `schema/figures.schema.json`."""
    unused_entries = c.Choice(("info", "warning"), default="info")
    """How an entry that no page cites is reported; "warning" fails `--strict`."""
    typed_numbers = c.Type(bool, default=True)
    """List (as info) numbers typed in prose that equal a value in data, for `{{ value(...) }}`."""
    glossary_dataset = c.Type(str, default="glossary")
    """Dataset behind `{{ glossary() }}` and the abbreviation tooltips on every page."""
    key_prefix = c.Type(str, default="page_")
    """Prefix of each page's BibTeX key in "Cite this page", e.g. `mysite_` -> `mysite_faq`."""
    schema_type = c.Type(str, default="WebPage")
    """schema.org type of each page in its JSON-LD, a subtype of WebPage such as `CollectionPage`."""
    audiences = c.ListOfItems(c.Type(dict), default=[])
    """schema.org Audience objects for the JSON-LD, e.g. `{"@type": "PeopleAudience", ...}`."""
    license = c.Type(str, default="")
    """URL of the licence of the text, for the JSON-LD."""
    locale = c.Type(str, default="en_US")
    """Open Graph locale of the pages."""
    language = c.Optional(c.Type(str))
    """Language of the pages (JSON-LD `inLanguage`); defaults to the theme's language."""
    repository = c.Optional(c.Type(str))
    """Repository URL for the edit, history and report-an-error links (no GitHub API calls)."""
    branch = c.Type(str, default="main")
    """Branch of the repository that edit and history links point to."""
    authors = c.ListOfItems(c.Type((str, dict)), default=[])
    """Default page authors: "Family, Given" for a person, `{name: ...}` for an organisation; none by
    default (a page citation then starts with its title). A page's `authors:` front matter wins.
    Zotero cannot keep an organisation as one name from <meta> tags, so an organisation is left out
    of `citation_author` (and `site_author` should be unset: Material writes it into `meta author`)."""
    reviewed_by = c.ListOfItems(c.Type((str, dict)), default=[])
    """Who reviews the pages (JSON-LD `reviewedBy`), as `authors`; defaults to "<site name> editors".
    A page's `reviewed_by:` front matter wins."""
    editorial_policy = c.Optional(c.Type(str))
    """Page (path in docs/) on how pages are reviewed; the review dates of each page link to it."""
    cache = c.Type(bool, default=True)
    """Keep parsed bib/, formatted references and rendered pages on disk between builds."""
    cache_dir = c.Type(str, default=".cache/explainer")
    """Folder of that cache, relative to mkdocs.yml (git-ignored; safe to delete at any time)."""


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    supports_multiple_instances = False

    def __init__(self):
        # on_startup makes MkDocs keep this instance across `mkdocs serve` rebuilds, so these
        # content-keyed caches survive them; everything else is rebuilt in on_config.
        self.caches = build_cache.Caches()
        self.ctx: BuildContext | None = None
        self.files = None  # this build's Files (on_nav)
        self.print_copies = PrintCopies(pages.BIBLIOGRAPHY_PLACEHOLDER)  # print-site's page copies
        self._for_search: dict[str, tuple[str, str]] = {}  # bibliography page: (indexed, shown)
        self.site_module: Path | None = None  # the site's mkdocs-macros module, e.g. macros/
        self.logged = 0
        self.dirty = False
        self._literal = None
        self._render_macros = _UNSET

    def on_startup(self, *, command, dirty):
        # Defined so that MkDocs keeps this instance (and its caches) across rebuilds.
        self.dirty = dirty  # a --dirty build skips unchanged pages: keep their cached renderings

    # -- build start -------------------------------------------------------------------------
    @event_priority(100)  # before mkdocs-macros imports the site's module (in its on_config)
    def _reload_site_module(self, config):
        """`mkdocs serve` rebuilds in one process. mkdocs-macros runs a module file (`macros.py`)
        afresh on each build but imports a package (`macros/`) once, so its edits were not seen:
        forget the package and its submodules, and mkdocs-macros imports them as they are now."""
        project_dir = Path(config.config_file_path).resolve().parent
        self.site_module = _site_module(config, project_dir)
        if self.site_module is not None:
            _forget_modules(self.site_module)
            importlib.invalidate_caches()

    def _configure(self, config):
        project_dir = Path(config.config_file_path).resolve().parent
        docs_dir = Path(config.docs_dir)
        # MkDocs reads pages only after on_config and fails there with a bare traceback: check first.
        md_files = sorted(docs_dir.rglob("*.md"))
        bad_pages = [d for d in (page_encoding(p, _rel(p, project_dir)) for p in md_files) if d]
        bad_pages += [d for p in md_files for d in check_front_matter(p, _rel(p, project_dir))]
        if bad_pages:
            raise PluginError(_abort_message(bad_pages, _rel(docs_dir, project_dir) + "/"))
        link_messages.install(docs_dir, project_dir)
        settings = self._settings(config, project_dir, docs_dir)
        self.kit = kit = build_cache.kit_digest()
        self.caches.begin_build()
        cache_notes = []
        if self.config.cache:
            folder, shown = self._cache_where(project_dir)
            cache_notes = self.caches.load(folder, kit, shown)
        try:
            self.ctx = build_context(
                project_dir,
                docs_dir,
                settings,
                config.site_url or "",
                config.site_name or "",
                caches=self.caches,
                site_code_digest=_site_code_digest(self.site_module),
                kit_digest=kit,
            )
        except DiagnosticError as exc:
            raise PluginError(_abort_message(exc.diagnostics)) from None
        self.ctx.authors = settings["authors"]
        self.print_copies = PrintCopies(pages.BIBLIOGRAPHY_PLACEHOLDER)
        self._for_search = {}
        self._literal = None  # set at the first page, once mkdocs-macros has its environment
        self._render_macros = _UNSET
        self.logged = 0
        self.ctx.report(cache_notes)
        self.ctx.report(self.ctx.notes)  # logged with the rest at the end of the build
        self.ctx.report(_site_author_check(config.site_author, settings["authors"]))
        today = date.today()
        self.ctx.report(d for d in (review_overdue(p, _rel(p, project_dir), today) for p in md_files) if d)
        macros = config.plugins.get("macros")
        if macros is None:
            raise PluginError(
                Diagnostic(
                    "config.macros",
                    "the explainer plugin needs the macros plugin",
                    "mkdocs.yml",
                    None,
                    "list '- macros' after '- explainer' under plugins:",
                ).format()
            )
        self.macros = macros
        macros.register_macros({name: partial(fn, self.ctx) for name, fn in pages.MACROS.items()})
        _add_previews_script(config)
        return config

    on_config = CombinedEvent(_reload_site_module, _configure)

    def register_chart(self, kind: str, draw) -> None:
        """Add a chart kind that figure specs can name (`kind: <kind>` in the figures file).

        For the site's own macros module (mkdocs-macros calls its `define_env(env)` after this
        plugin's on_config, on every build):
        `env.conf.plugins["explainer"].register_chart("my-kind", draw)`, where
        `draw(records, spec, env) -> mkdocs_explainer.charts.Chart` (see docs/contribute/data.md).
        """
        if self.ctx is None:
            raise PluginError("register_chart() is for define_env(env) in the site's macros module")
        try:
            figures.register_kind(self.ctx, kind, draw)
        except ValueError as exc:
            raise PluginError(f"register_chart: {exc}") from None

    def _settings(self, config, project_dir: Path, docs_dir: Path) -> dict:
        cfg = self.config
        editors = [{"name": f"{config.site_name} editors"}]
        people = {}
        for option in ("authors", "reviewed_by"):
            people[option], problems = parse_people(list(cfg[option]))
            if problems:
                raise PluginError(
                    _abort_message(
                        [
                            Diagnostic("config.people", f"{option}: {p}", "mkdocs.yml", None, PEOPLE_HINT)
                            for p in problems
                        ],
                        "mkdocs.yml",
                    )
                )
        return {
            "bib_dir": cfg.bib_dir,
            "data_dir": cfg.data_dir,
            "figures": cfg.figures,
            "unused_entries": cfg.unused_entries,
            "glossary_dataset": cfg.glossary_dataset,
            "key_prefix": cfg.key_prefix,
            "schema_type": cfg.schema_type,
            "audiences": list(cfg.audiences),
            "license": cfg.license,
            "locale": cfg.locale,
            "language": cfg.language or config.theme.get("language") or "en",
            "repository": cfg.repository,
            "branch": cfg.branch,
            "docs_path": _rel(docs_dir, project_dir),
            "authors": people["authors"],
            "reviewed_by": people["reviewed_by"] or editors,
            "editorial_policy": cfg.editorial_policy,
        }

    # -- each page ---------------------------------------------------------------------------
    @event_priority(50)  # before mkdocs-macros renders the page (priority 0)
    def _before_macros(self, markdown, page, config, files):
        ctx = self.ctx
        abs_path = Path(page.file.abs_src_path)
        rel = _rel(abs_path, ctx.project_dir)
        text = abs_path.read_text(encoding="utf-8")
        ctx.current = PageSource(rel, text)
        ctx.src_path = page.file.src_path
        ctx.citer.reset(page.file.src_path)
        ctx.page_title = str((page.meta or {}).get("title") or _first_heading(markdown) or page.title or "")
        ctx.page_url = page.canonical_url or page.url  # MkDocs': site_url joined with page.url
        ctx.page_rel_url = page.url  # every link the core writes is relative to this
        ctx.tables[page.file.src_path] = 0
        ctx.figures[page.file.src_path] = 0
        ctx.page_datasets, ctx.page_figures = set(), {}
        ctx.page_cache_key = None
        ctx.page_replayed = False
        if (page.meta or {}).get("render_macros") is False:
            return markdown
        # An unchanged page in an unchanged site: replay its last rendering instead of running Jinja.
        # Not for a page whose title holds macros: mkdocs-macros renders that title separately.
        if "{" not in str(page.meta.get("title", "")):
            key = build_cache.page_key(ctx, page, markdown, config.extra or {})
            cached = ctx.caches.pages.get(key)
            if cached is not None:
                build_cache.replay_page(ctx, page.file.src_path, cached)
                ctx.page_replayed = True
                return self._macros_off(page, cached.markdown)
            ctx.page_cache_key, ctx.page_emitted = key, len(ctx.diagnostics)
            literal = self._literal_macros()
            if literal and "{" not in str(page.title or ""):
                rendered = literal_calls.render(markdown, *literal)
                if rendered is not None:
                    return self._macros_off(page, rendered)
        try:
            self.macros.env.parse(markdown)
        except TemplateSyntaxError as exc:
            offset = len(text.splitlines()) - len(markdown.splitlines())
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
        return markdown

    @event_priority(-50)  # after mkdocs-macros has rendered the page
    def _after_macros(self, markdown, page, config, files):
        ctx = self.ctx
        src_path = page.file.src_path
        if self._render_macros is not _UNSET:  # put back what _macros_off changed
            if self._render_macros is _ABSENT:
                del page.meta["render_macros"]
            else:
                page.meta["render_macros"] = self._render_macros
            self._render_macros = _UNSET
        if ctx.page_replayed:
            ctx.page_replayed = False
        # A page that reported a problem is never cached, so that every rebuild reports it again.
        elif ctx.page_cache_key and len(ctx.diagnostics) == ctx.page_emitted:
            ctx.caches.pages.put(ctx.page_cache_key, build_cache.record_page(ctx, src_path, markdown))
        if self.config.typed_numbers:
            ctx.report(typed_numbers.check(ctx.current.rel_path, ctx.current.text, ctx.datasets, src_path))
        return pages.finish_page(ctx, page, markdown)

    on_page_markdown = CombinedEvent(_before_macros, _after_macros)

    def _macros_off(self, page, markdown: str) -> str:
        """The page is rendered already: mkdocs-macros is to pass `markdown` through."""
        self._render_macros = page.meta.get("render_macros", _ABSENT)
        page.meta["render_macros"] = False
        return markdown

    def _literal_macros(self) -> tuple[dict, tuple[str, ...]] | None:
        """The kit's macros and the template start strings, for literal_calls.render, when
        mkdocs-macros would render a page of literal calls the way it does; else None."""
        if self._literal is None:
            env, macros = self.macros.env, self.macros
            usable = (
                macros.config.get("render_by_default", True)
                and not macros.pre_macro_functions  # they may add template syntax to the page
                and (env.variable_start_string, env.variable_end_string) == ("{{", "}}")
                and env.line_statement_prefix is None
                and env.line_comment_prefix is None
            )
            # What Jinja would call, unless it wants Jinja's context (@pass_context and the like)
            calls = {
                name: fn
                for name in pages.MACROS
                if callable(fn := env.globals.get(name)) and not hasattr(fn, "jinja_pass_arg")
            }
            starts = (env.variable_start_string, env.block_start_string, env.comment_start_string)
            self._literal = (calls, starts) if usable and calls else False
        return self._literal or None

    def on_files(self, files, config):
        if files.get_file_from_path(PREVIEWS_URI) is None:  # unless the site ships its own
            files.append(File.generated(config, PREVIEWS_URI, abs_src_path=str(PREVIEWS)))
        return files

    def on_nav(self, nav, config, files):
        self.files = files  # every page's File.url, for links to pages that are not in the nav too
        return nav

    # Citations and reference lists stay placeholders in page.content until the search plugin has
    # indexed the page (on_page_context below): search never parses their HTML, and a work's title
    # enters the index once, from the site bibliography, instead of from every page that cites it.
    @event_priority(100)  # first: every later hook sees placeholder elements
    def _unmark(self, html, page, config, files):
        # A citation in a heading stays in the heading, not in the page's title or its TOC entry
        for item in _toc_items(page.toc):
            item.title = citations.strip_marks(item.title)
        if page.title and "\x0e" in page.title:
            page.title = citations.strip_marks(page.title)
        return citations.unmark(html)

    @event_priority(-100)  # after print-site has kept its copy of the page's HTML in page.html
    def _keep_print_copy(self, html, page, config, files):
        if isinstance(getattr(page, "html", None), str):
            page.html = self.print_copies.keep(page.file.src_path, page.url, page.html)
        return html

    on_page_content = CombinedEvent(_unmark, _keep_print_copy)

    @event_priority(-100)  # last: the policy hashes the page's final inline scripts
    def on_post_page(self, output, page, config):
        return add_csp(output)

    def on_post_template(self, output_content, template_name, config):  # 404.html
        return add_csp(output_content) if template_name.endswith(".html") else output_content

    @event_priority(100)  # before the search plugin indexes page.content
    def _before_search(self, context, page, config, nav):
        ctx = self.ctx
        if page.content is not None and pages.BIBLIOGRAPHY_PLACEHOLDER in page.content:
            full = pages.render_bibliography(ctx, self._page_urls(), page.url)
            light = pages.for_search(full)
            self._for_search[page.file.src_path] = (light, full)  # _after_search puts `full` back
            page.content = page.content.replace(pages.BIBLIOGRAPHY_PLACEHOLDER, light)
        if page.content is not None:
            page.content = citations.search_exclude_reference_headings(page.content)
        if page.file.src_path.endswith(".md"):
            info = self._page_info(page, config)
            if info is not None:
                block = self._cite_block(info, ctx.citer.page(page.file.src_path).keys)
                policy = self._policy_url(page, nav)
                context["explainer_cite"] = {**block, "policy_url": policy} if policy else block
        return context

    @event_priority(-100)  # after the search plugin has indexed page.content
    def _after_search(self, context, page, config, nav):
        if page.content is not None:
            src_path = page.file.src_path
            html = page.content.replace(citations.SEARCH_EXCLUDE, "")  # if no search plugin removed it
            if src_path in self._for_search:
                light, full = self._for_search.pop(src_path)
                html = html.replace(light, full, 1)
            page.content = self.ctx.citer.expand(src_path, html, keep=src_path in self.print_copies)
        return context

    on_page_context = CombinedEvent(_before_search, _after_search)

    def _policy_url(self, page, nav) -> str | None:
        """Relative URL of the editorial-policy page (none on that page itself)."""
        src = self.ctx.settings["editorial_policy"]
        if not src or page.file.src_path == src:
            return None
        target = next((p for p in nav.pages if p.file.src_path == src), None)
        if target is None:
            raise PluginError(
                Diagnostic(
                    "config.editorial-policy",
                    f"editorial_policy: '{src}' is not a page in the navigation",
                    "mkdocs.yml",
                    None,
                    "give the path of the page in docs/, e.g. editorial-policy.md",
                ).format()
            )
        return get_relative_url(target.url, page.url)

    def _page_info(self, page, config) -> page_citation.PageInfo | None:
        ctx, meta = self.ctx, page.meta or {}
        if meta.get("cite") is False:
            return None
        settings = ctx.settings
        updated = (
            meta.get("git_revision_date_localized_raw_iso_date")
            or _date(meta.get("updated"))
            or _date(meta.get("reviewed"))
        )
        # check_front_matter has stopped the build on a malformed value: these parse
        authors = parse_people(meta["authors"])[0] if meta.get("authors") else settings["authors"]
        reviewers = (
            parse_people(meta["reviewed_by"])[0] if meta.get("reviewed_by") else settings["reviewed_by"]
        )
        return page_citation.PageInfo(
            title=str(meta.get("title") or page.title or config.site_name),
            url=page.canonical_url or "/" + page.url,
            site_name=config.site_name,
            authors=authors,
            updated=updated,
            reviewed=_date(meta.get("reviewed")),
            review_due=_date(meta.get("review_due")),
            reviewers=reviewers,
            description=str(meta.get("description") or config.site_description or "").strip(),
            src_path=page.file.src_path,
            key_prefix=settings["key_prefix"],
            language=settings["language"],
            locale=settings["locale"],
            schema_type=settings["schema_type"],
            audiences=settings["audiences"],
            license=settings["license"],
        )

    def _cite_block(self, info: page_citation.PageInfo, cited: list[str]) -> dict:
        ctx = self.ctx
        # inputs_digest covers the bytes of bib/, so the cited works need only their keys here,
        # and their entries only when the block is made (a cached block needs no bib entry).
        key = build_cache.digest(ctx.inputs_digest, ctx.settings, vars(info), cited)
        block = ctx.caches.cite_blocks.get(key)
        if block is None:
            works = [(ctx.bib.entries[k], ctx.formatter.format(k)[0]) for k in cited]
            block = page_citation.cite_block(dataclasses.replace(info, cited=works), ctx.settings)
            ctx.caches.cite_blocks.put(key, block)
        return block

    # -- build end ---------------------------------------------------------------------------
    @event_priority(50)  # before print-site writes /print_page/
    def _finish_build(self, config):
        pages.finish_build(self.ctx, Path(config.site_dir))
        if self.config.cache:
            folder, shown = self._cache_where(self.ctx.project_dir)
            self.ctx.report(self.caches.save(folder, self.kit, shown, prune=not self.dirty))
        self._flush()

    def _cache_where(self, project_dir: Path) -> tuple[Path, str]:
        folder = project_dir / self.config.cache_dir
        return folder, _rel(folder, project_dir) + "/"

    @event_priority(-100)  # after print-site has written /print_page/
    def _tidy_print_page(self, config):
        # Where print-site wrote it: print_page/index.html, or print_page.html without directory URLs.
        printed = getattr(config.plugins.get("print-site"), "print_page", None)
        page = Path(printed.file.abs_dest_path) if printed is not None else None
        if page is not None and page.exists():
            html = self._fill_print_page(page.read_text(encoding="utf-8"), config, printed.url)
            page.write_text(add_csp(tidy_print_page(html)), encoding="utf-8")

    def _fill_print_page(self, html: str, config, print_url: str) -> str:
        """Citations, reference lists and the bibliography into print-site's page (print_version.py),
        rewritten as print-site would have rewritten them in each page: by rewrite_piece, or by
        print-site's own functions for a piece it cannot vouch for."""
        from mkdocs_print_site_plugin import urls as print_urls

        dir_urls = config.use_directory_urls

        def print_site_rewrite(piece: str, url: str) -> str:
            key = print_urls.get_page_key(url)
            piece = print_urls.fix_href_links(piece, key, url, dir_urls)
            piece = print_urls.update_anchor_ids(piece, key)
            piece = print_urls.fix_tabbed_content(piece, key)
            return print_urls.fix_image_src(piece, url, dir_urls)

        def rewrite(piece: str, url: str) -> str:
            key = print_urls.get_page_key(url)
            return rewrite_piece(piece, key, partial(print_site_rewrite, url=url))

        page_urls = self._page_urls(print_page=True)
        return self.print_copies.fill(
            html,
            fragment=lambda src_path, n: self.ctx.citer.page(src_path).fragments.get(n),
            bibliography=partial(
                self._print_bibliography, html, print_url, page_urls, print_urls.get_page_key
            ),
            rewrite=rewrite,
        )

    def _print_bibliography(self, printed: str, print_url: str, page_urls, page_key, url: str) -> str:
        """The bibliography as it reads on the print page: "Cited on" leads to the citing page's
        reference list there, or to the page itself when print-site left it out (not in the nav)."""
        on_print_page = set(re.findall(r'<section class="print-page" id="([^"]+)"', printed))

        def link(page_url: str, key: str) -> str:
            if page_key(page_url) in on_print_page:
                return f"#{page_key(page_url)}-{citations.anchor(key)}"
            return f"{relative_url(print_url, page_url or './')}#{citations.anchor(key)}"

        return pages.render_bibliography(self.ctx, page_urls, url, link, page_key(url) + "-")

    def _page_urls(self, print_page: bool = False) -> dict[str, tuple[str, str]]:
        """Each page's URL and title, for the bibliography's "Cited on" links. On the print page
        the URL is `Page.url`, from which print-site makes the page's key ("" for the home page,
        where `File.url` is "./")."""
        return {
            f.src_path: (
                f.page.url if print_page and f.page else f.url,
                (f.page and f.page.title) or f.src_path,
            )
            for f in self.files.documentation_pages()
        }

    on_post_build = CombinedEvent(_finish_build, _tidy_print_page)

    def on_serve(self, server, config, builder):
        # Reloading covers bib/, data/ (datasets, schemas, figure specs) and the site's macros
        # module; the kit's own Python is imported once per process and needs a restart of serve.
        project_dir = Path(config.config_file_path).resolve().parent
        for folder in (self.config.bib_dir, self.config.data_dir):
            if (project_dir / folder).is_dir():
                server.watch(str(project_dir / folder))
        if self.site_module is not None:
            server.watch(str(self.site_module))
        return server

    def on_build_error(self, error):
        if self.ctx is not None:
            self._flush()  # what was found before the build stopped

    def on_shutdown(self):
        link_messages.uninstall()

    def _flush(self) -> None:
        """Log what the build found, once at its end: grouped across pages (one line per unknown
        key), root causes first, capped. Warnings logged in on_post_build still fail --strict."""
        shown, hidden = report.capped(report.group(self.ctx.diagnostics[self.logged :]))
        self.logged = len(self.ctx.diagnostics)
        for d in shown:
            log.log(_level(d), d.format())
        if hidden:
            log.log(max(_level(d) for d in hidden), report.more(hidden))


def _site_author_check(site_author: str | None, authors: list[dict]) -> list[Diagnostic]:
    """Material writes site_author into <meta name="author">; Zotero reads that when a page has no
    citation_author and splits it into a first and last name, so it must be one of the people."""
    if not site_author or site_author in {page_citation.author_name(a) for a in authors if "family" in a}:
        return []
    return [
        Diagnostic(
            "config.site-author",
            f"site_author '{site_author}' is not one of the explainer plugin's authors: Zotero would save it as a person",
            "mkdocs.yml",
            None,
            "remove site_author, or list the person under the explainer plugin's authors: as 'Family, Given'",
            severity=WARNING,
        )
    ]


def _site_module(config, project_dir: Path) -> Path | None:
    """The site's own mkdocs-macros module (`module_name`), found as mkdocs-macros finds it."""
    macros = config.plugins.get("macros")
    name = macros.config.get("module_name") if macros is not None else None
    if not name:
        return None
    for path in (project_dir / f"{name}.py", project_dir / name):
        if path.exists():
            return path
    return None


def _forget_modules(path: Path) -> None:
    """Drop from sys.modules the module at `path` and, for a package, its submodules."""
    root = os.path.realpath(path)
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if name.partition(".")[0] != path.stem or not file:
            continue
        file = os.path.realpath(file)
        if file == root or file.startswith(root + os.sep):
            del sys.modules[name]


def _site_code_digest(path: Path | None) -> str:
    """Hash of the site module's Python, so a page cached by build_cache is rendered again when it
    changes."""
    if path is None:
        return ""
    if path.is_file():
        return build_cache.digest(path.name, path.read_bytes().hex())
    return build_cache.files_digest(path, "*.py")


def _toc_items(toc):
    for item in toc:
        yield item
        yield from _toc_items(item.children)


def _first_heading(markdown: str) -> str | None:
    m = re.search(r"^#\s+(.+?)\s*#*\s*$", markdown, re.MULTILINE)
    return m.group(1) if m else None


def _date(value) -> str | None:
    d = as_date(value)
    return d.isoformat() if d else None


def _level(d: Diagnostic) -> int:
    return {ERROR: logging.ERROR, WARNING: logging.WARNING}.get(d.severity, logging.INFO)


def _abort_message(diagnostics: list[Diagnostic], where: str = "bib/ or data/") -> str:
    shown, hidden = report.capped(report.group(diagnostics))
    lines = [d.format() for d in shown] + ([report.more(hidden)] if hidden else [])
    n = len(shown) + len(hidden)
    head = "the build stopped: " + ("1 problem" if n == 1 else f"{n} problems")
    return head + f" in {where}\n" + "\n".join(lines)


def _rel(path: Path, root: Path) -> str:
    return _rel_cached(str(path), str(root))


@functools.lru_cache(maxsize=8192)  # resolve() is a system call per path part; pages repeat
def _rel_cached(path: str, root: str) -> str:
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _add_previews_script(config) -> None:
    """List the previews in extra_javascript, once (on_config runs again on every serve rebuild)."""
    if not any(getattr(s, "path", s) == PREVIEWS_URI for s in config.extra_javascript):
        config.extra_javascript.append(ExtraScriptValue(PREVIEWS_URI))
