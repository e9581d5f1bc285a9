"""The explainer pages as written: complete, and every number in their prose next to a source.

Reads the Markdown itself (no build), so a contributor learns which paragraph lacks a citation.
"""

import re

import pytest
import yaml

from tools.readability import ROOT


def nav_pages(node) -> list[str]:
    """Every Markdown file named in mkdocs.yml's nav, in order."""
    if isinstance(node, str):
        return [node] if node.endswith(".md") else []
    items = node.values() if isinstance(node, dict) else node
    return [page for item in items for page in nav_pages(item)]


# safe_load does not know MkDocs' !ENV tag; the nav has none, so the tagged values can go.
CONFIG = re.sub(r"!ENV \[[^\]]*\]", "''", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
NAV_PAGES = nav_pages(yaml.safe_load(CONFIG)["nav"])

# The topic pages for readers; the others are glossary, references, about and contributor pages.
CONTENT_PAGES = [
    "index.md",
    "lupus.md",
    "making-car-t-cells.md",
    "why-cd19.md",
    "studies/index.md",
    "studies/mougiakakos-2021.md",
    "studies/mackensen-2022.md",
    "studies/mueller-2024.md",
    "studies/later-studies.md",
    "safety.md",
    "open-questions.md",
    "faq.md",
]

PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|XXX|lorem ipsum|placeholder|coming soon|to be written)\b", re.I)
# A number standing alone: not part of a name such as CD19, SLEDAI-2K, IL-6 or a list marker.
NUMBER = re.compile(r"(?<![A-Za-z\-/.\d])\d+(?:[.,]\d+)?(?![A-Za-z\d])")
# A review date ("25 November 2026") is about the site, not a finding.
REVIEW_DATE = re.compile(
    r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"
)


def body(page: str) -> str:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    return re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)


def test_the_navigation_lists_every_content_page():
    assert set(CONTENT_PAGES) <= set(NAV_PAGES), set(CONTENT_PAGES) - set(NAV_PAGES)


@pytest.mark.parametrize("page", NAV_PAGES)
def test_no_page_in_the_navigation_holds_placeholder_text(page):
    text = re.sub(r"\{%\s*raw\s*%\}.*?\{%\s*endraw\s*%\}", "", body(page), flags=re.S)
    hits = [line for line in text.splitlines() if PLACEHOLDER.search(line)]
    assert not hits, hits


@pytest.mark.parametrize("page", CONTENT_PAGES)
def test_content_page_is_a_complete_cited_explainer(page):
    text = body(page)
    assert re.search(r'^!!! \w+ "Key points"', text, re.M), "a Key points box"
    assert len(re.findall(r"\bcite[pt]?\(", text)) >= 5, "cites its sources"
    prose = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", text, flags=re.S)
    assert len(prose.split()) >= 400, "a complete page, not a stub"


@pytest.mark.parametrize("page", CONTENT_PAGES)
def test_every_paragraph_that_states_a_number_cites_a_source(page):
    """A paragraph with a number carries a citation, or is a list introduced by a cited line."""
    missing, previous = [], ""
    for para in re.split(r"\n\s*\n", body(page)):
        para = "\n".join(line for line in para.splitlines() if not re.match(r"\s*(!!!|\?\?\?)", line))
        stripped = para.strip()
        if stripped and not stripped.startswith(("#", "|", "{{", "{%", "<")):
            words = re.sub(r"\{\{.*?\}\}|\]\([^)]*\)", "", stripped, flags=re.S)
            words = REVIEW_DATE.sub("", re.sub(r"^\s*\d+\.\s", "", words, flags=re.M))
            is_list = stripped.startswith(("-", "*")) or re.match(r"\d+\.\s", stripped)
            cited = "cite" in stripped or (is_list and previous.rstrip().endswith(":") and "cite" in previous)
            if NUMBER.search(words) and not cited:
                missing.append(stripped[:120])
        if stripped:
            previous = stripped
    assert not missing, missing
