"""How a data value reads as text, the same in tables, downloads and prose."""

from __future__ import annotations


def format_value(value) -> str:
    """Plain text of a value: lists joined; a small record as its first field with the others in
    parentheses, e.g. {origin: Kenya, farms: 8} -> 'Kenya (8)'."""
    if isinstance(value, list):
        return ", ".join(format_value(v) for v in value)
    if isinstance(value, dict):
        first, *rest = [format_value(v) for v in value.values()] or [""]
        return f"{first} ({', '.join(rest)})" if rest else first
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def in_words(value) -> str:
    """Whole numbers below 10 as English words, as style guides ask in running text; others as is."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10:
        return NUMBER_WORDS[value]
    return format_value(value)
