"""Pages whose only template syntax is macro calls with literal string arguments.

Most pages of an explainer use Jinja for nothing but `{{ cite("key") }}`. Compiling each page
into a Jinja template costs more than everything the calls themselves do (about 3.5 ms a page,
0.7 s for 200 pages on a cold build), so such a page is rendered here: each call is replaced by
its macro's result, and the page comes out exactly as Jinja would render it (its newlines as
`\\n`, one trailing newline dropped). Anything else that looks like template syntax (a variable,
a filter, a `{% %}` block, a comment, an argument that is not a plain string) and the page goes
to mkdocs-macros as before.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Mapping

_STRING = r"""(?:"[^"\\\n]*"|'[^'\\\n]*')"""  # no escapes: the literal's value is its text
_ARG = rf"(?:[A-Za-z_]\w*\s*=\s*)?{_STRING}"
CALL = re.compile(rf"\{{\{{\s*([A-Za-z_]\w*)\s*\(\s*((?:{_ARG}(?:\s*,\s*{_ARG})*)?)\s*\)\s*\}}\}}")
_ARGS = re.compile(rf"(?:([A-Za-z_]\w*)\s*=\s*)?({_STRING})")
_NEWLINE = re.compile(r"\r\n|\r|\n")  # Jinja's line breaks


def render(markdown: str, macros: Mapping[str, Callable[..., str]], syntax: tuple[str, ...]) -> str | None:
    """The page with each call of one of `macros` replaced by its result, or None when it holds
    any other template syntax (`syntax`: the environment's start strings, e.g. "{{", "{%", "{#")."""
    # What Jinja's lexer does to a template's text first (jinja2.lexer.Lexer.tokeniter)
    lines = _NEWLINE.split(markdown)
    if lines[-1] == "":
        del lines[-1]
    source = "\n".join(lines)
    calls = list(CALL.finditer(source))
    if not calls or any(m.group(1) not in macros for m in calls):
        return None
    if any(start in CALL.sub("", source) for start in syntax):
        return None
    bound, signatures = [], {}
    for m in calls:  # every call checked before any runs: a bad one goes to Jinja, which reports it
        fn, args, kwargs = macros[m.group(1)], [], {}
        for name, literal in _ARGS.findall(m.group(2)):
            if name and name not in kwargs:
                kwargs[name] = literal[1:-1]
            elif kwargs or name:  # a positional argument after a keyword one, a keyword twice
                return None
            else:
                args.append(literal[1:-1])
        try:
            if fn not in signatures:
                signatures[fn] = inspect.signature(fn)
            signatures[fn].bind(*args, **kwargs)
        except TypeError:
            return None
        bound.append((m, fn, args, kwargs))
    parts, pos = [], 0
    for m, fn, args, kwargs in bound:  # in page order, as Jinja calls them: numbering follows the text
        parts += (source[pos : m.start()], str(fn(*args, **kwargs)))
        pos = m.end()
    parts.append(source[pos:])
    return "".join(parts)
