"""literal_calls.render gives what Jinja gives, or declines (None) without calling anything."""

from __future__ import annotations

import jinja2
import pytest

from mkdocs_explainer import literal_calls

STARTS = ("{{", "{%", "{#")


class Recorder:
    """Macros that return a trace of their arguments and remember the order they were called in."""

    def __init__(self):
        self.calls: list[tuple] = []

        def cite(*keys, loc=None):
            self.calls.append(("cite", keys, loc))
            return f"<sup>{'|'.join(keys)}{';' + loc if loc else ''}</sup>\n"  # a newline of its own

        def value(dataset, record, field, words="no"):
            self.calls.append(("value", dataset, record, field, words))
            return f"{dataset}/{record}/{field}/{words}"

        self.macros = {"cite": cite, "value": value}


def with_jinja(text: str) -> tuple[str, list]:
    rec = Recorder()
    out = jinja2.Environment().from_string(text).render(**rec.macros)
    return out, rec.calls


def with_kit(text: str) -> tuple[str | None, list]:
    rec = Recorder()
    return literal_calls.render(text, rec.macros, STARTS), rec.calls


SAME_AS_JINJA = [
    'A claim {{ cite("a") }}.\n',
    'Two {{ cite("a", "b") }} and {{cite("c")}} and {{   cite( \'d\' , "e" )   }}.',
    'A range {{ cite("a", loc="p. 3") }}; {{ cite(loc="fig. 2") }}\n\n',
    'Windows\r\nlines {{ cite("a") }}\r\nand old Mac\rones\r\n',
    'No trailing newline {{ cite("a") }}',
    'A call over lines {{ cite(\n    "a",\n    "b"\n) }}\n',
    'Braces in prose } and }} and a { alone {{ cite("a") }}\n',
    'A value {{ value("studies", "s1", "n") }} and {{ value("studies", "s1", "n", words="yes") }}\n',
    'Odd keys {{ cite("a:b/c d", "é") }} and a "quote" {{ cite(\'x"y\') }}\n',
    "{{ cite() }}\n",
]


@pytest.mark.parametrize("text", SAME_AS_JINJA)
def test_a_page_of_literal_calls_comes_out_as_jinja_renders_it(text):
    got, calls = with_kit(text)
    want, want_calls = with_jinja(text)
    assert got is not None, "the fast path declined a page it is for"
    assert got == want
    assert calls == want_calls  # same calls, same order: the numbering follows the text


DECLINED = [
    "No calls at all.\n",
    'A variable {{ page.title }} beside {{ cite("a") }}\n',
    '{% raw %}{{ cite("a") }}{% endraw %}\n',
    'A comment {# note #} {{ cite("a") }}\n',
    'A filter {{ cite("a") | upper }}\n',
    'An escape {{ cite("a\\"b") }}\n',
    'Whitespace control {{- cite("a") }}\n',
    'A macro of the site {{ mine("a") }} {{ cite("b") }}\n',
    'A number {{ value("studies", "s1", 3) }}\n',
    'A keyword the macro lacks {{ cite("a", page="3") }}\n',
    'A positional after a keyword {{ cite(loc="p. 3", "a") }}\n',
    'A keyword twice {{ cite("a", loc="1", loc="2") }}\n',
    'Too few arguments {{ value("studies") }}\n',
]


@pytest.mark.parametrize("text", DECLINED)
def test_any_other_template_syntax_goes_to_jinja_and_nothing_is_called(text):
    got, calls = with_kit(text)
    assert got is None
    assert calls == []  # declined before any call: no citation numbered twice


def test_other_start_strings_are_respected():
    rec = Recorder()
    text = 'A claim {{ cite("a") }} and << other >>\n'
    assert literal_calls.render(text, rec.macros, ("{{", "<<")) is None
    assert literal_calls.render(text, rec.macros, STARTS) is not None
