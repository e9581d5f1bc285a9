"""mkdocs-explainer: an MkDocs plugin for evidence-first explainer sites.

Citations from BibTeX, tables and figures from schema-checked data, citable pages, and
compiler-style diagnostics. `plugin.py` is the MkDocs adapter; every other module is a pure
core that takes explicit inputs and returns results plus diagnostics.
"""

__version__ = "0.2.0"
