"""Every built HTML page is valid HTML according to the Nu HTML Checker (vnu-jar from npm, run on
the machine's Java), apart from the two errors Material's own markup has on every page."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter

import pytest

pytestmark = pytest.mark.browser

# Material puts autocomplete="off" on its two checkbox toggles (the drawer and search), which
# HTML only allows on text-like inputs. One of each per page, nothing else.
MATERIAL_KNOWN = re.compile(r"Attribute .autocomplete. is only allowed when the input type is")
MATERIAL_TOGGLE = re.compile(r'data-md-toggle="(drawer|search)"')


def test_nu_html_checker_reports_no_errors(site_dir, node_tools):
    java = shutil.which("java")
    if java is None:
        from .conftest import unavailable

        unavailable("Java is not installed (apt-get install default-jre-headless)")
    jar = node_tools / "vnu-jar" / "build" / "dist" / "vnu.jar"
    pages = sorted(str(p) for p in site_dir.rglob("*.html"))
    assert len(pages) >= 10
    proc = subprocess.run(
        [java, "-Xss4m", "-jar", str(jar), "--format", "json", "--errors-only", *pages],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(proc.stderr or proc.stdout)
    errors, known = [], Counter()
    for m in report["messages"]:
        if m.get("type") != "error":
            continue
        page = m.get("url", "").removeprefix("file:").removeprefix(str(site_dir) + "/")
        extract = m.get("extract", "")
        toggle = MATERIAL_TOGGLE.search(extract)
        if MATERIAL_KNOWN.search(m["message"]) and toggle:
            known[(page, toggle.group(1))] += 1
            continue
        errors.append((m["message"], f"{page}:{m.get('lastLine', '?')}", " ".join(extract.split())[:120]))
    by_message: dict[str, list] = {}
    for message, where, extract in errors:
        by_message.setdefault(message, []).append((where, extract))
    summary = [
        f"{len(v)}x {msg}\n    e.g. {v[0][0]}: {v[0][1]}"
        + (f"\n    also {', '.join(w for w, _ in v[1:6])}" if len(v) > 1 else "")
        for msg, v in sorted(by_message.items(), key=lambda kv: -len(kv[1]))
    ]
    assert not errors, f"{len(errors)} HTML error(s) in {len(pages)} pages:\n" + "\n".join(summary)
    assert all(n == 1 for n in known.values()), known
