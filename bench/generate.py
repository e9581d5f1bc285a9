"""Seeded generator of the synthetic benchmark sites.

One corpus, three projects that differ only in how citations are handled:

    floor/   plain Material + search; `{{ cite("key") }}` is left in the text as text
    macros/  the explainer plugin (installed), bib/ with M entries
    bibtex/  mkdocs-bibtex 4.4.0 (no CSL file) on the same pages in its `[@key]` syntax

Every page has about 800 words of prose and 10 citation calls (every fourth cites two keys,
so 12-13 keys a page); keys are drawn from the M entries with a skew, so pages share entries as
real pages do. Entries carry accented names, both as LaTeX (`M{\\"u}ller`) and as UTF-8.
Same seed, same bytes.

    python bench/generate.py --pages 200 --entries 1000 --out bench/out/sites/p200
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WORDS = """
lupus patient patients cell cells therapy treatment immune system antibody antibodies kidney
disease remission relapse trial study studies dose infusion response clinical outcome outcomes
months years follow-up safety fever syndrome cytokine release neurotoxicity marrow blood count
receptor antigen target targeted chimeric engineered modified autologous collected expanded
manufactured returned depletion depleted recovered naive memory plasma reset tolerance steroid
steroids drug drugs medicine medicines biologic rituximab belimumab anifrolumab hydroxychloroquine
mycophenolate cyclophosphamide score activity flare flares organ organs skin joints rash fatigue
pain nephritis biopsy proteinuria complement level levels measured reported observed compared
small large early late first second third several many most some few all none each both one two
three four five six the a an of in on for with without after before during while because although
which that this these those it they we their our its and or but not also only still again often
""".split()

# Surnames with diacritics, written in BibTeX's LaTeX escapes (and a few as UTF-8).
SURNAMES = [
    r"M{\"u}ller",
    r"Sch{\"a}fer",
    r"Kr{\"o}nke",
    r"V{\"o}lkl",
    r"Gonz{\'a}lez",
    r"Hern{\'a}ndez",
    r"Fran{\c{c}}ois",
    r"Nu{\~n}ez",
    r"{\O}stergaard",
    r"Dvo{\v{r}}{\'a}k",
    r"{\L}ukasiewicz",
    r"Jos{\'e}",
    r"M{\"o}ller",
    r"Br{\aa}ten",
    r"Sch{\o}tt",
    r"C{\^o}t{\'e}",
    r"Gra{\ss}l",
    "Müller",
    "Østergaard",
    "Šimůnek",
    "Nováková",
    "Çelik",
    "Łukasz",
    "Söderberg",
    "Mackensen",
    "Mougiakakos",
    "Schett",
    "Taubmann",
    "Wang",
    "Zhang",
    "Li",
    "Chen",
    "Smith",
    "Jones",
    "Brown",
    "Garcia",
    "Rossi",
    "Bianchi",
    "Dubois",
    "Lefèvre",
    "van Vollenhoven",
    "de la Cruz",
    "von Bergwelt",
    "Kim",
    "Park",
    "Nakamura",
    "Sato",
    "Kumar",
    "Singh",
    "Okafor",
]
GIVEN = [
    "Andreas",
    "Fabian",
    "Dimitrios",
    "Gerhard",
    "Simon",
    "Ricardo",
    "María",
    "José",
    r"J{\"o}rg",
    r"Ren{\'e}",
    "Hélène",
    "Søren",
    "Zoë",
    "Łucja",
    "Ana Maria",
    "Jean-Luc",
    "Wei",
    "Min-Jung",
    "Priya",
    "Chidi",
    "Ronald F.",
    "Georg",
    "Aline",
    "Ingrid",
    "Tomás",
    r"Fran{\c{c}}oise",
]
TITLE_WORDS = """anti-{CD19} {CAR} {T} cell therapy for refractory systemic lupus erythematosus
long-term outcomes after {B}-cell depletion in autoimmune disease a phase 1 trial of engineered
cells in {SLE} nephritis immune reset and remission without maintenance drugs safety of
lymphodepletion with fludarabine and cyclophosphamide cytokine release syndrome in
rheumatology patients""".split()
JOURNALS = [
    ("Nature Medicine", "Nat Med"),
    ("New England Journal of Medicine", "N Engl J Med"),
    ("The Lancet", "Lancet"),
    ("Annals of the Rheumatic Diseases", "Ann Rheum Dis"),
    (r"Arthritis \& Rheumatology", "Arthritis Rheumatol"),
    ("Cell", None),
    ("Blood", None),
    ("Nature Reviews Rheumatology", "Nat Rev Rheumatol"),
]

CONFIG_COMMON = """\
site_name: Bench site
site_url: https://example.org/bench/
theme:
  name: material
  font: false
extra:
  generator: false
{extra}markdown_extensions:
  - abbr
  - attr_list
  - md_in_html
  - admonition
  - footnotes
  - toc:
      permalink: true
"""

CONFIG_FLOOR = (
    CONFIG_COMMON.format(extra="")
    + """\
plugins:
  - search
"""
)

CONFIG_MACROS = (
    CONFIG_COMMON.format(
        extra="""\
extra_css:
  - assets/explainer.css
"""
    )
    + """\
plugins:
  - search
  - explainer:
      unused_entries: info
  - macros:
      on_error_fail: true
      on_undefined: strict
"""
)

CONFIG_BIBTEX = (
    CONFIG_COMMON.format(extra="")
    + """\
plugins:
  - search
  - bibtex:
      bib_file: refs.bib
"""
)


def make_bib(rng: random.Random, m: int, prefix: str = "") -> tuple[str, list[str]]:
    keys, chunks, used = [], [], set()
    for i in range(m):
        n_auth = rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 10, 12])
        authors = []
        for _ in range(n_auth):
            authors.append(f"{rng.choice(SURNAMES)}, {rng.choice(GIVEN)}")
        if rng.random() < 0.1:
            authors.append("others")
        first = authors[0].split(",")[0]
        ascii_stem = "".join(c for c in first.lower() if c.isascii() and c.isalpha()) or "anon"
        year = rng.randint(1995, 2026)
        key = f"{prefix}{ascii_stem}{year}"
        suffix = 0
        while key in used:
            suffix += 1
            key = f"{prefix}{ascii_stem}{year}{chr(ord('a') + (suffix - 1) % 26)}{'' if suffix <= 26 else suffix}"
        used.add(key)
        keys.append(key)
        title = " ".join(rng.choice(TITLE_WORDS) for _ in range(rng.randint(6, 14)))
        journal, short = rng.choice(JOURNALS)
        first_page = rng.randint(1, 3000)
        fields = [
            ("author", " and ".join(authors)),
            ("title", title[0].upper() + title[1:]),
            ("journal", journal),
        ]
        if short:
            fields.append(("shortjournal", short))
        fields += [
            ("year", str(year)),
            ("volume", str(rng.randint(1, 400))),
            ("number", str(rng.randint(1, 12))),
            ("pages", f"{first_page}--{first_page + rng.randint(2, 20)}"),
            ("doi", f"10.{rng.randint(1000, 9999)}/bench.{i:05d}"),
        ]
        if rng.random() < 0.6:
            fields.append(("pmid", str(rng.randint(10_000_000, 39_999_999))))
        body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields)
        chunks.append(f"@article{{{key},\n{body}\n}}\n")
    return "\n".join(chunks), keys


def make_page(
    rng: random.Random, index: int, keys: list[str], weights: list[float], words: int = 800, calls: int = 10
) -> tuple[str, str]:
    """(macros/floor Markdown, mkdocs-bibtex Markdown) of one page."""
    paragraphs_m, paragraphs_b = [f"# Page {index}\n"], [f"# Page {index}\n"]
    per_call = words // calls
    for c in range(calls):
        n_keys = 2 if c % 4 == 3 else 1
        cited = []
        while len(cited) < n_keys:
            k = rng.choices(keys, weights)[0]
            if k not in cited:
                cited.append(k)
        sentence_words = [rng.choice(WORDS) for _ in range(per_call)]
        sentence_words[0] = sentence_words[0].capitalize()
        prose = " ".join(sentence_words)
        # about 80 words, split into sentences, the citation ending one of them
        cut = len(prose) // 2
        cut = prose.find(" ", cut)
        head, tail = prose[:cut], prose[cut + 1 :]
        macro = "{{ cite(" + ", ".join(f'"{k}"' for k in cited) + ") }}"
        pandoc = "[" + "; ".join(f"@{k}" for k in cited) + "]"
        if c and c % 3 == 0:
            paragraphs_m.append(f"## Section {c // 3}\n")
            paragraphs_b.append(f"## Section {c // 3}\n")
        paragraphs_m.append(f"{head} {macro}. {tail.capitalize()}.\n")
        paragraphs_b.append(f"{head} {pandoc}. {tail.capitalize()}.\n")
    return "\n".join(paragraphs_m), "\n".join(paragraphs_b)


def generate(out: Path, pages: int, entries: int, seed: int = 8) -> Path:
    rng = random.Random(seed)
    bib, keys = make_bib(rng, entries)
    # Zipf-like popularity: a few entries are cited on many pages, most on one or two.
    weights = [1.0 / (i + 1) ** 0.6 for i in range(len(keys))]
    if out.exists():
        shutil.rmtree(out)
    for variant in ("floor", "macros", "bibtex"):
        (out / variant / "docs").mkdir(parents=True)
    (out / "macros" / "bib").mkdir()
    (out / "macros" / "bib" / "references.bib").write_text(bib, encoding="utf-8")
    (out / "bibtex" / "refs.bib").write_text(bib, encoding="utf-8")
    css = ROOT / "docs" / "assets" / "explainer.css"
    (out / "macros" / "docs" / "assets").mkdir()
    (out / "macros" / "docs" / "assets" / "explainer.css").write_text(
        css.read_text(encoding="utf-8") if css.exists() else "", encoding="utf-8"
    )
    (out / "floor" / "mkdocs.yml").write_text(CONFIG_FLOOR, encoding="utf-8")
    (out / "macros" / "mkdocs.yml").write_text(CONFIG_MACROS, encoding="utf-8")
    (out / "bibtex" / "mkdocs.yml").write_text(CONFIG_BIBTEX, encoding="utf-8")
    index = "# Bench site\n\nA synthetic site for timing builds.\n"
    for variant in ("floor", "macros", "bibtex"):
        (out / variant / "docs" / "index.md").write_text(index, encoding="utf-8")
    for i in range(1, pages + 1):
        md_macros, md_bibtex = make_page(rng, i, keys, weights)
        sub = f"section-{(i - 1) // 50:02d}"
        for variant, text in (("floor", md_macros), ("macros", md_macros), ("bibtex", md_bibtex)):
            path = out / variant / "docs" / sub / f"page-{i:04d}.md"
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return out


CITE_MACRO = re.compile(r"\{\{ cite\(([^)]*)\) \}\}")


def as_plain_text(markdown: str) -> str:
    """`{{ cite("a", "b") }}` -> `[a; b]`: the same prose, with the citations as plain text."""
    return CITE_MACRO.sub(lambda m: "[" + "; ".join(k.strip(' "') for k in m[1].split(",")) + "]", markdown)


def generate_real(out: Path, pages: int, entries: int, seed: int = 8) -> Path:
    """The issue-13 corpus: a copy of the landed site, three ways.

    site/   the landed site alone (mkdocs.yml, docs/, bib/, data/, overrides/)
    plain/  the same plus `pages` synthetic pages (in the nav) with their citations as plain text
    cite/   the same pages with `{{ cite(...) }}` calls, and a bib/bench.bib of `entries` entries
    """
    rng = random.Random(seed)
    bib, keys = make_bib(rng, entries, prefix="bench-")
    weights = [1.0 / (i + 1) ** 0.6 for i in range(len(keys))]
    if out.exists():
        shutil.rmtree(out)
    texts = {}
    for i in range(1, pages + 1):
        md, _ = make_page(rng, i, keys, weights)
        texts[f"bench/section-{(i - 1) // 50:02d}/page-{i:04d}.md"] = md
    yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = "  - Bench pages:\n" + "".join(f"      - {rel}\n" for rel in texts)
    for variant in ("site", "plain", "cite"):
        project = out / variant
        project.mkdir(parents=True)
        for name in ("docs", "bib", "data", "overrides"):
            shutil.copytree(ROOT / name, project / name)
        if variant == "site":
            (project / "mkdocs.yml").write_text(yml, encoding="utf-8")
            continue
        marker = "\nnav:\n"
        head, tail = yml.split(marker, 1)
        (project / "mkdocs.yml").write_text(head + marker + tail.rstrip("\n") + "\n" + nav, encoding="utf-8")
        for rel, md in texts.items():
            path = project / "docs" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(md if variant == "cite" else as_plain_text(md), encoding="utf-8")
        if variant == "cite":
            (project / "bib" / "bench.bib").write_text(bib, encoding="utf-8")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--entries", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "sites" / "p200")
    args = ap.parse_args()
    generate(args.out, args.pages, args.entries, args.seed)
    print(args.out)


if __name__ == "__main__":
    main()
