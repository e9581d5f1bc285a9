"""Content-Security-Policy for a finished HTML page, as a `<meta http-equiv>` element.

GitHub Pages sends no response headers we can set, so the policy travels in the page itself.
It allows this origin only; the inline scripts and <style> elements actually present in the
page are allowed by their sha256 hashes, computed from the final HTML. Material's inline scripts
differ from page to page (`__md_scope=new URL("../..",location)`), so every page gets its own
hashes, and `add_csp` must run after anything else that edits the page.

Pure: text in, text out. No MkDocs import, no logging, no state.

Limits, by design: the page must not use Material's `navigation.instant` (pages swapped in by
JavaScript keep the first page's policy), and `frame-ancestors`, `report-uri` and `sandbox` are
not available in a <meta> policy, so none is set.
"""

from __future__ import annotations

import base64
import hashlib
import re

# Directives and why (see docs: CSP Level 3). Hashes are appended to script-src and style-src.
POLICY: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),  # anything not named below: this origin only
    ("script-src", "'self'"),  # Material's bundle, print-site.js, the search worker
    ("style-src", "'self'"),  # stylesheets; no style="" attributes exist, so no 'unsafe-inline'
    ("img-src", "'self' data:"),  # Material's CSS draws its icons from data: SVG masks
    ("object-src", "'none'"),  # no plugins
    ("base-uri", "'self'"),  # not covered by default-src: an injected <base> cannot redirect URLs
    ("form-action", "'self'"),  # not covered by default-src: the search form posts nowhere else
)

# Script types a browser executes (so CSP governs them); other types are data blocks, such as
# Material's `application/json` config and the JSON-LD metadata, which CSP does not apply to.
_JS_TYPES = {
    "",
    "module",
    "importmap",
    "speculationrules",
    "application/ecmascript",
    "application/javascript",
    "application/x-ecmascript",
    "application/x-javascript",
    "text/ecmascript",
    "text/javascript",
    "text/javascript1.0",
    "text/javascript1.1",
    "text/javascript1.2",
    "text/javascript1.3",
    "text/javascript1.4",
    "text/javascript1.5",
    "text/jscript",
    "text/livescript",
    "text/x-ecmascript",
    "text/x-javascript",
}

# A comment, or a <script>/<style> element with its raw text. Attribute values may contain '>'.
_ATTRS = r"""((?:[^>"']|"[^"]*"|'[^']*')*)"""
_TOKEN = re.compile(
    r"<!--.*?-->" rf"|<(?P<tag>script|style)\b{_ATTRS}>(?P<body>.*?)</(?P=tag)\s*>",
    re.S | re.I,
)
_TYPE = re.compile(r"""(?:^|\s)type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_SRC = re.compile(r"""(?:^|\s)src\s*=""", re.I)
_EXISTING = re.compile(r"""<meta\s[^>]*http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>""", re.I)
_CHARSET = re.compile(r"<meta\s[^>]*\bcharset\s*=[^>]*>", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)


def source_hash(text: str) -> str:
    """The CSP source expression for an inline element's text, e.g. 'sha256-qznL...='.

    Browsers hash the text after the HTML parser has normalised line breaks to LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_hashes(html: str) -> tuple[list[str], list[str]]:
    """Hashes of the executable inline scripts and of the <style> elements, in page order,
    each listed once. Scripts with src=, data blocks and anything inside a comment are skipped."""
    scripts: list[str] = []
    styles: list[str] = []
    for m in _TOKEN.finditer(html):
        tag = (m.group("tag") or "").lower()
        if not tag:
            continue  # a comment
        attrs = m.group(2) or ""
        if tag == "script":
            if _SRC.search(attrs) or not _executable(attrs):
                continue
            out = scripts
        else:
            out = styles
        h = source_hash(m.group("body"))
        if h not in out:
            out.append(h)
    return scripts, styles


def policy(html: str) -> str:
    """The policy for this page: POLICY plus the page's own inline hashes."""
    scripts, styles = inline_hashes(html)
    extra = {"script-src": scripts, "style-src": styles}
    return "; ".join(" ".join([name, value, *extra.get(name, [])]) for name, value in POLICY)


def add_csp(html: str) -> str:
    """The page with its Content-Security-Policy <meta> as early as possible in <head> (a meta
    policy governs only what comes after it): right after <meta charset>, else right after <head>.
    A policy already in the page is replaced, so running twice gives the same page."""
    html = _EXISTING.sub("", html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    head = _HEAD.search(html)
    if head is None:
        raise ValueError("the page has no <head>, so it cannot carry a Content-Security-Policy")
    charset = _CHARSET.search(html, head.end())
    at = charset.end() if charset and charset.start() < _head_end(html, head.end()) else head.end()
    return html[:at] + meta + html[at:]


def _executable(attrs: str) -> bool:
    m = _TYPE.search(attrs)
    if m is None:
        return True
    value = next(v for v in m.groups() if v is not None)
    return value.split(";")[0].strip().lower() in _JS_TYPES


_HEAD_END = re.compile(r"</head\s*>", re.I)


def _head_end(html: str, start: int) -> int:
    end = _HEAD_END.search(html, start)  # not html.lower(): that copies the whole page
    return end.start() if end else len(html)
