"""Format bibliography entries once, and cache the result by the entry's own content.

The cache (a build_cache.Store) is passed in by the caller (the plugin keeps it across `mkdocs serve`
rebuilds and on disk); its key is the hash of the entry's BibTeX text plus the style version, so
an edited entry is never served stale.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from pybtex.style.template import FieldIsMissing

from . import fast_style
from .bibliography import Bibliography
from .build_cache import Store
from .diagnostics import WARNING, Diagnostic
from .styles import STYLE_VERSION, _is_others, _plain, format_entry, unrenderable


@dataclass(frozen=True)
class FormattedEntry:
    key: str
    html: str
    text: str
    ok: bool = True
    tex: tuple[str, ...] = ()  # TeX that the style could not render (shown without its syntax)


class ReferenceFormatter:
    def __init__(self, bib: Bibliography, cache: Store | None = None):
        self.bib = bib
        self.cache = Store(65536) if cache is None else cache
        self.stats = {"formatted": 0, "cached": 0}
        self._reported: set[str] = set()

    def format(self, key: str) -> tuple[FormattedEntry, list[Diagnostic]]:
        cache_key = f"{self.bib.fingerprints.get(key, key)}:{STYLE_VERSION}"
        hit = self.cache.get(cache_key)
        if hit is not None and hit.key == key:
            self.stats["cached"] += 1
            return hit, self._problems(key, hit)
        entry = self.bib.entries[key]
        try:
            body, text = fast_style.format_entry(entry) or format_entry(entry)
            result = FormattedEntry(key, body, text, tex=tuple(unrenderable(entry)))
        except FieldIsMissing as exc:
            wanted = "' or '".join(exc.field_name.split("|"))
            message = f"entry '{key}' lacks the field '{wanted}' that the reference style needs"
            result = FormattedEntry(
                key, f'<span class="reference-error">{html.escape(message)}</span>', message, ok=False
            )
        self.stats["formatted"] += 1
        self.cache.put(cache_key, result)
        return result, self._problems(key, result)

    def _problems(self, key: str, result: FormattedEntry) -> list[Diagnostic]:
        if (result.ok and not result.tex) or key in self._reported:
            return []
        self._reported.add(key)  # report once per build, at the entry's own location
        loc = self.bib.locations[key]
        if not result.ok:
            return [
                Diagnostic(
                    "bib.missing-field",
                    result.text,
                    loc.path,
                    loc.line,
                    "add the field to the entry",
                    severity=WARNING,
                )
            ]
        pieces = ", ".join(f"'{piece}'" for piece in result.tex)
        return [
            Diagnostic(
                "bib.unrenderable-tex",
                f"entry '{key}' has TeX the reference style cannot render: {pieces}",
                loc.path,
                loc.line,
                "write it in Unicode (CD4⁺, ≥ 6), or in the TeX the kit reads: "
                "$^{+}$, $_{2}$, $\\alpha$, $\\geq$, $\\leq$, $\\pm$, $\\times$",
                severity=WARNING,
            )
        ]

    def short_label(self, key: str) -> str:
        """'Smith et al. 2020' for figure source lines; the journal or publisher when a work
        has no verified author, and never the bare citation key."""
        return self._label(key, "short", self._short_label)

    def narrative_names(self, key: str) -> str:
        """'Smith et al.', 'Lee and Brown', or 'Brown' for citet()."""
        return self._label(key, "narrative", self._narrative_names)

    def _label(self, key: str, kind: str, make) -> str:
        # A label is a pure function of the entry, as its formatting is, and is cached the same
        # way: figures draw their source lines on every build, and one uncached label would
        # unpickle every entry of bib/ (0.1 s with 1000 entries).
        cache_key = f"{self.bib.fingerprints.get(key, key)}:{STYLE_VERSION}:{kind}"
        hit = self.cache.get(cache_key)
        if hit is not None and hit[0] == key:
            return hit[1]
        label = make(key)
        self.cache.put(cache_key, (key, label))
        return label

    def _short_label(self, key: str) -> str:
        entry = self.bib.entries[key]
        year = entry.fields.get("year", "")
        if entry.persons.get("author") or entry.persons.get("editor"):
            return f"{self.narrative_names(key)} {year}".strip()
        for name in ("shortjournal", "journal", "organization", "howpublished", "booktitle"):
            if entry.fields.get(name):
                return f"{_plain([entry.fields[name]])} {year}".strip()
        return f"{_plain([entry.fields.get('title', key)])[:60]} {year}".strip()

    def _narrative_names(self, key: str) -> str:
        entry = self.bib.entries[key]
        persons = entry.persons.get("author") or entry.persons.get("editor") or []
        real = [p for p in persons if not _is_others(p)]
        if not real:
            org = entry.fields.get("organization") or entry.fields.get("howpublished") or key
            return _plain([org])
        surname = _plain(real[0].prelast_names + real[0].last_names)
        if len(persons) == 1:
            return surname
        if len(persons) == 2 and len(real) == 2:
            return f"{surname} and {_plain(real[1].prelast_names + real[1].last_names)}"
        # Capitalize a particle at the start of a sentence ("Van Vollenhoven et al.")
        return f"{surname[0].upper()}{surname[1:]} et al."
