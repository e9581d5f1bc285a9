"""The pages for patients and families stay easy to read (style.md: grade 8-9 or easier)."""

import pytest

from tools.readability import ROOT, grade, prose


@pytest.mark.parametrize("page", ["docs/index.md", "docs/faq.md"])
def test_home_and_faq_read_at_grade_9_or_easier(page):
    assert grade(ROOT / page) <= 9.0


def test_prose_drops_macros_and_front_matter():
    text = prose('---\ntitle: T\n---\n\n# Heading\n\nA claim {{ cite("x") }}.\n')
    assert "cite" not in text and "title" not in text and "Heading." in text
