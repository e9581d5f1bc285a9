"""`mkdocs-explainer new DIR --title "..."` (also `python -m mkdocs_explainer new ...`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .new_site import ScaffoldError, new_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="mkdocs-explainer new", description="Write a minimal explainer site into DIR (new or empty)."
    )
    parser.add_argument("dir", type=Path, metavar="DIR")
    parser.add_argument("--title", required=True, help='the site name, e.g. "Tea, Explained"')
    parser.add_argument("--description", help="one sentence on what the site explains")
    args = parser.parse_args(argv)
    try:
        written = new_site(args.dir, args.title, args.description)
    except ScaffoldError as exc:
        print(f"mkdocs-explainer: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {len(written)} files to {args.dir}. Next: cd {args.dir} && mkdocs serve")
    return 0
