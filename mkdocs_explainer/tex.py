"""The TeX that medical titles carry, rewritten into text that pybtex and latexcodec decode.

    Expansion of CD4$^{+}$ T cells  ->  Expansion of CD4⁺ T cells
    IFN-$\\alpha$, $\\geq$ 6, CO$_2$  ->  IFN-α, ≥ 6, CO₂

pybtex (through latexcodec) decodes accents and a few math symbols, but prints superscripts,
subscripts, `\\textsuperscript` and unknown commands raw. `expand()` turns each `$...$` and each
text-formatting command into plain characters first (Unicode super- and subscripts, Greek letters,
≥ ≤ ± ×), wrapped in braces so that sentence case leaves them alone. What it cannot render it
returns as a problem, and drops the TeX syntax, so that no `$`, `\\` or `^` reaches a page.
"""

from __future__ import annotations

import re

GREEK = (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau "
    "upsilon phi chi psi omega"
).split()
SYMBOLS = dict(zip(GREEK, "αβγδεζηθικλμνξπρστυφχψω", strict=True))
SYMBOLS |= dict(zip((g.capitalize() for g in GREEK), "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΠΡΣΤΥΦΧΨΩ", strict=True))
SYMBOLS |= {
    "varepsilon": "ε", "vartheta": "ϑ", "varphi": "φ", "varrho": "ϱ", "varsigma": "ς", "varkappa": "ϰ",
    "geq": "≥", "ge": "≥", "leq": "≤", "le": "≤", "geqslant": "≥", "leqslant": "≤",
    "pm": "±", "mp": "∓", "times": "×", "cdot": "·", "div": "÷", "approx": "≈", "sim": "∼",
    "neq": "≠", "ne": "≠", "ll": "≪", "gg": "≫", "lesssim": "≲", "gtrsim": "≳", "propto": "∝",
    "to": "→", "rightarrow": "→", "leftarrow": "←", "leftrightarrow": "↔", "uparrow": "↑",
    "downarrow": "↓", "infty": "∞", "circ": "∘", "degree": "°", "prime": "′", "ldots": "…",
    "dots": "…", "cdots": "⋯", "%": "%", ",": " ", ";": " ", ":": " ", " ": " ", "!": "",
    "{": "{", "}": "}", "#": "#", "&": "&", "_": "_", "$": "$",
}  # fmt: skip
# Commands whose argument is shown as it is (fonts do not change the words).
PLAIN_ARG = {"text", "textrm", "mathrm", "mathit", "mathbf", "mathsf", "textit", "textbf", "emph", "textup",
             "textnormal", "textsc", "texttt", "mbox", "operatorname", "boldsymbol"}  # fmt: skip
NO_OPS = {"rm", "it", "bf", "left", "right", "displaystyle", "mathrm", "limits"}
SUPERSCRIPT = dict(zip("0123456789+-−=()niabcdefghjklmoprstuvwxyzABDEGHIJKLMNOPRTUVWαβγδ ",
                       "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱᵃᵇᶜᵈᵉᶠᵍʰʲᵏˡᵐᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵅᵝᵞᵟ ", strict=True))  # fmt: skip
SUBSCRIPT = dict(zip("0123456789+-−=()aehijklmnoprstuvxβγρφχ ",
                     "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ ", strict=True))  # fmt: skip
SCRIPT_COMMANDS = {"textsuperscript": SUPERSCRIPT, "textsubscript": SUBSCRIPT}
TEXT_COMMAND = re.compile(r"\\(" + "|".join(sorted(PLAIN_ARG | set(SCRIPT_COMMANDS))) + r")\s*(?=\{)")
# What latexcodec would otherwise leave raw: math, a caret, a formatting command.
NEEDS_EXPANSION = re.compile(r"\$|\^|\\(?:text|emph|math)")
# latexcodec reads these as syntax: characters coming out of math are escaped for it (a $ it keeps).
LATEX_SPECIAL = str.maketrans(
    {"%": r"\%", "#": r"\#", "&": r"\&", "_": r"\_", "~": "∼", "{": "", "}": "", "\\": ""}
)


def expand(latex: str) -> tuple[str, list[str]]:
    """(LaTeX without math or formatting commands, the pieces that could not be rendered)."""
    if not NEEDS_EXPANSION.search(latex):
        return latex, []
    problems: list[str] = []
    out = _text(latex, problems)
    return out, problems


def leftover(decoded: str) -> str | None:
    """A piece of TeX that survived decoding (an unknown command), or None."""
    m = re.search(r"\\[A-Za-z]+|\\.", decoded)
    return m.group(0) if m else None


def _text(s: str, problems: list[str]) -> str:
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\":
            m = TEXT_COMMAND.match(s, i)
            if m:
                arg, i = _group(s, m.end())
                inner = _text(arg, problems)
                table = SCRIPT_COMMANDS.get(m.group(1))
                out.append(
                    "{" + (_script(_plain(inner), table, m.group(0), problems) if table else inner) + "}"
                )
                continue
            out.append("$" if s.startswith("\\$", i) else s[i : i + 2])  # \%, accents: latexcodec's job
            i += 2
        elif c == "$":
            end = _math_end(s, i + 1)
            if end < 0:
                problems.append(s[i:])
                out.append(_plain(s[i + 1 :]).translate(LATEX_SPECIAL))
                break
            out.append("{" + _math(s[i + 1 : end].strip("$"), problems).translate(LATEX_SPECIAL) + "}")
            i = end + (2 if s.startswith("$$", end) else 1)
        elif c == "^":
            problems.append(s[i : i + 2])
            i += 1  # a caret outside math is not a superscript in TeX either
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _math_end(s: str, i: int) -> int:
    if s.startswith("$", i):  # $$display$$
        j = s.find("$$", i + 1)
        return j + 1 if j >= 0 else -1
    while i < len(s):
        if s[i] == "\\":
            i += 2
            continue
        if s[i] == "$":
            return i
        i += 1
    return -1


def _math(s: str, problems: list[str]) -> str:
    """Unicode for one formula ($...$ without the dollars)."""
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c in "^_":
            arg, i = _argument(s, i + 1)
            inner = _math(arg, problems)
            if c == "^" and inner in ("∘", "°"):
                out.append("°")
            elif c == "^" and inner == "′":
                out.append("′")
            else:
                out.append(_script(inner, SUPERSCRIPT if c == "^" else SUBSCRIPT, c + arg, problems))
        elif c == "\\":
            name, i = _command(s, i)
            if name in PLAIN_ARG and s[i : i + 1] in ("{", " ") and "{" in s[i : i + 2]:
                arg, i = _group(s, s.index("{", i))
                out.append(_math(arg, problems) if name.startswith("math") else _plain(arg))
            elif name in SYMBOLS:
                out.append(SYMBOLS[name])
            elif name in NO_OPS:
                pass
            else:
                problems.append("\\" + name)  # shown without it: "\\sqrt{x}" -> "x"
        elif c == "{":
            arg, i = _group(s, i)
            out.append(_math(arg, problems))
        elif c == "}":
            i += 1
        elif c == "'":
            out.append("′")
            i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _script(inner: str, table: dict[str, str], source: str, problems: list[str]) -> str:
    if all(ch in table for ch in inner):
        return "".join(table[ch] for ch in inner)
    problems.append(source)  # no Unicode form: show the characters at the baseline
    return inner


def _command(s: str, i: int) -> tuple[str, int]:
    """Name of the command at s[i] == '\\' and the index after it (and after the space ending it)."""
    m = re.compile(r"[A-Za-z]+ ?").match(s, i + 1)
    if m:
        return m.group(0).rstrip(" "), m.end()
    return s[i + 1 : i + 2], i + 2


def _argument(s: str, i: int) -> tuple[str, int]:
    """The argument of ^ or _: a {group}, a command or one character."""
    while i < len(s) and s[i] == " ":
        i += 1
    if i >= len(s):
        return "", i
    if s[i] == "{":
        return _group(s, i)
    if s[i] == "\\":
        name, end = _command(s, i)
        if name in PLAIN_ARG and s.startswith("{", end):  # ^\text{low}
            _, end = _group(s, end)
        return s[i:end].rstrip(" "), end
    return s[i], i + 1


def _group(s: str, i: int) -> tuple[str, int]:
    """Contents of the balanced {group} opening at s[i], and the index after it."""
    depth, j = 0, i
    while j < len(s):
        if s[j] == "\\":
            j += 2
            continue
        depth += {"{": 1, "}": -1}.get(s[j], 0)
        if depth == 0:
            return s[i + 1 : j], j + 1
        j += 1
    return s[i + 1 :], len(s)


def _plain(latex: str) -> str:
    """Text of a small piece of TeX: braces and the backslashes of escapes dropped."""
    return re.sub(r"\\([%#&_${}])", r"\1", latex).replace("{", "").replace("}", "")
