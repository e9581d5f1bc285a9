"""Make every id survive the print-site plugin's one-page version.

print-site prefixes ids with the page's key so they stay unique on /print_page/, and rewrites every
`#...` link to match; but it renames ids only on h1-h6, <li> and <sup>, and only when that tag is the
first on its line. Citation back-links (#cite-N), table notes, glossary entries and figures would
then point nowhere. We hand print-site a copy of each page where every other id sits on an empty
<sup> at the start of a line.
"""

from __future__ import annotations

import re

RENAMED_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "li", "sup"}
KEEP_TAGS = {"svg", "title", "desc", "input", "label", "path", "g"}  # referenced by aria/for, not by links
OPEN_TAG_WITH_ID = re.compile(
    r'<(?P<tag>[a-zA-Z][a-zA-Z0-9]*)(?P<before>[^<>]*?)\sid="(?P<id>[^"]+)"(?P<after>[^<>]*)>'
)


def print_safe_ids(html: str) -> str:
    def fix(m: re.Match) -> str:
        tag = m.group("tag").lower()
        if tag in KEEP_TAGS:
            return m.group(0)
        if tag in RENAMED_TAGS:
            return "\n" + m.group(0)  # first on its line, so print-site sees it
        without_id = f"<{m.group('tag')}{m.group('before')}{m.group('after')}>"
        return f'{without_id}\n<sup id="{m.group("id")}" class="print-anchor"></sup>'

    return OPEN_TAG_WITH_ID.sub(fix, html)


def tidy_print_page(html: str) -> str:
    """Valid HTML for print-site's page: its custom `heading-number` attribute becomes a data-
    attribute, and the <style> it appends to the body moves into <head>."""
    html = re.sub(r"""\sheading-number=(['"])""", r" data-heading-number=\1", html)
    styles = re.findall(r"<style>.*?</style>", html.split("</head>", 1)[-1], flags=re.S)
    if styles and "</head>" in html:
        head, body = html.split("</head>", 1)
        for style in styles:
            body = body.replace(style, "", 1)
        html = head + "".join(styles) + "</head>" + body
    return html
