"""mkdocs_explainer/csp.py: the Content-Security-Policy <meta> computed from a page's final HTML."""

import ast
import re
from pathlib import Path

import pytest

from mkdocs_explainer import csp
from mkdocs_explainer.csp import add_csp, inline_hashes, policy, source_hash

# The CSP Level 3 specification's own example: <script>alert('Hello, world.');</script>
SPEC_SCRIPT = "alert('Hello, world.');"
SPEC_HASH = "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def page(head: str = "", body: str = "") -> str:
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width">\n{head}</head>\n<body>\n{body}</body>\n</html>\n'
    )


def meta_policy(html: str) -> dict[str, list[str]]:
    [content] = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    return {d.split()[0]: d.split()[1:] for d in content.split("; ")}


def test_hash_is_the_one_the_specification_gives():
    assert source_hash(SPEC_SCRIPT) == SPEC_HASH


def test_line_breaks_are_hashed_as_the_parser_normalises_them():
    assert source_hash("a();\r\nb();\rc();") == source_hash("a();\nb();\nc();")


def test_each_inline_script_gets_its_hash_and_the_policy_is_same_origin_only():
    out = add_csp(page(f"<script>{SPEC_SCRIPT}</script>", '<script src="assets/app.js"></script>'))
    assert meta_policy(out) == {
        "default-src": ["'self'"],
        "script-src": ["'self'", SPEC_HASH],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }


def test_hashes_follow_each_page_because_material_scripts_differ_per_page():
    """Material's first inline script carries the page's relative path to the site root."""
    script = '__md_scope=new URL("{}",location)'
    home = add_csp(page(f"<script>{script.format('.')}</script>"))
    deep = add_csp(page(f"<script>{script.format('../..')}</script>"))
    assert meta_policy(home)["script-src"] == ["'self'", source_hash(script.format("."))]
    assert meta_policy(deep)["script-src"] == ["'self'", source_hash(script.format("../.."))]


@pytest.mark.parametrize(
    "tag",
    [
        "<script>",
        '<script type="text/javascript">',
        "<script type='module'>",
        "<SCRIPT TYPE=text/javascript>",
        '<script type="text/javascript; charset=utf-8">',
        '<script data-type="application/json">',  # not a type attribute
        '<script nonce="x" data-note="a>b">',  # '>' inside an attribute value
    ],
)
def test_executable_scripts_are_hashed(tag):
    scripts, _ = inline_hashes(page(f"{tag}{SPEC_SCRIPT}</script>"))
    assert scripts == [SPEC_HASH]


@pytest.mark.parametrize(
    "html",
    [
        '<script id="__config" type="application/json">{"base": ".."}</script>',  # Material's config
        '<script type="application/ld+json">{"@type": "MedicalWebPage"}</script>',
        '<script src="assets/javascripts/bundle.js"></script>',
        '<script defer src="x.js"></script>',
        f"<!-- <script>{SPEC_SCRIPT}</script> -->",
    ],
)
def test_data_blocks_external_scripts_and_comments_need_no_hash(html):
    assert inline_hashes(page(html)) == ([], [])
    assert meta_policy(add_csp(page(html)))["script-src"] == ["'self'"]


def test_repeated_scripts_are_listed_once_in_page_order():
    html = page("<script>b()</script><script>a()</script>", "<script>b()</script>")
    assert inline_hashes(html)[0] == [source_hash("b()"), source_hash("a()")]


def test_style_elements_are_hashed_into_style_src():
    """print-site's page has one <style>; there are no style="" attributes to allow."""
    css = ".print-site-enumerate-headings #index > h1:before { content: '1 ' }"
    out = add_csp(page(f"<style>{css}</style>"))
    assert meta_policy(out)["style-src"] == ["'self'", source_hash(css)]


def test_the_policy_comes_right_after_the_charset_before_any_script():
    out = add_csp(page(f"<script>{SPEC_SCRIPT}</script>"))
    charset = out.index('<meta charset="utf-8">') + len('<meta charset="utf-8">')
    assert out.index('<meta http-equiv="Content-Security-Policy"') == charset
    assert out.index("Content-Security-Policy") < out.index("<script")


def test_without_a_charset_meta_the_policy_opens_the_head():
    out = add_csp("<html><head><title>T</title><script>x()</script></head><body></body></html>")
    assert out.startswith('<html><head><meta http-equiv="Content-Security-Policy" content="')


def test_a_charset_meta_in_the_body_is_not_used():
    out = add_csp('<html><head><title>T</title></head><body><meta charset="utf-8"></body></html>')
    assert out.startswith("<html><head><meta http-equiv=")


def test_only_the_policy_is_added():
    html = page("<script>x()</script>", "<p>text</p>")
    out = add_csp(html)
    assert re.sub(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">', "", out) == html


def test_running_twice_gives_the_same_page():
    once = add_csp(page("<script>x()</script>"))
    assert add_csp(once) == once
    assert once.count("Content-Security-Policy") == 1


def test_a_page_without_head_is_refused():
    with pytest.raises(ValueError, match="no <head>"):
        add_csp("<p>fragment</p>")


def test_no_other_origin_and_no_unsafe_keyword_is_ever_allowed():
    value = policy(page("<script>x()</script><style>a{}</style>"))
    assert not re.search(r"https?:|\*|'unsafe-|blob:", value)


def test_module_is_pure():
    """No MkDocs, no logging: it can move to the kit's core as it is."""
    tree = ast.parse(Path(csp.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")])
    }
    assert imported <= {"__future__", "base64", "hashlib", "re"}
