"""A tiny, deterministic SVG writer: same input, byte-identical output."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"


def num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def el(tag: str, text: str | None = None, **attrs) -> str:
    parts = [tag]
    for k, v in attrs.items():
        if v is None:
            continue
        name = k.rstrip("_").replace("_", "-")
        parts.append(f"{name}={quoteattr(num(v) if isinstance(v, float) else str(v))}")
    if text is None:
        return "<" + " ".join(parts) + "/>"
    return "<" + " ".join(parts) + ">" + escape(text) + f"</{tag}>"


def document(width: int, height: int, title: str, desc: str, body: list[str], ident: str) -> str:
    """A standalone SVG with an accessible name (title) and description (desc)."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'font-family="{FONT}" font-size="14">\n'
        f'<title id="{ident}-title">{escape(title)}</title>\n<desc id="{ident}-desc">{escape(desc)}</desc>\n'
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>\n' + "\n".join(body) + "\n</svg>\n"
    )
