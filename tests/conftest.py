import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # `tests.sitebuild` (the kit itself is installed: mkdocs_explainer)

from tests.sitebuild import build_site  # noqa: E402


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The real site, built once per test session with --strict."""
    site = tmp_path_factory.mktemp("real") / "site"
    return build_site(ROOT, site, strict=True)
