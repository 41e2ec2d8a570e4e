"""Links from a number in the findings report to the table rows it was read from.

The report stays plain Markdown: a number is written as a link to its table, with the rows
named in the fragment (``table.csv#group=辽宁&domain=health``). On GitHub the link opens the
table; the findings site turns the same link into the table page filtered to those rows.

Examples
--------
>>> cite("21.6%", "priorities", group="辽宁", domain="elderly_care")
'[21.6%](../data/processed/priorities.csv#domain=elderly_care&group=%E8%BE%BD%E5%AE%81)'
>>> parse_fragment("domain=elderly_care&group=%E8%BE%BD%E5%AE%81")
{'domain': 'elderly_care', 'group': '辽宁'}
"""

from __future__ import annotations

from urllib.parse import quote, unquote

__all__ = ["cite", "parse_fragment"]


def cite(text: str, table: str, **where: object) -> str:
    """Markdown link from ``text`` (a number as shown) to the rows of ``table`` it comes from.

    Parameters
    ----------
    text : str
        The number as the report shows it.
    table : str
        Name of a table in ``data/processed`` without ``.csv``.
    **where
        Column = value filters that select the rows; keys are sorted so the link is
        deterministic.
    """
    query = "&".join(f"{k}={quote(str(v), safe='')}" for k, v in sorted(where.items()))
    target = f"../data/processed/{table}.csv" + (f"#{query}" if query else "")
    return f"[{text}]({target})"


def parse_fragment(fragment: str) -> dict[str, str]:
    """The column filters of a :func:`cite` link's fragment."""
    out = {}
    for part in fragment.split("&"):
        if part:
            key, _, value = part.partition("=")
            out[unquote(key)] = unquote(value)
    return out
