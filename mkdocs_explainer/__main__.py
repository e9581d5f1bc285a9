"""The kit's command line: `python -m mkdocs_explainer <command> ...`.

lint-bib [bib/ ...]   check BibTeX with the build's own loader and style (lint_bib.py)
new DIR --title T     write a minimal new explainer site into DIR, new or empty (cli.py)
"""

from __future__ import annotations

import sys

COMMANDS = {"lint-bib": "lint_bib", "new": "cli"}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in COMMANDS:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    from importlib import import_module

    return import_module(f"mkdocs_explainer.{COMMANDS[argv[0]]}").main(argv[1:])


if __name__ == "__main__":
    sys.exit(main())
