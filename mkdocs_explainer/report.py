"""What the contributor reads: root causes first, repeats grouped, the log capped. Pure.

bib/: [bib.empty] no entries in bib/ ... (... 131 messages that follow from it are not shown)
docs/x.md:3: [cite.unknown-key] 'foo' is not in bib/ (did you mean 'fo0'?) — cited 12 times, first here
"""

from __future__ import annotations

from dataclasses import replace

from .diagnostics import ERROR, INFO, WARNING, Diagnostic

LIMIT = 50  # lines of a build's log; more than this and the first ones are what matter
# How a repeat is counted, by code; any diagnostic with a subject is grouped.
RANK = {ERROR: 0, WARNING: 1, INFO: 2}
VERBS = {"cite.unknown-key": "cited", "data.unknown-source": "named as a source"}


def group(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Root causes first, without the diagnostics that follow from them; one diagnostic per
    (code, subject), at its first place, with the number of places; otherwise in order."""
    roots = [d for d in diagnostics if d.consequences]
    hidden = {code for d in roots for code in d.consequences}
    kept = [d for d in diagnostics if d.code not in hidden]
    dropped = len(diagnostics) - len(kept)
    if roots and dropped:
        first = roots[0]
        plural = "message that follows" if dropped == 1 else "messages that follow"
        note = f"{dropped} {plural} from it {'is' if dropped == 1 else 'are'} not shown"
        kept[kept.index(first)] = replace(first, hint=f"{first.hint}; {note}" if first.hint else note)
    groups: dict[tuple[str, str], list[Diagnostic]] = {}
    out: list[Diagnostic] = []
    for d in kept:
        if d.subject is None:
            out.append(d)
            continue
        same = groups.setdefault((d.code, d.subject), [])
        if not same:
            out.append(d)
        same.append(d)
    result = []
    for d in out:
        n = len(groups.get((d.code, d.subject), ())) if d.subject is not None else 1
        if n > 1:
            d = replace(d, tally=f"{VERBS.get(d.code, 'found')} {n} times, first here")
        result.append(d)
    # Stable: root causes first, then errors and warnings before notes, each in order of finding.
    return sorted(result, key=lambda d: (not d.consequences, RANK.get(d.severity, 2)))


def capped(diagnostics: list[Diagnostic], limit: int = LIMIT) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(the first `limit` - 1 to show, the rest to sum up in one last line), or all and none."""
    if len(diagnostics) <= limit:
        return diagnostics, []
    return diagnostics[: limit - 1], diagnostics[limit - 1 :]


def more(hidden: list[Diagnostic]) -> str:
    return f"… and {len(hidden)} more (fix the ones above first: the later ones often follow from them)"
