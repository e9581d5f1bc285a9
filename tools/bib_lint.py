"""Lint the BibTeX in bib/: a thin wrapper of `python -m mkdocs_explainer lint-bib`.

    python tools/bib_lint.py [bib/ ...]

The checks live in mkdocs_explainer/lint_bib.py, on the build's own loader and reference style.
"""

from __future__ import annotations

import sys

from mkdocs_explainer.lint_bib import main

if __name__ == "__main__":
    sys.exit(main())
