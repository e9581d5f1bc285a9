"""Relative links between the site's files, from the URLs MkDocs gives pages and files.

The plugin hands the core each page's `Page.url` and each target's `File.url`; the core never
guesses a URL from a source path or from `use_directory_urls`. Every link the kit writes is
relative, so the site works from any base path (a local server, a pull-request preview).
"""

from __future__ import annotations

import posixpath


def relative_url(from_url: str, to_url: str) -> str:
    """The link from the page at `from_url` to `to_url`, both relative to the site root.

    The same answer as MkDocs' `mkdocs.utils.get_relative_url(to_url, from_url)` (a test checks
    a table of cases against it), so that the core stays free of MkDocs imports: a last part with
    a dot is a file ('studies/one.html' links from 'studies/'), a trailing slash is kept.
    """
    dirname, _, basename = from_url.rpartition("/")
    if "." in basename:
        from_url = dirname
    here, there = _parts(from_url), _parts(to_url)
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    return rel + "/" if to_url.endswith("/") else rel


def root_prefix(from_url: str) -> str:
    """What to put before a site-root path to link to it from the page at `from_url`:
    '' on the home page, '../' one level down ('roasting/' or 'guides/one.html'), and so on."""
    rel = relative_url(from_url, "")
    return "" if rel == "." else rel + "/"


def _parts(path: str) -> list[str]:
    path = posixpath.normpath(path if path.startswith("/") else "/" + path)[1:]
    return path.split("/") if path else []
